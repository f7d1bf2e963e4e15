"""Reading source files: bytes -> text, with the encoding and emptiness problems reported, never raised.

Sources arrive in pull requests, so nothing here trusts them: a symbolic link under `modules/` or `glossary/`
is reported (E021) from its own `lstat`, never followed, opened or resolved, so its target's content can never
reach the model or a message; a file over `MAX_SOURCE_BYTES` is reported (E022) from its size alone, before a
byte of it is parsed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .diagnostics import Diagnostic, Location

# The largest source file read, in bytes. The biggest real module (front matter and six-language text in one
# file per language) is well under 200 KiB; 2 MiB leaves ten times that room while bounding what one file of
# a pull request can cost the YAML and Markdown parsers.
MAX_SOURCE_BYTES = 2 * 1024 * 1024

# The folders holding sources, relative to the repository root: no symbolic link is allowed anywhere in them.
SOURCE_FOLDERS = ("modules", "glossary")

LINK_MESSAGE = "symlink is not allowed in the sources: replace it with the file or folder itself"


def link_problem(display: str) -> Diagnostic:
    return Diagnostic(Location(display), "E021", LINK_MESSAGE)


def report_links(root: Path, problems: list[Diagnostic]) -> set[Path]:
    """E021 for every symbolic link in the source folders (the folders themselves included); returns the links.

    Only `lstat` / `scandir` entries are looked at: a link is never followed, so a linked folder is not walked
    and a linked file's target is neither opened nor resolved."""
    links: set[Path] = set()
    stack = [root / name for name in reversed(SOURCE_FOLDERS)]
    while stack:  # iterative: a deep tree cannot exhaust the recursion limit
        path = stack.pop()
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            continue  # absent: the loaders report a missing folder or file where it matters
        if stat.S_ISLNK(mode):
            links.add(path)
            problems.append(link_problem(path.relative_to(root).as_posix()))
            continue
        if not stat.S_ISDIR(mode):
            continue
        try:
            with os.scandir(path) as entries:
                children = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            problems.append(
                Diagnostic(Location(path.relative_to(root).as_posix()), "E001", f"cannot read folder: {exc.strerror}")
            )
            continue
        for entry in reversed(children):  # the stack pops them back in name order
            if entry.is_symlink():
                links.add(Path(entry.path))
                problems.append(link_problem(Path(entry.path).relative_to(root).as_posix()))
            elif entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
    return links


def is_linked(path: Path, root: Path) -> bool:
    """True if `path` or a folder between it and `root` is a symbolic link (or cannot be looked at)."""
    try:
        relative = path.relative_to(root)
    except ValueError:
        return True
    current = root
    for part in relative.parts:
        current = current / part
        try:
            if stat.S_ISLNK(os.lstat(current).st_mode):
                return True
        except FileNotFoundError:
            return False  # nothing there: not a link (the caller reports a missing file if it must)
        except OSError:
            return True
    return False


def real_entries(folder: Path) -> list[Path]:
    """The entries of `folder` that are not symbolic links, sorted (the links are reported by `report_links`)."""
    try:
        with os.scandir(folder) as entries:
            return sorted(Path(e.path) for e in entries if not e.is_symlink())
    except OSError:
        return []


def read_text(path: Path, display: str, problems: list[Diagnostic]) -> str | None:
    """Return the file's text, or None after recording why it cannot be used.

    A link is refused (E021) without opening its target, a file over MAX_SOURCE_BYTES (E022) without reading it."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as exc:
        problems.append(Diagnostic(Location(display), "E001", f"cannot read file: {exc.strerror}"))
        return None
    if stat.S_ISLNK(mode):
        problems.append(link_problem(display))
        return None
    if not stat.S_ISREG(mode):
        problems.append(Diagnostic(Location(display), "E001", "cannot read file: not a regular file"))
        return None
    # O_NOFOLLOW: a link swapped in since the lstat is refused by the kernel, not followed; O_NONBLOCK: a FIFO
    # swapped in cannot hang the run.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if os.path.islink(path):
            problems.append(link_problem(display))
        else:
            problems.append(Diagnostic(Location(display), "E001", f"cannot read file: {exc.strerror}"))
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            problems.append(Diagnostic(Location(display), "E001", "cannot read file: not a regular file"))
            return None
        if info.st_size > MAX_SOURCE_BYTES:
            problems.append(size_problem(display, info.st_size))
            return None
        data = handle.read(MAX_SOURCE_BYTES + 1)  # never more, even if the file grew since the fstat
    if len(data) > MAX_SOURCE_BYTES:
        problems.append(size_problem(display, len(data)))
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.append(
            Diagnostic(
                Location(display, line, col),
                "E001",
                f"invalid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            )
        )
        return None
    if not text.strip():
        problems.append(Diagnostic(Location(display), "E002", "file is empty"))
        return None
    return text.replace("\r\n", "\n")


def size_problem(display: str, size: int) -> Diagnostic:
    return Diagnostic(
        Location(display),
        "E022",
        f"file is {size:,} bytes, over the {MAX_SOURCE_BYTES // (1024 * 1024)} MiB limit for a source "
        f"file ({MAX_SOURCE_BYTES:,} bytes); split it",
    )
