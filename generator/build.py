"""One build of the hub per language: everything a site engine needs, made from the content (or the cache).

`start_builds` is what the hook calls: load and check the content once (or take the model the
command already loaded), localise it into each of the hub's languages, start every language's
downloads in one pool of worker processes, and render the pages, the navigation and hub.json
while they are made. `finish` waits for one language's downloads and renders the one page that
lists them with their sizes. When nothing that goes into a build has changed since the last one
(content, generator, templates, library versions, build date), the result comes from the build
cache instead (see cache.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import cache
from .content.hub import Loaded, build_date, load_hub
from .content.model import Hub
from .content.translations import localize
from .errors import ContentErrors
from .i18n import N_, gettext
from .paths import DOWNLOADS, language_folder, site_root
from .records import Build, BuiltDownload, Page, UpdatingDownload
from .site.forked import ForkedPages, PendingPage, can_fork

if TYPE_CHECKING:
    from .downloads import Making

#: What a build does about downloads: make them all (the default), make none (a pages-only build,
#: for benchmarks; it never imports the writers of PDFs and sheets), or keep them as previews
#: (`learnhub serve`: each remade in the background when what it shows has changed).
MODES = ("all", "off", "preview")

#: The note beside a text shown in the source language because its translation is missing.
NOT_YET_TRANSLATED = N_("not yet translated")
#: The words mkdocs.yml gives the theme (permalinks, the palette switch), translated per language.
THEME_WORDS = (N_("Link to this section"), N_("Switch to dark mode"), N_("Switch to light mode"))

#: The builds a command has started already, handed to the engine's hook in the same process.
_HANDED: dict[Path, Started] = {}


def requested() -> dict[str, str | bool]:
    """What the environment asks of a build: which downloads (LEARNHUB_DOWNLOADS: all, off or
    preview) and whether every language or the source alone (LEARNHUB_LANGUAGES=source)."""
    return {"downloads": os.environ.get("LEARNHUB_DOWNLOADS", "all"),
            "every_language": os.environ.get("LEARNHUB_LANGUAGES") != "source"}


@contextmanager
def hand_over(root: Path, loaded: Loaded, *, directory_urls: bool = True) -> Iterator[None]:
    """Start the build of `root` from `loaded` (the command has just read and checked it) before the
    engine starts, so that the downloads are being made while the engine imports and reads its
    configuration; while the block runs, the engine's hook takes this build instead of starting
    another. `directory_urls` is the engine's setting as the command expects it; a hook that asks
    for something else gets a build of its own from the same model. Never used after the block."""
    key = root.resolve()
    _HANDED[key] = start_builds(root, loaded=loaded, directory_urls=directory_urls, **requested())
    try:
        yield
    finally:
        unused = _HANDED.pop(key, None)
        if unused is not None:
            unused.cancel()


@dataclass
class Started:
    """A build under way, one per language (the source first): the pages are rendered, the downloads
    may still be being made.

    Until `finish(i)`, the Downloads page in `builds[i].pages` lists every file as being updated."""

    builds: list[Build]
    making: Making | None = None
    key: str | None = None
    directory_urls: bool = True
    finished: set[int] = field(default_factory=set)
    #: What it was started as (`start_builds`' arguments) and from (the model, when it was loaded).
    request: tuple[str, bool, bool] | None = None
    loaded: Loaded | None = None

    #: The page that changes when the downloads are in.
    downloads_page = DOWNLOADS

    def __post_init__(self) -> None:
        if self.making is None:
            self.finished = set(range(len(self.builds)))

    def finish(self, index: int = 0) -> Build:
        """One language's whole build: waits for its downloads, then renders its Downloads page."""
        self.builds[index] = _settled(self.builds[index])
        if index in self.finished:
            return self.builds[index]
        from .site.pages import downloads_page

        assert self.making is not None
        try:
            files = self.making.result(index)
        except BaseException:
            self.cancel()
            raise
        build = self.builds[index]
        page = downloads_page(self.making.hubs[index], files, directory_urls=self.directory_urls)
        self.builds[index] = replace(build, downloads=files,
                                     pages=[page if p.path == page.path else p for p in build.pages])
        self.finished.add(index)
        if self.key is not None and len(self.finished) == len(self.builds):
            cache.store(self.key, self.builds)
        return self.builds[index]

    def finish_all(self) -> list[Build]:
        """Every language's whole build."""
        return [self.finish(i) for i in range(len(self.builds))]

    def cancel(self) -> None:
        """Stop the downloads' workers (a build that failed will not wait for them)."""
        if self.making is not None:
            self.making.close()


def start_builds(root: Path, *, downloads: str = "all", directory_urls: bool = True,
                 every_language: bool = True, loaded: Loaded | None = None) -> Started:
    """Start the build of the content under `root` in each of its languages (or, not
    `every_language`, in its source language alone, as a quick preview) from `loaded`, or from the
    content read now; raises ContentErrors on any mistake.

    `directory_urls` follows the engine's setting: links end in `/` (served) or `.html` (file://).
    A build a command has handed over (`hand_over`) is taken when it was started the same way.
    """
    if downloads not in MODES:
        raise ValueError(f"downloads mode {downloads!r} is not one of {', '.join(MODES)}")
    request = (downloads, directory_urls, every_language)
    handed = _HANDED.pop(root.resolve(), None)
    if handed is not None:
        if handed.request == request:
            return handed
        handed.cancel()
        loaded = loaded or handed.loaded
    key = None if downloads == "preview" else cache.key(
        root, build_date=build_date().isoformat(), downloads=downloads,
        urls="directory" if directory_urls else "file", languages="all" if every_language else "source")
    if key is not None:
        cached = cache.load(key)
        if cached is not None:
            return Started(list(cached), request=request, loaded=loaded)
    loaded = loaded or load_hub(root, with_translations=every_language)
    started = _start(loaded, downloads, key, directory_urls, every_language)
    return replace(started, request=request, loaded=loaded)


def make_build(root: Path, *, downloads: str = "all", directory_urls: bool = True) -> Build:
    """The whole build of the content under `root` in its source language; raises ContentErrors."""
    return make_builds(root, downloads=downloads, directory_urls=directory_urls)[0]


def make_builds(root: Path, *, downloads: str = "all", directory_urls: bool = True) -> list[Build]:
    """The whole build of the content under `root`, one per language, the source first."""
    return start_builds(root, downloads=downloads, directory_urls=directory_urls).finish_all()


def localized_hubs(loaded: Loaded) -> list[Hub]:
    """The hub in each of its languages, the source first."""
    hubs = [loaded.hub]
    for language in loaded.translations:
        hubs.append(localize(loaded.hub, language, gettext(language.code, NOT_YET_TRANSLATED)))
    return hubs


def _start(loaded: Loaded, downloads: str, key: str | None, directory_urls: bool,
           every_language: bool = True) -> Started:
    from .site.api import hub_json
    from .site.pages import navigation, render_site, theme_title

    hubs = localized_hubs(loaded) if every_language else [loaded.hub]
    offered: list[list[BuiltDownload | UpdatingDownload]] = [[] for _ in hubs]
    if downloads == "all":
        from .downloads import downloads_for

        offered = [[UpdatingDownload(d) for d in downloads_for(hub)] for hub in hubs]
    elif downloads == "preview":
        from .downloads import PREVIEWS

        offered = [PREVIEWS.offer(hub) for hub in hubs]
    # Forked before the downloads' workers start (their pool runs threads, which a fork must not copy).
    ahead = _pages_ahead(hubs, offered, directory_urls) if downloads != "preview" and can_fork() else None
    making: Making | None = None
    if downloads == "all":
        from .downloads import start_downloads

        making = start_downloads(hubs)
    languages = [{"lang": lang.code, "name": lang.name, "folder": "" if i == 0 else lang.folder + "/"}
                 for i, lang in enumerate(loaded.hub.campaign.hub_languages[:len(hubs)])]
    try:
        builds = [
            Build(
                site_name=str(theme_title(hub.campaign.hub_title)),
                site_url=site_root(hub),
                nav=navigation(hub),
                pages=ahead[i][0] if ahead else render_site(hub, files, directory_urls=directory_urls),
                api=ahead[i][1] if ahead else hub_json(hub, directory_urls),
                downloads=[d for d in files if isinstance(d, BuiltDownload)],
                warnings=loaded.warnings if i == 0 else [],
                language=hub.language,
                folder=language_folder(hub),
                languages=languages,
                theme_words={} if i == 0 else {w: gettext(hub.language, w) for w in THEME_WORDS},
            )
            for i, (hub, files) in enumerate(zip(hubs, offered, strict=True))
        ]
    except BaseException:
        if making is not None:
            making.close()
        raise
    if making is None:
        if key is not None:
            cache.store(key, builds)
        return Started(builds, directory_urls=directory_urls)
    return Started(builds, making, key, directory_urls=directory_urls)


def _settled(build: Build) -> Build:
    """The build with its pages' Markdown and hub.json in hand, waited for where they were being
    made in a forked process (`_pages_ahead`)."""
    if isinstance(build.api, str):
        return build
    return replace(build, pages=[Page(p.path, p.title, p.content) for p in build.pages], api=build.hub_json)


def _pages_ahead(hubs: list[Hub], offered: list[list[BuiltDownload | UpdatingDownload]],
                 directory_urls: bool) -> list[tuple[list[PendingPage], PendingPage]]:
    """Every language's pages and hub.json, made in a forked process (forked.py) in the order the
    engine reads them, while this one goes on: each is waited for when it is read."""
    from .site.api import hub_json
    from .site.pages import render_site, site_outline

    def render(put: Callable[[str], None]) -> None:
        for hub, files in zip(hubs, offered, strict=True):
            render_site(hub, files, directory_urls=directory_urls, each=lambda page: put(page.content))
            put(hub_json(hub, directory_urls))

    outlines = [site_outline(hub, files) for hub, files in zip(hubs, offered, strict=True)]
    forked = ForkedPages(render)
    ahead: list[tuple[list[PendingPage], PendingPage]] = []
    start = 0
    for outline in outlines:
        pages = [PendingPage(path, title, forked, start + n) for n, (path, title) in enumerate(outline)]
        start += len(outline)
        ahead.append((pages, PendingPage("api/hub.json", "hub.json", forked, start)))
        start += 1
    return ahead


def alternates(build: Build, site_url: str = "") -> list[dict[str, str]]:
    """The hub's languages for one build: each language's root, relative to this one's (`link`: the
    language switch) and absolute (`root`: each page's hreflang links, overrides/main.html).
    Empty when the hub has one language, so that no switch shows."""
    if len(build.languages) < 2:
        return []
    own = site_url or build.site_url
    source_root = own.removesuffix(build.folder) if build.folder else own
    up = "../" * build.folder.count("/")
    return [{"name": lang["name"], "lang": lang["lang"],
             "link": (up + lang["folder"]) or "./", "root": source_root + lang["folder"]}
            for lang in build.languages]


__all__ = ["Build", "ContentErrors", "Started", "alternates", "hand_over", "make_build", "make_builds", "requested",
           "start_builds"]
