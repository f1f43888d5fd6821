"""Offline pack: the file:// build and the PDFs, in one zip with one top folder.

    python tools/offline_pack.py --site site-offline --pdf dist/pdf --out dist/NAME-VERSION.zip

The zip holds ``NAME-VERSION/index.html`` (the site built with mkdocs-offline.yml)
and ``NAME-VERSION/pdf/*.pdf`` (make print).
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path


def make_pack(site: Path, pdf_dir: Path, out: Path) -> Path:
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site}/index.html introuvable : construisez d'abord le site hors ligne")
    top = out.name.removesuffix(".zip")
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as pack:
        for path in sorted(site.rglob("*")):
            if path.is_file():
                pack.write(path, f"{top}/{path.relative_to(site).as_posix()}")
        for path in sorted(pdf_dir.glob("*.pdf")):
            pack.write(path, f"{top}/pdf/{path.name}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Produit le paquet hors ligne (zip).")
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--pdf", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    out = make_pack(args.site, args.pdf, args.out)
    print(f"Paquet hors ligne : {out} (décompresser, puis ouvrir index.html)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
