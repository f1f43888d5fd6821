"""Pure functions from the référentiel to view objects (plain dataclasses).

Templates only place what these return: no grouping, counting, sorting,
wording or linking happens in Jinja. Nothing here imports MkDocs or Jinja.

One concept a module (see ARCHITECTURE.md):

- ``routes``: every URL and anchor, the pages generated from the data;
- ``statements``: the view of one statement (label, layout, links, source);
- ``actors``: the page of one actor;
- ``cross``: the matrix, the pairs and « Ma fiche »;
- ``diagram``: the home page diagram;
- ``texts``: sections, shared lists, personas, glossary, sources, figures, open data;
- French formatting lives one level up, in ``referentiel.francais`` (shared with the error messages).
"""

from __future__ import annotations

from .actors import ActeurVue, GroupeAttentes, PartieVue, Placement, Rubrique, acteur_vue, groupes_attentes, partie_vue
from .cross import Cellule, Fiche, Matrice, Paire, attentes_envers, cellule, fiche, index_paires, matrice, paire
from .diagram import Diagramme, diagramme
from ..francais import date_fr, pluriel
from .routes import SEUIL, PageGeneree, decoupage, pages_generees, paire_slug, paires
from .statements import KINDS, EnonceVue, Lien, enonce
from .texts import (
    chiffres,
    donnees,
    glossaire,
    glossary_titles,
    liste_partagee,
    personas,
    sections,
    sources,
)

__all__ = [
    "KINDS", "ActeurVue", "Cellule", "Diagramme", "EnonceVue", "Fiche", "GroupeAttentes", "Lien", "Matrice",
    "PageGeneree", "Paire", "Placement", "Rubrique", "acteur_vue", "attentes_envers", "cellule", "chiffres",
    "date_fr", "diagramme", "donnees", "enonce", "fiche", "glossaire", "glossary_titles", "groupes_attentes",
    "index_paires", "liste_partagee", "matrice", "pages_generees", "paire", "paire_slug", "paires", "personas",
    "pluriel", "sections", "sources", "PartieVue", "partie_vue", "SEUIL", "decoupage",
]
