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
from referentiel.markup import plain
from referentiel.views import routes
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


# ---------------------------------------------------------------------------
# Language slips
# ---------------------------------------------------------------------------


@pytest.mark.build
def test_ni_pluriels_entre_parentheses_ni_mise_en_page_dans_les_mots(built_site):
    for rel, html in _built_pages(built_site):
        text = page_text(html)
        assert not re.search(r"\w\(s\)", text), f"{rel} : « (s) » au lieu d'un vrai pluriel"
        assert not re.search(r"Envers tous\s*:", text), f"{rel} : « Envers tous : »"
        # Columns stack on a phone: the words never say which column is left or right
        # (the arrow keys of the projected matrix, one key a line, may say where they go).
        assert not re.search(r"à gauche[^\n]*à droite", text), f"{rel} : « à gauche… à droite »"


@pytest.mark.build
def test_lire_la_suite_seulement_sous_un_message_coupe(built_site, ref):
    for a, b in views.paires(ref):
        html = (built_site / routes.paire_href(ref, a.id, b.id) / "index.html").read_text(encoding="utf-8")
        assert "Lire le message" not in html
        for quote in re.findall(r'<blockquote class="r4f-bulle-courte">(.*?)</blockquote>', html, re.S):
            cut = "…" in re.sub(r"<[^>]+>", "", quote).rstrip()[-2:]
            assert ("Lire la suite du message" in quote) == cut, quote[:160]


@pytest.mark.build
def test_titres_ma_fiche_ecrits_de_la_meme_facon(built_site, ref):
    titles = []
    for a in ref.acteurs:
        html = (built_site / "fiches" / a.id / "index.html").read_text(encoding="utf-8")
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
        assert h1.startswith("Ma fiche\u00a0: "), h1
        titles.append(h1[len("Ma fiche\u00a0: "):])
    # The same case for all four (« agent de l'État territorial » like « élu »).
    assert len({t[0].isupper() for t in titles}) == 1, titles


# ---------------------------------------------------------------------------
# « Ma fiche »: both directions, messages in full, printed on two A4 pages
# ---------------------------------------------------------------------------

SECTIONS = ("Ce qu'ils attendent de moi", "Ce qu'ils me disent", "Ce que j'attends des autres", "Ce que je leur dis")


@pytest.mark.build
def test_ma_fiche_repond_dans_les_deux_sens(built_site, ref):
    from referentiel.typographie import typographie

    for me in ref.acteurs:
        html = (built_site / "fiches" / me.id / "index.html").read_text(encoding="utf-8")
        text = page_text(html)
        flat = " ".join(text.split())
        positions = [text.find(s) for s in SECTIONS]
        assert all(p >= 0 for p in positions) and positions == sorted(positions), (me.id, positions)
        for other in ref.autres(me.id):
            for m, de, vers in [*[(m, other, me) for m in other.messages if m.destinataire == me.id],
                                *[(m, me, other) for m in me.messages if m.destinataire == other.id]]:
                label = f"{de.libelles.pluriel} → {vers.libelles.pluriel}"
                assert label in text, f"fiche {me.id} : message sans « {label} »"
                for paragraph in m.texte.split("\n"):
                    if paragraph.strip():
                        shown = " ".join(typographie(plain(paragraph)).split())
                        assert shown in flat, (me.id, m.id, shown)
        # Everything I expect, of the others, of my peers and of everyone, under « Ce que j'attends »
        # (a cell too full to be listed gives its count and link instead).
        mine = html[html.index('id="attends-titre"'):html.index('id="dis-titre"')]
        for a in me.attentes:
            listed = [envers for envers in a.envers if not routes.pages_case(ref, me.id, envers)]
            if listed:
                assert f'#{a.id}"' in mine, f"fiche {me.id} : mon attente {a.id} manque"


@pytest.mark.browser
@pytest.mark.parametrize("acteur", ["elu", "agent", "socio-economique", "etat"])
def test_ma_fiche_s_imprime_en_a4_avec_toutes_ses_parties(page, site_url, acteur, tmp_path, ref):
    import subprocess

    page.goto(site_url + f"fiches/{acteur}/")
    page.emulate_media(media="print")
    # No underline, no breadcrumb in print.
    underlined = page.evaluate("""() => [...document.querySelectorAll('.md-content a')]
        .filter(a => a.offsetParent && getComputedStyle(a).textDecorationLine.includes('underline')).length""")
    assert underlined == 0
    assert not page.locator(".md-path").is_visible()
    # Ruled lines under each question.
    lines = page.locator(".r4f-questions li").first.locator(".r4f-reponse span")
    assert lines.count() >= 2 and lines.first.evaluate("e => getComputedStyle(e).borderBottomStyle") == "solid"
    pdf = tmp_path / f"{acteur}.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True,
             margin={"top": "12mm", "bottom": "14mm", "left": "12mm", "right": "12mm"})
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info, info  # as many pages as its content needs: it grows with every peer-group day
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for section in (*SECTIONS, "Mes enjeux", "Mes pouvoirs", "Pour préparer la journée"):
        assert section in text.replace("’", "'"), f"{acteur} : « {section} » absent du PDF"
    pages = text.split("\f")[:-1]
    assert pages and all(p.strip() for p in pages), "une page imprimée est vide"
    # On paper too, every expectation of mine, toward my peers and everyone included.
    flat = " ".join(text.replace("’", "'").split())
    mine = flat[flat.index("Ce que j'attends des autres"):flat.index("Ce que je leur dis")]
    me = ref.acteur(acteur)
    for a in me.attentes:
        if any(not routes.pages_case(ref, me.id, envers) for envers in a.envers):
            assert " ".join(plain(a.titre).split()) in mine, f"{acteur} : « {a.titre} » absent du PDF"
    # « Lire le portrait complet » is a dead link on paper: the code of the actor's page stands for it.
    assert not page.get_by_text("Lire le portrait complet").is_visible()
    code = page.locator(".r4f-fiche-qr img.r4f-qr")
    expect(code).to_be_visible()
    assert code.evaluate("i => i.complete && i.naturalWidth > 0"), "le code QR du portrait n'est pas chargé"
    assert code.get_attribute("alt").endswith(f"/{routes.acteur_href(acteur)}"), code.get_attribute("alt")
    expect(page.locator(".r4f-fiche-qr figcaption")).to_contain_text("portrait")


# ---------------------------------------------------------------------------
# Glossary findable, lexicon as tooltips, valid markup
# ---------------------------------------------------------------------------


@pytest.mark.build
def test_onglet_reperes_et_glossaire_et_section_lexique(built_site, ref):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r">\s*Repères et glossaire\s*<", home), "l'onglet ne dit pas qu'il contient le glossaire"
    html = (built_site / "glossaire" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="lexique">Lexique' in html
    text = page_text(html)
    for mot in ref.lexique.mots:
        assert f'id="mot-{mot.id}"' in html, mot.id
        source = mot.source.reference or plain(ref.sources[mot.source.document].titre).rstrip(".")
        assert source in text, f"{mot.id} : source absente"


def _abbrs(html: str) -> list[tuple[str, str, str]]:
    return re.findall(r'<abbr class="r4f-mot" title="([^"]*)"([^>]*)>([^<]*)</abbr>', html)


@pytest.mark.build
def test_lexique_en_infobulle_a_la_premiere_apparition(built_site, ref):
    words = views.lexicon_titles(ref)
    pages = {rel: html for rel, html in _built_pages(built_site)}
    etat = _abbrs(pages["acteurs/etat/index.html"])
    shown = [w.lower() for _, _, w in etat]
    assert "régalien" in shown and "déconcentré" in shown, shown
    for rel, html in pages.items():
        ids = [words[next(f for f in words if f.lower() == w.lower())][0] for _, _, w in _abbrs(html)]
        assert len(ids) == len(set(ids)), f"{rel} : un mot a plusieurs infobulles"
        for title, attrs, word in _abbrs(html):
            assert title.split("\u00a0:")[0] in {m.mot for m in ref.lexique.mots}, title[:60]


@pytest.mark.build
def test_aucun_element_focalisable_dans_un_lien(built_site):
    for rel, html in _built_pages(built_site):
        for link in re.findall(r"<a\b[^>]*>.*?</a>", html, re.S):
            assert not re.search(r"<(abbr|a|button)\b[^>]*tabindex=", link[2:]), f"{rel} : {link[:160]}"


def test_infobulles_du_lexique_une_fois_hors_titres_et_jamais_focalisables_dans_un_lien():
    from referentiel.markup import abbreviate, annotate_lexicon

    words = {"déconcentré": ("deconcentre", "déconcentré : def"), "déconcentrés": ("deconcentre", "déconcentré : def")}
    out = annotate_lexicon("<h2>Déconcentré</h2><p>l&#x27;État <a href='#'>déconcentré</a>, Déconcentrés</p>", words)
    assert out.count('class="r4f-mot"') == 1 and "<h2>Déconcentré</h2>" in out and "l&#x27;État" in out
    assert '<a href=\'#\'><abbr class="r4f-mot" title="déconcentré : def">déconcentré</abbr></a>' in out
    sigles = abbreviate('<p><a href="#">EPCI</a> puis EPCI</p>', {"EPCI": "Établissement public"})
    assert '<a href="#"><abbr title="Établissement public">EPCI</abbr></a>' in sigles
    assert 'puis <abbr title="Établissement public" tabindex="0">EPCI</abbr>' in sigles


# ---------------------------------------------------------------------------
# What Lighthouse checks: dialog name, link names, matrix headers
# ---------------------------------------------------------------------------

LIGHTHOUSE_RULES = ["aria-dialog-name", "label-content-name-mismatch", "td-has-header", "th-has-data-cells",
                    "td-headers-attr", "nested-interactive"]


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "matrice/", "glossaire/", "fiches/etat/"])
def test_regles_lighthouse_d_accessibilite(page, site_url, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + path)
    rules = {"type": "rule", "values": LIGHTHOUSE_RULES}
    violations = Axe().run(page, options={"runOnly": rules, "resultTypes": ["violations"]}).response["violations"]
    assert not violations, [(v["id"], [n["html"][:120] for n in v["nodes"]]) for v in violations]


@pytest.mark.build
def test_chaque_case_de_la_matrice_nomme_ses_en_tetes(built_site, ref):
    html = (built_site / "matrice" / "index.html").read_text(encoding="utf-8")
    assert '<th scope="col" class="r4f-coin" id="colonne-de">' in html
    for de in ref.acteurs:
        assert f'<th scope="row" id="ligne-{de.id}"' in html
        for envers in ref.acteurs:
            assert re.search(rf'<td id="cellule-{de.id}-{envers.id}" headers="ligne-{de.id} colonne-{envers.id}"', html)


# ---------------------------------------------------------------------------
# The home diagram: diagonals around the centre, legible on a 360 px phone
# ---------------------------------------------------------------------------


def test_les_diagonales_contournent_le_disque_central(ref):
    import math

    d = views.diagramme(ref)
    bent = 0
    for a in d.aretes:
        _, x1, y1, _, qx, qy, x2, y2 = a.chemin.split()
        x1, y1, qx, qy, x2, y2 = map(float, (x1, y1, qx, qy, x2, y2))
        closest = min(
            math.hypot((1 - t) ** 2 * x1 + 2 * (1 - t) * t * qx + t * t * x2 - d.cx,
                       (1 - t) ** 2 * y1 + 2 * (1 - t) * t * qy + t * t * y2 - d.cy)
            for t in [i / 200 for i in range(201)]
        )
        assert closest > d.rayon_centre, f"{a.paire.texte} passe derrière le disque central"
        bent += (qx, qy) != ((x1 + x2) / 2, (y1 + y2) / 2)
    assert bent == 2, "les deux diagonales se courbent, les côtés restent droits"


@pytest.mark.browser
def test_schema_lisible_sur_un_telephone_de_360_px(new_context, site_url):
    page = new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True).new_page()
    page.goto(site_url)
    figure = page.locator(".r4f-schema figure")
    # Every text a reader sees in the diagram, at its rendered size (an SVG's text shrinks with it).
    sizes = figure.evaluate("""f => [...f.querySelectorAll('text, a, span, strong, li')]
        .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden'
                     && (e.textContent || '').trim())
        .map(e => {
            const svg = e.closest('svg');
            const scale = svg ? svg.getScreenCTM().a : 1;
            return [e.textContent.trim().slice(0, 30), parseFloat(getComputedStyle(e).fontSize) * scale];
        })""")
    assert sizes, "aucun texte visible dans le schéma"
    small = [(t, round(s, 1)) for t, s in sizes if s < 14]
    assert not small, f"textes de moins de 14 px : {small}"
    # Touch targets: every link of the diagram at least 44 px high and wide enough.
    boxes = figure.evaluate("""f => [...f.querySelectorAll('a')].filter(a => a.getClientRects().length)
        .map(a => { const r = a.getBoundingClientRect(); return [a.textContent.trim().slice(0, 30), r.width, r.height]; })""")
    assert len(boxes) >= 7
    assert all(w >= 44 and h >= 44 for _, w, h in boxes), [b for b in boxes if b[1] < 44 or b[2] < 44]
    # Each count says which direction it counts.
    expect(figure.get_by_role("link", name=re.compile(r"^Agents des collectivités ↔ État"))).to_contain_text(
        "Agents des collectivités → État : ")
    # The table version (on a computer) is drawn as a table; on a phone the list above says the same.
    expect(page.locator(".r4f-schema-table")).to_be_hidden()
    desk = new_context().new_page()
    desk.goto(site_url)
    cell = desk.locator(".r4f-schema-table td").first
    assert cell.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
