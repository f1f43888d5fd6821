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
from typing import Any, Iterator

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


class RevisionInconnue(ValueError):
    """git does not know the revision to compare with; the message is French."""


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


def _targets(entry: Entry) -> list[str]:
    return entry.envers or ([entry.destinataire] if entry.destinataire else [])


def _who(ref: Referentiel, entry: Entry) -> str:
    """« Agents → État » for what is addressed, « Élus » for the rest, nothing for shared lists."""
    if entry.acteur is None:
        return ""
    sender = _label(ref, entry.acteur)
    targets = _targets(entry)
    if targets:
        return f" {sender} → " + ", ".join(_label(ref, t) for t in targets)
    return f" {sender}"


def _summary(entry: Entry) -> str:
    return _short(entry.titre or entry.texte)


def _ids(entry: Entry) -> str:
    targets = _targets(entry)
    if entry.acteur and targets:
        return f"{entry.acteur} → {', '.join(targets)}"
    return entry.acteur or ""


def _value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value) if value else "(vide)"
    if isinstance(value, dict):
        return ", ".join(f"{k} : {_value(v)}" for k, v in value.items() if v not in (None, [], {}))
    return _short(str(value), 200) if value is not None else "(vide)"


def _version_line(before: Referentiel | None, after: Referentiel) -> Iterator[str]:
    if before and (before.meta.version, before.meta.date) != (after.meta.version, after.meta.date):
        yield f"version : {before.meta.version} → {after.meta.version}"


def _added(old: dict[str, Entry], after: Referentiel) -> Iterator[str]:
    for ident, entry in after.index.items():
        if ident in old:
            continue
        noun, _ = NOUNS.get(entry.kind, (entry.kind, False))
        renamed = [a for a in entry.alias if a in old]
        if renamed:
            yield f"id renommé : {renamed[0]} → {ident} ({noun}{_who(after, entry)})"
        else:
            yield f"+1 {noun}{_who(after, entry)} : « {_summary(entry)} »"


def _removed(before: Referentiel | None, after: Referentiel) -> Iterator[str]:
    old = before.index if before else {}
    for ident, entry in old.items():
        if ident in after.index:
            continue
        if ident in after.aliases:
            if not any(ident in e.alias and e.id not in old for e in after.index.values()):
                yield f"id supprimé : {ident} (alias vers {after.aliases[ident]})"
            continue
        noun, _ = NOUNS.get(entry.kind, (entry.kind, False))
        yield (f"-1 {noun}{_who(before, entry)} : « {_summary(entry)} » — id supprimé sans alias : {ident} "
               "(les liens déjà publiés ne mèneront plus nulle part)")


def _modified(old: dict[str, Entry], after: Referentiel) -> Iterator[str]:
    for ident, entry in after.index.items():
        previous = old.get(ident)
        if previous is None:
            continue
        a, b = previous.statement.model_dump(), entry.statement.model_dump()
        if a == b:
            continue
        noun, feminine = NOUNS.get(entry.kind, (entry.kind, False))
        who = _ids(entry)
        yield f"{noun} modifié{'e' if feminine else ''}{f' ({who})' if who else ''} « {ident} » :"
        for key in b:
            if a.get(key) != b.get(key):
                yield f"  {key}, avant : « {_value(a.get(key))} »"
                yield f"  {key}, après : « {_value(b.get(key))} »"


def _new_sources(before: Referentiel | None, after: Referentiel) -> Iterator[str]:
    old_sources = before.sources if before else {}
    for ident, source in after.sources.items():
        if ident not in old_sources:
            details = ", ".join(x for x in (source.date, source.lieu, source.organisation) if x)
            yield f"+1 source : « {_short(source.titre)} » ({details})"


def describe(before: Referentiel | None, after: Referentiel) -> list[str]:
    """Every change from ``before`` to ``after``, one French line (or block) each."""
    old = before.index if before else {}
    lines = [
        *_version_line(before, after),
        *_added(old, after),
        *_removed(before, after),
        *_modified(old, after),
        *_new_sources(before, after),
    ]
    return lines or ["Aucun changement dans le référentiel."]


def load_at(revision: str, root: Path, data: str = "data") -> Referentiel:
    """The référentiel as it was at git ``revision`` (raises ``ReferentielInvalide`` if it was broken,
    ``RevisionInconnue`` if git does not know ``revision``)."""
    known = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"],
                           cwd=root, capture_output=True, text=True)
    if known.returncode != 0:
        raise RevisionInconnue(
            f"la révision « {revision} » est inconnue de git : indiquez une branche, une étiquette ou un commit "
            "qui existe (par exemple BASE=main ou BASE=origin/main)")
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision, data],
        cwd=root, capture_output=True, check=True,
    ).stdout
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        return load_referentiel(Path(tmp) / data)
