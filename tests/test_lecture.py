"""Reading without a stumble: names nobody confuses (« Face à face », old addresses kept),
French typography on every page, words agreed, « Ma fiche » both ways and in print, the
lexicon, the home diagram on a phone.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from referentiel import views
from referentiel.validate import load_referentiel

from conftest import ROOT


@pytest.fixture(scope="module")
def ref():
    return load_referentiel(ROOT / "data")


def _old_and_new(ref) -> list[tuple[str, str]]:
    pairs = [("paires/", "face-a-face/")]
    for a, b in views.paires(ref):
        slug = views.paire_slug(ref, a.id, b.id)
        pairs.append((f"paires/{slug}/", f"face-a-face/{slug}/"))
    return pairs


# ---------------------------------------------------------------------------
# « Face à face » (ex-« Paires »): new addresses, old ones still lead there
# ---------------------------------------------------------------------------


@pytest.mark.build
def test_face_a_face_remplace_paires_partout(built_site):
    assert (built_site / "face-a-face" / "index.html").exists()
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/face-a-face/elu-agent/" in sitemap
    assert "/paires/" not in sitemap, "les anciennes adresses ne sont pas des pages du plan du site"
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"paires/' not in index, "une ancienne adresse est dans l'index de recherche"
    for page in built_site.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue
        rel = page.relative_to(built_site).as_posix()
        assert not re.search(r'href="[^"]*paires/', text), f"{rel} : lien vers l'ancienne adresse"
        visible = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S))
        assert not re.search(r"\b[Pp]aires?\b", visible), (
            f"{rel} : le mot « paire » (piège avec « pairs ») est encore affiché"
        )
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r">\s*Face à face\s*<", home), "l'onglet « Face à face » manque"


@pytest.mark.build
def test_anciennes_adresses_des_paires_sont_des_redirections(built_site, root, ref):
    import yaml

    base = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    for old, new in _old_and_new(ref):
        html = (built_site / old / "index.html").read_text(encoding="utf-8")
        back = "../" * old.count("/")
        assert f'<meta http-equiv="refresh" content="0; url={back}{new}">' in html, old
        assert f'<link rel="canonical" href="{base}{new}">' in html, old
        assert '<meta name="robots" content="noindex">' in html, old
        assert re.search(rf'<p>Cette page a changé d\'adresse : <a href="{re.escape(back + new)}">Face à face', html), old
        assert (built_site / new / "index.html").exists(), new


@pytest.mark.browser
def test_anciennes_adresses_menent_a_la_bonne_page(page, site_url, ref):
    for old, new in _old_and_new(ref):
        page.goto(site_url + old)
        page.wait_for_url(site_url + new)
        expect(page.get_by_role("heading", level=1)).to_contain_text(
            "Face à face" if new == "face-a-face/" else "↔"
        )
    # The fragment survives the move.
    page.goto(site_url + "paires/agent-etat/#cellule-agent-etat-titre")
    page.wait_for_url(site_url + "face-a-face/agent-etat/#cellule-agent-etat-titre")
