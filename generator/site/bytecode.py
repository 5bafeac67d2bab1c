"""Compiled Jinja2 templates, kept in memory and in the user's cache folder, as Python keeps `.pyc`.

Compiling the theme's templates and the generator's own costs a cold build more than half a second
and a preview's every rebuild as much: each template is compiled once, then read back. Compiled code
is not build output, so `LEARNHUB_CACHE=off` leaves it alone. It lives in the user's cache folder
(`$XDG_CACHE_HOME/learnhub/templates`, `~/.cache/...`, beside the build cache), not beside the Python
environment, which may be read-only or shared, nor in the repository or `site/`.

Jinja checks a compiled template against its source's checksum and its own bytecode format (which
names the Python version). The code also depends on the environment that compiled it (its syntax,
autoescaping, filters and tests), so the key names that too: two environments never share code.
A folder that cannot be read or written only means compiling again; it never fails a build.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

import jinja2
from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache
from jinja2.utils import _PassArg


class CompiledTemplates(BytecodeCache):
    """Jinja2's bytecode cache, in this process's memory and in files in `cache_folder()`."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}
        self.writable = True  # until a file cannot be written

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = hashlib.sha1(f"{environment_key(environment, name)}|{name}|{filename}".encode()).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get(bucket.key)
        folder = cache_folder()
        if code is None and folder is not None:
            try:
                code = (folder / bucket.key).read_bytes()
            except OSError:
                return
        if code is None:
            return
        try:
            bucket.bytecode_from_string(code)  # resets the bucket if the source or Jinja changed
        except (EOFError, ValueError, TypeError, pickle.UnpicklingError):  # a damaged file: compile again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = bucket.bytecode_to_string()
        self.code[bucket.key] = code
        folder = cache_folder()
        if self.writable and folder is not None:
            try:
                _write(folder / bucket.key, code)
            except OSError:
                self.writable = False  # memory alone for the rest of the process

    def clear(self) -> None:
        self.code.clear()


def environment_key(environment: Environment, name: str) -> str:
    """What, besides the source, decides the code Jinja compiles a template `name` to in `environment`."""
    autoescape = environment.autoescape(name) if callable(environment.autoescape) else environment.autoescape
    return repr((
        jinja2.__version__, environment.block_start_string, environment.block_end_string,
        environment.variable_start_string, environment.variable_end_string, environment.comment_start_string,
        environment.comment_end_string, environment.line_statement_prefix, environment.line_comment_prefix,
        environment.trim_blocks, environment.lstrip_blocks, environment.newline_sequence,
        environment.keep_trailing_newline, environment.optimized, environment.is_async, bool(autoescape),
        _passes(environment.finalize), sorted(environment.extensions),
        sorted((n, _passes(f)) for n, f in environment.filters.items()),
        sorted((n, _passes(t)) for n, t in environment.tests.items()),
        f"{environment.code_generator_class.__module__}.{environment.code_generator_class.__qualname__}",
    ))


def _passes(function: object) -> str | None:
    """What Jinja passes a filter, test or finalizer first (the compiled call differs), if it is set."""
    if function is None:
        return None
    passed = _PassArg.from_obj(function)
    return passed.name if passed else ""


def _write(path: Path, code: bytes) -> None:
    """Write `code` whole or not at all: another build may be reading the same file."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(code)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise


def user_cache() -> Path:
    """learnhub's folder in the user's cache: `LEARNHUB_CACHE_DIR`, else `$XDG_CACHE_HOME/learnhub`
    or `~/.cache/learnhub`. The build cache (generator/cache.py) keeps its entries there too."""
    return Path(os.environ.get("LEARNHUB_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "learnhub"))


def cache_folder() -> Path | None:
    """Where compiled templates are kept, beside the build cache's entries; None without a home
    folder (never a folder relative to where the build runs)."""
    base = user_cache()
    return base / TEMPLATES if base.is_absolute() else None


#: The folder of compiled templates inside learnhub's cache folder; the build cache keeps out of it.
TEMPLATES = "templates"

#: The compiled templates of the theme (hooks/learnhub.py) and of the generator's pages (site/pages.py).
THEME_BYTECODE = CompiledTemplates()
