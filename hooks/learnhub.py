"""The MkDocs adapter: load the hub once per build, add its pages and downloads, write its data.

All the work is in `generator`; this file only hands MkDocs what the generator returns. The
downloads are made in worker processes while MkDocs renders the pages; the Downloads page, which
gives their sizes, is rendered last, once they are in. The build MkDocs runs is the source
language's, at the site's root; when it is done, each other language is built by MkDocs again,
from the same mkdocs.yml, into its folder (`site/pt/`), with the theme's language and search set
to it and the pages the generator already rendered (its downloads may still be being made).
"""

from __future__ import annotations

import gc
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

import generator

_build: dict[str, Any] = {}
#: Where the build of another language hands this hook (a copy of it) the build under way and its index.
HANDED = "learnhub_build"


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    handed = config.extra.pop(HANDED, None)
    if handed is None:
        try:
            started = generator.start_builds(_root(config), directory_urls=config.use_directory_urls,
                                             **generator.requested())
        except generator.ContentErrors as exc:
            raise PluginError("the content has mistakes:\n" + "\n".join(map(str, exc.errors))) from None
        index = 0
        config.site_url = config.site_url or started.builds[0].site_url
        # The model and the modules loaded so far live until the build ends: MkDocs' collections of
        # garbage need not walk them again and again (a quarter of a second at 10x content).
        gc.freeze()
    else:
        started, index = handed
    _build["started"], _build["index"] = started, index
    build = started.builds[index]
    config.nav = build.nav
    config.site_name = build.site_name
    config.theme["language"] = build.theme_language
    _translate_settings(config, build.theme_words)
    languages = generator.alternates(build, config.site_url or "")
    config.extra["languages"] = languages  # the switch in the header (overrides/partials/alternate.html)
    # The theme's head links name each language's home page: instead, overrides/main.html names this
    # same page in each language (`hreflang`). From disk (the offline bundle) the head names none.
    offline = "offline" in config.plugins or "material/offline" in config.plugins
    config.extra["alternate"] = bool(languages)
    config.extra["hreflang"] = bool(languages) and not offline
    return config


def _translate_settings(config: MkDocsConfig, words: dict[str, str]) -> None:
    """mkdocs.yml's own words (the permalinks' title, the palette switches) in the build's language."""
    toc = config.mdx_configs.get("toc", {})
    if "permalink_title" in toc:
        toc["permalink_title"] = words.get(toc["permalink_title"], toc["permalink_title"])
    for scheme in config.theme.get("palette") or []:
        toggle = scheme.get("toggle") or {}
        if "name" in toggle:
            toggle["name"] = words.get(toggle["name"], toggle["name"])


def on_files(files: Files, config: MkDocsConfig) -> Files:
    started = _build["started"]
    _build["files"] = files
    last = None
    for page in started.builds[_build["index"]].pages:
        file = _RenderedFile.of(config, page)
        if page.path == started.downloads_page:
            last = file
        else:
            files.append(file)
    if last is not None:
        files.append(last)  # rendered after every other page, when the downloads are likeliest in
    return files


class _RenderedFile(File):
    """A generated page whose Markdown is asked of the generator only when MkDocs reads the page:
    a page may still be being rendered (generator/site/forked.py) while MkDocs converts others."""

    _page: Any = None

    @classmethod
    def of(cls, config: MkDocsConfig, page: Any) -> _RenderedFile:
        file = cls.generated(config, page.path, content="")
        file._content, file._page = None, page
        return file

    def _read(self) -> None:
        if self._content is None:
            self._content = self._page.content

    @property
    def content_string(self) -> str:
        self._read()
        return super().content_string

    @content_string.setter
    def content_string(self, value: str) -> None:
        self._content = value

    @property
    def content_bytes(self) -> bytes:
        self._read()
        return super().content_bytes


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.filters["content_security_policy"] = generator.policy_for_theme_scripts  # overrides/main.html
    env.bytecode_cache = generator.THEME_BYTECODE  # a preview's rebuilds compile the theme once
    return env


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return generator.mark_external_links(html, urlsplit(config.site_url or "").hostname or "")


@event_priority(100)  # before the search plugin indexes the page
def _downloads_page(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """The Downloads page, read again once the downloads are made: it gives their sizes."""
    started = _build["started"]
    if page.file.src_uri != started.downloads_page or _build["index"] in started.finished:
        return context
    final = next(p for p in _finish().pages if p.path == started.downloads_page)
    page.file.content_string = final.content
    page.read_source(config)
    page.render(config, _build["files"])
    page.content = on_page_content(page.content or "", page, config, _build["files"])
    return context


@event_priority(-100)  # after the search plugin has read the page's headings
def _hidden_toc(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """A page that hides its table of contents does not carry it either (the theme would still
    write it twice, hidden: in the sidebar and in the phone's menu; 400 elements on the prompt library)."""
    if "toc" in (page.meta.get("hide") or ()):
        page.toc = TableOfContents([])
    return context


on_page_context = CombinedEvent(_downloads_page, _hidden_toc)


def _finish() -> generator.Build:
    try:
        return _build["started"].finish(_build["index"])
    except Exception as exc:
        raise PluginError(f"a download could not be made: {type(exc).__name__}: {exc}") from exc


def _thaw() -> None:
    """What on_config froze is garbage-collected again, unless the process ends with this build."""
    if _build.get("command") != "build":
        gc.unfreeze()


def on_startup(command: str, dirty: bool) -> None:
    _build["command"] = command


def on_post_build(config: MkDocsConfig) -> None:
    _thaw()
    build = _finish()
    site = Path(config.site_dir)
    (site / "api").mkdir(parents=True, exist_ok=True)
    (site / "api" / "hub.json").write_text(build.hub_json, encoding="utf-8")
    for download in build.downloads:
        path = site / download.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(download.content)
    if _build["index"] == 0:
        started = _build["started"]
        for index in range(1, len(started.builds)):
            _build_language(config, started, index)


def _build_language(config: MkDocsConfig, started: Any, index: int) -> None:
    """Build one more language of the hub into its folder below this site, with its own theme
    language and search language; the hook (a fresh copy, as MkDocs loads it) takes the build."""
    from mkdocs.commands.build import build as build_site
    from mkdocs.config import load_config

    build = started.builds[index]
    other = load_config(config.config_file_path, site_dir=str(Path(config.site_dir) / build.folder),
                        strict=config.strict, site_url=build.site_url,
                        use_directory_urls=config.use_directory_urls)
    other.extra[HANDED] = (started, index)
    for name, plugin in other.plugins.items():
        if name.endswith("search"):
            plugin.config["lang"] = [build.search_language]
    build_site(other, dirty=False)


def on_build_error(error: Exception) -> None:
    _thaw()
    if "started" in _build:
        _build["started"].cancel()


#: How often a preview looks at the content folders for an edit (MkDocs polls every 0.5 s), and how
#: long it waits for edits to stop before rebuilding (0.1 s): both are spent before an edit shows.
POLL_S = 0.1
SETTLE_S = 0.05


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    root = _root(config)
    server.build_delay = SETTLE_S
    server.observer._timeout = POLL_S  # the interval of the folders watched from here on (watchdog)
    for folder in ("content", "prompts"):
        server.watch(str(root / folder))
    # A download made in the background is announced by a file in a watched folder: the server
    # rebuilds, and the Downloads page links the new file.
    made = Path(tempfile.mkdtemp(prefix="learnhub-made-"))
    _build["made"] = made
    server.watch(str(made))

    def announce() -> None:
        (made / "made").write_text(str(len(generator.PREVIEWS.made)), encoding="utf-8")

    generator.PREVIEWS.on_made = announce
    return server


def on_shutdown() -> None:
    downloads = sys.modules.get("generator.downloads")  # a build that made none has no previews to close
    if downloads is not None:
        downloads.PREVIEWS.close()
    if "made" in _build:
        shutil.rmtree(_build["made"], ignore_errors=True)
