"""Permanent ids for the blocks of the authors' text that are not statements.

Statements and introduction sections carry their own ``id`` in the data. The
other blocks of the authors' text — a chapter's title, persona, chapeau,
introduction, profile and section chapeaux, a shared list's introduction and
follow-up, the lessons' conclusion — get an id derived from the permanent id
of what holds them and from the field's name, never from a position:

=====================================  ==========================================
block                                  id
=====================================  ==========================================
chapter title (``titre``)              ``<acteur>-titre``
``persona``                            ``<acteur>-persona``
``chapeau``                            ``<acteur>-chapeau``
``introduction``                       ``<acteur>-introduction``
``profil``                             ``<acteur>-profil``
``chapeaux.<rubrique>``                ``<acteur>-chapeau-<rubrique>``
shared list ``titre`` and ``texte``    ``<liste>-introduction``
shared list ``suite``                  ``<liste>-suite``
lessons ``titre``                      ``enseignements-introduction``
lessons ``conclusion``                 ``enseignements-conclusion``
=====================================  ==========================================

where ``<liste>`` is ``principes``, ``freins`` or ``attentes-communes``. These
ids are as stable as the actor's id and the field names: renaming either
breaks links. The validator refuses a statement or section id that collides
with one of them.

This module imports nothing from MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .model import FichierActeur, FichierEnseignements

if TYPE_CHECKING:
    from .referentiel import Referentiel

# Shared list files whose introduction and follow-up are authors' blocks → id prefix.
LIST_PREFIXES = {
    "principes.yaml": "principes",
    "freins.yaml": "freins",
    "attentes-communes.yaml": "attentes-communes",
}

RUBRIQUES = ("enjeux", "pouvoirs", "attentes", "messages")


@dataclass(frozen=True)
class BlocAuteurs:
    """A block of the authors' text that is not a statement, with its derived id."""

    id: str
    fichier: str
    """The data file, relative to data/ (posix)."""
    chemins: tuple[tuple[str, ...], ...]
    """Where the block is in that file: every value under these paths belongs to it."""


def blocs_acteur(fichier: FichierActeur) -> list[BlocAuteurs]:
    """The blocks of one actor's chapter that are not statements."""
    rel = f"acteurs/{fichier.id}.yaml"
    a = fichier.id
    blocs = [
        BlocAuteurs(f"{a}-titre", rel, (("titre",),)),
        BlocAuteurs(f"{a}-persona", rel, (("persona",),)),
    ]
    if fichier.chapeau:
        blocs.append(BlocAuteurs(f"{a}-chapeau", rel, (("chapeau",),)))
    blocs += [
        BlocAuteurs(f"{a}-introduction", rel, (("introduction",),)),
        BlocAuteurs(f"{a}-profil", rel, (("profil",),)),
    ]
    for rubrique in RUBRIQUES:
        if getattr(fichier.chapeaux, rubrique):
            blocs.append(BlocAuteurs(f"{a}-chapeau-{rubrique}", rel, (("chapeaux", rubrique),)))
    return blocs


def blocs_liste(rel: str, fichier: Any) -> list[BlocAuteurs]:
    """The introduction and follow-up of a shared list file (principes, freins…)."""
    prefix = LIST_PREFIXES[rel]
    blocs = [BlocAuteurs(f"{prefix}-introduction", rel, (("titre",), ("texte",)))]
    if getattr(fichier, "suite", None):
        blocs.append(BlocAuteurs(f"{prefix}-suite", rel, (("suite",),)))
    return blocs


def blocs_enseignements(fichier: FichierEnseignements) -> list[BlocAuteurs]:
    rel = "enseignements.yaml"
    blocs = [BlocAuteurs("enseignements-introduction", rel, (("titre",),))]
    if fichier.conclusion:
        blocs.append(BlocAuteurs("enseignements-conclusion", rel, (("conclusion",),)))
    return blocs


def blocs_partages(rel: str, fichier: Any) -> list[BlocAuteurs]:
    """The blocks around a shared list (principes, freins, attentes communes, enseignements):
    its introduction first, then its follow-up or conclusion if it has one."""
    return blocs_enseignements(fichier) if rel == "enseignements.yaml" else blocs_liste(rel, fichier)


def blocs_auteurs(ref: "Referentiel") -> list[BlocAuteurs]:
    """Every block of the authors' text that is not a statement or a section, in reading order."""
    blocs: list[BlocAuteurs] = []
    for acteur in ref.acteurs:
        blocs += blocs_acteur(acteur)
    for rel in LIST_PREFIXES:
        blocs += blocs_liste(rel, ref.shared_file(rel))
    blocs += blocs_enseignements(ref.enseignements)
    return blocs
