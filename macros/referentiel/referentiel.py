"""The référentiel once validated: all files together, with indexes.

Pure Python: no MkDocs, no Jinja. Views and exports read from this object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from .model import (
    FichierActeur,
    FichierAttentesCommunes,
    FichierEnseignements,
    FichierFreins,
    FichierGlossaire,
    FichierIntroduction,
    FichierPrincipes,
    FichierReferentiel,
    FichierSources,
    Provenance,
    Source,
)

SECTION_LABELS = {
    "chapeau": "Ouverture du chapitre",
    "enjeux": "Mes enjeux",
    "pouvoirs": "Mes pouvoirs",
    "attentes": "Mes attentes",
    "messages": "Mes messages",
}

# Kind of each actor list, in the singular, as used in exports and anchors.
ACTOR_KINDS = {
    "enjeux": "enjeu",
    "pouvoirs": "pouvoir",
    "attentes": "attente",
    "messages": "message",
    "verbatims": "verbatim",
    "encadres": "encadre",
}

SHARED_KINDS = {
    "principes.yaml": ("principes", "principe"),
    "freins.yaml": ("freins", "frein"),
    "attentes-communes.yaml": ("attentes", "attente-commune"),
    "enseignements.yaml": ("enseignements", "enseignement"),
}


@dataclass(frozen=True)
class Entry:
    """One statement in the index: what it is, whose it is, where it comes from."""

    id: str
    kind: str  # enjeu, pouvoir, attente, message, verbatim, encadre, principe, frein…
    statement: Any
    acteur: str | None
    provenance: Provenance


@dataclass
class Referentiel:
    meta: FichierReferentiel
    sources: dict[str, Source]
    acteurs: list[FichierActeur]
    introduction: FichierIntroduction
    principes: FichierPrincipes
    freins: FichierFreins
    attentes_communes: FichierAttentesCommunes
    enseignements: FichierEnseignements
    glossaire: FichierGlossaire
    source_list: list[Source] = field(default_factory=list)  # as written, duplicates included
    index: dict[str, Entry] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, files: dict[str, Any], acteurs: list[FichierActeur]) -> "Referentiel":
        """Index the files. A shared file that failed validation is replaced by an empty
        one, so that the cross-file checks can still run on the others."""
        files = {**_EMPTY_FILES, **files}
        ref = cls(
            meta=files["referentiel.yaml"],
            sources={s.id: s for s in files["sources.yaml"].sources},
            acteurs=sorted(acteurs, key=lambda a: (a.numero, a.id)),
            introduction=files["introduction.yaml"],
            principes=files["principes.yaml"],
            freins=files["freins.yaml"],
            attentes_communes=files["attentes-communes.yaml"],
            enseignements=files["enseignements.yaml"],
            glossaire=files["glossaire.yaml"],
            source_list=list(files["sources.yaml"].sources),
        )
        for entry in ref._entries():
            ref.index.setdefault(entry.id, entry)
            for alias in entry.statement.alias:
                ref.aliases.setdefault(alias, entry.id)
        return ref

    # -- lookups ---------------------------------------------------------------

    def shared_file(self, name: str) -> Any:
        return {
            "principes.yaml": self.principes,
            "freins.yaml": self.freins,
            "attentes-communes.yaml": self.attentes_communes,
            "enseignements.yaml": self.enseignements,
            "introduction.yaml": self.introduction,
        }[name]

    def acteur(self, acteur_id: str) -> FichierActeur:
        for acteur in self.acteurs:
            if acteur.id == acteur_id:
                return acteur
        raise KeyError(f"acteur inconnu : {acteur_id}")

    def resolve(self, ident: str) -> str | None:
        """The current id for ``ident`` (itself, or the id it is an alias of)."""
        if ident in self.index:
            return ident
        return self.aliases.get(ident)

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
            for attr, kind in ACTOR_KINDS.items():
                for item in getattr(acteur, attr):
                    section = SECTION_LABELS.get(attr) or SECTION_LABELS[item.section]
                    yield Entry(
                        id=item.id,
                        kind=kind,
                        statement=item,
                        acteur=acteur.id,
                        provenance=_provenance(item, acteur.source, f"{chapter} › {section}"),
                    )
        for name, (attr, kind) in SHARED_KINDS.items():
            model = self.shared_file(name)
            for item in getattr(model, attr):
                yield Entry(
                    id=item.id,
                    kind=kind,
                    statement=item,
                    acteur=None,
                    provenance=_provenance(item, model.source, model.titre),
                )


_EMPTY_FILES: dict[str, Any] = {
    "referentiel.yaml": FichierReferentiel.model_construct(titre="", version="", description=""),
    "sources.yaml": FichierSources.model_construct(sources=[]),
    "introduction.yaml": FichierIntroduction.model_construct(source="", sections=[], chiffres=[]),
    "principes.yaml": FichierPrincipes.model_construct(source="", titre="", texte="", principes=[], suite=None),
    "freins.yaml": FichierFreins.model_construct(source="", titre="", texte="", freins=[], suite=None),
    "attentes-communes.yaml": FichierAttentesCommunes.model_construct(source="", titre="", texte="", attentes=[]),
    "enseignements.yaml": FichierEnseignements.model_construct(source="", titre="", enseignements=[], conclusion=None),
    "glossaire.yaml": FichierGlossaire.model_construct(sigles=[]),
}


def _provenance(item: Any, default_document: str, default_section: str) -> Provenance:
    """The statement's own provenance, completed by the file's defaults."""
    own = item.source
    if own is None:
        return Provenance(document=default_document, section=default_section)
    if own.section is None:
        return Provenance(document=own.document, section=default_section, page=own.page)
    return own
