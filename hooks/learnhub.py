"""The MkDocs adapter: load the hub once per build, add its pages and downloads, write its data.

All the work is in `generator`; this file only hands MkDocs what the generator returns. The
build MkDocs runs is the source language's, at the site's root; when it is done, each other
language is built by MkDocs again, from the same mkdocs.yml, into its folder (`site/pt/`), with
the theme's language and search set to it and the build the generator already made.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

import generator

_build: dict[str, Any] = {}
#: Where the build of another language hands this hook (a copy of it) the generator's build.
HANDED = "learnhub_build"


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    build = config.extra.pop(HANDED, None)
    if build is None:
        try:
            builds = generator.make_builds(_root(config), downloads=os.environ.get("LEARNHUB_DOWNLOADS", "all"),
                                           directory_urls=config.use_directory_urls)
        except generator.ContentErrors as exc:
            raise PluginError("the content has mistakes:\n" + "\n".join(map(str, exc.errors))) from None
        build, _build["others"] = builds[0], builds[1:]
        config.site_url = config.site_url or build.site_url
    _build["build"] = build
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
    build = _build["build"]
    for page in build.pages:
        files.append(File.generated(config, page.path, content=page.content))
    for download in build.downloads:
        files.append(File.generated(config, download.path, content=download.content))
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.filters["content_security_policy"] = generator.policy_for_theme_scripts  # overrides/main.html
    return env


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return generator.mark_external_links(html, urlsplit(config.site_url or "").hostname or "")


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    (site / "api").mkdir(parents=True, exist_ok=True)
    (site / "api" / "hub.json").write_text(_build["build"].hub_json, encoding="utf-8")
    for other in _build.pop("others", []):
        _build_language(config, other)


def _build_language(config: MkDocsConfig, build: Any) -> None:
    """Build one more language of the hub into its folder below this site, with its own theme
    language and search language; the hook (a fresh copy, as MkDocs loads it) takes `build`."""
    from mkdocs.commands.build import build as build_site
    from mkdocs.config import load_config

    other = load_config(config.config_file_path, site_dir=str(Path(config.site_dir) / build.folder),
                        strict=config.strict, site_url=build.site_url,
                        use_directory_urls=config.use_directory_urls)
    other.extra[HANDED] = build
    for name, plugin in other.plugins.items():
        if name.endswith("search"):
            plugin.config["lang"] = [build.search_language]
    build_site(other, dirty=False)


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    root = _root(config)
    for folder in ("content", "prompts"):
        server.watch(str(root / folder))
    return server
