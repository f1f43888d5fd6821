"""Pure functions from the référentiel to view objects (plain dataclasses).

Templates only place what these return: no grouping, counting, sorting,
wording or linking happens in Jinja. Nothing here imports MkDocs or Jinja.

One concept a module (see ARCHITECTURE.md):

- ``routes``: every URL and anchor, the pages generated from the data;
- ``statements``: the view of one statement (label, layout, links, source);
- ``actors``: the page of one actor;
- ``cross``: the matrix, the pairs and « Ma fiche »;
- ``diagram``: the home page diagram;
- ``propositions``: the contributors' links to GitHub (« Modifier », « Proposer »);
- ``nouveautes``: what each version added or changed, the footer's edition line;
- ``salle``: the room: the messages wall, the statement cards;
- ``projection``: projection mode in words: the keys, the links an animator prepares;
- ``fidelity``: the marks of the editors' words, the corrections, the transcription rules;
- ``texts``: sections, shared lists, personas, glossary, sources, figures, open data;
- French formatting lives one level up, in ``referentiel.francais`` (shared with the error messages).
"""

from __future__ import annotations

from .actors import ActeurVue, GroupeAttentes, PartieVue, Placement, Rubrique, acteur_vue, groupes_attentes, partie_vue
from .cross import CaseVue, Cellule, Fiche, Matrice, Paire, Renvoi, case, cellule, fiche, index_paires, matrice, paire
from .diagram import Diagramme, diagramme
from .fidelity import TRANSCRIPTION, Regle
from .projection import AIDE_PROJECTION, SUITE_CASE, TOUCHES, LienProjection, Touche, liens_projection
from .salle import Carte, Mur, Planche, cartes, mur, planches, sommaire_cartes
from ..francais import date_fr, pluriel
from .nouveautes import Alias, Nouveautes, VersionVue, alias, edition_texte, nouveautes
from .routes import (
    SEUIL,
    PageGeneree,
    Redirection,
    attentes_envers,
    decoupage,
    pages_case,
    pages_generees,
    paire_slug,
    paires,
    redirections,
)
from .statements import KINDS, EnonceVue, Lien, enonce
from .texts import (
    chiffres,
    donnees,
    glossaire,
    glossary_titles,
    lexicon_titles,
    lexique,
    liste_partagee,
    personas,
    sections,
    sources,
)

__all__ = [
    "KINDS", "Alias", "alias", "ActeurVue", "Carte", "Cellule", "Diagramme", "EnonceVue", "Fiche", "GroupeAttentes",
    "Lien", "Matrice", "Mur", "Nouveautes", "PageGeneree", "Paire", "Planche", "Placement", "Redirection", "Rubrique",
    "VersionVue", "acteur_vue", "attentes_envers", "cartes", "cellule", "chiffres", "date_fr", "diagramme", "donnees",
    "edition_texte", "enonce", "fiche", "glossaire", "glossary_titles", "groupes_attentes", "index_paires",
    "liens_projection", "lexicon_titles", "lexique", "liste_partagee", "matrice", "mur", "nouveautes", "pages_generees", "paire",
    "paire_slug", "paires", "personas", "planches", "redirections",
    "PartieVue", "partie_vue", "SEUIL", "decoupage",
    "CaseVue", "Renvoi", "case", "pages_case", "sommaire_cartes",
    "pluriel", "sections", "sources", "Regle", "TRANSCRIPTION",
    "AIDE_PROJECTION", "SUITE_CASE", "TOUCHES", "LienProjection", "Touche",
]
