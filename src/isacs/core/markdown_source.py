"""The one reader of the module body format: front matter, headings, requirement paragraphs, links.

Only the structure the model needs is read here (block level, with line numbers for diagnostics);
turning Markdown into HTML is Python-Markdown's job in the renderer, which is given the model.
"""
from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass
from typing import Iterator

from . import source_policy
from .diagnostics import Diagnostic, Location, excerpt
from .model import Heading, Link

FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
ATTR_LIST = re.compile(r"\s*\{:?\s*([^{}]*)\}\s*$")
REQ_MARKER = re.compile(r"^\{:\s*#(r\d{3,})\s*\}\s*$")
# A marker-looking attribute list anywhere else is a typo an editor must hear about.
STRAY_MARKER = re.compile(r"\{:?\s*#(r\d+)\s*\}")
LINK = re.compile(r"\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\((?P<scheme>term|module|req|instrument):"
                  r"(?P<target>(?:[^()\s]|\([^()\s]*\))*)\)")
INLINE_LINK = re.compile(r"!?\[((?:[^\[\]]|\[[^\]]*\])*)\]\([^)]*(?:\([^)]*\)[^)]*)*\)")
INLINE_MARKUP = re.compile(r"(\*\*|__|\*|_|`)(.+?)\1")


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
                return SplitFile("\n".join(lines[1:i]) + "\n", 2, "\n".join(lines[i + 1:]), i + 2)
        return SplitFile(None, 2, text, 1)  # unterminated: caller reports it
    return SplitFile(None, 1, text, 1)


def unsplit_problem(text: str, split: SplitFile, display: str) -> Diagnostic | None:
    """Why a module file has no front matter to read (None when it has one): unclosed or missing."""
    if split.front_matter is not None:
        return None
    unclosed = text.split("\n", 1)[0].strip() == "---"
    return Diagnostic(Location(display), "E004",
                      "front matter is not closed: add a `---` line after it" if unclosed else
                      "missing front matter: the file must start with a `---` YAML block")


def normalise(markdown: str) -> str:
    return " ".join(markdown.split())


def digest(markdown: str) -> str:
    """Short, stable fingerprint of a requirement's wording (whitespace-insensitive)."""
    return hashlib.sha256(normalise(markdown).encode("utf-8")).hexdigest()[:8]


def plain_text(markdown: str) -> str:
    text = INLINE_LINK.sub(lambda m: m.group(1), markdown)
    for _ in range(2):  # nested emphasis
        text = INLINE_MARKUP.sub(lambda m: m.group(2), text)
    return normalise(text)


@dataclass(frozen=True)
class RequirementBlock:
    id: str
    markdown: str
    heading_index: int  # index into headings of the clause holding it (-1: before any heading)
    location: Location  # first line of the paragraph


@dataclass(frozen=True)
class ScannedBody:
    headings: tuple[Heading, ...]
    requirements: tuple[RequirementBlock, ...]
    links: tuple[Link, ...]


def _heading(match: re.Match, location: Location) -> Heading:
    title = match.group(2).rstrip("#").rstrip()
    kind, anchor = "numbered", None
    attrs = ATTR_LIST.search(title)
    if attrs:
        title = title[: attrs.start()].rstrip()
        for token in attrs.group(1).split():
            if token == ".unnumbered":
                kind = "unnumbered"
            elif token == ".annex":
                kind = "annex"
            elif token.startswith("#"):
                anchor = token[1:]
    return Heading(level=len(match.group(1)), title=title, kind=kind, location=location, anchor_hint=anchor)


def blocks(body: str, first_line: int) -> Iterator[tuple[str, list[tuple[int, str]]]]:
    """The headings ("heading", its one line) and paragraphs ("paragraph", its lines) of a body in order, each
    line with its file line number; fenced code is left out."""
    paragraph: list[tuple[int, str]] = []
    fence: str | None = None
    # The cheap substring tests before each regex keep a 70-module corpus well inside its load budget.
    for offset, line in enumerate(body.split("\n")):
        lineno = first_line + offset
        fence_match = FENCE.match(line) if ("`" in line or "~" in line) else None
        if fence is not None:
            if fence_match and fence_match.group(1)[0] == fence[0] and len(fence_match.group(1)) >= len(fence):
                fence = None
            continue
        heading = HEADING.match(line) if not fence_match and line.startswith("#") else None
        if fence_match or heading or not line.strip():
            if paragraph:
                yield "paragraph", paragraph
                paragraph = []
            if fence_match:
                fence = fence_match.group(1)
            elif heading:
                yield "heading", [(lineno, line)]
            continue
        paragraph.append((lineno, line))
    if paragraph:
        yield "paragraph", paragraph


def scan_body(body: str, path: str, first_line: int, problems: list[Diagnostic]) -> ScannedBody:
    headings: list[Heading] = []
    requirements: list[RequirementBlock] = []
    links: list[Link] = []

    def find_links(block: list[tuple[int, str]]) -> None:
        """Links of a heading or a paragraph: read across its lines, as a link's text may wrap."""
        text = "\n".join(line for _, line in block)
        if "](" not in text:
            return
        starts = [0]
        for _, line in block:
            starts.append(starts[-1] + len(line) + 1)
        for m in LINK.finditer(text):
            row = bisect.bisect_right(starts, m.start()) - 1
            links.append(Link(m.group("scheme"), m.group("target"), m.group("text"),
                              Location(path, block[row][0], m.start() - starts[row] + 1)))

    def read_paragraph(paragraph: list[tuple[int, str]]) -> None:
        marker = REQ_MARKER.match(paragraph[-1][1].strip())
        text_lines = paragraph[:-1] if marker else paragraph
        for lineno, line in text_lines:
            stray = STRAY_MARKER.search(line) if "{" in line else None
            if stray:
                problems.append(Diagnostic(Location(path, lineno, stray.start() + 1), "E016",
                                           f"requirement marker {{: #{excerpt(stray.group(1))} }} must be alone on the "
                                           "line after its paragraph"))
        if marker:
            start = text_lines[0][0] if text_lines else paragraph[-1][0]
            if not text_lines:
                problems.append(Diagnostic(Location(path, paragraph[-1][0], 1), "E016",
                                           f"requirement marker #{excerpt(marker.group(1))} has no paragraph above it"))
            else:
                markdown = "\n".join(line for _, line in text_lines).strip()
                requirements.append(RequirementBlock(marker.group(1), markdown, len(headings) - 1,
                                                     Location(path, start, 1)))

    for kind, block in blocks(body, first_line):
        find_links(block)
        if kind == "heading":
            lineno, line = block[0]
            headings.append(_heading(HEADING.match(line), Location(path, lineno, 1)))
        else:
            read_paragraph(block)
    # What would reach the site as live markup: raw HTML, script URLs, foreign attribute lists (E025–E027).
    problems.extend(source_policy.check_body(body, path, first_line))
    return ScannedBody(tuple(headings), tuple(requirements), tuple(links))
