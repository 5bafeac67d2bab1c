"""The MkDocs adapter: load the hub once per build, add its pages and downloads, write its data.

All the work is in `generator`; this file only hands MkDocs what the generator returns.
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


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        build = generator.make_build(_root(config), downloads=os.environ.get("LEARNHUB_DOWNLOADS", "all"),
                                     directory_urls=config.use_directory_urls)
    except generator.ContentErrors as exc:
        raise PluginError("the content has mistakes:\n" + "\n".join(map(str, exc.errors))) from None
    _build["build"] = build
    config.nav = build.nav
    config.site_name = build.site_name
    config.site_url = config.site_url or build.site_url
    return config


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


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    root = _root(config)
    for folder in ("content", "prompts"):
        server.watch(str(root / folder))
    return server
