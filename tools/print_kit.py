"""Print kit: ``make print`` — every page of referentiel.printing.kit() as a PDF.

Prints the normal build (``site/``, directory URLs) from ``file://`` with
Debian's headless Chromium through Playwright's ``page.pdf()``: print
stylesheet, A4 or A3, a footer with the référentiel's edition on every page,
and the same edition in the PDF's title (metadata). A poster (``Impression.ajuster``)
gets the largest text, 10 pt at the least, at which it still fits its sheet: laid out
as printed (print media, the sheet's printable width), measured, then printed.
Beside the PDFs, ``kit.json`` says the edition they were made from (the site's
build reads it: ``printing.telechargements``).

    python tools/print_kit.py --site site --out dist/pdf
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from referentiel.printing import MANIFESTE, Impression, edition, footer_template, kit, manifeste
from referentiel.validate import load_referentiel

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
MARGINS = {"top": "12mm", "bottom": "14mm", "left": "12mm", "right": "12mm"}
PAGE_MARGINS = "@page { margin: %(top)s %(right)s %(bottom)s %(left)s; }" % MARGINS
PAPER_MM = {"A4": (210, 297), "A3": (297, 420)}  # width, height, portrait
PX_PER_MM = 96 / 25.4  # CSS pixels
POSTER_PT = (10, 30)  # a poster's text size: at least, at most


def printable_px(item: Impression) -> tuple[float, float]:
    """The sheet's printable width and height (inside MARGINS), in CSS pixels."""
    width, height = PAPER_MM[item.format]
    if item.paysage:
        width, height = height, width
    margin = {side: float(value.removesuffix("mm")) for side, value in MARGINS.items()}
    return ((width - margin["left"] - margin["right"]) * PX_PER_MM,
            (height - margin["top"] - margin["bottom"]) * PX_PER_MM)


# The poster's text at `pt` points: the height the page then takes, as printed.
SIZE_POSTER = """([selector, pt]) => {
  document.querySelector(selector).style.fontSize = pt + 'pt';
  return document.documentElement.scrollHeight;
}"""


def fit_poster(page, item: Impression) -> float:
    """The largest size (by quarter points) at which the poster fits its sheet, never below POSTER_PT[0]:
    beyond one sheet at that size, it takes the sheets it needs."""
    width, height = printable_px(item)
    page.set_viewport_size({"width": int(width), "height": int(height)})
    page.emulate_media(media="print")
    low, high = POSTER_PT[0] * 4, POSTER_PT[1] * 4
    while low < high:
        mid = (low + high + 1) // 2
        if page.evaluate(SIZE_POSTER, [item.ajuster, mid / 4]) <= height:
            low = mid
        else:
            high = mid - 1
    page.evaluate(SIZE_POSTER, [item.ajuster, low / 4])
    return low / 4


# Every <img> of the page made eager, then awaited; returns the addresses of those that failed.
LOAD_IMAGES = """async () => {
  const images = [...document.images];
  for (const image of images) image.loading = "eager";
  await Promise.all(images.map(image => image.decode().catch(() => null)));
  return images.filter(image => !image.complete || image.naturalWidth === 0).map(image => image.src);
}"""


def page_file(site: Path, route: str) -> Path:
    return site / route / "index.html"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Produit les PDF du kit d'impression.")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="site construit (mkdocs build)")
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "pdf")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args(argv)
    args.site, args.out = args.site.resolve(), args.out.resolve()

    ref = load_referentiel(args.data)
    ed = edition(ref)
    todo = []
    for item in kit(ref):
        source = page_file(args.site, item.route)
        if source.is_file():
            todo.append((item, source))
        else:
            print(f"Erreur : page introuvable {source} — lancez d'abord « make build ».", file=sys.stderr)
            return 1

    args.out.mkdir(parents=True, exist_ok=True)
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(locale="fr-FR", color_scheme="light")
        # The pages load nothing from elsewhere; make sure printing never waits on the network.
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
                      else route.abort())
        page = context.new_page()
        for item, source in todo:
            page.goto(source.as_uri(), wait_until="load")
            # Material's stylesheet asks for 25 mm margins (CSS @page wins over page.pdf's): ours, once.
            page.add_style_tag(content=PAGE_MARGINS)
            page.evaluate("title => { document.title = title; }", f"{item.titre} — {ed.mention}")
            # QR codes are lazy <img> files, hidden on screen: load every image before printing.
            manquantes = page.evaluate(LOAD_IMAGES)
            if manquantes:
                print(f"Erreur : images non chargées dans {source} : {', '.join(manquantes)}", file=sys.stderr)
                return 1
            if item.ajuster:
                print(f"Affiche : {item.fichier}, texte de {fit_poster(page, item)} pt")
            target = args.out / item.fichier
            page.pdf(
                path=str(target),
                format=item.format,
                landscape=item.paysage,
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=footer_template(ed),
                margin=MARGINS,
                tagged=True,
            )
            print(f"PDF : {target}")
        browser.close()
    (args.out / MANIFESTE).write_text(manifeste(ref), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
