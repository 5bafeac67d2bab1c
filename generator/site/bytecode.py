"""Compiled Jinja2 templates kept in memory for the life of the process.

A preview (`learnhub serve`) rebuilds the site on every edit with a fresh template environment;
compiling the theme's templates again each time costs more than rendering the hub's pages. The
bucket is checked against the template's source, so an edited template is compiled again.
"""

from __future__ import annotations

from jinja2.bccache import Bucket, BytecodeCache


class MemoryBytecodeCache(BytecodeCache):
    """Jinja2's bytecode cache, in this process's memory instead of files."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.code.clear()


#: The site engine's theme templates, compiled once per process (see hooks/learnhub.py).
THEME_BYTECODE = MemoryBytecodeCache()
