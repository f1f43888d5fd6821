"""JSON Schemas for contributors' editors, generated from the model."""

from __future__ import annotations

import json
from pathlib import Path

from .caches import session
from .model import SCHEMA_VERSION
from .registry import ACTOR_MODEL, FILE_MODELS, SOURCE_MODEL, STATEMENT_MODEL

BASE_URI = "https://referentiel.4-fantastiques.invalid/schema/"


def schema_files() -> dict[str, str]:
    """Schema file name → its JSON text (stable, sorted, ending with a newline). Once a process
    (``caches.session``: the model is code): callers must not modify the returned dict."""
    return session("schemas", _schema_files)


def _schema_files() -> dict[str, str]:
    models = {"acteur.schema.json": ACTOR_MODEL, "source.schema.json": SOURCE_MODEL,
              "enonce.schema.json": STATEMENT_MODEL}
    for name, model in FILE_MODELS.items():
        models[name.replace(".yaml", ".schema.json")] = model
    out = {}
    for name, model in sorted(models.items()):
        schema = model.model_json_schema()
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": BASE_URI + name,
            "$comment": f"Généré depuis macros/referentiel/model.py (version de schéma {SCHEMA_VERSION}) : "
            "ne pas modifier à la main, lancer « make schema ».",
            **schema,
        }
        out[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    return out


def write_schemas(directory: Path, check_only: bool = False) -> list[str]:
    """Write (or with ``check_only`` compare) the schemas; return the stale names."""
    stale = []
    directory.mkdir(parents=True, exist_ok=True) if not check_only else None
    for name, text in schema_files().items():
        path = directory / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(name)
            if not check_only:
                path.write_text(text, encoding="utf-8")
    return stale
