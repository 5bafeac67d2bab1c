"""The hub served under a sub-path, as on an intranet web server (`https://intranet.example/learning/`).

A small server maps /learning/ to the built site and answers 404 everywhere else, so a link, a
search result, a catalogue link, a hub.json url or a download that assumed the site sits at the
root of its host would fail here.
"""

from __future__ import annotations

import http.server
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from .conftest import _QuietHandler
from .test_csp import Visit

PREFIX = "/learning/"


def handler_for(site: Path) -> type[http.server.SimpleHTTPRequestHandler]:
    class UnderPrefix(_QuietHandler):
        """Serves `site` at PREFIX; everything outside it is 404 Not Found."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(site), **kwargs)

        def send_head(self) -> Any:
            if not self.path.startswith(PREFIX):
                self.send_error(404, "outside the hub's sub-path")
                return None
            self.path = "/" + self.path.removeprefix(PREFIX)
            return super().send_head()

    return UnderPrefix


@pytest.fixture(scope="module")
def sub_url(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler_for(site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_the_server_refuses_the_root(sub_url: str) -> None:
    """The check has teeth: the same page outside the sub-path is not found."""
    assert status(sub_url) == 200
    assert status(urljoin(sub_url, "/managers/day-1/")) == 404


def test_every_link_on_every_page_resolves_under_the_sub_path(browser: Any, sub_url: str, site: Path) -> None:
    visit = Visit(sub_url)  # any request outside /learning/ counts as foreign
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    visit.watch(context)
    page = context.new_page()
    visit.attach(page)
    host = urlsplit(sub_url).netloc
    pages = sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
                   for p in site.rglob("index.html"))
    links: set[str] = set()
    try:
        for url in pages:
            page.goto(sub_url + url, wait_until="load")
            for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
                parts = urlsplit(href)
                if parts.netloc == host:
                    links.add(parts._replace(query="", fragment="").geturl())
            visit.collect(page, url or "home")
    finally:
        context.close()
    assert len(pages) >= 25
    outside = sorted(link for link in links if not link.startswith(sub_url))
    assert not outside, outside[:20]
    broken = sorted(link for link in links if status(link) != 200)
    assert not broken, broken[:20]
    visit.assert_clean()


def test_hub_json_urls_and_downloads_resolve_against_the_sub_path(sub_url: str, site: Path) -> None:
    with urllib.request.urlopen(urljoin(sub_url, "api/hub.json"), timeout=10) as response:
        hub = json.loads(response.read())
    items = [hub["campaign"], *hub["days"], *hub["prompts"], *hub["activities"], *hub["resources"]]
    broken = [item["url"] for item in items if status(urljoin(sub_url, item["url"].split("#")[0])) != 200]
    assert not broken, broken[:20]
    for download in (site / "downloads").iterdir():
        assert status(urljoin(sub_url, f"downloads/{download.name}")) == 200


def test_navigation_search_and_the_catalogue_work_under_the_sub_path(browser: Any, sub_url: str,
                                                                     site: Path) -> None:
    hub = json.loads((site / "api" / "hub.json").read_text(encoding="utf-8"))
    visit = Visit(sub_url)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    visit.watch(context)
    page = context.new_page()
    visit.attach(page)
    try:
        page.goto(sub_url, wait_until="networkidle")
        page.locator(".lh-door").first.click()
        page.wait_for_load_state("networkidle")
        assert page.url.startswith(sub_url) and page.url != sub_url

        prompt = hub["prompts"][0]
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(" ".join(prompt["text"].split()[:6]))
        target = urljoin(sub_url, prompt["url"].split("#")[0])
        page.wait_for_function(
            """target => [...document.querySelectorAll('a.md-search-result__link')].some(a => {
                 const u = new URL(a.href); u.search = ''; u.hash = ''; return u.href === target; })""",
            arg=target, timeout=15_000)

        fmt = hub["resources"][0]["format"]
        page.goto(f"{sub_url}resources/?format={fmt}")
        page.wait_for_selector(".lh-filterbox", state="visible")
        cards = page.locator(".lh-resource-cards > article:not([hidden])")
        want = sum(1 for r in hub["resources"] if r["format"] == fmt)
        assert cards.count() == want
        cost = hub["resources"][0]["cost"]
        page.locator(f'.lh-filters input[name=cost][value="{cost}"]').check()
        assert page.url == f"{sub_url}resources/?format={fmt}&cost={cost}"
        visit.collect(page, "after navigating, searching and filtering")
    finally:
        context.close()
    visit.assert_clean()
