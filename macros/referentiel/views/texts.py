"""The shared texts: introduction sections, shared lists (principles, obstacles…),
personas, glossary, sources, key figures and the open-data page.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..markup import paragraphs, plain
from ..blocs import blocs_partages
from ..model import SCHEMA_VERSION, Section
from ..referentiel import Referentiel
from ..registry import EXPORTS, shared_file
from ..schema import schema_files
from ..francais import accord, date_fr, milliers, plier, pluriel
from .fidelity import DETAIL_REFORMULE, TITRE_AJOUTE, BlocVue, CorrectionVue, Editoriale, bloc, corrections_vue, editoriale
from .routes import enonce_href, fiche_href, liste_href, mot_ancre, sigle_ancre, source_ancre, source_href
from .statements import ActeurLien, ElementVue, EnonceVue, Lien, acteur_lien, elements_vue, enonce

# -- introduction and about pages ---------------------------------------------------


@dataclass(frozen=True)
class BlocPartage:
    """A shared list (freins, principes) inserted in a section: its text is written once."""

    titre: str
    editorial: Editoriale | None
    href: str
    paragraphes: list[str]
    items: list[Lien]
    suite: list[str]


@dataclass(frozen=True)
class SectionVue:
    id: str | None
    titre: str | None
    titre_simple: str
    editorial: Editoriale | None
    corrections: list[CorrectionVue]
    paragraphes: list[str]
    citation: list[str]
    citation_attribution: str | None
    bloc: BlocPartage | None
    elements: list[ElementVue]
    suite: list[str]
    notes: list[str]
    sous_sections: list["SectionVue"]


def bloc_partage(ref: Referentiel, name: str) -> BlocPartage:
    """``name`` is a list file's stem: ``freins`` or ``principes``."""
    shared = shared_file(f"{name}.yaml")
    model = ref.shared_file(shared.nom)
    return BlocPartage(
        titre=model.titre,
        editorial=editoriale(TITRE_AJOUTE, model.titre_editorial),
        href=liste_href(shared.kind),
        paragraphes=paragraphs(model.texte),
        items=[Lien(texte=plain(i.titre), href=enonce_href(ref, i.id)) for i in ref.shared_statements(shared.nom)],
        suite=paragraphs(model.suite),
    )


def section_vue(ref: Referentiel, section: Section) -> SectionVue:
    return SectionVue(
        id=section.id,
        titre=section.titre,
        titre_simple=plain(section.titre or ref.shared_file(f"{section.bloc}.yaml").titre),
        editorial=editoriale(TITRE_AJOUTE, section.titre_editorial),
        corrections=corrections_vue(section.corrections),
        paragraphes=paragraphs(section.texte),
        citation=paragraphs(section.citation.texte) if section.citation else [],
        citation_attribution=section.citation.attribution if section.citation else None,
        bloc=bloc_partage(ref, section.bloc) if section.bloc else None,
        elements=elements_vue(section.elements),
        suite=paragraphs(section.suite),
        notes=[n.texte for n in section.notes],
        sous_sections=[section_vue(ref, s) for s in section.sous_sections],
    )


def sections(ref: Referentiel, ids: list[str]) -> list[SectionVue]:
    by_id = {s.id: s for s in ref.introduction.sections}
    missing = [i for i in ids if i not in by_id]
    if missing:
        raise KeyError(f"sections inconnues : {', '.join(missing)}")
    return [section_vue(ref, by_id[i]) for i in ids]


# -- shared lists ----------------------------------------------------------------------


@dataclass(frozen=True)
class ListePartagee:
    titre: str
    introduction: BlocVue  # the list's title and the text before it
    enonces: list[EnonceVue]
    suite: BlocVue | None  # the text after it (the lessons' conclusion)


def liste_partagee(ref: Referentiel, kind: str) -> ListePartagee:
    """principe, frein, attente-commune or enseignement: the page of that list."""
    nom = shared_file(kind).nom
    model = ref.shared_file(nom)
    ids = [b.id for b in blocs_partages(nom, model)]
    return ListePartagee(
        titre=model.titre,
        introduction=bloc(ids[0], model.texte_avant, titre=model.titre, titre_editorial=model.titre_editorial),
        enonces=[enonce(ref, i.id) for i in ref.shared_statements(nom)],
        suite=bloc(ids[1], model.texte_apres) if model.texte_apres else None,
    )


# -- actors as characters ------------------------------------------------------------


@dataclass(frozen=True)
class PersonaVue:
    acteur: ActeurLien
    presentation: str
    description: list[str]
    titre: str
    fiche_href: str
    numero: int


def personas(ref: Referentiel) -> list[PersonaVue]:
    return [
        PersonaVue(
            acteur=acteur_lien(a),
            presentation=a.persona.presentation,
            description=paragraphs(a.persona.description),
            titre=a.titre,
            fiche_href=fiche_href(a.id),
            numero=a.numero,
        )
        for a in ref.acteurs
    ]


# -- glossary --------------------------------------------------------------------------


@dataclass(frozen=True)
class SigleVue:
    id: str
    sigle: str
    developpement: str
    definition: str | None


def glossaire(ref: Referentiel) -> list[SigleVue]:
    return [
        SigleVue(id=sigle_ancre(s.sigle), sigle=s.sigle, developpement=s.developpement, definition=s.definition)
        for s in sorted(ref.glossaire.sigles, key=lambda s: s.sigle)
    ]


def glossary_titles(ref: Referentiel) -> dict[str, str]:
    """Sigle → the text of its tooltip."""
    return {s.sigle: plain(s.developpement) for s in ref.glossaire.sigles}


@dataclass(frozen=True)
class MotVue:
    id: str  # anchor on the glossary page
    mot: str
    definition: str
    source: str  # « Source : … », the publication (with its page) or the public reference
    source_href: str | None  # link to the publication's entry on « À propos », if it is one


def _source_mot(ref: Referentiel, mot) -> tuple[str, str | None]:
    if mot.source.reference:
        return mot.source.reference, None
    doc = ref.sources[mot.source.document]
    label = f"{plain(doc.titre).rstrip('.')} ({doc.date[:4]})"
    if mot.source.page:
        label += f", p. {mot.source.page}"
    return label, source_href(doc.id)


def lexique(ref: Referentiel) -> list[MotVue]:
    out = []
    for m in sorted(ref.lexique.mots, key=lambda m: plier(m.mot)):
        texte, href = _source_mot(ref, m)
        out.append(MotVue(id=mot_ancre(m.id), mot=m.mot, definition=m.definition, source=texte, source_href=href))
    return out


def lexicon_titles(ref: Referentiel) -> dict[str, tuple[str, str]]:
    """Every form of every word (« déconcentrés ») → (the word's id, the text of its tooltip)."""
    out: dict[str, tuple[str, str]] = {}
    for m in ref.lexique.mots:
        title = f"{m.mot} : {plain(m.definition)}"
        for form in [m.mot, *m.formes]:
            out[form] = (m.id, title)
    return out


# -- sources and figures -----------------------------------------------------------------


@dataclass(frozen=True)
class CreditVue:
    role: str
    texte: str


@dataclass(frozen=True)
class SourceVue:
    id: str
    titre: str
    sous_titre: str | None
    description: list[str]
    credits: list[CreditVue]
    enonces: str  # « 12 énoncés du référentiel en proviennent »
    mention: str  # « La Fabrique des transitions, juillet 2022. 12 énoncés du référentiel en proviennent. »


def _mention(s, enonces: str) -> str:
    """Who published the source, when and where, and what the référentiel owes it, in one line."""
    lieu = "".join([f"{s.editeur}, " if s.editeur else "", date_fr(s.date), f", {s.lieu}" if s.lieu else "",
                    f" — animé par {s.organisation}" if s.organisation else ""])
    return f"{lieu}. {enonces}."


def _issus(count: int) -> str:
    if count == 0:
        return "Aucun énoncé du référentiel n'en provient"
    return f"{pluriel(count, 'énoncé')} du référentiel {accord(count, 'en provient', 'en proviennent')}"


def sources(ref: Referentiel) -> list[SourceVue]:
    out = []
    for s in ref.sources.values():
        enonces = _issus(sum(1 for e in ref.index.values() if e.provenance.document == s.id))
        out.append(SourceVue(
            id=source_ancre(s.id),
            titre=s.titre,
            sous_titre=s.sous_titre,
            description=paragraphs(s.description),
            credits=[CreditVue(role=c.role, texte=c.texte) for c in s.credits],
            enonces=enonces,
            mention=_mention(s, enonces),
        ))
    return out


@dataclass(frozen=True)
class ChiffreVue:
    id: str
    valeur: str
    libelle: str
    detail: str | None
    editorial: Editoriale | None  # the detail paraphrases the source


def chiffres(ref: Referentiel) -> list[ChiffreVue]:
    return [
        ChiffreVue(id=c.id, valeur=milliers(c.valeur), libelle=c.libelle, detail=c.detail,
                   editorial=editoriale(DETAIL_REFORMULE, c.detail_editorial))
        for c in ref.introduction.chiffres
    ]


# -- open data -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DonneesVue:
    version: str
    schema_version: str
    json_href: str
    csv_href: str
    lignes: str  # « 212 lignes »
    schemas: list[Lien]


def donnees(ref: Referentiel) -> DonneesVue:
    return DonneesVue(
        version=ref.meta.version,
        schema_version=SCHEMA_VERSION,
        json_href=EXPORTS.json,
        csv_href=EXPORTS.csv,
        lignes=pluriel(len(ref.index), "ligne"),
        schemas=[Lien(texte=name, href=EXPORTS.schema(name)) for name in schema_files()],
    )
