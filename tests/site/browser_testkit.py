"""Shared helpers for tests that open a built site in Debian's chromium through Playwright: the launch
settings, the skip marker when chromium is absent, a local HTTP server for a site folder, and a recorder
of Content-Security-Policy violations (the browser fixtures fail a test that caused any).
Also the reader's-eye geometry the layout tests assert with: sides, order, visibility and overlap.
Used by tests/site/test_browser.py and tests/checklists/test_assess_browser.py."""
from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# No background traffic of the browser's own (updates, sync, safe browsing) in the recorded requests.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]

needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                                    "(apt-get install chromium; listed in scripts/system-packages.txt)")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on a free localhost port; yields the origin, e.g. http://127.0.0.1:41234."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator:
    """A headless Debian chromium driven by Playwright (no browser download: the system one)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def watched_context(browser, **options) -> Iterator:
    """A new browser context (a fresh profile) whose pages' Content-Security-Policy violations fail the test
    when it ends; closed afterwards. `options`: Playwright's new_context options."""
    csp = CspViolations()
    context = csp.watch(browser.new_context(**options))
    try:
        yield context
        csp.assert_none()
    finally:
        context.close()


# Runs in every document before its own scripts: keeps each CSP violation the page reports.
_CSP_LISTENER = """(() => {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(
    `${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`));
})();"""


class CspViolations:
    """Content-Security-Policy violations of the watched pages: the `securitypolicyviolation` events each
    page recorded (window.__cspViolations) and the browser's console messages about the policy ("Refused
    to ... because it violates the following Content Security Policy directive"), which also cover the
    documents a page left (reloads, navigations)."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.pages: list = []

    def watch(self, target):
        """Watch a Playwright page (before it loads anything) or a browser context (all its pages)."""
        target.add_init_script(_CSP_LISTENER)
        target.on("console", self._console)
        if hasattr(target, "goto"):
            self.pages.append(target)
        else:
            target.on("page", lambda page: self.pages.append(page))
        return target

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.messages.append(message.text)

    def found(self) -> list[str]:
        found = list(self.messages)
        for page in self.pages:
            if not page.is_closed():
                try:
                    found += [f"{page.url}: {v}" for v in page.evaluate("window.__cspViolations || []")]
                except Exception:  # a page closing or navigating: its console messages were kept
                    pass
        return found

    def assert_none(self) -> None:
        found = self.found()
        assert not found, "Content-Security-Policy violations:\n" + "\n".join(found)


def url(origin: str, lang: str, path: str = "") -> str:
    """The served URL of a page: English at the root, the other languages under /<lang>/."""
    return f"{origin}/{'' if lang == 'en' else lang + '/'}{path}"


# Widths every layout test runs at: a common laptop and the narrowest desktop layout of Material (below
# 1220 px the navigation becomes a drawer). Layout assertions compare sides and order, never exact pixels:
# Debian updates Chromium and the fonts every few weeks, and text widths move with them.
VIEWPORT_WIDTHS = (1280, 1024)
VIEWPORT_HEIGHT = 900
TOLERANCE = 2.0  # px: sub-pixel rounding differs between Chromium releases


def viewport(width: int) -> dict[str, int]:
    return {"width": width, "height": VIEWPORT_HEIGHT}


def overlap(a: dict, b: dict, tolerance: float = TOLERANCE) -> bool:
    """Whether two bounding boxes share more than `tolerance` px in both directions."""
    return (min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"]) > tolerance
            and min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"]) > tolerance)


def same_line(a: dict, b: dict) -> bool:
    """Whether two boxes sit on one line of text: their vertical extents overlap by more than half the lower."""
    shared = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
    return shared > min(a["height"], b["height"]) / 2


def starts_before(a: dict, b: dict, rtl: bool) -> bool:
    """Whether `a` ends before `b` begins on a line read from the start side (left in LTR, right in RTL)."""
    if rtl:
        return b["x"] + b["width"] <= a["x"] + TOLERANCE
    return a["x"] + a["width"] <= b["x"] + TOLERANCE


def reading_order_problems(boxes: list[dict], rtl: bool) -> list[str]:
    """What breaks the reading order of `boxes` (items of one flow, in document order): each item must
    follow the one before it on the same line from the start side, or start a later line; no two overlap.
    Wrapping onto more lines is allowed: how many items fit on a line depends on the fonts."""
    problems = []
    for i, (before, after) in enumerate(zip(boxes, boxes[1:]), start=1):
        if same_line(before, after):
            if not starts_before(before, after, rtl):
                problems.append(f"item {i + 1} is not after item {i} on their line ({'rtl' if rtl else 'ltr'})")
        elif after["y"] < before["y"] + before["height"] - TOLERANCE:
            problems.append(f"item {i + 1} is on a line above item {i}")
    for i, a in enumerate(boxes):
        for j, b in enumerate(boxes[i + 1:], start=i + 1):
            if overlap(a, b):
                problems.append(f"items {i + 1} and {j + 1} overlap")
    return problems


def on_start_side(a: dict, b: dict, rtl: bool) -> bool:
    """Whether box `a` lies towards the start side of box `b` (compared by their centres)."""
    a_centre, b_centre = a["x"] + a["width"] / 2, b["x"] + b["width"] / 2
    return a_centre > b_centre + TOLERANCE if rtl else a_centre < b_centre - TOLERANCE


def visible_box(locator) -> dict | None:
    """The bounding box of the first match if a reader can see it inside the viewport, else None."""
    element = locator.first
    if not element.count() or not element.is_visible():
        return None
    box = element.bounding_box()
    size = element.page.viewport_size
    if not box or box["width"] < 1 or box["height"] < 1:
        return None
    inside = box["x"] + box["width"] > 0 and box["x"] < size["width"]
    return box if inside else None
