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
    insert_item,
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
# propose --from-issue
# ---------------------------------------------------------------------------


def test_propose_adds_a_valid_statement_and_keeps_everything_else(data):
    agent = data / "acteurs/agent.yaml"
    # A contributor's comment in the middle of the file must survive.
    original = agent.read_text(encoding="utf-8").replace(
        "\nenjeux:\n", "\n# Relu par l'équipe éditoriale en mars.\nenjeux:\n", 1)
    agent.write_text(original, encoding="utf-8")
    sources_before = (data / "sources.yaml").read_text(encoding="utf-8")

    result = run("propose", "--from-issue", str(TICKET), "--data", str(data))
    assert result.returncode == 0, result.stderr
    ident = "agent-attente-etre-associes-amont-appels-projets"
    new_text = agent.read_text(encoding="utf-8")
    line = new_text.split("\n").index(f"  - id: {ident}") + 1
    assert result.stdout.splitlines() == [
        f"Énoncé « {ident} » ajouté dans data/acteurs/agent.yaml:{line}.",
        "+1 attente Agents des collectivités → État : « Être associés dès l'amont des appels à projets. »",
        "+1 source : « Journée de groupe de pairs des agents » (2027-03-14, Lyon, La Traverse)",
    ]
    # Only lines were added: every original line is still there, in order (comments included).
    old_lines, new_lines = original.split("\n"), new_text.split("\n")
    it = iter(new_lines)
    assert all(any(n == o for n in it) for o in old_lines)
    assert len(new_lines) - len(old_lines) == 10
    assert "# Relu par l'équipe éditoriale en mars." in new_text
    assert (data / "sources.yaml").read_text(encoding="utf-8").startswith(sources_before.rstrip("\n"))

    ref = load_referentiel(data)
    entry = ref.index[ident]
    assert (entry.kind, entry.acteur, entry.statement.envers) == ("attente", "agent", ["etat"])
    assert entry.statement.texte.split("\n") == [  # one blank line in a folded text: a new paragraph
        "Nous attendons de l'État qu'il nous associe dès la conception des appels à projets, "
        "pour que leurs calendriers tiennent compte du temps de la coopération.",
        "Un second paragraphe : « les délais sont trop courts ».",
    ]
    assert entry.provenance.document == "journee-2027-03-14-lyon"
    assert ref.sources["journee-2027-03-14-lyon"].organisation == "La Traverse"

    # The same form again: a fresh id, and the same source reused.
    again = run("propose", "--from-issue", str(TICKET), "--data", str(data))
    assert again.returncode == 0, again.stderr
    assert f"« {ident}-2 »" in again.stdout
    assert "+1 source" not in again.stdout


@pytest.mark.parametrize(
    "old, new, first_line, detail",
    [
        ("- [X] Le groupe", "- [ ] Le groupe",
         "Proposition refusée : case non cochée : « Le groupe a accepté que ce qu'il a dit soit partagé "
         "dans le référentiel. ».", None),
        ("2027-03-14", "2027-02-30",
         "La proposition donnerait un référentiel invalide ; rien n'a été écrit.", "date impossible « 2027-02-30 »"),
    ],
    ids=["sans-accord", "date-impossible"],
)
def test_propose_refuses_and_writes_nothing(data, tmp_path, old, new, first_line, detail):
    (tmp_path / "ticket.md").write_text(TICKET.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    result = run("propose", "--from-issue", str(tmp_path / "ticket.md"), "--data", str(data))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == first_line
    assert detail is None or detail in result.stderr
    assert before == {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}


def test_insert_item_into_an_empty_list_and_a_missing_list():
    text, line = insert_item("a: 1\nmessages: []\nb: 2\n", "messages", ["  - id: x"])
    assert text == "a: 1\nmessages:\n  - id: x\nb: 2\n" and line == 3
    text, line = insert_item("a: 1\n", "messages", ["  - id: x"])
    assert text == "a: 1\n\nmessages:\n  - id: x\n" and line == 4


# ---------------------------------------------------------------------------
# new (scaffold)
# ---------------------------------------------------------------------------


def test_new_scaffolds_a_statement_the_validator_asks_to_complete(data):
    result = run("new", "attente", "--de", "agent", "--vers", "etat", "--data", str(data))
    assert result.returncode == 0, result.stderr
    lines = (data / "acteurs/agent.yaml").read_text(encoding="utf-8").split("\n")
    line = lines.index("  - id: agent-attente-completer-titre-tel-groupe-formule") + 1
    assert result.stdout.strip() == (
        f"Énoncé « agent-attente-completer-titre-tel-groupe-formule » créé dans data/acteurs/agent.yaml:{line} : "
        "remplacez les « À COMPLÉTER » et la source « a-completer », puis lancez « make check »."
    )
    assert lines[line : line + 2] == ['    titre: "À COMPLÉTER : le titre, tel que le groupe l\'a formulé."',
                                      "    envers: [etat]"]
    with pytest.raises(ReferentielInvalide) as info:
        load_referentiel(data)
    assert [(p.ligne, p.chemin.split(".")[-1], p.message) for p in info.value.problemes] == [
        (line + 1, "titre", "texte à compléter : remplacez « À COMPLÉTER… » par le texte du groupe"),
        (line + 3, "texte", "texte à compléter : remplacez « À COMPLÉTER… » par le texte du groupe"),
    ]
    # Once the texts are written, the placeholder source is what is left to fix.
    text = (data / "acteurs/agent.yaml").read_text(encoding="utf-8")
    (data / "acteurs/agent.yaml").write_text(text.replace("À COMPLÉTER : ", ""), encoding="utf-8")
    with pytest.raises(ReferentielInvalide) as info:
        load_referentiel(data)
    [p] = info.value.problemes
    assert p.message.startswith("source « a-completer » inconnue (sources connues : ")


def test_new_refuses_an_unknown_actor(data):
    result = run("new", "attente", "--de", "maire", "--vers", "etat", "--data", str(data))
    assert result.returncode == 1
    assert result.stderr.strip() == "Erreur : acteur inconnu « maire » (possibles : elu, agent, socio-economique, etat)."


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
        "+1 source : « Journée de groupe de pairs des agents » (2027-03-14, Lyon, La Traverse)",
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


def test_diff_cli_against_a_git_revision(tmp_path):
    repo = tmp_path / "depot"
    shutil.copytree(ROOT / "data", repo / "data")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=repo, check=True)
    same = run("diff", "--base", "HEAD", "--data", str(repo / "data"))
    assert same.returncode == 0, same.stderr
    assert same.stdout == "Aucun changement dans le référentiel.\n"
    assert main(["propose", "--from-issue", str(TICKET), "--data", str(repo / "data")]) == 0
    changed = run("diff", "--base", "HEAD", "--data", str(repo / "data"))
    assert changed.stdout.splitlines()[0] == "+1 attente Agents des collectivités → État : « Être associés dès l'amont des appels à projets. »"


# ---------------------------------------------------------------------------
# Permanent ids
# ---------------------------------------------------------------------------


def test_published_ids_registry_is_complete(ref):
    listed = (ROOT / "data/identifiants-publies.txt").read_text(encoding="utf-8").split()
    assert set(ref.index) <= set(listed), "lancez « make ids » pour enregistrer les nouveaux identifiants"


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


def test_ids_update_appends_new_ids(data):
    assert main(["propose", "--from-issue", str(TICKET), "--data", str(data)]) == 0
    before = (data / "identifiants-publies.txt").read_text(encoding="utf-8")
    assert main(["ids", "--update", "--data", str(data)]) == 0
    after = (data / "identifiants-publies.txt").read_text(encoding="utf-8")
    assert after == before + "agent-attente-etre-associes-amont-appels-projets\n"


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
    assert {f.name for f in files} >= {"verification.yml", "publication.yml", "proposition.yml"}
    result = _check_jsonschema("vendor.github-workflows", files)
    assert result.returncode == 0, result.stdout + result.stderr


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


def test_every_example_of_the_contribution_page_is_valid(data):
    import re

    page = (ROOT / "docs/contribuer.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", page, re.S)
    kinds = set()
    for block in blocks:
        first, *lines = block.rstrip("\n").split("\n")
        match = re.fullmatch(r"# Dans data/(\S+), (à la fin|au début) de « (\w+): »", first)
        assert match, first
        rel, where, key = match.groups()
        path = data / rel
        text = path.read_text(encoding="utf-8")
        if where == "au début":  # versions: the newest first
            text = text.replace(f"\n{key}:\n", f"\n{key}:\n" + "\n".join(lines) + "\n", 1)
        else:
            text, _ = insert_item(text, key, lines)
        path.write_text(text, encoding="utf-8")
        kinds.add(key)
    assert kinds == {"sources", "enjeux", "pouvoirs", "attentes", "messages", "verbatims", "encadres", "versions"}
    meta = data / "referentiel.yaml"  # the page says: the same version and date in referentiel.yaml
    meta.write_text(meta.read_text(encoding="utf-8").replace('version: "2022.1"', 'version: "2027.1"')
                    .replace("date: 2022-07-01", "date: 2027-03-20"), encoding="utf-8")
    ref = load_referentiel(data)
    assert ref.index["agent-attente-associer-amont"].provenance.document == "journee-2027-03-14-lyon"
    assert ref.derniere_version.ajouts == ["agent-attente-associer-amont"]


def test_contribution_page_does_not_ask_for_developer_tools_first():
    import re

    page = (ROOT / "docs/contribuer.md").read_text(encoding="utf-8")
    first_route = page.split("## 2.")[0]
    for tool in (r"VS Code", r"\bgit\b", r"\bmake\b", r"terminal"):
        assert not re.search(tool, first_route), tool
    assert page.index("## 1. Remplir un formulaire") < page.index("## 3. Travailler sur son ordinateur")


def test_repository_address_is_written_once():
    """mkdocs.yml holds repo_url; pages use {{ config.repo_url }}; GitHub files must agree with it."""
    import re

    repo = repo_url()
    for path in [*sorted((ROOT / ".github").rglob("*.yml")), ROOT / "CONTRIBUTING.md", ROOT / "docs/contribuer.md"]:
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
        text = (ROOT / path).read_text(encoding="utf-8").split("\n")
        assert text[line - 1].strip() == f"- id: {ident}", (ident, path, line)
    assert located["elu-message-agents"][0] == "data/acteurs/elu.yaml"


# ---------------------------------------------------------------------------
# version: publishing what was added
# ---------------------------------------------------------------------------


def test_version_publishes_the_new_statements_and_keeps_the_files(data):
    assert run("propose", "--from-issue", str(TICKET), "--data", str(data)).returncode == 0
    ident = "agent-attente-etre-associes-amont-appels-projets"
    versions_before = (data / "versions.yaml").read_text(encoding="utf-8")
    result = run("version", "2027.1", "--date", "2027-03-20", "--resume", "La journée des agents à Lyon.",
                 "--data", str(data))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ("Version 2027.1 du 20 mars 2027 publiée : 1 énoncé ajouté, 0 modifié. "
                                     "Relisez le résumé dans data/versions.yaml.")
    text = (data / "versions.yaml").read_text(encoding="utf-8")
    comments = [line for line in versions_before.split("\n") if line.startswith("#")]
    assert comments and all(line in text for line in comments)
    ref = load_referentiel(data)
    latest = ref.derniere_version
    assert (latest.version, latest.date, latest.ajouts, latest.modifications) == (
        "2027.1", "2027-03-20", [ident], [])
    assert (ref.meta.version, ref.meta.date) == ("2027.1", "2027-03-20")
    assert (data / "identifiants-publies.txt").read_text(encoding="utf-8").endswith(f"\n{ident}\n")

    again = run("version", "2027.1", "--date", "2027-03-21", "--resume", "Encore.", "--data", str(data))
    assert again.returncode == 1
    assert again.stderr.strip() == "Erreur : la version « 2027.1 » existe déjà dans versions.yaml."
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
