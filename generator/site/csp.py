"""The Content-Security-Policy every page carries: only this site's own files may load or run.

Scripts may come from the site itself; the theme's few inline scripts are allowed by their
sha256 hashes, computed from the theme's own templates at build time (never from a built page,
so a script smuggled in by content can never be hashed into the policy). No 'unsafe-inline'.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from functools import lru_cache
from html.parser import HTMLParser

#: MIME types under which a browser runs a <script>; other types (JSON config) are data.
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}

#: Every fetch the hub makes is to itself. `data:` images are the theme's CSS icons.
BASE_POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'none'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),
    "worker-src": ("'self'",),
    "manifest-src": ("'self'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
    "object-src": ("'none'",),
}


class _InlineScripts(HTMLParser):
    """Collects the text of each inline script a browser would run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        found = dict(attrs)
        runs = "src" not in found and (found.get("type") or "").strip().lower() in _SCRIPT_TYPES
        self._current = [] if runs else None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def inline_scripts(markup: str) -> list[str]:
    """The text of every inline script in `markup` that a browser would run."""
    parser = _InlineScripts()
    parser.feed(markup)
    parser.close()
    return parser.scripts


def script_hash(script: str) -> str:
    """A CSP source expression allowing exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(script_hashes: Iterable[str] = (), style_hashes: Iterable[str] = ()) -> str:
    """The policy's text, with the given inline-script (and inline-style) hashes allowed."""
    directives = dict(BASE_POLICY)
    directives["script-src"] = (*BASE_POLICY["script-src"], *sorted(set(script_hashes)))
    directives["style-src"] = (*BASE_POLICY["style-src"], *sorted(set(style_hashes)))
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


@lru_cache(maxsize=32)  # the theme's partials are the same on most pages
def policy_for_theme_scripts(theme_markup: str) -> str:
    """The policy allowing the inline scripts found in the theme's own rendered partials."""
    return content_security_policy(script_hash(s) for s in inline_scripts(theme_markup))
