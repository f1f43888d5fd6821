"""The kit on the site (issue 20): the publication builds the PDFs and the offline pack and publishes them
with the site; the Animer page links each with its size and edition, or says plainly where they come from.

The files are stand-ins of the right names (what `make print` and `make offline` leave in dist/): the
build's part is to find them, check their edition, offer them and say their size.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project, mkdocs_build
from referentiel.francais import taille
from referentiel.printing import MANIFESTE, edition, manifeste, paquet, telechargements
from referentiel.validate import load_referentiel

pytestmark = pytest.mark.build


def _animer(site: Path) -> str:
    return (site / "animer" / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def projet_avec_kit(tmp_path_factory) -> Path:
    """A copy of the project whose dist/ holds this edition's PDFs and pack, and a PDF of another edition."""
    project = copy_project(tmp_path_factory.mktemp("kit") / "projet")
    ref = load_referentiel(project / "data")
    pdf = project / "dist" / "pdf"
    pdf.mkdir(parents=True)
    for i, t in enumerate(telechargements(ref, project).pdfs):
        (pdf / t.fichier).write_bytes(b"%PDF-1.7\n" + b"x" * (1000 * (i + 1) + 500))
    (pdf / MANIFESTE).write_text(manifeste(ref), encoding="utf-8")  # as tools/print_kit.py writes it
    (project / "dist" / paquet(ref)).write_bytes(b"PK" + b"z" * 2_345_678)
    return project


def test_le_site_publie_propose_chaque_fichier_avec_sa_taille_et_son_edition(projet_avec_kit, tmp_path):
    ref = load_referentiel(projet_avec_kit / "data")
    site = tmp_path / "site"
    result = mkdocs_build(projet_avec_kit, site)
    assert result.returncode == 0, result.stderr
    page = _animer(site)
    ed = edition(ref)
    for t in telechargements(ref, projet_avec_kit).tous:
        published = site / t.route
        assert published.is_file(), f"{t.route} n'est pas publié avec le site"
        assert published.read_bytes() == (projet_avec_kit / t.chemin).read_bytes()
        link = re.search(rf'<a href="\.\./{re.escape(t.route)}" download>[^<]+</a> \(([^)]*)\)', page)
        assert link, f"Animer ne relie pas {t.route}"
        said = re.sub(r"[\u00a0\u202f]", " ", link.group(1))
        assert taille(published.stat().st_size) in said and ed.dans_la_phrase in said, said
    assert "manquent à cette copie" not in page
    assert "make print" not in page and "make offline" not in page


def test_des_pdf_d_une_autre_edition_ne_sont_pas_proposes(projet_avec_kit):
    ref = load_referentiel(projet_avec_kit / "data")
    (projet_avec_kit / "dist" / "pdf" / MANIFESTE).write_text(json.dumps({"version": "0.9", "date": "2020-01-01"}),
                                                                encoding="utf-8")
    try:
        found = telechargements(ref, projet_avec_kit)
        assert not any(t.present for t in found.pdfs) and found.paquet.present and not found.complet
    finally:
        (projet_avec_kit / "dist" / "pdf" / MANIFESTE).write_text(manifeste(ref), encoding="utf-8")


def test_une_copie_construite_sans_les_fichiers_dit_d_ou_ils_viennent(enriched_project, enriched_site):
    """A build without dist/ (a local build, a copy: the enriched one has none, whatever the repository has)."""
    assert not (enriched_project / "dist").exists()
    page = _animer(enriched_site)
    assert not (enriched_site / "telechargements").exists()
    site_url = yaml.safe_load((enriched_project / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    assert "manquent à cette copie du site" in page and f'href="{site_url}animer/#telecharger"' in page
    assert "make print" not in page and "make offline" not in page


def test_la_publication_construit_le_site_avec_ses_telechargements():
    workflow = yaml.safe_load((ROOT / ".github/workflows/publication.yml").read_text(encoding="utf-8"))
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "make publication" in runs and "chromium" in runs
    upload = next(s for s in steps if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site/"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^publication: (.*)\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe and "offline" in recipe.group(1).split() and "build" in recipe.group(2), \
        "make publication : le site, puis les PDF et le paquet, puis le site qui les propose"
