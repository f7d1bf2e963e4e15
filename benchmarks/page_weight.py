"""What a reader downloads on a first visit to a module page: the HTML and every stylesheet and script the
page loads before any interaction (search loads on first use and is counted apart, by
scripts/measure_search.py), each gzipped as a server sends it. Read from the built files: the page's
<link rel=stylesheet> and <script src>, resolved against the page; a module that imports another (Pagefind)
is not followed, since nothing imports before the reader searches.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

TARGET_KB = 150


@dataclass(frozen=True)
class PageWeight:
    lang: str
    page: str  # site path of the page, e.g. "fr/isacs/05.30/index.html"
    files: tuple[tuple[str, int, int], ...]  # (site path, bytes, gzipped bytes), the page first

    @property
    def gzipped(self) -> int:
        return sum(z for _, _, z in self.files)

    @property
    def raw(self) -> int:
        return sum(n for _, n, _ in self.files)


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.found.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.found.append(a["src"])


def _gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))  # what a web server sends (level 6 is nginx's)


def measure(site: Path, page: str, lang: str) -> PageWeight:
    html = (site / page).read_bytes()
    parser = _Assets()
    parser.feed(html.decode("utf-8"))
    files = [(page, len(html), _gzipped(html))]
    base = "/" + page
    for href in dict.fromkeys(parser.found):
        if urlsplit(href).scheme or href.startswith("//"):
            raise ValueError(f"{page} loads {href} from another site")
        path = urlsplit(urljoin(base, href)).path.lstrip("/")
        data = (site / path).read_bytes()
        files.append((path, len(data), _gzipped(data)))
    return PageWeight(lang, page, tuple(files))


def module_pages(site: Path, languages: list[str], module: str, default: str = "en") -> list[PageWeight]:
    """The weight of `module`'s page (e.g. "isacs/05.30") in each language."""
    return [measure(site, f"{'' if lang == default else lang + '/'}{module}/index.html", lang) for lang in languages]


def format_report(weights: list[PageWeight], target_kb: int = TARGET_KB) -> str:
    lines = [f"first load of a module page (HTML, CSS, JS; gzip), target < {target_kb} KiB"]
    for w in weights:
        ok = w.gzipped < target_kb * 1024
        lines.append(
            f"  {w.lang}: {w.gzipped / 1024:6.1f} KiB gzipped ({w.raw / 1024:.0f} KiB raw, {len(w.files)} files)  "
            f"{'ok' if ok else 'MISSED'}  {w.page}"
        )
    heaviest = max(weights, key=lambda w: w.gzipped)
    lines.append(f"  files of the heaviest ({heaviest.lang}):")
    lines += [f"    {z / 1024:6.1f} KiB  {path}" for path, _, z in sorted(heaviest.files, key=lambda f: -f[2])]
    return "\n".join(lines)
