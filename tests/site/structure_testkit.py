"""Block structure of rendered Markdown, to compare the site's Python-Markdown with CommonMark (markdown-it-py).

`structure(html)` is the tree of block elements only (ul, ol, li, p, pre, table/tr, blockquote, headings,
hr), as nested tuples: no text, no attributes. Normalised away, each a difference a reader does not see as
structure:

* tight vs loose lists: CommonMark writes a tight item's text bare in <li> and a loose one's in <p>;
  Python-Markdown decides looseness per item (an item followed by a blank line), CommonMark per list. So
  inside an <li>, a run of text and inline markup counts as one paragraph, exactly like a <p>.
* wrappers Python-Markdown's extensions add around blocks: <div class="highlight"> around code (and the
  md_in_html / admonition <div>s), <thead>/<tbody> around table rows: left out, their children kept.
* a table's cells: only its rows count (cell counts are a GFM detail both engines share).
"""
from __future__ import annotations

from html.parser import HTMLParser

import markdown
from markdown_it import MarkdownIt

from isacs.core.md_lists import MARKDOWN_EXTENSION_CONFIGS, MARKDOWN_EXTENSIONS

BLOCKS = {"ul", "ol", "li", "p", "pre", "table", "tr", "blockquote", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "dl"}
OPAQUE = {"pre", "tr"}  # their insides do not count
VOID = {"br", "hr", "img", "input", "wbr", "col", "meta", "link"}


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: list = ["#root", []]
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = [tag, []]
        self.stack[-1][1].append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if data.strip():
            self.stack[-1][1].append("#text")


def _blocks(node) -> list:
    """The block children of `node`, wrappers dissolved; inline content as '#text'."""
    out: list = []
    for child in node[1]:
        if child == "#text":
            out.append("#text")
        elif child[0] in BLOCKS:
            out.append((child[0], () if child[0] in OPAQUE else tuple(_normalise(child))))
        else:  # a wrapper (div, thead, tbody) or inline markup (a, em, code, span ...)
            inner = _blocks(child)
            out.extend(inner if any(c != "#text" for c in inner) else ["#text"])
    return out


def _normalise(node) -> list:
    children = _blocks(node)
    if node[0] == "li":  # tight and loose items alike: a run of inline content is a paragraph
        merged: list = []
        for child in children:
            if child == "#text":
                if not (merged and merged[-1] == ("p", ())):
                    merged.append(("p", ()))
            else:
                merged.append(child)
        return merged
    return [c for c in children if c != "#text"]


def structure(html: str) -> tuple:
    parser = _Tree()
    parser.feed(html)
    parser.close()
    return tuple(_normalise(parser.root))


def render_site(source: str, extensions: list | None = None) -> str:
    """`source` as the site's Markdown renders it (mkdocs.yml's extensions, ours included)."""
    return markdown.markdown(source, extensions=MARKDOWN_EXTENSIONS if extensions is None else extensions,
                             extension_configs=MARKDOWN_EXTENSION_CONFIGS)


def render_commonmark(source: str) -> str:
    """`source` as GitHub's preview reads it: CommonMark with GFM tables."""
    return MarkdownIt("commonmark").enable("table").render(source)


def show(tree: tuple, depth: int = 0) -> str:
    """A readable outline of a structure, for assertion messages."""
    lines = []
    for tag, children in tree:
        lines.append("  " * depth + tag)
        if children:
            lines.append(show(children, depth + 1))
    return "\n".join(lines)
