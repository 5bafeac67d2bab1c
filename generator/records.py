"""What a build hands a site engine, as plain records: its pages, its downloads, the build itself.

The cache stores these, the renderers make them and the hook reads them; they sit below all
three so that none of them imports another to know a record's shape.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .content.model import Hub
from .errors import ContentError

Writer = Callable[[Hub, Path], None]

#: Where the downloads live, relative to the site's root.
FOLDER = "downloads"


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, its title, and its Markdown."""

    path: str
    title: str
    content: str


@dataclass(frozen=True)
class Download:
    """One file the hub offers. `reads` names the Hub fields it shows (none named: all of them), so
    a preview remakes it only when one of those changed (see downloads.download_key)."""

    filename: str
    title: str
    purpose: str
    format: str
    write: Writer
    #: A picture of the file's first page as inline SVG, for the Downloads page (None: no picture).
    preview: Callable[[Hub], str] | None = None
    reads: tuple[str, ...] = ()
    #: Another download's file name, and how to make this file from that file's bytes: a build that
    #: makes both makes this one from the other (the prompt deck's Letter file is its A4 layout, moved
    #: onto Letter paper), instead of laying it out again. `write` still makes it alone.
    made_from: str = ""
    derive: Callable[[Hub, bytes], bytes] | None = None


@dataclass(frozen=True)
class BuiltDownload:
    """A download's file, made: its entry and its bytes."""

    download: Download
    content: bytes
    updating: bool = False

    @property
    def path(self) -> str:
        """Its path in the site, e.g. `downloads/tracking-sheet.xlsx`."""
        return f"{FOLDER}/{self.download.filename}"

    @property
    def size(self) -> int:
        return len(self.content)


@dataclass(frozen=True)
class UpdatingDownload:
    """A download being remade in the background (a preview after an edit): listed, never linked,
    so that the Downloads page cannot offer a file older than the content."""

    download: Download
    updating: bool = True

    @property
    def path(self) -> str:
        return f"{FOLDER}/{self.download.filename}"


@dataclass(frozen=True)
class Build:
    """Pages, navigation, data and downloads of one build; `site_name` is escaped for the theme."""

    site_name: str
    site_url: str
    nav: list[dict[str, Any]]
    pages: list[Any]
    #: hub.json's text, or what has it as its `content` once made (site/forked.py): see `hub_json`.
    api: Any
    downloads: list[BuiltDownload]
    warnings: list[ContentError] = field(default_factory=list)
    #: The language of this build's text, and the folder it goes in below the site ('' at the root).
    language: str = "en"
    folder: str = ""
    #: Every language of the hub, this one included, for the theme's language switch and hreflang
    #: links: {"lang", "name", "folder"}.
    languages: list[dict[str, str]] = field(default_factory=list)
    #: Words of the site's own settings (mkdocs.yml) in this language: the permalink's title and the
    #: palette switches' names, by the English text they replace. Empty for the source language.
    theme_words: dict[str, str] = field(default_factory=dict)

    @property
    def hub_json(self) -> str:
        """hub.json's text (waited for, when it is still being made in another process)."""
        return self.api if isinstance(self.api, str) else self.api.content

    @property
    def theme_language(self) -> str:
        """The theme's name for the language: the whole code where the theme (or overrides/
        partials/languages/) has the region, else the language alone (`de-AT` -> `de`)."""
        return self.language if self.language in REGIONAL_THEME_LANGUAGES else self.search_language

    @property
    def search_language(self) -> str:
        """The search index's language (lunr's languages have no regions): `pt` for pt-PT."""
        return self.language.split("-")[0]


#: Languages the theme translates by region as well (pt-PT: overrides/partials/languages/pt-PT.html).
REGIONAL_THEME_LANGUAGES = frozenset({"pt-BR", "pt-PT", "zh-TW", "zh-Hant", "ku-IQ"})
