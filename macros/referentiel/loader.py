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
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .errors import Probleme
from .model import PlainScalar

MAX_BYTES = 1024 * 1024
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


class _Loader(yaml.SafeLoader):
    """SafeLoader's parser and composer, with anchors, aliases and depth refused."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent, index):  # type: ignore[override]
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise YamlRefus(
                f"alias « *{event.anchor} » refusé : les ancres (&) et alias (*) ne sont pas "
                "acceptés, recopiez le texte",
                event.start_mark.line + 1,
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise YamlRefus(
                f"ancre « &{anchor} » refusée : les ancres (&) et alias (*) ne sont pas acceptés",
                event.start_mark.line + 1,
            )
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise YamlRefus(
                f"fichier trop gros : plus de {MAX_NODES} valeurs, découpez-le",
                event.start_mark.line + 1,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise YamlRefus(
                    f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)",
                    event.start_mark.line + 1,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


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
    ("could not find expected ':'", "il manque « : » après une clé, ou une ligne est mal indentée"),
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


def read_text(raw: bytes) -> str:
    """Decode a data file, refusing oversized or non-UTF-8 content and tab indentation."""
    if len(raw) > MAX_BYTES:
        raise YamlRefus(
            f"fichier trop volumineux ({len(raw) // 1024} Ko, maximum {MAX_BYTES // 1024} Ko) : découpez-le",
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
    """Parse one YAML document into plain Python values, recording lines."""
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except YamlRefus:
            raise
        except yaml.MarkedYAMLError as exc:
            # An unclosed quote or bracket is reported where it opens, not where the file ends.
            opened = (exc.context or "").startswith(("while scanning a quoted", "while parsing a flow"))
            mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
            raise YamlRefus(_syntax_message(exc), mark.line + 1 if mark else None) from None
        except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
            raise YamlRefus(f"syntaxe YAML invalide ({exc})", None) from None
        except RecursionError:
            raise YamlRefus(f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)", None) from None
    finally:
        loader.dispose()
    if node is None:
        raise YamlRefus("le fichier est vide", 1)
    doc = Document(data=None)
    doc.data = _build(node, (), doc, loader)
    return doc


def _build(node, path: FieldPath, doc: Document, resolver: yaml.SafeLoader) -> Any:
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, (MappingNode, SequenceNode)) and node.tag not in (
        "tag:yaml.org,2002:map",
        "tag:yaml.org,2002:seq",
    ):
        raise YamlRefus(
            f"étiquette YAML « {node.tag} » refusée : écrivez du texte simple",
            node.start_mark.line + 1,
        )
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                raise YamlRefus("une clé doit être un simple mot (ex. « titre »)", line)
            if key_node.tag == "tag:yaml.org,2002:merge" or key_node.value == "<<":
                raise YamlRefus("la fusion « << » n'est pas acceptée : recopiez les champs", line)
            key = key_node.value
            if key in key_lines:
                raise YamlRefus(
                    f"clé « {key} » en double (déjà à la ligne {key_lines[key]}) : "
                    "une seule des deux serait gardée, supprimez ou renommez l'autre",
                    line,
                )
            key_lines[key] = line
            doc.lines[path + (key,)] = line
            result[key] = _build(value_node, path + (key,), doc, resolver)
            doc.lines[path + (key,)] = line
        return result
    if isinstance(node, SequenceNode):
        return [_build(item, path + (i,), doc, resolver) for i, item in enumerate(node.value)]
    # Scalar. An explicit tag (!!python/object, !!binary…) is refused: data is text.
    implicit = resolver.resolve(ScalarNode, node.value, (node.style is None, node.style is not None))
    if node.tag not in (implicit, "tag:yaml.org,2002:str"):
        raise YamlRefus(
            f"étiquette YAML « {node.tag} » refusée : écrivez du texte simple",
            node.start_mark.line + 1,
        )
    if node.style is not None:  # quoted or block scalar: always text
        return node.value
    tag = resolver.resolve(ScalarNode, node.value, (True, False))
    if tag == _NULL_TAG:
        return None
    kind = _YAML11_KINDS.get(tag)
    if kind is None and node.value in ("y", "Y", "n", "N"):
        kind = "booléen"  # YAML 1.1 booleans that PyYAML itself does not resolve
    if kind == "nombre" and ":" in node.value:
        kind = "nombre sexagésimal"
    return PlainScalar(node.value, kind)


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
