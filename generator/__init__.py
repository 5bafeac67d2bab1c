"""learnhub's generator: YAML content -> typed model -> pages and downloads. Knows nothing of MkDocs."""

from .api import hub_json
from .csp import policy_for_theme_scripts
from .downloads import BuiltDownload, build_downloads, write_downloads
from .errors import ContentError, ContentErrors
from .hub import Loaded, load_hub
from .markup import mark_external_links
from .pages import Page, navigation, render_site

__all__ = [
    "BuiltDownload", "ContentError", "ContentErrors", "Loaded", "Page", "build_downloads", "hub_json",
    "load_hub", "mark_external_links", "navigation", "policy_for_theme_scripts", "render_site",
    "write_downloads",
]
