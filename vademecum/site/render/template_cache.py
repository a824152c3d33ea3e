"""The engine's templates compiled once per machine, not once per build (Jinja's bytecode cache).

Compiling the templates was the largest cost of a build left to the engine itself. Jinja keeps
the compiled code in a folder of the system's temporary directory that only the current user may
read (`_jinja2-cache-<uid>`, checked by Jinja), and recompiles a template whose text changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket


def _settings_key(env: Environment) -> str:
    """What changes the code Jinja generates from the same text: part of the files' names."""
    settings = (
        jinja2.__version__,
        env.autoescape,
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        sorted(env.extensions),
        env.optimized,
        env.is_async,
    )
    return hashlib.sha256(repr(settings).encode("utf-8")).hexdigest()[:16]


class _TolerantCache(FileSystemBytecodeCache):
    """A cache file that cannot be read or written only means compiling, as without a cache."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, pickle.UnpicklingError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def use_template_cache(env: Environment, directory: str | None = None) -> None:
    """Give `env` the cache (in Jinja's per-user folder unless `directory` is given); without a
    usable folder, templates are compiled at each build as before."""
    try:
        env.bytecode_cache = _TolerantCache(
            directory, pattern=f"vademecum-{_settings_key(env)}-%s.cache"
        )
    except (OSError, RuntimeError):  # no temporary folder, or one another user could write
        env.bytecode_cache = None
