"""Command line: ``python -m referentiel check|schema [--check]``.

``check`` validates data/ and prints every problem in French (exit 1), or a
one-line summary (exit 0). ``schema`` writes the JSON Schemas into schema/;
``schema --check`` only says whether the committed ones are up to date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ReferentielInvalide
from .schema import write_schemas
from .validate import load_referentiel

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="referentiel", description="Outils du référentiel.")
    sub = parser.add_subparsers(dest="commande", required=True)
    check = sub.add_parser("check", help="valide les données")
    check.add_argument("--data", type=Path, default=ROOT / "data", help="dossier des données")
    schema = sub.add_parser("schema", help="(re)génère les schémas JSON")
    schema.add_argument("--check", action="store_true", help="vérifie sans écrire")
    schema.add_argument("--out", type=Path, default=ROOT / "schema")
    args = parser.parse_args(argv)

    if args.commande == "check":
        try:
            ref = load_referentiel(args.data)
        except ReferentielInvalide as exc:
            print(exc.rapport(), file=sys.stderr)
            return 1
        print(
            f"Référentiel valide : {len(ref.acteurs)} acteurs, {len(ref.index)} énoncés, "
            f"{len(ref.glossaire.sigles)} sigles."
        )
        return 0

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


if __name__ == "__main__":
    sys.exit(main())
