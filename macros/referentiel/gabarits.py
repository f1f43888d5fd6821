"""Templates compiled once per process, not once per build.

``make serve`` rebuilds the whole site after every edit, in the same process, with
fresh Jinja environments (MkDocs' theme environment, ours in ``macros/main.py``, and
mkdocs-macros' pages): each would compile every template again, about 0.2 s of a
rebuild. ``CACHE`` keeps the compiled code in memory, keyed by Jinja on each
template's name and source checksum: an edited template is compiled anew.
The model and the views never use it; only the rendering side does.
"""

from __future__ import annotations

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
