"""In Chromium: every page satisfies its Content-Security-Policy, nothing is fetched from another
host, the policy really blocks an injected script, and the hostile build runs none of its payloads."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from ..hostile import Planting
from .conftest import _QuietHandler

#: Records what the policy blocks and any dialog a payload tries to open, before any page script.
WATCH = """
window.__lh = {violations: [], dialogs: []};
document.addEventListener("securitypolicyviolation", (e) => window.__lh.violations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__lh.dialogs.push(`${name}(${args.join(",")})`); };
}
"""


@dataclass
class Visit:
    """What one browsing session saw: policy violations, dialogs, errors and off-site requests."""

    base_url: str
    violations: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def watch(self, context: Any) -> None:
        context.add_init_script(WATCH)
        context.on("request", self._request)

    def _request(self, request: Any) -> None:
        if not request.url.startswith((self.base_url, "data:", "blob:", "about:")):
            self.foreign.append(request.url)

    def attach(self, page: Any) -> None:
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def collect(self, page: Any, where: str) -> None:
        seen = page.evaluate("window.__lh || {violations: [], dialogs: []}")
        self.violations += [f"{where}: {v}" for v in seen["violations"]]
        self.dialogs += [f"{where}: {d}" for d in seen["dialogs"]]

    def assert_clean(self, *, missing_files_ok: bool = False) -> None:
        assert not self.violations, "\n".join(self.violations[:20])
        assert not self.dialogs, "\n".join(self.dialogs[:20])
        assert not self.foreign, "\n".join(self.foreign[:20])
        errors = [e for e in self.errors if not (missing_files_ok and e.startswith("Failed to load resource"))]
        assert not errors, "\n".join(errors[:20])


def page_urls(site: Path) -> list[str]:
    """Every page of a built site as a URL path, plus the 404 page."""
    urls = sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
                  for p in site.rglob("index.html"))
    return [*urls, "404.html"]


def visit_all(browser: Any, base_url: str, site: Path) -> tuple[Visit, int]:
    visit = Visit(base_url)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    visit.watch(context)
    page = context.new_page()
    visit.attach(page)
    urls = page_urls(site)
    try:
        for url in urls:
            page.goto(base_url + url, wait_until="load")
            page.wait_for_timeout(20)  # let late handlers (focus, toggle, the search worker) fire
            visit.collect(page, url or "home")
    finally:
        context.close()
    return visit, len(urls)


def test_no_page_breaks_the_policy_or_reaches_another_host(browser: Any, base_url: str, site: Path) -> None:
    visit, pages = visit_all(browser, base_url, site)
    assert pages >= 25
    visit.assert_clean()


def test_instant_navigation_search_and_palette_keep_to_the_policy(browser: Any, base_url: str) -> None:
    visit = Visit(base_url)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    visit.watch(context)
    page = context.new_page()
    visit.attach(page)
    try:
        page.goto(base_url, wait_until="networkidle")
        page.locator(".lh-door").first.click()  # Material's instant navigation fetches and swaps
        page.wait_for_load_state("networkidle")
        assert page.url != base_url
        page.locator("form[data-md-component=palette] label").first.click()  # the theme's own script
        page.locator(".md-search__input").click()
        page.keyboard.type("mentor", delay=20)
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        visit.collect(page, "after navigating and searching")
    finally:
        context.close()
    visit.assert_clean()


def test_the_policy_blocks_an_injected_inline_script(page: Any, base_url: str) -> None:
    """The policy is enforced, not merely present: an inline script added to a page never runs."""
    page.add_init_script(WATCH)
    page.goto(base_url, wait_until="networkidle")
    ran = page.evaluate("""() => new Promise((resolve) => {
        const script = document.createElement("script");
        script.textContent = "window.__injected = true";
        document.body.appendChild(script);
        setTimeout(() => resolve(window.__injected === true), 100);
    })""")
    assert ran is False
    violations = page.evaluate("window.__lh.violations")
    assert any(v.startswith("script-src") for v in violations), violations


@pytest.fixture(scope="module")
def hostile_url(hostile: Planting) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(hostile.root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_the_hostile_build_runs_none_of_its_payloads(browser: Any, hostile: Planting, hostile_url: str) -> None:
    visit, pages = visit_all(browser, hostile_url, hostile.root / "site")
    assert pages >= 20
    visit.assert_clean(missing_files_ok=True)  # payloads such as <img src=x> name files that do not exist
