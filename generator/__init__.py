"""learnhub's generator: YAML content -> typed model -> pages and downloads. Knows nothing of MkDocs.

The stages, lowest first: `errors`; `content/` (load, model, validate, rules, schema, hub);
`records` (what a build hands a site engine); `paths` and `markup` (shared by every renderer);
`site/` and `downloads/` (the renderers); `cache`, `build`, `export`; `cli` at the top.

The public names are imported on first use, so `learnhub validate` starts without loading the
renderers (Markdown, templates, PDF and spreadsheet writers) it never calls.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .build import Started, alternates, hand_over, make_build, make_builds, requested, start_builds
    from .content.hub import Loaded, load_hub
    from .downloads import PREVIEWS, build_downloads, write_downloads
    from .errors import ContentError, ContentErrors
    from .markup import mark_external_links
    from .records import Build, BuiltDownload, Page
    from .site.api import hub_json
    from .site.bytecode import THEME_BYTECODE
    from .site.csp import policy_for_theme_scripts
    from .site.pages import navigation, render_site

#: Each public name and the module that defines it.
_EXPORTS = {
    "hub_json": "site.api", "Build": "records", "alternates": "build", "make_build": "build", "make_builds": "build",
    "BuiltDownload": "records", "build_downloads": "downloads", "PREVIEWS": "downloads",
    "Started": "build", "THEME_BYTECODE": "site.bytecode", "hand_over": "build", "requested": "build",
    "start_builds": "build",
    "write_downloads": "downloads",
    "ContentError": "errors", "ContentErrors": "errors",
    "Loaded": "content.hub", "load_hub": "content.hub", "Page": "records", "navigation": "site.pages",
    "render_site": "site.pages", "policy_for_theme_scripts": "site.csp", "mark_external_links": "markup",
}

__all__ = [
    "PREVIEWS",
    "THEME_BYTECODE",
    "alternates",
    "Build",
    "BuiltDownload",
    "ContentError",
    "ContentErrors",
    "Loaded",
    "Page",
    "Started",
    "build_downloads",
    "hand_over",
    "hub_json",
    "load_hub",
    "make_build",
    "make_builds",
    "mark_external_links",
    "navigation",
    "policy_for_theme_scripts",
    "render_site",
    "requested",
    "start_builds",
    "write_downloads",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'generator' has no attribute {name!r}")
    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
