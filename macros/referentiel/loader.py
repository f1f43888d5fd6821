"""A hardened YAML reader that remembers where every value came from.

PyYAML's ``safe_load`` keeps the last of duplicate keys, reads ``no`` as
False and ``12:30`` as 750, and expands aliases (an "alias bomb" of a few
hundred bytes can fill the memory). This reader:

* refuses files that are too large, not UTF-8, or indented with tabs, before
  parsing them;
* refuses anchors and aliases as soon as the parser meets the first one;
* refuses duplicate keys and non-text keys;
* bounds the nesting depth and the number of values;
* returns every plain (unquoted) scalar as a string, tagged with what YAML 1.1
  would have made of it, so that the model can refuse ``titre: no``;
* records the line of every key and value, so that each error names its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml, PyYAML's C extension (its wheels ship it): about ten times faster
    from yaml._yaml import CParser as _Parser

    _LIBYAML = True
except ImportError:  # pragma: no cover - a PyYAML built without libyaml: same events, in Python
    _Parser = yaml.SafeLoader
    _LIBYAML = False
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode
from yaml.reader import ReaderError

from .errors import INVISIBLES, Probleme
from .francais import milliers
from .model import PlainScalar

# 4 MB: a hundred times today's largest actor file (about 20 KB) fits; a file far
# beyond is a paste gone wrong, and refusing it before parsing bounds the memory.
MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 32
MAX_NODES = 200_000

FieldPath = tuple[Any, ...]


class YamlRefus(Exception):
    """A refusal with a French message and a 1-based line."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Document:
    """A parsed file: its data and the line of each path."""

    data: Any
    lines: dict[FieldPath, int] = field(default_factory=dict)

    def line_of(self, path: FieldPath) -> int | None:
        """The line of ``path``, or of its nearest recorded ancestor."""
        path = tuple(path)
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]


_YAML11_KINDS = {
    "tag:yaml.org,2002:bool": "booléen",
    "tag:yaml.org,2002:int": "nombre",
    "tag:yaml.org,2002:float": "nombre",
    "tag:yaml.org,2002:timestamp": "date",
}
_NULL_TAG = "tag:yaml.org,2002:null"

# Messages of the YAML scanner/parser, in the words a contributor understands.
_SYNTAX_HINTS = [
    ("mapping values are not allowed", "un « : » inattendu : si la valeur contient « : », mettez-la entre guillemets"),
    ("could not find expected ':'", "il manque « : » après une clé, ou une ligne de texte est moins en retrait "
     "que le texte qu'elle continue"),
    ("did not find expected key", "indentation incohérente : alignez cette ligne sur ses voisines"),
    ("did not find expected '-' indicator", "indentation incohérente dans une liste"),
    ("expected <block end>", "indentation incohérente : alignez cette ligne sur ses voisines"),
    ("found unexpected end of stream", "guillemet ou crochet non fermé avant la fin du fichier"),
    ("found unknown escape character", "caractère d'échappement inconnu après « \\ » entre guillemets doubles"),
    ("while scanning a quoted scalar", "guillemet non fermé"),
    ("found character '\\t'", "tabulation interdite : YAML n'accepte que des espaces"),
    ("expected a comment or a line break", "texte inattendu après une valeur entre guillemets"),
    ("found character that cannot start any token", "caractère qui ne peut pas commencer une valeur : mettez la valeur entre guillemets"),
    ("expected ',' or ']'", "liste entre crochets mal formée"),
    ("expected ',' or '}'", "bloc entre accolades mal formé"),
    ("but found another document", "un seul document par fichier : retirez le « --- » ou le « ... »"),
    ("special characters are not allowed", "caractère spécial interdit"),
]


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or str(exc)
    context = exc.context or ""
    for needle, hint in _SYNTAX_HINTS:
        if needle in problem or needle in context:
            return f"syntaxe YAML invalide : {hint}"
    return "syntaxe YAML invalide près de cette ligne (vérifiez l'indentation, les « : » et les guillemets)"


def _invisible_near(text: str, line: int | None, exc: yaml.MarkedYAMLError) -> tuple[str, int] | None:
    """An invisible character in the structure (not in a text) near a syntax error: name it.

    A non-breaking space after ``envers:`` looks like a space but is not one for YAML.
    """
    marks = [m.line + 1 for m in (exc.problem_mark, exc.context_mark) if m is not None]
    lines = text.split("\n")
    for number in sorted({n for m in marks + ([line] if line else []) for n in (m - 1, m)}):
        if not 1 <= number <= len(lines):
            continue
        content = lines[number - 1]
        # Only where YAML reads structure: indentation, or right after a key's « : ».
        match = re.match(r"^(\s*)(?:- )?([\w-]+:)?(\s*)", content)
        structural = (match.group(1) if match else "") + (match.group(3) if match else "")
        for char, name in INVISIBLES.items():
            if char in structural:
                column = content.index(char) + 1
                key = f" après « {match.group(2)} »" if match and match.group(2) else ""
                return (
                    f"caractère invisible{key} (colonne {column}) : une {name} (U+{ord(char):04X}) "
                    "n'est pas une espace pour YAML ; remplacez-la par une espace ordinaire",
                    number,
                )
    return None


def read_text(raw: bytes) -> str:
    """Decode a data file, refusing oversized or non-UTF-8 content and tab indentation."""
    if len(raw) > MAX_BYTES:
        raise YamlRefus(
            f"fichier trop volumineux ({milliers(len(raw) // 1024)} Ko ; maximum "
            f"{milliers(MAX_BYTES // 1024)} Ko) : vérifiez qu'aucun texte n'y a été collé par erreur",
            None,
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlRefus(
            f"le fichier n'est pas encodé en UTF-8 (octet 0x{raw[exc.start]:02x} illisible) : "
            "enregistrez-le en UTF-8",
            line,
        ) from None
    if "\x00" in text:
        raise YamlRefus("le fichier contient un caractère nul : est-ce bien un fichier texte ?", None)
    for number, line_text in enumerate(text.splitlines(), start=1):
        indent = re.match(r"[ \t]*", line_text).group(0)
        if "\t" in indent and line_text.strip():
            raise YamlRefus(
                "tabulation dans l'indentation : YAML n'accepte que des espaces "
                "(réglez votre éditeur pour insérer des espaces)",
                number,
            )
    return text


def parse(text: str) -> Document:
    """Parse one YAML document into plain Python values, recording lines.

    libyaml's C parser produces the events; ``_Composer`` turns them into data
    as they come, refusing anchors, aliases and excessive depth or size on the
    first event that shows them (nothing is expanded). Refusals found while
    building (tags, keys, duplicates) wait until the whole file has parsed, so
    that a syntax error anywhere in the file is reported first, as it was when
    the file was composed whole before being read.
    """
    parser = None
    try:
        try:
            parser = _Parser(text)  # PyYAML's reader checks every character here
            composer = _Composer(parser)
            doc = composer.document()
        except YamlRefus:
            raise
        except yaml.MarkedYAMLError as exc:
            # An unclosed quote or bracket is reported where it opens, not where the file ends.
            # A missing « : » is reported where its key starts, not on the next line.
            opened = (exc.context or "").startswith(
                ("while scanning a quoted", "while parsing a flow", "while scanning a simple key")
            )
            mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            invisible = _invisible_near(text, line, exc)
            if invisible:
                raise YamlRefus(*invisible) from None
            raise YamlRefus(_syntax_message(exc), line) from None
        except ReaderError as exc:  # a control character (libyaml counts bytes of UTF-8)
            before = text.encode("utf-8")[: exc.position].decode("utf-8", "ignore") if _LIBYAML else text[: exc.position]
            line = before.count("\n") + 1
            raise YamlRefus(
                f"caractère de contrôle interdit (U+{exc.character:04X}) : supprimez-le", line
            ) from None
        except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
            raise YamlRefus(f"syntaxe YAML invalide ({exc})", None) from None
    finally:
        if parser is not None:
            parser.dispose()
    if composer.deferred is not None:
        raise composer.deferred
    return doc


_MAP_TAGS = (None, "!", "tag:yaml.org,2002:map")
_SEQ_TAGS = (None, "!", "tag:yaml.org,2002:seq")
_STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()


def _resolve(value: str, implicit: tuple[bool, bool]) -> str:
    return _RESOLVER.resolve(ScalarNode, value, implicit)


class _Composer:
    """Data and line numbers straight from libyaml's events (no node tree)."""

    def __init__(self, parser) -> None:
        self.parser = parser
        self.nodes = 0
        self.lines: dict[FieldPath, int] = {}
        self.deferred: YamlRefus | None = None

    def refuse_later(self, message: str, line: int) -> None:
        if self.deferred is None:
            self.deferred = YamlRefus(message, line)

    def document(self) -> Document:
        get = self.parser.get_event
        get()  # stream start
        event = get()
        if isinstance(event, StreamEndEvent):
            raise YamlRefus("le fichier est vide", 1)
        data = self.node((), 1)
        get()  # document end
        event = get()
        if isinstance(event, DocumentStartEvent):
            raise YamlRefus(
                "syntaxe YAML invalide : un seul document par fichier : retirez le « --- » ou le « ... »",
                event.start_mark.line + 1,
            )
        return Document(data=data, lines=self.lines)

    def node(self, path: FieldPath | None, depth: int) -> Any:
        """The next node's value; ``path`` None for a key (its line is recorded by ``mapping``)."""
        event = self.parser.get_event()
        line = event.start_mark.line + 1
        if isinstance(event, AliasEvent):
            raise YamlRefus(
                f"alias « *{event.anchor} » refusé : les ancres (&) et alias (*) ne sont pas "
                "acceptés, recopiez le texte",
                line,
            )
        if event.anchor is not None:
            raise YamlRefus(
                f"ancre « &{event.anchor} » refusée : les ancres (&) et alias (*) ne sont pas acceptés",
                line,
            )
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise YamlRefus(f"fichier trop gros : plus de {MAX_NODES} valeurs, découpez-le", line)
        if depth > MAX_DEPTH:
            raise YamlRefus(f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)", line)
        if path is not None:
            self.lines.setdefault(path, line)
        if isinstance(event, ScalarEvent):
            return self.scalar(event, line)
        if isinstance(event, MappingStartEvent):
            if event.tag not in _MAP_TAGS:
                self.refuse_later(f"étiquette YAML « {event.tag} » refusée : écrivez du texte simple", line)
            return self.mapping(path, depth)
        if event.tag not in _SEQ_TAGS:  # SequenceStartEvent
            self.refuse_later(f"étiquette YAML « {event.tag} » refusée : écrivez du texte simple", line)
        items: list[Any] = []
        peek = self.parser.peek_event
        while not isinstance(peek(), SequenceEndEvent):
            items.append(self.node(None if path is None else path + (len(items),), depth + 1))
        self.parser.get_event()
        return items

    def mapping(self, path: FieldPath | None, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        key_lines: dict[str, int] = {}
        peek = self.parser.peek_event
        while not isinstance(peek(), MappingEndEvent):
            key_event = peek()
            line = key_event.start_mark.line + 1
            self.node(None, depth + 1)  # the key, checked like any node (anchor, tag, depth)
            if not isinstance(key_event, ScalarEvent) or path is None:
                if not isinstance(key_event, ScalarEvent):
                    self.refuse_later("une clé doit être un simple mot (ex. « titre »)", line)
                self.node(None, depth + 1)
                continue
            key = key_event.value
            if key == "<<":
                self.refuse_later("la fusion « << » n'est pas acceptée : recopiez les champs", line)
            if key in key_lines:
                self.refuse_later(
                    f"clé « {key} » en double (déjà à la ligne {key_lines[key]}) : "
                    "une seule des deux serait gardée, supprimez ou renommez l'autre",
                    line,
                )
            key_lines[key] = line
            self.lines[path + (key,)] = line
            result[key] = self.node(path + (key,), depth + 1)
        self.parser.get_event()
        return result

    def scalar(self, event: ScalarEvent, line: int) -> Any:
        # An explicit tag (!!python/object, !!binary…) is refused: data is text.
        value = event.value
        plain = not event.style
        tag = event.tag
        if tag is None or tag == "!":
            tag = _resolve(value, event.implicit)
        if tag not in (_resolve(value, (plain, not plain)), _STR_TAG):
            self.refuse_later(f"étiquette YAML « {tag} » refusée : écrivez du texte simple", line)
        if not plain:  # quoted or block scalar: always text
            return value
        tag = _resolve(value, (True, False))
        if tag == _NULL_TAG:
            return None
        kind = _YAML11_KINDS.get(tag)
        if kind is None and value in ("y", "Y", "n", "N"):
            kind = "booléen"  # YAML 1.1 booleans that PyYAML itself does not resolve
        if kind == "nombre" and ":" in value:
            kind = "nombre sexagésimal"
        return PlainScalar(value, kind)


def load_file(path: Path, display: str) -> tuple[Document | None, list[Probleme]]:
    """Read and parse ``path``; problems are reported under the name ``display``."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Probleme(display, None, "", f"lecture impossible ({exc.strerror})")]
    try:
        return parse(read_text(raw)), []
    except YamlRefus as exc:
        return None, [Probleme(display, exc.line, "", exc.message)]
