"""`make build` never leaves a publishable site/ after a failure, and says so in French."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import ROOT, build_env, copy_project, run_make

pytestmark = pytest.mark.build


def test_failed_build_leaves_site_untouched_and_ends_in_french(tmp_path):
    project = copy_project(tmp_path / "projet")
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy2(ROOT / name, project / name)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("ancienne version publiée", encoding="utf-8")
    # A page whose link is broken: the strict build fails after writing pages.
    (project / "docs" / "contribuer.md").write_text(
        (ROOT / "docs" / "contribuer.md").read_text(encoding="utf-8") + "\n[lien cassé](page-inexistante.md)\n",
        encoding="utf-8",
    )
    result = run_make(project, "build")
    assert result.returncode != 0
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "ancienne version publiée"
    assert sorted(p.name for p in (project / "site").iterdir()) == ["index.html"]
    assert not (project / ".site-tmp").exists()
    french = [line for line in result.stderr.splitlines() if not line.startswith("make")]
    assert french[-1] == "Échec de la construction (messages ci-dessus) : site/ n'a pas été modifié."


def test_failed_check_ends_with_a_french_sentence(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copy(data / "acteurs" / "elu.yaml", data / "acteurs" / "maire.yaml")  # a fifth actor
    result = run_make(ROOT, "check", f"DATA={data}", timeout=300)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if not line.startswith("make")]
    assert lines[1].startswith("  data/acteurs/maire.yaml : acteur inconnu « maire »")
    assert lines[-1] == (
        "Échec : les données contiennent des erreurs (liste ci-dessus). Corrigez-les, puis relancez « make check »."
    )


@pytest.mark.parametrize("target", ["build", "serve", "print", "offline"])
def test_engine_is_checked_once_for_every_target_that_builds(target, tmp_path):
    """ENGINE=mkdocs|properdocs for build, serve, print and offline; any other value stops at once,
    with the same French sentence, before anything runs."""
    result = run_make(ROOT, target, "ENGINE=zensical", timeout=60)
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == (
        "Erreur : ENGINE vaut mkdocs ou properdocs, pas « zensical » (exemple : make build ENGINE=properdocs).")


def test_every_target_that_builds_runs_the_chosen_engine():
    """make -n: build, serve and offline call $(ENGINE), never a hard-coded mkdocs."""
    for target in ("build", "serve", "offline"):
        result = run_make(ROOT, "-n", "-o", "print", "-o", "check", target, "ENGINE=properdocs", timeout=60)
        assert result.returncode == 0, result.stderr
        runs = [line for line in result.stdout.splitlines() if " -m " in line and (" build " in line or " serve " in line)]
        assert len(runs) == 1 and " -m properdocs " in runs[0], result.stdout


def test_verifier_on_broken_data_writes_a_french_summary_without_repeating_its_errors(tmp_path):
    project = copy_project(tmp_path / "projet")
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy2(ROOT / name, project / name)
    (project / "tools").mkdir()
    shutil.copy2(ROOT / "tools" / "verifier.py", project / "tools" / "verifier.py")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=project, check=True)
    broken = project / "data" / "sources" / "publication-2022" / "agent-attente-x.yaml"
    broken.parent.mkdir()
    broken.write_text("genre: attente\nde: agent\nenvers: [État]\ntitre: Un titre.\ntexte: Un texte.\n", encoding="utf-8")
    result = run_make(project, "verifier", env=dict(build_env(), PYTHONPATH=str(project / "macros")), timeout=600)
    assert result.returncode != 0
    resume = (project / ".verification" / "resume.md").read_text(encoding="utf-8")
    assert resume.startswith("## Vérification de la proposition : ❌ des corrections sont nécessaires")
    assert "| Construction avec MkDocs | ⏸️ non lancée |" in resume
    error = "agent-attente-x.yaml:3 › champ envers : « État » n'est pas un acteur connu"
    assert resume.count(error) == 1, resume
    assert "Traceback" not in result.stdout + result.stderr


def test_make_clean_removes_what_builds_leave(tmp_path):
    """`make clean` removes the built site, the packages, the caches kept between builds (.cache/) and
    make verifier's summary (.verification/)."""
    shutil.copy2(ROOT / "Makefile", tmp_path / "Makefile")
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    left = ("site", "dist", "site-offline", ".cache/qr/segno-1", ".verification", "venv-essai")
    for folder in left:
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "fichier").write_text("x", encoding="utf-8")
    (tmp_path / "data").mkdir()
    result = subprocess.run(["make", "clean", "VENV=venv-essai"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Makefile", "data", "pyproject.toml"]
