"""One build of the hub: everything a site engine needs, made from the content (or the cache).

`make_build` is what the hook calls: load and check the content, render the pages, the
navigation, hub.json and the downloads. When nothing that goes into a build has changed since
the last one (content, generator, templates, library versions, build date), the result comes
from the build cache instead (see cache.py).
"""

from __future__ import annotations

from pathlib import Path

from . import cache
from .content.hub import Loaded, build_date, load_hub
from .content.model import Hub
from .content.translations import localize
from .downloads import downloads_for_builds
from .errors import ContentErrors
from .i18n import N_, gettext
from .paths import language_folder, site_root
from .records import Build

#: The note beside a text shown in the source language because its translation is missing.
NOT_YET_TRANSLATED = N_("not yet translated")
#: The words mkdocs.yml gives the theme (permalinks, the palette switch), translated per language.
THEME_WORDS = (N_("Link to this section"), N_("Switch to dark mode"), N_("Switch to light mode"))


def make_build(root: Path, *, downloads: str = "all", directory_urls: bool = True) -> Build:
    """The build of the content under `root` in its source language; raises ContentErrors.

    `directory_urls` follows the engine's setting: links end in `/` (served) or `.html` (file://).
    """
    return make_builds(root, downloads=downloads, directory_urls=directory_urls)[0]


def make_builds(root: Path, *, downloads: str = "all", directory_urls: bool = True) -> list[Build]:
    """One build per language of the hub, the source first; raises ContentErrors on any mistake.

    The content is loaded and checked once; each other language is a localised copy of it, and
    the downloads of every language are made in one pool of workers.
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


def localized_hubs(loaded: Loaded) -> list[Hub]:
    """The hub in each of its languages, the source first."""
    hubs = [loaded.hub]
    for language in loaded.translations:
        hubs.append(localize(loaded.hub, language, gettext(language.code, NOT_YET_TRANSLATED)))
    return hubs


def _make(root: Path, downloads: str, directory_urls: bool) -> list[Build]:
    from .site.api import hub_json
    from .site.pages import navigation, render_site, theme_title

    loaded = load_hub(root)
    hubs = localized_hubs(loaded)
    files = downloads_for_builds(hubs, downloads)
    languages = [{"lang": lang.code, "name": lang.name, "folder": "" if i == 0 else lang.folder + "/"}
                 for i, lang in enumerate(loaded.hub.campaign.hub_languages)]
    return [
        Build(
            site_name=str(theme_title(hub.campaign.hub_title)),
            site_url=site_root(hub),
            nav=navigation(hub),
            pages=render_site(hub, made, directory_urls=directory_urls),
            hub_json=hub_json(hub, directory_urls),
            downloads=made,
            warnings=loaded.warnings if i == 0 else [],
            language=hub.language,
            folder=language_folder(hub),
            languages=languages,
            theme_words={} if i == 0 else {w: gettext(hub.language, w) for w in THEME_WORDS},
        )
        for i, (hub, made) in enumerate(zip(hubs, files, strict=True))
    ]


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


__all__ = ["Build", "ContentErrors", "alternates", "make_build", "make_builds"]
