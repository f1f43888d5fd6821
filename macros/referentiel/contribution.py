"""Contributing without a developer: issue forms, prefilled links, statements written as files.

Pure functions (no MkDocs): the views call ``proposer_url`` and ``edit_url``; the
command line calls ``proposition_from_issue`` (a filled form), ``nouvelle`` (``make new``)
and ``add_proposition``.

A statement that comes from a later source is a file of its own,
``data/sources/<source>/<id>.yaml``, and its source, when new, another
(``data/sources/<source>.yaml``): a contribution only ever creates files, so two
contributions never edit the same lines (two that declare the same journée write the
same file, byte for byte, and git merges them). The files are written as text (comments
kept, texts folded), then validated whole by the project's own validator.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping
from urllib.parse import urlencode

import yaml

from .errors import suggestion
from .francais import MOIS, slug
from .model import ACTOR_IDS, EVERYONE, GENRES_CONTRIBUES, ID_MAX_LENGTH, PLACEHOLDER_TEXTS
from .registry import SOURCES_DIR

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
NO_RESPONSE = "_No response_"
TO_COMPLETE = PLACEHOLDER_TEXTS[0]


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
        answers[normal(label)] = "" if value == NO_RESPONSE else value
    return answers


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def normal(label: str) -> str:
    """A label or a checked option as compared: every kind of space one ordinary space (GitHub or a
    browser may turn the no-break space before « : » into another), curly apostrophes and quotes straight."""
    return _SPACES.sub(" ", label).translate(_QUOTES).strip()


def _checked(value: str) -> list[str]:
    return [normal(m.group(1)) for m in re.finditer(r"^\s*[-*] \[[xX]\] (.+)$", value, re.M)]


@dataclass
class Proposition:
    kind: str
    de: str
    vers: str | None
    titre: str | None
    texte: str
    source: dict[str, str] = field(default_factory=dict)  # what the form says of it (evenement, date, lieu…)
    source_id: str | None = None  # or an existing source, by id (``make new SOURCE=…``)
    champs: dict[str, str] = field(default_factory=dict)  # how its author named those fields (a form's labels…)

    @property
    def brouillon(self) -> bool:
        """Still a draft: its text is the placeholder the validator refuses (``make new`` without TEXTE)."""
        return TO_COMPLETE in self.texte


SOURCE_FIELDS = ("evenement", "date", "lieu", "organisation", "publication")


def _form_of(answers: dict[str, str], root: Path) -> str:
    for name in dict.fromkeys(FORMS.values()):
        if all(normal(f.label) in answers for f in load_form(name, root) if f.required):
            return name
    raise PropositionInvalide(
        "ce ticket ne vient pas d'un formulaire « Proposer … » (ou un champ obligatoire a été effacé)")


def _check_answers(fields: list[FormField], by_id: dict[str, str]) -> None:
    """Every consent checked, every required field filled (said with the form's own labels)."""
    for f in fields:
        if f.type == "checkboxes":
            missing = [o for o in f.options if normal(o) not in _checked(by_id[f.id])]
            if missing:
                raise PropositionInvalide("case non cochée : « " + missing[0] + " »")
        elif f.required and not by_id[f.id]:
            raise PropositionInvalide(f"champ obligatoire « {f.label} » vide")


def _actor(by_id: dict[str, str], key: str) -> str | None:
    if key not in by_id:
        return None
    actor = option_id(by_id[key])
    if actor not in (*ACTOR_IDS, EVERYONE):
        raise PropositionInvalide(f"acteur inconnu « {actor} »")
    return actor


def proposition_from_issue(body: str, root: Path = ROOT) -> Proposition:
    """The statement a filled form proposes; refuses an incomplete or unconsented one, in the
    words of the form (its labels), never in those of the YAML it becomes."""
    answers = parse_issue_body(body)
    form_name = _form_of(answers, root)
    fields = load_form(form_name, root)
    by_id = {f.id: answers.get(normal(f.label), "") for f in fields}
    _check_answers(fields, by_id)
    kind = option_id(by_id["genre"]) if "genre" in by_id else next(k for k, n in FORMS.items() if n == form_name)
    if kind not in FORMS:
        raise PropositionInvalide(f"genre inconnu « {kind} »")
    labels = {f.id: f.label for f in fields}
    source = {k: by_id.get(k, "").strip() for k in SOURCE_FIELDS}
    if source["date"]:
        source["date"] = date_du_formulaire(source["date"], labels.get("date", "Date"))
    return Proposition(kind, _actor(by_id, "de"), _actor(by_id, "vers"), by_id.get("titre") or None,
                       by_id["texte"], source, champs=labels)


# ---------------------------------------------------------------------------
# French dates, as people write them in a form
# ---------------------------------------------------------------------------

_MOIS_NUMERO = {slug(m): i for i, m in enumerate(MOIS, start=1)}  # « février » and « fevrier » alike


def date_du_formulaire(value: str, label: str = "Date de la journée") -> str:
    """« 14/03/2027 », « 14 mars 2027 », « 1er mars 2027 », « 2027-03-14 » → « 2027-03-14 »; anything
    else is refused in plain words about the form's field ``label``."""
    text = " ".join(value.split()).strip().rstrip(".")
    day = month = year = None
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        year, month, day = (int(x) for x in m.groups())
    elif m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text):
        day, month, year = (int(x) for x in m.groups())
    elif m := re.fullmatch(r"(?:le )?(\d{1,2})(?:er)? ([^\W\d_]+) (\d{4})", text, re.I):
        day, month, year = int(m.group(1)), _MOIS_NUMERO.get(slug(m.group(2))), int(m.group(3))
    if day is None or month is None:
        raise PropositionInvalide(
            f"« {label} » : « {value.strip()} » n'est pas une date complète ; écrivez par exemple 14/03/2027 "
            "ou 14 mars 2027")
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        raise PropositionInvalide(
            f"« {label} » : le {day} {MOIS[month - 1] if 1 <= month <= 12 else f'/{month}/'} {year} n'existe pas ; "
            "vérifiez le jour et le mois") from None


# ---------------------------------------------------------------------------
# Ids from the words
# ---------------------------------------------------------------------------

_STOP = frozenset({"le", "la", "les", "de", "des", "du", "d", "l", "un", "une", "et", "a", "au", "aux", "en",
         "pour", "que", "qui", "sur", "dans", "par", "plus", "ne", "pas", "se", "sa", "son", "ses", "nos", "vos"})


def _mots_du_titre(text: str) -> str:
    """The id's words: the first five that say something (« Associer les agents en amont » → « associer-agents-amont »)."""
    return slug(text, mots=5, sauf=_STOP) or "sans-titre"


def fresh_id(base: str, taken: Iterable[str]) -> str:
    """``base`` (cut to the id length limit), or ``base-2``, ``base-3``… if taken."""
    taken = set(taken)
    base = base[: ID_MAX_LENGTH - 4].strip("-")
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def statement_id(prop: Proposition, taken: Iterable[str]) -> str:
    """The id of a proposed statement, from its title (a message: from its text): « agent-attente-… »."""
    target = f"{prop.vers}-" if prop.kind == "message" else ""
    return fresh_id(f"{prop.de}-{prop.kind}-{target}{_mots_du_titre(prop.titre or prop.texte)}", taken)


# ---------------------------------------------------------------------------
# Writing the files
# ---------------------------------------------------------------------------


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


def render_file(schema: str, comments: list[str], fields: list[tuple[str, object]]) -> str:
    """A data file: the line that points editors at its schema, French comments, then its fields
    (values quoted, texts folded, lists inline)."""
    lines = [f"# yaml-language-server: $schema={schema}", *(f"# {c}" for c in comments)]
    for key, value in fields:
        if isinstance(value, list):
            lines.append(f"{key}: [{', '.join(value)}]")
        elif key in ("texte", "description"):
            block = folded(str(value), 2)
            lines.append(f"{key}: {block[0]}")
            lines += block[1:]
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n"


def _journee(src: dict[str, str], labels: dict[str, str]) -> list[tuple[str, object]]:
    for key, why in (("date", "sa date"), ("lieu", "son lieu (la ville, ou seulement le département si le "
                                                        "territoire ne souhaite pas être nommé)"),
                     ("organisation", "l'organisation qui l'anime")):
        if not src.get(key):
            raise PropositionInvalide(f"« {labels[key]} » est vide : une journée de groupe de pairs indique {why}")
    return [("type", "journee"), ("titre", quoted(src.get("evenement") or "Journée de groupe de pairs")),
            ("date", quoted(src["date"])), ("lieu", quoted(src["lieu"])), ("organisation", quoted(src["organisation"]))]


def source_fields(src: dict[str, str], labels: dict[str, str]) -> tuple[str, list[tuple[str, object]]]:
    """The id and the fields of the source a form names: a journée, or a publication. A missing value
    is named as its author named it (``labels``: the form's labels, or ``make new``'s variables)."""
    if not any(src.values()):
        raise PropositionInvalide(
            "source manquante : indiquez la journée (date, lieu, organisation qui anime) ou la publication")
    if src.get("publication") and not src.get("evenement"):
        year = re.search(r"\b(19|20)\d{2}\b", src["publication"])
        date = src.get("date") or (year.group(0) if year else "")
        if not date:
            raise PropositionInvalide(f"« {labels['publication']} » : indiquez aussi son année (par exemple « …, 2026 »)")
        return (f"publication-{slug(src['publication'], 4)}",
                [("type", "publication"), ("titre", quoted(src["publication"])), ("date", quoted(date))])
    fields = _journee(src, labels)
    return f"journee-{src['date']}-{slug(src['lieu'], 3)}", fields


def _same_source(source, src: dict[str, str]) -> bool:
    if src.get("publication") and not src.get("evenement"):
        return slug(source.titre) == slug(src["publication"])
    return (source.date == src.get("date") and slug(source.lieu or "") == slug(src.get("lieu", ""))
            and slug(source.organisation or "") == slug(src.get("organisation", "")))


def statement_fields(prop: Proposition) -> list[tuple[str, object]]:
    fields: list[tuple[str, object]] = [("genre", prop.kind), ("de", prop.de)]
    if prop.kind == "message":
        fields.append(("destinataire", prop.vers))
    else:
        if prop.kind == "attente":
            fields.append(("envers", [prop.vers]))
        fields.append(("titre", quoted(prop.titre or "")))
    fields.append(("texte", prop.texte))
    return fields


SCHEMA_OF_SOURCE = "../../schema/source.schema.json"
SCHEMA_OF_STATEMENT = "../../../schema/enonce.schema.json"


@dataclass
class Ajout:
    """What was written: the statement's id and file, and its source's file when it is new."""

    id: str
    fichier: Path
    source: str
    source_ajoutee: Path | None = None


def _source_of(data_dir: Path, prop: Proposition, ref, taken: set[str]) -> tuple[str, Path | None]:
    """The id of the proposition's source, and the file written when it is new."""
    if prop.source_id:
        if prop.source_id not in ref.sources:
            known = ", ".join(sorted(ref.sources))
            raise PropositionInvalide(f"source « {prop.source_id} » inconnue (sources connues : {known})"
                                      + suggestion(prop.source_id, sorted(ref.sources), n=1))
        return prop.source_id, None
    same = next((s.id for s in ref.source_list if _same_source(s, prop.source)), None)
    if same:
        return same, None
    base, fields = source_fields(prop.source, prop.champs)
    ident = fresh_id(base, taken | set(ref.sources))
    path = data_dir / SOURCES_DIR / f"{ident}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_file(SCHEMA_OF_SOURCE, [
        "Une source : une journée de groupe de pairs ou une publication. Le nom du fichier est son identifiant ;",
        f"les énoncés qu'elle a apportés sont les fichiers du dossier {SOURCES_DIR}/{ident}/ (ajoutez-y les vôtres).",
    ], fields), encoding="utf-8")
    return ident, path


def add_proposition(data_dir: Path, prop: Proposition, ref, taken: Iterable[str]) -> Ajout:
    """Write ``prop`` into ``data_dir``: its statement's file in its source's folder, and the source's
    file when the source is new. ``ref`` is the référentiel as it is (its sources are looked up)."""
    taken = set(taken)
    source, new_source = _source_of(data_dir, prop, ref, taken)
    folder = data_dir / SOURCES_DIR / source
    ident = statement_id(prop, taken | {p.stem for p in folder.glob("*.yaml")})
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{ident}.yaml"
    path.write_text(render_file(SCHEMA_OF_STATEMENT, [
        f"Un énoncé de la source « {source} » (le dossier). Le nom du fichier est son identifiant permanent.",
        "Pour le corriger, changez les textes ci-dessous ; pour ajouter un énoncé, ajoutez un fichier à côté.",
    ], statement_fields(prop)), encoding="utf-8")
    return Ajout(ident, path, source, new_source)


# ---------------------------------------------------------------------------
# `make new`: a statement from the command line
# ---------------------------------------------------------------------------

TITLED = ("enjeu", "pouvoir", "attente")
ADDRESSED = ("attente", "message")
DRAFT_TEXT = f"{TO_COMPLETE} : le texte, en phrases."


def check_new(kind: str, de: str | None, vers: str | None) -> None:
    """What ``make new`` is asked for makes sense (French messages listing what is possible)."""
    kinds = [k for k in GENRES_CONTRIBUES if k in FORMS]
    if kind not in kinds:
        raise PropositionInvalide(f"genre « {kind} » inconnu : KIND vaut {', '.join(kinds[:-1])} ou {kinds[-1]}"
                                  + suggestion(kind, kinds, n=1))
    if de is not None and de not in ACTOR_IDS:
        raise PropositionInvalide(f"acteur inconnu « {de} » (possibles : {', '.join(ACTOR_IDS)})")
    if vers is not None and vers not in (*ACTOR_IDS, *([EVERYONE] if kind == "attente" else [])):
        raise PropositionInvalide(f"acteur inconnu « {vers} »")
    if vers is not None and kind == "message" and vers == de:
        raise PropositionInvalide("un message s'adresse à un autre acteur : pour les pairs, proposez une attente")


def nouvelle(kind: str, de: str, vers: str | None, titre: str | None, texte: str | None,
             source_id: str | None, source: dict[str, str]) -> Proposition:
    """The proposition ``make new`` writes; without its text, a draft whose text is to write."""
    check_new(kind, de, vers)
    if kind in ADDRESSED and vers is None:
        raise PropositionInvalide(f"une {kind} s'adresse à quelqu'un : ajoutez VERS=… (un acteur"
                                  + (" ou tous)" if kind == "attente" else ")"))
    if kind in TITLED and not titre:
        raise PropositionInvalide("le titre manque : ajoutez TITRE=\"…\" (l'identifiant de l'énoncé en est tiré)")
    if kind == "message" and not texte:
        raise PropositionInvalide("le message manque : ajoutez TEXTE=\"…\" (l'identifiant en est tiré)")
    if not source_id and not any(source.values()):
        raise PropositionInvalide("la source manque : ajoutez SOURCE=<identifiant d'un fichier de data/sources/>, "
                                  "ou, pour une nouvelle journée, DATE=… LIEU=… ORGANISATION=…")
    if source.get("date"):
        source = {**source, "date": date_du_formulaire(source["date"], "DATE")}
    return Proposition(kind, de, vers, titre if kind in TITLED else None, texte or DRAFT_TEXT, source, source_id,
                       champs=NEW_LABELS)


NEW_LABELS = {"evenement": "EVENEMENT", "date": "DATE", "lieu": "LIEU", "organisation": "ORGANISATION",
              "publication": "SOURCE"}
