"""Open data: the whole référentiel as JSON, one row per statement as CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .markup import plain
from .model import SCHEMA_VERSION
from .referentiel import Referentiel

CSV_COLUMNS = ["id", "acteur", "type", "cibles", "titre", "texte", "source", "section"]


def to_json(ref: Referentiel) -> str:
    """Every file of the model, as validated, with the schema and référentiel versions."""
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "referentiel": ref.meta.model_dump(mode="json", exclude_none=True),
        "sources": [s.model_dump(mode="json", exclude_none=True) for s in ref.sources.values()],
        "acteurs": [a.model_dump(mode="json", exclude_none=True) for a in ref.acteurs],
        "introduction": ref.introduction.model_dump(mode="json", exclude_none=True),
        "principes": ref.principes.model_dump(mode="json", exclude_none=True),
        "freins": ref.freins.model_dump(mode="json", exclude_none=True),
        "attentes_communes": ref.attentes_communes.model_dump(mode="json", exclude_none=True),
        "enseignements": ref.enseignements.model_dump(mode="json", exclude_none=True),
        "glossaire": ref.glossaire.model_dump(mode="json", exclude_none=True),
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _text(statement: Any) -> str:
    parts = [getattr(statement, "texte", None) or ""]
    for element in getattr(statement, "elements", []) or []:
        parts.append(" : ".join(x for x in (element.titre, element.texte) if x))
    if getattr(statement, "suite", None):
        parts.append(statement.suite)
    return "\n".join(plain(p) for p in parts if p)


def rows(ref: Referentiel) -> list[dict[str, str]]:
    out = []
    for entry in ref.index.values():
        s = entry.statement
        targets = list(getattr(s, "envers", []) or [])
        if getattr(s, "destinataire", None):
            targets = [s.destinataire]
        targets += list(getattr(s, "concerne", []) or [])
        targets += list(getattr(s, "derive_de", []) or [])
        out.append(
            {
                "id": entry.id,
                "acteur": entry.acteur or "",
                "type": entry.kind,
                "cibles": " ".join(targets),
                "titre": plain(getattr(s, "titre", None) or ""),
                "texte": _text(s),
                "source": entry.provenance.document,
                "section": entry.provenance.section or "",
            }
        )
    return out


def to_csv(ref: Referentiel) -> str:
    """UTF-8 with a BOM so that spreadsheet software reads the accents."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows(ref))
    return "\ufeff" + buffer.getvalue()
