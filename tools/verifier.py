"""`make verifier`: exactly what a content pull request's check runs, without root and without a browser.

1. the data (``referentiel check``, with GitHub annotations on the lines when ``GITHUB_ACTIONS`` is set);
2. the JSON Schemas up to date (``referentiel schema --check``);
3. every id (and former id) of the base still leads somewhere (``referentiel ids --base``);
4. a strict build with MkDocs, then with ProperDocs, each into a temporary folder (the origin guard
   runs in both: nothing may load from another origin);
5. every internal link and anchor of the built site resolves (``referentiel.liens``);
6. the French summary of what the change does (``referentiel diff``), written with the result of
   each step to ``--resume`` (Markdown): the workflow posts it on the pull request.

Every step runs (but a build is not tried on data that failed step 1: it would repeat its errors);
the exit status is 1 when one failed. A few seconds here; a few minutes on a GitHub runner, setup
included.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "macros"))

from referentiel.liens import liens_casses  # noqa: E402


@dataclass
class Etape:
    nom: str
    reussie: bool | None  # None: not run
    sortie: str = ""


def _run(*args: str) -> tuple[bool, str]:
    # This project's code and data, whichever copy of it runs (a clone, a test's copy).
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT / "macros"))
    result = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True)
    # GitHub reads annotations (::error …) on the standard output: everything is passed on as it comes.
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    return result.returncode == 0, (result.stdout + result.stderr).strip()


def base_par_defaut() -> str | None:
    """origin/main (a CI checkout, a fork's clone), else main; None when git knows neither."""
    for candidate in ("origin/main", "main"):
        known = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}"], cwd=ROOT,
                               capture_output=True, text=True)
        if known.returncode == 0:
            return candidate
    return None


def _site_path() -> str:
    import yaml

    return urlsplit(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")).get("site_url") or "/").path


def etapes(base: str, tmp: Path) -> list[Etape]:
    github = ["--github"] if os.environ.get("GITHUB_ACTIONS") == "true" else []
    out = []

    def step(nom: str, *args: str) -> Etape:
        print(f"\n== {nom} ==", flush=True)
        ok, sortie = _run(*args)
        out.append(Etape(nom, ok, sortie))
        return out[-1]

    data = ("--data", str(ROOT / "data"))
    ids = IDS.format(base=base)
    donnees = step("Données", "-m", "referentiel", "check", *github, *data)
    step("Schémas à jour", "-m", "referentiel", "schema", "--check", "--out", str(ROOT / "schema"))
    if not donnees.reussie:  # every later step reads the data: it would only repeat its errors
        out += [Etape(nom, None, "non lancée : les données sont à corriger d'abord")
                for nom in (ids, MKDOCS, PROPERDOCS, LIENS)]
        return out
    step(ids, "-m", "referentiel", "ids", "--base", base, *data)
    mkdocs = step(MKDOCS, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp / "mkdocs"))
    step(PROPERDOCS, "-m", "properdocs", "build", "--strict", "--site-dir", str(tmp / "properdocs"))
    if mkdocs.reussie:
        print(f"\n== {LIENS} ==", flush=True)
        casses = liens_casses(tmp / "mkdocs", _site_path())
        print("\n".join(casses) or "Chaque lien interne mène à une page et à une ancre qui existent.")
        out.append(Etape(LIENS, not casses, "\n".join(casses)))
    else:
        out.append(Etape(LIENS, None, "non lancée : la construction a échoué"))
    return out


# The steps named twice above: run, or listed as not run.
IDS = "Identifiants déjà publiés (comparés à {base})"
MKDOCS = "Construction avec MkDocs"
PROPERDOCS = "Construction avec ProperDocs"
LIENS = "Liens et ancres du site"
SIGNES = {True: "✅ réussie", False: "❌ à corriger", None: "⏸️ non lancée"}


def resume(base: str, faites: list[Etape], changements: str) -> str:
    ok = all(e.reussie for e in faites)
    lines = [
        "## Vérification de la proposition : " + ("✅ tout est en ordre" if ok else "❌ des corrections sont nécessaires"),
        "",
        "| Étape | Résultat |",
        "| --- | --- |",
        *(f"| {e.nom} | {SIGNES[e.reussie]} |" for e in faites),
        "",
        f"### Ce que change cette proposition (comparée à `{base}`)",
        "",
        "```text",
        changements.strip() or "(résumé indisponible : voir les erreurs ci-dessous)",
        "```",
    ]
    for e in faites:
        if e.reussie is False:
            lines += ["", f"### {e.nom} : à corriger", "", "```text", _sans_annotations(e.sortie)[-6000:], "```"]
    if not ok:
        lines += ["", "Corrigez le fichier indiqué, à la ligne indiquée (le crayon de GitHub, puis « Commit changes ») : "
                  "la vérification reprend d'elle-même."]
    return "\n".join(lines) + "\n"


def _sans_annotations(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith("::"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make verifier")
    parser.add_argument("--base", help="révision git de comparaison (par défaut origin/main, sinon main)")
    parser.add_argument("--resume", type=Path, default=ROOT / ".verification" / "resume.md")
    args = parser.parse_args(argv)
    base = args.base or base_par_defaut()
    if base is None:
        print("Erreur : ni origin/main ni main ne sont connus de git ; indiquez la révision de comparaison : "
              "make verifier BASE=<branche>.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="verifier-") as tmp:
        faites = etapes(base, Path(tmp))
    changements = "(le résumé viendra une fois les données corrigées)"
    if faites[0].reussie:
        print("\n== Ce que change la proposition ==", flush=True)
        _, changements = _run("-m", "referentiel", "diff", "--base", base, "--data", str(ROOT / "data"))
    args.resume.parent.mkdir(parents=True, exist_ok=True)
    args.resume.write_text(resume(base, faites, changements), encoding="utf-8")
    print()
    for e in faites:
        print(f"{SIGNES[e.reussie]:<16} {e.nom}")
    ok = all(e.reussie for e in faites)
    print(("Tout est en ordre." if ok else "Échec : corrigez ce qui est signalé ci-dessus.")
          + f" Résumé écrit dans {args.resume.relative_to(ROOT) if args.resume.is_relative_to(ROOT) else args.resume}.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
