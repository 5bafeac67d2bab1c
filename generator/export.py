"""Write the hub as a plain site-engine project: Markdown pages and an mkdocs.yml without the hook.

The output builds with plain MkDocs (or another engine that reads mkdocs.yml), which is how the
benchmark measures the hook's overhead and how the content can move to Material's successor.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from .downloads import build_downloads
from .content.model import Hub
from .site.pages import navigation, render_site, theme_title


def _plain(value: Any) -> Any:
    """Navigation with plain str keys (escaped titles), so PyYAML's safe dumper can write it."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def export(root: Path, hub: Hub, out: Path) -> list[Path]:
    """Write `out/mkdocs.yml` and `out/docs/` (assets, every generated page and download); returns the pages."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks", None)
    config["site_name"] = str(theme_title(hub.campaign.hub_title))
    config["site_url"] = hub.campaign.site_url
    config["docs_dir"] = "docs"
    config["nav"] = _plain(navigation(hub))
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(root / config.get("docs_dir", "docs"), docs)
    custom = config.get("theme", {}).get("custom_dir")
    if custom:
        shutil.rmtree(out / custom, ignore_errors=True)
        shutil.copytree(root / custom, out / custom)
    written = []
    downloads = build_downloads(hub)
    for page in render_site(hub, downloads):
        path = docs / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.content, encoding="utf-8")
        written.append(path)
    for download in downloads:
        (docs / download.path).write_bytes(download.content)
    header = "# Written by `learnhub generate`: the hub's pages for plain MkDocs, without the hook.\n"
    (out / "mkdocs.yml").write_text(
        header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return written
