"""Selector checks that cannot pass by matching nothing."""

from __future__ import annotations

from typing import Any


def present(page: Any, selector: str) -> Any:
    """Every element `selector` matches on `page`; fails when it matches none, so that an assertion
    about those elements (hidden in print, say) is about something."""
    found = page.locator(selector)
    assert found.count() > 0, f"{selector} matches nothing on {page.url}"
    return found


def shown(page: Any, selector: str) -> list[str]:
    """The outer HTML (cut short) of each element of `selector` that is visible now."""
    return [element.evaluate("e => e.outerHTML.slice(0, 80)")
            for element in present(page, selector).all() if element.is_visible()]
