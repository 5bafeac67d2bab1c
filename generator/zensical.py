"""The hub built by Zensical, Material's successor, from `learnhub generate`'s output.

Zensical (0.0.x) reads mkdocs.yml but runs no MkDocs hook, so everything the hook does at build
time is done here around the engine instead: `prepare` writes the generated project (pages,
downloads, theme overrides) with the content-security policy worked out for Zensical's own
theme scripts, and `finish` adds what the hook would write after the build (api/hub.json).
What Zensical still cannot do for the hub is listed in the README ("Engines").
"""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from jinja2 import Environment, FileSystemLoader

from .content.model import Hub
from .export import export
from .site.api import hub_json
from .site.csp import content_security_policy, inline_scripts, script_hash

#: The theme partials in which Zensical writes inline scripts (as Material does; see overrides/main.html).
THEME_SCRIPTS = ("base", "palette", "content", "announce", "outdated", "consent")

#: Overrides written for Material's markup that Zensical draws differently: its search is a dialog
#: of its own, so Material's search box (overrides/partials/search.html) would only hide it.
MATERIAL_ONLY = ("partials/search.html",)


def theme_templates() -> Path:
    """The folder of Zensical's theme templates (found without importing the engine)."""
    spec = importlib.util.find_spec("zensical")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("Zensical is not installed: pip install -e '.[zensical]'")
    return Path(spec.origin).parent / "templates"


def base_urls(pages: list[Path], docs: Path, site_url: str) -> set[str]:
    """Each page's `base_url` as the theme writes it: "." at the root, ".." one folder down, and
    the path of `site_url` on the 404 page (served from any folder, it links from the root)."""
    found = {urlsplit(site_url).path or "/"}
    for page in pages:
        parts = page.relative_to(docs).with_suffix("").parts
        depth = len(parts) - 1 if parts[-1] == "index" else len(parts)
        found.add("/".join([".."] * depth) or ".")
    return found


#: Zensical's search dialog puts its stylesheet, a string in the theme's script, into a <style>
#: in a shadow root: `attachShadow({mode:"open"});o.appendChild(C("style",{},Tc.toString()))`.
_SHADOW_STYLE = re.compile(r'attachShadow\(\{mode:"open"\}\);\w+\.appendChild\(\w+\("style",\{\},([\w$]+)\.toString\(\)\)\)')
_STRING = r"""=('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""


def theme_style_hashes(templates: Path) -> set[str]:
    """Hashes of the stylesheets Zensical's own script writes inline (its search dialog's).

    Read from the theme's script file, never from a built page. If a later Zensical words it
    differently, nothing is found, the policy blocks the style, and the browser test says so.
    """
    hashes = set()
    for bundle in sorted((templates / "assets" / "javascripts").glob("bundle.*.js")):
        code = bundle.read_text(encoding="utf-8")
        for name in _SHADOW_STYLE.findall(code):
            literal = re.search(r"(?<![\w$.])" + re.escape(name) + _STRING, code)
            if literal:
                hashes.add(script_hash(ast.literal_eval(literal.group(1))))
    return hashes


def theme_policy(templates: Path, features: list[str], bases: set[str]) -> str:
    """The policy allowing the inline scripts (and the search dialog's style) of Zensical's theme.

    Rendered from the theme's own templates (never read from a built page); one script names the
    page's `base_url` (see base_urls), so each of those adds its hash.
    """
    env = Environment(loader=FileSystemLoader(templates), autoescape=True)
    hashes = set()
    for base_url in bases:
        context = {"config": {"extra": {}}, "base_url": base_url, "features": features}
        for name in THEME_SCRIPTS:
            markup = env.get_template(f"partials/javascripts/{name}.html").render(context)
            hashes.update(script_hash(script) for script in inline_scripts(markup))
    return content_security_policy(hashes, theme_style_hashes(templates))


def prepare(root: Path, hub: Hub, project: Path) -> Path:
    """Write the Zensical project for the hub into `project`; returns the folder of its mkdocs.yml."""
    pages = export(root, hub, project)
    config_path = project / "mkdocs.yml"
    text = config_path.read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    custom = config.get("theme", {}).get("custom_dir")
    if custom:
        for name in MATERIAL_ONLY:
            (project / custom / name).unlink(missing_ok=True)
    features = list(config.get("theme", {}).get("features", []))
    bases = base_urls(pages, project / "docs", hub.campaign.site_url)
    policy = theme_policy(theme_templates(), features, bases)
    config.setdefault("extra", {})["content_security_policy"] = policy  # read by overrides/main.html
    header = text.splitlines(keepends=True)[0]
    config_path.write_text(header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                           encoding="utf-8")
    return project


def finish(hub: Hub, project: Path, staging: Path) -> None:
    """Move Zensical's output into `staging` and add hub.json, as the hook does for MkDocs."""
    shutil.copytree(project / "site", staging, dirs_exist_ok=True)
    (staging / "api").mkdir(parents=True, exist_ok=True)
    (staging / "api" / "hub.json").write_text(hub_json(hub), encoding="utf-8")
