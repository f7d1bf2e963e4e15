"""Source positions for Python-Markdown's document tree: the line and column each block and link came from.

Python-Markdown keeps no positions. This extension records them from the parse itself, without a second
reader of the source:

* before inline parsing (priority 21, the inline phase is 20), the raw text of every block element (a
  paragraph, heading, list item, table cell, definition) is exactly what the block parser cut from the
  source, minus container indentation and markers. Blocks come in document order, so each one is located
  in the source after the previous one: its first line by an exact substring search, its further lines
  (the lines of one paragraph are consecutive in the source) aligned on their ends.
* during inline parsing, every inline processor that makes a node is wrapped so the source text it
  consumed is kept (with the placeholders of code spans and escapes put back), so a link's own text — its
  text may wrap over lines, it may be a reference-style `[text][ref]` — is found inside its block.

Engine-independent (Python-Markdown only) and used by the core's parse of every module body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown import Extension, Markdown, util
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

# Elements whose text the block parser fills with raw inline Markdown.
BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd"})
# Placeholders Python-Markdown writes into text: a stashed inline node, and an escaped character.
_NODE_PLACEHOLDER = re.compile(util.INLINE_PLACEHOLDER_PREFIX + r"(\d+)" + util.ETX)
ESCAPE_PLACEHOLDER = re.compile(util.STX + r"(\d+)" + util.ETX)  # an escaped character, by code point


@dataclass
class PlacedBlock:
    """A block's raw text and, per raw line, (source line index, source column of the raw line's column 0)."""

    raw: str
    lines: list[tuple[int, int]]
    links_from: int = 0  # where the next link of this block is searched (links come in document order)

    def position(self, offset: int) -> tuple[int, int]:
        """0-based (source line index, column) of an offset into `raw`."""
        row = self.raw.count("\n", 0, offset)
        line_start = self.raw.rfind("\n", 0, offset) + 1
        index, shift = self.lines[min(row, len(self.lines) - 1)]
        return index, max(0, shift + offset - line_start)


@dataclass
class SourceMap:
    source: list[str] = field(default_factory=list)
    blocks: dict[int, tuple[object, PlacedBlock]] = field(default_factory=dict)  # id(element) -> placed
    raw_of: dict[int, tuple[object, str]] = field(default_factory=dict)  # id(inline node) -> source text
    cursor: tuple[int, int] = (0, 0)

    def reset(self, source: str) -> None:
        # Python-Markdown drops STX/ETX and carriage returns and expands tabs before parsing: align with what
        # it read (a block whose text is not found costs a scan to the end of the file).
        source = source.replace(util.STX, "").replace(util.ETX, "")
        self.source = [line.rstrip("\r").expandtabs(4) for line in source.split("\n")]
        self.blocks, self.raw_of, self.cursor = {}, {}, (0, 0)

    def place(self, element, raw: str) -> None:
        lines = raw.split("\n")
        first = lines[0].strip()
        if not first:
            return
        lead = len(lines[0]) - len(lines[0].lstrip())
        start_line, start_col = self.cursor
        for index in range(start_line, len(self.source)):
            col = self.source[index].find(first, start_col if index == start_line else 0)
            if col >= 0:
                break
        else:
            return  # not in the source (text a processor made up): leave it unplaced, keep the cursor
        placed = [(index, col - lead)]
        for offset, line in enumerate(lines[1:], 1):
            row = min(index + offset, len(self.source) - 1)
            text = self.source[row]
            body = line.lstrip()
            # Container markers and indentation may be cut from the front of a line, never from its end.
            at = len(text) - len(body) if text.endswith(body) else max(text.find(body), 0)
            placed.append((row, at - (len(line) - len(body))))
        self.blocks[id(element)] = (element, PlacedBlock(raw, placed))
        last_row, last_shift = placed[-1]
        self.cursor = (last_row, last_shift + len(lines[-1]))

    def placed(self, element) -> PlacedBlock | None:
        entry = self.blocks.get(id(element))
        return entry[1] if entry else None

    def record(self, node, consumed: str, stashed: dict) -> None:
        """Keep the source text an inline node was made from, its earlier placeholders put back."""
        self.raw_of[id(node)] = (node, self.expand(consumed, stashed))

    def expand(self, text: str, stashed: dict) -> str:
        def node(match: re.Match) -> str:
            entry = self.raw_of.get(id(stashed.get(match.group(1))))
            return entry[1] if entry else match.group(0)

        text = _NODE_PLACEHOLDER.sub(node, text) if util.STX in text else text
        return ESCAPE_PLACEHOLDER.sub(lambda m: "\\" + chr(int(m.group(1))), text) if util.STX in text else text

    def source_text(self, node) -> str | None:
        entry = self.raw_of.get(id(node))
        return entry[1] if entry else None


class _PlaceBlocks(Treeprocessor):
    def __init__(self, md: Markdown, smap: SourceMap) -> None:
        super().__init__(md)
        self.smap = smap

    def run(self, root) -> None:
        for element in root.iter():
            text = element.text
            if (
                element.tag in BLOCK_TAGS
                and text
                and not isinstance(text, util.AtomicString)
                and util.STX not in text
                and "admonition-title" not in (element.get("class") or "")
            ):
                self.smap.place(element, text)


class _Recording(InlineProcessor):
    """An inline processor that also keeps the source text of each node its wrapped processor makes."""

    def __init__(self, inner: InlineProcessor, smap: SourceMap, md: Markdown) -> None:
        self.inner, self.smap, self.md = inner, smap, md
        self.pattern, self.compiled_re = inner.pattern, inner.compiled_re
        self.ANCESTOR_EXCLUDES = inner.ANCESTOR_EXCLUDES
        self.safe_mode = False

    def type(self) -> str:
        return self.inner.type()

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 (Python-Markdown's name)
        node, start, end = self.inner.handleMatch(m, data)
        if node is not None and start is not None and not isinstance(node, str):
            self.smap.record(node, data[start:end], self.md.treeprocessors["inline"].stashed_nodes)
        return node, start, end


# The processors whose nodes a link's source text can contain or that make links (code spans first).
# Name -> the priority Python-Markdown registers it at (the wrapper takes its place).
RECORDED = {
    "backtick": 190,
    "reference": 170,
    "link": 160,
    "image_link": 150,
    "image_reference": 140,
    "short_reference": 130,
    "short_image_ref": 125,
}


class SourceMapExtension(Extension):
    def __init__(self, smap: SourceMap, **kwargs) -> None:
        super().__init__(**kwargs)
        self.smap = smap

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_PlaceBlocks(md, self.smap), "isacs_place_blocks", 21)
        for name, priority in RECORDED.items():
            if name in md.inlinePatterns:
                md.inlinePatterns.register(_Recording(md.inlinePatterns[name], self.smap, md), name, priority)
