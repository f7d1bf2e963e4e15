"""What the Markdown parse of a body found, kept on disk and keyed by the body's content.

Python-Markdown is pure Python: a real module (25,000 words) takes about 0.3 s per language to parse,
minutes for the whole corpus. The parse's result depends only on the body's text and on the parser (this
package's parsing modules and the Markdown libraries), so it is kept under `.cache/isacs/parse/` keyed by
both: a rebuild, `mkdocs serve` or a CI job that restores the folder (actions/cache) parses only the bodies
that changed, whatever the commit or the date.

The cache is data, never code: JSON of strings, integers and null only, in the exact shape the parse
returns, checked field by field before use. A file that is not (truncated, edited, planted) is ignored and
the body parsed again; positions are relative to the body, so the same text anywhere gets the same entry.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from .files import prune_oldest, write_atomically

FOLDER = Path(".cache") / "isacs" / "parse"  # under the sources' root
SWITCH_ENV = "ISACS_PARSE_CACHE"  # "off": parse every body (what the benchmarks' cold runs measure)
LIMIT = 5000  # entries; the oldest are removed beyond this (six languages of ~800 modules)
# The modules whose code shapes the parse's result, and the libraries they drive.
PARSER_MODULES = ("markdown_parse.py", "md_sourcemap.py", "md_lists.py", "commonmark_blocks.py")
LIBRARIES = ("Markdown", "pymdown-extensions")

# The shape of a parse result: (headings, requirements, links, prose, found, notes), each a list of rows of
# these types ("s" str, "i" int, "s?" str or null); prose is a list of blocks of rows.
_ROWS = {
    "headings": ("i", "s", "s", "s?", "i", "i"),  # level, title, kind, anchor, line, span
    "requirements": ("s", "s", "s", "s", "i", "i"),  # id, markdown, reading, plain, heading index, line
    "links": ("s", "s", "s", "i", "i"),  # scheme, target, text, line, column
    "found": ("s", "i", "i", "s?", "s"),  # code, line, column, requirement id, message
    "notes": ("i", "i", "s"),  # line, column, message (W108)
}
_PROSE_ROW = ("i", "i", "s")  # line, column, text


@lru_cache(maxsize=1)
def parser_digest() -> str:
    digest = hashlib.sha256()
    package = resources.files("isacs.core")
    for name in PARSER_MODULES:
        digest.update(name.encode() + b"\0" + package.joinpath(name).read_bytes())
    for dist in LIBRARIES:
        try:
            digest.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{dist}=?".encode())
    return digest.hexdigest()


def key(body: str) -> str:
    return hashlib.sha256(f"{parser_digest()}\n{body}".encode()).hexdigest()


class ParseCache:
    """The parse results of one sources' root (`None` folder: no cache, every body is parsed)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.written = 0

    @classmethod
    def of(cls, root: Path) -> ParseCache:
        return cls(None if os.environ.get(SWITCH_ENV, "").strip() == "off" else Path(root) / FOLDER)

    def get(self, body: str) -> tuple | None:
        if self.folder is None:
            return None
        try:
            data = json.loads((self.folder / f"{key(body)}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if valid(data) else None

    def put(self, body: str, result: tuple) -> None:
        if self.folder is None:
            return
        target = self.folder / f"{key(body)}.json"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # Whole or not at all: a reader never sees half a file.
            write_atomically(target, json.dumps(result, ensure_ascii=False, separators=(",", ":")))
            self.written += 1
        except OSError:
            pass  # a read-only checkout still checks, just without the cache

    def prune(self) -> None:
        prune_oldest(self.folder, LIMIT)


def _cell_ok(value: object, kind: str) -> bool:
    if kind == "i":
        return type(value) is int
    return type(value) is str or (kind == "s?" and value is None)


def _rows_ok(rows: object, shape: tuple[str, ...]) -> bool:
    return type(rows) is list and all(
        type(row) is list and len(row) == len(shape) and all(map(_cell_ok, row, shape)) for row in rows
    )


def valid(data: object) -> bool:
    """Is `data` a parse result as `markdown_parse` writes one (and nothing else)?"""
    if type(data) is not list or len(data) != 6:
        return False
    headings, requirements, links, prose, found, notes = data
    return (
        _rows_ok(headings, _ROWS["headings"])
        and _rows_ok(requirements, _ROWS["requirements"])
        and _rows_ok(links, _ROWS["links"])
        and type(prose) is list
        and all(_rows_ok(block, _PROSE_ROW) for block in prose)
        and _rows_ok(found, _ROWS["found"])
        and _rows_ok(notes, _ROWS["notes"])
    )
