"""The print kit: which pages become which PDFs, the edition they carry, and the files the site
offers for download.

Pure data and functions (nothing from MkDocs, nothing from the browser):
``tools/print_kit.py`` reads :func:`kit` and :func:`edition` and prints each
page of the built site with headless Chromium; ``tools/offline_pack.py`` names
the pack :func:`paquet`; the Animer page and the build read :func:`telechargements`.

To add a printable page, add its route here — nothing else. Routes are
relative to the site root with directory URLs (the normal build, ``site/``).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

from .markup import plain
from .referentiel import Referentiel
from .views.nouveautes import edition_texte
from .views.routes import AFFICHE_MATRICE, CARTES, MUR, fiche_href
from .views.salle import planches
from .francais import pluriel, taille


@dataclass(frozen=True)
class Impression:
    route: str            # e.g. "fiches/elu/"
    fichier: str          # PDF file name, e.g. "fiche-elu.pdf"
    titre: str            # French, becomes the PDF's title with the edition
    format: str = "A4"    # "A4" or "A3"
    paysage: bool = False
    pages: int | None = None  # exact page count the layout promises, if any
    ajuster: str | None = None  # a poster: the element whose text grows to fill the sheet (10 pt at least)

    @property
    def papier(self) -> str:
        """« A4 », « A3 paysage », « A4, 2 pages »: what the Animer page says of the PDF."""
        size = f"{self.format} paysage" if self.paysage else self.format
        return f"{size}, {pluriel(self.pages, 'page')}" if self.pages else size


@dataclass(frozen=True)
class Edition:
    titre: str
    version: str
    texte: str       # « Version 2022.1 du 1er juillet 2022 », the site's footer says the same

    @property
    def dans_la_phrase(self) -> str:
        """« version 2022.1 du 1er juillet 2022 », inside a sentence."""
        return self.texte[:1].lower() + self.texte[1:]

    @property
    def mention(self) -> str:
        """The line printed on every PDF and written in its metadata."""
        return f"{self.titre} — {self.texte}"


def edition(ref: Referentiel) -> Edition:
    """The one edition stamp: the version and date of data/referentiel.yaml, as the site's footer says it."""
    return Edition(titre=plain(ref.meta.titre), version=ref.meta.version, texte=edition_texte(ref))


def kit(ref: Referentiel) -> list[Impression]:
    """Every PDF of the print kit, in the order of the Animer page. A page count is promised where the
    layout fixes it (four cards a sheet, the matrix poster on one A3); a fiche and the messages wall
    take the pages their content needs, which grows with every peer-group day."""
    fiches = [
        Impression(fiche_href(a.id), f"fiche-{a.id}.pdf", f"Ma fiche — {plain(a.libelles.court)}", "A4")
        for a in ref.acteurs
    ]
    return fiches + [
        Impression(CARTES, "cartes-enonces.pdf", "Cartes des énoncés à découper", "A4",
                   pages=len(planches(ref))),
        Impression(AFFICHE_MATRICE, "affiche-matrice-A3.pdf", "Affiche de la matrice des attentes",
                   "A3", paysage=True, ajuster=".r4f-affiche-table"),
        Impression(MUR, "mur-des-messages-A3.pdf", "Le mur des messages", "A3", paysage=True, ajuster=".r4f-mur"),
    ]


def footer_template(ed: Edition) -> str:
    """Chromium's footer (page.pdf): the edition and the page number, small and black."""
    return (
        '<div style="width:100%;margin:0 12mm;font:8px sans-serif;color:#000;display:flex;'
        'justify-content:space-between">'
        f"<span>{html.escape(ed.mention)}</span>"
        '<span>page <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'
    )


# -- the files the site offers for download -----------------------------------------------------

#: Where `make print` and `make offline` leave their files (relative to the project), and where the
#: published site offers them.
DIST = "dist"
PDF = "pdf"  # dist/pdf/, and the offline pack's pdf/ folder
TELECHARGEMENTS = "telechargements/"
#: Written by tools/print_kit.py beside the PDFs: the edition they were made from.
MANIFESTE = "kit.json"


@dataclass(frozen=True)
class Telechargement:
    titre: str
    fichier: str
    chemin: str       # the file, relative to the project: dist/pdf/fiche-elu.pdf
    route: str        # where the published site offers it: telechargements/fiche-elu.pdf
    detail: str       # « PDF, A4 » , « zip : le site et les PDF »
    taille: str       # « 1,2 Mo »; "" when absent
    present: bool     # made for this edition, found at build time


def paquet(ref: Referentiel) -> str:
    """The offline pack's file name (and its top folder, without « .zip »)."""
    return f"referentiel-4-fantastiques-{ref.meta.version}.zip"


def manifeste(ref: Referentiel) -> str:
    """What tools/print_kit.py writes beside the PDFs it made: their edition."""
    return json.dumps({"version": ref.meta.version, "date": ref.meta.date})


def _pdfs_a_jour(ref: Referentiel, dossier: Path) -> bool:
    """Whether dist/pdf holds the PDFs of this edition (tools/print_kit.py's manifest says so)."""
    try:
        made = json.loads((dossier / MANIFESTE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return made == json.loads(manifeste(ref))


def _fichier(titre: str, chemin: Path, projet: Path, detail: str, present: bool) -> Telechargement:
    present = present and chemin.is_file()
    return Telechargement(titre=titre, fichier=chemin.name, chemin=chemin.relative_to(projet).as_posix(),
                          route=TELECHARGEMENTS + chemin.name, detail=detail,
                          taille=taille(chemin.stat().st_size) if present else "", present=present)


@dataclass(frozen=True)
class Telechargements:
    pdfs: list[Telechargement]
    paquet: Telechargement
    complet: bool  # every file present

    @property
    def tous(self) -> list[Telechargement]:
        return [*self.pdfs, self.paquet]


def telechargements(ref: Referentiel, projet: Path) -> Telechargements:
    """The print kit's PDFs and the offline pack, each found (or not) where `make print` and `make offline`
    leave them: present only when made for this edition (its version and date)."""
    dist = projet / DIST
    pdfs = dist / PDF
    fresh = _pdfs_a_jour(ref, pdfs)
    kit_files = [_fichier(i.titre, pdfs / i.fichier, projet, f"PDF, {i.papier}", fresh) for i in kit(ref)]
    pack = _fichier("Le paquet hors ligne", dist / paquet(ref), projet, "zip : le site et les PDF, sans connexion", True)
    return Telechargements(pdfs=kit_files, paquet=pack, complet=all(t.present for t in [*kit_files, pack]))
