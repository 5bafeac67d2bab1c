"""learnhub's generator: YAML content -> typed model -> pages and downloads. Knows nothing of MkDocs.

The public names are imported on first use, so `learnhub validate` starts without loading the
renderers (Markdown, templates, PDF and spreadsheet writers) it never calls.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import hub_json
    from .csp import policy_for_theme_scripts
    from .build import Build, make_build
    from .downloads import BuiltDownload, build_downloads, downloads_for_build, write_downloads
    from .errors import ContentError, ContentErrors
    from .hub import Loaded, load_hub
    from .markup import mark_external_links
    from .pages import Page, navigation, render_site

#: Each public name and the module that defines it.
_EXPORTS = {
    "hub_json": "api", "Build": "build", "make_build": "build",
    "BuiltDownload": "downloads", "build_downloads": "downloads", "downloads_for_build": "downloads",
    "write_downloads": "downloads",
    "ContentError": "errors", "ContentErrors": "errors",
    "Loaded": "hub", "load_hub": "hub", "Page": "pages", "navigation": "pages", "render_site": "pages",
    "policy_for_theme_scripts": "csp", "mark_external_links": "markup",
}

__all__ = [
    "Build",
    "BuiltDownload",
    "ContentError",
    "ContentErrors",
    "Loaded",
    "Page",
    "build_downloads",
    "downloads_for_build",
    "hub_json",
    "load_hub",
    "mark_external_links",
    "make_build",
    "navigation",
    "policy_for_theme_scripts",
    "render_site",
    "write_downloads",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'generator' has no attribute {name!r}")
    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
