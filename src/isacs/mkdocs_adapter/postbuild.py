"""Finishing the built site once all languages are on disk: one 404 page per language, search index."""
from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.isacs")


def keep_404(pages: dict[str, bytes], lang: str, site_dir: Path) -> None:
    """Remember the 404 page this language's build rendered (each build overwrites site/404.html)."""
    page = site_dir / "404.html"
    if page.exists():
        pages[lang] = page.read_bytes()


def write_404s(site_dir: Path, pages: dict[str, bytes], default: str) -> None:
    for lang, data in pages.items():
        target = site_dir / "404.html" if lang == default else site_dir / lang / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def run_pagefind(site_dir: Path) -> None:
    """Index the built HTML: Pagefind writes one index per <html lang>, segments CJK and stems."""
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise PluginError(f"pagefind failed: {result.stderr.strip() or result.stdout.strip()}")


def finish_site(site_dir: Path, pages_404: dict[str, bytes], default: str, search: str) -> None:
    write_404s(site_dir, pages_404, default)
    if search == "pagefind":
        run_pagefind(site_dir)
        log.info("isacs: pagefind search index written to pagefind/")
