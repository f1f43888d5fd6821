"""The print kit: which pages become which PDFs, and the edition they carry.

Pure data and functions (nothing from MkDocs, nothing from the browser):
``tools/print_kit.py`` reads :func:`kit` and :func:`edition` and prints each
page of the built site with headless Chromium.

To add a printable page, add its route here — nothing else. Routes are
relative to the site root with directory URLs (the normal build, ``site/``).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from .markup import plain
from .referentiel import Referentiel
from .views.routes import MUR, fiche_href
from .views.salle import planches
from .francais import date_fr, pluriel


@dataclass(frozen=True)
class Impression:
    route: str            # e.g. "fiches/elu/"
    fichier: str          # PDF file name, e.g. "fiche-elu.pdf"
    titre: str            # French, becomes the PDF's title with the edition
    format: str = "A4"    # "A4" or "A3"
    paysage: bool = False
    pages: int | None = None  # exact page count the layout promises, if any

    @property
    def papier(self) -> str:
        """« A4 », « A3 paysage », « A4, 2 pages »: what the Animer page says of the PDF."""
        size = f"{self.format} paysage" if self.paysage else self.format
        return f"{size}, {pluriel(self.pages, 'page')}" if self.pages else size


@dataclass(frozen=True)
class Edition:
    titre: str
    version: str
    date: str        # ISO, e.g. "2022-07"
    date_texte: str  # French, e.g. "juillet 2022"

    @property
    def mention(self) -> str:
        """The line printed on every PDF and written in its metadata."""
        return f"{self.titre} — version {self.version}, {self.date_texte}"


def edition(ref: Referentiel) -> Edition:
    """Version from data/referentiel.yaml; date of the most recent source."""
    date = max(s.date for s in ref.sources.values())
    return Edition(titre=plain(ref.meta.titre), version=ref.meta.version, date=date, date_texte=date_fr(date))


def kit(ref: Referentiel) -> list[Impression]:
    """Every PDF of the print kit, in the order of the Animer page. A page count is promised where the
    layout fixes it (four cards a sheet, the matrix poster on one A3); a fiche and the messages wall
    take the pages their content needs, which grows with every peer-group day."""
    fiches = [
        Impression(fiche_href(a.id), f"fiche-{a.id}.pdf", f"Ma fiche — {plain(a.libelles.court)}", "A4")
        for a in ref.acteurs
    ]
    return fiches + [
        Impression("imprimer/cartes/", "cartes-enonces.pdf", "Cartes des énoncés à découper", "A4",
                   pages=len(planches(ref))),
        Impression("imprimer/affiche-matrice/", "affiche-matrice-A3.pdf", "Affiche de la matrice des attentes",
                   "A3", paysage=True, pages=1),
        Impression(MUR, "mur-des-messages-A3.pdf", "Le mur des messages", "A3", paysage=True),
    ]


def footer_template(ed: Edition) -> str:
    """Chromium's footer (page.pdf): the edition and the page number, small and black."""
    return (
        '<div style="width:100%;margin:0 12mm;font:8px sans-serif;color:#000;display:flex;'
        'justify-content:space-between">'
        f"<span>{html.escape(ed.mention)}</span>"
        '<span>page <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'
    )
