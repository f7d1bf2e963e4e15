"""Write the rendered files as mkdocs' docs folder.

Only files whose content changed are rewritten and stale ones removed, so `mkdocs serve` (which watches
this folder) sees no change after a rebuild that produced the same pages, and never loops.

A large site is rendered and written by one forked process per CPU, a language each (`stage_languages`):
every staged path carries its language (glossary/index.fr.md), so no two processes write one file, and the
pages never travel between processes, only their paths.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..core.files import write_atomically
from ..core.loader import load_jobs

_FORKED: tuple[Path, Callable[[str], Iterable]] | None = None  # what the forked writers inherit


def _write(target: Path, files: Iterable) -> tuple[list[Path], int]:
    """Write the changed `files` (GeneratedFile objects) under `target`: (every staged path, files written)."""
    wanted: list[Path] = []
    written = 0
    for generated in files:
        path = target / generated.staged_path
        wanted.append(path)
        data = generated.content if isinstance(generated.content, bytes) else generated.content.encode("utf-8")
        if path.exists() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)  # readers (the serve watcher) never see half a file
        written += 1
    return wanted, written


def _remove_stale(target: Path, wanted: set[Path]) -> None:
    for path in sorted(target.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def sync_staging(target: Path, files: Iterable) -> int:
    """Make `target` hold exactly `files` (GeneratedFile objects); returns how many were (re)written."""
    target.mkdir(parents=True, exist_ok=True)
    wanted, written = _write(target, files)
    _remove_stale(target, set(wanted))
    return written


def _stage_one(lang: str) -> tuple[list[Path], int]:
    target, render = _FORKED
    return _write(target, render(lang))


def stage_languages(
    target: Path, render: Callable[[str], Iterable], languages: Iterable[str], jobs: int | None = None
) -> int:
    """Make `target` hold exactly the files `render(lang)` yields for each language; returns how many were
    (re)written. With `jobs` above 1 (default: one per CPU), languages are rendered by forked processes:
    call it before starting threads, as the other forking steps of a build."""
    languages = list(languages)
    jobs = min(jobs or load_jobs(), len(languages))
    if jobs < 2:
        return sync_staging(target, (file for lang in languages for file in render(lang)))
    global _FORKED
    target.mkdir(parents=True, exist_ok=True)
    _FORKED = (target, render)
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            done = list(pool.map(_stage_one, languages))
    finally:
        _FORKED = None
    _remove_stale(target, {path for paths, _ in done for path in paths})
    return sum(written for _, written in done)
