"""Read a module body with the site's own Markdown parse: headings, requirement paragraphs, links, positions.

The body is parsed by Python-Markdown with the extensions the site renders it with
(:data:`isacs.core.md_lists.MARKDOWN_EXTENSIONS`, less `toc`, which only adds anchors), so what `isacs check`
validates and what the checklists take is the document a reader gets: a link whose text wraps, a
reference-style link, a link in a table, list or admonition is a link here exactly when it is one on the
page, and link syntax in code is text. Positions come from :mod:`isacs.core.md_sourcemap`.
"""

from __future__ import annotations

import html
import re
import threading
from dataclasses import dataclass

from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.extensions.attr_list import AttrListTreeprocessor
from markdown.treeprocessors import Treeprocessor

from . import source_policy
from .diagnostics import Diagnostic, Location, excerpt
from .md_lists import MARKDOWN_EXTENSION_CONFIGS, MARKDOWN_EXTENSIONS
from .md_lists import PREPROCESSOR_NAME as COMMONMARK_PREPROCESSOR
from .md_sourcemap import ESCAPE_PLACEHOLDER, SourceMap, SourceMapExtension
from .model import Heading, Link, ProseLine
from .parse_cache import ParseCache

SCHEMES = ("term", "module", "req", "instrument")
COMMONMARK_CODE = "W108"
REQUIREMENT_ID = re.compile(r"r\d{3,}")
# A marker-looking attribute list left as text on the page (not applied by attr_list): an editor's typo.
STRAY_MARKER = re.compile(r"\{:?\s*#(r\d+)\s*\}")
HEADINGS = {f"h{n}": n for n in range(1, 7)}
# `toc` adds heading anchors and a table of contents, nothing a reader sees as text or structure.
PARSE_EXTENSIONS = [name for name in MARKDOWN_EXTENSIONS if name != "toc"]


@dataclass(frozen=True)
class RequirementBlock:
    id: str
    markdown: str  # the paragraph as written, without its marker line
    reading: str  # the same with link destinations and code spans blanked (same offsets): the words read
    plain: str  # the paragraph's text as a reader sees it: markup and link targets gone
    heading_index: int  # index into headings of the clause holding it (-1: before any heading)
    location: Location  # first line of the paragraph


@dataclass(frozen=True)
class ScannedBody:
    headings: tuple[Heading, ...]
    requirements: tuple[RequirementBlock, ...]
    links: tuple[Link, ...]
    prose: tuple[tuple[ProseLine, ...], ...]  # the other blocks of text, for the wording lints
    misplaced: tuple[str, ...] = ()  # IDs of requirement markers left as text (E016)


class _Collect(Treeprocessor):
    """After attr_list (8) has applied `{: #r001 }` and `{#id .annex}`: read what the model needs."""

    def __init__(self, md: Markdown, smap: SourceMap) -> None:
        super().__init__(md)
        self.smap = smap
        self.result: tuple | None = None

    def run(self, root) -> None:
        self.result = _read_tree(root, self.md, self.smap)


class _ParseExtension(Extension):
    def __init__(self, smap: SourceMap) -> None:
        super().__init__()
        self.smap = smap
        self.collect: _Collect | None = None

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        self.collect = _Collect(md, self.smap)
        md.treeprocessors.register(self.collect, "isacs_collect", 7.5)


class _Parser:
    """One Markdown instance per thread (building one costs more than parsing a module)."""

    def __init__(self) -> None:
        self.smap = SourceMap()
        self.ext = _ParseExtension(self.smap)
        self.md = Markdown(
            extensions=[*PARSE_EXTENSIONS, SourceMapExtension(self.smap), self.ext],
            extension_configs=MARKDOWN_EXTENSION_CONFIGS,
        )

    def parse(self, body: str):
        md = self.md
        md.reset()
        self.smap.reset(body)
        # Markdown.convert up to the tree: no HTML is serialised, nothing after the collector is needed.
        md.lines = body.split("\n")
        for prep in md.preprocessors:
            md.lines = prep.run(md.lines)
        root = md.parser.parseDocument(md.lines).getroot()
        for processor in md.treeprocessors:
            replaced = processor.run(root)
            if replaced is not None:
                root = replaced
            if processor is self.ext.collect:
                break
        return self.ext.collect.result

    def commonmark_notes(self) -> list[tuple[int, int, str]]:
        """(line index, column, message) of what the last parse cannot render as GitHub does (W108)."""
        return self.md.preprocessors[COMMONMARK_PREPROCESSOR].notes


_local = threading.local()


def _parser() -> _Parser:
    if not hasattr(_local, "parser"):
        _local.parser = _Parser()
    return _local.parser


def parse_body(body: str, cache: ParseCache | None = None) -> tuple:
    """What the parse of `body` finds, with positions relative to the body: (headings, requirements, links,
    prose, found, notes) of plain values, from the content-keyed cache when it has them."""
    kept = cache.get(body) if cache is not None else None
    if kept is not None:
        return tuple(kept)
    parser = _parser()
    result = (*parser.parse(body), list(parser.commonmark_notes()))
    if cache is not None:
        cache.put(body, result)
    return result


def scan_body(
    body: str, path: str, first_line: int, problems: list[Diagnostic], cache: ParseCache | None = None
) -> ScannedBody:
    headings, requirements, links, prose, found, notes = parse_body(body, cache)
    for kind, line, col, _, message in found:
        problems.append(Diagnostic(Location(path, first_line + line, col + 1), kind, message))
    # The lines no rewrite can render as GitHub's preview shows them (isacs.core.commonmark_lint).
    problems.extend(
        Diagnostic(Location(path, first_line + line, col), COMMONMARK_CODE, message) for line, col, message in notes
    )
    # What would reach the site as live markup: raw HTML, script URLs, foreign attribute lists (E025–E027).
    problems.extend(source_policy.check_body(body, path, first_line))
    return ScannedBody(
        tuple(
            Heading(level, title, hkind, Location(path, first_line + line, 1), anchor, span)
            for level, title, hkind, anchor, line, span in headings
        ),
        tuple(
            RequirementBlock(rid, markdown, reading, plain, h, Location(path, first_line + line, 1))
            for rid, markdown, reading, plain, h, line in requirements
        ),
        tuple(
            Link(scheme, target, text, Location(path, first_line + line, col + 1))
            for scheme, target, text, line, col in links
        ),
        tuple(tuple(ProseLine(first_line + line, col + 1, text) for line, col, text in block) for block in prose),
        tuple(rid for kind, _, _, rid, _ in found if kind == "E016"),
    )


def _read_tree(root, md: Markdown, smap: SourceMap):
    headings, requirements, links, problems = [], [], [], []
    not_prose: set[int] = set()  # blocks that are headings, requirements, or hold a misplaced marker
    # Per block, (offset, length) of source text that is not words of this text: `req:` links whole (they quote
    # another requirement), the destination of every other link, code spans. Same offsets, blanked.
    blanks: dict[int, list[tuple[int, int]]] = {}
    masks: dict[int, list[tuple[int, int]]] = {}  # the same without the `req:` links' own text
    parents = {child: parent for parent in root.iter() for child in parent}

    def where(element, offset: int = 0) -> tuple[int, int]:
        """Source (line index, column) of an offset into an element's raw text, from its block up."""
        node = element
        while node is not None:
            placed = smap.placed(node)
            if placed is not None:
                return placed.position(offset if node is element else 0)
            node = parents.get(node)
        return smap.cursor[0], 0

    def block_of(element):
        node = element
        while node is not None and smap.placed(node) is None:
            node = parents.get(node)
        return node

    for element in root.iter():
        level = HEADINGS.get(element.tag)
        if level is not None:
            headings.append(_heading(element, level, smap, where))
            not_prose.add(id(element))
        elif element.tag in ("a", "code") and smap.source_text(element) is not None:
            block = block_of(element)
            line, col, span = _link_position(element, block, smap, where)
            href = element.get("href", "") if element.tag == "a" else ""
            scheme, colon, target = href.partition(":")
            if colon and scheme in SCHEMES:
                links.append((scheme, target, _plain(element, md), line, col))
            if span is not None:
                offset, length = span
                written = smap.source_text(element)
                # A link's words are its text: what follows `](` or `][` is where it points.
                cut = written.rfind("](") if written.endswith(")") else written.rfind("][")
                hidden = (
                    (offset, length)
                    if element.tag == "code"
                    else (offset + cut + 1, length - cut - 1)
                    if cut > 0
                    else None
                )
                if hidden:
                    masks.setdefault(id(block), []).append(hidden)
                blanks.setdefault(id(block), []).append(span if scheme == "req" and colon else hidden or (0, 0))
        rid = element.get("id")
        if rid and REQUIREMENT_ID.fullmatch(rid) and level is None:
            line, _ = where(element)
            if element.tag != "p" or parents.get(element) is not root:
                problems.append(
                    (
                        "E016",
                        line,
                        0,
                        rid,
                        f"requirement marker #{excerpt(rid)} must follow a paragraph at "
                        "the top level (not inside a list, quote, table or admonition)",
                    )
                )
                continue
            requirements.append((rid, element, _plain(element, md), len(headings) - 1, line))
            not_prose.add(id(element))
        if _stray_markers(element, block_of(element), smap, where, problems):
            not_prose.add(id(block_of(element)))
    prose = [_prose(placed, blanks.get(key, ())) for key, (_, placed) in smap.blocks.items() if key not in not_prose]
    read = []
    for rid, element, plain, heading, line in requirements:
        placed = smap.placed(element)
        markdown = placed.raw.rsplit("\n", 1)[0].strip() if placed else ""
        reading = _blanked(placed.raw, masks.get(id(element), ()))[: len(markdown)] if placed else ""
        read.append((rid, markdown, reading, plain, heading, line))
    return headings, read, links, prose, problems


def _blanked(raw: str, spans) -> str:
    """`raw` with each (offset, length) span turned into spaces (line breaks kept): offsets stay."""
    for offset, length in spans:
        raw = (
            raw[:offset]
            + "".join(c if c == "\n" else " " for c in raw[offset : offset + length])
            + raw[offset + length :]
        )
    return raw


def _prose(placed, blanks) -> list[tuple[int, int, str]]:
    raw = _blanked(placed.raw, blanks)
    return [
        (index, shift + len(text) - len(text.lstrip()), text.lstrip())
        for (index, shift), text in zip(placed.lines, raw.split("\n"))
    ]


def _heading(element, level: int, smap: SourceMap, where) -> tuple:
    placed = smap.placed(element)
    raw = placed.raw if placed else "".join(element.itertext())
    attrs = AttrListTreeprocessor.HEADER_RE.search(raw)
    title = (raw[: attrs.start()] if attrs else raw).strip()
    classes = (element.get("class") or "").split()
    kind = "annex" if "annex" in classes else "unnumbered" if "unnumbered" in classes else "numbered"
    line, _ = where(element)
    # A setext heading (text, then a `===`/`---` line) spans its text lines and the underline.
    atx = smap.source[line].lstrip().startswith("#") if line < len(smap.source) else True
    span = 1 if atx else raw.count("\n") + 2
    return level, title, kind, element.get("id"), line, span


def _link_position(element, block, smap: SourceMap, where) -> tuple[int, int, tuple[int, int] | None]:
    """Where a link starts in the source and, when found in its block, (offset, length) of its source text."""
    placed = smap.placed(block) if block is not None else None
    written = smap.source_text(element)
    if placed is None or written is None:
        return (*where(element), None)
    offset = placed.raw.find(written, placed.links_from)
    if offset < 0:
        offset = placed.raw.find(written)
    if offset < 0:
        return (*where(block), None)
    placed.links_from = offset + len(written)
    return (*placed.position(offset), (offset, len(written)))


def _stray_markers(element, block, smap: SourceMap, where, problems: list) -> bool:
    """E016 for each marker-looking `{: #rNNN }` left as text on the page; whether there was one."""
    texts = [element.tail] if element.tag in ("code", "pre") else [element.text, element.tail]
    text = "".join(t for t in texts if isinstance(t, str) and not isinstance(t, util.AtomicString))
    if "{" not in text:
        return False
    found = False
    placed = smap.placed(block) if block is not None else None
    for match in STRAY_MARKER.finditer(text):
        found = True
        offset = placed.raw.find(match.group(0)) if placed else -1
        line, col = placed.position(offset) if offset >= 0 else where(element)
        if text.strip() == match.group(0) and element.tag == "p":
            message = f"requirement marker #{excerpt(match.group(1))} has no paragraph above it"
        else:
            message = (
                f"requirement marker {{: #{excerpt(match.group(1))} }} must be alone on the line after its paragraph"
            )
        problems.append(("E016", line, col, match.group(1), message))
    return found


def _plain(element, md: Markdown) -> str:
    """The element's text as a reader sees it, whitespace folded (entities and escapes resolved)."""
    text = "".join(element.itertext())
    if util.STX in text:
        stash = md.htmlStash.rawHtmlBlocks
        text = util.HTML_PLACEHOLDER_RE.sub(
            lambda m: html.unescape(str(stash[int(m.group(1))])) if int(m.group(1)) < len(stash) else "", text
        )
        text = ESCAPE_PLACEHOLDER.sub(lambda m: chr(int(m.group(1))), text)
    return " ".join(text.split())
