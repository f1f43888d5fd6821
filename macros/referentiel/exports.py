"""Open data: the whole référentiel as JSON, one row per statement as CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .markup import plain
from .model import SCHEMA_VERSION
from .referentiel import Entry, Referentiel
from .registry import SHARED_FILES

CSV_COLUMNS = ["id", "acteur", "type", "cibles", "titre", "texte", "source", "section"]


def to_json(ref: Referentiel) -> str:
    """Every file of the model, as validated, with the schema and référentiel versions."""
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    for shared in SHARED_FILES:
        data[shared.cle_export] = ref.shared_file(shared.nom).model_dump(mode="json", exclude_none=True)
        if shared.nom == "referentiel.yaml":  # each source once, then the actors (with every statement)
            data["sources"] = [s.model_dump(mode="json", exclude_none=True) for s in ref.source_list]
            data["acteurs"] = [a.model_dump(mode="json", exclude_none=True) for a in ref.acteurs]
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _text(entry: Entry) -> str:
    parts = [entry.texte or ""]
    for element in entry.elements:
        parts.append(" : ".join(x for x in (element.titre, element.texte) if x))
    if entry.suite:
        parts.append(entry.suite)
    return "\n".join(plain(p) for p in parts if p)


def rows(ref: Referentiel) -> list[dict[str, str]]:
    out = []
    for entry in ref.index.values():
        targets = [entry.destinataire] if entry.destinataire else entry.envers
        targets += entry.concerne + entry.derive_de
        out.append(
            {
                "id": entry.id,
                "acteur": entry.acteur or "",
                "type": entry.kind,
                "cibles": " ".join(targets),
                "titre": plain(entry.titre or ""),
                "texte": _text(entry),
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
