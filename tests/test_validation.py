"""Unit tests of the data validator (macros/referentiel).

Each test copies the real data/ into a temporary directory, breaks ONE thing
with a precise textual edit, runs ``load_referentiel`` and checks what a
contributor would read: exactly which problem(s), in which file, at which
line, on which field, in which French words. Line numbers are computed from
the text the test wrote, never hard-coded.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from referentiel.errors import Probleme, ReferentielInvalide
from referentiel.loader import MAX_BYTES, MAX_DEPTH, YamlRefus, parse, read_text
from referentiel.model import PlainScalar
from referentiel.validate import load_referentiel

ROOT = Path(__file__).resolve().parent.parent
REAL_DATA = ROOT / "data"

ELU = "acteurs/elu.yaml"
AGENT = "acteurs/agent.yaml"
PUBLICATION = "sources/publication-2022.yaml"
# The sources the data declares (one file each), as messages list them.
SOURCES_CONNUES = ", ".join(sorted(p.stem for p in (REAL_DATA / "sources").glob("*.yaml")))
ACTEURS_CONNUS = "elu, agent, socio-economique, etat"

# Known lines of the real data that the tests edit.
ENJEU_ID = "  - id: elu-enjeu-contradictions"
ENJEU_TITRE = "    titre: Gérer des contradictions permanentes."


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A private copy of the real data, at tmp_path/"data"."""
    dest = tmp_path / "data"
    shutil.copytree(REAL_DATA, dest)
    return dest


def _lines(data: Path, rel: str) -> list[str]:
    return (data / rel).read_text(encoding="utf-8").split("\n")


def _write(data: Path, rel: str, lines: list[str]) -> None:
    (data / rel).write_text("\n".join(lines), encoding="utf-8")


def _find(lines: list[str], text: str, after: str | None = None) -> int:
    """0-based index of the line equal to ``text`` (the first one after the line ``after``)."""
    start = 0
    if after is not None:
        anchors = [i for i, line in enumerate(lines) if line == after]
        assert len(anchors) == 1, f"{after!r} found {len(anchors)} times"
        start = anchors[0] + 1
        hits = [i for i, line in enumerate(lines) if line == text and i >= start][:1]
    else:
        hits = [i for i, line in enumerate(lines) if line == text]
        assert len(hits) <= 1, f"{text!r} is ambiguous ({len(hits)} lines): give `after`"
    assert hits, f"{text!r} not found"
    return hits[0]


def line_no(data: Path, rel: str, text: str, after: str | None = None) -> int:
    """1-based number of the line ``text`` in ``rel``."""
    return _find(_lines(data, rel), text, after) + 1


def replace_line(data: Path, rel: str, old: str, new: str, after: str | None = None) -> int:
    """Replace the whole line ``old`` by ``new`` (which may span lines); return its 1-based number."""
    lines = _lines(data, rel)
    i = _find(lines, old, after)
    lines[i : i + 1] = new.split("\n")
    _write(data, rel, lines)
    return i + 1


def insert_after(data: Path, rel: str, anchor: str, block: str) -> int:
    """Insert ``block`` after the line ``anchor``; return the 1-based number of its first line."""
    lines = _lines(data, rel)
    i = _find(lines, anchor)
    lines[i + 1 : i + 1] = block.split("\n")
    _write(data, rel, lines)
    return i + 2


def delete_lines(data: Path, rel: str, first: str, count: int, after: str | None = None) -> int:
    """Delete ``count`` lines starting at the line ``first``; return its former 1-based number."""
    lines = _lines(data, rel)
    i = _find(lines, first, after)
    del lines[i : i + count]
    _write(data, rel, lines)
    return i + 1


def index_of(rel: str, key: str, ident: str) -> int:
    """Position of the item ``ident`` in the list ``key`` of the real file ``rel``."""
    items = yaml.safe_load((REAL_DATA / rel).read_text(encoding="utf-8"))[key]
    return [item["id"] for item in items].index(ident)


def problems(data: Path) -> list[Probleme]:
    with pytest.raises(ReferentielInvalide) as info:
        load_referentiel(data)
    return info.value.problemes


def only(data: Path) -> Probleme:
    """The single problem reported (the test fails listing them all otherwise)."""
    found = problems(data)
    assert len(found) == 1, "expected exactly one problem, got:\n" + "\n".join(map(str, found))
    return found[0]


# ---------------------------------------------------------------------------
# The real data and the model
# ---------------------------------------------------------------------------


def test_real_data_loads():
    ref = load_referentiel(REAL_DATA)
    assert [a.id for a in ref.acteurs] == ["elu", "agent", "socio-economique", "etat"]
    assert "elu-enjeu-contradictions" in ref.index
    assert ref.index["elu-enjeu-contradictions"].acteur == "elu"
    for commune in ref.attentes_communes.attentes:
        for target in commune.derive_de:
            assert ref.resolve(target) == target


def test_resolve_returns_current_id_for_alias(data):
    insert_after(data, ELU, "  - id: elu-enjeu-impliquer-acteurs", "    alias: [elu-enjeu-ancien]")
    ref = load_referentiel(data)
    assert ref.resolve("elu-enjeu-ancien") == "elu-enjeu-impliquer-acteurs"
    assert ref.resolve("elu-enjeu-impliquer-acteurs") == "elu-enjeu-impliquer-acteurs"
    assert ref.resolve("elu-enjeu-qui-n-existe-pas") is None


def test_loader_returns_plain_scalars_tagged_with_their_yaml11_reading():
    doc = parse(read_text(
        b'a: no\nb: 12:30\nc: 2022.1\nd: 2022-07-01\ne: texte simple\nf: "no"\ng: >-\n  no\n'
    ))
    expected = {
        "a": "booléen",
        "b": "nombre sexagésimal",
        "c": "nombre",
        "d": "date",
        "e": None,
    }
    for key, kind in expected.items():
        value = doc.data[key]
        assert isinstance(value, PlainScalar), key
        assert value.yaml11 == kind, key
    assert doc.data["a"] == "no" and doc.data["b"] == "12:30"  # kept as text, never False / 750
    # Quoted and block scalars are text everywhere: plain str, no tag.
    assert type(doc.data["f"]) is str and doc.data["f"] == "no"
    assert type(doc.data["g"]) is str and doc.data["g"] == "no"
    assert doc.lines[("b",)] == 2 and doc.lines[("g",)] == 7


# ---------------------------------------------------------------------------
# 1. YAML syntax
# ---------------------------------------------------------------------------


def test_yaml_syntax_error_unexpected_colon(data):
    line = replace_line(data, ELU, ENJEU_TITRE, "    titre: a: b")
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin) == ("data/acteurs/elu.yaml", line, "")
    assert p.message.startswith("syntaxe YAML invalide")
    assert "mettez-la entre guillemets" in p.message


def test_yaml_syntax_error_unclosed_quote_points_at_the_opening_quote(data):
    line = replace_line(data, "referentiel.yaml", 'version: "2022.1"', 'version: "2022.1')
    p = only(data)
    assert (p.fichier, p.ligne) == ("data/referentiel.yaml", line)
    assert p.message.startswith("syntaxe YAML invalide")
    assert "guillemet ou crochet non fermé" in p.message


# ---------------------------------------------------------------------------
# 2. Tabs
# ---------------------------------------------------------------------------


def test_tab_indentation(data):
    line = replace_line(data, ELU, ENJEU_TITRE, "\ttitre: Gérer des contradictions permanentes.")
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin) == ("data/acteurs/elu.yaml", line, "")
    assert p.message.startswith("tabulation dans l'indentation")
    assert "espaces" in p.message


def test_tab_inside_block_text_is_accepted(data):
    replace_line(
        data,
        ELU,
        "      Agents, ne prenez pas la place des élus ! Même si parfois vous avez envie de mettre "
        "la main à la pâte !",
        "      Agents,\tne prenez pas la place des élus !",
    )
    ref = load_referentiel(data)
    assert ref.index["elu-message-agents"].statement.texte == "Agents,\tne prenez pas la place des élus !"


# ---------------------------------------------------------------------------
# 3. Duplicate key
# ---------------------------------------------------------------------------


def test_duplicate_key_names_the_first_line(data):
    first = line_no(data, ELU, ENJEU_TITRE)
    second = insert_after(data, ELU, ENJEU_TITRE, "    titre: Un autre titre.")
    p = only(data)
    assert (p.fichier, p.ligne) == ("data/acteurs/elu.yaml", second)
    assert p.message.startswith(f"clé « titre » en double (déjà à la ligne {first})")


# ---------------------------------------------------------------------------
# 4. Unknown field
# ---------------------------------------------------------------------------


def test_unknown_field_suggests_the_closest_name(data):
    statement = line_no(data, ELU, ENJEU_ID)
    line = replace_line(data, ELU, ENJEU_TITRE, "    titer: Gérer des contradictions permanentes.")
    found = problems(data)
    assert [(p.fichier, p.ligne, p.chemin, p.message) for p in found] == [
        ("data/acteurs/elu.yaml", statement, "enjeux[0].titre", "champ obligatoire « titre » manquant"),
        (
            "data/acteurs/elu.yaml",
            line,
            "enjeux[0].titer",
            "champ inconnu « titer » : vouliez-vous dire « titre » ? "
            "(champs possibles ici : id, alias, source, titre, texte, elements, suite, notes, note_editoriale, corrections)",
        ),
    ]


def test_unknown_field_suggests_only_fields_of_the_block(data):
    # `valeur` is a field of another model (chiffres): it must not be suggested for a message.
    line = replace_line(data, ELU, "    destinataire: agent", "    destinataire: agent\n    valeur: 3",
                        after="  - id: elu-message-agents")
    k = index_of(ELU, "messages", "elu-message-agents")
    p = only(data)
    assert (p.ligne, p.chemin) == (line + 1, f"messages[{k}].valeur")
    assert p.message == (
        "champ inconnu « valeur » : supprimez-le ou corrigez son nom "
        "(champs possibles ici : id, alias, source, destinataire, texte, corrections)"
    )


def test_block_pasted_under_the_wrong_list_is_named(data):
    # An expectation (titre, envers, texte) pasted under `messages:`.
    anchor = "  - id: elu-message-agents"
    lines = _lines(data, ELU)
    i = _find(lines, anchor)
    block = ["  - id: elu-attente-collee", "    titre: Une attente collée au mauvais endroit.",
             "    envers: [etat]", "    texte: Un texte."]
    lines[i:i] = block
    _write(data, ELU, lines)
    k = index_of(ELU, "messages", "elu-message-agents")
    found = {p.chemin: p for p in problems(data)}
    titre = found[f"messages[{k}].titre"]
    assert titre.ligne == i + 2
    assert titre.message == (
        "champ inconnu « titre » : supprimez-le ou corrigez son nom "
        "(champs possibles ici : id, alias, source, destinataire, texte, corrections) ; "
        "ce bloc ressemble à un élément de la liste « attentes » : est-il dans la bonne liste ?"
    )
    assert str(titre).startswith(
        f"data/acteurs/elu.yaml:{i + 2} › {k + 1}e message (ligne {i + 1}), champ titre : champ inconnu"
    )


# ---------------------------------------------------------------------------
# 5. Missing field
# ---------------------------------------------------------------------------


def test_missing_text_of_a_message(data):
    statement = line_no(data, ELU, "  - id: elu-message-agents")
    delete_lines(data, ELU, "    texte: >-", 2, after="  - id: elu-message-agents")
    i = index_of(ELU, "messages", "elu-message-agents")
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin) == ("data/acteurs/elu.yaml", statement, f"messages[{i}].texte")
    assert p.message == "champ obligatoire « texte » manquant"


def test_missing_title_of_a_frein(data):
    statement = line_no(data, "freins.yaml", "  - id: frein-decalage-organisation")
    lines = _lines(data, "freins.yaml")
    title = lines[statement]  # the line just after the id
    assert title.startswith("    titre: ")
    delete_lines(data, "freins.yaml", title, 1)
    i = index_of("freins.yaml", "freins", "frein-decalage-organisation")
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin) == ("data/freins.yaml", statement, f"freins[{i}].titre")
    assert p.message == "champ obligatoire « titre » manquant"


# ---------------------------------------------------------------------------
# 6. Wrong type
# ---------------------------------------------------------------------------


def test_text_instead_of_a_list(data):
    anchor = "  - id: elu-attente-services-exemplaires"
    line = replace_line(data, ELU, "    envers: [agent]", "    envers: agent", after=anchor)
    i = index_of(ELU, "attentes", "elu-attente-services-exemplaires")
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin) == ("data/acteurs/elu.yaml", line, f"attentes[{i}].envers")
    assert p.message.startswith("on attend une liste")
    assert "pas le texte « agent »" in p.message


def test_list_instead_of_a_text(data):
    line = replace_line(data, ELU, ENJEU_TITRE, "    titre: [Gérer, contradictions]")
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin) == ("data/acteurs/elu.yaml", line, "enjeux[0].titre")
    assert p.message.startswith("on attend un texte, pas une liste")


def test_unknown_choice_lists_the_choices_in_french(data):
    line = replace_line(data, PUBLICATION, "type: publication", "type: livre")
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin) == (f"data/{PUBLICATION}", line, "type")
    assert p.message == (
        "valeur « livre » non reconnue (valeurs possibles : publication, schema, journee ou autre)"
    )


# ---------------------------------------------------------------------------
# 7. YAML 1.1 booleans, numbers, dates where text is expected
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "old", "key", "path", "value", "kind"),
    [
        (ELU, ENJEU_TITRE, "    titre", "enjeux[0].titre", "no", "un booléen (vrai/faux)"),
        (ELU, ENJEU_TITRE, "    titre", "enjeux[0].titre", "Yes", "un booléen (vrai/faux)"),
        (ELU, ENJEU_TITRE, "    titre", "enjeux[0].titre", "off", "un booléen (vrai/faux)"),
        (ELU, ENJEU_TITRE, "    titre", "enjeux[0].titre", "12:30", "un nombre sexagésimal (12:30 = 750)"),
        (ELU, ENJEU_TITRE, "    titre", "enjeux[0].titre", "2022-07-01", "une date"),
        ("referentiel.yaml", 'version: "2022.1"', "version", "version", "2022.1", "un nombre"),
    ],
)
def test_yaml11_ambiguous_scalar_must_be_quoted(data, rel, old, key, path, value, kind):
    line = replace_line(data, rel, old, f"{key}: {value}")
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin) == (f"data/{rel}", line, path)
    assert p.message == (
        f"« {value} » serait lu comme {kind} par d'autres outils YAML : "
        f'mettez ce texte entre guillemets ("{value}")'
    )


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ('"no"', "no"),
        ("'no'", "no"),
        ('"12:30"', "12:30"),
        ('"2022-07-01"', "2022-07-01"),
        # « non » is not a boolean in YAML 1.1 (only y/yes/true/on and n/no/false/off are):
        # as a plain French word it must stay accepted.
        ("non", "non"),
    ],
)
def test_quoted_ambiguous_scalar_is_accepted(data, written, read):
    replace_line(data, ELU, ENJEU_TITRE, f"    titre: {written}")
    ref = load_referentiel(data)
    assert ref.index["elu-enjeu-contradictions"].statement.titre == read


def test_quoted_version_number_is_accepted(data):
    replace_line(data, "referentiel.yaml", 'version: "2022.1"', "version: '2022.1'")
    assert load_referentiel(data).meta.version == "2022.1"


def test_referentiel_version_must_be_the_latest_of_versions_yaml(data):
    replace_line(data, "referentiel.yaml", 'version: "2022.1"', 'version: "2023.2"')
    with pytest.raises(ReferentielInvalide) as exc:
        load_referentiel(data)
    assert [str(p) for p in exc.value.problemes] == [
        "data/versions.yaml:7 › champ versions › version : la version la plus récente (2022.1 du 2022-07-01) "
        "doit être celle de referentiel.yaml (2023.2 du 2022-07-01) : mettez les deux fichiers d'accord"]


def test_a_version_names_only_existing_statements(data):
    path = data / "versions.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "    ajouts: [elu-enjeu-inconnu]\n", encoding="utf-8")
    with pytest.raises(ReferentielInvalide) as exc:
        load_referentiel(data)
    assert [str(p) for p in exc.value.problemes] == [
        "data/versions.yaml:12 › champ versions › ajouts : énoncé « elu-enjeu-inconnu » introuvable"]


# ---------------------------------------------------------------------------
# 8. Anchors, aliases, merge keys, alias bombs
# ---------------------------------------------------------------------------


def test_anchor_refused(data):
    anchor = replace_line(
        data, ELU, "    envers: [agent]", "    envers: &cible [agent]",
        after="  - id: elu-attente-services-exemplaires",
    )
    replace_line(data, ELU, "    envers: [agent]", "    envers: *cible", after="  - id: elu-attente-relations-services")
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin) == ("data/acteurs/elu.yaml", anchor, "")
    assert p.message.startswith("ancre « &cible » refusée")
    assert "les ancres (&) et alias (*) ne sont pas acceptés" in p.message


def test_alias_refused(data):
    line = replace_line(
        data, ELU, "    envers: [agent]", "    envers: *cible", after="  - id: elu-attente-relations-services"
    )
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin) == ("data/acteurs/elu.yaml", line, "")
    assert p.message.startswith("alias « *cible » refusé")
    assert "recopiez le texte" in p.message


def test_alias_bomb_refused_without_expansion(data):
    # "Billion laughs": 9 levels, each a list of 9 aliases of the previous anchor
    # (9**9 ≈ 387 million strings once expanded).
    lines = ["a: &a [" + ", ".join(['"lol"'] * 9) + "]"]
    for prev, cur in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    (data / "referentiel.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin) == ("data/referentiel.yaml", 1, "")
    assert p.message.startswith("ancre « &a » refusée")


def test_merge_key_refused(data):
    line = insert_after(data, ELU, "libelles:", "  <<: {singulier: Élu}")
    p = only(data)
    assert (p.fichier, p.ligne) == ("data/acteurs/elu.yaml", line)
    assert p.message.startswith("la fusion « << » n'est pas acceptée")


# ---------------------------------------------------------------------------
# 9. Unknown actor
# ---------------------------------------------------------------------------


def test_unknown_actor_in_envers(data):
    line = replace_line(
        data, ELU, "    envers: [agent]", "    envers: [maire]", after="  - id: elu-attente-services-exemplaires"
    )
    i = index_of(ELU, "attentes", "elu-attente-services-exemplaires")
    p = only(data)
    statement = line_no(data, ELU, "  - id: elu-attente-services-exemplaires")
    assert str(p) == (
        f"data/acteurs/elu.yaml:{line} › {i + 1}e attente (ligne {statement}), champ envers : "
        f"« maire » n'est pas un acteur connu ({ACTEURS_CONNUS} ou « tous »)"
    )


@pytest.mark.parametrize("written", ["État", "Etat", "etats"])
def test_unknown_actor_suggests_the_actor_id(data, written):
    replace_line(data, ELU, "    envers: [agent]", f"    envers: [{written}]",
                 after="  - id: elu-attente-services-exemplaires")
    assert only(data).message == (
        f"« {written} » n'est pas un acteur connu ({ACTEURS_CONNUS} ou « tous ») : vouliez-vous dire « etat » ?"
    )


def test_unknown_actor_as_message_recipient(data):
    line = replace_line(
        data, ELU, "    destinataire: agent", "    destinataire: maire", after="  - id: elu-message-agents"
    )
    i = index_of(ELU, "messages", "elu-message-agents")
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin) == ("data/acteurs/elu.yaml", line, f"messages[{i}].destinataire")
    # « tous » is only for expectations, not for messages.
    assert p.message == f"« maire » n'est pas un acteur connu ({ACTEURS_CONNUS})"


# ---------------------------------------------------------------------------
# 10. Duplicate id across files
# ---------------------------------------------------------------------------


def test_duplicate_id_across_files_names_the_other_file(data):
    original = line_no(data, ELU, "  - id: elu-enjeu-exemplarite")
    line = replace_line(data, AGENT, "  - id: agent-enjeu-prioriser", "  - id: elu-enjeu-exemplarite")
    i = index_of(AGENT, "enjeux", "agent-enjeu-prioriser")
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin) == ("data/acteurs/agent.yaml", line, f"enjeux[{i}].id")
    assert p.message == (
        f"identifiant « elu-enjeu-exemplarite » déjà utilisé (data/acteurs/elu.yaml:{original}) : "
        "chaque identifiant doit être unique"
    )


@pytest.mark.parametrize("name, hint", [
    ("maire", " : l"),
    ("elus", " : vouliez-vous dire « elu » ? L"),
])
def test_fifth_actor_file_is_refused(data, name, hint):
    shutil.copy(data / ELU, data / f"acteurs/{name}.yaml")  # a template copied
    p = only(data)
    assert (p.fichier, p.ligne) == (f"data/acteurs/{name}.yaml", None)
    assert p.message == (
        f"acteur inconnu « {name} »{hint}e référentiel compte exactement quatre acteurs, un fichier chacun : "
        "elu.yaml, agent.yaml, socio-economique.yaml, etat.yaml. "
        "Ajoutez vos énoncés dans le fichier de l'acteur concerné et supprimez celui-ci."
    )


def test_missing_actor_file_is_named(data):
    (data / "acteurs/etat.yaml").unlink()
    messages = {(p.fichier, p.message) for p in problems(data)}
    assert ("data/acteurs/etat.yaml", "fichier d'acteur obligatoire manquant") in messages


def test_a_source_named_like_a_statement(data):
    """A source's id is its file's name: it shares the ids of the statements (they are anchors alike)."""
    original = line_no(data, ELU, ENJEU_ID)
    (data / "sources/elu-enjeu-contradictions.yaml").write_text(
        'type: autre\ntitre: Doublon.\ndate: "2023"\n', encoding="utf-8")
    p = only(data)
    assert (p.fichier, p.ligne) == ("data/sources/elu-enjeu-contradictions.yaml", 1)
    assert p.message.startswith(
        f"identifiant « elu-enjeu-contradictions » déjà utilisé (data/{ELU}:{original})"
    )


def test_alias_equal_to_an_existing_id(data):
    original = line_no(data, ELU, "  - id: elu-enjeu-exemplarite")
    line = insert_after(data, ELU, "  - id: elu-enjeu-impliquer-acteurs", "    alias: [elu-enjeu-exemplarite]")
    i = index_of(ELU, "enjeux", "elu-enjeu-impliquer-acteurs")
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin) == ("data/acteurs/elu.yaml", line, f"enjeux[{i}].alias[0]")
    assert p.message.startswith(
        f"identifiant « elu-enjeu-exemplarite » déjà utilisé (data/acteurs/elu.yaml:{original})"
    )


# ---------------------------------------------------------------------------
# 11. Empty text
# ---------------------------------------------------------------------------


def test_empty_title(data):
    line = replace_line(data, ELU, ENJEU_TITRE, '    titre: ""')
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin, p.message) == (
        "data/acteurs/elu.yaml", line, "enjeux[0].titre", "le texte est vide"
    )


def test_blank_text(data):
    anchor = "  - id: elu-message-agents"
    line = replace_line(data, ELU, "    texte: >-", '    texte: "   "', after=anchor)
    delete_lines(data, ELU, _lines(data, ELU)[line], 1)  # the former folded text
    i = index_of(ELU, "messages", "elu-message-agents")
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin, p.message) == (
        "data/acteurs/elu.yaml", line, f"messages[{i}].texte", "le texte est vide"
    )


# ---------------------------------------------------------------------------
# 12. Encoding
# ---------------------------------------------------------------------------


def test_file_not_utf8(data):
    lines = _lines(data, ELU)
    i = _find(lines, ENJEU_TITRE)
    raw = "\n".join(lines[:i]).encode("utf-8") + b"\n" + ENJEU_TITRE.encode("latin-1") + b"\n"
    raw += "\n".join(lines[i + 1 :]).encode("utf-8")
    (data / ELU).write_bytes(raw)
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin) == ("data/acteurs/elu.yaml", i + 1, "")
    assert "UTF-8" in p.message
    assert "0xe9" in p.message  # the « é » of « Gérer » in latin-1


# ---------------------------------------------------------------------------
# 13. Size and depth limits
# ---------------------------------------------------------------------------


def test_huge_file_refused(data):
    with (data / "glossaire.yaml").open("a", encoding="utf-8") as f:
        f.write("# " + "x" * MAX_BYTES + "\n")
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin) == ("data/glossaire.yaml", None, "")
    assert p.message.startswith("fichier trop volumineux (")
    assert "maximum 4\u202f096 Ko" in p.message


@pytest.mark.parametrize("depth", [100, 10_000])
def test_deeply_nested_lists_refused(data, depth):
    (data / "referentiel.yaml").write_text("titre: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    p = only(data)
    assert (p.fichier, p.ligne) == ("data/referentiel.yaml", 1)
    assert p.message == f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)"


def test_deeply_nested_mappings_refused(data):
    lines = [("  " * i) + f"k{i}:" for i in range(100)]
    lines[-1] += " fin"
    (data / "referentiel.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    p = only(data)
    # The top mapping is level 1; the key k{i} (line i+1) is at level i+2, so the
    # first node deeper than MAX_DEPTH is the key on line MAX_DEPTH.
    assert (p.fichier, p.ligne) == ("data/referentiel.yaml", MAX_DEPTH)
    assert p.message == f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)"


# ---------------------------------------------------------------------------
# 14. derive_de
# ---------------------------------------------------------------------------


def test_derive_de_unknown_id(data):
    rel = "attentes-communes.yaml"
    line = replace_line(data, rel, "      - elu-enjeu-impliquer-acteurs", "      - elu-enjeu-impliquer-acteur")
    attentes = yaml.safe_load((REAL_DATA / rel).read_text(encoding="utf-8"))["attentes"]
    i, j = next(
        (i, a["derive_de"].index("elu-enjeu-impliquer-acteurs"))
        for i, a in enumerate(attentes)
        if "elu-enjeu-impliquer-acteurs" in a["derive_de"]
    )
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin) == (f"data/{rel}", line, f"attentes[{i}].derive_de[{j}]")
    assert p.message == (
        "énoncé « elu-enjeu-impliquer-acteur » introuvable : vouliez-vous dire « elu-enjeu-impliquer-acteurs » ?"
    )


# ---------------------------------------------------------------------------
# 15. Sources
# ---------------------------------------------------------------------------


def test_unknown_source_of_a_statement(data):
    first = insert_after(
        data, ELU, "  - id: elu-enjeu-exemplarite", "    source:\n      document: rapport-2030"
    )
    i = index_of(ELU, "enjeux", "elu-enjeu-exemplarite")
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin) == ("data/acteurs/elu.yaml", first + 1, f"enjeux[{i}].source.document")
    assert p.message == (
        "source « rapport-2030 » inconnue : chaque source est un fichier de data/sources/ "
        f"(data/sources/<identifiant>.yaml ; sources connues : {SOURCES_CONNUES})"
    )


def test_unknown_source_of_a_file(data):
    line = replace_line(data, "acteurs/etat.yaml", "source: publication-2022", "source: rapport-2030")
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin) == ("data/acteurs/etat.yaml", line, "source")
    assert p.message.startswith("source « rapport-2030 » inconnue")


def test_unknown_source_of_a_sub_section(data):
    first = insert_after(
        data, "introduction.yaml", "      - id: intro-loos-en-gohelle",
        "        source:\n          document: rapport-2030",
    )
    p = only(data)
    assert (p.fichier, p.ligne) == ("data/introduction.yaml", first + 1)
    assert p.chemin.endswith("sous_sections[0].source.document")
    assert p.message.startswith("source « rapport-2030 » inconnue")


# ---------------------------------------------------------------------------
# 16. Unexpected files
# ---------------------------------------------------------------------------


def test_unexpected_file(data):
    (data / "notes.yaml").write_text("titre: mes notes\n", encoding="utf-8")
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin) == ("data/notes.yaml", None, "")
    assert p.message.startswith("fichier inattendu : les fichiers reconnus sont referentiel.yaml,")
    assert "acteurs/<acteur>.yaml" in p.message


def test_yml_extension(data):
    (data / "glossaire.yaml").rename(data / "glossaire.yml")
    found = problems(data)
    assert [(p.fichier, p.ligne, p.message) for p in found] == [
        ("data/glossaire.yaml", None, "fichier obligatoire manquant"),
        ("data/glossaire.yml", None, "extension « .yml » : renommez le fichier en « .yaml »"),
    ]


# ---------------------------------------------------------------------------
# 17. Several errors at once
# ---------------------------------------------------------------------------


def test_several_errors_all_reported_sorted_by_file_then_line(data):
    # Made in an order unlike the expected one.
    version = replace_line(data, "referentiel.yaml", 'version: "2022.1"', "version: 2022.1")
    typ = replace_line(data, PUBLICATION, "type: publication", "type: livre")
    titer = replace_line(data, ELU, ENJEU_TITRE, "    titer: Gérer des contradictions permanentes.")
    tab = replace_line(data, "glossaire.yaml", "    developpement: Appels à projet", "\tdeveloppement: Appels à projet")
    numero = replace_line(data, ELU, "numero: 1", "numero: un")
    statement = line_no(data, ELU, ENJEU_ID)
    found = problems(data)
    assert [(p.fichier, p.ligne) for p in found] == [
        ("data/acteurs/elu.yaml", numero),
        ("data/acteurs/elu.yaml", statement),
        ("data/acteurs/elu.yaml", titer),
        ("data/glossaire.yaml", tab),
        ("data/referentiel.yaml", version),
        (f"data/{PUBLICATION}", typ),
    ]
    assert numero < statement < titer
    assert found[0].message == "on attend un nombre entier, pas le texte « un »"
    assert "tabulation" in found[3].message
    assert "serait lu comme un nombre" in found[4].message
    assert "valeur « livre » non reconnue" in found[5].message
    report = ReferentielInvalide(found).rapport()
    assert report.startswith("Le référentiel contient 6 erreurs ; rien n'a été publié.")


def test_cross_file_errors_reported_together_with_file_errors(data):
    replace_line(data, "glossaire.yaml", "    developpement: Appels à projet", "\tdeveloppement: Appels à projet")
    replace_line(
        data, ELU, "    envers: [agent]", "    envers: [maire]", after="  - id: elu-attente-services-exemplaires"
    )
    replace_line(data, "attentes-communes.yaml", "      - elu-enjeu-impliquer-acteurs", "      - elu-enjeu-inexistant")
    found = problems(data)
    assert [p.fichier for p in found] == [
        "data/acteurs/elu.yaml",
        "data/attentes-communes.yaml",
        "data/glossaire.yaml",
    ]


# ---------------------------------------------------------------------------
# 18. Command line
# ---------------------------------------------------------------------------


def _cli(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "macros"), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "referentiel", "check", "--data", str(data_dir)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


def test_cli_on_bad_data_prints_french_report(data):
    lines = _lines(data, ELU)
    i = _find(lines, ENJEU_TITRE)
    lines[i] = "    titre: G\udce9rer"  # a lone latin-1 byte, written below with surrogateescape
    (data / ELU).write_bytes("\n".join(lines).encode("utf-8", "surrogateescape"))
    version = replace_line(data, "referentiel.yaml", 'version: "2022.1"', "version: 2022.1")
    result = _cli(data)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    err = result.stderr.splitlines()
    assert err[0] == "Le référentiel contient 2 erreurs ; rien n'a été publié."
    assert err[1].startswith(f"  data/acteurs/elu.yaml:{i + 1} : le fichier n'est pas encodé en UTF-8")
    assert err[2].startswith(f"  data/referentiel.yaml:{version} › champ version : « 2022.1 » serait lu comme un nombre")


def test_cli_on_missing_directory(tmp_path):
    result = _cli(tmp_path / "absent")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "dossier de données introuvable" in result.stderr


def test_cli_on_real_data():
    result = _cli(REAL_DATA)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Référentiel valide : 4 acteurs,")
    assert result.stderr == ""


# ---------------------------------------------------------------------------
# 19. Explicit YAML tags
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!python/object:os.system ls", "tag:yaml.org,2002:python/object:os.system"),
        ("!!python/object/apply:os.system [ls]", "tag:yaml.org,2002:python/object/apply:os.system"),
        ("!!binary R8OpcmVy", "tag:yaml.org,2002:binary"),
        ("!perso Gérer", "!perso"),
    ],
)
def test_explicit_tag_refused(data, value, tag):
    line = replace_line(data, ELU, ENJEU_TITRE, f"    titre: {value}")
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin) == ("data/acteurs/elu.yaml", line, "")
    assert p.message == f"étiquette YAML « {tag} » refusée : écrivez du texte simple"


# ---------------------------------------------------------------------------
# 20. Renamed ids (alias)
# ---------------------------------------------------------------------------


def test_derive_de_with_an_old_id_gives_the_new_one(data):
    insert_after(data, ELU, "  - id: elu-enjeu-impliquer-acteurs", "    alias: [elu-enjeu-ancien]")
    rel = "attentes-communes.yaml"
    line = replace_line(data, rel, "      - elu-enjeu-impliquer-acteurs", "      - elu-enjeu-ancien")
    p = only(data)
    assert (p.fichier, p.ligne) == (f"data/{rel}", line)
    assert p.chemin.startswith("attentes[") and ".derive_de[" in p.chemin
    assert p.message == (
        "« elu-enjeu-ancien » est un ancien identifiant : écrivez « elu-enjeu-impliquer-acteurs »"
    )


# ---------------------------------------------------------------------------
# Loader, directly
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "line", "start"),
    [
        (b"", 1, "le fichier est vide"),
        (b"a: 1\n---\nb: 2\n", 2, "syntaxe YAML invalide : un seul document par fichier"),
        (b"a: 1\nb: \x00\n", None, "le fichier contient un caractère nul"),
        (b"a: 1\nb: x\x07y\n", 2, "caractère de contrôle interdit (U+0007)"),
        (b"? [a, b]\n: c\n", 1, "une clé doit être un simple mot"),
    ],
)
def test_loader_refusals(raw, line, start):
    with pytest.raises(YamlRefus) as info:
        parse(read_text(raw))
    assert info.value.line == line
    assert info.value.message.startswith(start)


def test_loader_accepts_utf8_bom():
    doc = parse(read_text("\ufefftitre: Élu\n".encode("utf-8")))
    assert doc.data == {"titre": "Élu"}


def test_impossible_date(data):
    line = replace_line(data, "sources/poster-2022.yaml", 'date: "2022-07"', 'date: "2022-13"')
    p = only(data)
    assert (p.fichier, p.ligne) == ("data/sources/poster-2022.yaml", line)
    assert p.message == "date impossible « 2022-13 » : vérifiez le mois et le jour"


def test_the_model_custom_errors_are_declared_once_and_reach_contributors_as_worded():
    from referentiel.errors import translate
    from referentiel.model import CUSTOM_ERRORS, refus

    for error_type in CUSTOM_ERRORS:
        error = refus(error_type, valeur="x", genre="un nombre", titre="t")
        assert error.type == error_type
        assert translate({"type": error.type, "msg": error.message()}, []) == error.message()
    # A type the model does not declare is not passed through as if it were French.
    assert translate({"type": "value_error", "msg": "Value error, boom"}, []) == "valeur invalide (value_error)"


# ---------------------------------------------------------------------------
# The lexicon (data/lexique.yaml)
# ---------------------------------------------------------------------------

LEXIQUE = "lexique.yaml"


def test_lexique_acronym_refused_points_to_the_glossary(data):
    line = replace_line(data, LEXIQUE, "    mot: tutélaire", "    mot: EPCI")
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin) == ("data/lexique.yaml", line, "mots[2].mot")
    assert p.message == "« EPCI » est un sigle : il est déjà défini dans glossaire.yaml"


def test_lexique_word_defined_twice(data):
    first = line_no(data, LEXIQUE, "    mot: régalien")
    line = replace_line(data, LEXIQUE, "    formes: [tutélaires]", "    formes: [Régalien]")
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin) == ("data/lexique.yaml", line, "mots[2].formes[0]")
    assert p.message == f"« Régalien » est déjà défini dans ce lexique (ligne {first})"


def test_lexique_unknown_source(data):
    line = replace_line(data, LEXIQUE, "      document: publication-2022", "      document: rapport-2030", after="  - id: tutelaire")
    p = only(data)
    assert (p.fichier, p.ligne, p.chemin) == ("data/lexique.yaml", line, "mots[2].source.document")
    assert p.message.startswith("source « rapport-2030 » inconnue")


def test_lexique_definition_without_a_source(data):
    replace_line(data, LEXIQUE, "      document: publication-2022", "      page: 12", after="  - id: tutelaire")
    p = only(data)
    assert (p.fichier, p.chemin) == ("data/lexique.yaml", "mots[2].source")
    assert "indiquez soit « document » (une source), soit « reference » (une référence publique)" in p.message


def test_lexique_is_required(data):
    (data / LEXIQUE).unlink()
    p = only(data)
    assert (p.fichier, p.message) == ("data/lexique.yaml", "fichier obligatoire manquant")


# ---------------------------------------------------------------------------
# 19. Sources and the statements they brought: one file each (data/sources/)
# ---------------------------------------------------------------------------

# A journée no real data will declare (its statements sort after every other source's).
JOURNEE = "journee-2999-01-01-essai"
JOURNEE_YAML = 'type: journee\ntitre: Journée des essais\ndate: "2999-01-01"\nlieu: Essai\norganisation: Les tests\n'
ATTENTE = ("genre: attente\nde: agent\nenvers: [etat]\ntitre: Être associés dès l'amont.\n"
           "texte: Que l'État nous associe dès la conception.\n")


def contribue(data: Path, name: str, text: str, journee: str | None = JOURNEE_YAML) -> str:
    """Write a statement of the journée (and the journée, unless told otherwise); its display path."""
    if journee is not None:
        (data / "sources" / f"{JOURNEE}.yaml").write_text(journee, encoding="utf-8")
    folder = data / "sources" / JOURNEE
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return f"data/sources/{JOURNEE}/{name}"


def test_a_statement_of_its_own_file_joins_its_actor_after_the_publication(data):
    contribue(data, "agent-attente-associer-amont.yaml", ATTENTE)
    contribue(data, "agent-attente-autre.yaml", ATTENTE.replace("l'amont", "le début"))
    ref = load_referentiel(data)
    listed = [a.id for a in ref.acteur("agent").attentes]
    assert listed[-2:] == ["agent-attente-associer-amont", "agent-attente-autre"]  # by source date, then id
    entry = ref.entry("agent-attente-associer-amont")
    assert (entry.provenance.document, entry.provenance.section, entry.envers) == (JOURNEE, None, ["etat"])


def test_every_error_of_a_contributed_file_comes_in_one_round(data):
    shown = contribue(data, "agent-attente-associer-amont.yaml",
                      "genre: attente\nde: maire\nenvers: [État]\ntitre: Être associés.\ntexte: À COMPLÉTER\n"
                      "note: x\n")
    found = problems(data)
    assert [(p.fichier, p.ligne, p.chemin, p.message) for p in found] == [
        (shown, 2, "de", f"« maire » n'est pas un acteur connu ({ACTEURS_CONNUS})"),
        (shown, 3, "envers[0]", f"« État » n'est pas un acteur connu ({ACTEURS_CONNUS} ou « tous ») : "
                                "vouliez-vous dire « etat » ?"),
        (shown, 5, "texte", "texte à compléter : remplacez « À COMPLÉTER… » par le texte du groupe"),
        (shown, 6, "note", "champ inconnu « note » : vouliez-vous dire « notes » ? (champs possibles ici : "
                            "id, alias, titre, texte, elements, suite, notes, envers, envers_editorial, de, genre, "
                            "note_editoriale, corrections)"),
    ]


@pytest.mark.parametrize(
    "name, text, journee, expected",
    [
        ("a-completer.yaml", ATTENTE, JOURNEE_YAML,
         (f"data/sources/{JOURNEE}/a-completer.yaml", None,
          "nom de fichier provisoire « a-completer.yaml » : le nom du fichier devient l'identifiant de l'énoncé ; "
          "remplacez-le par un nom tiré du titre (ex. agent-attente-associer-amont.yaml)")),
        ("Mon attente.yaml", ATTENTE, JOURNEE_YAML,
         (f"data/sources/{JOURNEE}/Mon attente.yaml", None,
          "nom de fichier « Mon attente.yaml » : le nom du fichier devient l'identifiant de l'énoncé, écrivez-le en "
          "minuscules sans accents, chiffres et tirets, 80 caractères au plus (ex. agent-attente-associer-amont.yaml)")),
        ("agent-attente-x.yaml", ATTENTE.replace("genre: attente\n", ""), JOURNEE_YAML,
         (f"data/sources/{JOURNEE}/agent-attente-x.yaml", None,
          "champ obligatoire « genre » manquant : écrivez ce qu'est l'énoncé "
          "(enjeu, pouvoir, attente, message, verbatim, encadre)")),
        ("agent-attente-x.yaml", ATTENTE.replace("genre: attente", "genre: attentes"), JOURNEE_YAML,
         (f"data/sources/{JOURNEE}/agent-attente-x.yaml", 1,
          "genre « attentes » inconnu (genres possibles : enjeu, pouvoir, attente, message, verbatim, encadre) : "
          "vouliez-vous dire « attente » ?")),
        ("agent-attente-x.yaml", "id: agent-attente-y\n" + ATTENTE, JOURNEE_YAML,
         (f"data/sources/{JOURNEE}/agent-attente-x.yaml", 1,
          "l'identifiant « agent-attente-y » doit être le nom du fichier (« agent-attente-x ») : retirez la ligne "
          "« id: » (le nom du fichier suffit) ou renommez le fichier")),
        ("agent-attente-x.yaml", ATTENTE + "source:\n  document: publication-2022\n", JOURNEE_YAML,
         (f"data/sources/{JOURNEE}/agent-attente-x.yaml", 6,
          "champ « source » inutile ici : la source de cet énoncé est le dossier qui le contient "
          "(data/sources/<source>/) ; supprimez ce champ")),
        ("agent-attente-x.yaml", ATTENTE, None,
         (f"data/sources/{JOURNEE}/", None,
          f"source « {JOURNEE} » inconnue : le dossier d'un énoncé porte le nom de sa source, déclarée "
          f"par le fichier data/sources/{JOURNEE}.yaml (sources connues : {SOURCES_CONNUES})")),
        ("agent-attente-x.yaml", ATTENTE, JOURNEE_YAML.replace('"2999-01-01"', '"2999-01"').replace("lieu: Essai\n", ""),
         (f"data/sources/{JOURNEE}.yaml", 1,
          "une journée de groupe de pairs indique sa date complète, son lieu et l'organisation qui l'anime ; ici, "
          "il manque la date complète (AAAA-MM-JJ, par exemple \"2027-03-14\") et « lieu » (la ville, ou le "
          "département)")),
    ],
    ids=["nom-provisoire", "nom-invalide", "sans-genre", "genre-inconnu", "id-autre-que-le-nom", "source-en-trop",
         "journee-non-declaree", "journee-incomplete"],
)
def test_a_contributed_file_gets_one_french_message_naming_what_to_do(data, name, text, journee, expected):
    contribue(data, name, text, journee)
    p = only(data)
    fichier, ligne, message = expected
    if message.endswith(f"(sources connues : {SOURCES_CONNUES})"):
        # The closest known source, if one is close, is suggested: which one depends on the data of the day.
        told = re.fullmatch(re.escape(message) + r"(?: : vouliez-vous dire « ([a-z0-9-]+) » \?)?", p.message)
        assert told and told.group(1) in (None, *SOURCES_CONNUES.split(", ")), p.message
        message = p.message
    assert (p.fichier, p.ligne, p.message) == (fichier, ligne, message)


def test_a_placeholder_id_is_refused_wherever_it_is(data):
    line = insert_after(data, ELU, ENJEU_ID, "    alias: [elu-enjeu-a-completer]")
    p = only(data)
    assert (p.fichier, p.ligne) == (f"data/{ELU}", line)
    assert p.message.startswith("identifiant provisoire « elu-enjeu-a-completer » : remplacez-le")


def test_a_text_to_complete_and_an_unknown_source_come_in_the_same_round(data):
    """Once the text is written, nothing new appears: the unknown source is told at the same time."""
    replace_line(data, ELU, ENJEU_TITRE, '    titre: "À COMPLÉTER : le titre."\n    source:\n      document: journee-oubliee')
    found = problems(data)
    assert [p.message.split(" :")[0] for p in found] == ["texte à compléter", "source « journee-oubliee » inconnue"]
