"""The JSON Schema offered to editors is generated from the model and committed."""

from __future__ import annotations

import json

import pytest
from pathlib import Path

from referentiel.registry import SOURCE_MODEL, STATEMENT_MODEL, model_for
from referentiel.schema import schema_files

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schemas_are_the_generated_ones():
    generated = schema_files()
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schema").glob("*.schema.json")}
    assert committed.keys() == generated.keys(), "schémas manquants ou en trop : lancez « make schema »"
    stale = [name for name in generated if committed[name] != generated[name]]
    assert stale == [], f"schémas périmés {stale} : lancez « make schema » et validez le résultat"


def _shipped(rel: str) -> bool:
    """The files the project ships and keeps (shared and actor files); a source or a statement a
    contributor adds may come without the header the tools write (tested with them)."""
    return model_for(rel) not in (SOURCE_MODEL, STATEMENT_MODEL)


def test_every_data_file_points_its_editor_at_its_schema():
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        rel = path.relative_to(ROOT / "data").as_posix()
        first = path.read_text(encoding="utf-8").splitlines()[0]
        if not _shipped(rel) and not first.startswith("# yaml-language-server: $schema="):
            continue
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


# ---------------------------------------------------------------------------
# The schema carries what the validator knows (issue 9), so editors catch it while typing.
# ---------------------------------------------------------------------------

import jsonschema  # noqa: E402  (installed with check-jsonschema, test extra)

from referentiel import model as model_module  # noqa: E402
import yaml  # noqa: E402


def _actor_doc() -> dict:
    return yaml.safe_load((ROOT / "data/acteurs/agent.yaml").read_text(encoding="utf-8"))


def _errors(doc: dict) -> list[str]:
    schema = json.loads(schema_files()["acteur.schema.json"])
    return [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(doc)]


def test_real_actor_file_is_valid_against_its_schema():
    assert _errors(_actor_doc()) == []


@pytest.mark.parametrize(
    "mistake",
    [
        lambda d: d["attentes"][0].__setitem__("envers", ["État"]),
        lambda d: d["attentes"][0].__setitem__("envers", ["elus"]),
        lambda d: d["messages"][0].__setitem__("destinataire", "Etat"),
        lambda d: d["attentes"][0].__setitem__("id", "agent attente avec espaces"),
        lambda d: d["attentes"][0].__setitem__("titre", ""),
        lambda d: d["attentes"][0].__setitem__("titre", "x" * 20_001),
        lambda d: d.__setitem__("id", "maire"),
    ],
    ids=["État", "elus", "destinataire-Etat", "id-espaces", "texte-vide", "texte-trop-long", "cinquieme-acteur"],
)
def test_schema_refuses_what_the_validator_refuses(mistake):
    doc = _actor_doc()
    mistake(doc)
    assert _errors(doc), "le schéma accepte une erreur que le validateur refuse"


def test_every_field_and_block_has_a_french_description():
    english = {cls.__doc__.strip() for cls in vars(model_module).values()
               if isinstance(cls, type) and issubclass(cls, model_module.Strict) and cls.__doc__}
    missing = []

    def walk(node, where):
        if isinstance(node, dict):
            if "properties" in node:
                if node.get("description") in (None, *english):
                    missing.append(f"{where} (bloc)")
                for name, prop in node["properties"].items():
                    if not prop.get("description"):
                        missing.append(f"{where}.{name}")
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    for name, text in schema_files().items():
        walk(json.loads(text), name)
    assert missing == []


def test_every_data_file_says_in_french_what_it_holds():
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        if not _shipped(path.relative_to(ROOT / "data").as_posix()):
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[1].startswith("# "), path.name
        comment = " ".join(line for line in lines[1:5] if line.startswith("#"))
        assert "ajoute" in comment or "changez" in comment, f"{path.name} : dites comment ajouter une entrée"


def test_the_files_a_contribution_adds_are_offered_their_schema():
    """An editor checks a journée and each of its statements while they are typed (tests/fixtures/enrichissement)."""
    schemas = {name: json.loads(text) for name, text in schema_files().items()}
    fixture = Path(__file__).parent / "fixtures" / "enrichissement"
    files = sorted(fixture.rglob("*.yaml"))
    assert files
    for path in files:
        rel = path.relative_to(fixture).as_posix()
        schema = schemas["source.schema.json" if rel.count("/") == 1 else "enonce.schema.json"]
        errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))]
        assert errors == [], (rel, errors)
    statement = {"genre": "attente", "de": "agent", "envers": ["etat"], "titre": "T.", "texte": "Un texte."}
    validator = jsonschema.Draft202012Validator(schemas["enonce.schema.json"])
    assert not list(validator.iter_errors(statement))
    for mistake in ({**statement, "source": {"document": "x"}}, {k: v for k, v in statement.items() if k != "genre"},
                    {**statement, "envers": ["État"]}, {**statement, "genre": "demande"}):
        assert list(validator.iter_errors(mistake)), mistake
