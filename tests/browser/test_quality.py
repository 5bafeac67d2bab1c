"""Every built page as a reader meets it in Chromium: accessible in both palettes, private, fit for
a phone, and printable.

Each page is loaded once for the accessibility and privacy scan (axe-core injected once, run in the
light palette, the palette toggled, run again in the dark one), so the whole sweep stays quick.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from ..tools import need_module
from .found import present, shown
from .motion import wait_still

#: axe-core rule tags for WCAG 2.2 levels A and AA (2.0, 2.1 and the 2.2 additions).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: axe's best-practice rules that Lighthouse's accessibility score also counts, so `make audit`
#: finds nothing these tests did not.
LIGHTHOUSE_RULES = ["aria-allowed-role", "aria-dialog-name", "aria-treeitem-name", "empty-heading",
                    "heading-order", "image-redundant-alt", "landmark-one-main", "skip-link",
                    "tabindex"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"],
               "rules": {rule: {"enabled": True} for rule in LIGHTHOUSE_RULES}}

#: Material's scheme names for the palettes in mkdocs.yml.
SCHEMES = {"light": "default", "dark": "slate"}
PHONE = {"width": 375, "height": 812}
#: Not requests to another host: inline data, object URLs, the blank page.
LOCAL_SCHEMES = ("data:", "blob:", "about:")


def site_pages(site: Path) -> list[str]:
    """Every page the build wrote, as a URL path relative to the root ('' is the home page)."""
    pages = [path.parent.relative_to(site).as_posix() for path in site.rglob("index.html")]
    extra = ["404.html"] if (site / "404.html").is_file() else []
    return sorted("" if p == "." else f"{p}/" for p in pages) + extra


def axe_source() -> str:
    """The axe-core script shipped with axe-playwright-python, injected into each page once."""
    axe = need_module("axe_playwright_python.sync_playwright", "axe-playwright-python")
    return str(axe.Axe().axe_script)


def violations(page: Any) -> list[dict[str, Any]]:
    result = page.evaluate(f"axe.run(document, {json.dumps(AXE_OPTIONS)})")
    return list(result["violations"])


def describe(url: str, found: list[dict[str, Any]]) -> Iterator[str]:
    """One line per failing element: rule, impact, page, element and what to fix."""
    for rule in found:
        for node in rule["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            yield (f"{rule['id']} ({rule['impact']}) on /{url}: {' '.join(map(str, node['target']))}"
                   f"\n    {' '.join(node['html'].split())[:160]}\n    {summary[:300]}")


@dataclass
class Scan:
    """What one sweep over every page found."""

    pages: list[str]
    violations: dict[str, list[str]] = field(default_factory=lambda: {"light": [], "dark": []})
    foreign: list[str] = field(default_factory=list)
    requests: int = 0


@pytest.fixture(scope="module")
def pages(site: Path) -> list[str]:
    return site_pages(site)


def sweep(browser: Any, base_url: str, pages: list[str], toggle: str = "label[for^='__palette']:visible") -> Scan:
    """Load each page once: record its requests, run axe in the light palette, toggle, run again."""
    script = axe_source()
    local = urlsplit(base_url).netloc
    result = Scan(pages)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    current: list[str] = [""]

    def record(request: Any) -> None:
        result.requests += 1
        url = request.url
        if not url.startswith(LOCAL_SCHEMES) and urlsplit(url).netloc != local:
            result.foreign.append(f"/{current[0]} requested {url}")

    context.on("request", record)
    for url in pages:
        current[0] = url
        page.goto(base_url + url, wait_until="load")
        page.evaluate(script)
        for palette in ("light", "dark"):
            if palette == "dark":
                page.locator(toggle).click()
            page.wait_for_function("scheme => document.body.dataset.mdColorScheme === scheme",
                                   arg=SCHEMES[palette])
            wait_still(page)
            result.violations[palette] += describe(url, violations(page))
        page.evaluate("localStorage.clear()")  # forget the toggled palette: the next page opens light
    context.close()
    return result


@pytest.fixture(scope="module")
def scan(browser: Any, base_url: str, pages: list[str]) -> Scan:
    return sweep(browser, base_url, pages)


def test_every_page_is_scanned(scan: Scan) -> None:
    assert len(scan.pages) >= 25, scan.pages
    assert {"", "managers/day-3/", "resources/", "404.html"} <= set(scan.pages)
    assert scan.requests >= 2 * len(scan.pages)


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_no_accessibility_violation(scan: Scan, palette: str) -> None:
    found = scan.violations[palette]
    assert not found, (f"axe-core (WCAG 2.2 A/AA) in the {palette} palette over {len(scan.pages)} "
                       f"pages found {len(found)}:\n" + "\n".join(found))


def test_no_request_leaves_the_local_server(scan: Scan) -> None:
    assert not scan.foreign, "\n".join(scan.foreign)


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    yield context.new_page()
    context.close()


def too_wide(phone: Any, base_url: str, pages: list[str]) -> list[str]:
    """Each page wider than a phone's screen, with the first elements that stick out."""
    wide = []
    for url in pages:
        phone.goto(base_url + url)
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            culprits = phone.evaluate(
                """limit => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > limit + 0.5)
                    .filter(e => !e.closest('.md-sidebar, .md-search, [hidden]'))
                    .slice(0, 3).map(e => e.outerHTML.slice(0, 120))""", PHONE["width"])
            wide.append(f"/{url} is {width}px wide: {culprits}")
    return wide


def test_no_page_scrolls_sideways_on_a_phone(phone: Any, base_url: str, pages: list[str]) -> None:
    wide = too_wide(phone, base_url, pages)
    assert not wide, "\n".join(wide)


def in_view(locator: Any) -> bool:
    return bool(locator.evaluate("e => { const r = e.getBoundingClientRect(); "
                                 "return r.width > 0 && r.right > 0 && r.left < innerWidth; }"))


def test_phone_navigation_drawer_leads_to_a_page(phone: Any, base_url: str) -> None:
    phone.goto(base_url)
    link = phone.locator("nav.md-nav--primary a.md-nav__link[href$='/resources/']").first
    assert not in_view(link), "the drawer is open before it is asked for"
    phone.locator("label.md-header__button[for='__drawer']").click()
    wait_still(phone)
    assert in_view(link), "the drawer did not open"
    link.click()
    phone.wait_for_url("**/resources/")
    assert phone.locator("h1").inner_text().startswith("Resources")
    wait_still(phone)
    assert not in_view(phone.locator("nav.md-nav--primary").first), "the drawer stayed open"


def test_printing_a_day_page_leaves_out_navigation_and_search(page: Any, base_url: str) -> None:
    page.goto(base_url + "managers/day-3/")
    chrome = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary",
              ".md-search", ".md-footer", ".lh-daynav"]
    hidden_on_screen = [s for s in chrome if not shown(page, s)]
    assert not hidden_on_screen, f"not shown on screen, so print proves nothing: {hidden_on_screen}"
    page.emulate_media(media="print")
    printed = {s: shown(page, s) for s in chrome}
    assert not any(printed.values()), f"printed with {printed}"
    assert present(page, "h1").is_visible()
    assert present(page, ".lh-agenda table").first.is_visible()
