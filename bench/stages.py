"""CPU seconds per build stage, in one process, without a profiler.

cProfile inflates code that makes many small calls (character-level escaping,
Jinja's compiler), so the stages a phase-2 change targets are timed directly:
each listed function is wrapped with a ``time.process_time`` accumulator
(outermost call only). Stages overlap (the page template stage includes search
indexing; Jinja compilation happens inside the macros stage).

    python -m bench --etapes 10
"""

from __future__ import annotations

import collections
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .measure import fr
from .synth import scale_project


def _wrap(owner, name: str, label: str, spent: collections.Counter) -> None:
    original = getattr(owner, name)
    depth = [0]

    def timed(*args, **kwargs):
        depth[0] += 1
        start = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            depth[0] -= 1
            if not depth[0]:
                spent[label] += time.process_time() - start

    setattr(owner, name, timed)


def stages(factor: int) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-etapes-"))
    project = tmp / "projet"
    scale_project(project, factor)
    sys.path.insert(0, str(project / "macros"))
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.chdir(project)
    start = time.process_time()
    import jinja2.environment
    import material.plugins.search.plugin as search
    import mkdocs.commands.build as build
    import mkdocs.config
    import mkdocs.structure.pages as pages
    import mkdocs_macros.plugin as macros
    import referentiel.exports as exports
    import referentiel.markup as markup
    import referentiel.validate as validate

    imports = time.process_time() - start
    spent: collections.Counter = collections.Counter()
    for owner, name, label in (
        (validate, "load_referentiel", "chargement + validation (YAML, pydantic)"),
        (macros.MacrosPlugin, "on_page_markdown", "macros : vues + nos gabarits"),
        (pages.Page, "render", "Markdown → HTML"),
        (build, "_build_page", "gabarit du thème + plugins, par page"),
        (search.SearchPlugin, "on_page_context", "  dont indexation de recherche (Material)"),
        (markup, "abbreviate", "sigles : abbreviate"),
        (jinja2.environment.Environment, "compile", "compilation Jinja (tous environnements)"),
        (exports, "to_json", "export JSON"),
        (exports, "to_csv", "export CSV"),
    ):
        _wrap(owner, name, label, spent)
    config = mkdocs.config.load_config("mkdocs.yml", site_dir=str(tmp / "site"))
    start = time.process_time()
    build.build(config)
    total = time.process_time() - start
    print(f"\nTemps CPU par étape, {factor}× :")
    print(f"  imports (MkDocs, Material, macros, referentiel) : {fr(imports)} s")
    print(f"  construction entière : {fr(total)} s")
    for label, seconds in spent.most_common():
        print(f"  {label} : {fr(seconds)} s")
    os.chdir(tmp.parent)
    shutil.rmtree(tmp)
