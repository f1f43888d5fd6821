"""Legible for a participant (issue 21): type no smaller than 14 px on a 360 px phone, no word
broken inside, a home diagram whose labels stay in their shapes, landmarks a screen reader
can tell apart, a footer in French.

Pages are chosen from the data (the first actor, the first face-à-face), never by today's ids.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from referentiel.validate import load_referentiel
from referentiel.views import routes

from conftest import ROOT, copy_project, mkdocs_build, served

PHONE = {"width": 360, "height": 740}
TEXT_MIN, BADGE_MIN = 14, 12
BADGES = ".r4f-pastille"  # the kind of a statement (« Message », « Parole »…)


@pytest.fixture(scope="module")
def ref():
    return load_referentiel(ROOT / "data")


def reader_pages(ref) -> list[str]:
    """What a participant reads: home, matrix, an actor, a face-à-face, a fiche."""
    first = ref.acteurs[0].id
    a, b = routes.paires(ref)[0]
    return ["", routes.MATRICE, routes.acteur_href(first), routes.paire_href(ref, a.id, b.id),
            routes.fiche_href(first)]


# Every visible text node's element (screen-reader-only text, clipped to a pixel, is not seen),
# with its rendered size (an SVG's text scales with its drawing) and whether it is a badge.
SIZES = """([badges]) => {
  const hidden = el => {
    for (let a = el; a; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.clipPath === 'inset(50%)' || (s.position === 'absolute' && a.offsetWidth <= 1 && a.offsetHeight <= 1)) return true;
    }
    return false;
  };
  const out = [], seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el || seen.has(el) || el.closest('script, style, title, desc')) continue;
    seen.add(el);
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) || hidden(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    if (![...range.getClientRects()].some(r => r.width > 1 && r.height > 1)) continue;
    const svg = el.closest('svg');
    const scale = svg ? svg.getScreenCTM().a : 1;
    out.push({text: node.textContent.trim().slice(0, 40), size: parseFloat(getComputedStyle(el).fontSize) * scale,
              badge: !!el.closest(badges), where: el.tagName.toLowerCase() + '.' + [...el.classList].join('.')});
  }
  return out;
}"""

# Words laid out over two lines (a hyphen or a slash may end a line: those are not counted).
BROKEN_WORDS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!el || !el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) || el.getBoundingClientRect().width < 2) continue;
    for (const m of node.textContent.matchAll(/[^\\s\\u00a0\\u202f]+/g)) {
      if (/[-\\/…]/.test(m[0]) || m[0].length < 4) continue;
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (tops.size > 1) out.push(m[0]);
    }
  }
  return out;
}"""


@pytest.mark.browser
def test_sur_telephone_aucun_texte_sous_14_px_ni_mot_coupe(new_context, site_url, ref):
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    small, broken = {}, {}
    for path in reader_pages(ref):
        page.goto(site_url + path)
        texts = page.evaluate(SIZES, [BADGES])
        assert len(texts) > 10, f"/{path} : presque aucun texte visible ?"
        found = [(t["where"], t["text"], round(t["size"], 1)) for t in texts
                 if t["size"] < (BADGE_MIN if t["badge"] else TEXT_MIN)]
        if found:
            small[path] = sorted(set(found))[:12]
        words = page.evaluate(BROKEN_WORDS)
        if words:
            broken[path] = sorted(set(words))[:12]
    assert not small, f"textes sous {TEXT_MIN} px (badges sous {BADGE_MIN} px) à 360 px : {small}"
    assert not broken, f"mots coupés en fin de ligne à 360 px : {broken}"


@pytest.mark.browser
def test_la_legende_du_schema_ne_parle_du_dessin_que_la_ou_il_se_voit(new_context, site_url):
    phone = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    phone.goto(site_url)
    figure = phone.locator(".r4f-schema figure")
    expect(figure.locator("svg")).to_be_hidden()
    expect(figure.locator(".r4f-schema-etroit")).to_be_visible()
    assert "dessin" not in figure.locator("figcaption").inner_text()
    # The table repeats the list shown instead of the drawing: left out on a phone.
    expect(phone.locator(".r4f-schema-table")).to_be_hidden()
    desk = new_context().new_page()
    desk.goto(site_url)
    expect(desk.locator(".r4f-schema svg")).to_be_visible()
    expect(desk.locator(".r4f-schema figcaption")).to_contain_text("dessin")
    expect(desk.get_by_role("table", name="Le schéma en tableau")).to_be_visible()


# -- the home diagram ---------------------------------------------------------------------------

SHAPES = """() => {
  const box = e => e.getBoundingClientRect().toJSON();
  const svg = document.querySelector('.r4f-schema svg');
  return {
    noeuds: [...svg.querySelectorAll('.r4f-noeud')].map(n => ({rect: box(n.querySelector('rect')),
      textes: [...n.querySelectorAll('text')].map(t => ({texte: t.textContent, box: box(t)}))})),
    pastilles: [...svg.querySelectorAll('.r4f-arete')].flatMap(a => [...a.querySelectorAll('circle')].map((c, i) =>
      ({cercle: box(c), texte: box(a.querySelectorAll('text')[i])}))),
    centre: {cercle: box(svg.querySelector('.r4f-centre circle')),
             textes: [...svg.querySelectorAll('.r4f-centre text')].map(t => ({texte: t.textContent, box: box(t)}))},
  };
}"""


def _inside(inner: dict, outer: dict) -> bool:
    return (inner["left"] >= outer["left"] and inner["right"] <= outer["right"]
            and inner["top"] >= outer["top"] and inner["bottom"] <= outer["bottom"])


def _overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def _in_disc(box: dict, disc: dict) -> bool:
    cx, cy, r = (disc["left"] + disc["right"]) / 2, (disc["top"] + disc["bottom"]) / 2, disc["width"] / 2
    return all((x - cx) ** 2 + (y - cy) ** 2 <= r * r
               for x in (box["left"], box["right"]) for y in (box["top"], box["bottom"]))


def shape_problems(page) -> list[str]:
    d = page.evaluate(SHAPES)
    problems = []
    for n in d["noeuds"]:
        problems += [f"« {t['texte']} » déborde de sa boîte" for t in n["textes"] if not _inside(t["box"], n["rect"])]
    for p in d["pastilles"]:
        if not _in_disc(p["texte"], p["cercle"]):
            problems.append("un nombre déborde de sa pastille")
        problems += [f"une pastille chevauche la boîte de « {n['textes'][0]['texte']} »"
                     for n in d["noeuds"] if _overlap(p["cercle"], n["rect"])]
    c = d["centre"]
    problems += [f"« {t['texte']} » déborde du disque central" for t in c["textes"] if not _in_disc(t["box"], c["cercle"])]
    return problems


@pytest.fixture(scope="module")
def long_labels_site(tmp_path_factory):
    """The site built from a copy of the data whose actors carry long names and personas."""
    tmp = tmp_path_factory.mktemp("libelles-longs")
    project = copy_project(tmp / "projet")
    for n, path in enumerate(sorted((project / "data" / "acteurs").glob("*.yaml"))):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^  court: .*$", f'  court: "Interlocuteurs institutionnels numéro {n} du territoire"', text, 1)
        text = re.sub(r"(?m)^(persona:\n  nom: ).*$", rf'\g<1>"Le Personnage Extraordinairement Long {n}"', text, 1)
        path.write_text(text, encoding="utf-8")
    site = tmp / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    with served(site) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("width, height", [(1280, 800), (1920, 1080)])
def test_le_schema_garde_ses_libelles_dans_leurs_formes(new_context, site_url, long_labels_site, width, height):
    page = new_context(viewport={"width": width, "height": height}).new_page()
    for url in (site_url, long_labels_site):
        page.goto(url)
        expect(page.locator(".r4f-schema svg")).to_be_visible()
        assert not shape_problems(page), (url, width, shape_problems(page))
    # The long names did go into the drawing, wrapped between words.
    assert page.locator(".r4f-noeud").first.locator("text.r4f-noeud-nom").count() > 1


# -- landmarks ---------------------------------------------------------------------------------


def _landmark_violations(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "rule", "values": ["landmark-unique"]}, "resultTypes": ["violations"]}
    return Axe().run(page, options=options).response["violations"]


@pytest.mark.browser
def test_chaque_repere_a_son_nom(new_context, site_url, ref):
    """Two landmarks of one kind never share a name (axe « landmark-unique »): the site's
    navigation, its sections' menus, the breadcrumbs, on a computer and on a phone."""
    from test_browser import describe_violations

    actors = [routes.acteur_href(a.id) for a in ref.acteurs] + [routes.fiche_href(a.id) for a in ref.acteurs]
    found = {}
    for viewport, paths in ((None, actors), (PHONE, ["", routes.MATRICE, *actors[:1], *actors[-1:]])):
        page = new_context(**({"viewport": viewport} if viewport else {})).new_page()
        for path in paths:
            page.goto(site_url + path)
            violations = _landmark_violations(page)
            if violations:
                found[f"/{path} ({'360 px' if viewport else '1280 px'})"] = violations
    if found:
        pytest.fail("repères de même nom :\n" + describe_violations(found), pytrace=False)


def _material_partial(name: str) -> str:
    import material

    return (Path(material.__file__).parent / "templates" / "partials" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name, changes", [
    ("nav-item.html", {'aria-labelledby="{{ path }}_title"', 'id="{{ path }}_title"'}),
    ("path.html", {'aria-label="Fil d\'Ariane"'}),
])
def test_nos_copies_des_gabarits_de_material_ne_changent_que_ce_qu_elles_disent(name, changes):
    """A copied partial silently drifts from the theme: if Material's changes, this fails, and the
    copy is redone from the new one with the same change."""
    strip = lambda text: re.sub(r"^\{#-.*?-#\}\n", "", text, count=1, flags=re.S).splitlines()
    ours, theirs = strip((ROOT / "overrides" / "partials" / name).read_text(encoding="utf-8")), strip(_material_partial(name))
    diff = [l for l in difflib.unified_diff(theirs, ours, lineterm="", n=0) if l[:1] in "+-" and l[:3] not in ("+++", "---")]
    added, removed = [l for l in diff if l.startswith("+")], [l for l in diff if l.startswith("-")]
    assert len(added) == len(removed) and all(any(c in l for c in changes) for l in added), (
        f"overrides/partials/{name} s'écarte de Material autrement que prévu (thème mis à jour ? recopiez-le) : {diff}")
    assert all(c in "\n".join(added) for c in changes), diff


@pytest.mark.build
def test_le_pied_de_page_est_en_francais(built_site):
    for page in (built_site / "index.html", built_site / "matrice" / "index.html"):
        footer = page.read_text(encoding="utf-8").split('<footer class="md-footer">', 1)[1]
        assert "Material for MkDocs" not in footer and "Made with" not in footer
        assert "Site réalisé avec" in footer


@pytest.mark.build
def test_les_acteurs_sont_nommes_en_francais_correct(built_site, ref):
    """« envers les élus », never « envers Élus »; a proper noun keeps its capital (« l'État »)
    wherever a label is put inside a sentence."""
    visible = []
    for page in built_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
        visible.append(" ".join(re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").split()))
    text = "\n".join(visible)
    for a in ref.acteurs:
        for label in {a.libelles.court, a.libelles.pluriel, a.libelles.singulier}:
            assert not re.search(rf"\benvers…? {re.escape(label)}\b", text), f"« envers {label} » sans article"
        for label in (a.libelles.pluriel, a.libelles.les):
            if any(c.isupper() for c in label[1:]):  # a capital inside: a proper noun, kept
                assert label.lower() not in text, f"« {label} » mis en minuscules"
