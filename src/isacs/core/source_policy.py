"""The source policy: what module text and glossary text may not contain, because it would reach the site
as live markup.

- E025 raw HTML: no HTML tag, comment or declaration in the text (Markdown says it all; a literal `<`
  before a letter is written `&lt;`). Autolinks (`<https://…>`, `<name@example.org>`) are Markdown.
- E026 a link or image to a `javascript:`, `vbscript:`, `data:` or `file:` URL, however it is spelt
  (any case, entities such as `java&#x73;cript:`, tabs, newlines or control characters inside).
- E027 an attribute list other than the format's own: the requirement marker `{: #rNNN }` alone on the
  line after its paragraph, and `.unnumbered` / `.annex` (and an `#anchor`) at the end of a heading.
  attr_list would copy anything else onto the element (`onmouseover=…`, `style=…`, `href=…`); a fenced
  code block takes only a language name for the same reason.

Code spans and fenced code blocks are text, so they are skipped; where this reader and Python-Markdown
could disagree on where code starts or ends, the text is checked (a false alarm beats a miss). The site
is sanitised as well (render/sanitise.py): this is the editor-facing half, with the line to fix.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, Location

FORBIDDEN_SCHEMES = ("javascript", "vbscript", "data", "file")

# A fence this reader trusts to be code: at the margin, a plain language name at most, closed later.
FENCE_OPEN = re.compile(r"^(`{3,}|~{3,})(.*)$")
FENCE_CLOSE = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*$")
PLAIN_INFO = re.compile(r"^[ \t]*\.?[\w#+.-]*[ \t]*$")
HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
# Python-Markdown's code span (inlinepatterns.BACKTICK_RE); spans may cross lines within a block.
BACKTICK = re.compile(r"(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)(`+)(.+?)(?<!`)\2(?!`)", re.S)
TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*|!--|![A-Za-z]*|\?[A-Za-z]*)?")
# Python-Markdown's autolinks (AUTOLINK_RE, AUTOMAIL_RE): Markdown, not HTML.
AUTOLINK = re.compile(r"<(?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*>")
AUTOMAIL = re.compile(r"<[^<> !]+@[^@<> ]+>")
# A reference definition `[id]: url`; the URL may be on the next line (Python-Markdown's ReferenceProcessor).
REFERENCE = re.compile(r"^[ ]{0,3}\[[^\[\]\n]*\]:[ \t]*\n?[ \t]*(\S+)", re.M)
LINK_OPEN = re.compile(r"\]\(")
_PLAIN_DESTINATION = re.compile(r"([^\s()<>\\]*)\)")  # the usual case: no space, bracket or escape
REQ_MARKER = re.compile(r"^\{:\s*#r\d{3,}\s*\}$")
ONLY_REQ_ID = re.compile(r"^#r\d+$")
HEADING_ID = re.compile(r"^#[A-Za-z][A-Za-z0-9_-]*$")
HEADING_CLASSES = frozenset({".unnumbered", ".annex"})
# attr_list's scanner (get_attrs_and_remainder), as a token pattern.
ATTR_TOKEN = re.compile(r"""[^ =}]+="[^"]*"|[^ =}]+='[^']*'|[^ =}]+=[^ =}]+|[^ =}]+""")
# Dropped before a scheme is read: what browsers ignore or strip in a URL, and what hides a scheme's letters.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f-\x9f\s\\\u00ad\u200b-\u200f\u2028\u2029\u2060-\u2064\ufeff]+")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")

HINT_HTML = "write Markdown instead: HTML is not allowed in the sources (a literal '<' is written &lt;)"
HINT_URL = (
    "link only to pages of the site (term:, module:, req:, instrument: or a relative path), http(s): or mailto: URLs"
)
HINT_ATTR = (
    "the only attribute lists are `{: #rNNN }` alone on the line after a requirement's paragraph and "
    "`{: .unnumbered }` or `{: .annex }` at the end of a heading; write `\\{` for a literal brace"
)


@dataclass(frozen=True)
class Finding:
    """A policy violation in a text: 0-based line within the text, 1-based column."""

    line: int
    col: int
    code: str
    message: str
    snippet: str  # the offending text as written, to find it again in a YAML file


def _quote(text: str, limit: int = 40) -> str:
    """Source text as a message may quote it: one line, printable, short."""
    safe = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text[: limit * 2])
    return safe if len(safe) <= limit and len(text) <= limit * 2 else safe[: limit - 1] + "…"


def dangerous_scheme(url: str) -> str | None:
    """The forbidden scheme a URL would have in a browser (`javascript`, …), or None."""
    if ":" not in url and "&" not in url or url[:1] in ("/", ".", "#", "?"):
        return None  # no colon to end a scheme, not even as an entity; or a path, an anchor, a query
    text = url
    for _ in range(3):  # entities, also double-encoded ones, the way a careless later pass would decode them
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    match = _SCHEME.match(_URL_NOISE.sub("", text))
    if match and match.group(1).lower() in FORBIDDEN_SCHEMES:
        return match.group(1).lower()
    return None


def _link_destination(text: str, start: int) -> tuple[int, int]:
    """Span of a link destination (with any title) from just after `](` to its closing parenthesis."""
    plain = _PLAIN_DESTINATION.match(text, start)
    if plain:
        return plain.span(1)
    i, n = start, len(text)
    while i < n and text[i] in " \t\n":
        i += 1
    if i < n and text[i] == "<":
        end = text.find(">", i)
        return i + 1, (end if end >= 0 else n)
    depth, j = 0, i
    while j < n:
        ch = text[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        j += 1
    return i, min(j, n)


def _mask_fences(lines: list[str], findings: list[Finding]) -> list[bool]:
    """Which lines are inside a closed fenced code block (fence lines included); E027 on fence attributes."""
    code = [False] * len(lines)
    i = 0
    while i < len(lines):
        line = lines[i]
        opening = FENCE_OPEN.match(line) if line[:1] in ("`", "~") else None
        if opening and not (opening.group(1)[0] == "`" and "`" in opening.group(2)):
            fence = opening.group(1)
            close = next(
                (
                    j
                    for j in range(i + 1, len(lines))
                    if (m := FENCE_CLOSE.match(lines[j]))
                    and m.group(1)[0] == fence[0]
                    and len(m.group(1)) >= len(fence)
                ),
                None,
            )
            if close is not None:
                info = opening.group(2)
                if not PLAIN_INFO.match(info):
                    findings.append(
                        Finding(
                            i,
                            len(fence) + 1,
                            "E027",
                            f"fenced code block options '{_quote(info.strip())}': only a language "
                            "name may follow the fence (attributes would reach the page)",
                            info.strip(),
                        )
                    )
                for k in range(i, close + 1):
                    code[k] = True
                i = close + 1
                continue
        i += 1
    return code


def _code_spans(block: str) -> list[tuple[int, int]]:
    """Code spans of a block that this reader is sure of: one line, and found both reading the block and
    reading that line alone (Python-Markdown reads list items, cells and headings on their own)."""
    if "`" not in block:
        return []
    whole = {(m.start(3), m.end(3)) for m in BACKTICK.finditer(block) if m.group(2) and "\n" not in m.group(3)}
    sure = []
    offset = 0
    for line in block.split("\n"):
        if "`" in line:
            for m in BACKTICK.finditer(line):
                if m.group(2) and (offset + m.start(3), offset + m.end(3)) in whole:
                    sure.append((offset + m.start(3), offset + m.end(3)))
        offset += len(line) + 1
    return sure


def _escaped(text: str, index: int) -> bool:
    backslashes = 0
    while index - backslashes - 1 >= 0 and text[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _attribute_lists(line: str, original: str, line_no: int, heading: bool, findings: list[Finding]) -> None:
    if REQ_MARKER.match(line.strip()):
        return
    for brace in re.finditer(r"\{", line):
        start = brace.start()
        if _escaped(line, start):
            continue
        close = line.find("}", start + 1)
        if close < 0:
            break
        content = line[start + 1 : close]
        colon = content.startswith(":")
        body = (content[1:] if colon else content).strip(" ")
        if not body:
            continue
        before, after = line[:start], line[close + 1 :]
        at_end = not after.strip().rstrip("#").strip() if heading else not after.strip()
        in_cell = after.lstrip(" ").startswith("|")
        attached = bool(before) and not before[-1].isspace()  # right after an element: `*x*{…}`, `[a](b){…}`
        if not (colon or attached or at_end or in_cell or not before.strip()):
            continue  # braces in running text: not an attribute list
        tokens = ATTR_TOKEN.findall(body)
        if not tokens:
            continue
        if heading and at_end and all(t in HEADING_CLASSES or HEADING_ID.match(t) for t in tokens):
            continue
        if len(tokens) == 1 and ONLY_REQ_ID.match(tokens[0]) and not heading:
            continue  # a misplaced requirement marker: E016 says where it goes
        if heading and at_end:
            bad = " ".join(t for t in tokens if t not in HEADING_CLASSES and not HEADING_ID.match(t))
            where = f"at the end of a heading ({_quote(bad)} is not the format's)"
        else:
            where = "here"
        findings.append(
            Finding(
                line_no,
                start + 1,
                "E027",
                f"attribute list '{_quote(original[start : close + 1])}' is not allowed {where}: {HINT_ATTR}",
                original[start : close + 1],
            )
        )


def scan(text: str) -> list[Finding]:
    """Every policy violation in one Markdown text (a module body, a glossary definition)."""
    findings: list[Finding] = []
    if not any(ch in text for ch in "<]{`~"):
        return findings
    lines = text.split("\n")
    code = _mask_fences(lines, findings)

    # Blocks: runs of text lines between blank lines, fences and headings (a heading is a block of its own).
    blocks: list[list[int]] = []
    current: list[int] = []
    for index, line in enumerate(lines):
        heading = bool(HEADING.match(line)) if "#" in line[:4] else False
        if code[index] or not line.strip() or heading:
            if current:
                blocks.append(current)
                current = []
            if heading and not code[index]:
                blocks.append([index])
            continue
        current.append(index)
    if current:
        blocks.append(current)

    for block in blocks:
        original = "\n".join(lines[i] for i in block)
        if "<" not in original and "]" not in original and "{" not in original:
            continue
        masked_text = original
        for start, end in _code_spans(original):
            masked_text = masked_text[:start] + " " * (end - start) + masked_text[end:]
        starts, offset = [], 0
        for i in block:
            starts.append(offset)
            offset += len(lines[i]) + 1

        def place(pos: int, block=block, starts=starts) -> tuple[int, int]:
            k = max(n for n, s in enumerate(starts) if s <= pos)
            return block[k], pos - starts[k] + 1

        destinations: list[tuple[int, int]] = []
        if "](" in masked_text or "]:" in masked_text:
            destinations = [_link_destination(masked_text, m.end()) for m in LINK_OPEN.finditer(masked_text)]
            destinations += [(m.start(1), m.end(1)) for m in REFERENCE.finditer(masked_text)]
        if "<" in masked_text:
            bracketed = {start - 1 for start, _ in destinations} | {start for start, _ in destinations}
            for m in TAG_START.finditer(masked_text):
                pos = m.start()
                if AUTOLINK.match(masked_text, pos) or AUTOMAIL.match(masked_text, pos) or pos in bracketed:
                    continue  # Markdown: an autolink, or a link destination written <…>
                name = TAG_NAME.match(masked_text, pos)
                tag = "<" + (name.group(1) + (name.group(2) or "") if name else "")
                line, col = place(pos)
                if tag.startswith("</") and any(f.line == line and f.code == "E025" for f in findings):
                    continue  # the end tag of an element already reported on this line
                shown = tag if tag.startswith(("<!", "<?")) else tag + ">"
                findings.append(
                    Finding(
                        line,
                        col,
                        "E025",
                        f"raw HTML '{_quote(shown)}' in the text: {HINT_HTML}",
                        original[pos : pos + max(len(tag), 2)],
                    )
                )
        if destinations:
            for start, end in destinations:
                url = original[start:end]
                scheme = dangerous_scheme(url.strip("<>"))
                if scheme:
                    line, col = place(start)
                    message = f"link to a {scheme}: URL '{_quote(url.strip())}': {HINT_URL}"
                    findings.append(Finding(line, col, "E026", message, url.split("\n")[0]))
        if "{" in masked_text:
            for k, i in enumerate(block):
                line_masked = masked_text[starts[k] : starts[k] + len(lines[i])]
                if "{" in line_masked:
                    _attribute_lists(line_masked, lines[i], i, bool(HEADING.match(lines[i])), findings)
    findings.sort(key=lambda f: (f.line, f.col, f.code))
    return findings


def check_body(body: str, path: str, first_line: int) -> list[Diagnostic]:
    """Policy diagnostics for a module body whose first line is line `first_line` of `path`."""
    return [Diagnostic(Location(path, first_line + f.line, f.col), f.code, f.message) for f in scan(body)]


def _locate(file_text: str | None, value: str, finding: Finding, fallback: Location) -> Location:
    """Where a finding in a YAML value is in the file: the value is found by its first words, the
    offending text after it (quoting and folding change the rest, so this is a search, not arithmetic)."""
    if not file_text:
        return fallback
    first = value.strip().split("\n", 1)[0][:30]
    start = file_text.find(first) if first else -1
    at = file_text.find(finding.snippet, max(start, 0)) if finding.snippet else -1
    if at < 0:
        if start < 0:
            return fallback
        at = start
    line = file_text.count("\n", 0, at) + 1
    return Location(fallback.path, line, at - (file_text.rfind("\n", 0, at) + 1) + 1)


def check_glossary(corpus) -> Iterator[Diagnostic]:
    """Glossary definitions and notes are rendered on the site too: the same policy applies to them."""
    root = Path(corpus.root)
    for concept in corpus.concepts.values():
        found = [
            (text, kind, lang, finding)
            for lang, term in concept.terms.items()
            for text, kind in [(term.definition, "definition")] + [(note, "note") for note in term.notes]
            for finding in scan(text)
        ]
        if not found:
            continue
        path = concept.location.path
        try:
            file_text = (root / path).read_text(encoding="utf-8")
        except (OSError, UnicodeError):
            file_text = None
        fallback = Location(path, concept.field_lines.get("languages", concept.location.line), 1)
        for text, kind, lang, finding in found:
            yield Diagnostic(
                _locate(file_text, text, finding, fallback),
                finding.code,
                f"{concept.id} ({lang} {kind}): {finding.message}",
            )
