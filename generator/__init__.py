"""learnhub's generator: YAML content -> typed model -> pages and downloads. Knows nothing of MkDocs."""

from .api import hub_json
from .downloads import BuiltDownload, build_downloads, write_downloads
from .errors import ContentError, ContentErrors
from .hub import Loaded, load_hub
from .pages import Page, navigation, render_site

__all__ = [
    "BuiltDownload", "ContentError", "ContentErrors", "Loaded", "Page", "build_downloads", "hub_json",
    "load_hub", "navigation", "render_site", "write_downloads",
]
