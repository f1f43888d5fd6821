"""The view of one statement: its text, its links, its source, how it is laid out.

``enonce(ref, ident)`` is what every page shows about a statement. The kind
of a statement decides its label and its layout (``gabarit``): the template
only follows the name it is given.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..markup import paragraphs, plain
from ..model import Element, FichierActeur, Source
from ..referentiel import Entry, Referentiel
from ..francais import date_fr, debut, extrait, les_autres
from .fidelity import DESTINATAIRE_DEDUIT, RAPPROCHEMENTS, CorrectionVue, Editoriale, corrections_vue, editoriale
from .propositions import LienExterne, modifier
from .routes import TOUS, TOUS_LES_ACTEURS, acteur_href, enonce_href, page_of, source_href


ORIGINALE = "originale"  # the values of Source.edition
ENRICHISSEMENT = "enrichissement"


@dataclass(frozen=True)
class Genre:
    """What the pages need to know about one kind of statement."""

    libelle: str
    gabarit: str  # the macro of _enonce.html that lays it out: article, bulle or encadre
    reprend: str = "S'appuie sur"  # introduces the actors' statements it restates (derive_de)


KINDS: dict[str, Genre] = {
    "enjeu": Genre("Enjeu", "article"),
    "pouvoir": Genre("Pouvoir", "article"),
    "attente": Genre("Attente", "article"),
    "message": Genre("Message", "bulle"),
    "verbatim": Genre("Parole", "bulle"),
    "encadre": Genre("Encadré", "encadre"),
    "principe": Genre("Principe directeur", "article"),
    "frein": Genre("Frein commun", "article"),
    "attente-commune": Genre("Attente commune", "article", reprend="Synthétise"),
    "enseignement": Genre("Enseignement", "article"),
}


@dataclass(frozen=True)
class Lien:
    texte: str
    href: str
    detail: str = ""


@dataclass(frozen=True)
class ActeurLien:
    id: str
    court: str
    pluriel: str
    les: str
    des: str
    href: str
    persona: str


@dataclass(frozen=True)
class ElementVue:
    id: str | None
    titre: str | None
    paragraphes: list[str]
    notes: list[str]


@dataclass(frozen=True)
class EnonceVue:
    """Everything a page shows about one statement."""

    id: str
    kind: str
    kind_label: str
    gabarit: str  # article, bulle or encadre (see KINDS)
    titre: str | None
    titre_simple: str
    paragraphes: list[str]
    debut: str  # the first paragraph, with « … » when more follow
    tronque: bool  # ``debut`` is not the whole text: a « Lire la suite » link is worth showing
    elements: list[ElementVue]
    suite: list[str]
    notes: list[str]
    href: str
    source: Lien
    acteur: ActeurLien | None
    envers: list[ActeurLien] = field(default_factory=list)
    envers_tous: bool = False
    destinataire: ActeurLien | None = None
    derive_de: list[Lien] = field(default_factory=list)
    reprend: str = ""  # « Synthétise », « S'appuie sur »: introduces derive_de
    repris_dans: list[Lien] = field(default_factory=list)  # shared statements restating it (detail: their kind)
    liens_editoriaux: Editoriale | None = None  # the mark of derive_de and repris_dans: the editors' links
    alias: list[str] = field(default_factory=list)
    note_editoriale: str | None = None
    envers_editorial: Editoriale | None = None
    corrections: list[CorrectionVue] = field(default_factory=list)
    modifier: LienExterne | None = None  # GitHub's editor at the statement's line
    origine: str = ORIGINALE  # « originale » (the 2022 publication) or « enrichissement »: what the filter reads
    origine_libelle: str | None = None  # said next to the source of an enrichment
    enrichissement: str | None = None  # where the statement is listed (matrix, pair, fiche, card): its source in words


def acteur_lien(acteur: FichierActeur) -> ActeurLien:
    return ActeurLien(
        id=acteur.id,
        court=acteur.libelles.court,
        pluriel=acteur.libelles.pluriel,
        les=acteur.libelles.les,
        des=acteur.libelles.des,
        href=acteur_href(acteur.id),
        persona=acteur.persona.nom,
    )


def envers_titre(de: FichierActeur, cible: FichierActeur | None, pairs: str = "les pairs") -> str:
    """The heading of ``de``'s expectations toward ``cible``: « Envers les agents de l'État »,
    « Envers les autres élus (les pairs) » toward its own peers, « Envers tous les acteurs » (None)."""
    if cible is None:
        return f"Envers {TOUS_LES_ACTEURS}"
    if cible.id == de.id:
        return f"Envers {les_autres(de.libelles.les)} ({pairs})"
    return f"Envers {cible.libelles.les}"


def source_texte(source: Source) -> str:
    """How a statement's source line names its source: a peer-group day by its place, full date and
    animating organisation; a publication by its title and year."""
    titre = plain(source.titre).rstrip(".")
    if source.type == "journee":
        return f"{titre}, {source.lieu}, {date_fr(source.date)}, animée par {plain(source.organisation)}"
    return f"{titre} ({source.date[:4]})"


def source_courte(source: Source) -> str:
    """The same, short enough to follow a title in a list: « journée du 14 mars 2027, Lyon »."""
    if source.type == "journee":
        return f"journée du {date_fr(source.date)}, {source.lieu}"
    return f"{plain(source.titre).rstrip('.')} ({source.date[:4]})"


def marque_enrichissement(ref: Referentiel, entry: Entry) -> str | None:
    """« Enrichissement : journée du 14 mars 2027, Lyon » for a statement that does not come from the
    original edition; None for the publication's own."""
    source = ref.sources[entry.provenance.document]
    return None if source.edition == ORIGINALE else f"Enrichissement : {source_courte(source)}"


def source_lien(ref: Referentiel, entry: Entry) -> Lien:
    source = ref.sources[entry.provenance.document]
    label = source_texte(source)
    detail = entry.provenance.section or ""
    if entry.provenance.page:
        detail += f", p. {entry.provenance.page}"
    return Lien(texte=label, href=source_href(source.id), detail=detail)


def origine(ref: Referentiel, entry: Entry) -> str:
    """Whether the statement comes from the original publication or enriches it (its source's ``edition``)."""
    return ref.sources[entry.provenance.document].edition


def elements_vue(items: list[Element]) -> list[ElementVue]:
    return [
        ElementVue(id=e.id, titre=e.titre, paragraphes=paragraphs(e.texte), notes=[n.texte for n in e.notes])
        for e in items
    ]


def titre_simple(entry: Entry) -> str:
    """The statement's title as plain text, or the start of its text when it has none."""
    return plain(entry.titre) if entry.titre else extrait(plain(entry.texte or ""))


def proprietaire(ref: Referentiel, entry: Entry) -> str:
    """« Élus · attente »: whose statement it is, for links from shared pages."""
    if not entry.acteur:
        return ""
    return f"{ref.acteur(entry.acteur).libelles.court} · {KINDS[entry.kind].libelle.lower()}"


def lien(ref: Referentiel, ident: str, detail: bool = False) -> Lien:
    """A link to a statement, named by its plain title (and its owner with ``detail``)."""
    entry = ref.entry(ident)
    return Lien(
        texte=titre_simple(entry),
        href=enonce_href(ref, ident),
        detail=proprietaire(ref, entry) if detail else "",
    )


def repris(ref: Referentiel, ident: str) -> Lien:
    """A link to a shared statement restating another, named with its kind (« attente commune »)."""
    return Lien(texte=titre_simple(ref.entry(ident)), href=enonce_href(ref, ident),
                detail=KINDS[ref.entry(ident).kind].libelle.lower())


def enonce(ref: Referentiel, ident: str) -> EnonceVue:
    """The view of one statement, by id (or former id): built once per référentiel, shared by
    every page that shows it (its actor's page, the matrix, the pairs, the fiches…)."""
    return ref.memo(("enonce", ident), lambda: _enonce(ref, ident))


def _enonce(ref: Referentiel, ident: str) -> EnonceVue:
    entry = ref.entry(ident)
    actors = ref.acteurs_par_id
    paragraphes = paragraphs(entry.texte)
    genre = KINDS[entry.kind]
    return EnonceVue(
        id=entry.id,
        kind=entry.kind,
        kind_label=genre.libelle,
        gabarit=genre.gabarit,
        titre=entry.titre,
        titre_simple=titre_simple(entry),
        paragraphes=paragraphes,
        debut=debut(paragraphes),
        tronque=len(paragraphes) > 1,
        elements=elements_vue(entry.elements),
        suite=paragraphs(entry.suite),
        notes=[n.texte for n in entry.notes],
        href=f"{page_of(entry, ref)}#{entry.id}",
        source=source_lien(ref, entry),
        acteur=acteur_lien(actors[entry.acteur]) if entry.acteur else None,
        envers=[acteur_lien(actors[a]) for a in entry.envers if a in actors],
        envers_tous=TOUS in entry.envers,
        destinataire=acteur_lien(actors[entry.destinataire]) if entry.destinataire else None,
        derive_de=[lien(ref, target, detail=True) for target in entry.derive_de],
        reprend=genre.reprend,
        repris_dans=[repris(ref, shared) for shared in ref.backlinks.get(entry.id, [])],
        liens_editoriaux=RAPPROCHEMENTS if entry.derive_de or ref.backlinks.get(entry.id) else None,
        alias=entry.alias,
        note_editoriale=entry.note_editoriale,
        envers_editorial=editoriale(DESTINATAIRE_DEDUIT, entry.envers_editorial),
        corrections=corrections_vue(entry.corrections),
        modifier=modifier(ref, entry.id),
        origine=origine(ref, entry),
        origine_libelle=None if origine(ref, entry) == ORIGINALE else "Enrichissement",
        enrichissement=marque_enrichissement(ref, entry),
    )
