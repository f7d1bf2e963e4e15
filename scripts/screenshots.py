#!/usr/bin/env python3
"""The README's screenshots of the practitioner's features, taken from a built site.

    .venv/bin/python scripts/screenshots.py [--site site] [--out docs/screenshots]

Serves the built site on localhost, opens each feature in Debian's Chromium (Playwright, nothing
downloaded) and writes one JPEG per feature; the module PDF's title page is rasterised with pdftoppm
(poppler-utils). Run it after `python3 scripts/dev.py build` when a feature's look changes, and commit
the images: tests/repo/test_readme_screenshots.py checks that the README shows each one.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-sync"]
WIDE, PHONE = {"width": 1280, "height": 800}, {"width": 390, "height": 844}
QUALITY = 70  # JPEG: a screenshot of text and flat colours stays readable and a tenth of the PNG's size


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def module_permalink(page: Page, origin: str) -> None:
    """A requirement permalink: the requirement highlighted, its citation copied (the button's status)."""
    page.goto(f"{origin}/isacs/05.30/#r006")
    page.locator("#r006 .isacs-cite-button").click()
    page.wait_for_timeout(300)


def module_arabic(page: Page, origin: str) -> None:
    """The same module in Arabic, right to left, with its PDF link and metadata."""
    page.goto(f"{origin}/ar/isacs/05.30/")


def finder(page: Page, origin: str) -> None:
    """The requirement finder: every 'shall' addressed to customs, in French; filters in the URL."""
    page.goto(f"{origin}/fr/finder/?level=shall&actor=customs")
    page.locator(".isacs-finder-item").first.wait_for()
    # the filters and the first results in one view, below the fixed header
    page.evaluate("() => { document.querySelector('.isacs-finder-form').scrollIntoView(); scrollBy(0, -70); }")


def downloads(page: Page, origin: str) -> None:
    """Downloads: one row per module, its PDF and its checklist in four formats."""
    page.goto(f"{origin}/downloads/")


def self_assessment(page: Page, origin: str) -> None:
    """Self-assessment of a module, answers kept in the browser, exports (CSV, JSON, OSCAL)."""
    page.goto(f"{origin}/es/assess/isacs/05.30/")
    page.locator(".isacs-assess-toolbar").wait_for(state="visible")
    page.locator("fieldset.isacs-assess-item input[type=radio]").first.check()


def glossary_chinese(page: Page, origin: str) -> None:
    """The glossary in Chinese: pinyin order, a jump index, untranslated entries after."""
    page.goto(f"{origin}/zh/glossary/")


def offline(page: Page, origin: str) -> None:
    """Offline: a page read before opens with the network cut; one never opened says so in its language."""
    page.goto(f"{origin}/es/isacs/05.30/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.context.set_offline(True)
    page.goto(f"{origin}/es/glossary/")


def phone_downloads(page: Page, origin: str) -> None:
    """A wide table on a phone: one card per row, each value with its column's name."""
    page.goto(f"{origin}/ru/downloads/")


SHOTS: dict[str, tuple[Callable[[Page, str], None], dict]] = {
    "module-permalink": (module_permalink, WIDE),
    "module-arabic": (module_arabic, WIDE),
    "finder": (finder, WIDE),
    "downloads": (downloads, WIDE),
    "self-assessment": (self_assessment, WIDE),
    "glossary-chinese": (glossary_chinese, WIDE),
    "phone-downloads": (phone_downloads, PHONE),
    "offline": (offline, {"width": 1280, "height": 400}),
}


def save_jpeg(png: bytes, path: Path) -> None:
    Image.open(io.BytesIO(png)).convert("RGB").save(path, "JPEG", quality=QUALITY, optimize=True)


def module_pdf_title_page(site: Path, out: Path) -> Path:
    """The first page of the French module PDF, as a reader's PDF viewer shows it."""
    pdf = site / "fr" / "downloads" / "isacs-05-30-fr-module.pdf"
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf), f"{tmp}/page"], check=True)
        pages = sorted(Path(tmp).glob("page*.png"))
        images = [Image.open(p).convert("RGB") for p in pages]
        sheet = Image.new("RGB", (sum(i.width for i in images) + 10 * (len(images) + 1), images[0].height + 20), "gray")
        x = 10
        for image in images:
            sheet.paste(image, (x, 10))
            x += image.width + 10
        target = out / "module-pdf.jpg"
        sheet.save(target, "JPEG", quality=QUALITY, optimize=True)
    return target


def take(site: Path, out: Path, only: list[str] | None = None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    written = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for name, (show, viewport) in SHOTS.items():
                if only and name not in only:
                    continue
                context = browser.new_context(viewport=viewport, permissions=["clipboard-read", "clipboard-write"])
                page = context.new_page()
                show(page, origin)
                if name != "offline":
                    page.wait_for_load_state("networkidle")
                target = out / f"{name}.jpg"
                save_jpeg(page.screenshot(), target)
                written.append(target)
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    if not only or "module-pdf" in only:
        written.append(module_pdf_title_page(site, out))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site (default: site/)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("only", nargs="*", help=f"some of: {', '.join([*SHOTS, 'module-pdf'])}")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"screenshots: {args.site} is not a built site; run `python3 scripts/dev.py build`", file=sys.stderr)
        return 2
    for path in take(args.site, args.out, args.only):
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {path.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
