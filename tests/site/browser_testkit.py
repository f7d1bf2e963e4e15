"""Shared helpers for tests that open a built site in Debian's chromium through Playwright: the launch
settings, the skip marker when chromium is absent, and a local HTTP server for a site folder.
(tests/site/test_browser.py keeps its own copies; tests/checklists/test_assess_browser.py uses these.)"""
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


def url(origin: str, lang: str, path: str = "") -> str:
    """The served URL of a page: English at the root, the other languages under /<lang>/."""
    return f"{origin}/{'' if lang == 'en' else lang + '/'}{path}"
