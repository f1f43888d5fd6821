"""Errors a non-developer can act on (issue 9): each realistic mistake, the exact French message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from referentiel.errors import ReferentielInvalide, position_fr
from referentiel.model import ID_MAX_LENGTH, TEXT_MAX_LENGTH
from referentiel.validate import load_referentiel

ROOT = Path(__file__).resolve().parent.parent
ELU = "acteurs/elu.yaml"
ENJEU_TITRE = "    titre: Gérer des contradictions permanentes."


@pytest.fixture
def data(tmp_path: Path) -> Path:
    dest = tmp_path / "data"
    shutil.copytree(ROOT / "data", dest)
    return dest


def edit(data: Path, rel: str, old: str, new: str) -> int:
    """Replace the first line equal to ``old``; return its 1-based number."""
    lines = (data / rel).read_text(encoding="utf-8").split("\n")
    i = lines.index(old)
    lines[i : i + 1] = new.split("\n")
    (data / rel).write_text("\n".join(lines), encoding="utf-8")
    return i + 1


def only(data: Path):
    with pytest.raises(ReferentielInvalide) as info:
        load_referentiel(data)
    found = info.value.problemes
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


@pytest.mark.parametrize("field, limit, what", [("titre", TEXT_MAX_LENGTH, "texte"), ("id", ID_MAX_LENGTH, "identifiant")])
def test_too_long_value_counts_characters(data, field, limit, what):
    value = "a" * (limit + 5)
    old = ENJEU_TITRE if field == "titre" else "  - id: elu-enjeu-contradictions"
    new = f"    titre: {value}" if field == "titre" else f"  - id: {value}"
    line = edit(data, ELU, old, new)
    p = only(data)
    assert p.ligne == line
    assert p.message == f"{what} trop long ({limit + 5} caractères, au plus {limit}) : raccourcissez-le"


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("    envers: [agent]", "    envers:\u00a0[agent]",
         "caractère invisible après « envers: » (colonne 12) : une espace insécable (U+00A0) "
         "n'est pas une espace pour YAML ; remplacez-la par une espace ordinaire"),
        (ENJEU_TITRE, "    titre Gérer des contradictions permanentes.",
         "syntaxe YAML invalide : il manque « : » après une clé, ou une ligne de texte est moins en retrait "
         "que le texte qu'elle continue"),
    ],
    ids=["espace-insecable", "deux-points-manquant"],
)
def test_syntax_mistake_is_reported_at_its_own_line(data, old, new, message):
    line = edit(data, ELU, old, new)
    p = only(data)
    assert (p.ligne, p.message) == (line, message)


def test_under_indented_paragraph_points_at_its_line(data):
    lines = (data / ELU).read_text(encoding="utf-8").split("\n")
    i = lines.index(ENJEU_TITRE) + 2  # the first paragraph of the enjeu's text
    assert lines[i - 1] == "    texte: >-"
    lines[i + 1 : i + 1] = ["", "    Un second paragraphe, mal indenté."]
    (data / ELU).write_text("\n".join(lines), encoding="utf-8")
    p = only(data)
    assert p.ligne == i + 3
    assert "moins en retrait que le texte qu'elle continue" in p.message


def test_positions_are_said_in_french():
    lines = {("attentes",): 100, ("attentes", 10): 212, ("attentes", 10, "envers"): 214}
    line_of = lambda path: lines.get(tuple(path))  # noqa: E731
    assert position_fr(("attentes", 10, "envers", 0), line_of) == "11e attente (ligne 212), champ envers"
    assert position_fr(("enjeux", 0, "elements", 1, "texte"), lambda p: None) == "1er enjeu, 2e élément, champ texte"
    assert position_fr(("sources", 0, "date"), lambda p: 3) == "1re source (ligne 3), champ date"
    assert position_fr(("libelles", "court"), lambda p: None) == "champ libelles › court"


def test_every_translated_error_type_is_one_pydantic_raises():
    """The table of French messages names pydantic's own error types (a misspelt one would never be
    used, and its error would read « valeur invalide (…) »)."""
    import typing

    from pydantic_core.core_schema import ErrorType

    from referentiel.errors import MESSAGES, translate

    assert set(MESSAGES) <= set(typing.get_args(ErrorType))
    assert translate({"type": "uuid_type", "input": 3, "loc": ("id",)}, []) == "valeur invalide (uuid_type)"
    assert translate({"type": "greater_than_equal", "input": 0, "loc": ("numero",), "ctx": {"ge": 1}}, []) == \
        "le nombre doit être au moins 1"
