"""Command line: ``python -m referentiel <commande>``.

* ``check [--github]``: validates data/ and prints every problem in French (exit 1),
  or a one-line summary (exit 0); ``--github`` also prints them as GitHub annotations.
* ``schema [--check]``: writes the JSON Schemas into schema/ (or says whether they are stale).
* ``new attente --de agent --vers etat --titre … --source …``: adds a statement (asks, at a terminal,
  for what is missing); without its text, a draft the validator asks to complete.
* ``propose --from-issue body.md``: turns a filled issue form into a statement.
* ``diff --base REF``: what the data changed since a git revision, in French.
* ``ids --base REF``: every id (and former id) of ``REF`` still resolves (a pull request's check).
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
from .registry import SOURCES_DIR
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


def _taken(ref, data: Path) -> set[str]:
    return set(ref.index) | set(ref.aliases) | set(ref.sources) | set(published_ids(data))


def _add(data: Path, proposition) -> int:
    """Write a proposition into a copy of ``data``, validate it, then copy the new files into ``data``."""
    from .changements import describe
    from .contribution import PropositionInvalide, add_proposition

    try:
        before = load_referentiel(data)
    except ReferentielInvalide as exc:
        print("Les données sont déjà invalides : corrigez-les d'abord.\n" + exc.rapport(), file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / data.name
        shutil.copytree(data, work)
        try:
            added = add_proposition(work, proposition, before, _taken(before, data))
        except PropositionInvalide as exc:
            print(f"Rien n'a été écrit : {exc}.", file=sys.stderr)
            return 1
        try:
            after, problems = load_referentiel(work), None
        except ReferentielInvalide as exc:
            after, problems = None, exc
        # A draft is invalid on purpose (its text « À COMPLÉTER »): the validator will guide its author.
        if problems is not None and not proposition.brouillon:
            print("La proposition donnerait un référentiel invalide ; rien n'a été écrit.", file=sys.stderr)
            print(problems.rapport().replace(str(work.parent) + "/", ""), file=sys.stderr)
            return 1
        written = [p for p in (added.source_ajoutee, added.fichier) if p is not None]
        for path in written:
            target = data / path.relative_to(work)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    shown = [f"{data.name}/{p.relative_to(work).as_posix()}" for p in written]
    if proposition.brouillon:
        print(f"Énoncé « {added.id} » créé dans {shown[-1]} : écrivez son texte à la place de "
              "« À COMPLÉTER… », puis lancez « make check ».")
        return 0
    print(f"Énoncé « {added.id} » ajouté : {shown[-1]}.")
    if added.source_ajoutee:
        print(f"Source « {added.source} » déclarée : {shown[0]}.")
    for line in describe(before, after):
        print(line)
    return 0


class Arguments(argparse.ArgumentParser):
    """argparse, speaking French where a contributor meets it: its errors (``make new`` with a missing
    value, an unknown option) are said in French, without the English usage line."""

    TRADUCTIONS = (
        (r"the following arguments are required: (.+)", "il manque {0}"),
        (r"argument (\S+): expected one argument", "l'option {0} attend une valeur"),
        (r"argument (\S+): invalid choice: '?([^' ]+)'? \(choose from (.+)\)", "« {1} » n'est pas un choix possible "
         "pour {0} (choix : {2})"),
        (r"unrecognized arguments: (.+)", "arguments non reconnus : {0}"),
        (r"argument (\S+): invalid (\S+) value: '?([^']+)'?", "valeur invalide pour {0} : « {2} »"),
        (r"invalid choice: '?([^' ]+)'? \(choose from (.+)\)", "« {0} » n'est pas une commande (commandes : {1})"),
    )

    def error(self, message: str):  # noqa: D401 - argparse's documented hook
        import re

        for pattern, french in self.TRADUCTIONS:
            match = re.fullmatch(pattern, message)
            if match:
                message = french.format(*(g.replace("'", "") for g in match.groups()))
                break
        self.exit(2, f"Erreur dans la commande « {self.prog} » : {message}.\n")


def _parser() -> Arguments:
    parser = Arguments(prog="referentiel", description="Outils du référentiel.")
    sub = parser.add_subparsers(dest="commande", required=True, parser_class=Arguments)
    check = sub.add_parser("check", help="valide les données")
    check.add_argument("--data", type=Path, default=ROOT / "data", help="dossier des données")
    check.add_argument("--github", action="store_true", help="erreurs aussi en annotations GitHub")
    schema = sub.add_parser("schema", help="(re)génère les schémas JSON")
    schema.add_argument("--check", action="store_true", help="vérifie sans écrire")
    schema.add_argument("--out", type=Path, default=ROOT / "schema")
    new = sub.add_parser("new", help="ajoute un énoncé (make new)")
    new.add_argument("genre", help="enjeu, pouvoir, attente ou message")
    new.add_argument("--de", help="l'acteur qui s'exprime (elu, agent, socio-economique, etat)")
    new.add_argument("--vers", help="à qui (attente, message)")
    for name in ("titre", "texte", "source", "date", "lieu", "organisation", "evenement"):
        new.add_argument(f"--{name}")
    new.add_argument("--data", type=Path, default=ROOT / "data")
    propose = sub.add_parser("propose", help="ajoute l'énoncé proposé par un formulaire GitHub")
    propose.add_argument("--from-issue", type=Path, required=True, help="le texte du ticket (Markdown)")
    propose.add_argument("--data", type=Path, default=ROOT / "data")
    diff = sub.add_parser("diff", help="ce qu'un changement fait au référentiel, en français")
    diff.add_argument("--base", required=True, help="révision git de référence (ex. main)")
    diff.add_argument("--data", type=Path, default=ROOT / "data")
    ids = sub.add_parser("ids", help="vérifie que chaque identifiant de la base mène encore quelque part")
    ids.add_argument("--base", required=True, help="révision git de référence (ex. origin/main)")
    ids.add_argument("--data", type=Path, default=ROOT / "data")
    version = sub.add_parser("version", help="publie une version (versions.yaml, referentiel.yaml)")
    version.add_argument("numero", help="le numéro de la version (ex. 2027.1)")
    version.add_argument("--date", required=True, help="la date de publication (AAAA-MM-JJ)")
    version.add_argument("--resume", required=True, help="ce que la version apporte, en une ou deux phrases")
    version.add_argument("--base", help="révision git de la version précédente, pour lister les modifications")
    version.add_argument("--data", type=Path, default=ROOT / "data")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    commands = {"check": lambda: _check(args.data, args.github), "new": lambda: _new(args),
                "propose": lambda: _propose(args), "diff": lambda: _diff(args), "ids": lambda: _ids(args),
                "version": lambda: _version(args), "schema": lambda: _schema(args)}
    return commands[args.commande]()


def _schema(args) -> int:
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


def _propose(args) -> int:
    from .contribution import PropositionInvalide, proposition_from_issue

    try:
        proposition = proposition_from_issue(args.from_issue.read_text(encoding="utf-8"), ROOT)
    except PropositionInvalide as exc:
        print(f"Proposition refusée : {exc}.", file=sys.stderr)
        return 1
    return _add(args.data, proposition)


def _new(args) -> int:
    from .contribution import PropositionInvalide, check_new, nouvelle

    try:
        check_new(args.genre, args.de, args.vers)
        if sys.stdin.isatty():
            _ask_missing(args)
        source = {k: getattr(args, k) or "" for k in ("evenement", "date", "lieu", "organisation")}
        proposition = nouvelle(args.genre, args.de, args.vers, args.titre, args.texte, args.source, source)
    except PropositionInvalide as exc:
        print(f"Erreur : {exc}.", file=sys.stderr)
        return 1
    return _add(args.data, proposition)


def _ask_missing(args) -> None:
    """At a terminal, ``make new`` asks in French for what was not given on its line."""
    from .contribution import ADDRESSED, TITLED, check_new
    from .model import ACTOR_IDS

    def ask(question: str) -> str | None:
        try:
            return input(question + " ").strip() or None
        except EOFError:
            return None

    args.de = args.de or ask(f"Qui s'exprime ? ({', '.join(ACTOR_IDS)}) :")
    if args.genre in ADDRESSED and not args.vers:
        args.vers = ask("Envers qui ? (" + ", ".join(ACTOR_IDS) + (" ou tous" if args.genre == "attente" else "") + ") :")
    check_new(args.genre, args.de, args.vers)
    if args.genre in TITLED and not args.titre:
        args.titre = ask("Titre, tel que le groupe l'a formulé :")
    if not args.texte:
        args.texte = ask("Texte (laissez vide pour l'écrire ensuite dans le fichier) :" if args.genre != "message"
                         else "Le message, en une phrase :")
    if not (args.source or args.date):
        _ask_source(args, ask)


def _ask_source(args, ask) -> None:
    known = sorted(p.stem for p in (args.data / SOURCES_DIR).glob("*.yaml"))
    print("Sources déjà déclarées : " + ", ".join(known))
    args.source = ask("Source (un identifiant ci-dessus ; laissez vide pour une nouvelle journée) :")
    if not args.source:
        args.date = ask("Date de la journée (par exemple 14/03/2027) :")
        args.lieu = args.lieu or ask("Lieu (la ville, ou le département) :")
        args.organisation = args.organisation or ask("Organisation qui anime :")
        args.evenement = args.evenement or ask("Événement (laissez vide : « Journée de groupe de pairs ») :")


def _git_top(data: Path) -> Path:
    return Path(subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=data, capture_output=True,
                               text=True, check=True).stdout.strip())


def base_referentiel(base: str, data: Path):
    """The référentiel at git revision ``base`` (None if it was invalid there); raises
    ``RevisionInconnue`` with a French message when git does not know ``base``."""
    from .changements import RevisionInconnue, load_at

    data = data.resolve()
    try:
        top = _git_top(data)
    except (subprocess.CalledProcessError, FileNotFoundError):
        raise RevisionInconnue(f"{data} n'est pas dans un dépôt git : impossible de comparer avec « {base} »") from None
    try:
        return load_at(base, top, data.relative_to(top.resolve()).as_posix())
    except ReferentielInvalide:
        return None


def _diff(args) -> int:
    from .changements import RevisionInconnue, describe

    try:
        before = base_referentiel(args.base, args.data)
    except RevisionInconnue as exc:
        print(f"Erreur : {exc}.", file=sys.stderr)
        return 1
    if before is None:
        print(f"(la version {args.base} était invalide : tout est compté comme nouveau)")
    try:
        after = load_referentiel(args.data)
    except ReferentielInvalide as exc:
        print(exc.rapport(), file=sys.stderr)
        return 1
    print("\n".join(describe(before, after)))
    return 0


def _version(args) -> int:
    from .francais import date_fr, pluriel
    from .publication import PublicationInvalide, publier

    from .changements import RevisionInconnue

    try:
        before = base_referentiel(args.base, args.data) if args.base else None
    except RevisionInconnue as exc:
        print(f"Erreur : {exc}.", file=sys.stderr)
        return 1
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


def _ids(args) -> int:
    """Every id (and former id) of the base still leads somewhere: a pull request never breaks a link."""
    from .changements import RevisionInconnue
    from .validate import vanished_message

    try:
        before = base_referentiel(args.base, args.data)
        after = load_referentiel(args.data)
    except RevisionInconnue as exc:
        print(f"Erreur : {exc}.", file=sys.stderr)
        return 1
    except ReferentielInvalide as exc:
        print(exc.rapport(), file=sys.stderr)
        return 1
    if before is None:
        print(f"(les données de {args.base} ne se lisent pas avec le modèle d'aujourd'hui : pas de comparaison ; "
              f"{PUBLISHED_IDS} reste vérifié par « make check »)")
        return 0
    gone = [i for i in [*before.index, *before.aliases] if after.resolve(i) is None]
    for ident in gone:
        print(f"{args.data.name} : {vanished_message(ident, after)}", file=sys.stderr)
    if gone:
        return 1
    print(f"Identifiants : chacun de ceux de {args.base} mène encore à son énoncé.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
