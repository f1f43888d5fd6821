"""Offline pack: the file:// build and the PDFs, in one zip with one top folder.

    python tools/offline_pack.py --site site-offline --pdf dist/pdf --dist dist

The zip, named by ``referentiel.printing.paquet`` (the référentiel's version in its name), holds
``NAME-VERSION/index.html`` (the site built with mkdocs-offline.yml) and ``NAME-VERSION/pdf/*.pdf``
(make print). The published site offers it for download (``printing.telechargements``).
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

from referentiel.printing import paquet
from referentiel.validate import load_referentiel

ROOT = Path(__file__).resolve().parent.parent
# Pages only a web server shows: opened from the disk, nothing answers with a 404 page (its links are
# absolute, from the published site's path).
SERVEUR_SEULEMENT = {"404.html"}


def make_pack(site: Path, pdf_dir: Path, out: Path) -> Path:
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site}/index.html introuvable : construisez d'abord le site hors ligne")
    top = out.name.removesuffix(".zip")
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as pack:
        for path in sorted(site.rglob("*")):
            if path.is_file() and path.relative_to(site).as_posix() not in SERVEUR_SEULEMENT:
                pack.write(path, f"{top}/{path.relative_to(site).as_posix()}")
        for path in sorted(pdf_dir.glob("*.pdf")):
            pack.write(path, f"{top}/pdf/{path.name}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Produit le paquet hors ligne (zip).")
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--pdf", type=Path, required=True)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="dossier du zip")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args(argv)
    out = make_pack(args.site, args.pdf, args.dist / paquet(load_referentiel(args.data)))
    print(f"Paquet hors ligne : {out} (décompresser, puis ouvrir index.html)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
