"""In the room (issue 8): the offline pack, the print kit, QR codes, projection mode.

Browser tests reuse test_browser's Chromium (Debian's, never downloaded).
PDFs are read with Debian's poppler-utils (pdfinfo, pdftotext) and QR codes
decoded with Debian's zbar-tools (zbarimg): `make test` installs both as root.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from dataclasses import dataclass
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from conftest import ROOT, build_env, copy_project
from test_browser import _axe_violations, describe_violations, search

sys.path.insert(0, str(ROOT / "tools"))

from referentiel.markup import plain  # noqa: E402
from referentiel.printing import edition, kit  # noqa: E402
from referentiel.views.routes import page_of  # noqa: E402
from referentiel.validate import load_referentiel  # noqa: E402
from referentiel.views.routes import enonce_href  # noqa: E402

pytestmark = pytest.mark.browser
PROJECTOR = {"width": 1920, "height": 1080}


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if not path:
        pytest.fail(f"« {tool} » est introuvable : lancez « make test » (il l'installe) ou "
                    f"sudo apt-get install poppler-utils zbar-tools", pytrace=False)
    return path


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _loose(text: str) -> str:
    """Letters only, without spaces or hyphens: pdftotext joins « socio-⏎économiques » into
    « socioéconomiques » and drops the narrow no-break space the site puts before « ! »."""
    return re.sub(r"[\s\u00a0\u202f-]+", "", text)


@pytest.fixture(scope="session")
def ref():
    return load_referentiel(ROOT / "data")


# ---------------------------------------------------------------------------
# Print kit: make print → dist/pdf/
# ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pdf_dir(built_site, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    # its own process: print_kit drives its own Chromium, beside the session's
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "print_kit.py"), "--site", str(built_site),
                             "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"make print en échec :\n{result.stdout}\n{result.stderr}"
    return out


def _pdfinfo(path: Path) -> dict[str, str]:
    result = subprocess.run([_need("pdfinfo"), str(path)], capture_output=True, text=True, check=True)
    return dict(line.split(":", 1) for line in result.stdout.splitlines() if ":" in line)


def _pdftext(path: Path, *options: str) -> str:
    return subprocess.run([_need("pdftotext"), *options, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_kit_chaque_pdf_a_son_format_ses_pages_et_son_edition(pdf_dir, ref):
    ed = edition(ref)
    items = kit(ref)
    assert {i.fichier for i in items} >= {"cartes-enonces.pdf", "affiche-matrice-A3.pdf", "mur-des-messages-A3.pdf"}
    assert sorted(p.name for p in pdf_dir.glob("*.pdf")) == sorted(i.fichier for i in items)
    for item in items:
        info = _pdfinfo(pdf_dir / item.fichier)
        pages = int(info["Pages"])
        assert pages == (item.pages or pages) >= 1, f"{item.fichier} : {info['Pages']} pages au lieu de {item.pages}"
        assert f"({item.format})" in info["Page size"], f"{item.fichier} n'est pas en {item.format} : {info['Page size']}"
        width, height = (float(x) for x in re.findall(r"[\d.]+", info["Page size"])[:2])
        assert (width > height) == item.paysage, f"{item.fichier} : orientation inattendue ({info['Page size']})"
        assert info["Title"].endswith(ed.texte) and ed.version in ed.texte, info["Title"]
        text = _words(_pdftext(pdf_dir / item.fichier))
        assert text.count(_words(ed.mention)) == pages, f"{item.fichier} : la mention d'édition manque en pied de page"
        assert all(p.strip() for p in _pdftext(pdf_dir / item.fichier).split("\f")[:pages]), f"{item.fichier} : page vide"
    fiches = [i for i in items if i.route.startswith("fiches/")]
    # A fiche takes the pages its content needs (it grows with every peer-group day): none is promised.
    assert len(fiches) == len(ref.acteurs) and {i.pages for i in fiches} == {None}
    assert [i.format for i in items if i.fichier.endswith("A3.pdf")] == ["A3", "A3"]


def _textes(statement) -> list[str]:
    """Title and paragraphs, one by one (pdftotext may interleave two cards side by side between paragraphs)."""
    from referentiel.markup import paragraphs

    return [plain(t) for t in [getattr(statement, "titre", None), *paragraphs(statement.texte)] if t]


def test_kit_cartes_affiche_et_mur_contiennent_les_enonces(pdf_dir, ref):
    attentes = [a for acteur in ref.acteurs for a in acteur.attentes]
    messages = [m for acteur in ref.acteurs for m in acteur.messages]
    # -raw: in the order of the page (columns of cards and bubbles are not interleaved)
    cards = _loose(_pdftext(pdf_dir / "cartes-enonces.pdf", "-raw"))
    assert int(_pdfinfo(pdf_dir / "cartes-enonces.pdf")["Pages"]) == -(-(len(attentes) + len(messages)) // 4)
    for s in attentes + messages:
        assert _loose(s.id) in cards, f"carte sans identifiant : {s.id}"
        for t in _textes(s):
            assert _loose(t) in cards, f"carte absente ou coupée : « {t} »"
    poster = _loose(_pdftext(pdf_dir / "affiche-matrice-A3.pdf", "-raw"))
    for s in attentes:
        assert _loose(plain(s.titre)) in poster, f"affiche : attente absente « {s.titre} »"
    wall = _loose(_pdftext(pdf_dir / "mur-des-messages-A3.pdf", "-raw"))
    for m in messages:
        for t in _textes(m):
            assert _loose(t) in wall, f"mur : message absent « {t[:60]} »"


# A word's box (pdftotext -bbox) runs from its font's ascent to its descent: 1.117 × its size for Liberation
# Sans, the font Debian's Chromium prints with (DejaVu Sans, for a few signs, 1.164). 10 pt is 11.1 pt high.
WORD_HEIGHT_PER_PT = 1.11


def _words_boxes(path: Path) -> list[tuple[int, dict]]:
    """(page, {xMin, yMin, xMax, yMax, width, height}) of every word, in points."""
    out, page = [], -1
    for line in _pdftext(path, "-bbox").splitlines():
        if "<page " in line:
            page += 1
            size = {k: float(v) for k, v in re.findall(r'(width|height)="([\d.]+)"', line)}
        box = dict((k, float(v)) for k, v in re.findall(r'(xMin|yMin|xMax|yMax)="([\d.]+)"', line))
        if "<word " in line:
            out.append((page, {**box, **{"page_" + k: v for k, v in size.items()}}))
    return out


def test_affiches_remplissent_la_feuille(pdf_dir, ref):
    """The A3 posters (the matrix, the messages wall): text of 10 pt at least, spanning 90 % at least of
    the printable width and height of their sheet (print_kit grows the text until the poster fills it;
    only beyond one sheet at 10 pt does it take more, each full but the last)."""
    import print_kit

    for item in [i for i in kit(ref) if i.ajuster]:
        words = _words_boxes(pdf_dir / item.fichier)
        pages = max(p for p, _ in words) + 1
        margin = {k: float(v.removesuffix("mm")) * 72 / 25.4 for k, v in print_kit.MARGINS.items()}
        for number in range(pages):
            boxes = [b for p, b in words if p == number]
            inside = [b for b in boxes if b["yMax"] <= b["page_height"] - margin["bottom"] + 0.5]  # not the footer
            width = boxes[0]["page_width"] - margin["left"] - margin["right"]
            height = boxes[0]["page_height"] - margin["top"] - margin["bottom"]
            small = [b for b in inside if b["yMax"] - b["yMin"] < 10 * WORD_HEIGHT_PER_PT]
            assert not small, f"{item.fichier}, page {number + 1} : {len(small)} mot(s) sous 10 pt"
            span_x = (max(b["xMax"] for b in inside) - min(b["xMin"] for b in inside)) / width
            span_y = (max(b["yMax"] for b in inside) - min(b["yMin"] for b in inside)) / height
            assert span_x >= 0.9, f"{item.fichier}, page {number + 1} : le texte couvre {span_x:.0%} de la largeur"
            if number + 1 < pages or pages == 1:
                largest = max(b["yMax"] - b["yMin"] for b in inside) / WORD_HEIGHT_PER_PT
                assert span_y >= 0.9 or largest >= print_kit.POSTER_PT[1], \
                    f"{item.fichier}, page {number + 1} : le texte couvre {span_y:.0%} de la hauteur"


def test_impression_sans_navigation_ni_soulignement(new_context, site_url):
    page = new_context().new_page()
    page.goto(site_url + "acteurs/elu/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".r4f-sommaire"):
        expect(page.locator(selector).first).to_be_hidden()
    decorated = page.evaluate(
        """() => [...document.querySelectorAll('.md-content a')]
             .filter(a => a.getClientRects().length && getComputedStyle(a).textDecorationLine.includes('underline'))
             .map(a => a.textContent.trim()).slice(0, 5)"""
    )
    assert not decorated, f"liens encore soulignés à l'impression : {decorated}"
    page.emulate_media(media="print", color_scheme="dark")
    page.goto(site_url + "matrice/")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), f"fond sombre à l'impression : {background}"
    rows = page.evaluate("[...document.querySelectorAll('.r4f-tableau tr')].map(r => getComputedStyle(r).breakInside)")
    assert rows and set(rows) == {"avoid"}, f"des lignes de la matrice peuvent être coupées : {set(rows)}"


# ---------------------------------------------------------------------------
# QR codes
# ---------------------------------------------------------------------------


def test_qr_se_decode_en_lien_permanent(new_context, ref):
    from referentiel.qr import QrCodes, permanent_url

    site = "https://fabrique-des-transitions.github.io/4-fantastiques/"
    acteur = ref.acteurs[0]
    href = enonce_href(ref, acteur.enjeux[0].id)
    assert href.startswith(f"acteurs/{acteur.id}/#")
    codes = QrCodes(site)
    img = codes.img(href, "../../")
    path = codes.chemin(href)
    assert f'src="../../{path}"' in img and 'loading="lazy"' in img and "alt=\"Code QR du lien permanent" in img
    svg = codes.fichiers()[path]
    assert svg.startswith("<svg ") and 'xmlns="http://www.w3.org/2000/svg"' in svg
    page = new_context().new_page()
    page.set_content(f"<body style='margin:0;background:#fff'>{svg}</body>")
    png = page.locator("svg").screenshot()
    decoded = subprocess.run([_need("zbarimg"), "--quiet", "--raw", "-"], input=png, capture_output=True,
                             check=True).stdout.decode().strip()
    assert decoded == permanent_url(site, href) == site + href


def test_qr_seulement_par_l_api_publique_de_segno():
    """Our code uses segno through segno.make, the codes it returns and segno.__version__:
    no segno.encoder, segno.consts or other module of its internals."""
    sources = [*(ROOT / "macros").rglob("*.py"), *(ROOT / "hooks").rglob("*.py"), *(ROOT / "tools").glob("*.py")]
    internal = re.compile(r"\bsegno\.(?!make\b|__version__\b|DataOverflowError\b)\w+|from\s+segno\S*\s+import|import\s+segno\.")
    found = {str(path.relative_to(ROOT)): internal.findall(path.read_text(encoding="utf-8")) for path in sources}
    assert not {path: uses for path, uses in found.items() if uses}
    assert any("segno.make(" in path.read_text(encoding="utf-8") for path in sources)


def test_qr_cache_sur_disque(tmp_path, monkeypatch):
    """A code is made once, then read from .cache/qr: same file, same side; a changed URL, a
    changed parameter of the drawing or another segno version makes another file; a damaged
    file is made again; after a build only its codes remain."""
    from referentiel import qr

    made, make = [], qr.svg_du_code
    monkeypatch.setattr(qr, "svg_du_code", lambda url: made.append(url) or make(url))
    cache = qr.CacheQr(tmp_path / "qr")
    first = cache.svg("https://x.fr/a")
    assert cache.svg("https://x.fr/a") == first and made == ["https://x.fr/a"]
    assert first == make("https://x.fr/a")
    cache.svg("https://x.fr/b")
    assert made == ["https://x.fr/a", "https://x.fr/b"]
    assert len(list(cache.dossier.glob("*.svg"))) == 2
    monkeypatch.setitem(qr.SVG, "border", 4)  # another drawing: another key
    assert qr.CacheQr(tmp_path / "qr").svg("https://x.fr/a")[1] == first[1] + 2 * 4 * qr.SVG["scale"] - 2 * 2 * qr.SVG["scale"]
    monkeypatch.setitem(qr.SVG, "border", 2)
    made.clear()
    for path in cache.dossier.glob("*.svg"):
        path.write_text("<svg>abîmé</svg>", encoding="utf-8")
    assert cache.svg("https://x.fr/a") == first and made == ["https://x.fr/a"]
    (tmp_path / "qr" / "segno-0.0.0").mkdir()
    cache.garder({"https://x.fr/a"})
    assert [p.name for p in (tmp_path / "qr").iterdir()] == [cache.dossier.name]
    assert len(list(cache.dossier.glob("*"))) == 1
    monkeypatch.setattr(qr.segno, "__version__", "99.0.0")
    assert qr.CacheQr(tmp_path / "qr").dossier.name == "segno-99.0.0"


@pytest.mark.parametrize("pdf, route", [("cartes-enonces.pdf", "imprimer/cartes/"),
                                        ("mur-des-messages-A3.pdf", "mur-des-messages/")])
def test_qr_imprimes_se_decodent(pdf_dir, built_site, tmp_path, pdf, route):
    """Printed codes are readable, lazy ones too (the wall's, hidden on screen): print_kit loads
    every code file before printing."""
    # The cards: their first sheet; the wall: every page (it takes the pages its messages need).
    last = ["-l", "1"] if pdf.startswith("cartes") else []
    subprocess.run([_need("pdftoppm"), "-r", "300", "-f", "1", *last, "-png",
                    str(pdf_dir / pdf), str(tmp_path / "page")], check=True)
    decoded = [code for image in sorted(tmp_path.glob("page*.png"))
               for code in subprocess.run([_need("zbarimg"), "--quiet", "--raw", str(image)], capture_output=True,
                                          check=False).stdout.decode().split()]
    html = (built_site / route / "index.html").read_text(encoding="utf-8")
    shown = set(re.findall(r'<img class="r4f-qr" src="[^"]+" alt="Code QR du lien permanent\u00a0: ([^"]+)"', html))
    assert decoded and set(decoded) <= shown, f"codes lus dans {pdf} : {decoded}"
    if pdf.startswith("cartes"):
        assert len(decoded) == 4, f"une planche de quatre cartes, quatre codes : {decoded}"
    else:
        assert set(decoded) == shown, f"codes absents du mur imprimé : {sorted(shown - set(decoded))}"


# ---------------------------------------------------------------------------
# Offline pack: unzip, open from file://, network blocked
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Paquet:
    dossier: Path   # the unzipped pack, as on a USB stick
    ancien: str     # a former id the pack's data gives a statement (alias)
    actuel: str     # that statement's id


def _with_alias(project: Path, ref) -> tuple[str, str]:
    """A former id for the last actor's first expectation, written as a contributor would (``alias:``)."""
    current = ref.acteurs[-1].attentes[0].id
    path, line = ref.emplacements[current]
    file = project / path
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    indent = lines[line - 1].index("id:")
    former = f"ancien-{current}"
    lines.insert(line, " " * indent + f"alias: [{former}]\n")
    file.write_text("".join(lines), encoding="utf-8")
    return former, current


@pytest.fixture(scope="session")
def offline_pack(tmp_path_factory, pdf_dir, ref) -> Paquet:
    """The offline pack of a copy of the project whose data gives one statement a former id, unzipped."""
    import offline_pack as pack
    from referentiel.printing import paquet

    work = tmp_path_factory.mktemp("hors-ligne")
    project = copy_project(work / "projet")
    shutil.copy2(ROOT / "mkdocs-offline.yml", project)
    (project / "tools").mkdir()
    (project / "tools" / "offline").symlink_to(ROOT / "tools" / "offline")  # the iframe-worker shim (npm ci)
    former, current = _with_alias(project, ref)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs-offline.yml",
         "--site-dir", str(work / "site")],
        cwd=project, env=build_env(), capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, f"construction hors ligne en échec :\n{result.stdout}\n{result.stderr}"
    archive = pack.make_pack(work / "site", pdf_dir, work / paquet(ref))
    with zipfile.ZipFile(archive) as z:
        z.extractall(work / "clef-usb")
    return Paquet(work / "clef-usb" / archive.name.removesuffix(".zip"), former, current)


def test_paquet_hors_ligne_chaque_lien_mene_a_un_fichier(offline_pack):
    """Opened from the disk, every address of every page names a file that exists, anchors included
    (the footer's « Nouveautés », the prepared links, the print kit), and so does every former id."""
    from referentiel.liens import liens_casses

    assert liens_casses(offline_pack.dossier, hors_ligne=True) == []
    script = (offline_pack.dossier / "javascripts" / "alias.js").read_text(encoding="utf-8")
    former = json.loads(script.removeprefix("window.R4F_ALIAS = ").rstrip().removesuffix(";"))
    assert offline_pack.ancien in former
    for old, href in former.items():
        page, _, anchor = href.partition("#")
        target = offline_pack.dossier / page
        assert target.is_file(), f"ancien identifiant {old} → {href} : pas de fichier"
        assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), f"ancien identifiant {old} → {href} : pas d'ancre"


def test_paquet_hors_ligne_sans_reseau(new_context, offline_pack, ref):
    pack = offline_pack.dossier
    assert (pack / "pdf" / "fiche-elu.pdf").is_file(), "les PDF manquent dans le paquet"
    assert (pack / "javascripts" / "iframe-worker" / "shim.js").is_file()
    context = new_context()
    failed: list[str] = []
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    # a request the browser drops because its page was left (ERR_ABORTED) is no missing file
    page.on("requestfailed", lambda r: r.failure != "net::ERR_ABORTED" and failed.append(f"{r.url} ({r.failure})"))
    page.on("console", lambda m: m.type == "error" and failed.append(f"console : {m.text}"))
    page.goto((pack / "index.html").as_uri())

    results = search(page, "cooperation")  # accents folded offline too
    assert results, "la recherche hors ligne ne donne aucun résultat"
    page.keyboard.press("Escape")

    visited = [urlparse(page.url).path]
    for name in ("Les 4 Fantastiques", "Matrice des attentes", "Face à face", "Ma fiche", "Animer"):
        page.locator(".md-tabs__link", has_text=name).first.click()
        page.wait_for_load_state("load")
        path = urlparse(page.url).path
        assert path.endswith(".html"), f"« {name} » mène à un dossier ({path}) : liste de fichiers hors ligne"
        expect(page.locator("h1").first).to_be_visible()
        visited.append(path)
    assert len(set(visited)) == 6, visited

    # from the Animer page: a prepared link opens the one-screen matrix in projection, at its cell
    page.locator(".r4f-liens-projection a[href*='#agent-etat']").click()
    page.wait_for_load_state("load")
    assert urlparse(page.url).path.endswith("/matrice.html"), page.url
    expect(page.locator(".r4f-courant")).to_have_attribute("id", "agent-etat")
    page.keyboard.press("Enter")
    expect(page.locator(".r4f-ouvert .r4f-qr-zone img.r4f-qr").first).to_be_visible()
    assert page.locator(".r4f-ouvert .r4f-qr-zone img.r4f-qr").first.evaluate(
        "i => i.decode().then(() => i.naturalWidth)") > 0, "code QR non chargé hors ligne"
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    # a link inside the content (the matrix's, written by a template) leads to a file, not a folder
    page.locator(".r4f-tableau td a[href*='#']").first.click()
    page.wait_for_load_state("load")
    path = urlparse(page.url).path
    assert path.endswith(".html") and "/acteurs/" in path, f"lien de la matrice hors ligne : {page.url}"
    expect(page.locator(f"[id='{urlparse(page.url).fragment}']")).to_be_attached()
    # the messages wall filters offline too
    page.goto((pack / "mur-des-messages.html").as_uri())
    page.get_by_label("adressés à").select_option("etat")
    expect(page.locator(".r4f-mur-case:visible").first).to_have_attribute("data-a", "etat")
    # the print kit is linked from the Animer page, beside the site
    page.goto((pack / "animer.html").as_uri())
    pdfs = page.locator(".r4f-kit a[href$='.pdf']").evaluate_all("l => l.map(a => a.href)")
    assert len(pdfs) == len(list((pack / "pdf").glob("*.pdf"))) >= 7
    for href in pdfs:
        assert Path(urlparse(href).path).is_file(), f"PDF introuvable dans le paquet : {href}"
    assert not outside, f"requêtes vers le réseau : {outside}"
    assert not failed, f"requêtes en échec : {failed}"
    # a former id, in any page's address, lands on its statement (whose page is a file here)
    page.goto((pack / "index.html").as_uri() + "#" + offline_pack.ancien)
    page.wait_for_url(re.compile(r"\.html#" + re.escape(offline_pack.actuel) + "$"))
    expect(page.locator(f"[id='{offline_pack.actuel}']")).to_be_attached()
    # the edition line's « Nouveautés »
    page.locator(".r4f-edition a").click()
    page.wait_for_load_state("load")
    assert urlparse(page.url).path.endswith("/nouveautes.html"), page.url
    assert not outside, f"requêtes vers le réseau : {outside}"


# ---------------------------------------------------------------------------
# Projection mode
# ---------------------------------------------------------------------------


def _projection(new_context, site_url, path="acteurs/elu/?projection") -> Page:
    page = new_context(viewport=PROJECTOR).new_page()
    page.goto(site_url + path)
    expect(page.locator("html")).to_have_class(re.compile(r"\br4f-projection\b"))
    return page


def test_projection_masque_l_habillage_et_grossit_le_texte(new_context, site_url):
    page = _projection(new_context, site_url)
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                     ".r4f-copier", ".r4f-source"):
        expect(page.locator(selector).first).to_be_hidden()
    body = page.locator(".md-content p").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    message = page.locator(".r4f-bulle blockquote p").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert body >= 32, f"texte courant à {body} px en projection (32 px au moins à 1920×1080)"
    assert message >= 32, f"message à {message} px en projection"
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('.md-content *')]
             .filter(e => e.getClientRects().length && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
             .map(e => parseFloat(getComputedStyle(e).fontSize)))"""
    )
    assert smallest >= 32, f"un texte ne fait que {smallest} px en projection"
    # scaled with the viewport: a larger screen gets larger text
    page.set_viewport_size({"width": 2560, "height": 1440})
    larger = page.locator(".md-content p").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert larger > body


CONTRAST_JS = """() => {
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const rgba = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const background = e => { for (; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor);
                            if (c.length === 3 || c[3] > 0) return c.slice(0, 3); } return [255, 255, 255]; };
  const worst = [];
  for (const e of document.querySelectorAll('.md-content *')) {
    if (!e.getClientRects().length || getComputedStyle(e).visibility !== 'visible') continue;
    if (![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const fg = rgba(getComputedStyle(e).color), a = fg[3] === undefined ? 1 : fg[3], bg = background(e);
    const mixed = fg.slice(0, 3).map((v, i) => v * a + bg[i] * (1 - a));
    const [l1, l2] = [lum(mixed), lum(bg)].sort((x, y) => y - x);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    if (ratio < 7) worst.push(`${ratio.toFixed(2)} : ${e.tagName.toLowerCase()}.${e.className} « ${e.textContent.trim().slice(0, 40)} »`);
  }
  return worst;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["acteurs/etat/", "matrice/", "face-a-face/elu-agent/", "attentes-communes/"])
def test_projection_contraste_aaa(new_context, site_url, scheme, path):
    page = new_context(viewport=PROJECTOR, color_scheme=scheme).new_page()
    page.goto(site_url + path + "?projection")
    expect(page.locator("html")).to_have_class(re.compile(r"\br4f-projection\b"))  # projection.css is loaded
    if scheme == "dark":
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    low = page.evaluate(CONTRAST_JS)
    assert not low, "textes sous le contraste AAA (7:1) en projection :\n" + "\n".join(low[:15])


def test_projection_au_clavier(new_context, site_url):
    page = _projection(new_context, site_url)
    items = page.evaluate("window.r4fProjection.items().map(e => e.id)")
    current = page.locator(".r4f-courant")
    expect(current).to_have_attribute("id", items[0])
    expect(current).to_be_focused()
    # → moves on once the current item is shown whole (its steps, if any, first)
    for _ in range(20):
        page.keyboard.press("ArrowRight")
        if current.get_attribute("id") == items[1]:
            break
    expect(current).to_have_attribute("id", items[1])
    expect(current).to_be_in_viewport()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(current).to_have_attribute("id", items[0])
    page.keyboard.press("End")
    expect(current).to_have_attribute("id", items[-1])
    expect(current).to_be_in_viewport()
    page.keyboard.press("Home")  # the first item, with what comes before it: the page's title first
    expect(current).to_have_attribute("id", items[0])
    expect(page.locator("h1")).to_be_in_viewport(ratio=1)

    # Enter: the statement alone, full screen; Esc closes it, then leaves projection.
    page.keyboard.press("Enter")
    opened = page.locator(".r4f-ouvert")
    expect(opened).to_have_attribute("id", items[0])
    box = opened.bounding_box()
    assert box["width"] >= 1900 and box["height"] >= 1000, f"énoncé ouvert : {box}"
    page.keyboard.press("Escape")
    expect(opened).to_have_count(0)
    expect(page.locator("html")).to_have_class(re.compile(r"\br4f-projection\b"))

    # `?`: the key legend, closed by Esc
    page.keyboard.press("?")
    legend = page.get_by_role("dialog", name="Touches de la projection")
    expect(legend).to_be_visible()
    expect(legend).to_contain_text("Échap")
    page.keyboard.press("Escape")
    expect(legend).to_be_hidden()

    page.keyboard.press("Escape")
    expect(page.locator("html")).not_to_have_class(re.compile(r"\br4f-projection\b"))
    expect(page.locator(".md-header")).to_be_visible()
    assert "projection" not in page.url


def test_projection_lien_prepare_et_pas_a_pas(new_context, site_url, ref):
    acteur = ref.acteurs[1]
    target = acteur.attentes[0].id
    where = page_of(ref.entry(target), ref)  # the actor's page, or its part once the actor is split
    page = _projection(new_context, site_url, f"{where}?projection=pas-a-pas#{target}")
    current = page.locator(".r4f-courant")
    expect(current).to_have_attribute("id", target)
    expect(current).to_be_in_viewport()
    # guess first: the statement the link names waits, hidden, until the animator shows it
    expect(current).to_have_css("visibility", "hidden")
    page.keyboard.press("ArrowDown")
    expect(current).to_have_css("visibility", "visible")
    expect(current).to_have_attribute("id", target)


def test_projection_axe_aucune_violation(new_context, site_url):
    found = {}
    for path in ("acteurs/elu/?projection", "matrice/?projection", "face-a-face/elu-agent/?projection"):
        page = _projection(new_context, site_url, path)
        page.keyboard.press("?")
        violations = _axe_violations(page)
        if violations:
            found[path] = violations
    if found:
        pytest.fail("violations WCAG 2.1 A/AA en projection :\n" + describe_violations(found), pytrace=False)


# ---------------------------------------------------------------------------
# The matrix on one screen, the Projeter buttons, QR codes in projection, the wall
# ---------------------------------------------------------------------------

SITE_URL = "https://fabrique-des-transitions.github.io/4-fantastiques/"  # mkdocs.yml's site_url

def _decode_qr(img) -> str:
    expect(img).to_be_visible()
    # a lazy <img> of its own file: decoded once loaded
    assert img.evaluate("i => i.decode().then(() => i.naturalWidth)") > 0, "code QR non chargé"
    png = img.screenshot()
    return subprocess.run([_need("zbarimg"), "--quiet", "--raw", "-"], input=png, capture_output=True,
                          check=True).stdout.decode().strip()


def test_matrice_lien_prepare_et_case_devinee(new_context, site_url, ref):
    page = _projection(new_context, site_url, "matrice/?projection=pas-a-pas#cellule-agent-etat")
    expect(page.locator(".r4f-courant")).to_have_attribute("id", "agent-etat")
    page.keyboard.press("Enter")
    steps = page.locator(".r4f-ouvert [data-r4f-etape]")
    assert steps.count() >= 2
    expect(steps.nth(0)).to_be_visible()
    expect(steps.nth(1)).to_have_css("visibility", "hidden")
    page.keyboard.press("ArrowRight")
    expect(steps.nth(1)).to_have_css("visibility", "visible")
    expect(page.locator(".r4f-ouvert")).to_have_attribute("id", "agent-etat")


@pytest.mark.parametrize("path", ["acteurs/agent/", "face-a-face/elu-agent/", "matrice/", "attentes-communes/",
                                  "mur-des-messages/"])
def test_bouton_projeter(new_context, site_url, path):
    page = new_context(viewport=PROJECTOR).new_page()
    page.goto(site_url + path)
    button = page.get_by_role("button", name="Projeter", exact=True)
    expect(button).to_be_visible()
    button.click()
    expect(page.locator("html")).to_have_class(re.compile(r"\br4f-projection\b"))
    assert "?projection" in page.url
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer"):
        expect(page.locator(selector).first).to_be_hidden()
    expect(button).to_be_hidden()


def test_qr_projete_se_decode_en_lien_permanent(new_context, site_url, ref):
    acteur = ref.acteurs[2]
    statement = acteur.attentes[0]
    page = _projection(new_context, site_url, f"acteurs/{acteur.id}/?projection#{statement.id}")
    current = page.locator(".r4f-courant")
    expect(current).to_have_attribute("id", statement.id)
    qr = current.locator(".r4f-qr-zone img.r4f-qr")
    expect(qr).to_be_visible()
    assert _decode_qr(qr) == SITE_URL + enonce_href(ref, statement.id)
    # a projected cell of the matrix carries the permanent link of the cell
    page.goto(site_url + "matrice/?projection#elu-agent")
    expect(page.locator("html")).to_have_class(re.compile(r"\br4f-projection\b"))
    page.keyboard.press("Enter")
    qr = page.locator(".r4f-ouvert .r4f-detail > .r4f-qr-zone img.r4f-qr")
    expect(qr).to_be_visible()
    assert _decode_qr(qr) == SITE_URL + "matrice/#cellule-elu-agent"
    # the cell's code and its first statement's stand in one column at the right, not side by side
    boxes = page.locator(".r4f-ouvert .r4f-qr-zone").evaluate_all(
        "zones => zones.slice(0, 2).map(z => z.getBoundingClientRect().toJSON())")
    cell, first = boxes
    assert abs(cell["right"] - first["right"]) < 2 and first["top"] >= cell["bottom"], boxes
    # not on the ordinary page
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(page.locator(".r4f-qr-zone").first).to_be_hidden()


def test_qr_charge_seulement_quand_affiche(new_context, site_url):
    """A first visit of the matrix fetches no QR code; projecting a cell fetches its own."""
    page = new_context().new_page()
    fetched: list[str] = []
    page.on("request", lambda r: "/qr/" in r.url and fetched.append(r.url))
    page.goto(site_url + "matrice/")
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 20000)  # the whole page scrolled past: hidden codes stay unfetched
    page.wait_for_timeout(300)
    assert page.locator("img.r4f-qr").count() > 16
    assert not fetched, f"codes QR chargés hors projection : {fetched[:3]}"
    page.locator("[data-r4f-projeter]").first.click()
    expect(page.locator("html")).to_have_class(re.compile(r"\br4f-projection\b"))
    page.locator("td#elu-agent .r4f-case-boite").click()  # a click opens the cell, like Enter
    qr = page.locator(".r4f-ouvert .r4f-detail > .r4f-qr-zone img.r4f-qr")
    assert _decode_qr(qr) == SITE_URL + "matrice/#cellule-elu-agent"
    src = qr.evaluate("i => i.src")
    assert src in fetched, f"{src} affiché sans être chargé ? {fetched}"
    assert len(fetched) < page.locator("img.r4f-qr").count(), "tous les codes chargés en projection"


def test_paire_messages_en_entier(new_context, site_url, ref):
    """A face-à-face lists a message's start on screen, its whole text in projection."""
    page = _projection(new_context, site_url, "face-a-face/elu-agent/?projection")
    side = page.locator(".r4f-sens").first
    message = next(m for m in ref.acteur("elu").messages if m.destinataire == "agent")
    expect(side).to_contain_text(_words(plain(message.texte)).split(" ! ")[-1].strip())
    assert "…" not in side.inner_text()


def test_mur_des_messages_filtre(new_context, site_url, ref):
    messages = [m for a in ref.acteurs for m in a.messages]
    page = new_context().new_page()
    page.goto(site_url + "mur-des-messages/")
    bubbles = page.locator(".r4f-mur-case:visible")
    expect(bubbles).to_have_count(len(messages))
    status = page.get_by_role("status")
    expect(status).to_have_text(f"{len(messages)} messages affichés sur {len(messages)}")
    page.get_by_label("Messages de").select_option(label=ref.acteur("elu").libelles.court)
    expected = [m for m in ref.acteur("elu").messages]
    expect(bubbles).to_have_count(len(expected))
    page.get_by_label("adressés à").select_option("etat")
    expected = [m for m in messages if m.id.startswith("elu-") and m.destinataire == "etat"]
    expect(bubbles).to_have_count(len(expected))
    assert urlparse(page.url).query == "de=elu&a=etat", "le filtre n'est pas dans l'adresse : impossible à préparer"
    page.reload()  # the address alone gives the same wall
    expect(bubbles).to_have_count(len(expected))
    expect(page.get_by_label("Messages de")).to_have_value("elu")
    if not expected:
        expect(page.locator("[data-r4f-mur-aucun]")).to_be_visible()
    page.get_by_label("Messages de").select_option("")
    expected = [m for m in messages if m.destinataire == "etat"]
    expect(bubbles).to_have_count(len(expected))
    for i in range(len(expected)):
        assert bubbles.nth(i).get_attribute("data-a") == "etat"
    expect(status).to_contain_text(f"{len(expected)} message")


def test_mur_et_matrice_ouverte_axe_en_projection(new_context, site_url):
    found = {}
    page = _projection(new_context, site_url, "mur-des-messages/?projection")
    violations = _axe_violations(page)
    if violations:
        found["mur"] = violations
    page = _projection(new_context, site_url, "matrice/?projection#etat-elu")
    page.keyboard.press("Enter")
    violations = _axe_violations(page)
    if violations:
        found["matrice, case ouverte"] = violations
    page = new_context().new_page()
    page.goto(site_url + "mur-des-messages/")
    violations = _axe_violations(page)
    if violations:
        found["mur (écran)"] = violations
    if found:
        pytest.fail("violations WCAG 2.1 A/AA :\n" + describe_violations(found), pytrace=False)
