"""`make bench`: builds synthetic référentiels at 1×, 10×, 100× with our site and with
plain Material (the baseline: the same pages and text, bench/baseline.py) in the same run, then
checks the budgets of issue 19 (BENCHMARKS.md).

    python -m bench                 # 1×, 10×, 100× (ten minutes or so on 2 cores)
    python -m bench --rapide        # 1× only
    python -m bench --json out.json # also write every figure as JSON
    python -m bench --profil        # cProfile of one 1× build, heaviest functions
    python -m bench --etapes 10     # CPU seconds per build stage at 10× (no profiler)
    python -m bench --etapes 1 --reconstruction   # the same, for a rebuild under make serve

Every build measured is cold: a fresh process and an empty site folder (``measure.build``); the QR
codes are read from ``.cache/``, as issue 19 allows, after one fresh-clone build without it (reported,
no budget). Lighthouse has its own command (``make lighthouse``, bench/lighthouse.py).
Exit status 1 when a budget fails (the table says which), 0 otherwise.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

from . import measure, weight
from .measure import Edition, fr
from .baseline import write_baseline
from .synth import ROOT, copy_project, scale_project

NBSP = "\u00a0"
# Runs per scale: (ours, baseline, ProperDocs). Medians at 1× and 10×, one run at 100×.
RUNS = {1: (5, 5, 3), 10: (3, 3, 1), 100: (1, 1, 1)}
# Saves measured under `make serve` (ours and Material's), at the scales with a serve budget.
SAVES = {1: 5, 10: 3}


def ko(size: int) -> str:
    return f"{fr(size / 1024, 1)}{NBSP}Ko"


def hostile_inputs(tmp: Path) -> dict[str, float]:
    """The validator's own speed, and how fast it refuses hostile files (kept from tests/bench.py)."""
    from referentiel.errors import ReferentielInvalide
    from referentiel.validate import load_referentiel

    def timed(fn) -> float:  # CPU seconds of this process, like the other time budgets
        start = time.process_time()
        fn()
        return time.process_time() - start

    def refused(data_dir: Path) -> None:
        try:
            load_referentiel(data_dir)
        except ReferentielInvalide:
            return
        raise SystemExit("la donnée piégée a été acceptée")

    figures = {"validation": timed(lambda: load_referentiel(ROOT / "data"))}
    data = copy_project(tmp / "hostile") / "data"
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    (data / "glossaire.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    figures["bombe"] = timed(lambda: refused(data))
    (data / "glossaire.yaml").write_text("sigles:\n" + "  - sigle: ABC\n" * 300_000, encoding="utf-8")
    figures["5mo"] = timed(lambda: refused(data))
    return figures


def _editions(project: Path, baseline: Path) -> tuple[Edition, Edition]:
    """The save measured under `make serve` (``measure.edition_yaml``), and the same title changed in the
    Markdown of the same page (Material alone)."""
    ours = measure.edition_yaml(project)
    markdown = baseline / "docs" / f"{ours.page.rstrip('/') or 'index'}.md"  # as bench/baseline.py writes it
    return ours, Edition(markdown, ours.avant, ours.page)


def measure_scale(factor: int, tmp: Path, engines: tuple[str, ...]) -> dict:
    ours_runs, base_runs, proper_runs = RUNS[factor]
    project = tmp / f"{factor}x" / "projet"
    counts = scale_project(project, factor)
    statements = sum(counts.values())
    print(f"\n— {factor}× : {statements} énoncés d'acteurs "
          f"({', '.join(f'{n} {kind}' for kind, n in counts.items())})", flush=True)
    # A fresh clone's first build makes every QR code (segno); then the budget's cold builds: each a new
    # process with an empty site folder, the QR codes read from .cache/ (issue 19, item 4).
    neuf = measure.build(project, tmp / f"{factor}x" / "site", 1)
    ours = measure.build(project, tmp / f"{factor}x" / "site", ours_runs, froid=False)
    baseline_project = write_baseline(project, ours.site, tmp / f"{factor}x" / "material")
    base = measure.build(baseline_project, tmp / f"{factor}x" / "site-material", base_runs)
    page, page_size = measure.heaviest_page(ours.site)
    result = {
        "facteur": factor,
        "enonces": statements,
        "construction_s": ours.median,
        "construction_cpu_s": ours.cpu,
        "essais_s": ours.times,
        "memoire_max_mio": ours.peak_kib / 1024,
        "sortie_octets": measure.output_size(ours.site),
        "page_la_plus_lourde": str(page),
        "page_la_plus_lourde_octets": page_size,
        "cout_par_enonce_ms": 1000 * ours.cpu / statements,
        "index_recherche_octets": weight.search_index_size(ours.site),
        "material_s": base.median,
        "material_cpu_s": base.cpu,
        "material_essais_s": base.times,
        "material_memoire_max_mio": base.peak_kib / 1024,
        "material_page_la_plus_lourde_octets": measure.heaviest_page(base.site)[1],
        "rapport": ours.cpu / base.cpu,
        "rapport_mur": ours.median / base.median,
        "clone_neuf_cpu_s": neuf.cpu,
        "clone_neuf_rapport": neuf.cpu / base.cpu,
    }
    if "properdocs" in engines:
        proper = measure.build(project, tmp / f"{factor}x" / "site-properdocs", proper_runs, "properdocs", froid=False)
        result["properdocs_s"] = proper.median
        result["properdocs_cpu_s"] = proper.cpu
        result["properdocs_rapport"] = proper.cpu / base.cpu
    print(f"  notre site, clone neuf (tous les codes QR à faire) : {fr(neuf.cpu)} s de CPU "
          f"→ rapport à Material seul {fr(result['clone_neuf_rapport'])} (sans budget)")
    print(f"  notre site, à froid (codes QR lus dans .cache/) : {fr(ours.cpu)} s de CPU, {fr(ours.median)} s au mur "
          f"(essais : {', '.join(fr(t) for t in ours.times)}), "
          f"mémoire max {fr(result['memoire_max_mio'], 0)} Mio, sortie {ko(result['sortie_octets'])}")
    print(f"  page la plus lourde : {page} ({ko(page_size)}) ; "
          f"{fr(result['cout_par_enonce_ms'])} ms par énoncé ; index de recherche {ko(result['index_recherche_octets'])}")
    print(f"  Material seul : {fr(base.cpu)} s de CPU, {fr(base.median)} s au mur (mémoire max {fr(result['material_memoire_max_mio'], 0)} Mio) "
          f"→ rapport {fr(result['rapport'])} (au mur {fr(result['rapport_mur'])})")
    if "properdocs_s" in result:
        print(f"  ProperDocs : {fr(result['properdocs_cpu_s'])} s de CPU, {fr(result['properdocs_s'])} s au mur → rapport à Material seul {fr(result['properdocs_rapport'])}")
    if factor in SAVES:
        _serve(factor, project, baseline_project, result)
    if factor == 1:
        result["visites"] = {name: visit.__dict__ for name, visit in weight.first_visits(ours.site).items()}
        for name, visit in result["visites"].items():
            detail = ", ".join(f"{kind} {ko(size)}" for kind, size in visit["by_type"].items())
            print(f"  première visite, {name} : {ko(visit['gzip_bytes'])} gzip en {visit['requests']} requêtes ({detail})")
        result["check_s"], result["check_cpu_s"] = measure.check_time(project)
        print(f"  make check : {fr(result['check_cpu_s'])} s de CPU, {fr(result['check_s'])} s au mur", flush=True)
    return result


def _serve(factor: int, project: Path, baseline: Path, result: dict) -> None:
    """`make serve`, a save to the page served with the change, for our site and for Material alone."""
    ours_edit, base_edit = _editions(project, baseline)
    for key, where, edit in (("serve", project, ours_edit), ("material_serve", baseline, base_edit)):
        saves = measure.serve_rebuild(where, edit, SAVES[factor])
        result[f"{key}_essais_s"] = saves
        result[f"{key}_s"] = statistics.median(wall for wall, _ in saves)
        result[f"{key}_cpu_s"] = statistics.median(cpu for _, cpu in saves)
    print(f"  make serve, d'un YAML enregistré à la page servie ({ours_edit.page}) : {fr(result['serve_s'])} s au mur, "
          f"{fr(result['serve_cpu_s'])} s de CPU (essais : {', '.join(fr(wall) for wall, _ in result['serve_essais_s'])}) ; "
          f"Material seul, d'un Markdown enregistré à la même page : {fr(result['material_serve_s'])} s au mur, "
          f"{fr(result['material_serve_cpu_s'])} s de CPU", flush=True)


def budgets(results: dict[int, dict]) -> list[tuple[str, str, str, bool]]:
    """(budget, measured, target, holds) for every budget of issue 19 the measured scales allow."""
    rows = []
    for factor, r in results.items():
        rows.append((f"Construction à froid, codes QR sur disque / Material seul, {factor}× (CPU)", fr(r["rapport"]), "≤ 2,5",
                     r["rapport"] <= 2.5))
    if 1 in results and 100 in results:
        growth = results[100]["construction_cpu_s"] / results[1]["construction_cpu_s"]
        rows.append(("Construction 100× / construction 1× (CPU)", fr(growth, 1), "≤ 120", growth <= 120))
    for factor, limit in ((1, 1), (10, 5)):
        if factor in results:
            r = results[factor]
            rows.append((f"make serve, YAML enregistré → page servie, {factor}× (au mur ; Material seul : "
                         f"{fr(r['material_serve_s'])} s)", f"{fr(r['serve_s'])} s", f"≤ {limit} s", r["serve_s"] <= limit))
    if 1 in results:
        r = results[1]
        matrix = r["visites"]["matrice"]["gzip_bytes"]
        rows.append(("Première visite de la matrice, 1× (gzip)", ko(matrix), "≤ 100 Ko", matrix <= 100 * 1024))
        index = r["index_recherche_octets"]
        rows.append(("Index de recherche, 1× (brut)", ko(index), "≤ 100 Ko", index <= 100 * 1024))
    for factor, r in results.items():
        size = r["page_la_plus_lourde_octets"]
        rows.append((f"Page la plus lourde, {factor}× ({r['page_la_plus_lourde']})", ko(size), "≤ 300 Ko",
                     size <= 300 * 1024))
    if 1 in results:
        foreign = sorted({url for v in results[1]["visites"].values() for url in v["foreign"]})
        rows.append(("Règle : requêtes vers une autre origine, 1×", str(len(foreign)), "0", not foreign))
    return rows


def _autres(results: dict[int, dict], hostile: dict[str, float]) -> None:
    """Figures without a budget: how fast the data is read and hostile files refused, make check."""
    print(f"\nSans budget : validation des données réelles {fr(hostile['validation'])} s de CPU ; refus d'une bombe "
          f"d'alias {fr(hostile['bombe'])} s, d'un fichier de 5 Mo {fr(hostile['5mo'])} s"
          + (f" ; make check, 1× : {fr(results[1]['check_cpu_s'])} s de CPU" if 1 in results else "") + ".")


def print_table(rows: list[tuple[str, str, str, bool]]) -> None:
    width = max(len(row[0]) for row in rows)
    print(f"\n{'Budget':{width}}  {'Mesure':>12}  {'Cible':>9}  Verdict")
    for name, value, target, ok in rows:
        print(f"{name:{width}}  {value:>12}  {target:>9}  {'OK' if ok else 'ÉCHEC'}")


def profile() -> None:
    """Heaviest functions of one 1× build, in-process (imports included)."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "projet"
        scale_project(project, 1)
        sys.path.insert(0, str(project / "macros"))
        os.environ["NO_MKDOCS_2_WARNING"] = "1"
        os.chdir(project)
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        profiler = cProfile.Profile()
        profiler.enable()
        build(load_config("mkdocs.yml", site_dir=str(Path(tmp) / "site")))
        profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(20)
    print(out.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench", description=__doc__.split("\n")[0])
    parser.add_argument("--rapide", action="store_true", help="1× seulement")
    parser.add_argument("--json", type=Path, help="écrit aussi toutes les mesures dans ce fichier")
    parser.add_argument("--profil", action="store_true", help="profil d'une construction 1×, puis s'arrête")
    parser.add_argument("--etapes", type=int, metavar="K", help="temps CPU par étape à K×, puis s'arrête")
    parser.add_argument("--reconstruction", action="store_true",
                        help="avec --etapes : la reconstruction qui suit une modification du YAML (make serve)")
    args = parser.parse_args(argv)
    if args.etapes:
        from .stages import stages

        stages(args.etapes, args.reconstruction)
        return 0
    if args.profil:
        profile()
        return 0
    scales = (1,) if args.rapide else (1, 10, 100)
    started = time.perf_counter()
    print("Charge de la machine au départ : " + ", ".join(fr(x) for x in os.getloadavg())
          + f" ({os.cpu_count()} cœurs). Les budgets de temps portent sur le temps CPU des constructions, "
          "stable quand d'autres travaux partagent la machine ; le temps au mur est donné à côté.")
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        hostile = hostile_inputs(Path(tmp))
        results = {factor: measure_scale(factor, Path(tmp), measure.ENGINES) for factor in scales}
    rows = budgets(results)
    print_table(rows)
    _autres(results, hostile)
    if args.json:
        args.json.write_text(json.dumps({"resultats": results, "refus": hostile}, ensure_ascii=False, indent=2),
                             encoding="utf-8")
    failed = [row[0] for row in rows if not row[3]]
    print("Charge de la machine à la fin : " + ", ".join(fr(x) for x in os.getloadavg()))
    print(f"\nDurée du banc : {fr(time.perf_counter() - started, 0)} s. "
          + (f"{len(failed)} budget(s) en échec." if failed else "Tous les budgets tiennent."))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
