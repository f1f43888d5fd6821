"""Synthetic référentiels: today's data with every actor's statements repeated.

Scale k keeps the real statements and adds k-1 copies of each of the sixteen
cells (four actors × enjeux, pouvoirs, attentes, messages). A copy gets a fresh
id and the text of a statement of the same kind drawn at random from the real
data, so that lengths follow the real distribution. The result is validated
by the project's own loader, like any contribution.
"""

from __future__ import annotations

import copy
import random
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import copy_project  # noqa: E402  (the tests' copy of everything a build reads)

KINDS = ("enjeux", "pouvoirs", "attentes", "messages")
# Today one actor file is ~20 KB; at 100× it is ~2 MB, within the loader's 4 MB limit:
# the measured copy runs the loader unchanged.


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(data: dict, path: Path) -> None:
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100_000), encoding="utf-8"
    )


def scale_project(dest: Path, factor: int, seed: int = 12) -> dict[str, int]:
    """Write a project at ``dest`` whose actors hold ``factor`` × today's statements.

    Returns the number of statements per kind (the sixteen cells summed by kind).
    """
    copy_project(dest)
    rng = random.Random(seed)
    files = sorted((dest / "data" / "acteurs").glob("*.yaml"))
    actors = {path: _load(path) for path in files}
    pool = {kind: [item for data in actors.values() for item in data.get(kind, [])] for kind in KINDS}
    counts = dict.fromkeys(KINDS, 0)
    for path, data in actors.items():
        for kind in KINDS:
            originals = data.get(kind, [])
            items = list(originals)
            for copy_number in range(2, factor + 1):
                for item in originals:
                    twin = copy.deepcopy(item)
                    twin["id"] = f"{item['id']}-x{copy_number}"
                    twin.pop("alias", None)
                    # A correction names words of its own statement's text, which the donor's replaces.
                    twin.pop("corrections", None)
                    donor = rng.choice(pool[kind])
                    for field in ("titre", "texte", "suite"):
                        if field in twin and field in donor:
                            twin[field] = donor[field]
                    if "titre" in twin:
                        twin["titre"] = f"{twin['titre'].rstrip('.')} ({copy_number})."
                    items.append(twin)
            if items:
                data[kind] = items
            counts[kind] += len(items)
        _dump(data, path)
    return counts
