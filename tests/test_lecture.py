"""Reading without a stumble: names nobody confuses (« Face à face », old addresses kept),
French typography on every page, words agreed, « Ma fiche » both ways and in print, the
lexicon, the home diagram on a phone.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

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
        assert re.search(rf'<p>Cette page a changé d\'adresse\u00a0: <a href="{re.escape(back + new)}">Face à face', html), old
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


# ---------------------------------------------------------------------------
# French typography on every built page
# ---------------------------------------------------------------------------

_RAW = {"code", "pre", "script", "style", "kbd", "samp", "textarea"}
_BLOCK = {"p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "td", "th", "div",
          "section", "article", "aside", "nav", "header", "footer", "ul", "ol", "table", "figure", "figcaption",
          "title", "label", "summary", "details", "form", "main", "body", "head", "br", "hr"}


def page_text(html: str) -> str:
    """What a reader sees of a page (code and scripts left out); blocks on their own lines."""
    class Parser(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.raw = 0

        def handle_starttag(self, tag, attrs):
            if tag in _RAW:
                self.raw += 1
            if tag in _BLOCK:
                self.parts.append("\n")

        def handle_endtag(self, tag):
            if tag in _RAW:
                self.raw = max(0, self.raw - 1)
            if tag in _BLOCK:
                self.parts.append("\n")

        def handle_data(self, data):
            if not self.raw:
                self.parts.append(data)

    parser = Parser()
    parser.feed(html)
    return "".join(parser.parts)


def _built_pages(built_site):
    for path in sorted(built_site.rglob("*.html")):
        yield path.relative_to(built_site).as_posix(), path.read_text(encoding="utf-8")


@pytest.mark.build
def test_typographie_francaise_sur_chaque_page(built_site):
    faults = []
    pages = 0
    for rel, html in _built_pages(built_site):
        pages += 1
        text = page_text(html)
        for m in re.finditer(r"(?<=\S)[ \t]+[;:!?»]|«[ \t]|\n[ \t]*[!»;:?]", text):
            # 12 : 30 or a lone "?" in a code-like help (none expected) would show here too.
            faults.append(f"{rel} : …{text[max(0, m.start() - 30):m.end() + 10]!r}")
    assert pages > 30
    assert not faults, f"{len(faults)} espace(s) ordinaire(s) :\n" + "\n".join(faults[:30])


def test_typographie_ne_touche_ni_code_ni_attributs_ni_heures():
    from referentiel.typographie import NBSP, typographie_html

    html = ('<p title="a : b">Rendez-vous à 12:30 : voir <a href="https://x.fr/?a=1;b=2">ici</a> !</p>'
            '<pre><code>x = {"a" : 1} ?</code></pre><p>&laquo; cite &raquo;</p>')
    out = typographie_html(html)
    assert 'title="a : b"' in out and 'href="https://x.fr/?a=1;b=2"' in out
    assert f"12:30{NBSP}: voir" in out and "</a>\u202f!</p>" in out
    assert '<pre><code>x = {"a" : 1} ?</code></pre>' in out
    assert typographie_html(out) == out, "appliquée deux fois, elle ne change plus rien"
    # Across tags: a quote opening on an abbreviation, a colon after code or an abbreviation's stop.
    assert typographie_html("du « <abbr>TLM</abbr> »") == f"du «{NBSP}<abbr>TLM</abbr>{NBSP}»"
    assert typographie_html("un <code>id</code> : x") == f"un <code>id</code>{NBSP}: x"
    assert typographie_html("<a>socio-éco.</a> : x") == f"<a>socio-éco.</a>{NBSP}: x"
