"""Print kit: ``make print`` — every page of referentiel.printing.kit() as a PDF.

Prints the normal build (``site/``, directory URLs) from ``file://`` with
Debian's headless Chromium through Playwright's ``page.pdf()``: print
stylesheet, A4 or A3, a footer with the référentiel's edition on every page,
and the same edition in the PDF's title (metadata).

    python tools/print_kit.py --site site --out dist/pdf
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from referentiel.printing import edition, footer_template, kit
from referentiel.validate import load_referentiel

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
MARGINS = {"top": "12mm", "bottom": "14mm", "left": "12mm", "right": "12mm"}


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
            page.evaluate("title => { document.title = title; }", f"{item.titre} — {ed.mention}")
            # QR codes are lazy <img> files, hidden on screen: load every image before printing.
            manquantes = page.evaluate(LOAD_IMAGES)
            if manquantes:
                print(f"Erreur : images non chargées dans {source} : {', '.join(manquantes)}", file=sys.stderr)
                return 1
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
