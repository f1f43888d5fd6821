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


# What a reader is read or shown of an element besides its text: labels, tooltips, alternatives,
# the page's description in search results and social previews.
_ATTRIBUTS = ("aria-label", "title", "alt")
_META = {"description", "og:title", "og:description", "twitter:title", "twitter:description"}


class _Lecteur(HTMLParser):
    """What a reader meets of a page (code and scripts left out): its text, blocks on their own
    lines, and the attributes read or shown to them."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.attributes: list[str] = []
        self.raw = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in _RAW:
            self.raw += 1
        if tag in _BLOCK:
            self.parts.append("\n")
        if not self.raw:
            self.attributes += [attrs[a] for a in _ATTRIBUTS if attrs.get(a)]
            if tag == "meta" and (attrs.get("name") or attrs.get("property")) in _META and attrs.get("content"):
                self.attributes.append(attrs["content"])

    def handle_endtag(self, tag):
        if tag in _RAW:
            self.raw = max(0, self.raw - 1)
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.raw:
            self.parts.append(data)


def page_text(html: str) -> str:
    """What a reader sees of a page (code and scripts left out); blocks on their own lines."""
    return "".join(_Lecteur(html).parts)


def _built_pages(built_site):
    for path in sorted(built_site.rglob("*.html")):
        yield path.relative_to(built_site).as_posix(), path.read_text(encoding="utf-8")


_FAUTE = re.compile(r"(?<=\S)[ \t]+[;:!?»]|«[ \t]|\n[ \t]*[!»;:?]")


def typography_faults(rel: str, html: str) -> list[str]:
    faults = []
    page = _Lecteur(html)
    for where, text in [("texte", "".join(page.parts)), *(("attribut", v) for v in page.attributes)]:
        for m in _FAUTE.finditer(text):
            # 12 : 30 or a lone "?" in a code-like help (none expected) would show here too.
            faults.append(f"{rel} ({where}) : …{text[max(0, m.start() - 30):m.end() + 10]!r}")
    return faults


@pytest.mark.build
def test_typographie_francaise_sur_chaque_page(built_site):
    """Every built page, whatever the data: no ordinary space before ; : ! ? » nor after «, in
    the text a reader sees nor in the labels, tooltips and descriptions read to them."""
    faults = []
    pages = 0
    for rel, html in _built_pages(built_site):
        pages += 1
        faults += typography_faults(rel, html)
    assert pages > 30
    assert not faults, f"{len(faults)} espace(s) ordinaire(s) :\n" + "\n".join(faults[:30])


@pytest.mark.build
def test_balisage_hostile_dans_une_page_ecrite_et_dans_les_donnees(tmp_path):
    """A written page's own HTML is the author's, read by nobody but the browser: no no-break
    space inside its attributes, scripts, styles, text areas or comments. A data value that holds
    the same characters is text: escaped, typeset, its tooltip's title too."""
    from conftest import copy_project, mkdocs_build

    from referentiel.typographie import NBSP

    project = copy_project(tmp_path / "projet")
    glossaire = project / "data" / "glossaire.yaml"
    glossaire.write_text(glossaire.read_text(encoding="utf-8").rstrip("\n")
                         + '\n  - sigle: ZZQ\n    developpement: "a > b : c <b>d</b> & e"\n', encoding="utf-8")
    page = project / "docs" / "glossaire.md"
    hostile = ('<p title="a > b : c" data-x=\'1 > 0 ; 2\'>brut : tel quel</p>\n\n'
               "<style>p::after { content: \" : \"; }</style>\n\n<textarea>a : b</textarea>\n\n"
               "<!-- note : <p>rien</p> -->\n\n<script>if (1 > 0) { x = \"a : b\"; }</script>\n\n"
               "Le sigle ZZQ : fin&#160;; et &laquo; cité &raquo; !\n")
    page.write_text(page.read_text(encoding="utf-8") + "\n" + hostile, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / "glossaire" / "index.html").read_text(encoding="utf-8")
    assert "<p title=\"a > b : c\" data-x='1 > 0 ; 2'>brut : tel quel</p>" in html
    assert '<style>p::after { content: " : "; }</style>' in html and "<textarea>a : b</textarea>" in html
    assert "<!-- note : <p>rien</p> -->" in html and '<script>if (1 > 0) { x = "a : b"; }</script>' in html
    title = f'title="a &gt; b{NBSP}: c &lt;b&gt;d&lt;/b&gt; &amp; e"'
    assert f"<dd>a &gt; b{NBSP}: c &lt;b&gt;d&lt;/b&gt; &amp; e</dd>" in html, "the data value, typeset"
    assert re.search(rf"<abbr {title}[^>]*>ZZQ</abbr>{NBSP}: fin&#160;; et &laquo;", html), "the written text"
    assert "<b>d</b>" not in html.split("<dd>a &gt;")[1].split("</dd>")[0]


def _ecrite(source: str, infobulles=None) -> str:
    """A written page's Markdown as the site converts it (mkdocs.yml's extensions)."""
    import markdown
    import yaml

    from referentiel import pages_ecrites

    class Loader(yaml.SafeLoader):
        pass

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        names.append(name)
        configs[name] = {k: v for k, v in (options or {}).items() if k != "donnees"}
    if infobulles is not None:
        pages_ecrites.PAGE.commencer(infobulles)
    return markdown.Markdown(extensions=names, extension_configs=configs).convert(source)


def test_typographie_des_pages_ecrites_ni_code_ni_attributs_ni_heures():
    """The written pages' text is typeset as Markdown builds it: never an attribute, code, a
    script, a comment, a URL or a time; an entity the author wrote stays as written."""
    from referentiel.typographie import NBSP, NNBSP

    out = _ecrite(
        'Rendez-vous à 12:30 : voir [ici](https://x.fr/?a=1;b=2 "Titre : x") ! Un `id` : x, '
        "**socio-éco.** : y, du «&#160;cité&#160;» et « là ».\n\n"
        '<p title="a > b : c">brut : tel quel</p>\n\n'
        '<div markdown title="a > b : c">\n\nTexte : oui\n\n</div>\n\n'
        "<script>if (a > b) { c ? d : e }</script>\n<!-- note : rien -->\n\n"
        "```\nx = {\"a\" : 1} ?\n```\n\n"
        "## Sans Wi-Fi : le paquet\n\n<textarea>a : b</textarea>\n"
    )
    assert f"12:30{NBSP}: voir" in out and f"</a>{NNBSP}!" in out
    assert 'href="https://x.fr/?a=1;b=2"' in out and 'title="Titre : x"' in out
    assert f"<code>id</code>{NBSP}: x" in out and f"<strong>socio-éco.</strong>{NBSP}: y" in out
    assert "du «&#160;cité&#160;»" in out and f"«{NBSP}là{NBSP}»" in out
    assert '<p title="a > b : c">brut : tel quel</p>' in out, "raw HTML is the author's, as written"
    assert 'title="a &gt; b : c"' in out and f"Texte{NBSP}: oui" in out
    assert "<script>if (a > b) { c ? d : e }</script>" in out and "<!-- note : rien -->" in out
    assert 'x = {"a" : 1} ?' in out.replace("&quot;", '"') and "<textarea>a : b</textarea>" in out
    assert f"Sans Wi-Fi{NBSP}: le paquet" in out


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
    """The lexicon's tooltips of a page: (title, tabindex or "", word)."""
    class Parser(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.found: list[list[str]] = []
            self.open = False

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            self.open = tag == "abbr" and attrs.get("class") == "r4f-mot"
            if self.open:
                self.found.append([attrs.get("title") or "", attrs.get("tabindex") or "", ""])

        def handle_endtag(self, tag):
            self.open = False

        def handle_data(self, data):
            if self.open:
                self.found[-1][2] += data

    parser = Parser()
    parser.feed(html)
    return [tuple(f) for f in parser.found]


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
    from referentiel.markup import Infobulles, Lexique, inline

    words = {"déconcentré": ("deconcentre", "déconcentré : def"), "déconcentrés": ("deconcentre", "déconcentré : def")}
    page = Infobulles(Lexique({"EPCI": "Établissement public"}, words))
    assert inline("Déconcentré", page, titre=True) == "Déconcentré", "no word of the lexicon in a heading"
    assert inline("l'État déconcentré", page, lien=True) == (
        'l&#x27;État <abbr class="r4f-mot" title="déconcentré\u00a0: def">déconcentré</abbr>')
    assert inline("Déconcentrés", page) == "Déconcentrés", "once a page"
    assert inline("EPCI", page, lien=True) == '<abbr title="Établissement public">EPCI</abbr>'
    assert inline("puis EPCI", page) == 'puis <abbr title="Établissement public" tabindex="0">EPCI</abbr>'


def test_une_page_ecrite_et_ses_macros_partagent_leurs_infobulles():
    """A page's macros write its generated part first and hand its tooltips to its Markdown:
    a word already explained there is not explained again in the written text, and the first
    acronym outside a link is the one that takes focus."""
    from referentiel.markup import Infobulles, Lexique, inline

    page = Infobulles(Lexique({"EPCI": "Établissement public"}, {"régalien": ("regalien", "régalien : def")}))
    assert 'tabindex="0"' in inline("le régalien", page)
    out = _ecrite("Le régalien, l'[EPCI](x) et l'EPCI.\n\n## EPCI", page)
    assert 'class="r4f-mot"' not in out and out.count("<abbr") == 3
    assert out.count('tabindex="0"') == 1 and out.index('tabindex="0"') > out.index("</a>")
    fresh = _ecrite("Le régalien et le régalien.", Infobulles(page.lexique))
    assert fresh.count('class="r4f-mot"') == 1


def test_le_html_d_une_macro_reste_tel_quel_et_ses_ids_sont_lus():
    """A macro's HTML, between its marker lines, is one raw HTML block kept as written (blank and
    indented lines included, never read as Markdown); a value can never write a marker line."""
    from referentiel.markup import escape, inline
    from referentiel.pages_ecrites import BLOC_DEBUT, BLOC_FIN

    bloc = '<div id="x">\n\n    <p>*pas* de Markdown : ici</p>\n</div>'
    out = _ecrite(f"Avant : oui.\n{BLOC_DEBUT}\n{bloc}\n{BLOC_FIN}\nAprès.")
    assert bloc in out and "\u00a0: oui" in out and "<p>Après.</p>" in out
    assert BLOC_DEBUT not in escape(BLOC_DEBUT) + inline(BLOC_FIN) and BLOC_FIN not in escape(BLOC_FIN)


def test_une_page_ecrite_sans_macros_lit_le_glossaire_et_le_lexique(ref):
    """Without macros to hand it the page's tooltips, the extension reads the data folder it is given."""
    import html

    import markdown

    from referentiel import pages_ecrites
    from referentiel.typographie import typographie

    pages_ecrites.PAGE.prendre()
    sigle, titre = next(iter(views.glossary_titles(ref).items()))
    out = markdown.markdown(f"Le {sigle} : oui.", extensions=[pages_ecrites.makeExtension(donnees=str(ROOT / "data"))])
    title = html.escape(typographie(titre), quote=False).replace('"', "&quot;")  # as Markdown writes it
    assert f'title="{title}">{sigle}</abbr>\u00a0: oui.' in out
    assert markdown.markdown(f"Le {sigle} : oui.", extensions=[pages_ecrites.makeExtension()]) == (
        f"<p>Le {sigle}\u00a0: oui.</p>"), "without data: typography only"


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


@pytest.mark.browser
def test_aucun_code_qr_a_l_ecran_hors_projection(page, site_url, ref):
    """QR codes serve in projection and on paper only: a reader's screen shows none, on any page
    that holds some (fiches, actor pages, matrix, face-à-face, wall)."""
    a, b = ref.acteurs[0], ref.acteurs[1]
    routes_ = [routes.fiche_href(a.id), routes.acteur_href(a.id), "matrice/", routes.paire_href(ref, a.id, b.id),
               "mur-des-messages/"]
    for route in routes_:
        page.goto(site_url + route)
        codes = page.locator("img.r4f-qr")
        shown = [i for i in range(codes.count()) if codes.nth(i).is_visible()]
        assert not shown, f"{route} : {len(shown)} code(s) QR visible(s) à l'écran"
