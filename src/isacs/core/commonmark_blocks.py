"""Reading Markdown's container blocks (block quotes, list items, admonitions) the CommonMark way, and
writing the same structure in the form Python-Markdown reads unambiguously.

Pure text, no Markdown engine: the site's Python-Markdown extension (`isacs.core.md_lists`, whose
docstring says what it changes and why) runs it before rendering, and `isacs check`
(`commonmark_lint.py`) reports from it what no rewrite can render as GitHub's preview shows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

QUOTE = re.compile(r" {0,3}> ?")
BULLET = re.compile(r"([-+*])( +|$)")
ORDERED = re.compile(r"(\d{1,9})([.)])( +|$)")
MARKER_TEXT = re.compile(r"( {0,3})(\d{1,9}[.)]|[-+*])( |$)")
FENCE_OPEN = re.compile(r" {0,3}(`{3,}(?!.*`)|~{3,})")
THEMATIC = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
HEADING = re.compile(r" {0,3}#{1,6}(?: |$)")
HTML_START = re.compile(r" {0,3}<(?:[A-Za-z][A-Za-z0-9-]*[\s/>]|[A-Za-z][A-Za-z0-9-]*$|/[A-Za-z]|!--|\?|![A-Z])")
ADMONITION = re.compile(r" {0,3}(?:!!!|\?\?\?\+?) ")
SETEXT = re.compile(r" {0,3}(?:=+|-+) *$")
DELIMITER_ROW = re.compile(r" {0,3}\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
SEPARATOR = "<!-- -->"  # ends a list for Python-Markdown, shows nothing

NOTE_FENCE = (
    "a code fence indented 4 or more spaces past its container continues the paragraph above: GitHub "
    "shows it as text, the site as a code block; put a blank line before the fence and indent it as "
    "the paragraph's text"
)
NOTE_SETEXT = (
    "a `===`/`---` line under paragraph text in a list item (or without its block quote's `>`): GitHub "
    "and the site read it differently (heading underline or text); write the heading with `#`, or "
    "escape the line (`\\---`)"
)


# The extension list of the site (mkdocs.yml's markdown_extensions), for anything that renders the site's
# Markdown outside mkdocs (tests, tools). tests/site/test_commonmark_structure.py keeps the two in step.


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


@dataclass
class _Box:
    kind: str  # "quote" | "item" | "admonition"
    width: int = 0  # item, admonition: columns of the content, relative to the enclosing container's content
    key: tuple[str, str] = ("", "")  # item: ("ul", "-") or ("ol", "."): CommonMark starts a new list when it changes
    marker: str = ""  # item: the marker as written for Python-Markdown ("-", "3.")


@dataclass
class _State:
    stack: list[_Box] = field(default_factory=list)
    fence: tuple[int, str, int] | None = None  # depth, fence character, length
    html: bool = False  # a raw HTML block is open (ends at a blank line)
    para: bool = False  # a paragraph (or table) is open in the innermost container
    para_head: bool = False  # ... and it began on its list item's marker line
    table: bool = False  # a table is open in the innermost container
    blank: bool = True  # the last line written was blank (inside the block quotes open then: see blank_line)
    blank_line: str = ""  # ... and was this: "" or the `>` of block quotes
    block_depth: int | None = None  # the output block (since the last blank line) began with an item at this depth
    after_fence: bool = False  # a fenced code block just closed: Python-Markdown needs a blank line after it
    # depth -> key of the list (or ("quote", "")) that just ended there, None after any other block
    last_list: dict[int, tuple[str, str] | None] = field(default_factory=dict)


class CommonMarkLists:
    """Rewrites Markdown source lines (tabs expanded) so that Python-Markdown reads the CommonMark structure."""

    def __init__(self, tab_length: int = 4) -> None:
        self.tab = tab_length
        # Lines no rewrite can make Python-Markdown read as CommonMark does: (line index, column, message),
        # for `isacs check` (isacs.core.commonmark_lint).
        self.notes: list[tuple[int, int, str]] = []
        self._fake_fence = False  # inside a "fence" that is paragraph text: its closing line is not reported

    def _note_continuation(self, number: int, line: str, rest: str, lazy: bool, stack: list[_Box]) -> None:
        text = rest.lstrip(" ")
        column = len(line) - len(text) + 1
        if FENCE_OPEN.match(text):
            if not self._fake_fence:
                self.notes.append((number, column, NOTE_FENCE))
            self._fake_fence = not self._fake_fence
        elif SETEXT.match(rest) and (lazy or any(box.kind == "item" for box in stack)):
            self.notes.append((number, column, NOTE_SETEXT))

    # --- helpers -------------------------------------------------------------------------------------------
    def _match(self, line: str, stack: list[_Box]) -> tuple[int, str]:
        """How many open containers `line` continues, and the line without their markers/indentation."""
        rest, count = line, 0
        for box in stack:
            if box.kind == "quote":
                m = QUOTE.match(rest)
                if not m:
                    break
                rest = rest[m.end() :]
            elif not rest.strip():
                rest = ""
            elif _indent(rest) >= box.width:
                rest = rest[box.width :]
            else:
                break
            count += 1
        return count, rest

    def _prefix(self, stack: list[_Box], opened: int | None = None) -> str:
        """Python-Markdown's container prefix; boxes from index `opened` on start on this line."""
        parts = []
        for index, box in enumerate(stack):
            if box.kind == "quote":
                parts.append("> ")
            elif opened is not None and index >= opened and box.kind == "item":
                parts.append(box.marker + " ")
            else:
                parts.append(" " * self.tab)
        return "".join(parts)

    def _blank(self, out: list[str], stack: list[_Box], st: _State | None = None) -> None:
        """A blank line (with the `>` of the open block quotes); a new output block begins after it."""
        out.append(self._prefix(stack).rstrip())
        if st is not None:
            st.blank, st.block_depth, st.blank_line = True, None, out[-1]

    def _blank_at(self, st: _State, stack: list[_Box]) -> bool:
        """Is the last line written blank for a block in `stack`? (`>` is no blank line outside its quote.)"""
        return st.blank and st.blank_line == self._prefix(stack).rstrip()

    @staticmethod
    def _starts_block(rest: str) -> bool:
        """Would `rest` start a block other than a paragraph (so it cannot be a lazy continuation line)?"""
        if _indent(rest) >= 4:
            return False
        text = rest.lstrip(" ")
        return bool(
            text.startswith(">")
            or THEMATIC.match(rest)
            or HEADING.match(rest)
            or FENCE_OPEN.match(rest)
            or BULLET.match(text)
            or ORDERED.match(text)
            or HTML_START.match(rest)
        )

    # --- the pass ------------------------------------------------------------------------------------------
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        st = _State()
        for number, line in enumerate(lines):
            count, rest = self._match(line, st.stack)

            if st.fence is not None:
                depth, char, length = st.fence
                if count >= depth:
                    if re.match(rf" {{0,3}}{re.escape(char)}{{{length},}} *$", rest):
                        st.fence, st.after_fence = None, True
                    out.append((self._prefix(st.stack) + rest) if rest else self._prefix(st.stack).rstrip())
                    st.blank = False
                    continue
                st.fence = None  # the container ended, and the code block with it

            if not line.strip() or (not rest.strip() and count == len(st.stack)):
                if count < len(st.stack):  # a block quote ends at a blank line without its marker
                    st.last_list[count] = ("quote", "")
                    del st.stack[count:]
                self._blank(out, st.stack, st)
                st.para = st.html = st.after_fence = st.table = False
                continue
            if st.after_fence:
                self._blank(out, st.stack, st)
                st.after_fence = False

            if st.table and count == len(st.stack):
                if _indent(rest) < 4 and not self._starts_block(rest):
                    out.append(self._prefix(st.stack) + rest.lstrip(" "))  # a row
                    st.blank = False
                    continue
                self._blank(out, st.stack, st)  # GFM: another block ends the table; Python-Markdown needs a blank
                st.table = False

            # A lazy continuation line: paragraph text whose containers' markers/indentation are left out.
            if st.para and count < len(st.stack) and not self._starts_block(rest):
                self._note_continuation(number, line, rest, True, st.stack)
                out.append(self._prefix(st.stack) + self._escape(rest.lstrip(" "), st.stack))
                st.blank = False
                continue

            closed = st.stack[count:]
            if closed:
                if closed[0].kind in ("item", "quote"):
                    st.last_list[count] = closed[0].key if closed[0].kind == "item" else ("quote", "")
                del st.stack[count:]
                st.para = st.html = st.table = False
            for depth in list(st.last_list):
                if depth > len(st.stack):
                    del st.last_list[depth]

            if st.html and not closed:
                out.append(self._prefix(st.stack) + rest)
                st.blank = False
                continue

            # New containers opening on this line.
            interrupting = st.para
            base = len(st.stack)
            opened: list[_Box] = []
            while _indent(rest) < 4:
                text = rest.lstrip(" ")
                ind = len(rest) - len(text)
                if text.startswith(">"):
                    box = _Box("quote")
                    rest = rest[QUOTE.match(rest).end() :]
                elif THEMATIC.match(rest):
                    break
                elif m := BULLET.match(text) or ORDERED.match(text):
                    ordered = m.re is ORDERED
                    empty = not text[m.end() :].strip()
                    if interrupting and not opened and (empty or (ordered and int(m.group(1)) != 1)):
                        break  # CommonMark: this cannot interrupt a paragraph, it continues it
                    marker_end = ind + m.end(2 if ordered else 1)
                    spaces = len(text[m.end(2 if ordered else 1) :]) - len(
                        text[m.end(2 if ordered else 1) :].lstrip(" ")
                    )
                    width = marker_end + (1 if empty or spaces >= 5 else spaces)
                    key = ("ol", m.group(2)) if ordered else ("ul", m.group(1))
                    box = _Box("item", width, key, f"{m.group(1)}." if ordered else m.group(1))
                    rest = rest[width:] if not empty else ""
                else:
                    break
                opened.append(box)
                st.stack.append(box)
                interrupting = False

            starts_list = bool(opened) and opened[0].kind == "item"
            sibling = starts_list and bool(closed) and closed[0].kind == "item" and closed[0].key == opened[0].key
            last = st.last_list.get(base)
            if (
                opened
                and last is not None
                and not sibling
                and (
                    (starts_list and last[0] != "quote" and last != opened[0].key)
                    or (opened[0].kind == "quote" and last[0] == "quote")
                )
            ):
                # CommonMark starts a new list (another marker kind) or block quote here; Python-Markdown
                # would extend the last one.
                if not self._blank_at(st, st.stack[:base]):
                    self._blank(out, st.stack[:base], st)
                out.append(self._prefix(st.stack[:base]) + SEPARATOR)
                self._blank(out, st.stack[:base], st)
            elif closed and not self._blank_at(st, st.stack[:base]) and not sibling:
                self._blank(out, st.stack[:base], st)  # Python-Markdown would keep the line in the closed container
            elif sibling and not st.blank and (st.block_depth is None or st.block_depth > base):
                # Python-Markdown reads a sibling item without a blank line only inside a block that began
                # with an item of the same list (or an outer one).
                self._blank(out, st.stack[:base], st)
            elif opened and opened[0].kind == "quote" and st.para and not st.blank:
                self._blank(out, st.stack[:base], st)  # a block quote interrupting a paragraph (in a list item)
            elif starts_list and st.para and not st.para_head and not st.blank:
                self._blank(out, st.stack[:base], st)  # a list right after a paragraph
            if opened:
                st.last_list[base] = opened[0].key if starts_list else None
                for depth in range(base + 1, len(st.stack) + 1):
                    st.last_list.pop(depth, None)
                st.para = st.html = False

            if st.blank:
                st.block_depth = base if starts_list else None
            prefix = self._prefix(st.stack, base if opened else None)
            depth = len(st.stack)
            leaf = rest.lstrip(" ") if _indent(rest) < 4 or st.para else rest
            if not rest.strip():
                out.append(prefix.rstrip())
                st.para, st.blank = False, False
                continue
            if not st.para or _indent(rest) < 4:
                if FENCE_OPEN.match(rest) or self._table_starts(rest, lines, number, st.stack):
                    if not st.blank and (st.para or not opened):
                        # Python-Markdown reads a fence or a table only at a block's start
                        self._blank(out, st.stack, st)
                    if FENCE_OPEN.match(rest):
                        fence = FENCE_OPEN.match(rest).group(1)
                        st.fence = (depth, fence[0], len(fence))
                        st.para = False
                    else:
                        st.para, st.table = False, True
                    out.append(prefix + (rest if st.fence else rest.lstrip(" ")))
                    st.last_list[depth] = None
                    st.blank = False
                    continue
            if not st.para and (
                ADMONITION.match(rest)
                or HEADING.match(rest)
                or THEMATIC.match(rest)
                or HTML_START.match(rest)
                or _indent(rest) >= 4
            ):
                last = st.last_list.get(depth)
                if _indent(rest) >= 4 and last is not None and last[0] != "quote":
                    # Indented code right after a list: Python-Markdown would put it in the last item.
                    if not self._blank_at(st, st.stack):
                        self._blank(out, st.stack, st)
                    out += [self._prefix(st.stack) + SEPARATOR, self._prefix(st.stack).rstrip()]
                out.append(prefix + rest)
                if ADMONITION.match(rest):
                    st.stack.append(_Box("admonition", self.tab))
                st.html = bool(HTML_START.match(rest)) and _indent(rest) < 4
                st.last_list[depth] = None
                st.blank = False
                continue
            if st.para and (HEADING.match(rest) or THEMATIC.match(rest)) and not SETEXT.match(rest):
                self._blank(out, st.stack, st)  # inside a list item Python-Markdown would keep it in the paragraph
                out.append(prefix + leaf)
                st.para, st.blank = False, False
                st.last_list[depth] = None
                continue
            # Paragraph text (a new paragraph or a continuation line).
            if not st.para:
                st.para, st.para_head = True, bool(opened) and opened[-1].kind == "item"
                self._fake_fence = False
                st.last_list[depth] = None
                out.append(prefix + leaf)
            else:
                self._note_continuation(number, line, rest, False, st.stack)
                out.append(prefix + self._escape(leaf, st.stack))
            st.blank = False
        return out

    def _escape(self, text: str, stack: list[_Box]) -> str:
        """A paragraph line inside a list item that Python-Markdown would read as a new item: escape the marker."""
        if not any(box.kind == "item" for box in stack):
            return text
        m = MARKER_TEXT.match(text)
        if not m or SETEXT.match(text):
            return text
        marker = m.group(2)
        return m.group(1) + (marker[:-1] + "\\" + marker[-1]) + text[m.end(2) :]

    def _table_starts(self, rest: str, lines: list[str], number: int, stack: list[_Box]) -> bool:
        if "|" not in rest or number + 1 >= len(lines):
            return False
        count, following = self._match(lines[number + 1], stack)
        return count == len(stack) and "-" in following and bool(DELIMITER_ROW.match(following))
