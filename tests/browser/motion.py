"""Waiting for a page to stand still, so what a test measures is what a reader sees."""

from __future__ import annotations

from typing import Any

#: True once no CSS transition or finite animation is running (Material fades its search overlay,
#: header and palette; colours and hit-testing are only final after that).
#: A function, not an expression: Playwright evaluates string expressions with eval(), which the
#: hub's Content-Security-Policy rightly refuses.
STILL = ("() => document.getAnimations().every(a => a.playState !== 'running'"
         " || a.effect?.getTiming().iterations === Infinity)")


def wait_still(page: Any, timeout_ms: int = 5000) -> None:
    page.wait_for_function(STILL, timeout=timeout_ms)
