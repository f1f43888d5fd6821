"""What any reader meets: 404 page, skip link, sitemap and canonical links, social
meta in French, "Lien copié", the search dialog's name, the /animer/ page's promise.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler
from urllib.parse import urlparse

import pytest
import yaml
from playwright.sync_api import expect

from conftest import served


PREFIX = "/4-fantastiques/"


def _site_url(root) -> str:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    return config["site_url"]


def _pages(built_site) -> list[str]:
    """Every page of the site (the small pages kept at old addresses are not pages)."""
    out = []
    for index in sorted(built_site.rglob("index.html")):
        if 'http-equiv="refresh"' in index.read_text(encoding="utf-8"):
            continue
        folder = index.parent.relative_to(built_site).as_posix()
        out.append("" if folder == "." else f"{folder}/")
    return out


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content") or ""
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs.get("href")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def _head(path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


# ---------------------------------------------------------------------------
# Build: sitemap, canonical links, social meta, skip link, /animer/
# ---------------------------------------------------------------------------


@pytest.mark.build
def test_sitemap_et_liens_canoniques(built_site, root):
    base = _site_url(root)
    assert base.startswith("https://") and base.endswith(PREFIX)
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    listed = sorted(re.findall(r"<loc>(.*?)</loc>", sitemap))
    expected = sorted(base + path for path in _pages(built_site))
    assert listed == expected, "sitemap.xml ne liste pas exactement chaque page"
    for path in _pages(built_site):
        head = _head(built_site / path / "index.html")
        assert head.canonical == base + path, f"/{path} : lien canonique {head.canonical}"


@pytest.mark.build
def test_meta_sociales_en_francais(built_site):
    for path in _pages(built_site):
        meta = _head(built_site / path / "index.html").meta
        where = f"/{path}"
        assert meta.get("og:locale") == "fr_FR", where
        assert meta.get("og:title"), where
        assert meta.get("og:description") and meta["og:description"] == meta.get("description"), where
        assert meta.get("og:url", "").endswith(path), where
    home = _head(built_site / "index.html").meta
    assert home["og:title"] == "Les 4 Fantastiques des territoires en transition"
    matrice = _head(built_site / "matrice" / "index.html").meta
    assert "Matrice" in matrice["og:title"]


@pytest.mark.build
def test_lien_d_evitement_sur_chaque_page(built_site):
    css = (built_site / "stylesheets" / "referentiel.css").read_text(encoding="utf-8")
    for path in _pages(built_site) + ["404.html"]:
        file = built_site / path if path.endswith(".html") else built_site / path / "index.html"
        text = file.read_text(encoding="utf-8")
        body = text[text.index("<body") :]
        # Material's own skip link (only on some pages) is hidden by referentiel.css.
        body = re.sub(r'<div data-md-component="skip">.*?</div>', "", body, count=1, flags=re.S)
        assert '[data-md-component="skip"] { display: none; }' in css
        first_link = re.search(r'<a\s[^>]*href="([^"]*)"[^>]*>\s*([^<]*)', body)
        assert first_link and first_link.group(2).strip() == "Aller au contenu", f"/{path} : {first_link and first_link.group(0)}"
        assert first_link.group(1) == "#contenu" and 'id="contenu"' in body, f"/{path}"


@pytest.mark.build
def test_animer_dit_ce_qui_marche_sans_connexion(built_site):
    text = (built_site / "animer" / "index.html").read_text(encoding="utf-8")
    assert "se lisent sans connexion une fois le site copié" not in text
    assert "depuis le disque" in text
    # an animator downloads the kit; the terminal's commands are for maintainers (README, MAINTENIR)
    assert "make print" not in text and "make offline" not in text and "http.server" not in text


# ---------------------------------------------------------------------------
# Browser: 404 under the site's sub-path
# ---------------------------------------------------------------------------


class _Prefixed(SimpleHTTPRequestHandler):
    """Serves the site under PREFIX only, and 404.html (status 404) for anything missing."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = urlparse(self.path).path
        if not path.startswith(PREFIX):
            self.send_error(404)
            return None
        self.path = "/" + self.path[len(PREFIX) :]
        translated = self.translate_path(self.path)
        import os

        if os.path.isdir(translated) and not os.path.exists(os.path.join(translated, "index.html")) or not os.path.exists(translated):
            body = open(os.path.join(self.directory, "404.html"), "rb").read()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return __import__("io").BytesIO(body)
        return super().send_head()


@pytest.fixture(scope="module")
def prefixed_url(built_site):
    with served(built_site, _Prefixed, PREFIX) as url:
        yield url


@pytest.mark.browser
def test_page_404_sous_un_sous_chemin(new_context, prefixed_url):
    page = new_context().new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 and "introuvable" not in r.url else None)
    response = page.goto(prefixed_url + "une/page/introuvable/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page introuvable")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.wait_for_load_state("networkidle")
    assert not failed, f"ressources introuvables sous {PREFIX} : {failed}"
    # Material's stylesheet is applied: the header is coloured.
    colour = page.locator("header.md-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), "la feuille de style n'est pas chargée"

    # The main entry points lead to real pages.
    page.get_by_role("link", name="La matrice des attentes").click()
    page.wait_for_url(prefixed_url + "matrice/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Matrice")

    # The search works from the 404 page, without accents.
    page.goto(prefixed_url + "autre/introuvable")
    page.get_by_role("button", name="Rechercher dans le référentiel").click()
    box = page.get_by_role("textbox", name="Rechercher")
    expect(box).to_be_focused()
    box.press_sequentially("cooperation", delay=30)
    expect(page.locator(".md-search-result__item").first).to_contain_text("coopération")


# ---------------------------------------------------------------------------
# Browser: skip link, "Lien copié", search dialog name, footer link names
# ---------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "matrice/", "acteurs/elu/", "animer/"])
def test_aller_au_contenu_au_clavier(page, site_url, path):
    page.goto(site_url + path)
    page.keyboard.press("Tab")
    skip = page.locator("a:focus")
    expect(skip).to_have_text("Aller au contenu")
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("#contenu")).to_be_focused()
    # The next Tab lands in the page's content, not in the header or the navigation.
    page.keyboard.press("Tab")
    inside = page.evaluate("!!document.activeElement.closest('.md-content')")
    assert inside, f"/{path} : après « Aller au contenu », Tab atteint {page.evaluate('document.activeElement.outerHTML')[:120]}"


@pytest.mark.browser
def test_lien_copie_se_voit_et_s_entend(new_context, site_url):
    context = new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    page.goto(site_url + "acteurs/elu/")
    button = page.locator(".r4f-copier").first
    expect(button).to_contain_text("Copier le lien")
    button.click()
    expect(button).to_contain_text("Lien copié")
    assert not re.search(r"Copier le lien", button.inner_text()), button.inner_text()
    expect(button).to_have_accessible_name(re.compile(r"^Lien copié"))
    expect(page.get_by_role("status")).to_contain_text("Lien copié")


@pytest.mark.browser
def test_noms_accessibles_du_dialogue_de_recherche_et_des_liens_de_pied(page, site_url):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + "matrice/")
    expect(page.locator(".md-search[role='dialog']")).to_have_accessible_name("Recherche dans le référentiel")
    rules = {"type": "rule", "values": ["aria-dialog-name", "label-content-name-mismatch"]}
    violations = Axe().run(page, options={"runOnly": rules, "resultTypes": ["violations"]}).response["violations"]
    assert not violations, [(v["id"], [n["html"][:120] for n in v["nodes"]]) for v in violations]
    expect(page.locator(".md-footer__link--prev")).to_have_accessible_name(re.compile(r"Agents de l'État territorial"))


@pytest.mark.browser
def test_liens_de_pied_nommes_sur_telephone(page, site_url):
    # On a phone Material hides the footer links' words and shows only an arrow: the
    # link must still be named, by the same words (Lighthouse mobile: link-name).
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site_url + "matrice/")
    expect(page.locator(".md-footer__link--prev .md-footer__title")).to_be_hidden()
    # Material's label, in French typography (overrides/partials/footer.html)
    expect(page.locator(".md-footer__link--prev")).to_have_accessible_name(
        re.compile(r"^Précédent\u00a0: Agents de l'État territorial$"))
    rules = {"type": "rule", "values": ["link-name", "label-content-name-mismatch"]}
    violations = Axe().run(page, options={"runOnly": rules, "resultTypes": ["violations"]}).response["violations"]
    assert not violations, [(v["id"], [n["html"][:120] for n in v["nodes"]]) for v in violations]
