"""Block structure as GitHub shows it: a Python-Markdown extension that reads lists the CommonMark way.

Editors preview their Markdown on GitHub (CommonMark + GFM tables); the site renders it with
Python-Markdown, which reads some sources differently, silently:

* a nested list indented by two spaces (or by the marker's width, three for ``1. ``) is flattened:
  Python-Markdown only nests content indented by four spaces (its ``tab_length``);
* a list, a table or a fenced code block right after a paragraph (no blank line) is plain text, or the
  paragraph swallows the code block;
* a list that ends without a blank line swallows the heading or paragraph after it, a block quote
  swallows the list after it;
* two adjacent lists of different kinds (``-`` then ``1.``), or two block quotes separated by a blank
  line, become one; an indented code block right after a list joins the last item; ``1)`` is no list.

This preprocessor reads the source's container blocks (block quotes, list items, admonitions) with the
CommonMark rules (CommonMark 0.31, sections 5.1-5.3: content columns, lazy continuation lines, which
blocks may interrupt a paragraph) and writes the same structure in the form Python-Markdown reads
unambiguously: each list level's content indented by exactly ``tab_length`` more (``1)`` written
``1.``), a blank line where Python-Markdown needs one to start a block, an empty HTML comment
(``<!-- -->``) between two blocks CommonMark keeps apart. Text is never changed, with one exception: a
paragraph line inside a list item that starts like a list marker CommonMark does not accept there (``2.``
continuing a paragraph) gets its marker escaped (``2\\.``), which shows the same characters. It runs on
the whole page, inside md_in_html ``<div markdown>`` wrappers too (a raw HTML block passes untouched up to
its blank line). Python-Markdown-only syntax: an admonition is read as a container indented like a list
item; attr_list and def_list lines are paragraph text to CommonMark and pass unchanged. What no rewrite
can render as GitHub does is in ``notes``, which ``isacs check`` reports (``isacs.core.commonmark_lint``).

Fenced code keeps its lines (only the list indentation in front of them moves, by the same amount for
every line of the block); indented code keeps its indentation relative to its container; raw HTML blocks
and requirement markers (``{: #r001 }`` under a paragraph, an attr_list) pass through as text.

Engine-independent: no mkdocs import. In mkdocs.yml as ``isacs.core.md_lists``; anything else that
renders the site's Markdown takes :data:`MARKDOWN_EXTENSIONS` / :data:`MARKDOWN_EXTENSION_CONFIGS`.
"""

from __future__ import annotations

from markdown import Extension
from markdown.preprocessors import Preprocessor

from .commonmark_blocks import CommonMarkLists

MARKDOWN_EXTENSIONS = [
    "attr_list",
    "md_in_html",
    "admonition",
    "tables",
    "def_list",
    "abbr",
    "toc",
    "pymdownx.superfences",
    "isacs.core.md_lists",
]
MARKDOWN_EXTENSION_CONFIGS = {"toc": {"permalink": True}}
PREPROCESSOR_NAME = "isacs_commonmark_lists"


class CommonMarkListsPreprocessor(Preprocessor):
    def __init__(self, md=None) -> None:
        super().__init__(md)
        # What this reading found that no rewrite can show as GitHub does, for `isacs check` (W108): kept
        # from the parse the core makes anyway, so the lint costs no second reading of the file.
        self.notes: list[tuple[int, int, str]] = []

    def run(self, lines: list[str]) -> list[str]:
        reader = CommonMarkLists(self.md.tab_length)
        out = reader.run(lines)
        self.notes = reader.notes
        return out


class CommonMarkListsExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        # After whitespace normalisation (30: tabs expanded), before fenced code (25) and raw HTML (20).
        md.preprocessors.register(CommonMarkListsPreprocessor(md), PREPROCESSOR_NAME, 29)


def makeExtension(**kwargs) -> CommonMarkListsExtension:  # noqa: N802 (Python-Markdown's entry point)
    return CommonMarkListsExtension(**kwargs)
