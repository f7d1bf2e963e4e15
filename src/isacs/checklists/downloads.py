"""Every checklist file of the site: each module and each whole series, in every format and language.

Made by the collect step of a site build (`collect`). All languages are planned and made in one batch,
so one browser prints every PDF (each module's PDF is cut out of its printed series bundle), and finished
files are kept in a content-addressed cache: a rebuild of unchanged sources (same commit and day, as with
`mkdocs serve`) costs only the hashing.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from .. import templating
from ..core.files import prune_oldest, write_atomically
from ..core.model import SERIES, Corpus
from . import chromium, html, pdf
from .filters import Filters
from .formats import FORMATS, render
from .rows import Checklist, build_checklist
from .stamp import Stamp

CACHE_LIMIT = 2000  # files; the oldest are removed beyond this


@dataclass(frozen=True)
class Download:
    path: str  # language-neutral site path, e.g. "downloads/isacs-05-30-fr.pdf"
    fmt: str
    module: str | None  # module ID, or None for a series bundle
    series: str
    checklist: Checklist


def file_stem(lang: str, series: str, module_number: str | None = None) -> str:
    """`isacs-05-30-fr` / `isacs-all-fr`: the language is in the name so saved files do not collide."""
    part = module_number.replace(".", "-") if module_number else "all"
    return f"{series}-{part}-{lang}"


def planned(corpus: Corpus, lang: str, stamp: Stamp, folder: str = "downloads") -> list[Download]:
    out = []
    for series in SERIES:
        modules = [
            m for m in corpus.modules.values() if m.series == series and any(not r.is_tombstone for r in m.requirements)
        ]
        if not modules:
            continue
        for module in modules:
            checklist = build_checklist(corpus, Filters(lang=lang, modules=(module.id,)), stamp)
            out += [
                Download(f"{folder}/{file_stem(lang, series, module.number)}.{fmt}", fmt, module.id, series, checklist)
                for fmt in FORMATS
            ]
        bundle = build_checklist(corpus, Filters(lang=lang, series=(series,)), stamp)
        out += [Download(f"{folder}/{file_stem(lang, series)}.{fmt}", fmt, None, series, bundle) for fmt in FORMATS]
    return out


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Changes whenever anything that shapes the output changes: this package, the strings, the libraries."""
    digest = hashlib.sha256()
    for package in ("isacs.checklists", "isacs.i18n"):
        for entry in sorted(resources.files(package).iterdir(), key=lambda p: p.name):
            if entry.name.endswith((".py", ".yaml")):
                digest.update(entry.name.encode() + entry.read_bytes())
    for dist in ("openpyxl", "pikepdf"):
        try:
            digest.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            pass
    return digest.hexdigest()


def cache_key(item: Download) -> str:
    # Frozen dataclasses of str/int/date/tuple have a deterministic repr: the checklist's whole content.
    engine = chromium.version() if item.fmt == "pdf" else ""  # the browser lays the PDF out: its version counts
    if item.fmt == "pdf":  # and prints the document of the template, which a site may override
        engine += "\n" + templating.digest(html.TEMPLATE)
    return hashlib.sha256(f"{code_digest()}\n{engine}\n{item.fmt}\n{item.checklist!r}".encode()).hexdigest()


def _cache_read(folder: Path | None, key: str, fmt: str) -> bytes | None:
    if folder is None:
        return None
    try:
        return (folder / f"{key}.{fmt}").read_bytes()
    except OSError:
        return None


def _cache_write(folder: Path | None, key: str, fmt: str, data: bytes) -> None:
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / f"{key}.{fmt}", data)
    except OSError:
        pass  # a read-only checkout still builds, just without the cache


def _prune(folder: Path | None) -> None:
    prune_oldest(folder, CACHE_LIMIT)


def build(items: list[Download], cache_dir: Path | None) -> dict[str, bytes]:
    """path -> file bytes for every planned download, from the cache or rendered.

    Chromium prints the missing PDFs (all of them in one batch, in its own processes) while this process
    writes the other formats.
    """
    out: dict[str, bytes] = {}
    missing: list[tuple[Download, str]] = []
    for item in items:
        key = cache_key(item)
        data = _cache_read(cache_dir, key, item.fmt)
        if data is None:
            missing.append((item, key))
        else:
            out[item.path] = data
    if missing:
        pdfs = [entry for entry in missing if entry[0].fmt == "pdf"]
        with ThreadPoolExecutor(1, thread_name_prefix="isacs-checklist-pdf") as thread:
            printing = thread.submit(pdf.render_many, [item.checklist for item, _ in pdfs])
            done = [(entry, render(entry[0].checklist, entry[0].fmt)) for entry in missing if entry[0].fmt != "pdf"]
            done += zip(pdfs, printing.result())
        for (item, key), data in done:
            out[item.path] = data
            _cache_write(cache_dir, key, item.fmt, data)
        _prune(cache_dir)
    return {item.path: out[item.path] for item in items}
