"""Publishing a version (``make version``): the new entry of versions.yaml, the same number and date in
referentiel.yaml, the new ids in identifiants-publies.txt — by careful text edits that keep every
comment and line of the files, on a copy first, validated whole before anything is written back.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .contribution import folded, quoted
from .referentiel import Referentiel
from .validate import PUBLISHED_IDS, load_referentiel, published_ids


class PublicationInvalide(ValueError):
    """The version cannot be published; the message is French."""


@dataclass(frozen=True)
class Publication:
    version: str
    date: str
    ajouts: list[str]  # statements published for the first time
    modifications: list[str]  # statements changed since ``before``
    nouveaux_ids: list[str]  # every id (statements and aliases) added to identifiants-publies.txt


def ajouts(ref: Referentiel, data_dir: Path) -> list[str]:
    """The statements never published: absent from identifiants-publies.txt."""
    known = set(published_ids(data_dir))
    return [ident for ident in ref.index if ident not in known]


def modifications(before: Referentiel | None, after: Referentiel) -> list[str]:
    """The statements of both référentiels whose content changed (compared as validated)."""
    if before is None:
        return []
    out = []
    for ident, entry in after.index.items():
        old = before.index.get(ident) or (before.entry(ident) if before.resolve(ident) else None)
        if old is not None and old.statement.model_dump() != entry.statement.model_dump():
            out.append(ident)
    return out


def entry_lines(pub: Publication, resume: str) -> list[str]:
    block = folded(resume, 6)
    lines = [f"  - version: {quoted(pub.version)}", f"    date: {pub.date}", f"    resume: {block[0]}", *block[1:]]
    for key, ids in (("ajouts", pub.ajouts), ("modifications", pub.modifications)):
        if ids:
            lines.append(f"    {key}:")
            lines += [f"      - {ident}" for ident in ids]
    return lines


def _write(work: Path, pub: Publication, resume: str) -> None:
    versions = work / "versions.yaml"
    text = versions.read_text(encoding="utf-8")
    match = re.search(r"^versions:[ \t]*\n", text, re.M)
    if match is None:
        raise PublicationInvalide("versions.yaml n'a pas de liste « versions: »")
    text = text[: match.end()] + "\n".join(entry_lines(pub, resume)) + "\n" + text[match.end():]
    versions.write_text(text, encoding="utf-8")

    meta = work / "referentiel.yaml"
    text = meta.read_text(encoding="utf-8")
    text, n = re.subn(r"^version:.*$", f"version: {quoted(pub.version)}", text, count=1, flags=re.M)
    text, m = re.subn(r"^date:.*$", f"date: {pub.date}", text, count=1, flags=re.M)
    if not (n and m):
        raise PublicationInvalide("referentiel.yaml doit contenir une ligne « version: » et une ligne « date: »")
    meta.write_text(text, encoding="utf-8")

    registry = work / PUBLISHED_IDS
    text = registry.read_text(encoding="utf-8") if registry.exists() else ""
    if text and not text.endswith("\n"):
        text += "\n"
    registry.write_text(text + "".join(f"{i}\n" for i in pub.nouveaux_ids), encoding="utf-8")


def publier(data_dir: Path, version: str, date: str, resume: str,
            before: Referentiel | None = None) -> Publication:
    """Write the version into ``data_dir`` once the result validates; raise with every problem otherwise."""
    ref = load_referentiel(data_dir)
    if any(v.version == version for v in ref.versions.versions):
        raise PublicationInvalide(f"la version « {version} » existe déjà dans versions.yaml")
    known = set(published_ids(data_dir))
    pub = Publication(version, date, ajouts(ref, data_dir), modifications(before, ref),
                      [i for i in [*ref.index, *ref.aliases] if i not in known])
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / data_dir.name
        shutil.copytree(data_dir, work)
        _write(work, pub, resume)
        load_referentiel(work)  # raises ReferentielInvalide: nothing written
        for name in ("versions.yaml", "referentiel.yaml", PUBLISHED_IDS):
            (data_dir / name).write_bytes((work / name).read_bytes())
    return pub
