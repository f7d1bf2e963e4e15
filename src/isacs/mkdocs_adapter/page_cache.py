"""mkdocs' Markdown pass of each staged page, kept by what it depends on (`.cache/isacs/pages/`).

Converting the staged pages' Markdown is most of a language build. A page whose Markdown, place and
surroundings did not change converts to the same HTML, so the conversion is kept, keyed by:

- what every page of a language build shares (`begin`): the Markdown extensions and their options, link
  validation, the site's files and their URLs (relative links resolve against them), the targets of the
  scheme links (`PageLinks.digest`), and the code (isacs, mkdocs, Markdown, pymdown-extensions);
- the page: its source path, URL and final Markdown.

On a hit the page's Markdown is swapped for nothing before mkdocs converts it, and the kept HTML, table of
contents and anchors are put back after (`settle`). Only a page that converted without a warning is kept,
so a strict build fails again on the same mistake. Editing one module reconverts its pages and the
generated pages whose Markdown lists it; the other pages are read back, byte for byte what they were.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from mkdocs.structure.toc import get_toc

from ..core.files import prune_oldest, write_atomically

FOLDER = Path(".cache") / "isacs" / "pages"  # under the sources' root
LIMIT = 20_000  # entries kept (most recently used): several builds of a 65-module, six-language site
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")  # reprs of objects name their address: not part of the key


class _Warnings(logging.Handler):
    """Counts the warnings mkdocs and its plugins log (the records strict mode fails on)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """isacs' own code (it writes the staged Markdown's extensions) and the converting libraries' versions."""
    digest = hashlib.sha256()
    package = resources.files("isacs")
    for path in sorted(Path(str(package)).rglob("*.py")):
        digest.update(path.read_bytes())
    for dist in ("mkdocs", "Markdown", "pymdown-extensions", "mkdocs-static-i18n", "mkdocs-material"):
        try:
            digest.update(f"{dist}={metadata.version(dist)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{dist}=?\n".encode())
    return digest.hexdigest()


def _toc_tokens(items) -> list[dict]:
    return [{"level": i.level, "id": i.id, "name": i.title, "children": _toc_tokens(i.children)} for i in items]


def _valid(entry) -> bool:
    """A kept entry as this module writes it (anything else, planted or broken, is a miss)."""

    def toc_ok(tokens) -> bool:
        return isinstance(tokens, list) and all(
            isinstance(t, dict)
            and isinstance(t.get("level"), int)
            and isinstance(t.get("id"), str)
            and isinstance(t.get("name"), str)
            and toc_ok(t.get("children"))
            for t in tokens
        )

    links = entry.get("links") if isinstance(entry, dict) else None
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("html"), str)
        and toc_ok(entry.get("toc"))
        and isinstance(entry.get("anchors"), list)
        and all(isinstance(a, str) for a in entry["anchors"])
        and (
            links is None
            or isinstance(links, dict)
            and all(isinstance(v, dict) and all(isinstance(x, str) for x in (*v, *v.values())) for v in links.values())
        )
    )


class PageCache:
    def __init__(self, folder: Path | None, links_digest: str) -> None:
        self.folder = folder  # None: nothing is kept (tests, or ISACS_PAGE_CACHE=off)
        self.links_digest = links_digest
        self.shared = ""
        self.warnings = _Warnings()
        logging.getLogger("mkdocs").addHandler(self.warnings)
        self._hits: dict[str, dict] = {}  # source path -> entry, from page_markdown to page_content
        self._misses: dict[str, tuple[str, int]] = {}  # source path -> (key, warnings when it began)
        self.counts = {"hit": 0, "converted": 0}

    def close(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)

    def begin(self, config, files) -> None:
        """A language build starts: what all its pages share."""
        digest = hashlib.sha256()
        for part in (
            _code_digest(),
            self.links_digest,
            repr([e if isinstance(e, str) else type(e).__qualname__ for e in config.markdown_extensions]),
            repr(config.mdx_configs),
            repr(config.validation),
            repr(config.use_directory_urls),
        ):
            digest.update(_ADDRESS.sub("", part).encode())
            digest.update(b"\0")
        for file in sorted(files, key=lambda f: f.src_uri):
            digest.update(f"{file.src_uri}\0{file.dest_uri}\0{file.url}\n".encode())
        self.shared = digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def lookup(self, page, markdown: str) -> bool:
        """Whether `page` (about to be converted from `markdown`) is kept: then it converts nothing."""
        if self.folder is None or "title" not in page.meta:  # the title of an untitled page comes from its HTML
            return False
        key = hashlib.sha256(f"{self.shared}\0{page.file.src_uri}\0{page.url}\0{markdown}".encode()).hexdigest()
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            entry = None
        if entry is None or not _valid(entry):
            self._misses[page.file.src_uri] = (key, self.warnings.count)
            return False
        os.utime(self._path(key))  # recently used: kept by the pruning
        self._hits[page.file.src_uri] = entry
        return True

    def settle(self, page, html: str, files) -> str:
        """After mkdocs' conversion: the kept page put back, or the converted one kept."""
        entry = self._hits.pop(page.file.src_uri, None)
        if entry is not None:
            self.counts["hit"] += 1
            page.toc = get_toc(entry["toc"])
            page.present_anchor_ids = set(entry["anchors"])
            if entry["links"] is not None:
                page.links_to_anchors = {files.get_file_from_path(uri): links for uri, links in entry["links"].items()}
            return entry["html"]
        self.counts["converted"] += 1
        key, warned = self._misses.pop(page.file.src_uri, (None, 0))
        if key is not None and self.warnings.count == warned:
            self._keep(key, page, html)
        return html

    def _keep(self, key: str, page, html: str) -> None:
        links = getattr(page, "links_to_anchors", None)
        entry = {
            "html": html,
            "toc": _toc_tokens(page.toc),
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
        }
        self.folder.mkdir(parents=True, exist_ok=True)
        # In one step: a concurrent language build never reads half an entry.
        write_atomically(self._path(key), json.dumps(entry, ensure_ascii=False))

    def prune(self) -> None:
        prune_oldest(self.folder, LIMIT)
