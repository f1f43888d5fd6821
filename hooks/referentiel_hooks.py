"""MkDocs hooks: validate the data before anything else, then derive from it
the generated pages, the open-data files and the acronym tooltips.

The logic lives in ``referentiel`` (engine-independent); this file only
connects it to MkDocs events.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from referentiel import exports, views
from referentiel.errors import ReferentielInvalide
from referentiel.flux import atom
from referentiel.views.nouveautes import FLUX

# Former ids → where their statement now lives; read by docs/javascripts/referentiel.js.
ALIAS_SCRIPT = "javascripts/alias.js"
from referentiel.markup import abbreviate, escape
from referentiel.registry import EXPORTS
from referentiel.schema import schema_files
from referentiel.validate import cached_load


def _data_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent / "data"


def _ref(config):
    try:
        return cached_load(_data_dir(config))
    except ReferentielInvalide as exc:
        raise PluginError(exc.rapport()) from None


def on_config(config):
    ref = _ref(config)  # bad data stops the build here, before any page is written
    config.extra["edition"] = views.edition_texte(ref)  # the footer's line (partials/copyright.html)
    return config


def on_files(files: Files, config) -> Files:
    ref = _ref(config)
    for page in views.pages_generees(ref):
        front = {"title": escape(page.titre), "description": escape(page.description), "hide": ["toc"]}
        content = f"---\n{json.dumps(front, ensure_ascii=False)}\n---\n\n{{{{ {page.appel} }}}}\n"
        files.append(File.generated(config, page.chemin, content=content))
    files.append(File.generated(config, EXPORTS.json, content=exports.to_json(ref)))
    files.append(File.generated(config, EXPORTS.csv, content=exports.to_csv(ref)))
    former = {a.ancien: a.href for a in views.alias(ref)}
    files.append(File.generated(config, ALIAS_SCRIPT, content=f"window.R4F_ALIAS = {json.dumps(former)};\n"))
    files.append(File.generated(config, FLUX, content=atom(ref, config.site_url or "/")))
    for name, text in schema_files().items():
        files.append(File.generated(config, EXPORTS.schema(name), content=text))
    return files


def on_page_content(html: str, page, config, files) -> str:
    return abbreviate(html, views.glossary_titles(_ref(config)))
