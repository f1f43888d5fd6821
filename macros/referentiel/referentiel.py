"""The référentiel once validated: all files together, with indexes.

Pure Python: no MkDocs, no Jinja. Views and exports read from this object.
Lookups every view needs (actors by id, backlinks from the shared lists) are
computed once per référentiel and cached here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterator, Union

from .caches import Borne
from .model import (
    Attente,
    Correction,
    Element,
    Encadre,
    Enonce,
    EnoncePartage,
    FichierActeur,
    FichierAttentesCommunes,
    FichierEnseignements,
    FichierFreins,
    FichierGlossaire,
    FichierIntroduction,
    FichierLexique,
    FichierPrincipes,
    FichierReferentiel,
    FichierVersions,
    Message,
    Note,
    SOURCE_TYPES,
    Provenance,
    Source,
    Verbatim,
)
from .registry import ACTOR_LISTS, SHARED_FILES, SHARED_LISTS

# At most this many values derived from one référentiel (``Referentiel.memo``): one a statement and
# a few a page split; 100× today's content holds about 70,000 statements.
MEMO_MAX = 200_000

SECTION_LABELS = {
    "chapeau": "Ouverture du chapitre",
    "enjeux": "Mes enjeux",
    "pouvoirs": "Mes pouvoirs",
    "attentes": "Mes attentes",
    "messages": "Mes messages",
}

# Every model a statement can be (Enonce covers EnonceActeur, Attente, Principe, AttenteCommune).
Statement = Union[Enonce, Message, Verbatim, Encadre]  # noqa: UP007


@dataclass(frozen=True)
class Entry:
    """One statement in the index: what it is, whose it is, where it comes from.

    The accessors below answer for every kind of statement (empty when the kind
    has no such field), so that callers never probe the model with ``getattr``.
    """

    id: str
    kind: str  # enjeu, pouvoir, attente, message, verbatim, encadre, principe, frein…
    statement: Statement
    acteur: str | None
    provenance: Provenance

    @property
    def titre(self) -> str | None:
        s = self.statement
        return s.titre if isinstance(s, (Enonce, Encadre)) else None

    @property
    def texte(self) -> str | None:
        return self.statement.texte

    @property
    def elements(self) -> list[Element]:
        s = self.statement
        return list(s.elements) if isinstance(s, (Enonce, Encadre)) else []

    @property
    def suite(self) -> str | None:
        s = self.statement
        return s.suite if isinstance(s, Enonce) else None

    @property
    def notes(self) -> list[Note]:
        s = self.statement
        return list(s.notes) if isinstance(s, Enonce) else []

    @property
    def envers(self) -> list[str]:
        """Actor ids an expectation addresses (``tous`` included as written)."""
        s = self.statement
        return list(s.envers) if isinstance(s, Attente) else []

    @property
    def destinataire(self) -> str | None:
        s = self.statement
        return s.destinataire if isinstance(s, Message) else None

    @property
    def concerne(self) -> list[str]:
        s = self.statement
        return list(s.concerne) if isinstance(s, (Verbatim, Encadre)) else []

    @property
    def derive_de(self) -> list[str]:
        """Ids of the actors' statements a shared statement restates."""
        s = self.statement
        return list(s.derive_de) if isinstance(s, EnoncePartage) else []

    @property
    def note_editoriale(self) -> str | None:
        s = self.statement
        return s.note_editoriale if isinstance(s, Enonce) else None

    @property
    def envers_editorial(self) -> str | None:
        """Why the editors chose the recipients, when the source names none."""
        s = self.statement
        return s.envers_editorial if isinstance(s, Attente) else None

    @property
    def corrections(self) -> list[Correction]:
        return list(self.statement.corrections)

    @property
    def alias(self) -> list[str]:
        return list(self.statement.alias)


@dataclass
class Referentiel:
    meta: FichierReferentiel
    acteurs: list[FichierActeur]
    introduction: FichierIntroduction
    principes: FichierPrincipes
    freins: FichierFreins
    attentes_communes: FichierAttentesCommunes
    enseignements: FichierEnseignements
    glossaire: FichierGlossaire
    lexique: FichierLexique
    versions: FichierVersions
    # Every source (data/sources/<id>.yaml): the original edition first, then by type, date and id.
    source_list: list[Source] = field(default_factory=list)
    index: dict[str, Entry] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    # Statement id → (its file, relative to the project: ``data/acteurs/elu.yaml``, the line of its ``id:``,
    # None for a statement of its own file that names no ``id:``). Filled by the loader, for the
    # « Modifier » links to GitHub's editor.
    emplacements: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    # Values the views derive from the whole référentiel (a statement's view, how an actor's
    # page is split, the tooltips' patterns), computed once per référentiel: ``memo(key, fn)``.
    # They live as long as it does (caches.py: a build, or a `make serve` session while the data
    # do not change); one entry a statement or a page split, bounded.
    _memo: Borne[Any] = field(default_factory=lambda: Borne(MEMO_MAX), repr=False, compare=False)

    def memo(self, key: Any, compute: Any) -> Any:
        """``compute()`` the first time ``key`` is asked, the same value afterwards."""
        return self._memo.obtenir(key, compute)

    @classmethod
    def build(cls, files: dict[str, Any], acteurs: list[FichierActeur], sources: list[Source] = ()) -> "Referentiel":
        """Index the files (file name → validated model, as in ``registry.SHARED_FILES``), the actors
        (each with the statements of later sources already in its lists) and the sources.

        A shared file that failed validation is replaced by an empty one, so that
        the cross-file checks can still run on the others."""
        ref = cls(
            acteurs=sorted(acteurs, key=lambda a: (a.numero, a.id)),
            source_list=sorted(sources, key=_source_order),
            **{f.attribut: files[f.nom] if f.nom in files else f.empty() for f in SHARED_FILES},
        )
        for entry in ref._entries():
            ref.index.setdefault(entry.id, entry)
            for alias in entry.alias:
                ref.aliases.setdefault(alias, entry.id)
        return ref

    # -- lookups ---------------------------------------------------------------

    @property
    def derniere_version(self):
        """The most recent published version (first of versions.yaml), or None if the file failed."""
        return self.versions.versions[0] if self.versions.versions else None

    @cached_property
    def sources(self) -> dict[str, Source]:
        return {s.id: s for s in self.source_list}

    def shared_file(self, name: str) -> Any:
        """The validated content of a shared file, by file name (``principes.yaml``)."""
        for entry in SHARED_FILES:
            if entry.nom == name:
                return getattr(self, entry.attribut)
        raise KeyError(f"fichier partagé inconnu : {name}")

    def shared_statements(self, name: str) -> list[Statement]:
        """The statements of a shared list file, by file name."""
        entry = next(f for f in SHARED_LISTS if f.nom == name)
        return list(getattr(self.shared_file(name), entry.liste))

    @cached_property
    def acteurs_par_id(self) -> dict[str, FichierActeur]:
        return {a.id: a for a in self.acteurs}

    def acteur(self, acteur_id: str) -> FichierActeur:
        try:
            return self.acteurs_par_id[acteur_id]
        except KeyError:
            raise KeyError(f"acteur inconnu : {acteur_id}") from None

    def autres(self, acteur_id: str) -> list[FichierActeur]:
        """Every actor but ``acteur_id``, in chapter order."""
        return [a for a in self.acteurs if a.id != acteur_id]

    @cached_property
    def backlinks(self) -> dict[str, list[str]]:
        """Statement id → ids of the shared statements that restate it (``derive_de``):
        common expectations, obstacles, lessons…, in the order of the shared lists."""
        out: dict[str, list[str]] = {}
        for entry in self.index.values():
            for target in entry.derive_de:
                out.setdefault(self.resolve(target), []).append(entry.id)
        return out

    def resolve(self, ident: str) -> str | None:
        """The current id for ``ident`` (itself, or the id it is an alias of)."""
        if ident in self.index:
            return ident
        return self.aliases.get(ident)

    def entry(self, ident: str) -> Entry:
        """The statement ``ident`` names (its id or a former id)."""
        return self.index[self.resolve(ident)]

    def entries(self, kind: str | None = None, acteur: str | None = None) -> list[Entry]:
        return [
            e
            for e in self.index.values()
            if (kind is None or e.kind == kind) and (acteur is None or e.acteur == acteur)
        ]

    # -- construction ------------------------------------------------------------

    def _entries(self) -> Iterator[Entry]:
        for acteur in self.acteurs:
            chapter = f"Chapitre {acteur.numero} : {acteur.titre}"
            for attr, kind in ACTOR_LISTS.items():
                for item in getattr(acteur, attr):
                    section = SECTION_LABELS.get(attr) or SECTION_LABELS[item.section]
                    yield Entry(
                        id=item.id,
                        kind=kind,
                        statement=item,
                        acteur=acteur.id,
                        provenance=_provenance(item, acteur.source, f"{chapter} › {section}"),
                    )
        for shared in SHARED_LISTS:
            model = self.shared_file(shared.nom)
            section = self._section_of_list(shared.nom)
            for item in self.shared_statements(shared.nom):
                yield Entry(
                    id=item.id,
                    kind=shared.kind,
                    statement=item,
                    acteur=None,
                    provenance=_provenance(item, model.source, section),
                )

    def _section_of_list(self, name: str) -> str:
        """Where a shared list is printed: the titled introduction section that inserts it
        (``bloc``), else the list's own title — unless that title is the editors'."""
        stem = name.removesuffix(".yaml")
        pending = list(self.introduction.sections)
        while pending:
            section = pending.pop(0)
            if section.bloc == stem and section.titre and not section.titre_editorial:
                return section.titre
            pending.extend(section.sous_sections)
        return self.shared_file(name).titre


def _source_order(source: Source) -> tuple:
    return (source.edition != "originale", SOURCE_TYPES.index(source.type), source.date, source.id)


def _provenance(item: Statement, default_document: str, default_section: str) -> Provenance:
    """The statement's own provenance, completed by the file's defaults. The file's section (a chapter
    of the publication) is a section of the file's source only: a statement from another source
    (a peer-group day) gets no section it does not name."""
    own = item.source
    if own is None:
        return Provenance(document=default_document, section=default_section)
    if own.section is None and own.document == default_document:
        return Provenance(document=own.document, section=default_section, page=own.page)
    return own
