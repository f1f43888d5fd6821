"""Every URL and anchor of the site, and the list of pages generated from the data.

Every ``href`` is relative to the site root (``acteurs/elu/#elu-enjeu-contradictions``);
the page prefixes it with the path back to the root. A new page gets its route
here, and, if it is generated from the data, its entry in ``pages_generees``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from ..markup import plain
from ..model import FichierActeur
from ..referentiel import Entry, Referentiel
from ..registry import shared_file

CONTRIBUER = "contribuer/"
MATRICE = "matrice/"
MUR = "mur-des-messages/"
TOUS = "tous"  # the « envers » value of an expectation addressed to every actor


def acteur_href(acteur_id: str) -> str:
    return f"acteurs/{acteur_id}/"


def fiche_href(acteur_id: str) -> str:
    return f"fiches/{acteur_id}/"


def liste_href(kind: str) -> str:
    """The page listing the shared statements of ``kind`` (principe, frein…)."""
    return shared_file(kind).page


def attentes_communes_href() -> str:
    return liste_href("attente-commune")


def source_ancre(source_id: str) -> str:
    return f"source-{source_id}"


def source_href(source_id: str) -> str:
    return f"a-propos/#{source_ancre(source_id)}"


def sigle_ancre(sigle: str) -> str:
    return f"sigle-{sigle.lower()}"


def cellule_ancre(de: str, envers: str) -> str:
    return f"cellule-{de}-{envers}"


def page_of(entry: Entry) -> str:
    """The root-relative URL of the page that holds ``entry``."""
    return acteur_href(entry.acteur) if entry.acteur else liste_href(entry.kind)


def enonce_href(ref: Referentiel, ident: str) -> str:
    entry = ref.entry(ident)
    return f"{page_of(entry)}#{entry.id}"


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
                description=f"Ce que les autres attendent {a.libelles.des}, pour préparer une journée d'initiation.",
                appel=f'page_fiche("{a.id}")',
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
