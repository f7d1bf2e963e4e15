"""Canonical formatting of the YAML sources: module front matter (every language) and glossary files.

The canonical form is what ruamel.yaml's round-trip writer (`yamlio.dump`, the writer `isacs stamp` uses)
makes of a file, plus a few rules on top; the bundled corpus is already in it (`isacs fmt --check` passes):

- UTF-8 without a byte-order mark, LF line endings, exactly one newline at the end of the file;
- a module file starts with a `---` line, then its front matter, then a `---` line (not `...`, no trailing
  spaces), then the Markdown body, which is left exactly as written (its trailing spaces can be line breaks);
- YAML mappings indented by 2 spaces, block sequence items (`- item`) indented by 2 under their key; flow
  lists and mappings (`[a, b]`, `{topic: ...}`), quoting, key order, blank lines and comments are kept as
  written; long lines are never re-wrapped;
- in module front matter `number`, `edition`, `version` and a tombstone's `withdrawn` are double-quoted
  strings (`number: 05.30` becomes `number: "05.30"`, from the text written, never from a float);
- no trailing whitespace on a YAML line (except inside a block scalar, where it is content);
- a comment on a line of its own is indented like the line that follows it; no blank lines at the end of the
  front matter or of a glossary file.

Safety: the result is read back and must hold the same data (after the quoting above) and the very same
comments in the same order; otherwise the file is refused (`F001`) and left untouched, never changed lossily
(ruamel cannot keep a comment inside a flow list, for instance).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from . import yamlio
from .diagnostics import Diagnostic, Location
from .markdown_source import split_front_matter, unsplit_problem
from .sources import read_text

QUOTED_FIELDS = ("number", "edition", "version")  # module front matter, top level
QUOTED_REQUIREMENT_FIELDS = ("withdrawn",)  # a tombstone's edition


@dataclass(frozen=True)
class Result:
    """`text` is the canonical text (None when the file cannot be formatted: see `problems`); `changed` says
    whether it differs from the bytes on disk."""

    text: str | None
    changed: bool
    problems: tuple[Diagnostic, ...]


def format_file(path: Path, display: str) -> Result:
    """Format one module Markdown file or glossary YAML file (by suffix); nothing is written."""
    problems: list[Diagnostic] = []
    text = read_text(path, display, problems)  # E001/E002/E021/E022 as `isacs check` words them; BOM and CR gone
    if text is None:
        return Result(None, False, tuple(problems))
    if path.suffix == ".md":
        new = format_module_text(text, display, problems)
    else:
        new = format_yaml_text(text, display, 0, problems, module=False)
        if new is not None:
            new = _final_newline(new)
    if new is None:
        return Result(None, False, tuple(problems))
    try:
        changed = path.read_bytes() != new.encode("utf-8")
    except OSError:
        changed = True
    return Result(new, changed, tuple(problems))


def format_module_text(text: str, display: str, problems: list[Diagnostic]) -> str | None:
    text = text.replace("\r\n", "\n").removeprefix("\ufeff")
    split = split_front_matter(text)
    if (problem := unsplit_problem(text, split, display)) is not None:
        problems.append(problem)
        return None
    if not split.front_matter.strip():
        problems.append(Diagnostic(Location(display, split.fm_line), "E004", "front matter is empty"))
        return None
    yaml_text = format_yaml_text(split.front_matter, display, split.fm_line - 1, problems, module=True)
    if yaml_text is None:
        return None
    return _final_newline("---\n" + yaml_text + "---\n" + split.body)


def format_yaml_text(text: str, display: str, line_offset: int, problems: list[Diagnostic], module: bool) -> str | None:
    """Canonical YAML text ending with one newline, or None after recording why the text cannot be formatted."""
    if yamlio.unsafe_constructs(text, display, line_offset, problems):  # E023/E024, as `isacs check`
        return None
    known = len(problems)
    data = yamlio.load(text, display, line_offset, problems, roundtrip=True)  # E003/E005, as `isacs check`
    if data is None:
        if len(problems) == known:  # valid YAML holding nothing (comments only): worded as `isacs check` does
            problems.append(
                Diagnostic(Location(display, 1 + line_offset), "E004", "front matter is empty")
                if module
                else Diagnostic(Location(display), "E002", "file holds no YAML data")
            )
        return None
    if module and isinstance(data, dict):
        _quote_fields(data, text)
    out = tidy(yamlio.dump(data))
    lost = _lost(text, out, data)
    if lost is not None:
        problems.append(
            Diagnostic(
                Location(display, lost[0] + line_offset, lost[1]),
                "F001",
                "cannot be formatted without losing a comment or a value here (a comment inside "
                "a flow list `[...]` or `{...}`?): move it, then run `isacs fmt` again",
            )
        )
        return None
    return out


def _final_newline(text: str) -> str:
    return text.rstrip("\n") + "\n"


# --- quoting ------------------------------------------------------------------------------------------------


def _quote_fields(meta: dict, text: str) -> None:
    plain = _plain_scalars(text)
    for key in QUOTED_FIELDS:
        _quote(meta, key, plain)
    requirements = meta.get("requirements")
    if isinstance(requirements, dict):
        for entry in requirements.values():
            if isinstance(entry, dict):
                for key in QUOTED_REQUIREMENT_FIELDS:
                    _quote(entry, key, plain)


def _quote(mapping: dict, key: str, plain: dict[tuple[int, int], str]) -> None:
    if key not in mapping:
        return
    value = mapping[key]
    if value is None or isinstance(value, (dict, list)) or isinstance(value, DoubleQuotedScalarString):
        return
    written = None
    try:
        written = plain.get(tuple(mapping.lc.value(key)))
    except (AttributeError, KeyError, TypeError):
        pass
    if written is None:  # a quoted string (single quotes) or a value we cannot see the text of
        if not isinstance(value, str):
            return  # never guess the text of a number or a date
        written = str(value)
    mapping[key] = DoubleQuotedScalarString(written)


def _plain_scalars(text: str) -> dict[tuple[int, int], str]:
    """(line, col) -> the text as written of every plain (unquoted) scalar."""
    out = {}
    for token in _tokens(text):
        if type(token).__name__ == "ScalarToken" and getattr(token, "style", None) in (None, ""):
            out[(token.start_mark.line, token.start_mark.column)] = token.value
    return out


# --- comments, whitespace -----------------------------------------------------------------------------------


def _tokens(text: str):
    return list(yamlio._c_tokens(text) if yamlio._TokenScanner is not None else yamlio._pure_tokens(text))


def _scalar_spans(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    return [
        ((t.start_mark.line, t.start_mark.column), (t.end_mark.line, t.end_mark.column))
        for t in _tokens(text)
        if type(t).__name__ == "ScalarToken"
    ]


def _inside(spans, line: int, col: int) -> bool:
    return any(start <= (line, col) < end for start, end in spans)


def comments(text: str) -> list[tuple[int, int, str]]:
    """(0-based line, column, text) of every comment: a `#` at a line start or after a blank, outside scalars."""
    spans = _scalar_spans(text)
    found = []
    for number, line in enumerate(text.split("\n")):
        if "#" not in line:
            continue
        for col, char in enumerate(line):
            if char == "#" and (col == 0 or line[col - 1] in " \t") and not _inside(spans, number, col):
                found.append((number, col, line[col:].rstrip()))
                break
    return found


def tidy(text: str) -> str:
    """No trailing whitespace (outside block scalars), own-line comments indented like the next line, no blank
    lines at the start or the end."""
    spans = _scalar_spans(text)
    lines = text.split("\n")
    own_line = {n for n, col, _ in comments(text) if not lines[n][:col].strip()}
    for n, line in enumerate(lines):
        if line != line.rstrip() and not _inside(spans, n, len(line.rstrip())):
            lines[n] = line.rstrip()
    following = 0
    for n in range(len(lines) - 1, -1, -1):  # bottom-up: the indent of the next content line
        if n in own_line:
            lines[n] = " " * following + lines[n].lstrip()
        elif lines[n].strip():
            following = len(lines[n]) - len(lines[n].lstrip())
    return "\n".join(lines).strip("\n") + "\n"


def _lost(before: str, after: str, data) -> tuple[int, int] | None:
    """None if `after` holds the same data as `data` and every comment of `before`, in order; else the 1-based
    (line, column) in `before` of the first comment lost, or (1, 1)."""
    problems: list[Diagnostic] = []
    again = yamlio.load(after, "", 0, problems, roundtrip=True)
    if problems or yamlio.to_plain(again) != yamlio.to_plain(data):
        return 1, 1
    old, new = comments(before), comments(after)
    new_texts = [c for _, _, c in new]
    for i, (line, col, comment) in enumerate(old):
        if i >= len(new_texts) or new_texts[i] != comment:
            return line + 1, col + 1
    return None if len(old) == len(new) else (1, 1)
