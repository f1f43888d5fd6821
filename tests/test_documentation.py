"""The docs a newcomer reads first stay short enough to be read in ten minutes (issue 19): the history
is in git, not in them."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_architecture_se_lit_en_dix_minutes():
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    words = len(re.findall(r"\S+", text))
    assert words <= 1200, f"ARCHITECTURE.md compte {words} mots (1 200 au plus) : resserrez-le"


def test_architecture_nomme_chaque_module():
    """One line per module: every Python module of the core, the views and the hooks is named."""
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    modules = [p for folder in ("macros/referentiel", "macros/referentiel/views", "hooks")
               for p in (ROOT / folder).glob("*.py") if p.name != "__init__.py"]
    missing = [str(p.relative_to(ROOT)) for p in modules if p.name not in text]
    assert not missing, f"modules absents d'ARCHITECTURE.md : {missing}"


def test_benchmarks_tient_en_250_lignes():
    lines = len((ROOT / "BENCHMARKS.md").read_text(encoding="utf-8").splitlines())
    assert lines <= 250, f"BENCHMARKS.md compte {lines} lignes (250 au plus) : l'historique reste dans git"
