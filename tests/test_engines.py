"""Portability: the site builds unchanged with ProperDocs, the maintained fork of MkDocs 1.6.

A reader must find the same pages and the same permanent links (statement
anchors) whichever engine built the site: this keeps the way out of MkDocs 1.x open.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from referentiel.validate import load_referentiel

from conftest import ROOT, build_env
from test_build import html_pages, parse, visible_text

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory):
    if importlib.util.find_spec("properdocs") is None:
        pytest.fail("ProperDocs manque : il est dans requirements.lock, relancez « make setup ».", pytrace=False)
    site = tmp_path_factory.mktemp("site-properdocs")
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict",
         "--config-file", "mkdocs.yml", "--site-dir", str(site)],
        cwd=ROOT, env=build_env(), capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, f"la construction avec ProperDocs a échoué :\n{result.stdout}\n{result.stderr}"
    return site


def test_properdocs_builds_the_same_pages_and_files(built_site, properdocs_site):
    def files(site):
        return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())

    assert files(properdocs_site) == files(built_site)


def test_properdocs_keeps_every_anchor_and_text(built_site, properdocs_site):
    statements = set(load_referentiel(ROOT / "data").index)
    found = set()
    for path in html_pages(built_site):
        relative = path.relative_to(built_site)
        ours, theirs = parse(path), parse(properdocs_site / relative)
        assert theirs.ids == ours.ids, f"ancres différentes dans {relative}"
        assert visible_text(theirs) == visible_text(ours), f"texte différent dans {relative}"
        found |= ours.ids & statements
    assert found == statements  # every statement anchor was compared
