"""The JSON Schema offered to editors is generated from the model and committed."""

from __future__ import annotations

import json
from pathlib import Path

from referentiel.registry import model_for
from referentiel.schema import schema_files

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schemas_are_the_generated_ones():
    generated = schema_files()
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schema").glob("*.schema.json")}
    assert committed.keys() == generated.keys(), "schémas manquants ou en trop : lancez « make schema »"
    stale = [name for name in generated if committed[name] != generated[name]]
    assert stale == [], f"schémas périmés {stale} : lancez « make schema » et validez le résultat"


def test_every_data_file_points_its_editor_at_its_schema():
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        rel = path.relative_to(ROOT / "data").as_posix()
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), rel
        target = (path.parent / first.split("=", 1)[1].strip()).resolve()
        assert target.exists(), f"{rel} : {target} introuvable"
        schema = json.loads(target.read_text(encoding="utf-8"))
        assert schema["title"] == model_for(rel).__name__, f"{rel} pointe vers le mauvais schéma"


def test_schema_speaks_french_to_contributors():
    schema = json.loads(schema_files()["acteur.schema.json"])
    envers = schema["$defs"]["Attente"]["properties"]["envers"]
    assert "À qui s'adresse l'attente" in envers["description"]
    assert schema["additionalProperties"] is False
