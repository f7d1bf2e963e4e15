"""Chromium prints the PDF checklists: a real browser layout engine (HarfBuzz shaping, bidi, the system's
Noto fonts) driven headless through Playwright, using the system's Chromium (nothing is downloaded).

One browser prints a whole batch, several documents at once: Chromium lays out and prints in its own
processes, so a batch keeps every core busy. Chromium replaced WeasyPrint here: it prints the bundled
corpus's checklists several times faster (figures in the README, "Benchmarks").
"""
from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

EXECUTABLE_ENV = "ISACS_CHROMIUM"  # path of a Chrome/Chromium to use instead of the one on PATH
CANDIDATES = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")
# Headless, and no traffic of the browser's own (updates, sync, safe browsing): the documents are
# self-contained, and the page context is offline as well.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-extensions", "--disable-default-apps",
        "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"]
TIMEOUT_MS = 60_000


class PdfEngineError(Exception):
    """Chromium is missing or failed: the message says what to do."""


@lru_cache(maxsize=1)
def executable() -> str:
    configured = os.environ.get(EXECUTABLE_ENV, "").strip()
    if configured:
        if not os.access(configured, os.X_OK):
            raise PdfEngineError(f"{EXECUTABLE_ENV}={configured}: not an executable file")
        return configured
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise PdfEngineError("PDF checklists need Chromium, and none was found on PATH: install Debian's chromium "
                         f"(`apt-get install chromium`; `python3 scripts/dev.py build` does it) or set "
                         f"{EXECUTABLE_ENV} to a Chrome/Chromium executable")


@lru_cache(maxsize=1)
def version() -> str:
    """"Chromium 150.0.7871.100 …": part of the checklist cache key, as the layout depends on it."""
    try:
        result = subprocess.run([executable(), "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        raise PdfEngineError(f"{executable()} --version failed: {exc}") from exc
    return result.stdout.strip() or executable()


def print_pdfs(documents: list[str], jobs: int | None = None) -> list[bytes]:
    """The PDF of each self-contained HTML document (page size and margins from its CSS), in order.

    Tagged PDFs (structure for screen readers, the document language) with an outline made from the
    headings: bookmarks for readers, and where each part starts for pdfpages.split.
    """
    if not documents:
        return []
    jobs = max(1, min(jobs or (os.cpu_count() or 1), len(documents)))
    # A thread of its own gives the batch its own event loop, whatever the caller runs (mkdocs serve,
    # or a test that drives a browser through Playwright's sync API in this thread).
    with ThreadPoolExecutor(1, thread_name_prefix="isacs-pdf") as thread:
        return thread.submit(asyncio.run, _print_all(documents, jobs)).result()


async def _print_all(documents: list[str], jobs: int) -> list[bytes]:
    from playwright.async_api import Error, async_playwright

    results: list[bytes] = [b""] * len(documents)
    pending = list(enumerate(documents))
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=executable(), args=ARGS, timeout=TIMEOUT_MS)
            try:
                context = await browser.new_context(offline=True, java_script_enabled=False)

                async def worker() -> None:
                    page = await context.new_page()
                    while pending:
                        index, html = pending.pop(0)
                        await page.set_content(html, wait_until="load", timeout=TIMEOUT_MS)
                        results[index] = await page.pdf(prefer_css_page_size=True, print_background=True,
                                                        tagged=True, outline=True)
                    await page.close()

                await asyncio.gather(*(worker() for _ in range(jobs)))
            finally:
                await browser.close()
    except Error as exc:
        raise PdfEngineError(f"Chromium ({executable()}) could not print the checklists: "
                             f"{str(exc).splitlines()[0]}") from exc
    return results
