"""Reading source files: bytes -> text, with the encoding and emptiness problems reported, never raised."""
from __future__ import annotations

from pathlib import Path

from .diagnostics import Diagnostic, Location


def read_text(path: Path, display: str, problems: list[Diagnostic]) -> str | None:
    """Return the file's text, or None after recording why it cannot be used."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(Diagnostic(Location(display), "E001", f"cannot read file: {exc.strerror}"))
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.append(Diagnostic(Location(display, line, col), "E001",
                                   f"invalid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8"))
        return None
    if not text.strip():
        problems.append(Diagnostic(Location(display), "E002", "file is empty"))
        return None
    return text.replace("\r\n", "\n")
