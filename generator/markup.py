"""Turn YAML text into safe markup: the one place where content meets HTML.

Plain text is escaped with character references that mean the same in Markdown and in HTML,
so a value can never open a tag, a link, an attribute list (`{: ...}`) or emphasis in either.
Markdown fields are rendered with Python-Markdown and then cleaned by nh3 with an allow-list.
Links out of the site are marked (`lh-external`, `rel="noopener noreferrer"`) on every page.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import markdown as md
import nh3
from markupsafe import Markup

from .content.translations import Fallback

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
#: Tags removed together with everything inside them, not just unwrapped.
DROPPED_WITH_CONTENT = {
    "script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math",
    "textarea", "select", "title", "xmp", "noembed", "noframes",
}

#: The class every link to another host carries on the pages (styled as a link out).
EXTERNAL_CLASS = "lh-external"
EXTERNAL_REL = ("noopener", "noreferrer")

# What a browser ignores or rewrites in a URL before reading it: C0 controls and spaces at
# the ends, tabs and newlines anywhere, and a backslash read as a slash (so `\\host` is `//host`).
_URL_EDGES = "".join(map(chr, range(0x21)))
_URL_DROPPED = str.maketrans({"\t": None, "\n": None, "\r": None, "\\": "/"})


def escape_text(value: Any) -> Markup:
    """Plain text as markup that shows exactly the text, in Markdown or HTML alike; a text not yet
    translated keeps its own language and says so (see fallback_html)."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, Fallback):
        return fallback_html(value, Markup(str(value).translate(_TABLE)))
    return Markup(str(value).translate(_TABLE))


def fallback_html(value: Fallback, inner: Markup, block: bool = False) -> Markup:
    """A source text standing in for its translation: in its own language (so a screen reader
    switches voice), followed by a quiet note in the page's language. Never a blank."""
    note = str(value.note).translate(_TABLE)
    if block:
        return Markup(f'<div lang="{value.lang}">\n{inner}\n</div>\n<p class="lh-fallback">{note}</p>')
    return Markup(f'<span lang="{value.lang}">{inner}</span> <small class="lh-fallback">({note})</small>')


def plain(value: Any) -> str:
    """The text alone, for places that take no markup: attributes, titles, metadata."""
    return str(value)


def browser_url(url: str) -> str:
    """The URL as a browser reads it (see _URL_DROPPED), to judge where it really points."""
    return url.strip(_URL_EDGES).translate(_URL_DROPPED)


def is_safe_link(url: str) -> bool:
    """True for http, https and mailto links."""
    return urlsplit(browser_url(url)).scheme.lower() in SAFE_SCHEMES


def is_same_site(url: str) -> bool:
    """True for a relative URL: no scheme, no host, not protocol-relative (`//host`, `\\\\host`)."""
    seen = browser_url(url)
    parts = urlsplit(seen)
    first_segment = seen.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    # a colon in the first segment reads as a scheme to some readers (`java script:`)
    return not parts.scheme and not parts.netloc and not seen.startswith("//") and ":" not in first_segment


def is_external(url: str, site_host: str = "") -> bool:
    """True for an http(s) link to a host other than the site's own."""
    parts = urlsplit(browser_url(url))
    if parts.scheme.lower() not in {"http", "https"}:
        return False
    return (parts.hostname or "") != site_host.lower()


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "img" and name == "src":
        return value if is_same_site(value) else None  # images only from the site itself
    if tag == "a" and name == "href":
        return value if is_safe_link(value) or is_same_site(value) else None
    return value


def clean_html(fragment: str) -> str:
    """Allow-list sanitising of an HTML fragment."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=set(SAFE_SCHEMES),
        link_rel=" ".join(EXTERNAL_REL),
        strip_comments=True,
    )


@lru_cache(maxsize=1)
def _renderer() -> md.Markdown:
    """One Markdown renderer for every field (building one costs about a millisecond)."""
    return md.Markdown(extensions=["sane_lists"], output_format="html")


@lru_cache(maxsize=4096)
def markdown_html(text: str) -> str:
    """A Markdown field rendered to clean HTML (a plain str, for data such as hub.json)."""
    return mark_external_links(clean_html(_renderer().reset().convert(text)))


def render_markdown(text: str, css_class: str | None = "lh-md") -> Markup:
    """A Markdown field as a block of clean HTML in a `div` of `css_class`, ready to stand on its
    own lines in a page; with no class, the bare blocks (inside cards, where bytes count)."""
    if isinstance(text, Fallback):
        inner = Markup(markdown_html(text) if css_class is None
                       else f'<div class="{css_class}">\n{markdown_html(text)}\n</div>')
        return fallback_html(text, inner, block=True)
    if css_class is None:
        return Markup(markdown_html(text))
    return Markup(f'<div class="{css_class}">\n{markdown_html(text)}\n</div>')


class _LinkFinder(HTMLParser):
    """Finds each `<a href>` start tag: where it is in the text, and its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[tuple[int, int], str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append((self.getpos(), self.get_starttag_text() or "", attrs))


def _external_start_tag(attrs: list[tuple[str, str | None]]) -> str:
    """An `<a>` start tag with the external class and rel tokens added to its own."""
    values = {name: value or "" for name, value in attrs}
    classes = values.get("class", "").split()
    rels = values.get("rel", "").split()
    values["class"] = " ".join([*classes, *([EXTERNAL_CLASS] if EXTERNAL_CLASS not in classes else [])])
    values["rel"] = " ".join([*rels, *(r for r in EXTERNAL_REL if r not in rels)])
    quoted = "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in values.items())
    return f"<a{quoted}>"


#: An `<a ...>` start tag, its quoted attribute values read whole (a `>` inside quotes does not end it);
#: or what the HTML parser reads as no tags at all (a comment, a script, a style), to be stepped over.
#: (The shared `<` first lets the engine look for that character alone between matches.)
_A_START_TAG = re.compile(r"""<(?:(?P<skip>!--.*?-->|(script|style)\b.*?</\2\s*>)"""
                          r"""|a(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*>)""", re.IGNORECASE | re.DOTALL)


#: A start tag with one attribute, href, whose value holds no reference to decode: the parser reads
#: it as exactly that value.
_BARE_LINK = re.compile(r'<a href="([^"&]*)">')


def mark_external_links(page_html: str, site_host: str = "") -> str:
    """Every link to another host marked as a link out: class `lh-external` and
    `rel="noopener noreferrer"`, so readers see it and the target gets no handle on the page.

    Only the `<a>` start tags are parsed (each by the HTML parser, for its attributes), not the
    whole page: this runs on every page of every build. A tag with no colon (nor a character
    reference that could write one) cannot name another host; a bare `<a href="...">` is read as
    the parser would read it."""
    finder = _LinkFinder()
    out: list[str] = []
    done = 0
    for match in _A_START_TAG.finditer(page_html):
        tag = match.group()
        if match.group("skip") or (":" not in tag and "&" not in tag):
            continue
        bare = _BARE_LINK.fullmatch(tag)
        if bare is not None:
            attrs: list[tuple[str, str | None]] = [("href", bare.group(1))]
        else:
            finder.reset()
            finder.links = []
            finder.feed(tag)
            finder.close()
            if not finder.links:
                continue
            attrs = finder.links[0][2]
        href = dict(attrs).get("href")
        if not href or not is_external(href, site_host):
            continue
        out += [page_html[done:match.start()], _external_start_tag(attrs)]
        done = match.end()
    return "".join(out) + page_html[done:]


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
