"""Every checklist file of the site for one language: each module and each whole series, in every format.

Used by the site's downloads page. Building them is most of the cost of the site's checklists (PDF
layout above all), so (1) each series is one job in a process pool, laying out each module once for its
own PDF and the series bundle, and (2) finished files are kept in a content-addressed cache: a rebuild
of unchanged sources (same commit and day, as with `mkdocs serve`) costs only the hashing.
"""
from __future__ import annotations

import atexit
import hashlib
import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from ..core.model import SERIES, Corpus
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
        modules = [m for m in corpus.modules.values()
                   if m.series == series and any(not r.is_tombstone for r in m.requirements)]
        if not modules:
            continue
        for module in modules:
            checklist = build_checklist(corpus, Filters(lang=lang, modules=(module.id,)), stamp)
            out += [Download(f"{folder}/{file_stem(lang, series, module.number)}.{fmt}", fmt, module.id, series,
                             checklist) for fmt in FORMATS]
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
    for dist in ("weasyprint", "openpyxl", "pydyf"):
        try:
            digest.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            pass
    return digest.hexdigest()


def cache_key(item: Download) -> str:
    # Frozen dataclasses of str/int/date/tuple have a deterministic repr: the checklist's whole content.
    return hashlib.sha256(f"{code_digest()}\n{item.fmt}\n{item.checklist!r}".encode("utf-8")).hexdigest()


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
        tmp = folder / f".{key}.{os.getpid()}.tmp"
        tmp.write_bytes(data)
        tmp.replace(folder / f"{key}.{fmt}")
    except OSError:
        pass  # a read-only checkout still builds, just without the cache


def _prune(folder: Path | None) -> None:
    if folder is None or not folder.is_dir():
        return
    files = sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime)
    for path in files[:max(0, len(files) - CACHE_LIMIT)]:
        path.unlink(missing_ok=True)


def render_job(items: list[tuple[Checklist, str]]) -> list[bytes]:
    """One series' files (in a worker): module PDFs first, so the bundle reuses their layout."""
    return [render(checklist, fmt) for checklist, fmt in items]


_pool: Executor | None = None


def _executor(jobs: int) -> Executor | None:
    """A process pool kept for the life of the process (each worker keeps its fonts loaded)."""
    global _pool
    workers = min(jobs, os.cpu_count() or 1)
    if workers < 2 or os.environ.get("ISACS_CHECKLIST_WORKERS") == "1":
        return None
    if _pool is None:
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        _pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method))
        atexit.register(_pool.shutdown, cancel_futures=True)
    return _pool


def build(items: list[Download], cache_dir: Path | None) -> dict[str, bytes]:
    """path -> file bytes for every planned download, from the cache or rendered (in parallel by series)."""
    out: dict[str, bytes] = {}
    missing: dict[str, list[tuple[Download, str]]] = {}
    for item in items:
        key = cache_key(item)
        data = _cache_read(cache_dir, key, item.fmt)
        if data is None:
            missing.setdefault(item.series, []).append((item, key))
        else:
            out[item.path] = data
    if missing:
        # PDFs (the slow part) go to the pool by series; the parent writes the other formats meanwhile.
        pdfs = {series: [e for e in entries if e[0].fmt == "pdf"] for series, entries in missing.items()}
        pdfs = {series: entries for series, entries in pdfs.items() if entries}
        pool = _executor(len(pdfs))
        futures = {series: pool.submit(render_job, [(item.checklist, item.fmt) for item, _ in entries])
                   for series, entries in pdfs.items()} if pool else {}
        done = []
        for series, entries in missing.items():
            local = [e for e in entries if pool is None or e[0].fmt != "pdf"]
            done += zip(local, render_job([(item.checklist, item.fmt) for item, _ in local]))
        for series, future in futures.items():
            done += zip(pdfs[series], future.result())
        for (item, key), data in done:
            out[item.path] = data
            _cache_write(cache_dir, key, item.fmt, data)
        _prune(cache_dir)
    return {item.path: out[item.path] for item in items}
