"""Pure functions from the référentiel to view objects.

Templates only place what these return: no grouping, counting, sorting or
linking happens in Jinja. Every ``href`` is relative to the site root
(``acteurs/elu/#elu-enjeu-contradictions``); the page prefixes it with the
path back to the root. Nothing here imports MkDocs or Jinja.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from .markup import paragraphs, plain
from .model import SCHEMA_VERSION, FichierActeur
from .schema import schema_files
from .referentiel import SECTION_LABELS, Entry, Referentiel

KIND_LABELS = {
    "enjeu": "Enjeu",
    "pouvoir": "Pouvoir",
    "attente": "Attente",
    "message": "Message",
    "verbatim": "Parole",
    "encadre": "Encadré",
    "principe": "Principe directeur",
    "frein": "Frein commun",
    "attente-commune": "Attente commune",
    "enseignement": "Enseignement",
}

SHARED_PAGES = {
    "principe": "principes/",
    "frein": "freins/",
    "attente-commune": "attentes-communes/",
    "enseignement": "enseignements/",
}

CONTRIBUTE_HREF = "contribuer/"


# ---------------------------------------------------------------------------
# Small views
# ---------------------------------------------------------------------------


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
    titre: str | None
    titre_simple: str
    paragraphes: list[str]
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
    synthetise_par: list[Lien] = field(default_factory=list)
    alias: list[str] = field(default_factory=list)


def page_of(ref: Referentiel, entry: Entry) -> str:
    """The root-relative URL of the page that holds ``entry``."""
    if entry.acteur:
        return f"acteurs/{entry.acteur}/"
    return SHARED_PAGES[entry.kind]


def href(ref: Referentiel, ident: str) -> str:
    entry = ref.index[ref.resolve(ident)]
    return f"{page_of(ref, entry)}#{entry.id}"


def acteur_lien(acteur: FichierActeur) -> ActeurLien:
    return ActeurLien(
        id=acteur.id,
        court=acteur.libelles.court,
        pluriel=acteur.libelles.pluriel,
        les=acteur.libelles.les,
        des=acteur.libelles.des,
        href=f"acteurs/{acteur.id}/",
        persona=acteur.persona.nom,
    )


def source_lien(ref: Referentiel, entry: Entry) -> Lien:
    source = ref.sources[entry.provenance.document]
    year = source.date[:4]
    label = f"{plain(source.titre).rstrip('.')} ({year})"
    detail = entry.provenance.section or ""
    if entry.provenance.page:
        detail += f", p. {entry.provenance.page}"
    return Lien(texte=label, href=f"a-propos/#source-{source.id}", detail=detail)


def backlinks(ref: Referentiel) -> dict[str, list[str]]:
    """Statement id → ids of the common expectations that synthesise it."""
    out: dict[str, list[str]] = {}
    for commune in ref.attentes_communes.attentes:
        for target in commune.derive_de:
            out.setdefault(ref.resolve(target), []).append(commune.id)
    return out


def _elements(items: list[Any]) -> list[ElementVue]:
    return [
        ElementVue(
            id=e.id,
            titre=e.titre,
            paragraphes=paragraphs(e.texte),
            notes=[n.texte for n in e.notes],
        )
        for e in items
    ]


def enonce(ref: Referentiel, ident: str, _back: dict[str, list[str]] | None = None) -> EnonceVue:
    """The view of one statement, by id (or former id)."""
    entry = ref.index[ref.resolve(ident)]
    s = entry.statement
    back = backlinks(ref) if _back is None else _back
    acteurs = {a.id: a for a in ref.acteurs}
    envers = list(getattr(s, "envers", []) or [])
    titre = getattr(s, "titre", None)
    return EnonceVue(
        id=entry.id,
        kind=entry.kind,
        kind_label=KIND_LABELS[entry.kind],
        titre=titre,
        titre_simple=plain(titre) if titre else _excerpt(plain(s.texte)),
        paragraphes=paragraphs(getattr(s, "texte", None)),
        elements=_elements(getattr(s, "elements", [])),
        suite=paragraphs(getattr(s, "suite", None)),
        notes=[n.texte for n in getattr(s, "notes", [])],
        href=f"{page_of(ref, entry)}#{entry.id}",
        source=source_lien(ref, entry),
        acteur=acteur_lien(acteurs[entry.acteur]) if entry.acteur else None,
        envers=[acteur_lien(acteurs[a]) for a in envers if a in acteurs],
        envers_tous="tous" in envers,
        destinataire=acteur_lien(acteurs[s.destinataire]) if hasattr(s, "destinataire") else None,
        derive_de=[
            Lien(texte=_entry_title(ref, t), href=href(ref, t), detail=_owner(ref, t))
            for t in getattr(s, "derive_de", [])
        ],
        synthetise_par=[
            Lien(texte=_entry_title(ref, c), href=href(ref, c)) for c in back.get(entry.id, [])
        ],
        alias=list(s.alias),
    )


def _excerpt(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _entry_title(ref: Referentiel, ident: str) -> str:
    s = ref.index[ref.resolve(ident)].statement
    return plain(s.titre) if getattr(s, "titre", None) else _excerpt(plain(s.texte))


def _owner(ref: Referentiel, ident: str) -> str:
    entry = ref.index[ref.resolve(ident)]
    if not entry.acteur:
        return ""
    return f"{ref.acteur(entry.acteur).libelles.court} · {KIND_LABELS[entry.kind].lower()}"


# ---------------------------------------------------------------------------
# Actor page
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Bloc:
    """One statement with the bubbles and boxes printed after it."""

    enonce: EnonceVue
    apres: list[EnonceVue]


@dataclass(frozen=True)
class Rubrique:
    id: str
    titre: str
    chapeau: list[str]
    avant: list[EnonceVue]  # bubbles/boxes placed before the first statement
    blocs: list[Bloc]


@dataclass(frozen=True)
class GroupeAttentes:
    titre: str
    cible: ActeurLien | None
    attentes: list[EnonceVue]


@dataclass(frozen=True)
class ActeurVue:
    acteur: ActeurLien
    numero: int
    persona_nom: str
    persona_presentation: str
    persona_description: list[str]
    titre: str
    chapeau: list[str]
    chapeau_apres: list[EnonceVue]
    introduction_titre: str
    introduction: list[str]
    profil_titre: str
    profil: list[str]
    rubriques: list[Rubrique]
    attentes_par_cible: list[GroupeAttentes]
    messages_envoyes: list[EnonceVue]
    messages_recus: list[EnonceVue]
    fiche_href: str
    autres: list[ActeurLien]


def _placed(ref: Referentiel, acteur: FichierActeur, section: str, back) -> tuple[list, dict]:
    """Bubbles and boxes of ``section``: those with no anchor, and those after each id."""
    before: list[EnonceVue] = []
    after: dict[str, list[EnonceVue]] = {}
    items = [*acteur.verbatims, *acteur.encadres]
    order = {item.id: i for i, item in enumerate(_layout_order(acteur))}
    for item in sorted(items, key=lambda x: order.get(x.id, 0)):
        if item.section != section:
            continue
        view = enonce(ref, item.id, back)
        if item.apres is None:
            before.append(view)
        else:
            after.setdefault(item.apres, []).append(view)
    return before, after


def _layout_order(acteur: FichierActeur) -> list[Any]:
    return [*acteur.enjeux, *acteur.pouvoirs, *acteur.attentes, *acteur.verbatims, *acteur.encadres]


def _expand(after: dict[str, list[EnonceVue]], views: list[EnonceVue]) -> list[EnonceVue]:
    """Views followed by whatever is placed after them, recursively."""
    out = []
    for view in views:
        out.append(view)
        out.extend(_expand(after, after.get(view.id, [])))
    return out


def acteur_vue(ref: Referentiel, acteur_id: str) -> ActeurVue:
    acteur = ref.acteur(acteur_id)
    back = backlinks(ref)
    rubriques = []
    for section in ("enjeux", "pouvoirs", "attentes"):
        before, after = _placed(ref, acteur, section, back)
        blocs = [
            Bloc(enonce=enonce(ref, s.id, back), apres=_expand(after, after.get(s.id, [])))
            for s in getattr(acteur, section)
        ]
        rubriques.append(
            Rubrique(
                id=section,
                titre=SECTION_LABELS[section],
                chapeau=paragraphs(getattr(acteur.chapeaux, section)),
                avant=_expand(after, before),
                blocs=blocs,
            )
        )
    chapeau_before, chapeau_after = _placed(ref, acteur, "chapeau", back)
    msg_before, msg_after = _placed(ref, acteur, "messages", back)
    others = [a for a in ref.acteurs if a.id != acteur_id]
    return ActeurVue(
        acteur=acteur_lien(acteur),
        numero=acteur.numero,
        persona_nom=acteur.persona.nom,
        persona_presentation=acteur.persona.presentation,
        persona_description=paragraphs(acteur.persona.description),
        titre=acteur.titre,
        chapeau=paragraphs(acteur.chapeau),
        chapeau_apres=_expand(chapeau_after, chapeau_before)
        + _expand(msg_after, msg_before),
        introduction_titre=acteur.introduction.titre,
        introduction=paragraphs(acteur.introduction.texte),
        profil_titre=acteur.profil.titre,
        profil=paragraphs(acteur.profil.texte),
        rubriques=rubriques,
        attentes_par_cible=groupes_attentes(ref, acteur, back),
        messages_envoyes=[enonce(ref, m.id, back) for m in acteur.messages],
        messages_recus=[
            enonce(ref, m.id, back) for other in others for m in other.messages if m.destinataire == acteur_id
        ],
        fiche_href=f"fiches/{acteur_id}/",
        autres=[acteur_lien(a) for a in others],
    )


def groupes_attentes(ref: Referentiel, acteur: FichierActeur, back=None) -> list[GroupeAttentes]:
    """The actor's expectations grouped by whom they address (peers, each other, everyone)."""
    back = backlinks(ref) if back is None else back
    groups = []
    for target in [acteur, *[a for a in ref.acteurs if a.id != acteur.id]]:
        items = [enonce(ref, a.id, back) for a in acteur.attentes if target.id in a.envers]
        if not items:
            continue
        if target.id == acteur.id:
            titre = f"Envers les autres {acteur.libelles.pluriel.lower()} (les pairs)"
        else:
            titre = f"Envers {target.libelles.les}"
        groups.append(GroupeAttentes(titre=titre, cible=acteur_lien(target), attentes=items))
    general = [enonce(ref, a.id, back) for a in acteur.attentes if "tous" in a.envers]
    if general:
        groups.append(GroupeAttentes(titre="Envers tous les acteurs", cible=None, attentes=general))
    return groups


# ---------------------------------------------------------------------------
# Matrix
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Cellule:
    id: str
    de: ActeurLien
    envers: ActeurLien
    diagonale: bool
    legende: str
    attentes: list[EnonceVue]
    messages: list[EnonceVue]
    vide: bool
    paire_href: str | None


@dataclass(frozen=True)
class Ligne:
    acteur: ActeurLien
    cellules: list[Cellule]
    generales: list[EnonceVue]


@dataclass(frozen=True)
class Matrice:
    colonnes: list[ActeurLien]
    lignes: list[Ligne]
    communes: list[Lien]
    contribuer_href: str


def pair_slug(a: str, b: str, ref: Referentiel) -> str:
    order = {x.id: i for i, x in enumerate(ref.acteurs)}
    first, second = sorted((a, b), key=lambda x: order[x])
    return f"{first}-{second}"


def cellule(ref: Referentiel, de: FichierActeur, envers: FichierActeur, back=None) -> Cellule:
    back = backlinks(ref) if back is None else back
    attentes = [enonce(ref, a.id, back) for a in de.attentes if envers.id in a.envers]
    messages = [enonce(ref, m.id, back) for m in de.messages if m.destinataire == envers.id]
    diagonal = de.id == envers.id
    if diagonal:
        legende = f"Ce que {de.libelles.les} attendent de leurs pairs"
    else:
        legende = f"Ce que {de.libelles.les} attendent {envers.libelles.des}"
    return Cellule(
        id=f"cellule-{de.id}-{envers.id}",
        de=acteur_lien(de),
        envers=acteur_lien(envers),
        diagonale=diagonal,
        legende=legende,
        attentes=attentes,
        messages=messages,
        vide=not attentes and not messages,
        paire_href=None if diagonal else f"paires/{pair_slug(de.id, envers.id, ref)}/",
    )


def matrice(ref: Referentiel) -> Matrice:
    back = backlinks(ref)
    return Matrice(
        colonnes=[acteur_lien(a) for a in ref.acteurs],
        lignes=[
            Ligne(
                acteur=acteur_lien(de),
                cellules=[cellule(ref, de, envers, back) for envers in ref.acteurs],
                generales=[enonce(ref, a.id, back) for a in de.attentes if "tous" in a.envers],
            )
            for de in ref.acteurs
        ],
        communes=[Lien(texte=plain(c.titre), href=href(ref, c.id)) for c in ref.attentes_communes.attentes],
        contribuer_href=CONTRIBUTE_HREF,
    )


# ---------------------------------------------------------------------------
# Pairs
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Paire:
    slug: str
    titre: str
    a: ActeurLien
    b: ActeurLien
    a_vers_b: Cellule
    b_vers_a: Cellule
    lies: list[EnonceVue]
    href: str


def paires(ref: Referentiel) -> list[tuple[str, str]]:
    return [(a.id, b.id) for a, b in combinations(ref.acteurs, 2)]


def paire(ref: Referentiel, a_id: str, b_id: str) -> Paire:
    back = backlinks(ref)
    a, b = ref.acteur(a_id), ref.acteur(b_id)
    related = []
    for owner in ref.acteurs:
        for item in [*owner.encadres, *owner.verbatims]:
            about = {owner.id, *item.concerne}
            if {a.id, b.id} <= about:
                related.append(enonce(ref, item.id, back))
    slug = pair_slug(a.id, b.id, ref)
    return Paire(
        slug=slug,
        titre=f"{a.libelles.court} ↔ {b.libelles.court}",
        a=acteur_lien(a),
        b=acteur_lien(b),
        a_vers_b=cellule(ref, a, b, back),
        b_vers_a=cellule(ref, b, a, back),
        lies=related,
        href=f"paires/{slug}/",
    )


# ---------------------------------------------------------------------------
# "Ma fiche"
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Fiche:
    acteur: ActeurLien
    titre: str
    persona: str
    attendu_de_moi: list[Cellule]
    attentes_generales: list[EnonceVue]
    enjeux: list[Lien]
    pouvoirs: list[Lien]
    acteur_href: str


def fiche(ref: Referentiel, acteur_id: str) -> Fiche:
    back = backlinks(ref)
    me = ref.acteur(acteur_id)
    others = [a for a in ref.acteurs if a.id != acteur_id]
    return Fiche(
        acteur=acteur_lien(me),
        titre=me.titre,
        persona=me.persona.nom,
        attendu_de_moi=[cellule(ref, other, me, back) for other in others],
        attentes_generales=[
            enonce(ref, a.id, back) for other in others for a in other.attentes if "tous" in a.envers
        ],
        enjeux=[Lien(texte=plain(s.titre), href=href(ref, s.id)) for s in me.enjeux],
        pouvoirs=[Lien(texte=plain(s.titre), href=href(ref, s.id)) for s in me.pouvoirs],
        acteur_href=f"acteurs/{acteur_id}/",
    )


# ---------------------------------------------------------------------------
# Home: personas and the diagram of the four around the common expectations
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Noeud:
    acteur: ActeurLien
    x: float  # centre
    y: float
    persona: str

    @property
    def gauche(self) -> float:
        return self.x - NODE_W / 2

    @property
    def haut(self) -> float:
        return self.y - NODE_H / 2


@dataclass(frozen=True)
class Arete:
    paire: Lien
    x1: float
    y1: float
    x2: float
    y2: float
    ax: float  # where the count a→b sits (near a)
    ay: float
    bx: float  # where the count b→a sits (near b)
    by: float
    a: str
    b: str
    a_vers_b: int
    b_vers_a: int
    description: str


@dataclass(frozen=True)
class Schema:
    largeur: int
    hauteur: int
    cx: float
    cy: float
    rayon_centre: float
    largeur_noeud: int
    hauteur_noeud: int
    rayon_pastille: int
    centre: Lien
    noeuds: list[Noeud]
    aretes: list[Arete]
    titre: str
    description: str


def _count(ref: Referentiel, de: str, envers: str) -> int:
    return sum(1 for a in ref.acteur(de).attentes if envers in a.envers)


NODE_W, NODE_H, BADGE_R = 200, 60, 16


def schema(ref: Referentiel, largeur: int = 760, hauteur: int = 440) -> Schema:
    """Actors around the common expectations, one edge per pair, counts on the edges.

    Actors are spread on an ellipse, then stretched so that their boxes touch the
    drawing's edges; each count sits just outside the box of the actor who expresses it.
    """
    cx, cy = largeur / 2, hauteur / 2
    n = len(ref.acteurs)
    angles = [math.pi * (1.25 + 2 * i / n) for i in range(n)]  # from top-left, clockwise
    raw = [(math.cos(a), math.sin(a)) for a in angles]
    span_x = max(abs(x) for x, _ in raw) or 1
    span_y = max(abs(y) for _, y in raw) or 1
    half_w, half_h = NODE_W / 2 + 4, NODE_H / 2 + 4
    nodes = [
        Noeud(
            acteur=acteur_lien(acteur),
            x=round(cx + x / span_x * (cx - half_w), 1),
            y=round(cy + y / span_y * (cy - half_h), 1),
            persona=acteur.persona.nom,
        )
        for acteur, (x, y) in zip(ref.acteurs, raw)
    ]
    by_id = {node.acteur.id: node for node in nodes}
    edges = []
    for a_id, b_id in paires(ref):
        a, b = by_id[a_id], by_id[b_id]
        ab, ba = _count(ref, a_id, b_id), _count(ref, b_id, a_id)
        (ax, ay), (bx, by) = _badge(a, b), _badge(b, a)
        ca, cb = ref.acteur(a_id), ref.acteur(b_id)
        edges.append(
            Arete(
                paire=Lien(
                    texte=f"{ca.libelles.court} ↔ {cb.libelles.court}",
                    href=f"paires/{pair_slug(a_id, b_id, ref)}/",
                ),
                x1=a.x, y1=a.y, x2=b.x, y2=b.y,
                ax=ax, ay=ay, bx=bx, by=by,
                a=ca.libelles.court, b=cb.libelles.court,
                a_vers_b=ab, b_vers_a=ba,
                description=(
                    f"{ca.libelles.court} ↔ {cb.libelles.court} : {_n(ab)} {ca.libelles.des} "
                    f"envers {cb.libelles.les}, {_n(ba)} en retour"
                ),
            )
        )
    communes = len(ref.attentes_communes.attentes)
    return Schema(
        largeur=largeur,
        hauteur=hauteur,
        cx=cx,
        cy=cy,
        rayon_centre=72,
        largeur_noeud=NODE_W,
        hauteur_noeud=NODE_H,
        rayon_pastille=BADGE_R,
        centre=Lien(texte=f"{communes} attentes communes", href="attentes-communes/"),
        noeuds=nodes,
        aretes=edges,
        titre="Les 4 Fantastiques autour de leurs attentes communes",
        description=(
            "Schéma : les quatre acteurs disposés autour des attentes communes ; chaque lien entre deux "
            "acteurs indique le nombre d'attentes dans chaque sens et mène à la page de la paire."
        ),
    )


def _badge(origin: Noeud, other: Noeud) -> tuple[float, float]:
    """Where the count of ``origin``'s expectations sits: on the edge, just outside its box."""
    dx, dy = other.x - origin.x, other.y - origin.y
    length = math.hypot(dx, dy) or 1
    # Fraction of the edge at which it leaves the box, plus a badge and a gap.
    exit_t = min(
        (NODE_W / 2) / abs(dx) if dx else math.inf,
        (NODE_H / 2) / abs(dy) if dy else math.inf,
    )
    t = exit_t + (BADGE_R + 6) / length
    return round(origin.x + dx * t, 1), round(origin.y + dy * t, 1)


def _n(count: int) -> str:
    return f"{count} attente{'s' if count > 1 else ''}"


# ---------------------------------------------------------------------------
# Shared pages
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionVue:
    id: str | None
    titre: str | None
    paragraphes: list[str]
    citation: list[str]
    citation_attribution: str | None
    bloc: "BlocPartage | None"
    elements: list[ElementVue]
    suite: list[str]
    notes: list[str]
    sous_sections: list["SectionVue"]


@dataclass(frozen=True)
class BlocPartage:
    titre: str
    href: str
    paragraphes: list[str]
    items: list[Lien]
    suite: list[str]


def bloc_partage(ref: Referentiel, name: str) -> BlocPartage:
    model, kind = (ref.freins, "freins") if name == "freins" else (ref.principes, "principes")
    return BlocPartage(
        titre=model.titre,
        href=SHARED_PAGES[kind[:-1]],
        paragraphes=paragraphs(model.texte),
        items=[Lien(texte=plain(i.titre), href=href(ref, i.id)) for i in getattr(model, kind)],
        suite=paragraphs(model.suite),
    )


def section_vue(ref: Referentiel, section) -> SectionVue:
    return SectionVue(
        id=section.id,
        titre=section.titre,
        paragraphes=paragraphs(section.texte),
        citation=paragraphs(section.citation.texte) if section.citation else [],
        citation_attribution=section.citation.attribution if section.citation else None,
        bloc=bloc_partage(ref, section.bloc) if section.bloc else None,
        elements=_elements(section.elements),
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


@dataclass(frozen=True)
class ListePartagee:
    titre: str
    paragraphes: list[str]
    enonces: list[EnonceVue]
    suite: list[str]


def liste_partagee(ref: Referentiel, kind: str) -> ListePartagee:
    """principe, frein, attente-commune or enseignement: the page of that list."""
    model, attr = {
        "principe": (ref.principes, "principes"),
        "frein": (ref.freins, "freins"),
        "attente-commune": (ref.attentes_communes, "attentes"),
        "enseignement": (ref.enseignements, "enseignements"),
    }[kind]
    back = backlinks(ref)
    return ListePartagee(
        titre=model.titre,
        paragraphes=paragraphs(getattr(model, "texte", None)),
        enonces=[enonce(ref, i.id, back) for i in getattr(model, attr)],
        suite=paragraphs(getattr(model, "suite", None) or getattr(model, "conclusion", None)),
    )


def personas(ref: Referentiel) -> list[dict[str, Any]]:
    return [
        {
            "acteur": acteur_lien(a),
            "presentation": a.persona.presentation,
            "description": paragraphs(a.persona.description),
            "titre": a.titre,
            "fiche_href": f"fiches/{a.id}/",
            "numero": a.numero,
        }
        for a in ref.acteurs
    ]


def glossaire(ref: Referentiel) -> list[dict[str, Any]]:
    return [
        {
            "id": f"sigle-{s.sigle.lower()}",
            "sigle": s.sigle,
            "developpement": s.developpement,
            "definition": s.definition,
        }
        for s in sorted(ref.glossaire.sigles, key=lambda s: s.sigle)
    ]


def glossary_titles(ref: Referentiel) -> dict[str, str]:
    """Sigle → the text of its tooltip."""
    return {s.sigle: plain(s.developpement) for s in ref.glossaire.sigles}


def sources(ref: Referentiel) -> list[dict[str, Any]]:
    return [
        {
            "id": f"source-{s.id}",
            "titre": s.titre,
            "sous_titre": s.sous_titre,
            "editeur": s.editeur,
            "date": date_fr(s.date),
            "lieu": s.lieu,
            "organisation": s.organisation,
            "description": paragraphs(s.description),
            "credits": [(c.role, c.texte) for c in s.credits],
            "enonces": sum(1 for e in ref.index.values() if e.provenance.document == s.id),
        }
        for s in ref.sources.values()
    ]


MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre")


def date_fr(date: str) -> str:
    """'2022-07' → 'juillet 2022'; '2027-03-01' → '1er mars 2027'; '2022' → '2022'."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = f"{MOIS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return month
    day = "1er" if parts[2] == 1 else str(parts[2])
    return f"{day} {month}"


def chiffres(ref: Referentiel) -> list[dict[str, Any]]:
    return [
        {"id": c.id, "valeur": f"{c.valeur:,}".replace(",", "\u202f"), "libelle": c.libelle, "detail": c.detail}
        for c in ref.introduction.chiffres
    ]


# ---------------------------------------------------------------------------
# Pages generated from the data
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PageGeneree:
    chemin: str  # docs-relative path of the Markdown file
    titre: str
    description: str
    appel: str  # the one macro call that renders the page


def pages_generees(ref: Referentiel) -> list[PageGeneree]:
    """One page per actor, per fiche, per pair: their Markdown is never committed."""
    pages = []
    for a in ref.acteurs:
        pages.append(
            PageGeneree(
                chemin=f"acteurs/{a.id}.md",
                titre=a.libelles.pluriel,
                description=plain(a.titre),
                appel=f'page_acteur("{a.id}")',
            )
        )
        pages.append(
            PageGeneree(
                chemin=f"fiches/{a.id}.md",
                titre=f"Ma fiche : {a.libelles.singulier.lower() if a.id != 'etat' else a.libelles.singulier}",
                description=f"Ce que les autres attendent {a.libelles.des}, pour préparer une journée d'initiation.",
                appel=f'page_fiche("{a.id}")',
            )
        )
    for a_id, b_id in paires(ref):
        a, b = ref.acteur(a_id), ref.acteur(b_id)
        pages.append(
            PageGeneree(
                chemin=f"paires/{pair_slug(a_id, b_id, ref)}.md",
                titre=f"{a.libelles.court} ↔ {b.libelles.court}",
                description=f"Attentes et messages entre {a.libelles.les} et {b.libelles.les}.",
                appel=f'page_paire("{a_id}", "{b_id}")',
            )
        )
    return pages
