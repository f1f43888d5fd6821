"""Contributing without a developer: issue forms, prefilled links, statements added by text.

Pure functions (no MkDocs): the views call ``proposer_url`` and ``edit_url``; the
command line calls ``parse_issue_body``, ``proposition_from_issue``, ``scaffold`` and
``insert_statement``.

Why careful text insertion rather than a round-trip YAML library: a new statement
is always appended at the end of one list of one file, so the rest of the file is
kept byte for byte (comments, blank lines, folded texts, quoting) without adding a
dependency; the result is then validated whole by the project's own validator.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping
from urllib.parse import urlencode

import yaml

from .errors import fold
from .model import ACTOR_IDS, EVERYONE, ID_MAX_LENGTH

ROOT = Path(__file__).resolve().parents[2]
FORMS_DIR = ".github/ISSUE_TEMPLATE"
EVERYONE_LABEL = "Tous les acteurs"

# Statement kind → its issue form and the actor-file list it goes into.
FORMS = {
    "attente": "proposer-attente.yml",
    "message": "proposer-message.yml",
    "enjeu": "proposer-enjeu-pouvoir.yml",
    "pouvoir": "proposer-enjeu-pouvoir.yml",
}
LISTS = {"attente": "attentes", "message": "messages", "enjeu": "enjeux", "pouvoir": "pouvoirs"}
NO_RESPONSE = "_No response_"
TO_COMPLETE = "À COMPLÉTER"


class PropositionInvalide(ValueError):
    """The form's answers cannot become a statement; the message is French."""


# ---------------------------------------------------------------------------
# Links
# ---------------------------------------------------------------------------


def repo_url(root: Path = ROOT) -> str:
    """``repo_url`` from mkdocs.yml (the one place it is written)."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^repo_url:\s*(\S+)\s*$", text, re.M)
    if not match:
        raise KeyError("repo_url absent de mkdocs.yml")
    return match.group(1).rstrip("/")


def actor_option(actor_id: str, label: str) -> str:
    """How an actor is offered in a form's dropdown: « Élus (elu) »."""
    return f"{label} ({actor_id})"


def option_id(option: str) -> str:
    """« Élus (elu) » → « elu »: the id in the last parentheses."""
    match = re.search(r"\(([a-z0-9-]+)\)\s*$", option.strip())
    if not match:
        raise PropositionInvalide(f"choix « {option} » non reconnu")
    return match.group(1)


def proposer_url(
    repo: str,
    kind: str,
    labels: Mapping[str, str],
    sender: str | None = None,
    recipient: str | None = None,
) -> str:
    """The link that opens the issue form of ``kind`` with the actors already chosen.

    ``labels`` maps each actor id to the label its dropdown shows (``libelles.pluriel``).
    GitHub prefills a field from the query parameter named after its ``id``.
    """
    if kind not in FORMS:
        raise KeyError(kind)
    params = {"template": FORMS[kind]}
    if sender:
        params["de"] = actor_option(sender, labels[sender])
    if recipient:
        label = EVERYONE_LABEL if recipient == EVERYONE else labels[recipient]
        params["vers"] = actor_option(recipient, label)
    if kind in ("enjeu", "pouvoir"):
        params["genre"] = GENRES[kind]
    return f"{repo.rstrip('/')}/issues/new?{urlencode(params)}"


GENRES = {
    "enjeu": "Enjeu : ce à quoi l'acteur fait face (enjeu)",
    "pouvoir": "Pouvoir : ce que l'acteur peut faire (pouvoir)",
}


def report_url(repo: str, address: str) -> str:
    """The « Signaler une erreur » form with the page's address already filled in."""
    return f"{repo.rstrip('/')}/issues/new?{urlencode({'template': 'signaler-erreur.yml', 'adresse': address})}"


def edit_url(repo: str, path: str, line: int | None = None, branch: str = "main") -> str:
    """GitHub's web editor on ``path`` (relative to the repository), at ``line``."""
    anchor = f"#L{line}" if line else ""
    return f"{repo.rstrip('/')}/edit/{branch}/{path}{anchor}"


# ---------------------------------------------------------------------------
# Issue forms and their bodies
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FormField:
    id: str
    label: str
    type: str
    options: tuple[str, ...] = ()
    required: bool = False


def load_form(name: str, root: Path = ROOT) -> list[FormField]:
    """The fields of one issue form (markdown blocks left out)."""
    data = yaml.safe_load((root / FORMS_DIR / name).read_text(encoding="utf-8"))
    fields = []
    for item in data["body"]:
        if item["type"] == "markdown":
            continue
        attrs = item["attributes"]
        options = tuple(
            o["label"] if isinstance(o, dict) else str(o) for o in attrs.get("options", [])
        )
        fields.append(FormField(item.get("id", ""), attrs["label"], item["type"], options,
                                bool(item.get("validations", {}).get("required"))))
    return fields


def parse_issue_body(body: str) -> dict[str, str]:
    """GitHub's rendering of a form (``### Label`` then the answer) → label → answer."""
    answers: dict[str, str] = {}
    parts = re.split(r"^###[ \t]+(.+?)[ \t]*$", body.replace("\r\n", "\n"), flags=re.M)
    for label, value in zip(parts[1::2], parts[2::2]):
        value = value.strip()
        answers[label.strip()] = "" if value == NO_RESPONSE else value
    return answers


def _checked(value: str) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(r"^- \[[xX]\] (.+)$", value, re.M)]


@dataclass
class Proposition:
    kind: str
    de: str
    vers: str | None
    titre: str | None
    texte: str
    source: dict[str, str] = field(default_factory=dict)
    brouillon: bool = False  # scaffolded by `new`: texts and source still to write


def proposition_from_issue(body: str, root: Path = ROOT) -> Proposition:
    """The statement a filled form proposes; refuses an incomplete or unconsented one."""
    answers = parse_issue_body(body)
    form_name = next(
        (name for name in dict.fromkeys(FORMS.values())
         if all(f.label in answers for f in load_form(name, root) if f.required)),
        None,
    )
    if form_name is None:
        raise PropositionInvalide(
            "ce ticket ne vient pas d'un formulaire « Proposer … » (ou un champ obligatoire a été effacé)"
        )
    fields = load_form(form_name, root)
    by_id = {f.id: answers.get(f.label, "") for f in fields}
    for f in fields:
        if f.type == "checkboxes":
            missing = [o for o in f.options if o not in _checked(by_id[f.id])]
            if missing:
                raise PropositionInvalide("case non cochée : « " + missing[0] + " »")
        elif f.required and not by_id[f.id]:
            raise PropositionInvalide(f"champ obligatoire « {f.label} » vide")
    kind = option_id(by_id["genre"]) if "genre" in by_id else next(k for k, n in FORMS.items() if n == form_name)
    if kind not in LISTS:
        raise PropositionInvalide(f"genre inconnu « {kind} »")
    de = option_id(by_id["de"])
    vers = option_id(by_id["vers"]) if "vers" in by_id else None
    for actor in (de, vers):
        if actor is not None and actor not in (*ACTOR_IDS, EVERYONE):
            raise PropositionInvalide(f"acteur inconnu « {actor} »")
    source = {k: by_id.get(k, "").strip() for k in ("evenement", "date", "lieu", "organisation", "publication")}
    return Proposition(kind, de, vers, by_id.get("titre") or None, by_id["texte"], source)


# ---------------------------------------------------------------------------
# Writing YAML by text
# ---------------------------------------------------------------------------

_STOP = {"le", "la", "les", "de", "des", "du", "d", "l", "un", "une", "et", "a", "au", "aux", "en",
         "pour", "que", "qui", "sur", "dans", "par", "plus", "ne", "pas", "se", "sa", "son", "ses", "nos", "vos"}


def slug(text: str, words: int = 5) -> str:
    kept = [w for w in re.split(r"[^a-z0-9]+", fold(text)) if w and w not in _STOP]
    return "-".join(kept[:words]) or "sans-titre"


def fresh_id(base: str, taken: Iterable[str]) -> str:
    """``base`` (cut to the id length limit), or ``base-2``, ``base-3``… if taken."""
    taken = set(taken)
    base = base[: ID_MAX_LENGTH - 4].strip("-")
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def quoted(text: str) -> str:
    """A one-line YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def folded(text: str, indent: int) -> list[str]:
    """``>-`` block lines: one line per paragraph, a blank line between paragraphs."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    out = [">-"]
    for i, paragraph in enumerate(paragraphs):
        if i:
            out.append("")
        out.append(" " * indent + paragraph)
    return out


def render_item(fields: list[tuple[str, object]], indent: int = 2) -> list[str]:
    """A list item: ``- id: …`` then its fields; values are quoted, texts folded, lists inline."""
    lines: list[str] = []
    pad = " " * indent
    for i, (key, value) in enumerate(fields):
        lead = f"{pad}- " if i == 0 else f"{pad}  "
        if isinstance(value, list):
            lines.append(f"{lead}{key}: [{', '.join(value)}]")
        elif isinstance(value, dict):
            lines.append(f"{lead}{key}:")
            lines += [f"{pad}    {k}: {v}" for k, v in value.items()]
        elif key in ("texte", "description") and isinstance(value, str):
            block = folded(value, indent + 4)
            lines.append(f"{lead}{key}: {block[0]}")
            lines += block[1:]
        else:
            lines.append(f"{lead}{key}: {value}")
    return lines


def insert_item(text: str, list_key: str, item: list[str]) -> tuple[str, int]:
    """Append ``item`` to the top-level list ``list_key`` of a file's text.

    Returns the new text and the 1-based line of the item's first line. Everything
    else is kept byte for byte; a blank line separates the item from the previous one.
    """
    lines = text.split("\n")
    start = next((i for i, l in enumerate(lines) if re.match(rf"^{re.escape(list_key)}:\s*(\[\s*\])?\s*(#.*)?$", l)), None)
    if start is None:
        while lines and lines[-1] == "":
            lines.pop()
        lines += ["", f"{list_key}:"]
        at = len(lines)
        lines += item + [""]
        return "\n".join(lines), at + 1
    lines[start] = f"{list_key}:"  # « messages: [] » becomes a block list
    end = start + 1
    while end < len(lines) and (not lines[end] or lines[end][0] in " #"):
        end += 1
    # Blank lines and comments just before the next key belong to it.
    last = end - 1
    while last > start and (not lines[last].strip() or lines[last].startswith("#")):
        last -= 1
    block = ([""] if last > start else []) + item
    lines[last + 1 : last + 1] = block
    return "\n".join(lines), last + 2 + (1 if last > start else 0)


# ---------------------------------------------------------------------------
# From a proposition to the files
# ---------------------------------------------------------------------------


def _source_fields(prop: Proposition, taken: set[str]) -> tuple[str, list[tuple[str, object]]] | None:
    src = prop.source
    if not any(src.values()):
        raise PropositionInvalide(
            "source manquante : indiquez l'événement (date, lieu, organisation) ou la publication"
        )
    date = src.get("date", "")
    if src.get("publication") and not src.get("evenement"):
        year = re.search(r"\b(19|20)\d{2}\b", src["publication"])
        date = date or (year.group(0) if year else "")
        if not date:
            raise PropositionInvalide("date manquante : indiquez l'année de la publication")
        ident = fresh_id(f"publication-{slug(src['publication'], 4)}", taken)
        return ident, [("id", ident), ("type", "publication"), ("titre", quoted(src["publication"])),
                       ("date", quoted(date))]
    if not date:
        raise PropositionInvalide("date manquante : indiquez la date de la journée (AAAA-MM-JJ)")
    place = src.get("lieu") or src.get("organisation") or ""
    ident = fresh_id(f"journee-{date}" + (f"-{slug(place, 3)}" if place else ""), taken)
    fields: list[tuple[str, object]] = [
        ("id", ident), ("type", "journee"),
        ("titre", quoted(src.get("evenement") or "Journée de groupe de pairs")), ("date", quoted(date)),
    ]
    if src.get("lieu"):
        fields.append(("lieu", quoted(src["lieu"])))
    if src.get("organisation"):
        fields.append(("organisation", quoted(src["organisation"])))
    return ident, fields


def _existing_source(data_dir: Path, prop: Proposition) -> str | None:
    """A source of sources.yaml that is the same event or publication."""
    data = yaml.safe_load((data_dir / "sources.yaml").read_text(encoding="utf-8"))
    src = prop.source
    for source in data.get("sources", []):
        same = (
            (src.get("publication") and not src.get("evenement")
             and fold(str(source.get("titre", ""))) == fold(src["publication"]))
            or (src.get("date") and str(source.get("date")) == src["date"]
                and fold(str(source.get("lieu") or "")) == fold(src.get("lieu", ""))
                and fold(str(source.get("organisation") or "")) == fold(src.get("organisation", "")))
        )
        if same:
            return str(source["id"])
    return None


def statement_fields(prop: Proposition, ident: str, source: str | None) -> list[tuple[str, object]]:
    fields: list[tuple[str, object]] = [("id", ident)]
    if prop.kind == "message":
        fields.append(("destinataire", prop.vers))
    else:
        fields.append(("titre", quoted(prop.titre or TO_COMPLETE)))
        if prop.kind == "attente":
            fields.append(("envers", [prop.vers]))
    fields.append(("texte", prop.texte))
    if source:
        fields.append(("source", {"document": source}))
    return fields


@dataclass
class Ajout:
    """What was written: the statement's id and where."""

    id: str
    fichier: Path
    ligne: int
    source_ajoutee: str | None = None


PLACEHOLDER_SOURCE = "a-completer"


def add_proposition(data_dir: Path, prop: Proposition, taken: Iterable[str]) -> Ajout:
    """Write ``prop`` into ``data_dir`` (actor file, and sources.yaml if its source is new).

    A scaffold (no source given) names the source « a-completer », which the validator
    refuses until the contributor writes the real one.
    """
    taken = set(taken)
    new_source = None
    source = _existing_source(data_dir, prop) if any(prop.source.values()) else None
    if prop.brouillon:
        source = PLACEHOLDER_SOURCE
    elif source is None and any(prop.source.values()):
        source, fields = _source_fields(prop, taken)
        path = data_dir / "sources.yaml"
        text, _ = insert_item(path.read_text(encoding="utf-8"), "sources", render_item(fields))
        path.write_text(text, encoding="utf-8")
        new_source = source
    elif not any(prop.source.values()):
        _source_fields(prop, taken)  # raises: a proposition names its source
    basis = prop.titre or prop.texte
    target = "" if prop.kind != "message" else f"{prop.vers}-"
    ident = fresh_id(f"{prop.de}-{prop.kind}-{target}{slug(basis)}", taken)
    path = data_dir / "acteurs" / f"{prop.de}.yaml"
    text, line = insert_item(path.read_text(encoding="utf-8"), LISTS[prop.kind],
                             render_item(statement_fields(prop, ident, source)))
    path.write_text(text, encoding="utf-8")
    return Ajout(ident, path, line, new_source)


def scaffold(kind: str, de: str, vers: str | None) -> Proposition:
    """A statement to complete by hand (the validator refuses « À COMPLÉTER »)."""
    if kind not in LISTS:
        raise PropositionInvalide(f"genre inconnu « {kind} » (possibles : {', '.join(LISTS)})")
    if de not in ACTOR_IDS:
        raise PropositionInvalide(f"acteur inconnu « {de} » (possibles : {', '.join(ACTOR_IDS)})")
    if kind in ("attente", "message") and vers is None:
        raise PropositionInvalide(f"une {kind} s'adresse à quelqu'un : ajoutez --vers")
    if vers is not None and vers not in (*ACTOR_IDS, *([EVERYONE] if kind == "attente" else [])):
        raise PropositionInvalide(f"acteur inconnu « {vers} »")
    titre = None if kind == "message" else f"{TO_COMPLETE} : le titre, tel que le groupe l'a formulé."
    return Proposition(kind, de, vers, titre, f"{TO_COMPLETE} : le texte, en phrases.", brouillon=True)
