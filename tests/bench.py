"""`make bench`: speed and size targets, measured (never asserted in unit tests).

Prints one line per measure and exits non-zero when a target is missed.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import ROOT, mkdocs_build  # noqa: E402
from referentiel.errors import ReferentielInvalide  # noqa: E402
from referentiel.validate import load_referentiel  # noqa: E402

TARGETS = {
    "validation des données (s)": 2.0,
    "refus d'une bombe d'alias (s)": 0.5,
    "refus d'un fichier de 5 Mo (s)": 0.5,
    "construction stricte du site (s)": 60.0,
    "page la plus lourde, HTML (Ko)": 400.0,
}


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def refused(data_dir: Path) -> None:
    try:
        load_referentiel(data_dir)
    except ReferentielInvalide:
        return
    raise SystemExit("la donnée piégée a été acceptée")


def main() -> int:
    results: dict[str, float] = {}
    results["validation des données (s)"] = timed(lambda: load_referentiel(ROOT / "data"))
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(ROOT / "data", data)
        lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        for i in range(1, 10):
            prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
            lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
        (data / "glossaire.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        results["refus d'une bombe d'alias (s)"] = timed(lambda: refused(data))
        (data / "glossaire.yaml").write_text("sigles:\n" + "  - sigle: ABC\n" * 300_000, encoding="utf-8")
        results["refus d'un fichier de 5 Mo (s)"] = timed(lambda: refused(data))
        site = Path(tmp) / "site"
        start = time.perf_counter()
        result = mkdocs_build(ROOT, site)
        results["construction stricte du site (s)"] = time.perf_counter() - start
        if result.returncode != 0:
            print(result.stderr)
            return 1
        heaviest = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
        results["page la plus lourde, HTML (Ko)"] = heaviest.stat().st_size / 1024
        print(f"(page la plus lourde : {heaviest.relative_to(site)})")
    failed = 0
    for name, value in results.items():
        ok = value <= TARGETS[name]
        failed += not ok
        print(f"{'ok ' if ok else 'RATÉ'} {name:38} {value:8.2f}  (cible ≤ {TARGETS[name]})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
