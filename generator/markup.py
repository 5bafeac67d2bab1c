"""Turn YAML text into safe markup: the one place where content meets HTML.

Plain text is escaped with character references that mean the same in Markdown and in HTML,
so a value can never open a tag, a link, an attribute list (`{: ...}`) or emphasis in either.
Markdown fields are rendered with Python-Markdown and then cleaned by nh3 with an allow-list.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import markdown as md
import nh3
from markupsafe import Markup

# Characters that mean something to Markdown, its extensions or HTML, written as references.
_ESCAPES = {c: f"&#{ord(c)};" for c in "\\`*_{}[]<>|#~^=$!:+"}
_ESCAPES.update({"&": "&amp;", '"': "&quot;", "'": "&#39;"})
_TABLE = str.maketrans(_ESCAPES)

#: Schemes a link may use anywhere in the hub.
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "i", "img", "li", "ol", "p", "strong",
    "ul", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td", "del", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "abbr": {"title"}}


def escape_text(value: Any) -> Markup:
    """Plain text as markup that shows exactly the text, in Markdown or HTML alike."""
    if isinstance(value, Markup):
        return value
    return Markup(str(value).translate(_TABLE))


def is_safe_link(url: str) -> bool:
    """True for http, https and mailto links."""
    return urlsplit(url.strip()).scheme.lower() in SAFE_SCHEMES


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "img" and name == "src":
        parts = urlsplit(value)
        # images only from the site itself: no scheme, no host, no protocol-relative //host
        return value if not parts.scheme and not parts.netloc and not value.startswith("//") else None
    if tag == "a" and name == "href":
        parts = urlsplit(value)
        if parts.scheme:
            return value if parts.scheme.lower() in SAFE_SCHEMES else None
        return None if value.startswith("//") else value
    return value


def clean_html(html: str) -> str:
    """Allow-list sanitising of an HTML fragment."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=set(SAFE_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


@lru_cache(maxsize=1)
def _renderer() -> md.Markdown:
    """One Markdown renderer for every field (building one costs about a millisecond)."""
    return md.Markdown(extensions=["sane_lists"], output_format="html")


@lru_cache(maxsize=4096)
def markdown_html(text: str) -> str:
    """A Markdown field rendered to clean HTML (a plain str, for data such as hub.json)."""
    return clean_html(_renderer().reset().convert(text))


def render_markdown(text: str) -> Markup:
    """A Markdown field as a block of clean HTML, ready to stand on its own lines in a page."""
    return Markup(f'<div class="lh-md">\n{markdown_html(text)}\n</div>')


class _TextCollector(HTMLParser):
    """Collects the text of clean HTML, one line per block, bullets for list items, links' targets."""

    BLOCKS = frozenset({"p", "li", "h3", "h4", "blockquote", "tr", "br", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.href: str | None = None
        self.link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":
            self.parts.append("• ")
        elif tag == "a":
            self.href = dict(attrs).get("href")
            self.link_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.href:
            if self.href != "".join(self.link_text).strip():
                self.parts.append(f" ({self.href})")
            self.href = None
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        data = re.sub(r"\s+", " ", data)  # line breaks inside a paragraph are only wrapping
        self.parts.append(data)
        if self.href is not None:
            self.link_text.append(data)


def markdown_text(text: str) -> str:
    """A Markdown field as plain text (for calendars and spreadsheets): blocks on their own lines."""
    collector = _TextCollector()
    collector.feed(markdown_html(text))
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).splitlines())
    return "\n".join(line for line in lines if line)
