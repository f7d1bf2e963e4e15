"""Write the rendered files as mkdocs' docs folder.

Only files whose content changed are rewritten and stale ones removed, so `mkdocs serve` (which watches
this folder) sees no change after a rebuild that produced the same pages, and never loops.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def sync_staging(target: Path, files: Iterable) -> int:
    """Make `target` hold exactly `files` (GeneratedFile objects); returns how many were (re)written."""
    target.mkdir(parents=True, exist_ok=True)
    wanted: set[Path] = set()
    written = 0
    for generated in files:
        path = target / generated.staged_path
        wanted.add(path)
        data = generated.content if isinstance(generated.content, bytes) else generated.content.encode("utf-8")
        if path.exists() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)  # readers (the serve watcher) never see half a file
        written += 1
    for path in sorted(target.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written
