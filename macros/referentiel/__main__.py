"""Command line: ``python -m referentiel <commande>``.

* ``check [--github]``: validates data/ and prints every problem in French (exit 1),
  or a one-line summary (exit 0); ``--github`` also prints them as GitHub annotations.
* ``schema [--check]``: writes the JSON Schemas into schema/ (or says whether they are stale).
* ``new attente --de agent --vers etat``: scaffolds a statement to complete.
* ``propose --from-issue body.md``: turns a filled issue form into a statement.
* ``diff --base REF``: what the data changed since a git revision, in French.
* ``ids [--update]``: checks (or completes) data/identifiants-publies.txt.
* ``version 2027.1 --date 2027-03-20 --resume "…" [--base REF]``: publishes a version (versions.yaml,
  referentiel.yaml, identifiants-publies.txt), its additions and (against ``--base``) its changes.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .errors import Probleme, ReferentielInvalide
from .schema import write_schemas
from .validate import PUBLISHED_IDS, load_referentiel, published_ids

ROOT = Path(__file__).resolve().parents[2]


def github_annotation(problem: Probleme) -> str:
    """``::error file=…,line=…,title=…::message`` (escaped as GitHub's workflow commands require)."""

    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    props = [f"file={prop(problem.fichier)}"]
    if problem.ligne:
        props.append(f"line={problem.ligne}")
    props.append(f"title={prop('Référentiel : ' + (problem.position or problem.chemin or 'fichier'))}")
    return f"::error {','.join(props)}::{data(problem.message)}"


def _check(data: Path, github: bool) -> int:
    try:
        ref = load_referentiel(data)
    except ReferentielInvalide as exc:
        print(exc.rapport(), file=sys.stderr)
        if github:
            for problem in exc.problemes:
                print(github_annotation(problem))
        return 1
    print(
        f"Référentiel valide : {len(ref.acteurs)} acteurs, {len(ref.index)} énoncés, "
        f"{len(ref.glossaire.sigles)} sigles."
    )
    return 0


def _taken(data: Path) -> set[str]:
    ref = load_referentiel(data)
    return set(ref.index) | set(ref.aliases) | set(ref.sources) | set(published_ids(data))


def _add(data: Path, proposition) -> int:
    """Write a proposition into a copy of ``data``, validate it, then replace ``data``'s files."""
    from .changements import describe
    from .contribution import add_proposition

    try:
        before = load_referentiel(data)
    except ReferentielInvalide as exc:
        print("Les données sont déjà invalides : corrigez-les d'abord.\n" + exc.rapport(), file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / data.name
        shutil.copytree(data, work)
        added = add_proposition(work, proposition, _taken(data))
        rel = added.fichier.relative_to(work)
        try:
            after = load_referentiel(work)
            problems = None
        except ReferentielInvalide as exc:
            after, problems = None, exc
        # A draft is invalid on purpose (« À COMPLÉTER »): the validator will guide its author.
        if problems is not None and not proposition.brouillon:
            print("La proposition donnerait un référentiel invalide ; rien n'a été écrit.", file=sys.stderr)
            print(problems.rapport().replace(str(work.parent), ""), file=sys.stderr)
            return 1
        for path in work.rglob("*"):
            if path.is_file():
                target = data / path.relative_to(work)
                if not target.exists() or target.read_bytes() != path.read_bytes():
                    target.write_bytes(path.read_bytes())
    where = f"{data.name}/{rel.as_posix()}:{added.ligne}"
    if proposition.brouillon:
        print(f"Énoncé « {added.id} » créé dans {where} : remplacez les « À COMPLÉTER » et la source "
              "« a-completer », puis lancez « make check ».")
        return 0
    print(f"Énoncé « {added.id} » ajouté dans {where}.")
    for line in describe(before, after):
        print(line)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="referentiel", description="Outils du référentiel.")
    sub = parser.add_subparsers(dest="commande", required=True)
    check = sub.add_parser("check", help="valide les données")
    check.add_argument("--data", type=Path, default=ROOT / "data", help="dossier des données")
    check.add_argument("--github", action="store_true", help="erreurs aussi en annotations GitHub")
    schema = sub.add_parser("schema", help="(re)génère les schémas JSON")
    schema.add_argument("--check", action="store_true", help="vérifie sans écrire")
    schema.add_argument("--out", type=Path, default=ROOT / "schema")
    new = sub.add_parser("new", help="crée un énoncé à compléter")
    new.add_argument("genre", choices=["attente", "message", "enjeu", "pouvoir"])
    new.add_argument("--de", required=True, help="l'acteur qui s'exprime (elu, agent, socio-economique, etat)")
    new.add_argument("--vers", help="à qui (attente, message)")
    new.add_argument("--data", type=Path, default=ROOT / "data")
    propose = sub.add_parser("propose", help="ajoute l'énoncé proposé par un formulaire GitHub")
    propose.add_argument("--from-issue", type=Path, required=True, help="le texte du ticket (Markdown)")
    propose.add_argument("--data", type=Path, default=ROOT / "data")
    diff = sub.add_parser("diff", help="ce qu'un changement fait au référentiel, en français")
    diff.add_argument("--base", required=True, help="révision git de référence (ex. main)")
    diff.add_argument("--data", type=Path, default=ROOT / "data")
    ids = sub.add_parser("ids", help=f"vérifie ou complète data/{PUBLISHED_IDS}")
    ids.add_argument("--update", action="store_true", help="ajoute les identifiants nouveaux")
    ids.add_argument("--data", type=Path, default=ROOT / "data")
    version = sub.add_parser("version", help="publie une version (versions.yaml, referentiel.yaml)")
    version.add_argument("numero", help="le numéro de la version (ex. 2027.1)")
    version.add_argument("--date", required=True, help="la date de publication (AAAA-MM-JJ)")
    version.add_argument("--resume", required=True, help="ce que la version apporte, en une ou deux phrases")
    version.add_argument("--base", help="révision git de la version précédente, pour lister les modifications")
    version.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args(argv)

    if args.commande == "check":
        return _check(args.data, args.github)
    if args.commande == "new":
        from .contribution import PropositionInvalide, scaffold

        try:
            return _add(args.data, scaffold(args.genre, args.de, args.vers))
        except PropositionInvalide as exc:
            print(f"Erreur : {exc}.", file=sys.stderr)
            return 1
    if args.commande == "propose":
        from .contribution import PropositionInvalide, proposition_from_issue

        try:
            proposition = proposition_from_issue(args.from_issue.read_text(encoding="utf-8"), ROOT)
            return _add(args.data, proposition)
        except PropositionInvalide as exc:
            print(f"Proposition refusée : {exc}.", file=sys.stderr)
            return 1
    if args.commande == "diff":
        from .changements import describe, load_at

        try:
            data = args.data.resolve()
            top = Path(subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=data, capture_output=True,
                                      text=True, check=True).stdout.strip())
            before = load_at(args.base, top, data.relative_to(top.resolve()).as_posix())
        except ReferentielInvalide:
            print(f"(la version {args.base} était invalide : tout est compté comme nouveau)")
            before = None
        try:
            after = load_referentiel(args.data)
        except ReferentielInvalide as exc:
            print(exc.rapport(), file=sys.stderr)
            return 1
        print("\n".join(describe(before, after)))
        return 0
    if args.commande == "ids":
        return _ids(args.data, args.update)
    if args.commande == "version":
        return _version(args)

    stale = write_schemas(args.out, check_only=args.check)
    if args.check and stale:
        print(
            "Schémas JSON périmés : " + ", ".join(stale) + ". Lancez « make schema » et validez le résultat.",
            file=sys.stderr,
        )
        return 1
    if not args.check:
        print(f"Schémas écrits dans {args.out}.")
    return 0


def _version(args) -> int:
    from .francais import date_fr, pluriel
    from .publication import PublicationInvalide, publier

    before = None
    if args.base:
        from .changements import load_at

        data = args.data.resolve()
        try:
            top = Path(subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=data, capture_output=True,
                                      text=True, check=True).stdout.strip())
            before = load_at(args.base, top, data.relative_to(top.resolve()).as_posix())
        except ReferentielInvalide:
            before = None
    try:
        pub = publier(args.data, args.numero, args.date, args.resume, before)
    except PublicationInvalide as exc:
        print(f"Erreur : {exc}.", file=sys.stderr)
        return 1
    except ReferentielInvalide as exc:
        print("La version n'a pas été publiée ; rien n'a été écrit.\n" + exc.rapport(), file=sys.stderr)
        return 1
    print(f"Version {pub.version} du {date_fr(pub.date)} publiée : "
          f"{pluriel(len(pub.ajouts), 'énoncé ajouté', 'énoncés ajoutés')}, "
          f"{pluriel(len(pub.modifications), 'modifié', 'modifiés')}. Relisez le résumé dans "
          f"{args.data.name}/versions.yaml.")
    return 0


def _ids(data: Path, update: bool) -> int:
    try:
        ref = load_referentiel(data)
    except ReferentielInvalide as exc:
        print(exc.rapport(), file=sys.stderr)
        return 1
    known = published_ids(data)
    new = [ident for ident in [*ref.index, *ref.aliases] if ident not in set(known)]
    if not update:
        print(f"{len(known)} identifiants publiés, tous présents ; {len(new)} nouveaux à ajouter "
              "(« python -m referentiel ids --update »).")
        return 0
    path = data / PUBLISHED_IDS
    text = path.read_text(encoding="utf-8") if path.exists() else (
        "# Tous les identifiants publiés un jour, un par ligne. Ne supprimez jamais une ligne :\n"
        "# un identifiant renommé garde son ancien nom dans « alias ». Ajout : make ids.\n"
    )
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + "".join(f"{ident}\n" for ident in new), encoding="utf-8")
    print(f"{len(new)} identifiant{'s' if len(new) > 1 else ''} ajouté{'s' if len(new) > 1 else ''} "
          f"à {data.name}/{PUBLISHED_IDS}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
