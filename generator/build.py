"""One build of the hub: everything a site engine needs, made from the content (or the cache).

`make_build` is what the hook calls: load and check the content, render the pages, the
navigation, hub.json and the downloads. When nothing that goes into a build has changed since
the last one (content, generator, templates, library versions, build date), the result comes
from the build cache instead (see cache.py).
"""

from __future__ import annotations

from pathlib import Path

from . import cache
from .content.hub import build_date, load_hub
from .downloads import downloads_for_build
from .errors import ContentErrors
from .records import Build


def make_build(root: Path, *, downloads: str = "all", directory_urls: bool = True) -> Build:
    """The build of the content under `root`; raises ContentErrors on any mistake.

    `directory_urls` follows the engine's setting: links end in `/` (served) or `.html` (file://).
    """
    key = cache.key(root, build_date=build_date().isoformat(), downloads=downloads,
                    urls="directory" if directory_urls else "file")
    if key is not None:
        cached = cache.load(key)
        if cached is not None:
            return cached
    made = _make(root, downloads, directory_urls)
    if key is not None:
        cache.store(key, made)
    return made


def _make(root: Path, downloads: str, directory_urls: bool) -> Build:
    from .site.api import hub_json
    from .site.pages import navigation, render_site, theme_title

    loaded = load_hub(root)
    hub = loaded.hub
    files = downloads_for_build(hub, downloads)
    return Build(
        site_name=str(theme_title(hub.campaign.hub_title)),
        site_url=hub.campaign.site_url,
        nav=navigation(hub),
        pages=render_site(hub, files, directory_urls=directory_urls),
        hub_json=hub_json(hub, directory_urls),
        downloads=files,
        warnings=loaded.warnings,
    )


__all__ = ["Build", "ContentErrors", "make_build"]
