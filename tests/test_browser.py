"""Browser tests: what a reader notices when using the built site in Chromium.

One Chromium (Debian's, never downloaded) for the whole session, a fresh
context for every test. The site is the strict build served on 127.0.0.1 by
the `site_url` fixture of conftest.py.
"""

from __future__ import annotations

import os
import re
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

from conftest import TIMEOUT_MS  # noqa: E402  (browser and new_context fixtures live in conftest.py)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 360, "height": 740}


# ---------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------


# `browser`, `new_context` and `page` are in conftest.py (one Chromium for every module).


@pytest.fixture(scope="session")
def page_paths(built_site) -> list[str]:
    """Every HTML page of the built site, as a path relative to the site root."""
    paths = []
    for index in sorted(built_site.rglob("index.html")):
        folder = index.parent.relative_to(built_site).as_posix()
        paths.append("" if folder == "." else f"{folder}/")
    assert len(paths) > 20, f"trop peu de pages construites : {paths}"
    return paths


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def horizontal_overflow(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


class _FirstAbbr(HTMLParser):
    """The first <abbr title> of the page content, read from the built file."""

    def __init__(self):
        super().__init__()
        self.found: tuple[str, str] | None = None
        self._title: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.found is None and tag == "abbr" and attrs.get("title"):
            self._title = attrs["title"]
            self._text = []

    def handle_data(self, data):
        if self._title is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "abbr" and self._title is not None:
            if self.found is None:
                self.found = ("".join(self._text).strip(), self._title)
            self._title = None


def first_abbr(built_site: Path, path: str) -> tuple[str, str]:
    parser = _FirstAbbr()
    parser.feed((built_site / path / "index.html").read_text(encoding="utf-8"))
    assert parser.found, f"aucun sigle <abbr title> sur /{path}"
    return parser.found


# The tooltip Material renders for a hovered/focused element (feature content.tooltips):
# a `.md-tooltip2` referenced by aria-describedby. Returns its text only when it is
# really shown (active, opaque, with a size), otherwise null.
SHOWN_TOOLTIP_JS = """el => {
  const id = el.getAttribute('aria-describedby');
  const tip = id && document.getElementById(id);
  if (!tip) return null;
  const inner = tip.querySelector('.md-tooltip2__inner') || tip;
  const style = getComputedStyle(tip);
  const box = inner.getBoundingClientRect();
  const shown = tip.classList.contains('md-tooltip2--active') && style.visibility !== 'hidden'
    && parseFloat(style.opacity) > 0.9 && box.width > 0 && box.height > 0;
  return shown ? inner.textContent.trim() : null;
}"""


def wait_for_tooltip(page: Page, abbr, expected: str, how: str) -> None:
    try:
        page.wait_for_function(
            f"([el, expected]) => {{ const t = ({SHOWN_TOOLTIP_JS})(el); return t !== null && t.includes(expected); }}",
            arg=[abbr.element_handle(), expected],
            timeout=TIMEOUT_MS,
        )
    except Exception:
        shown = abbr.evaluate(SHOWN_TOOLTIP_JS)
        pytest.fail(f"{how} : aucune infobulle visible avec « {expected} » (infobulle affichée : {shown!r})")


def search(page: Page, query: str) -> list[str]:
    """Open Material's search with its keyboard shortcut, type `query`, return the settled results.
    On a page where a search was typed already, the box is emptied and `query` typed instead."""
    box = page.get_by_role("textbox", name="Rechercher")
    if box.is_visible() and box.input_value():
        box.fill("")
        expect(page.locator(".md-search-result__item")).to_have_count(0)
    else:
        page.keyboard.press("/")
        expect(box, "la touche « / » doit placer le curseur dans la recherche").to_be_focused()
    box.press_sequentially(query, delay=40)
    expect(box).to_have_value(query)
    results = page.locator(".md-search-result__item")
    expect(results.first, f"aucun résultat pour « {query} »").to_be_visible()
    # Results follow each keystroke; wait until the list stops changing.
    last, stable_since = None, time.monotonic()
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        current = page.locator(".md-search-result__list").inner_html()
        if current != last:
            last, stable_since = current, time.monotonic()
        elif time.monotonic() - stable_since > 0.4:
            break
        page.wait_for_timeout(100)
    return results.all_inner_texts()


def describe_violations(violations_by_page: dict[str, list[dict]]) -> str:
    lines = []
    for where, violations in violations_by_page.items():
        for v in violations:
            lines.append(f"- {where} : [{v['id']}] ({v.get('impact')}) {v['help']}")
            for node in v["nodes"][:8]:
                summary = " ".join((node.get("failureSummary") or "").split())
                lines.append(f"    cible {node['target']} : {summary[:300]}")
            if len(v["nodes"]) > 8:
                lines.append(f"    … et {len(v['nodes']) - 8} autre(s) élément(s)")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# 1. The matrix leads to the statement itself
# ---------------------------------------------------------------------------


def test_matrice_lien_mene_a_l_attente(page, site_url):
    page.goto(site_url + "matrice/")
    cell = page.locator("#cellule-agent-etat")
    expect(cell).to_contain_text("Ce que les agents des collectivités attendent des agents de l'État")
    link = cell.locator(".r4f-attentes a").first
    label = link.inner_text().strip()
    link.click()

    # The agents' page, or the part of it that holds the expectation once the actor is split over pages.
    page.wait_for_url(re.compile(r"/acteurs/agent/(?:[a-z-]+/(?:page-\d+/)?)?#.+"))
    url = urlparse(page.url)
    assert url.path.startswith("/acteurs/agent/"), page.url
    target = page.locator(f"[id='{url.fragment}']")
    expect(target, f"la cible #{url.fragment} n'existe pas sur la page").to_have_count(1)
    expect(target).to_contain_text(label.rstrip("."))
    expect(target, f"#{url.fragment} n'est pas dans la fenêtre après le clic").to_be_in_viewport()
    # Not hidden under Material's sticky header either.
    header_bottom = page.locator("header.md-header").bounding_box()["height"]
    assert target.bounding_box()["y"] >= header_bottom - 1, "la cible est masquée par l'en-tête"


# ---------------------------------------------------------------------------
# 2. Two clicks: what agents expect of the State, what the State tells them
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("par", ["schéma", "tableau"])
def test_deux_clics_agents_et_etat(page, site_url, par):
    page.goto(site_url)
    if par == "schéma":
        # The number badge on the Agents des collectivités ↔ État line of the diagram.
        edge = page.get_by_role("link", name=re.compile(r"^Agents des collectivités ↔ État :"))
        expect(edge).to_be_visible()
        edge.locator("circle").first.click()
    else:
        table = page.get_by_role("table", name="Le schéma en tableau")
        table.get_by_role("link", name="Agents des collectivités ↔ État", exact=True).click()

    # Click 1: the pair page shows both directions.
    page.wait_for_url(re.compile(r"/face-a-face/agent-etat/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Agents des collectivités ↔ État")
    vers_etat = page.locator("section.r4f-sens").filter(
        has=page.get_by_role("heading", name="Ce que les agents des collectivités attendent des agents de l'État")
    )
    expect(vers_etat).to_be_visible()
    expect(vers_etat.locator(".r4f-attentes a").first).to_be_visible()
    assert vers_etat.locator(".r4f-attentes a").count() >= 1
    vers_agents = page.locator("section.r4f-sens").filter(
        has=page.get_by_role("heading", name="Messages État → Agents des collectivités")
    )
    message = vers_agents.locator("blockquote").filter(has_text="mettez-nous dans la boucle")
    expect(message).to_be_visible()

    # The message is shown whole on that page: no link pretends there is more to read.
    expect(message).to_contain_text("bien en amont")
    expect(message.get_by_role("link")).to_have_count(0)

    # Click 2: an expectation, at its place on the agents' page.
    first = vers_etat.locator(".r4f-attentes a").first
    href = first.get_attribute("href")
    first.click()
    page.wait_for_url(re.compile(r"/acteurs/agent/(?:[a-z-]+/(?:page-\d+/)?)?#agent-attente-[\w-]+$"))
    expect(page.locator(href[href.index("#"):])).to_be_in_viewport()


# ---------------------------------------------------------------------------
# 3. French search: elided words are found
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "elided"),
    [("orchestre élu", re.compile(r"l['’]élu\b")), ("réglementaires État", re.compile(r"l['’]État\b"))],
    ids=["élu", "État"],
)
def test_recherche_trouve_les_mots_elides(page, site_url, query, elided):
    page.goto(site_url)
    texts = search(page, query)
    assert texts, f"la recherche « {query} » ne donne aucun résultat"
    assert any(elided.search(t) for t in texts), (
        f"aucun résultat de « {query} » ne montre « {elided.pattern} » :\n" + "\n---\n".join(t[:200] for t in texts)
    )
    expect(page.locator(".md-search-result__meta")).to_contain_text("trouvé")


# ---------------------------------------------------------------------------
# 4. Acronym tooltip, with the mouse and with the keyboard
# ---------------------------------------------------------------------------


def test_infobulle_sigle_au_survol_et_au_clavier(new_context, site_url, built_site):
    sigle, expansion = first_abbr(built_site, "acteurs/etat")
    page = new_context().new_page()
    page.goto(site_url + "acteurs/etat/")
    abbr = page.locator("abbr").filter(has_text=re.compile(rf"^{re.escape(sigle)}$")).first
    expect(abbr).to_be_visible()

    abbr.hover()
    wait_for_tooltip(page, abbr, expansion, f"survol de {sigle}")
    page.mouse.move(0, page.viewport_size["height"] - 1)
    page.wait_for_function(f"el => ({SHOWN_TOOLTIP_JS})(el) === null", arg=abbr.element_handle())

    # Keyboard only, in a fresh page: Tab until an acronym has the focus.
    page = new_context().new_page()
    page.goto(site_url + "acteurs/etat/")
    for _ in range(150):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            break
    else:
        pytest.fail("aucun sigle n'est atteignable au clavier (Tab) sur /acteurs/etat/")
    focused = page.locator("abbr:focus")
    assert focused.inner_text().strip() == sigle, "le premier sigle atteint au clavier n'est pas le premier de la page"
    wait_for_tooltip(page, focused, expansion, f"focus clavier sur {sigle}")
    outline = focused.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "le sigle qui a le focus n'a pas d'indicateur de focus visible"


# ---------------------------------------------------------------------------
# 5. Phones: 360 px wide, no horizontal scrolling
# ---------------------------------------------------------------------------


def test_matrice_sur_telephone(new_context, site_url):
    page = new_context(viewport=PHONE).new_page()
    page.goto(site_url + "matrice/")
    cells = page.locator("td.r4f-cellule")
    expect(cells).to_have_count(16)
    for i in range(16):
        cell = cells.nth(i)
        cell.scroll_into_view_if_needed()
        expect(cell).to_be_visible()
        box = cell.bounding_box()
        assert box["x"] >= -1 and box["x"] + box["width"] <= PHONE["width"] + 1, (
            f"la case {cell.get_attribute('id')} dépasse de l'écran : {box}"
        )
        expect(cell.locator(".r4f-legende")).to_be_visible()
    width = horizontal_overflow(page)
    assert width <= PHONE["width"] + 1, f"/matrice/ défile horizontalement à 360 px (largeur {width} px)"


@pytest.mark.parametrize("path", ["", "acteurs/elu/"], ids=["accueil", "acteurs-elu"])
def test_pas_de_defilement_horizontal_sur_telephone(new_context, site_url, path):
    page = new_context(viewport=PHONE).new_page()
    page.goto(site_url + path)
    width = horizontal_overflow(page)
    assert width <= PHONE["width"] + 1, f"/{path} défile horizontalement à 360 px (largeur {width} px)"


# ---------------------------------------------------------------------------
# 6. Nothing is loaded from another origin
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tour_du_site(browser, site_url, page_paths) -> tuple[list[str], dict[str, list[dict]]]:
    """Every page opened once, in the light palette, until the network is idle (what loads late is
    seen too): the requests it made to any other origin, and axe-core's WCAG violations."""
    origin = urlparse(site_url)
    context = browser.new_context(locale="fr-FR", color_scheme="light", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    outside: list[str] = []
    found: dict[str, list[dict]] = {}
    page = context.new_page()
    current = {"path": ""}

    def record(request):
        url = urlparse(request.url)
        if url.scheme in ("data", "blob"):
            return
        if (url.scheme, url.hostname, url.port) != (origin.scheme, "127.0.0.1", origin.port):
            outside.append(f"/{current['path']} → {request.url}")

    page.on("request", record)
    try:
        for path in page_paths:
            current["path"] = path
            page.goto(site_url + path, wait_until="networkidle")
            assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
            violations = _axe_violations(page)
            if violations:
                found[f"/{path} (thème clair)"] = violations
    finally:
        context.close()
    return outside, found


def test_aucune_requete_vers_un_autre_site(tour_du_site):
    outside, _ = tour_du_site
    if outside:
        pytest.fail("requêtes vers un autre site :\n" + "\n".join(outside), pytrace=False)


# ---------------------------------------------------------------------------
# 7. axe-core: no WCAG 2.1 A/AA violation, light and dark palettes
# ---------------------------------------------------------------------------


def _axe_violations(page: Page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    return Axe().run(page, options=options).response["violations"]


def test_axe_aucune_violation_wcag(new_context, site_url, page_paths, tour_du_site):
    found = dict(tour_du_site[1])  # every page, light palette

    # Dark palette, switched the way a reader does: with the header's toggle.
    page = new_context().new_page()
    page.goto(site_url)
    page.locator("label[title='Passer au thème sombre']").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    actor = next(p for p in page_paths if p.startswith("acteurs/") and p != "acteurs/")
    for path in ["", "matrice/", actor, "freins/"]:  # freins: the editors' marks
        page.goto(site_url + path)
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        violations = _axe_violations(page)
        if violations:
            found[f"/{path} (thème sombre)"] = violations

    if found:
        pytest.fail("violations WCAG 2.1 A/AA relevées par axe-core :\n" + describe_violations(found), pytrace=False)


# ---------------------------------------------------------------------------
# 8. "Copier le lien" copies the statement's permanent link
# ---------------------------------------------------------------------------


def test_copier_le_lien(new_context, site_url):
    context = new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    page.goto(site_url + "acteurs/elu/")
    button = page.get_by_role("button", name=re.compile(r"^Copier le lien")).first
    anchor = button.get_attribute("data-ancre")
    assert anchor and page.locator(f"[id='{anchor}']").count() == 1
    # The visible label is short; the statement's title is for screen readers only.
    assert button.inner_text().strip().startswith("Copier le lien")
    hidden = button.locator(".md-visually-hidden").bounding_box()
    assert hidden is None or (hidden["width"] <= 1 and hidden["height"] <= 1), (
        f"le texte réservé aux lecteurs d'écran est affiché : {hidden}"
    )

    button.click()
    expected = f"{site_url}acteurs/elu/#{anchor}"
    status = page.get_by_role("status")
    expect(status).to_contain_text("Lien copié")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == expected
    assert urljoin(site_url, copied) == expected


# ---------------------------------------------------------------------------
# 9. Keyboard only: Tab reaches the matrix, Enter follows the link
# ---------------------------------------------------------------------------


def test_matrice_au_clavier(page, site_url):
    page.goto(site_url + "matrice/")
    first = page.locator("td.r4f-cellule a").first
    href = first.get_attribute("href")
    expected = urljoin(site_url + "matrice/", href)
    is_first = "h => document.activeElement.getAttribute('href') === h && !!document.activeElement.closest('td.r4f-cellule')"
    for presses in range(1, 151):
        page.keyboard.press("Tab")
        if page.evaluate(is_first, href):
            break
        assert not page.evaluate("!!document.activeElement.closest('td.r4f-cellule')"), (
            "le clavier atteint une autre case avant la première"
        )
    else:
        pytest.fail("Tab n'atteint jamais le premier lien de la matrice")
    style = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert style != "none", "le lien qui a le focus n'a pas d'indicateur visible"

    page.keyboard.press("Enter")
    page.wait_for_url(expected)
    fragment = urlparse(expected).fragment
    if fragment:
        expect(page.locator(f"[id='{fragment}']")).to_be_in_viewport()


# ---------------------------------------------------------------------------
# 10. Animators: a fiche prints on two A4 pages; the matrix fits a projector
# ---------------------------------------------------------------------------


def test_matrice_sur_videoprojecteur(new_context, site_url):
    page = new_context(viewport={"width": 1920, "height": 1080}).new_page()
    page.goto(site_url + "matrice/")
    assert horizontal_overflow(page) <= 1920 + 1
    table = page.locator("table.r4f-tableau").bounding_box()
    assert table["width"] >= 1200, f"la matrice n'occupe que {table['width']} px sur un écran de 1920 px"
    expect(page.locator("td.r4f-cellule").first).to_be_visible()
    size = page.locator("td.r4f-cellule a").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 14, f"texte des cases trop petit pour une salle ({size} px)"


# ---------------------------------------------------------------------------
# 11. Fidelity: the editors' marks open from the keyboard; encadrés are quoted
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("path, libelle, raison", [
    ("freins/", "Titre ajouté pour la navigation", "cette liste n'a pas de titre"),
    ("acteurs/etat/", "Destinataire déduit par l'équipe éditoriale", "ne nomme pas de destinataire"),
])
def test_marque_editoriale_au_clavier(page, site_url, path, libelle, raison):
    page.goto(site_url + path)
    summary = page.locator("details.r4f-editorial > summary", has_text=libelle).first
    expect(summary).to_be_visible()
    detail = page.locator("details.r4f-editorial", has=summary).locator("> p")
    expect(detail).to_be_hidden()
    on_marker = ("l => document.activeElement.matches('details.r4f-editorial > summary')"
                 " && document.activeElement.textContent.includes(l)")
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate(on_marker, libelle):
            break
    else:
        pytest.fail(f"aucune marque éditoriale n'est atteignable au clavier sur /{path}")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    opened = page.locator("details.r4f-editorial:has(> summary:focus) > p")
    expect(opened).to_be_visible()
    expect(opened).to_contain_text(raison)


QUOTES_JS = """b => {
  const ends = (el, last) => el.tagName === 'UL' ? (last ? el.lastElementChild : el.firstElementChild) : el;
  return [getComputedStyle(ends(b.firstElementChild, false), '::before').content,
          getComputedStyle(ends(b.lastElementChild, true), '::after').content];
}"""


@pytest.mark.parametrize("acteur", ["elu", "agent", "socio-economique", "etat"])
def test_encadres_entre_guillemets(page, site_url, acteur):
    page.goto(site_url + f"acteurs/{acteur}/")
    quotes = page.locator(".r4f-encadre blockquote.r4f-citation-encadre")
    assert quotes.count() == page.locator(".r4f-encadre").count() > 0
    for i in range(quotes.count()):
        assert quotes.nth(i).evaluate(QUOTES_JS) == ['"«\u00a0"', '"\u00a0»"'], f"encadré n° {i + 1} de /acteurs/{acteur}/"
