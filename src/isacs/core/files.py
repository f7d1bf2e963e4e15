"""Writing a file so that no reader ever sees half of it: the one atomic-write helper of the toolchain."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_atomically(path: Path, content: str | bytes) -> None:
    """Replace `path` with `content` (text as UTF-8 with LF line ends) in one step: a temporary file in the
    same folder, renamed over it. An existing file keeps its permission bits; a new one gets 0644, not the
    0600 of a temporary file. An interrupted write leaves the old file and no temporary one."""
    path = Path(path)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if isinstance(content, bytes):
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(content)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def prune_oldest(folder: Path | None, keep: int) -> None:
    """Remove all but the `keep` most recently modified files of a cache folder. Writers' temporary files
    (".name.tmp") are left to their writers, and a file another process or thread renames or removes
    meanwhile is skipped: several builds may prune one cache at once."""
    if folder is None:
        return
    try:
        names = [entry for entry in os.scandir(folder) if not entry.name.startswith(".")]
    except OSError:
        return  # no cache yet, or not readable: nothing to prune
    dated = []
    for entry in names:
        try:
            dated.append((entry.stat().st_mtime, entry.name))
        except OSError:
            continue  # gone since the listing
    dated.sort()
    for _, name in dated[: max(0, len(dated) - keep)]:
        try:
            os.unlink(os.path.join(folder, name))
        except OSError:
            pass  # already gone, or never ours to remove
