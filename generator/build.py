"""One build of the hub: everything a site engine needs, made from the content (or the cache).

`start_build` is what the hook calls: load and check the content (or take the model the command
already loaded), start the downloads in worker processes, and render the pages, the navigation
and hub.json while they are made. `finish` waits for the downloads and renders the one page that
lists them with their sizes. When nothing that goes into a build has changed since the last one
(content, generator, templates, library versions, build date), the result comes from the build
cache instead (see cache.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import cache
from .content.hub import Loaded, build_date, load_hub
from .errors import ContentErrors
from .paths import DOWNLOADS
from .records import Build, BuiltDownload, UpdatingDownload

if TYPE_CHECKING:
    from .downloads import Making

#: What a build does about downloads: make them all (the default), make none (a pages-only build,
#: for benchmarks; it never imports the writers of PDFs and sheets), or keep them as previews
#: (`learnhub serve`: each remade in the background when what it shows has changed).
MODES = ("all", "off", "preview")

#: The model a command has loaded already, handed to the engine's hook in the same process.
_HANDED: dict[Path, Loaded] = {}


@contextmanager
def hand_over(root: Path, loaded: Loaded) -> Iterator[None]:
    """While the block runs, the next build of `root` in this process uses `loaded` instead of reading
    the content again (the command has just read and checked it); never after the block."""
    _HANDED[root.resolve()] = loaded
    try:
        yield
    finally:
        _HANDED.pop(root.resolve(), None)


@dataclass
class Started:
    """A build under way: its pages are rendered, its downloads may still be being made.

    Until `finish`, the Downloads page in `build.pages` lists every file as being updated."""

    build: Build
    making: Making | None = None
    key: str | None = None
    finished: bool = False
    directory_urls: bool = True

    #: The page that changes when the downloads are in.
    downloads_page = DOWNLOADS

    def finish(self) -> Build:
        """The whole build: waits for the downloads, then renders the Downloads page from them."""
        if self.finished:
            return self.build
        from .site.pages import downloads_page

        if self.making is not None:
            files = self.making.result()
            page = downloads_page(self.making.hub, files, directory_urls=self.directory_urls)
            self.build = replace(self.build, downloads=files,
                                 pages=[page if p.path == page.path else p for p in self.build.pages])
        self.finished = True
        if self.key is not None:
            cache.store(self.key, self.build)
        return self.build

    def cancel(self) -> None:
        """Stop the downloads' workers (a build that failed will not wait for them)."""
        if self.making is not None and not self.finished:
            self.making.close()


def start_build(root: Path, *, downloads: str = "all", directory_urls: bool = True) -> Started:
    """Start the build of the content under `root`; raises ContentErrors on any mistake.

    `directory_urls` follows the engine's setting: links end in `/` (served) or `.html` (file://).
    """
    if downloads not in MODES:
        raise ValueError(f"downloads mode {downloads!r} is not one of {', '.join(MODES)}")
    key = None if downloads == "preview" else cache.key(
        root, build_date=build_date().isoformat(), downloads=downloads,
        urls="directory" if directory_urls else "file")
    if key is not None:
        cached = cache.load(key)
        if cached is not None:
            return Started(cached, finished=True)
    loaded = _HANDED.pop(root.resolve(), None) or load_hub(root)
    return _start(loaded, downloads, key, directory_urls)


def make_build(root: Path, *, downloads: str = "all", directory_urls: bool = True) -> Build:
    """The whole build of the content under `root`; raises ContentErrors on any mistake."""
    return start_build(root, downloads=downloads, directory_urls=directory_urls).finish()


def _start(loaded: Loaded, downloads: str, key: str | None, directory_urls: bool) -> Started:
    from .site.api import hub_json
    from .site.pages import navigation, render_site, theme_title

    hub = loaded.hub
    making: Making | None = None
    offered: list[BuiltDownload | UpdatingDownload] = []
    if downloads == "all":
        from .downloads import downloads_for, start_downloads

        making = start_downloads(hub)
        offered = [UpdatingDownload(d) for d in downloads_for(hub)]
    elif downloads == "preview":
        from .downloads import PREVIEWS

        offered = PREVIEWS.offer(hub)
    try:
        build = Build(
            site_name=str(theme_title(hub.campaign.hub_title)),
            site_url=hub.campaign.site_url,
            nav=navigation(hub),
            pages=render_site(hub, offered, directory_urls=directory_urls),
            hub_json=hub_json(hub, directory_urls),
            downloads=[d for d in offered if isinstance(d, BuiltDownload)],
            warnings=loaded.warnings,
        )
    except BaseException:
        if making is not None:
            making.close()
        raise
    if making is None:
        if key is not None:
            cache.store(key, build)
        return Started(build, finished=True, directory_urls=directory_urls)
    return Started(build, making, key, directory_urls=directory_urls)


__all__ = ["Build", "ContentErrors", "Started", "hand_over", "make_build", "start_build"]
