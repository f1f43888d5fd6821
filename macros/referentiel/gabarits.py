"""Templates compiled once per process, not once per build.

``make serve`` rebuilds the whole site after every edit, in the same process, with
fresh Jinja environments (MkDocs' theme environment, ours in ``macros/main.py``, and
mkdocs-macros' pages): each would compile every template again, about 0.2 s of a
rebuild. ``CACHE`` keeps the compiled code in memory, keyed by Jinja on each
template's name and source checksum: an edited template is compiled anew.
``BLOCS`` keeps the HTML of macros out of Markdown (see ``Blocs``).
The model and the views never use either; only the rendering side does.
"""

from __future__ import annotations

import html
import re

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket


def _reglages(env: Environment) -> tuple:
    """What changes the code Jinja compiles from the same source (two environments may load one file)."""
    return (
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
        env.autoescape if isinstance(env.autoescape, bool) else "fonction", env.finalize is not None,
        env.optimized, env.is_async, tuple(sorted(env.extensions)),
    )


class MemoireGabarits(BytecodeCache):
    def __init__(self) -> None:
        self._codes: dict[str, bytes] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = self.get_cache_key(f"{name}\x00{_reglages(environment)!r}", filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._codes[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._codes.clear()


CACHE = MemoireGabarits()


_BLOC = re.compile(r'<div data-r4f-bloc="(\d+)"></div>')
_ID = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]*)"')


class Blocs:
    """Rendered HTML kept out of Markdown's way.

    A macro's HTML would otherwise be read twice more before the page is done:
    by Python-Markdown (a raw HTML block, parsed to be stashed) and by MkDocs (its
    ids, for anchor validation), a third of a build at 10× the content. The macro
    leaves a placeholder (``deposer``); the hook puts the HTML back after Markdown
    (``remettre``, ``on_page_content``) and hands MkDocs the ids it holds.
    """

    def __init__(self) -> None:
        self._html: dict[str, str] = {}
        self._next = 0

    def deposer(self, html: str) -> str:
        self._next += 1
        key = str(self._next)
        self._html[key] = html
        return f'<div data-r4f-bloc="{key}"></div>'

    def remettre(self, page_html: str) -> tuple[str, set[str]]:
        """``page_html`` with its placeholders replaced, and the ids of the HTML put back."""
        ids: set[str] = set()

        def back(match: re.Match) -> str:
            block = self._html.pop(match.group(1))
            ids.update(html.unescape(i) for i in _ID.findall(block))
            return block

        return _BLOC.sub(back, page_html), ids


BLOCS = Blocs()
