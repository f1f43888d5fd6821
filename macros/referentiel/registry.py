"""One table for every fact several modules need about the data files.

- ``SHARED_FILES``: each shared file of ``data/`` → its model, the attribute of
  ``Referentiel`` that holds it, its list of statements (attribute and kind),
  the page that shows them and its key in the JSON export.
- ``ACTOR_DIR``/``ACTOR_MODEL``/``ACTOR_LISTS``: the actor files and their lists.
- ``SOURCES_DIR``/``SOURCE_MODEL``/``STATEMENT_MODEL``: one file per source (``sources/<id>.yaml``),
  and one file per statement that comes from a later source (``sources/<source>/<id>.yaml``).
- ``EXPORTS``: the site paths of the open-data files (hooks write them, the
  « Données » page links to them).
- ``CUSTOM_ERRORS`` (declared in ``model.py`` next to the validators that raise
  them, re-exported here): the model's own error types and their French message.

Nothing here imports MkDocs. Add a shared file or a kind of statement here
first; loader, validation, exports and views read it from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Union

from .model import (
    CUSTOM_ERRORS,
    FichierActeur,
    FichierAttentesCommunes,
    FichierEnonce,
    FichierEnseignements,
    FichierFreins,
    FichierGlossaire,
    FichierIntroduction,
    FichierLexique,
    FichierPrincipes,
    FichierReferentiel,
    FichierSource,
    FichierVersions,
    Strict,
)

__all__ = [
    "ACTOR_DIR", "ACTOR_LISTS", "ACTOR_MODEL", "CUSTOM_ERRORS", "EXPORTS", "FILE_MODELS", "KIND_LISTS",
    "SHARED_FILES", "SHARED_LISTS", "SOURCES_DIR", "SOURCE_MODEL", "STATEMENT_MODEL", "AnyFile", "Exports",
    "SharedFile", "model_for", "shared_file",
]


@dataclass(frozen=True)
class SharedFile:
    """One shared file of ``data/`` and everything the code needs to know about it."""

    nom: str  # file name, relative to data/
    modele: type[Strict]
    attribut: str  # attribute of Referentiel holding the validated file
    cle_export: str  # key in referentiel.json
    vide: dict[str, Any]  # fields of the empty stand-in used when the file failed validation
    liste: str | None = None  # attribute of the model holding its statements
    kind: str | None = None  # kind of those statements (anchor prefix, CSV « type »)
    page: str | None = None  # root-relative route of the page listing them

    def empty(self) -> Strict:
        return self.modele.model_construct(**self.vide)


_LIST = {"source": "", "titre": "", "texte": ""}

SHARED_FILES: tuple[SharedFile, ...] = (
    SharedFile("referentiel.yaml", FichierReferentiel, "meta", "referentiel",
               {"titre": "", "version": "", "description": "", "questions_preparation": []}),
    SharedFile("introduction.yaml", FichierIntroduction, "introduction", "introduction",
               {"source": "", "sections": [], "chiffres": []}),
    SharedFile("principes.yaml", FichierPrincipes, "principes", "principes",
               {**_LIST, "principes": [], "suite": None}, "principes", "principe", "principes/"),
    SharedFile("freins.yaml", FichierFreins, "freins", "freins",
               {**_LIST, "freins": [], "suite": None}, "freins", "frein", "freins/"),
    SharedFile("attentes-communes.yaml", FichierAttentesCommunes, "attentes_communes", "attentes_communes",
               {**_LIST, "attentes": []}, "attentes", "attente-commune", "attentes-communes/"),
    SharedFile("enseignements.yaml", FichierEnseignements, "enseignements", "enseignements",
               {"source": "", "titre": "", "enseignements": [], "conclusion": None},
               "enseignements", "enseignement", "enseignements/"),
    SharedFile("glossaire.yaml", FichierGlossaire, "glossaire", "glossaire", {"sigles": []}),
    SharedFile("lexique.yaml", FichierLexique, "lexique", "lexique", {"mots": []}),
    SharedFile("versions.yaml", FichierVersions, "versions", "versions", {"versions": []}),
)

SHARED_LISTS: tuple[SharedFile, ...] = tuple(f for f in SHARED_FILES if f.liste)
"""The shared files that hold statements, in reading order."""

FILE_MODELS: dict[str, type[Strict]] = {f.nom: f.modele for f in SHARED_FILES}

ACTOR_DIR = "acteurs"
ACTOR_MODEL = FichierActeur

# Each list of an actor file → the kind of its statements, in the order of the chapter.
ACTOR_LISTS: dict[str, str] = {
    "enjeux": "enjeu",
    "pouvoirs": "pouvoir",
    "attentes": "attente",
    "messages": "message",
    "verbatims": "verbatim",
    "encadres": "encadre",
}

# The kind of a statement → its list in an actor file (« attente » → « attentes »).
KIND_LISTS: dict[str, str] = {kind: name for name, kind in ACTOR_LISTS.items()}

# One file per source, and in the folder named after a source, one file per statement it brought.
SOURCES_DIR = "sources"
SOURCE_MODEL = FichierSource
STATEMENT_MODEL = FichierEnonce

AnyFile = Union[tuple(FILE_MODELS.values()) + (ACTOR_MODEL, SOURCE_MODEL, STATEMENT_MODEL)]  # noqa: UP007


def shared_file(name: str) -> SharedFile:
    """The entry of ``SHARED_FILES`` for a file name (``principes.yaml``) or a kind (``principe``)."""
    for entry in SHARED_FILES:
        if name in (entry.nom, entry.kind):
            return entry
    raise KeyError(f"fichier partagé inconnu : {name}")


def model_for(relative_path: str) -> type[Strict] | None:
    """The model that validates ``relative_path`` (posix, relative to data/)."""
    if re.fullmatch(rf"{ACTOR_DIR}/[^/]+\.yaml", relative_path):
        return ACTOR_MODEL
    if re.fullmatch(rf"{SOURCES_DIR}/[^/]+\.yaml", relative_path):
        return SOURCE_MODEL
    if re.fullmatch(rf"{SOURCES_DIR}/[^/]+/[^/]+\.yaml", relative_path):
        return STATEMENT_MODEL
    return FILE_MODELS.get(relative_path)


@dataclass(frozen=True)
class Exports:
    """Site paths of the open-data files (root-relative, no leading slash)."""

    json: str = "donnees/referentiel.json"
    csv: str = "donnees/referentiel.csv"
    schemas: str = "donnees/schema/"

    def schema(self, name: str) -> str:
        return f"{self.schemas}{name}"


EXPORTS = Exports()
