"""Contributing without being a developer (issue 9): forms, prefilled links, `propose`,
`new`, `diff`, the published-ids registry, GitHub annotations, workflows."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from referentiel.__main__ import github_annotation, main
from referentiel.changements import describe
from referentiel.contribution import (
    FORMS,
    FORMS_DIR,
    actor_option,
    edit_url,
    load_form,
    parse_issue_body,
    proposer_url,
    repo_url,
)
from referentiel.errors import Probleme, ReferentielInvalide
from referentiel.model import ACTOR_IDS
from referentiel.validate import load_referentiel

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
TICKET = FIXTURES / "ticket-attente.md"
REPO = "https://github.com/fabrique-des-transitions/4-fantastiques"


@pytest.fixture(scope="module")
def ref():
    return load_referentiel(ROOT / "data")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    dest = tmp_path / "data"
    shutil.copytree(ROOT / "data", dest)
    return dest


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "macros"))
    return subprocess.run([sys.executable, "-m", "referentiel", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8")


# ---------------------------------------------------------------------------
# Issue forms and links
# ---------------------------------------------------------------------------


def test_every_actor_dropdown_lists_exactly_the_model_actors(ref):
    labels = {a.id: a.libelles.pluriel for a in ref.acteurs}
    assert list(labels) == list(ACTOR_IDS)
    expected = [actor_option(i, labels[i]) for i in ACTOR_IDS]
    seen = 0
    for name in sorted((ROOT / FORMS_DIR).glob("proposer-*.yml")):
        for field in load_form(name.name):
            if field.id == "de":
                assert list(field.options) == expected, name.name
                seen += 1
            if field.id == "vers":
                extra = ["Tous les acteurs (tous)"] if name.name == FORMS["attente"] else []
                assert list(field.options) == expected + extra, name.name
                seen += 1
    assert seen == 5  # de ×3, vers ×2


def test_repo_url_is_read_from_mkdocs_yml():
    assert repo_url() == REPO


def test_prefilled_proposer_url_opens_the_right_form_with_the_actors(ref):
    labels = {a.id: a.libelles.pluriel for a in ref.acteurs}
    url = proposer_url(REPO, "attente", labels, "agent", "etat")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO}/issues/new"
    query = parse_qs(parts.query)
    assert query["template"] == ["proposer-attente.yml"]
    options = {f.id: f.options for f in load_form("proposer-attente.yml")}
    # Each prefilled value is one of the dropdown's options (GitHub matches them exactly).
    assert query["de"] == ["Agents des collectivités (agent)"] and query["de"][0] in options["de"]
    assert query["vers"] == ["Agents de l'État territorial (etat)"] and query["vers"][0] in options["vers"]
    pouvoir = parse_qs(urlsplit(proposer_url(REPO, "pouvoir", labels, "elu")).query)
    assert pouvoir["template"] == ["proposer-enjeu-pouvoir.yml"]
    assert pouvoir["genre"][0] in {f.id: f.options for f in load_form("proposer-enjeu-pouvoir.yml")}["genre"]
    assert "vers" not in pouvoir


def test_report_url_prefills_the_page_address():
    from referentiel.contribution import report_url

    query = parse_qs(urlsplit(report_url(REPO, "https://exemple.org/acteurs/elu/#elu-message-agents")).query)
    assert query == {"template": ["signaler-erreur.yml"], "adresse": ["https://exemple.org/acteurs/elu/#elu-message-agents"]}
    assert "adresse" in {f.id for f in load_form("signaler-erreur.yml")}


def test_edit_url_points_at_the_line():
    assert edit_url(REPO, "data/acteurs/elu.yaml", 31) == f"{REPO}/edit/main/data/acteurs/elu.yaml#L31"


def test_issue_body_is_parsed_by_label():
    answers = parse_issue_body(TICKET.read_text(encoding="utf-8"))
    assert answers["Qui exprime cette attente ?"] == "Agents des collectivités (agent)"
    assert answers["Publication"] == ""  # GitHub's « _No response_ »
    assert answers["Texte"].startswith("Nous attendons de l'État")


# ---------------------------------------------------------------------------
# propose --from-issue: a form becomes files (never a change to an existing one)
# ---------------------------------------------------------------------------

IDENT = "agent-attente-etre-associes-amont-appels-projets"
JOURNEE = "journee-2027-03-14-villeurbanne"  # the fixture form's journée, which no data declares


def _snapshot(data: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}


def test_propose_writes_the_statement_and_its_journee_as_new_files(data):
    before = _snapshot(data)
    result = run("propose", "--from-issue", str(TICKET), "--data", str(data))
    assert result.returncode == 0, result.stderr
    statement = data / "sources" / JOURNEE / f"{IDENT}.yaml"
    source = data / "sources" / f"{JOURNEE}.yaml"
    assert result.stdout.splitlines() == [
        f"Énoncé « {IDENT} » ajouté : data/sources/{JOURNEE}/{IDENT}.yaml.",
        f"Source « {JOURNEE} » déclarée : data/sources/{JOURNEE}.yaml.",
        "+1 attente Agents des collectivités → État : « Être associés dès l'amont des appels à projets. »",
        "+1 source : « Journée de groupe de pairs des agents » (2027-03-14, Villeurbanne, Organisation des essais)",
    ]
    # Only files were added: every file of the data is as it was, byte for byte.
    after = _snapshot(data)
    assert {p: b for p, b in after.items() if p in before} == before
    assert set(after) - set(before) == {statement, source}
    for path in (statement, source):  # the editor finds the schema; a comment says what the file is
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("# yaml-language-server: $schema=") and lines[1].startswith("# ")
        in_repository = ROOT / path.relative_to(data.parent)  # the same place in the repository
        assert (in_repository.parent / lines[0].split("=", 1)[1]).resolve().is_file()

    ref = load_referentiel(data)
    entry = ref.index[IDENT]
    assert (entry.kind, entry.acteur, entry.envers) == ("attente", "agent", ["etat"])
    assert entry.texte.split("\n") == [  # one blank line in a folded text: a new paragraph
        "Nous attendons de l'État qu'il nous associe dès la conception des appels à projets, "
        "pour que leurs calendriers tiennent compte du temps de la coopération.",
        "Un second paragraphe : « les délais sont trop courts ».",
    ]
    assert (entry.provenance.document, entry.provenance.section) == (JOURNEE, None)
    assert ref.sources[JOURNEE].organisation == "Organisation des essais"
    # It joins its actor's expectations, after the publication's.
    assert [a.id for a in ref.acteur("agent").attentes][-1] == IDENT
    assert ref.emplacements[IDENT] == (f"data/sources/{JOURNEE}/{IDENT}.yaml", None)

    # The same form again: a fresh id, and the same journée reused.
    again = run("propose", "--from-issue", str(TICKET), "--data", str(data))
    assert again.returncode == 0, again.stderr
    assert f"« {IDENT}-2 »" in again.stdout and "Source" not in again.stdout
    assert (data / "sources" / JOURNEE / f"{IDENT}-2.yaml").is_file()


def _ticket(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    text = TICKET.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "ticket.md"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("written", ["14/03/2027", "14 mars 2027", "1er mars 2027", "le 14 Mars 2027", "2027-3-14"])
def test_a_french_date_in_the_form_is_understood(data, tmp_path, written):
    expected = "2027-03-01" if written.startswith("1er") else "2027-03-14"
    ticket = _ticket(tmp_path, ("\n2027-03-14\n", f"\n{written}\n"))
    result = run("propose", "--from-issue", str(ticket), "--data", str(data))
    assert result.returncode == 0, result.stderr
    assert load_referentiel(data).sources[f"journee-{expected}-villeurbanne"].date == expected


def test_checkbox_labels_are_compared_whatever_their_spaces_and_apostrophes(data, tmp_path):
    # The form writes a no-break space before « : »; typed again (or pasted), it is an ordinary one.
    ticket = _ticket(tmp_path, ("L'énoncé est anonymisé\u00a0: il", "L\u2019énoncé est anonymisé : il"),
                     ("Le groupe a accepté que ce qu'il", "Le groupe a accepté que ce qu\u2019il"))
    result = run("propose", "--from-issue", str(ticket), "--data", str(data))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("- [X] Le groupe", "- [ ] Le groupe",
         "Proposition refusée : case non cochée : « Le groupe a accepté que ce qu'il a dit soit partagé "
         "dans le référentiel. »."),
        ("\n2027-03-14\n", "\n14/03\n",
         "Proposition refusée : « Date de la journée » : « 14/03 » n'est pas une date complète ; écrivez par "
         "exemple 14/03/2027 ou 14 mars 2027."),
        ("\n2027-03-14\n", "\n30 février 2027\n",
         "Proposition refusée : « Date de la journée » : le 30 février 2027 n'existe pas ; vérifiez le jour et le mois."),
        ("\nVilleurbanne\n", "\n_No response_\n",
         "Rien n'a été écrit : « Lieu » est vide : une journée de groupe de pairs indique son lieu (la ville, ou "
         "seulement le département si le territoire ne souhaite pas être nommé)."),
    ],
    ids=["sans-accord", "date-incomplete", "date-impossible", "sans-lieu"],
)
def test_propose_refuses_in_the_words_of_the_form_and_writes_nothing(data, tmp_path, old, new, message):
    before = _snapshot(data)
    result = run("propose", "--from-issue", str(_ticket(tmp_path, (old, new))), "--data", str(data))
    assert result.returncode == 1
    assert result.stderr.strip() == message
    assert "ligne" not in result.stderr and ".yaml" not in result.stderr  # never the YAML the form user never saw
    assert _snapshot(data) == before


# ---------------------------------------------------------------------------
# new: the id from the title; what is missing is asked, or said in French
# ---------------------------------------------------------------------------


def test_new_takes_the_title_and_leaves_the_text_to_write_then_the_statement_is_valid(data):
    result = run("new", "attente", "--de", "agent", "--vers", "etat", "--titre", "Être associés dès l'amont.",
                 "--source", "publication-2022", "--data", str(data))
    assert result.returncode == 0, result.stderr
    ident = "agent-attente-etre-associes-amont"
    path = data / "sources" / "publication-2022" / f"{ident}.yaml"
    assert result.stdout.strip() == (
        f"Énoncé « {ident} » créé dans data/sources/publication-2022/{ident}.yaml : écrivez son texte à la place "
        "de « À COMPLÉTER… », puis lancez « make check »."
    )
    with pytest.raises(ReferentielInvalide) as info:
        load_referentiel(data)
    # One round: what is left to do, and only that.
    assert [(p.fichier, p.chemin, p.message) for p in info.value.problemes] == [
        (f"data/sources/publication-2022/{ident}.yaml", "texte",
         "texte à compléter : remplacez « À COMPLÉTER… » par le texte du groupe"),
    ]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("À COMPLÉTER : le texte, en phrases.", "Que l'État nous associe dès la conception."),
                    encoding="utf-8")
    assert load_referentiel(data).index[ident].envers == ["etat"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["demande", "--de", "agent"],
         "Erreur : genre « demande » inconnu : KIND vaut enjeu, pouvoir, attente ou message."),
        (["attente", "--de", "maire", "--vers", "etat"],
         "Erreur : acteur inconnu « maire » (possibles : elu, agent, socio-economique, etat)."),
        (["attente", "--de", "agent", "--vers", "etat", "--source", "publication-2022"],
         "Erreur : le titre manque : ajoutez TITRE=\"…\" (l'identifiant de l'énoncé en est tiré)."),
        (["attente", "--de", "agent", "--vers", "etat", "--titre", "Un titre."],
         "Erreur : la source manque : ajoutez SOURCE=<identifiant d'un fichier de data/sources/>, ou, pour une "
         "nouvelle journée, DATE=… LIEU=… ORGANISATION=…."),
        (["attente", "--de", "agent", "--vers", "etat", "--titre", "Un titre.", "--source", "journee-inconnue"],
         "Rien n'a été écrit : source « journee-inconnue » inconnue (sources connues : {connues})."),
        (["attente", "--de"],
         "Erreur dans la commande « referentiel new » : l'option --de attend une valeur."),
    ],
    ids=["genre-inconnu", "acteur-inconnu", "sans-titre", "sans-source", "source-inconnue", "option-sans-valeur"],
)
def test_new_says_in_french_what_is_wrong_and_writes_nothing(data, args, message):
    before = _snapshot(data)
    result = run("new", *args, "--data", str(data))
    assert result.returncode != 0
    assert result.stderr.strip() == message.replace("{connues}", _connues(data))
    assert "Traceback" not in result.stderr and "usage" not in result.stderr
    assert _snapshot(data) == before


def _connues(data: Path) -> str:
    """The sources the data declares, as a message lists them."""
    return ", ".join(sorted(p.stem for p in (data / "sources").glob("*.yaml")))


def test_new_declares_a_new_journee_from_its_date_place_and_organisation(data):
    result = run("new", "message", "--de", "elu", "--vers", "etat", "--texte", "Venez nous voir !",
                 "--date", "14 mars 2027", "--lieu", "Dijon", "--organisation", "La Fabrique", "--data", str(data))
    assert result.returncode == 0, result.stderr
    ref = load_referentiel(data)
    entry = ref.index["elu-message-etat-venez-nous-voir"]
    assert entry.provenance.document == "journee-2027-03-14-dijon"
    assert ref.sources["journee-2027-03-14-dijon"].titre == "Journée de groupe de pairs"


def test_new_asks_at_a_terminal_for_what_is_missing(data, monkeypatch, capsys):
    answers = iter(["agent", "etat", "Être associés dès l'amont.", "Que l'État nous associe.", "", "14/03/2027",
                    "Lyon", "La Traverse", ""])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda question: next(answers))
    connues = _connues(data)
    assert main(["new", "attente", "--data", str(data)]) == 0
    assert "agent-attente-etre-associes-amont" in load_referentiel(data).index
    assert f"Sources déjà déclarées : {connues}" in capsys.readouterr().out


# ---------------------------------------------------------------------------
# diff: what a change does, in French
# ---------------------------------------------------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_diff_describes_a_fixture_change(data, ref):
    assert main(["propose", "--from-issue", str(TICKET), "--data", str(data)]) == 0
    elu = data / "acteurs/elu.yaml"
    message = ref.index["elu-message-agents"].statement
    _edit(elu, "  - id: elu-message-agents\n", "  - id: elu-message-aux-agents\n    alias: [elu-message-agents]\n")
    before_text = message.texte
    after_text = "Agents, ne prenez pas la place des élus, prenez la vôtre !"
    lines = elu.read_text(encoding="utf-8").split("\n")
    k = lines.index("  - id: elu-message-aux-agents")
    j = next(n for n in range(k, k + 8) if lines[n].startswith("    texte:"))
    end = j + 1
    while end < len(lines) and lines[end].startswith("      "):
        end += 1
    lines[j:end] = [f'    texte: "{after_text}"']
    elu.write_text("\n".join(lines), encoding="utf-8")

    after = load_referentiel(data)
    assert describe(ref, after) == [
        "id renommé : elu-message-agents → elu-message-aux-agents (message Élus → Agents des collectivités)",
        "+1 attente Agents des collectivités → État : « Être associés dès l'amont des appels à projets. »",
        "+1 source : « Journée de groupe de pairs des agents » (2027-03-14, Villeurbanne, Organisation des essais)",
    ]
    # The text changed under the same id: « avant / après ».
    renamed = load_referentiel(data)
    _edit(elu, f'    texte: "{after_text}"', '    texte: "Agents, restez à votre place."')
    final = load_referentiel(data)
    assert describe(renamed, final) == [
        "message modifié (elu → agent) « elu-message-aux-agents » :",
        f"  texte, avant : « {after_text} »",
        "  texte, après : « Agents, restez à votre place. »",
    ]
    assert before_text != after_text


def test_diff_names_an_id_merged_into_another_as_alias(data, ref):
    elu = data / "acteurs/elu.yaml"
    text = elu.read_text(encoding="utf-8")
    lines = text.split("\n")
    k = lines.index("  - id: elu-enjeu-militant-elu")
    end = k + 1
    while end < len(lines) and not lines[end].startswith("  - "):
        end += 1
    del lines[k:end]
    j = lines.index("  - id: elu-enjeu-contradictions")
    lines.insert(j + 1, "    alias: [elu-enjeu-militant-elu]")
    elu.write_text("\n".join(lines), encoding="utf-8")
    after = load_referentiel(data)
    assert describe(ref, after)[0] == "id supprimé : elu-enjeu-militant-elu (alias vers elu-enjeu-contradictions)"


def _git_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "depot"
    shutil.copytree(ROOT / "data", repo / "data")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=repo, check=True)
    return repo


def test_diff_cli_against_a_git_revision(tmp_path):
    repo = _git_repo(tmp_path)
    same = run("diff", "--base", "HEAD", "--data", str(repo / "data"))
    assert same.returncode == 0, same.stderr
    assert same.stdout == "Aucun changement dans le référentiel.\n"
    assert main(["propose", "--from-issue", str(TICKET), "--data", str(repo / "data")]) == 0
    changed = run("diff", "--base", "HEAD", "--data", str(repo / "data"))
    assert changed.stdout.splitlines()[0] == "+1 attente Agents des collectivités → État : « Être associés dès l'amont des appels à projets. »"


def test_diff_with_an_unknown_base_says_so_in_french(tmp_path):
    repo = _git_repo(tmp_path)
    result = run("diff", "--base", "mian", "--data", str(repo / "data"))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Erreur : la révision « mian » est inconnue de git : indiquez une branche, une étiquette ou un commit "
        "qui existe (par exemple BASE=main ou BASE=origin/main)."
    )


# ---------------------------------------------------------------------------
# Permanent ids: recorded at publication (make version); a pull request never loses one
# ---------------------------------------------------------------------------


def test_removing_a_published_id_without_alias_fails(data):
    agent = data / "acteurs/agent.yaml"
    _edit(agent, "  - id: agent-enjeu-prioriser\n", "  - id: agent-enjeu-prioriser-mieux\n")
    listed = (data / "identifiants-publies.txt").read_text(encoding="utf-8").split("\n")
    line = listed.index("agent-enjeu-prioriser") + 1
    with pytest.raises(ReferentielInvalide) as info:
        load_referentiel(data)
    [p] = info.value.problemes
    assert (p.fichier, p.ligne) == ("data/identifiants-publies.txt", line)
    assert p.message == (
        "l'identifiant publié « agent-enjeu-prioriser » a disparu : les liens vers lui ne mènent plus nulle part. "
        "S'il a été renommé, ajoutez « alias: [agent-enjeu-prioriser] » à l'énoncé qui le remplace "
        "(peut-être « agent-enjeu-prioriser-mieux »)"
    )
    # With the alias, it is fine.
    _edit(agent, "  - id: agent-enjeu-prioriser-mieux\n",
          "  - id: agent-enjeu-prioriser-mieux\n    alias: [agent-enjeu-prioriser]\n")
    assert "agent-enjeu-prioriser-mieux" in load_referentiel(data).index


def test_every_id_of_the_base_must_still_lead_somewhere(tmp_path):
    """An id added since the last version is in no registry yet: the pull request's check compares
    with its base, so that renaming it without an alias is caught before it is merged."""
    repo = _git_repo(tmp_path)
    data = repo / "data"
    assert main(["propose", "--from-issue", str(TICKET), "--data", str(data)]) == 0
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "proposition"], cwd=repo, check=True)
    ok = run("ids", "--base", "HEAD", "--data", str(data))
    assert ok.returncode == 0, ok.stderr
    old = data / "sources" / JOURNEE / f"{IDENT}.yaml"
    old.rename(old.with_name("agent-attente-associes-amont.yaml"))
    gone = run("ids", "--base", "HEAD", "--data", str(data))
    assert gone.returncode == 1
    assert gone.stderr.startswith(
        f"data : l'identifiant publié « {IDENT} » a disparu : les liens vers lui ne mènent plus nulle part. "
        f"S'il a été renommé, ajoutez « alias: [{IDENT}] » à l'énoncé qui le remplace"
    )
    renamed = old.with_name("agent-attente-associes-amont.yaml")
    renamed.write_text(renamed.read_text(encoding="utf-8") + f"alias: [{IDENT}]\n", encoding="utf-8")
    assert run("ids", "--base", "HEAD", "--data", str(data)).returncode == 0


def test_nothing_asks_a_contributor_to_record_ids():
    """identifiants-publies.txt is completed by « make version », by the editorial team, and by it only."""
    assert "\nids:" not in (ROOT / "Makefile").read_text(encoding="utf-8")
    for page in ("docs/contribuer.md", "CONTRIBUTING.md", "README.md"):
        assert "make ids" not in (ROOT / page).read_text(encoding="utf-8"), page


# ---------------------------------------------------------------------------
# GitHub side
# ---------------------------------------------------------------------------


def test_check_github_prints_annotations(data):
    _edit(data / "acteurs/elu.yaml", "    destinataire: agent\n", "    destinataire: maire\n")
    result = run("check", "--github", "--data", str(data))
    assert result.returncode == 1
    [annotation] = [l for l in result.stdout.splitlines() if l.startswith("::error ")]
    line = (data / "acteurs/elu.yaml").read_text(encoding="utf-8").split("\n").index("    destinataire: maire") + 1
    assert annotation.startswith(f"::error file=data/acteurs/elu.yaml,line={line},title=Référentiel %3A ")
    assert annotation.endswith("::« maire » n'est pas un acteur connu (elu, agent, socio-economique, etat)")


def test_github_annotation_escapes_what_would_break_the_command():
    p = Probleme("data/a,b.yaml", 3, "x", "100 % faux\nsuite")
    assert github_annotation(p) == "::error file=data/a%2Cb.yaml,line=3,title=Référentiel %3A x::100 %25 faux%0Asuite"


def _check_jsonschema(schema: str, files: list[Path]) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "check-jsonschema"
    if not exe.exists():
        pytest.fail("check-jsonschema manque : « make setup » l'installe (extra test)")
    return subprocess.run([str(exe), "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True, env=dict(os.environ, no_proxy="*", http_proxy="http://0.0.0.0:9"))


def test_workflows_validate_offline():
    files = sorted((ROOT / ".github/workflows").glob("*.yml"))
    assert {f.name for f in files} >= {"verification.yml", "commentaire.yml", "tests.yml", "publication.yml",
                                       "proposition.yml"}
    result = _check_jsonschema("vendor.github-workflows", files)
    assert result.returncode == 0, result.stdout + result.stderr


def _workflow(name: str) -> dict:
    data = yaml.safe_load((ROOT / ".github/workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key « on » as True
    return data


def _runs(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"])


def test_a_content_pull_request_is_checked_by_make_verifier_and_gets_its_summary():
    verification = _workflow("verification.yml")
    assert set(verification["on"]) == {"pull_request", "workflow_dispatch"}
    assert "pr" in verification["on"]["workflow_dispatch"]["inputs"]
    assert "make verifier" in _runs(verification) and "make test" not in _runs(verification)
    uploads = [s for j in verification["jobs"].values() for s in j["steps"] if "upload-artifact" in s.get("uses", "")]
    assert [u["with"]["name"] for u in uploads] == ["resume-verification"] and uploads[0]["if"] == "always()"
    # The comment is posted from the base repository, reading the summary as data: no checkout, no code run.
    comment = _workflow("commentaire.yml")
    assert comment["on"] == {"workflow_run": {"workflows": [verification["name"]], "types": ["completed"]}}
    steps = [s for j in comment["jobs"].values() for s in j["steps"]]
    assert not any("checkout" in s.get("uses", "") or "setup-python" in s.get("uses", "") for s in steps)
    assert "make" not in _runs(comment) and "python" not in _runs(comment)
    assert "head.sha" in _runs(comment), "le numéro lu dans le résumé doit désigner la demande vérifiée"
    assert comment["jobs"]["commenter"]["permissions"] == {"actions": "read", "pull-requests": "write"}


def test_the_bots_pull_request_starts_its_verification_and_speaks_french():
    proposition = _runs(_workflow("proposition.yml"))
    assert "gh workflow run verification.yml --ref" in proposition
    assert _workflow("proposition.yml")["jobs"]["proposer"]["permissions"]["actions"] == "write"
    commit = next(line for line in proposition.splitlines() if "git commit" in line)
    assert "Ajoute l'énoncé proposé" in commit


def test_the_developers_suite_runs_on_main_and_on_code_changes_with_its_packages_installed():
    tests = _workflow("tests.yml")
    assert tests["on"]["push"] == {"branches": ["main"]}
    paths = tests["on"]["pull_request"]["paths"]
    assert "data/**" not in paths and "docs/**" not in paths
    for code in ("macros/**", "hooks/**", "overrides/**", "tests/**", "Makefile", "requirements.lock"):
        assert code in paths, code
    install = next(line for line in _runs(tests).splitlines() if "apt-get install" in line or line.strip().startswith("chromium"))
    runs = _runs(tests)
    for package in ("chromium", "poppler-utils", "zbar-tools", "npm"):
        assert package in runs.split("apt-get install", 1)[1], package
    assert install and "make test CHROMIUM=/usr/bin/chromium" in runs


def test_issue_forms_validate_offline():
    forms = sorted(p for p in (ROOT / FORMS_DIR).glob("*.yml") if p.name != "config.yml")
    assert len(forms) == 4
    result = _check_jsonschema("vendor.github-issue-forms", forms)
    assert result.returncode == 0, result.stdout + result.stderr
    config = _check_jsonschema("vendor.github-issue-config", [ROOT / FORMS_DIR / "config.yml"])
    assert config.returncode == 0, config.stdout + config.stderr


def test_actions_are_pinned_by_sha_with_least_permissions():
    for path in sorted((ROOT / ".github/workflows").glob("*.yml")):
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert workflow["permissions"] == {"contents": "read"}, path.name
        for job in workflow["jobs"].values():
            for step in job.get("steps", []):
                if "uses" in step:
                    ref = step["uses"].split("@", 1)[1]
                    assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), step["uses"]


def test_codeowners_separates_code_from_content():
    rules = {}
    for line in (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *owners = line.split()
            rules[pattern] = owners
    assert rules["/data/"] != rules["/macros/"]
    for code in ("/overrides/", "/macros/", "/hooks/"):
        assert rules[code] == rules["*"], code


# ---------------------------------------------------------------------------
# The contribution page's examples are valid data
# ---------------------------------------------------------------------------


def test_every_example_of_the_contributors_guide_is_a_valid_file(data):
    """Each YAML example of CONTRIBUTING.md names its file on its first line: written there, all are valid."""
    import re

    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    kinds = set()
    for block in re.findall(r"```yaml\n(.*?)```", guide, re.S):
        first = block.split("\n", 1)[0]
        match = re.fullmatch(r"# (data/sources/\S+\.yaml)", first)
        if not match:
            continue
        path = data.parent / match.group(1)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(block, encoding="utf-8")
        kinds.add(yaml.safe_load(block).get("genre") or yaml.safe_load(block)["type"])
    assert kinds == {"journee", "enjeu", "pouvoir", "attente", "message", "verbatim", "encadre"}
    ref = load_referentiel(data)
    entry = ref.index["agent-attente-associer-amont"]
    assert (entry.provenance.document, entry.envers) == ("journee-2027-03-14-lyon", ["etat"])


def _words(markdown: str) -> int:
    import re

    text = re.sub(r"\]\([^)]*\)", "]", markdown)  # a link counts for its words, not its address
    text = re.sub(r"\{\{.*?\}\}", "", text)
    return len(re.findall(r"\w[\w'’-]*", text))


def test_the_contribution_page_is_short_and_starts_with_the_form():
    page = (ROOT / "docs/contribuer.md").read_text(encoding="utf-8").split("---", 2)[2]
    before_yaml = page.split("```yaml", 1)[0]
    assert _words(before_yaml) < 600, "un élu lit la page jusqu'au formulaire : moins de 600 mots"
    assert "```" not in page and "YAML" not in page, "la page « Contribuer » n'écrit ni ne montre de YAML"
    first_section = page.split("\n## ")[1]
    assert first_section.startswith("Proposer un énoncé en remplissant un formulaire")
    import re

    for tool in (r"VS Code", r"\bgit\b", r"\bmake\b", r"terminal"):
        assert not re.search(tool, page), tool


def test_the_contribution_page_promises_what_the_workflows_do():
    page = (ROOT / "docs/contribuer.md").read_text(encoding="utf-8")
    # The summary is a comment on the pull request (commentaire.yml), written in minutes (verification.yml).
    assert "en commentaire" in page and "quelques minutes" in page
    assert _workflow("verification.yml")["jobs"]["verifier"]["timeout-minutes"] <= 15
    # A first contribution from a fork waits for a maintainer's approval: the page says so.
    assert "La toute première fois" in page and "autorise la vérification" in page
    # Who reviews: the editorial team owns the data (CODEOWNERS).
    owners = dict(line.split(None, 1) for line in (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
                  if line.strip() and not line.startswith("#"))
    assert "equipe-editoriale" in owners["/data/"] and "L'équipe éditoriale relit" in page
    # No maintainer's procedure on the contributors' page; the guides link each other.
    for procedure in ("make version", "à-intégrer", "versions.yaml"):
        assert procedure not in page, procedure
    assert "MAINTENIR.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "MAINTENIR.md" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_repository_address_is_written_once():
    """mkdocs.yml holds repo_url; pages use {{ config.repo_url }}; GitHub files must agree with it."""
    import re

    repo = repo_url()
    for path in [*sorted((ROOT / ".github").rglob("*.yml")), ROOT / "CONTRIBUTING.md", ROOT / "MAINTENIR.md",
                 ROOT / "docs/contribuer.md"]:
        for url in re.findall(r"https://github\.com/[\w.-]+/[\w.-]+", path.read_text(encoding="utf-8")):
            assert url == repo, f"{path.name} : {url} (mkdocs.yml dit {repo})"


@pytest.mark.build
def test_header_links_to_the_repository_without_calling_its_api(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert f'href="{REPO}"' in html
    assert 'class="md-source"' in html
    assert 'data-md-component="source"' not in html  # Material would fetch api.github.com


def test_every_statement_is_located_at_its_id_line(ref):
    located = ref.emplacements
    assert set(located) == set(ref.index)
    for ident, (path, line) in located.items():
        if line is None:  # a statement of its own file, without an « id: » line: the file's name is its id
            assert Path(path).stem == ident and (ROOT / path).is_file(), (ident, path)
            continue
        text = (ROOT / path).read_text(encoding="utf-8").split("\n")
        assert text[line - 1].strip() in (f"- id: {ident}", f"id: {ident}"), (ident, path, line)
    assert located["elu-message-agents"][0] == "data/acteurs/elu.yaml"


# ---------------------------------------------------------------------------
# version: publishing what was added
# ---------------------------------------------------------------------------


def test_version_publishes_the_new_statements_and_keeps_the_files(data):
    from referentiel.francais import pluriel
    from referentiel.publication import ajouts

    assert run("propose", "--from-issue", str(TICKET), "--data", str(data)).returncode == 0
    new = ajouts(load_referentiel(data), data)  # never published: the proposed one (and any other since)
    assert IDENT in new
    versions_before = (data / "versions.yaml").read_text(encoding="utf-8")
    # A date after any the data may hold: the newest version comes first.
    result = run("version", "2999.1", "--date", "2999-03-20", "--resume", "La journée des agents à Lyon.",
                 "--data", str(data))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (f"Version 2999.1 du 20 mars 2999 publiée : "
                                     f"{pluriel(len(new), 'énoncé ajouté', 'énoncés ajoutés')}, 0 modifié. "
                                     "Relisez le résumé dans data/versions.yaml.")
    text = (data / "versions.yaml").read_text(encoding="utf-8")
    comments = [line for line in versions_before.split("\n") if line.startswith("#")]
    assert comments and all(line in text for line in comments)
    ref = load_referentiel(data)
    latest = ref.derniere_version
    assert (latest.version, latest.date, latest.ajouts, latest.modifications) == ("2999.1", "2999-03-20", new, [])
    assert (ref.meta.version, ref.meta.date) == ("2999.1", "2999-03-20")
    assert (data / "identifiants-publies.txt").read_text(encoding="utf-8").endswith(f"\n{new[-1]}\n")

    again = run("version", "2999.1", "--date", "2999-03-21", "--resume", "Encore.", "--data", str(data))
    assert again.returncode == 1
    assert again.stderr.strip() == "Erreur : la version « 2999.1 » existe déjà dans versions.yaml."
    assert (data / "versions.yaml").read_text(encoding="utf-8") == text


def test_version_refuses_a_date_older_than_the_last_and_writes_nothing(data):
    before = {p.name: p.read_bytes() for p in data.glob("*.yaml")}
    result = run("version", "2021.1", "--date", "2021-01-01", "--resume", "Trop tôt.", "--data", str(data))
    assert result.returncode == 1
    assert "les versions vont de la plus récente à la plus ancienne : placez celle-ci plus haut" in result.stderr
    assert {p.name: p.read_bytes() for p in data.glob("*.yaml")} == before


def test_version_lists_the_statements_changed_since_the_base(data, ref):
    from referentiel.publication import modifications

    path = data / "acteurs" / "elu.yaml"
    text = path.read_text(encoding="utf-8")
    statement = next(e for e in ref.entries(kind="attente", acteur="elu"))
    old_title = statement.titre
    assert text.count(old_title) == 1
    path.write_text(text.replace(old_title, old_title.rstrip(".") + " sans délai."), encoding="utf-8")
    assert modifications(ref, load_referentiel(data)) == [statement.id]
