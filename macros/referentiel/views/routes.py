"""Every URL and anchor of the site, and the list of pages generated from the data.

Every ``href`` is relative to the site root (``acteurs/elu/#elu-enjeu-contradictions``);
the page prefixes it with the path back to the root. A new page gets its route
here, and, if it is generated from the data, its entry in ``pages_generees``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from ..markup import plain
from ..model import Attente, FichierActeur, Message
from ..referentiel import Entry, Referentiel
from ..registry import shared_file

CONTRIBUER = "contribuer/"
MATRICE = "matrice/"
MUR = "mur-des-messages/"
TOUS = "tous"  # the « envers » value of an expectation addressed to every actor
TOUS_LES_ACTEURS = "tous les acteurs"  # ... and how a page names them


def route_de_page(chemin: str) -> str:
    """The route of the page written from the Markdown file ``chemin`` (docs-relative), in the
    directory form every route takes: ``acteurs/elu.md`` → ``acteurs/elu/``, ``paires/index.md``
    → ``paires/``, ``index.md`` → ``""``."""
    stem = chemin.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


def acteur_href(acteur_id: str) -> str:
    return f"acteurs/{acteur_id}/"


def fiche_href(acteur_id: str) -> str:
    return f"fiches/{acteur_id}/"


def liste_href(kind: str) -> str:
    """The page listing the shared statements of ``kind`` (principe, frein…)."""
    return shared_file(kind).page


def attentes_communes_href() -> str:
    return liste_href("attente-commune")


A_PROPOS = "a-propos/"
GLOSSAIRE = "glossaire/"
IMPRIMER = "imprimer/"  # the print kit's own pages (cards, poster): printed, never searched
ANIMER = "animer/"  # the animators' page: the print kit and the files to download
CHIFFRES = f"{A_PROPOS}#chiffres"  # the key figures, after the sources

# The introduction's sections (data/introduction.yaml) by the page that shows them: the page
# calls the `sections` macro with its route, search documents them at that page.
SECTIONS_PAR_PAGE = {
    "introduction/": ("intro-introduction", "intro-4-fantastiques", "intro-groupes-de-pairs",
                      "intro-principes-directeurs", "intro-enseignements-croises"),
    A_PROPOS: ("intro-notes-lecteurs", "intro-fabrique", "intro-fabrique-alliance"),
}


def source_ancre(source_id: str) -> str:
    return f"source-{source_id}"


def source_href(source_id: str) -> str:
    return f"{A_PROPOS}#{source_ancre(source_id)}"


def sigle_ancre(sigle: str) -> str:
    return f"sigle-{sigle.lower()}"


def mot_ancre(mot_id: str) -> str:
    """The anchor of a word of the lexicon on the glossary page."""
    return f"mot-{mot_id}"


def cellule_ancre(de: str, envers: str) -> str:
    return f"cellule-{de}-{envers}"


def attentes_envers(de: FichierActeur, envers: str) -> list[Attente]:
    """The expectations of ``de`` toward actor ``envers``, or toward everyone with ``TOUS``."""
    return [a for a in de.attentes if envers in a.envers]


def messages_envers(de: FichierActeur, envers: str) -> list[Message]:
    """The messages ``de`` addresses to actor ``envers``."""
    return [m for m in de.messages if m.destinataire == envers]


# A cell of the matrix (what ``de`` expects of ``envers`` and tells them; ``envers`` may be
# TOUS) holding more than SEUIL_CASE statements is « à part »: the matrix, the pair pages,
# the fiches and the poster give its count and link to its own pages
# (``matrice/<de>-<envers>/``, PAR_PAGE_CASE statements each), instead of listing it.
# Nothing changes at today's size (5 statements at most in a cell).
SEUIL_CASE = 12
PAR_PAGE_CASE = 30
# The wall shows every message on one page up to SEUIL_MUR; beyond, it leads to the cells.
SEUIL_MUR = 60
# The cards (one per expectation and message) are one page up to SEUIL_CARTES; beyond,
# one page per actor and PAR_PAGE_CARTES cards (ten A4 sheets) each.
SEUIL_CARTES = 160
PAR_PAGE_CARTES = 40
CARTES = f"{IMPRIMER}cartes/"
AFFICHE_MATRICE = f"{IMPRIMER}affiche-matrice/"  # the A3 poster of the matrix (docs/imprimer/affiche-matrice.md)


@dataclass(frozen=True)
class Tranche:
    """One page of a list too long for the page that would hold it (a cell, an actor's cards)."""

    numero: int  # 1-based
    total: int  # pages of the list
    ids: tuple[str, ...]  # the statements on this page, in order
    href: str
    premier: int  # 1-based position of its first statement in the whole list


def tranches(ids: list[str], par_page: int, base: str) -> list[Tranche]:
    """``ids`` cut into pages of ``par_page`` at ``base``, ``base``page-2/, …"""
    chunks = [tuple(ids[i:i + par_page]) for i in range(0, len(ids), par_page)]
    return [Tranche(n, len(chunks), chunk, base if n == 1 else f"{base}page-{n}/", 1 + (n - 1) * par_page)
            for n, chunk in enumerate(chunks, start=1)]


def tranche_position(t: Tranche) -> str:
    """« page 2 sur 3 (énoncés 31 à 60) », « page unique »."""
    if t.total == 1:
        return "page unique"
    return f"page {t.numero} sur {t.total} (énoncés {t.premier} à {t.premier + len(t.ids) - 1})"


def case_ids(ref: Referentiel, de: str, envers: str) -> list[str]:
    """The statements of a cell: its expectations, then its messages."""
    a = ref.acteur(de)
    return [s.id for s in [*attentes_envers(a, envers), *messages_envers(a, envers)]]


def case_href(de: str, envers: str) -> str:
    return f"{MATRICE}{de}-{envers}/"


def pages_case(ref: Referentiel, de: str, envers: str, seuil: int | None = None) -> list[Tranche]:
    """The pages of a cell « à part »; empty when the cell is listed where it is shown."""
    seuil = SEUIL_CASE if seuil is None else seuil  # read when called: tests lower it

    def compute() -> list[Tranche]:
        ids = case_ids(ref, de, envers)
        return tranches(ids, PAR_PAGE_CASE, case_href(de, envers)) if len(ids) > seuil else []

    return ref.memo(("pages_case", de, envers, seuil), compute)


def cases(ref: Referentiel) -> list[tuple[FichierActeur, str]]:
    """Every cell: each actor toward each actor, then toward everyone."""
    return [(de, envers) for de in ref.acteurs for envers in [*(a.id for a in ref.acteurs), TOUS]]


def mur_a_part(ref: Referentiel) -> bool:
    """Whether the wall holds too many messages for one page (it then leads to the cells)."""
    return sum(len(a.messages) for a in ref.acteurs) > SEUIL_MUR


def pages_cartes(ref: Referentiel, acteur_id: str) -> list[Tranche]:
    """The card pages of an actor, when the cards do not fit one page; empty otherwise."""

    def compute() -> list[Tranche]:
        if sum(len(a.attentes) + len(a.messages) for a in ref.acteurs) <= SEUIL_CARTES:
            return []
        a = ref.acteur(acteur_id)
        return tranches([s.id for s in [*a.attentes, *a.messages]], PAR_PAGE_CARTES, f"{CARTES}{acteur_id}/")

    return ref.memo(("pages_cartes", acteur_id, SEUIL_CARTES), compute)


# An actor's page holds at most SEUIL statements (with their asides, about 6 KB of HTML
# each: 300 KB at most with Material's frame). Beyond, each section's statements go to
# pages of their own, PAR_PAGE at most each (``acteurs/<id>/enjeux/``,
# ``acteurs/<id>/enjeux/page-2/``…), and the actor's page becomes their index; its old
# anchors still land (``views.actors.ancres``, read by referentiel.js).
SEUIL = 40
PAR_PAGE = 30
RUBRIQUES = {"enjeux": "Enjeux", "pouvoirs": "Pouvoirs", "attentes": "Attentes", "messages": "Messages"}


@dataclass(frozen=True)
class Partie:
    """One page of an actor's section, when the actor's statements do not fit one page."""

    acteur: str
    rubrique: str
    numero: int  # 1-based
    total: int  # pages of this section
    ids: tuple[str, ...]  # the section's statements on this page, in order
    href: str


def partie_href(acteur_id: str, rubrique: str, numero: int) -> str:
    base = f"acteurs/{acteur_id}/{rubrique}/"
    return base if numero == 1 else f"{base}page-{numero}/"


def decoupage(ref: Referentiel, acteur_id: str, seuil: int | None = None) -> list[Partie]:
    """The pages an actor's statements are split into; empty when they fit its own page."""
    seuil = SEUIL if seuil is None else seuil  # read when called: tests lower it
    par_page = max(1, min(PAR_PAGE, seuil))

    def compute() -> list[Partie]:
        a = ref.acteur(acteur_id)
        lists = {r: [s.id for s in getattr(a, r)] for r in RUBRIQUES}
        if sum(map(len, lists.values())) + len(a.verbatims) + len(a.encadres) <= seuil:
            return []
        return [Partie(acteur_id, rubrique, t.numero, t.total, t.ids, t.href)
                for rubrique, ids in lists.items()
                for t in tranches(ids, par_page, partie_href(acteur_id, rubrique, 1))]

    return ref.memo(("decoupage", acteur_id, seuil), compute)


def pages_des_enonces(ref: Referentiel, acteur_id: str, seuil: int | None = None) -> dict[str, Partie]:
    """Statement id → the page of the split that holds it (bubbles and boxes follow the
    statement they are placed after; those that open a section stay on the actor's page)."""

    def compute() -> dict[str, Partie]:
        found = {i: part for part in decoupage(ref, acteur_id, seuil) for i in part.ids}  # noqa: B023
        if not found:
            return found
        a = ref.acteur(acteur_id)
        after = {x.id: x.apres for x in [*a.verbatims, *a.encadres] if x.apres}
        for ident in after:
            anchor, seen = after[ident], {ident}
            while anchor in after and anchor not in seen:  # placed after another aside
                seen.add(anchor)
                anchor = after[anchor]
            if anchor in found:
                found[ident] = found[anchor]
        return found

    return ref.memo(("pages_des_enonces", acteur_id, SEUIL if seuil is None else seuil), compute)


def page_of(entry: Entry, ref: Referentiel | None = None) -> str:
    """The root-relative URL of the page that holds ``entry``."""
    if not entry.acteur:
        return liste_href(entry.kind)
    part = pages_des_enonces(ref, entry.acteur).get(entry.id) if ref is not None else None
    return part.href if part else acteur_href(entry.acteur)


def enonce_href(ref: Referentiel, ident: str) -> str:
    entry = ref.entry(ident)
    return f"{page_of(entry, ref)}#{entry.id}"


def paires(ref: Referentiel) -> list[tuple[FichierActeur, FichierActeur]]:
    """Every pair of actors once, in chapter order."""
    return list(combinations(ref.acteurs, 2))


def paire_slug(ref: Referentiel, a_id: str, b_id: str) -> str:
    """The same slug whatever the order: the earlier chapter first."""
    order = {x.id: i for i, x in enumerate(ref.acteurs)}
    first, second = sorted((a_id, b_id), key=lambda x: order[x])
    return f"{first}-{second}"


FACE_A_FACE = "face-a-face/"  # the pair pages (« Paires » until 2026: see ``redirections``)
ANCIENNES_PAIRES = "paires/"


def paire_href(ref: Referentiel, a_id: str, b_id: str) -> str:
    return f"{FACE_A_FACE}{paire_slug(ref, a_id, b_id)}/"


def paire_titre(a: FichierActeur, b: FichierActeur) -> str:
    return f"{a.libelles.court} ↔ {b.libelles.court}"


def case_titre(ref: Referentiel, de: FichierActeur, envers: str) -> str:
    """« Élus → Agents », « Élus → tous les acteurs »."""
    return f"{de.libelles.court} → {TOUS_LES_ACTEURS if envers == TOUS else ref.acteur(envers).libelles.court}"


def case_legende(ref: Referentiel, de: FichierActeur, envers: str) -> str:
    """What the cell holds, in words."""
    if envers == TOUS:
        return f"Ce que {de.libelles.les} attendent de {TOUS_LES_ACTEURS}"
    if envers == de.id:
        return f"Ce que {de.libelles.les} attendent de leurs pairs"
    return f"Ce que {de.libelles.les} attendent {ref.acteur(envers).libelles.des}"


def partie_position(part: Partie) -> str:
    """« page 2 sur 11 » (« page unique » when the section fits one page)."""
    return "page unique" if part.total == 1 else f"page {part.numero} sur {part.total}"


def partie_titre(a: FichierActeur, part: Partie) -> str:
    """« Élus : enjeux (2/11) »."""
    suffix = "" if part.total == 1 else f" ({part.numero}/{part.total})"
    return f"{a.libelles.pluriel} : {RUBRIQUES[part.rubrique].lower()}{suffix}"


@dataclass(frozen=True)
class Redirection:
    """An old address kept alive: a small page at ``ancien`` sends readers to ``cible``."""

    ancien: str  # site-relative path of the file written at the old address
    cible: str  # docs-relative path of the page it points to
    titre: str  # the target page's title, in the visible link


def redirections(ref: Referentiel) -> list[Redirection]:
    """The pair pages moved from ``paires/`` to ``face-a-face/``: every old URL still leads there."""
    out = [Redirection(f"{ANCIENNES_PAIRES}index.html", f"{FACE_A_FACE}index.md", "Face à face")]
    for a, b in paires(ref):
        slug = paire_slug(ref, a.id, b.id)
        out.append(Redirection(f"{ANCIENNES_PAIRES}{slug}/index.html", f"{FACE_A_FACE}{slug}.md",
                               f"Face à face : {paire_titre(a, b)}"))
    return out


@dataclass(frozen=True)
class PageGeneree:
    chemin: str  # docs-relative path of the Markdown file
    titre: str
    description: str
    appel: str  # the one macro call that renders the page


def pages_generees(ref: Referentiel) -> list[PageGeneree]:
    """One page per actor, per fiche, per pair (« face à face »): their Markdown is never committed."""
    pages = []
    for a in ref.acteurs:
        pages.append(
            PageGeneree(
                chemin=f"{acteur_href(a.id).rstrip('/')}.md",
                titre=a.libelles.pluriel,
                description=plain(a.titre),
                appel=f'page_acteur("{a.id}")',
            )
        )
        pages.append(
            PageGeneree(
                chemin=f"{fiche_href(a.id).rstrip('/')}.md",
                titre=f"Ma fiche : {a.libelles.en_phrase}",
                description=f"Ce que les autres attendent {a.libelles.des} et leur disent, et l'inverse, "
                            "pour préparer une journée d'initiation.",
                appel=f'page_fiche("{a.id}")',
            )
        )
        for part in decoupage(ref, a.id):
            pages.append(
                PageGeneree(
                    chemin=f"{part.href.rstrip('/')}.md",
                    titre=partie_titre(a, part),
                    description=f"{RUBRIQUES[part.rubrique]} {a.libelles.des}, {partie_position(part)}.",
                    appel=f'page_partie("{a.id}", "{part.rubrique}", {part.numero})',
                )
            )
        for t in pages_cartes(ref, a.id):
            pages.append(
                PageGeneree(
                    chemin=f"{t.href.rstrip('/')}.md",
                    titre=f"Cartes {a.libelles.des}" + ("" if t.total == 1 else f" ({t.numero}/{t.total})"),
                    description=f"Les cartes des attentes et des messages {a.libelles.des}, {tranche_position(t)}.",
                    appel=f'cartes_acteur("{a.id}", {t.numero})',
                )
            )
    for de, envers in cases(ref):
        for t in pages_case(ref, de.id, envers):
            pages.append(
                PageGeneree(
                    chemin=f"{t.href.rstrip('/')}.md",
                    titre=case_titre(ref, de, envers) + ("" if t.total == 1 else f" ({t.numero}/{t.total})"),
                    description=f"{case_legende(ref, de, envers)}, {tranche_position(t)}.",
                    appel=f'page_case("{de.id}", "{envers}", {t.numero})',
                )
            )
    for a, b in paires(ref):
        pages.append(
            PageGeneree(
                chemin=f"{paire_href(ref, a.id, b.id).rstrip('/')}.md",
                titre=paire_titre(a, b),
                description=f"Attentes et messages entre {a.libelles.les} et {b.libelles.les}.",
                appel=f'page_paire("{a.id}", "{b.id}")',
            )
        )
    return pages
