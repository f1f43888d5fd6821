"""What a change does to the référentiel, in plain French (``make diff``, pull requests).

``describe(before, after)`` compares two loaded référentiels statement by statement.
``load_at(ref, data)`` loads the data of a git revision.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from .errors import ITEM_NOUNS
from .referentiel import Entry, Referentiel
from .registry import ACTOR_LISTS, SHARED_LISTS
from .validate import load_referentiel

# Entry kind → (French noun, feminine?), from the nouns positions are said with.
NOUNS = {
    **{kind: ITEM_NOUNS[name] for name, kind in ACTOR_LISTS.items()},
    **{f.kind: ITEM_NOUNS.get(f.liste, (f.kind, False)) for f in SHARED_LISTS},
    "attente-commune": ("attente commune", True),
}


def _short(text: str | None, limit: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label(ref: Referentiel, actor: str) -> str:
    if actor == "tous":
        return "tous"
    try:
        return ref.acteur(actor).libelles.court
    except KeyError:
        return actor


def _who(ref: Referentiel, entry: Entry) -> str:
    """« Agents → État » for what is addressed, « Élus » for the rest, nothing for shared lists."""
    if entry.acteur is None:
        return ""
    sender = _label(ref, entry.acteur)
    statement = entry.statement
    targets = getattr(statement, "envers", None) or (
        [statement.destinataire] if getattr(statement, "destinataire", None) else []
    )
    if targets:
        return f" {sender} → " + ", ".join(_label(ref, t) for t in targets)
    return f" {sender}"


def _summary(entry: Entry) -> str:
    statement = entry.statement
    return _short(getattr(statement, "titre", None) or getattr(statement, "texte", None))


def _ids(entry: Entry) -> str:
    statement = entry.statement
    targets = getattr(statement, "envers", None) or (
        [statement.destinataire] if getattr(statement, "destinataire", None) else []
    )
    if entry.acteur and targets:
        return f"{entry.acteur} → {', '.join(targets)}"
    return entry.acteur or ""


def _value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value) if value else "(vide)"
    if isinstance(value, dict):
        return ", ".join(f"{k} : {_value(v)}" for k, v in value.items() if v not in (None, [], {}))
    return _short(str(value), 200) if value is not None else "(vide)"


def describe(before: Referentiel | None, after: Referentiel) -> list[str]:
    """Every change from ``before`` to ``after``, one French line (or block) each."""
    lines: list[str] = []
    old = before.index if before else {}
    new = after.index
    if before and (before.meta.version, getattr(before.meta, "date", None)) != (
        after.meta.version, getattr(after.meta, "date", None)
    ):
        lines.append(f"version : {before.meta.version} → {after.meta.version}")
    for ident, entry in new.items():
        if ident in old:
            continue
        noun, _ = NOUNS.get(entry.kind, (entry.kind, False))
        renamed = [a for a in entry.statement.alias if a in old]
        if renamed:
            lines.append(f"id renommé : {renamed[0]} → {ident} ({noun}{_who(after, entry)})")
            continue
        lines.append(f"+1 {noun}{_who(after, entry)} : « {_summary(entry)} »")
    for ident, entry in old.items():
        if ident in new:
            continue
        noun, feminine = NOUNS.get(entry.kind, (entry.kind, False))
        if ident in after.aliases:
            if not any(ident in e.statement.alias and e.id not in old for e in new.values()):
                lines.append(f"id supprimé : {ident} (alias vers {after.aliases[ident]})")
            continue
        lines.append(
            f"-1 {noun}{_who(before, entry)} : « {_summary(entry)} » — id supprimé sans alias : {ident} "
            "(les liens déjà publiés ne mèneront plus nulle part)"
        )
    for ident, entry in new.items():
        previous = old.get(ident)
        if previous is None:
            continue
        a, b = previous.statement.model_dump(), entry.statement.model_dump()
        if a == b:
            continue
        noun, feminine = NOUNS.get(entry.kind, (entry.kind, False))
        who = _ids(entry)
        lines.append(f"{noun} modifié{'e' if feminine else ''} ({who}) « {ident} » :" if who
                     else f"{noun} modifié{'e' if feminine else ''} « {ident} » :")
        for key in b:
            if a.get(key) != b.get(key):
                lines.append(f"  {key}, avant : « {_value(a.get(key))} »")
                lines.append(f"  {key}, après : « {_value(b.get(key))} »")
    old_sources = before.sources if before else {}
    for ident, source in after.sources.items():
        if ident not in old_sources:
            details = ", ".join(x for x in (source.date, source.lieu, source.organisation) if x)
            lines.append(f"+1 source : « {_short(source.titre)} » ({details})")
    return lines or ["Aucun changement dans le référentiel."]


def load_at(revision: str, root: Path, data: str = "data") -> Referentiel:
    """The référentiel as it was at git ``revision`` (raises ``ReferentielInvalide`` if it was broken)."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision, data],
        cwd=root, capture_output=True, check=True,
    ).stdout
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        return load_referentiel(Path(tmp) / data)
