"""Markdown the site cannot render as GitHub's preview shows it (issue 11: never a silent difference).

The site's Python-Markdown reads lists, tables, fences and block quotes the CommonMark way through
`isacs.core.md_lists` (reading with `commonmark_blocks.py`); the few lines that no rewrite can make both
readers agree on are reported here,
with the file's line and column and the fix:

* a code fence indented 4+ spaces past its container right under paragraph text (GitHub: paragraph text,
  the site: a code block);
* a `===` / `---` line lazily continuing a paragraph inside a list item or block quote (GitHub: text, the
  site: a setext heading).

A rule Corpus -> Diagnostics, like those of `lints.py`.
"""

from __future__ import annotations

from collections.abc import Iterator

from .commonmark_blocks import CommonMarkLists
from .diagnostics import Diagnostic, Location
from .model import Corpus

CODE = "W108"


def check_commonmark_structure(corpus: Corpus) -> Iterator[Diagnostic]:
    for module_id in sorted(corpus.modules):
        for _, translation in sorted(corpus.modules[module_id].translations.items()):
            yield from body_diagnostics(translation.path, translation.body, translation.body_line, CommonMarkLists)


def body_diagnostics(path: str, body: str, body_line: int, scanner=CommonMarkLists) -> list[Diagnostic]:
    """The diagnostics of one Markdown body (`body_line`: file line of its first line)."""
    reader = scanner()
    reader.run(body.expandtabs(reader.tab).split("\n"))
    return [
        Diagnostic(Location(path, body_line + index, column), CODE, message) for index, column, message in reader.notes
    ]
