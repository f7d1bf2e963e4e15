"""Problems found in the sources, reported GCC-style so editors and CI annotate the exact line."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file; line and column are 1-based like every editor's."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    location: Location
    code: str
    message: str

    @property
    def severity(self) -> Severity:
        return Severity.WARNING if self.code.startswith("W") else Severity.ERROR

    def format(self) -> str:
        return f"{self.location}: {self.severity.value} {self.code} {self.message}"

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command (annotates the changed line in a PR)."""
        loc = self.location
        return (
            f"::{self.severity.value} file={loc.path},line={loc.line},col={loc.col},title={self.code}::{self.message}"
        )


def sort_key(d: Diagnostic) -> tuple:
    return (d.location.path, d.location.line, d.location.col, d.code)


def has_errors(diagnostics) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


EXCERPT_LIMIT = 60  # characters of a source value a message may quote: enough to find it, never a whole value


def excerpt(value, limit: int = EXCERPT_LIMIT) -> str:
    """A source value as a message may quote it: control and invisible characters (a newline would forge a
    second diagnostic line; a bidi override would disguise the text) escaped, and at most `limit` characters,
    the last one an ellipsis when it was cut. Every message quoting text from the sources goes through here."""
    text = str(value)
    if len(text) > limit * 4:  # escaping can only lengthen: never walk more than the excerpt needs
        text = text[: limit * 4]
        cut = True
    else:
        cut = False
    safe = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)
    if cut or len(safe) > limit:
        return safe[: limit - 1] + "…"
    return safe
