"""Finishing the built site once all languages are on disk: one 404 page per language, the
Content-Security-Policy (csp.py), search index, the service worker of offline reading (offline.py); and
merging the one-language builds of `isacs build-site` into that same site. Everything written here is a
function of the built pages only (no clock, no hash-map order), so the same sources give the same bytes."""

from __future__ import annotations

import gzip
import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

from .csp import apply_csp, remove_csp
from .offline import write_service_worker

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


def run_pagefind(site_dir: Path, default: str | None = None) -> None:
    """Index the built HTML: Pagefind writes one index per <html lang>, segments CJK and stems."""
    # The permalink marks (¶) after every heading would otherwise show in each result's headings.
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet", "--exclude-selectors", ".headerlink"],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise PluginError(f"pagefind failed: {result.stderr.strip() or result.stdout.strip()}")
    sort_pagefind_entry(site_dir, default)


PAGEFIND_ENTRY = Path("pagefind") / "pagefind-entry.json"


def sort_pagefind_entry(site_dir: Path, default: str | None = None) -> None:
    """Pagefind writes its language list in hash-map order, different at each run: write it in a fixed
    order, in Pagefind's own compact layout, so two builds of the same sources are byte-identical. The
    default language comes first: a page whose language has no index gets the index with the most pages,
    the first of equals, which is now always the default language's rather than a random one."""
    path = site_dir / PAGEFIND_ENTRY
    if not path.exists():
        return
    entry = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(entry.get("languages"), dict):
        entry["languages"] = dict(sorted(entry["languages"].items(), key=lambda item: (item[0] != default, item[0])))
    path.write_bytes(json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def finish_site(
    site_dir: Path, pages_404: dict[str, bytes], default: str, search: str, csp: bool = True, offline: bool = True
) -> None:
    """`csp=False` under `mkdocs serve`: its live reload injects an inline script into every page, which
    the policy would block, so the pages there go without one, and without the offline worker (whose
    cache would hide the edits). `offline`: the plugin option (offline.py)."""
    write_404s(site_dir, pages_404, default)
    apply_csp(site_dir) if csp else remove_csp(site_dir)
    if search == "pagefind":
        run_pagefind(site_dir, default)
        log.info("isacs: pagefind search index written to pagefind/")
    if csp:
        write_service_worker(site_dir, default, offline)  # last: it digests every other file


SITEMAP = "sitemap.xml"
_URL_END = "</url>"


def merge_language_sites(parts: dict[str, Path], target: Path, default: str) -> None:
    """Merge one-language builds (`parts`, in build order) into `target`.

    Each part holds its language's pages (at the root for the default language, under <lang>/ otherwise)
    plus the files every build writes at the root (theme assets, 404.html, sitemap). The root comes from
    the default language's build; the sitemap lists every language's pages, as in the merged build.
    """
    shutil.copytree(parts[default], target)
    for lang, part in parts.items():
        if lang == default:
            continue
        shutil.copytree(part / lang, target / lang, dirs_exist_ok=True)
        for path in part.rglob("*"):  # root files a language build adds that the default one lacks
            relative = path.relative_to(part)
            if relative.parts[0] != lang and path.is_file() and not (target / relative).exists():
                (target / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target / relative)
    if all((part / SITEMAP).exists() for part in parts.values()):
        write_sitemap(
            target,
            [(part / SITEMAP).read_text(encoding="utf-8") for part in parts.values()],
            _gzip_mtime(list(parts.values())[-1] / f"{SITEMAP}.gz"),
        )


def merge_sitemaps(sitemaps: list[str]) -> str:
    """One sitemap with the <url> entries of each (static-i18n writes each language's in build order)."""

    def split(text: str) -> tuple[str, str, str]:
        start = text.index(">", text.index("<urlset")) + 1
        end = text.rindex(_URL_END) + len(_URL_END) if _URL_END in text else start
        return text[:start], text[start:end], text[end:]

    head, _, tail = split(sitemaps[0])
    return head + "".join(split(text)[1] for text in sitemaps) + tail


def write_sitemap(site_dir: Path, sitemaps: list[str], mtime: int) -> None:
    """sitemap.xml and sitemap.xml.gz byte for byte as mkdocs writes them (gzip mtime included)."""
    text = merge_sitemaps(sitemaps)
    (site_dir / SITEMAP).write_bytes(text.encode("utf-8"))
    with open(site_dir / f"{SITEMAP}.gz", "wb") as handle:
        with gzip.GzipFile(fileobj=handle, filename=f"{SITEMAP}.gz", mode="wb", mtime=mtime) as gz:
            gz.write(text.encode("utf-8"))


def _gzip_mtime(path: Path) -> int:
    """The timestamp in a gzip header (mkdocs stamps the newest page date; the last build's wins)."""
    header = path.read_bytes()[:8] if path.exists() else b""
    return int.from_bytes(header[4:8], "little") if len(header) == 8 else 0
