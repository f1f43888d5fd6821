"""Projection, as an animator meets it on a 1920×1080 projector (issue 20).

Every assertion is a property of the pages whatever the data: every projectable page (those with a
« Projeter » button), every item, every cell. Text is checked line by line: a line counts as shown when
it is whole inside the screen and nothing covers it (``elementFromPoint``); what a closed <details>
folds (an editors' note, behind its ✎) is shown on demand, not counted.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from conftest import ROOT, served
from referentiel import views
from referentiel.markup import plain
from referentiel.typographie import typographie
from referentiel.validate import load_referentiel

pytestmark = pytest.mark.browser
PROJECTOR = {"width": 1920, "height": 1080}


@pytest.fixture(scope="module")
def ref():
    return load_referentiel(ROOT / "data")


@pytest.fixture(scope="module")
def projectables(built_site) -> list[str]:
    """Every page with a « Projeter » button, as a path from the site's root."""
    paths = sorted(p.parent.relative_to(built_site).as_posix() + "/" for p in built_site.rglob("index.html")
                   if "data-r4f-projeter" in p.read_text(encoding="utf-8"))
    assert any(p.startswith("matrice/") for p in paths) and any(p.startswith("face-a-face/") for p in paths)
    return paths


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _projection(new_context, url: str, viewport=PROJECTOR) -> Page:
    page = new_context(viewport=viewport).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    expect(page.locator("html")).to_have_class(re.compile(r"\br4f-projection\b"))
    page.wait_for_function("() => window.r4fProjection && window.r4fProjection.isOn()")
    page.r4f_errors = errors  # checked by the tests that walk a page
    return page


# Lines of text: [text node, line] keys of every line under the opened item (or the page's content),
# those shown now (whole on screen, not covered), and the smallest size of any text shown.
LINES_JS = """() => {
  const root = document.querySelector('.r4f-ouvert') || document.querySelector('.md-content');
  const ids = window.__r4fIds || (window.__r4fIds = new WeakMap());
  window.__r4fNext = window.__r4fNext || 0;
  const all = [], shown = [];
  const range = document.createRange();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let smallest = Infinity;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.nodeValue.trim() || el.closest('.md-visually-hidden, option, script')) continue;
    if (el.closest('details:not([open])') && !el.closest('summary')) continue;  // folded: opened on demand
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible') continue;
    if (!ids.has(n)) ids.set(n, window.__r4fNext++);
    range.selectNodeContents(n);
    [...range.getClientRects()].filter(r => r.width > 1 && r.height > 1).forEach((r, k) => {
      const key = ids.get(n) + ':' + k + ' ' + n.nodeValue.trim().slice(0, 40);
      all.push(key);
      const inside = r.top >= -0.5 && r.bottom <= innerHeight + 0.5 && r.left >= -0.5 && r.right <= innerWidth + 0.5;
      const hit = inside && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (hit && el.contains(hit)) { shown.push(key); smallest = Math.min(smallest, parseFloat(style.fontSize)); }
    });
  }
  return {all, shown, smallest};
}"""

STATE_JS = """() => {
  const current = document.querySelector('.r4f-courant');
  const opened = document.querySelector('.r4f-ouvert');
  const step = window.r4fProjection.step();
  return [current && current.outerHTML.length + ':' + [...current.parentNode.children].indexOf(current),
          opened ? 'ouvert' : '', step.numero, step.total, scrollY, opened ? opened.scrollTop : 0].join('|');
}"""


def _walk(page: Page, key: str = "PageDown", limit: int = 400) -> tuple[set[str], set[str], float]:
    """Press `key` until nothing changes (or, from an opened item, until it closes); every line met,
    every line shown at some step, the smallest size shown."""
    seen: set[str] = set()
    every: set[str] = set()
    smallest = float("inf")
    state = None
    opened = page.evaluate("() => { const o = document.querySelector('.r4f-ouvert'); if (o) o.dataset.essai = '1'; return !!o; }")
    for _ in range(limit):
        if opened and not page.locator(".r4f-ouvert[data-essai]").count():
            return every, seen, smallest
        lines = page.evaluate(LINES_JS)
        every |= set(lines["all"])
        seen |= set(lines["shown"])
        smallest = min(smallest, lines["smallest"])
        now = page.evaluate(STATE_JS)
        if now == state:
            return every, seen, smallest
        state = now
        page.keyboard.press(key)
    pytest.fail(f"{page.url} : plus de {limit} pas sans arriver au bout")


def _missing(every: set[str], seen: set[str]) -> list[str]:
    return sorted(every - seen)[:8]


def test_chaque_page_projetee_se_lit_entiere_au_clavier(new_context, site_url, projectables):
    """Every line of every projectable page is shown whole on the screen at some step of → / Page suivante,
    at 32 px at least; the page starts with its title on screen; nothing fails."""
    for path in projectables:
        if path.startswith("matrice/"):
            continue  # the one-screen grid: its own tests below
        page = _projection(new_context, site_url + path + "?projection")
        h1 = page.locator("h1").first
        expect(h1, f"{path} : le titre n'est pas à l'écran au départ").to_be_in_viewport(ratio=1)
        every, seen, smallest = _walk(page)
        assert not _missing(every, seen), f"{path} : lignes jamais montrées entières : {_missing(every, seen)}"
        assert smallest >= 32, f"{path} : un texte projeté fait {smallest} px (32 au moins)"
        assert not page.r4f_errors, f"{path} : erreurs JavaScript {page.r4f_errors}"
        page.context.close()


def test_entree_ouvre_l_enonce_entier_partout(new_context, site_url, projectables, ref):
    """Enter on any item of a face-à-face (where items list titles only) shows the whole statement alone:
    title and text, read whole in steps at 28 px at least; Esc closes it."""
    from referentiel.markup import paragraphs

    for path in [p for p in projectables if p.startswith("face-a-face/")]:
        page = _projection(new_context, site_url + path + "?projection")
        count = page.evaluate("window.r4fProjection.items().length")
        assert count > 0
        for i in range(count):
            page.evaluate("i => window.r4fProjection.enter({index: i})", i)
            link = page.locator(".r4f-courant .r4f-resume a[href*='#']").first
            ident = urlparse(link.get_attribute("href")).fragment if link.count() else None
            page.keyboard.press("Enter")
            opened = page.locator(".r4f-ouvert")
            expect(opened).to_have_count(1)
            box = opened.bounding_box()
            assert box["width"] >= 1900 and box["height"] >= 1000, f"{path} : élément {i} ouvert : {box}"
            if ident:
                entry = ref.entry(ident)
                shown = _words(opened.inner_text())
                for t in [entry.titre, *paragraphs(entry.texte)]:
                    if t:
                        assert _words(plain(t)) in shown, f"{path} : « {ident} » ouvert sans « {plain(t)[:50]} »"
                expect(opened.locator(".r4f-resume")).to_be_hidden()
            every, seen, smallest = _walk(page, "PageDown")  # to its last step, then on to the next item
            assert not _missing(every, seen), f"{path}, élément {i} ouvert : lignes jamais montrées {_missing(every, seen)}"
            assert smallest >= 28, f"{path}, élément {i} ouvert : {smallest} px"
            if opened.count():  # the last item: nothing to move on to
                page.keyboard.press("Escape")
            expect(opened).to_have_count(0)
        page.context.close()


def _grid_report(page: Page) -> list[dict]:
    return page.evaluate("""() => [...document.querySelectorAll('.r4f-grille [data-r4f-item]')].map(cell => {
      const box = cell.querySelector('.r4f-case-boite'), b = box.getBoundingClientRect();
      const entries = [...box.querySelectorAll('li, .r4f-case-messages, p:not(.r4f-case-suite)')];
      const shown = entries.filter(e => !e.hidden && e.getClientRects().length);
      const inside = e => { const r = e.getBoundingClientRect();
        return r.top >= b.top - 0.5 && r.bottom <= b.bottom + 0.5 && r.left >= b.left - 0.5 && r.right <= b.right + 0.5
               && r.bottom <= innerHeight && r.right <= innerWidth; };
      const suite = box.querySelector('.r4f-case-suite');
      return {id: cell.id, size: parseFloat(getComputedStyle(box).fontSize), entries: entries.length,
              shown: shown.map(e => e.textContent.replace(/\\s+/g, ' ').trim()),
              allInside: shown.every(inside), overflow: box.scrollHeight > box.clientHeight + 1,
              cue: !!suite && !suite.hidden && inside(suite)};
    })""")


@pytest.mark.parametrize("viewport", [PROJECTOR, {"width": 1280, "height": 720}], ids=["1920x1080", "1280x720"])
def test_grille_chaque_case_tient_ou_le_dit(new_context, site_url, ref, viewport):
    """Whatever the data and the screen: the grid takes no scrolling, headers whole on screen, each cell's
    text at 20 px at least, whole inside its cell, never cut; a cell that cannot show every title says so
    (« La suite : Entrée ») and opening it shows all. At 1920×1080 on the repository's data, every title."""
    page = _projection(new_context, site_url + "matrice/?projection", viewport)
    assert page.evaluate("document.documentElement.scrollHeight <= innerHeight + 1"), "la grille défile"
    for locator in (page.locator(".r4f-grille th"), page.locator("h1")):
        for i in range(locator.count()):
            expect(locator.nth(i)).to_be_in_viewport(ratio=1)
    if viewport == PROJECTOR:  # everything but the cells' titles at 32 px: the title, the headers, the words shown
        small = page.evaluate("""() => [...document.querySelectorAll('.md-content *')].filter(e => e.getClientRects().length
          && !e.closest('.r4f-case-boite, .r4f-detail, .r4f-legende-touches, .md-visually-hidden')
          && [...e.childNodes].some(n => n.nodeType === 3 && n.nodeValue.trim()) && getComputedStyle(e).visibility === 'visible')
          .map(e => [parseFloat(getComputedStyle(e).fontSize), e.textContent.trim().slice(0, 30)]).filter(([s]) => s < 32)""")
        assert not small, f"textes de moins de 32 px autour de la grille : {small}"
    report = _grid_report(page)
    assert len(report) == len(ref.acteurs) ** 2
    for cell in report:
        assert cell["size"] >= 20, f"case {cell['id']} : {cell['size']} px"
        assert cell["allInside"] and not cell["overflow"], f"case {cell['id']} : un titre sort de sa case"
        assert cell["cue"] == (len(cell["shown"]) < cell["entries"]), f"case {cell['id']} : la suite cachée sans le dire"
    if viewport == PROJECTOR:
        matrix = views.matrice(ref)
        titles = {f"{c.de.id}-{c.envers.id}": [plain(e.titre_simple) for e in c.attentes] for l in matrix.lignes for c in l.cellules}
        for cell in report:
            shown = " ".join(cell["shown"])
            for t in titles[cell["id"]]:
                assert _words(t) in shown, f"case {cell['id']} : titre absent de la grille « {t} »"
    # a cut cell, opened (a click, as Enter), shows every one of its statements
    cells = {f"{c.de.id}-{c.envers.id}": c for line in views.matrice(ref).lignes for c in line.cellules}
    for cell in [c for c in report if c["cue"]][:2]:
        page.locator(f"td[id='{cell['id']}'] .r4f-case-boite").click()
        opened = page.locator(".r4f-ouvert")
        expect(opened).to_have_attribute("id", cell["id"])
        view = cells[cell["id"]]
        expect(opened.locator(".r4f-en-entier")).to_have_count(len(view.attentes) + len(view.messages))
        page.keyboard.press("Escape")


def test_grille_ouverte_case_par_case(new_context, site_url, ref):
    """Every cell, opened from the keyboard: alone on the screen, all of its text shown whole at some step
    (« 1/2 ») at 28 px at least, its statements every one; ↓ walks the steps before moving on."""
    matrix = views.matrice(ref)
    page = _projection(new_context, site_url + "matrice/?projection")
    current = page.locator(".r4f-courant")
    order = [(r, c) for r in range(len(matrix.lignes)) for c in range(len(matrix.lignes))]
    most_steps = (0, None)
    for r, c in order:
        cell = matrix.lignes[r].cellules[c]
        cell_id = f"{cell.de.id}-{cell.envers.id}"
        expect(current).to_have_attribute("id", cell_id)
        expect(current).to_be_focused()
        # the grid is one Tab stop (roving tabindex): the current cell
        assert page.locator(".r4f-grille [data-r4f-item][tabindex='0']").evaluate_all("l => l.map(e => e.id)") == [cell_id]
        page.keyboard.press("Enter")
        opened = page.locator(".r4f-ouvert")
        expect(opened).to_have_attribute("id", cell_id)
        box = opened.bounding_box()
        assert box["width"] >= 1900 and box["height"] >= 1000
        pages = opened.evaluate("o => Math.ceil(o.scrollHeight / (o.clientHeight / 2))")
        assert page.evaluate("window.r4fProjection.step().total") <= pages, f"case {cell_id} : des étapes pour rien"
        every, seen, smallest = _walk(page, "PageDown")
        assert not _missing(every, seen), f"case {cell_id} : lignes jamais montrées {_missing(every, seen)}"
        assert smallest >= 28, f"case {cell_id} : {smallest} px"
        text = _words(opened.inner_text())
        for e in cell.attentes + cell.messages:
            for t in [e.titre_simple if e.titre else None, *e.paragraphes]:
                if t:
                    assert _words(plain(t)) in text, f"case {cell_id} : absent « {t[:50]} »"
        steps = page.evaluate("window.r4fProjection.step().total")
        if steps > most_steps[0]:
            most_steps = (steps, (r, c))
        page.keyboard.press("Escape")
        expect(opened).to_have_count(0)
        page.keyboard.press("ArrowRight" if c + 1 < len(matrix.lignes) else "ArrowDown")
        if c + 1 == len(matrix.lignes) and r + 1 < len(matrix.lignes):
            for _ in range(len(matrix.lignes) - 1):
                page.keyboard.press("ArrowLeft")
    page.keyboard.press("Home")
    expect(current).to_have_attribute("id", f"{matrix.lignes[0].cellules[0].de.id}-{matrix.lignes[0].cellules[0].envers.id}")
    page.keyboard.press("End")
    last = matrix.lignes[-1].cellules[-1]
    expect(current).to_have_attribute("id", f"{last.de.id}-{last.envers.id}")
    # ↓ on an opened cell in steps: the next step first, then the cell below
    steps, where = most_steps
    if steps > 1:
        r, c = where
        page.keyboard.press("Escape") if page.locator(".r4f-ouvert").count() else None
        page.evaluate("i => window.r4fProjection.enter({index: i})", r * len(matrix.lignes) + c)
        page.keyboard.press("Enter")
        expect(page.locator(".r4f-etapes")).to_have_text(f"1/{steps} ↓")
        page.keyboard.press("ArrowDown")
        expect(page.locator(".r4f-etapes")).to_have_text(f"2/{steps}" + (" ↓" if steps > 2 else ""))
        expect(page.locator(".r4f-ouvert")).to_have_count(1)


def _hidden_for_real(page: Page, locator) -> None:
    """Neither seen nor read out: no visible text, and none in the accessibility tree."""
    texts = [t for t in locator.evaluate_all(
        "els => els.map(e => [...e.querySelectorAll('*')].filter(d => getComputedStyle(d).visibility === 'visible'"
        " && d.getClientRects().length && [...d.childNodes].some(n => n.nodeType === 3 && n.nodeValue.trim())).length)")]
    assert not any(texts), f"texte encore visible dans ce qui est caché : {texts}"
    tree = page.locator(".md-content").aria_snapshot()
    for text in locator.evaluate_all("els => els.map(e => e.textContent.replace(/\\s+/g, ' ').trim())"):
        words = text[:40]
        if words:
            assert words not in " ".join(tree.split()), f"« {words} » est encore dans l'arbre d'accessibilité"


def test_deviner_d_abord_cache_pour_de_vrai(new_context, site_url, projectables):
    """Guess first hides what is not yet shown, for real (neither seen nor in the accessibility tree): a
    face-à-face starts with both sides hidden, the current item's place framed; → shows it, the next →
    moves on to the next, hidden until shown; the grid hides every cell (frame kept) but those the arrows
    reach; an opened cell shows its statements one by one."""
    pair = next(p for p in projectables if p.startswith("face-a-face/") and p.count("/") == 2)
    page = _projection(new_context, site_url + pair + "?projection=pas-a-pas")
    items = page.locator(".md-content [data-r4f-item]")
    total = items.count()
    assert total >= 2
    _hidden_for_real(page, items)
    expect(items.first).to_have_class(re.compile(r"\br4f-courant\b"))
    for i in range(total):
        for _ in range(50):  # the current item's steps, then on to the next one, then it is shown
            if items.nth(i).evaluate("e => e.classList.contains('r4f-courant') && getComputedStyle(e).visibility === 'visible'"):
                break
            page.keyboard.press("PageDown")
        expect(items.nth(i)).to_have_css("visibility", "visible")
        if i + 1 < total:
            page.evaluate("""() => { const l = window.r4fProjection.items(), c = l.indexOf(document.querySelector('.r4f-courant'));
                                     l.forEach((e, k) => e.toggleAttribute('data-essai-apres', k > c)); }""")
            _hidden_for_real(page, page.locator("[data-essai-apres]"))
    page.keyboard.press("p")  # off: everything shown
    expect(page.locator(".r4f-a-venir")).to_have_count(0)
    page.context.close()

    page = _projection(new_context, site_url + "matrice/?projection=pas-a-pas")
    cells = page.locator(".r4f-grille [data-r4f-item]")
    _hidden_for_real(page, page.locator(".r4f-grille [data-r4f-item] .r4f-case-boite"))
    for i in range(cells.count()):
        expect(cells.nth(i)).to_be_in_viewport(ratio=1)  # the frame stays: the animator moves to it
    page.keyboard.press("ArrowRight")
    expect(cells.nth(1).locator(".r4f-case-boite")).to_have_css("visibility", "visible")
    _hidden_for_real(page, page.locator(".r4f-grille [data-r4f-item]:not(.r4f-courant) .r4f-case-boite"))
    # an opened cell of several statements: one at a time, ↓ shows the next
    busiest = max(range(cells.count()), key=lambda i: cells.nth(i).locator("[data-r4f-etape]").count())
    parts = cells.nth(busiest).locator("[data-r4f-etape]")
    if parts.count() >= 2:
        page.evaluate("i => window.r4fProjection.enter({index: i, stepwise: true})", busiest)
        page.keyboard.press("Enter")
        expect(parts.nth(0)).to_have_css("visibility", "visible")
        _hidden_for_real(page, page.locator(".r4f-ouvert [data-r4f-etape]:not(:first-child) ~ [data-r4f-etape]"))
        page.keyboard.press("ArrowDown")
        expect(parts.nth(1)).to_have_css("visibility", "visible")
        expect(parts.nth(1)).to_be_in_viewport()


def test_liens_prepares_arrivent_sur_leur_titre(new_context, site_url, built_site, ref):
    """Each link the Animer page prepares (from the data) opens projection on the heading it names: the
    anchor's heading (a section, a cell of the grid), else the page's title, whole on screen; a filtered
    wall shows only its sender's messages to its recipient."""
    animer = (built_site / "animer" / "index.html").read_text(encoding="utf-8")
    for link in views.liens_projection(ref):
        assert f'href="../{link.href.replace("&", "&amp;")}"' in animer, f"lien absent d'Animer : {link.href}"
        page = _projection(new_context, site_url + link.href)
        anchor = urlparse(link.href).fragment
        if anchor:
            target = page.locator(f"[data-r4f-ancre~='{anchor}'], [id='{anchor}']").first
            heading = target.locator(":scope > h2, :scope > h3").first if target.locator(":scope > h2").count() else target
            expect(heading, f"{link.texte} : le titre visé n'est pas à l'écran").to_be_in_viewport(ratio=1)
            expect(page.locator(".r4f-courant")).to_be_in_viewport()
        else:
            expect(page.locator("h1").first, f"{link.texte} : le titre n'est pas à l'écran").to_be_in_viewport(ratio=1)
        query = dict(p.split("=") for p in urlparse(link.href).query.split("&") if "=" in p)
        if "de" in query:
            shown = page.locator(".r4f-mur-case:visible")
            expected = [m for m in ref.acteur(query["de"]).messages if m.destinataire == query["a"]]
            expect(shown).to_have_count(len(expected))
            assert set(shown.evaluate_all("l => l.map(c => c.dataset.de + '>' + c.dataset.a)")) == {f"{query['de']}>{query['a']}"}
        page.context.close()


def test_projeter_plein_ecran_et_legende(new_context, site_url, ref):
    """« Projeter » asks for full screen on the click and says how to leave; `?` shows the keys, the
    same table as the Animer page, at 32 px; Esc leaves projection and full screen."""
    page = new_context(viewport=PROJECTOR).new_page()
    page.goto(site_url + "face-a-face/" + views.paires(ref)[0][0].id + "-" + views.paires(ref)[0][1].id + "/")
    page.get_by_role("button", name="Projeter", exact=True).click()
    expect(page.locator("html")).to_have_class(re.compile(r"\br4f-projection\b"))
    assert page.evaluate("!!document.fullscreenElement"), "pas de plein écran"
    aide = page.get_by_role("status").filter(has_text="Échap")
    expect(aide).to_have_text(typographie(views.AIDE_PROJECTION))
    assert float(aide.evaluate("e => getComputedStyle(e).fontSize").rstrip("px")) >= 32
    page.keyboard.press("?")
    legend = page.get_by_role("dialog", name="Touches de la projection")
    expect(legend).to_be_visible()
    keys = legend.locator("dt").all_inner_texts()
    assert [_words(k) for k in keys] == [_words(t.touches) for t in views.TOUCHES]
    small = legend.evaluate("d => [...d.querySelectorAll('*')].filter(e => e.getClientRects().length"
                            " && [...e.childNodes].some(n => n.nodeType === 3 && n.nodeValue.trim()))"
                            ".map(e => parseFloat(getComputedStyle(e).fontSize)).filter(s => s < 32)")
    assert not small, f"légende des touches en {small} px"
    animer = new_context().new_page()
    animer.goto(site_url + "animer/")
    assert [_words(k) for k in animer.locator(".r4f-touches dt").all_inner_texts()] == [_words(k) for k in keys]
    assert [_words(k) for k in animer.locator(".r4f-touches dd").all_inner_texts()] == \
        [_words(k) for k in legend.locator("dd").all_inner_texts()]
    page.keyboard.press("Escape")
    expect(legend).to_be_hidden()
    page.keyboard.press("Escape")
    expect(page.locator("html")).not_to_have_class(re.compile(r"\br4f-projection\b"))
    page.wait_for_function("() => !document.fullscreenElement")
    assert "projection" not in page.url
    # the one-screen matrix says the same, and shows the same legend
    page.goto(site_url + "matrice/?projection")
    expect(aide).to_be_visible()
    page.keyboard.press("?")
    expect(legend).to_be_visible()
    assert [_words(k) for k in legend.locator("dt").all_inner_texts()] == [_words(t.touches) for t in views.TOUCHES]
