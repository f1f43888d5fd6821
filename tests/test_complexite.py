"""No function of ``macros/`` or ``hooks/`` above cyclomatic complexity 15 (radon's measure): a knot
is cut into named steps (a table, small functions in a list) before it grows, so that a maintainer
reads any function at once."""

from __future__ import annotations

from pathlib import Path

from radon.complexity import cc_visit

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 15


def _functions(blocks, owner: str = ""):
    """Every function, method and nested function of radon's blocks, with its qualified name."""
    for block in blocks:
        if hasattr(block, "methods"):  # a class: radon lists its methods apart, each with its class's name
            continue
        classname = getattr(block, "classname", None)
        name = f"{owner}{classname + '.' if classname else ''}{block.name}"
        yield name, block
        yield from _functions(block.closures, owner=f"{name}.")


def knots(folders=("macros", "hooks"), limit: int = LIMIT) -> list[str]:
    """« file:line name (complexity) » of every function above ``limit``."""
    found = []
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for name, block in _functions(cc_visit(path.read_text(encoding="utf-8"))):
                if block.complexity > limit:
                    found.append(f"{path.relative_to(ROOT)}:{block.lineno} {name} ({block.complexity})")
    return found


def test_no_function_above_complexity_15():
    found = knots()
    assert not found, (f"Fonctions de complexité cyclomatique supérieure à {LIMIT} (radon) : découpez-les en "
                       "étapes nommées :\n  " + "\n  ".join(found))


def test_the_check_names_a_knot(tmp_path: Path):
    """The measure sees a knot where one is, nested functions and methods included (the check can fail)."""
    branches = "\n".join(f"        if x == {i}:\n            return {i}" for i in range(LIMIT + 1))
    knot = f"def outer():\n    def inner(x):\n{branches}\n        return -1\n    return inner\n"
    names = [name for name, block in _functions(cc_visit(knot)) if block.complexity > LIMIT]
    assert names == ["outer.inner"]
    method = f"class A:\n    def m(self, x):\n{branches}\n        return -1\n"
    assert [name for name, block in _functions(cc_visit(method)) if block.complexity > LIMIT] == ["A.m"]
