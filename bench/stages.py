"""CPU seconds per build stage, in one process, without a profiler.

cProfile inflates code that makes many small calls (character-level escaping,
Jinja's compiler), so the stages a phase-2 change targets are timed directly:
each listed function is wrapped with a ``time.process_time`` accumulator
(outermost call only). Stages overlap (the page template stage includes search
indexing; Jinja compilation happens inside the macros stage). Imports and template
compilation are split between what a plain Material build pays too and what this site
adds (BENCHMARKS.md, "Pourquoi le rapport à Material seul ne peut pas tenir 1,2").

    python -m bench --etapes 10
    python -m bench --etapes 1 --reconstruction   # a rebuild after a YAML edit, as under make serve
"""

from __future__ import annotations

import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .measure import edition_yaml, fr
from .synth import scale_project


def _wrap(owner, name: str, label, spent: collections.Counter) -> None:
    """Time ``owner.name`` (outermost calls) under ``label``, or under ``label(*args, **kwargs)``
    when the stage depends on the call (whose template, which memo)."""
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
                spent[label(*args, **kwargs) if callable(label) else label] += time.process_time() - start

    setattr(owner, name, timed)


def _compilation(env, source, name=None, filename=None, *args, **kwargs) -> str:
    """Jinja compilation, Material's theme templates apart from ours (and the macros' pages)."""
    theirs = "material/templates" in str(filename) or "mkdocs/templates" in str(filename)
    return ("compilation Jinja, gabarits de Material et MkDocs" if theirs
            else "compilation Jinja, nos gabarits (et une page par macro)")


_IMPORTS = (
    ("MkDocs et Material (Material seul les importe aussi)",
     "import mkdocs.commands.build, mkdocs.config, material.plugins.search.plugin, markdown, pymdownx"),
    ("pydantic et notre modèle", "import referentiel.model"),
    ("mkdocs-macros", "import mkdocs_macros.plugin"),
    ("nos vues, exports et outils", "import referentiel.views, referentiel.exports, referentiel.markup, "
     "referentiel.origines, referentiel.schema, referentiel.qr, referentiel.printing"),
)


def _import_costs(project: Path) -> dict[str, float]:
    """CPU seconds of each group of imports, in that order, in a fresh interpreter (this one has
    already imported much of them)."""
    code = "import json, sys, time\nspent = []\n"
    for _, statement in _IMPORTS:
        code += f"start = time.process_time()\n{statement}\nspent.append(time.process_time() - start)\n"
    code += "print(json.dumps(spent))\n"
    out = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=True,
                         env=dict(os.environ, PYTHONPATH=str(project / "macros")))
    return dict(zip((label for label, _ in _IMPORTS), json.loads(out.stdout)))


def stages(factor: int, reconstruction: bool = False) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-etapes-"))
    project = tmp / "projet"
    scale_project(project, factor)
    sys.path.insert(0, str(project / "macros"))
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.chdir(project)
    imports = _import_costs(project)
    import jinja2.environment
    import material.plugins.search.plugin as search
    import mkdocs.commands.build as build
    import mkdocs.config
    import mkdocs.structure.pages as pages
    import mkdocs_macros.plugin as macros
    import referentiel.exports as exports
    import referentiel.markup as markup
    import referentiel.origines as origines
    import referentiel.pages_ecrites as pages_ecrites
    import referentiel.qr as qr
    import referentiel.schema as schema
    import referentiel.validate as validate
    spent: collections.Counter = collections.Counter()
    for owner, name, label in (
        (jinja2.environment.Environment, "compile", _compilation),
        (validate, "load_referentiel", "chargement + validation (YAML, pydantic)"),
        (macros.MacrosPlugin, "on_page_markdown", "macros : vues + nos gabarits"),
        (pages.Page, "render", "Markdown → HTML"),
        (pages._RawHTMLPreprocessor, "run", "  dont ids du HTML brut, pour la validation des ancres (MkDocs)"),
        (build, "_build_page", "gabarit du thème + plugins, par page"),
        (search.SearchPlugin, "on_page_context", "  dont indexation de recherche (Material)"),
        (markup, "inline", "  dont typographie et infobulles des valeurs (|texte)"),
        (pages_ecrites._Typographe, "run", "  dont typographie et infobulles des pages écrites"),
        (origines, "site_external_loads", "garde-fou d'origine (toutes les pages)"),
        (qr.CacheQr, "svg", "codes QR (lus dans .cache/qr ou faits)"),
        (qr, "svg_du_code", "  dont segno (codes absents du cache)"),
        (schema, "schema_files", "schémas JSON publiés"),
        (exports, "to_json", "export JSON"),
        (exports, "to_csv", "export CSV"),
    ):
        _wrap(owner, name, label, spent)
    config = mkdocs.config.load_config("mkdocs.yml", site_dir=str(tmp / "site"))
    if reconstruction:  # as `make serve` does: a first build, a save, a new config, the rebuild
        edit = edition_yaml(project)  # the save `make bench` measures under make serve
        build.build(config)
        spent.clear()
        text = edit.fichier.read_text(encoding="utf-8")
        edit.fichier.write_text(text.replace(edit.avant, f"{edit.avant} (modifié)", 1), encoding="utf-8")
        config = mkdocs.config.load_config("mkdocs.yml", site_dir=str(tmp / "site"))
    start = time.process_time()
    build.build(config)
    total = time.process_time() - start
    quoi = ", reconstruction après une modification du YAML (make serve)" if reconstruction else ""
    print(f"\nTemps CPU par étape, {factor}×{quoi} :")
    for label, seconds in imports.items() if not reconstruction else ():
        print(f"  imports, {label} : {fr(seconds)} s")
    print(f"  construction entière : {fr(total)} s")
    for label, seconds in spent.most_common():
        print(f"  {label} : {fr(seconds)} s")
    os.chdir(tmp.parent)
    shutil.rmtree(tmp)
