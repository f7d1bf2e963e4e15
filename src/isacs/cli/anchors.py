"""Unknown `#anchors` in a built site: every page read once, every internal link's fragment looked up in the
ids of the page it points to.

linkchecker's own AnchorCheck downloads and parses the target page again for every distinct `page#id`
(each heading's permalink and table-of-contents entry is one), which took 7 CPU-minutes on the bundled
site; one parse per page takes seconds. linkchecker still checks that every linked page exists.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

SKIPPED = ("pagefind/", "search/")  # generated wholesale by the search indexer, no links of ours


@dataclass(frozen=True)
class FragmentLink:
    line: int
    col: int
    href: str


class _PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[FragmentLink] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(values[key])
        href = values.get("href") if tag in ("a", "area") else None
        if href and "#" in href:
            line, col = self.getpos()
            self.links.append(FragmentLink(line, col + 1, href))


def _url_path(page: str) -> str:
    """Served path of a page file: isacs/05.30/index.html -> /isacs/05.30/."""
    return "/" + (page[: -len("index.html")] if page.endswith("index.html") else page)


def _file_of(url_path: str) -> str:
    path = url_path.lstrip("/")
    return path + "index.html" if not path or path.endswith("/") else path


def unknown_anchors(site: Path) -> list[tuple[str, FragmentLink, str]]:
    """(page, link, why) for every internal link whose fragment is not an id of its target page."""
    pages: dict[str, _PageReader] = {}
    for file in sorted(site.rglob("*.html")):
        page = file.relative_to(site).as_posix()
        if page.startswith(SKIPPED) or file.is_symlink():
            continue
        reader = _PageReader()
        reader.feed(file.read_text(encoding="utf-8", errors="replace"))
        reader.close()
        pages[page] = reader
    found = []
    for page, reader in pages.items():
        for link in reader.links:
            parts = urlsplit(link.href)
            if parts.scheme or parts.netloc or not parts.fragment:
                continue  # another site (not ours to check), or a bare "#"
            base = _url_path(page)
            target_path = (
                posixpath.normpath(posixpath.join(posixpath.dirname(base), parts.path)) if parts.path else base
            )
            if parts.path.endswith("/") and not target_path.endswith("/"):
                target_path += "/"
            target = pages.get(_file_of(target_path))
            fragment = unquote(parts.fragment)
            if target is not None and fragment not in target.ids:  # a missing page is linkchecker's L001
                found.append((page, link, f"no element with id {fragment!r} on {target_path}"))
    return found
