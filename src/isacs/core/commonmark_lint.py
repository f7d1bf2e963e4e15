"""Markdown the site cannot render as GitHub's preview shows it (issue 11: never a silent difference).

The site's Python-Markdown reads lists, tables, fences and block quotes the CommonMark way through
`isacs.core.md_lists` (reading with `commonmark_blocks.py`); the few lines that no rewrite can make both
readers agree on are reported (W108), with the file's line and column and the fix:

* a code fence indented 4+ spaces past its container right under paragraph text (GitHub: paragraph text,
  the site: a code block);
* a `===` / `---` line lazily continuing a paragraph inside a list item or block quote (GitHub: text, the
  site: a setext heading).

They are found by the one parse of each body (`markdown_parse.scan_body`, whose md_lists preprocessor
keeps them) and reported with the load's other findings: the file is not read a second time for them.
"""

from __future__ import annotations

from .diagnostics import Diagnostic
from .markdown_parse import COMMONMARK_CODE as CODE
from .markdown_parse import scan_body

__all__ = ["CODE", "body_diagnostics"]


def body_diagnostics(path: str, body: str, body_line: int) -> list[Diagnostic]:
    """The W108 diagnostics of one Markdown body (`body_line`: file line of its first line)."""
    problems: list[Diagnostic] = []
    scan_body(body, path, body_line, problems)
    return [d for d in problems if d.code == CODE]
