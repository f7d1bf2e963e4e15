"""A module file's two parts (YAML front matter, Markdown body) and the fingerprint of a requirement's wording.

The body itself is read by one parser only, the site's Python-Markdown (:mod:`isacs.core.markdown_parse`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .diagnostics import Diagnostic, Location


@dataclass(frozen=True)
class SplitFile:
    front_matter: str | None
    fm_line: int  # file line of the first front matter line
    body: str
    body_line: int  # file line of the first body line


def split_front_matter(text: str) -> SplitFile:
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                return SplitFile("\n".join(lines[1:i]) + "\n", 2, "\n".join(lines[i + 1 :]), i + 2)
        return SplitFile(None, 2, text, 1)  # unterminated: caller reports it
    return SplitFile(None, 1, text, 1)


def unsplit_problem(text: str, split: SplitFile, display: str) -> Diagnostic | None:
    """Why a module file has no front matter to read (None when it has one): unclosed or missing."""
    if split.front_matter is not None:
        return None
    unclosed = text.split("\n", 1)[0].strip() == "---"
    return Diagnostic(
        Location(display),
        "E004",
        "front matter is not closed: add a `---` line after it"
        if unclosed
        else "missing front matter: the file must start with a `---` YAML block",
    )


def normalise(markdown: str) -> str:
    return " ".join(markdown.split())


def digest(markdown: str) -> str:
    """Short, stable fingerprint of a requirement's wording (whitespace-insensitive)."""
    return hashlib.sha256(normalise(markdown).encode("utf-8")).hexdigest()[:8]
