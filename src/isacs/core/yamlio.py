"""YAML through ruamel.yaml: line numbers for every key and item, and files written back byte-for-byte
when unchanged (the editors' formatting and comments survive tools).

Reading for the model uses the fast libyaml-based builder (`yamlnodes`); ruamel's round-trip loader is
used when a file is to be written back (`roundtrip=True`) and to report what is wrong with invalid YAML.

Sources come from pull requests: `load_source` first scans the tokens for anchors, aliases and tags and refuses
them (E023, E024) before anything is composed or constructed, so an alias bomb is never expanded and no tag
chooses what a value becomes."""

from __future__ import annotations

import datetime as _dt
import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import ConstructorError, DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.representer import RoundTripRepresenter

from . import yamlnodes
from .diagnostics import Diagnostic, Location, excerpt

try:  # libyaml's scanner (ruamel.yaml.clib): tokens only, nothing composed or constructed
    from _ruamel_yaml import CParser as _TokenScanner
except ImportError:  # pragma: no cover - the pure-Python scanner below does the same, slower
    _TokenScanner = None


class _Constructor(RoundTripConstructor):
    """Round-trip constructor whose value errors (e.g. `date: 2026-13-45`) carry the node's position."""

    def construct_yaml_timestamp(self, node, values=None):
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError as exc:  # raised by datetime for an impossible date, with no position
            raise ConstructorError(
                None, None, f"invalid date {excerpt(node.value)!r}: {exc}", node.start_mark
            ) from None


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


class _Representer(RoundTripRepresenter):
    """Writes `null` as `null`: ruamel would write an empty value, a diff in every file that spells it out."""

    def represent_none(self, data):
        return self.represent_scalar("tag:yaml.org,2002:null", "null")


_Representer.add_representer(type(None), _Representer.represent_none)

DUPLICATE_KEY = re.compile(r'found duplicate key "(?P<key>.*?)" with value')


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap an editor's long lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load(text: str, display: str, line_offset: int, problems: list[Diagnostic], roundtrip: bool = False) -> Any:
    """Parse YAML; on failure record E003 (or E005 for a duplicate key) at the right line and return None.

    `line_offset` is the number of file lines before the YAML text (front matter starts after `---`).
    `roundtrip=True` returns ruamel's round-trip data (comments, quoting) for `dump`; otherwise the data
    has the same mapping/sequence types and line/column records, without formatting.
    """
    if not roundtrip:
        try:
            return yamlnodes.load(text)
        except yamlnodes.Unsupported:
            pass  # invalid or unusual YAML: the round-trip loader below reports or handles it
    try:
        return _yaml().load(text)
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        problems.append(
            Diagnostic(
                Location(display, mark.line + 1 + line_offset, mark.column + 1),
                "E005",
                _duplicate_message(text, exc, line_offset),
            )
        )
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "syntax error"
        hint = "; indent YAML with spaces, not tabs" if "'\\t'" in str(what) else ""
        problems.append(
            Diagnostic(
                Location(display, line + line_offset, col),
                "E003",
                f"invalid YAML: {excerpt(_first_line(what), 120)}{hint}",
            )
        )
    except YAMLError as exc:
        problems.append(
            Diagnostic(Location(display, 1 + line_offset), "E003", f"invalid YAML: {excerpt(_first_line(exc), 120)}")
        )
    return None


# Characters every anchor (&), alias (*), tag (!) or %TAG directive starts with: text without any of them needs
# no token scan (nearly every source file).
_INDICATORS = frozenset("&*!%")
MAX_REPORTED = 10  # unsafe constructs reported per file; an alias bomb has hundreds


def unsafe_constructs(text: str, display: str, line_offset: int, problems: list[Diagnostic]) -> bool:
    """Record E023 for each YAML anchor or alias and E024 for each tag or %TAG directive, at its own line and
    column; True if there was any. Only the token stream is read: no node is composed and no value is built,
    so an alias bomb costs no more than its own text.

    libyaml's scanner reads the tokens; if it stops on an error, ruamel's own scanner (the one `load`'s
    round-trip parser reads with) scans again, so a construct the round-trip loader would accept cannot hide
    behind text libyaml rejects. A syntax error stops the scan; `load` then words it."""
    if _INDICATORS.isdisjoint(text):
        return False
    found, failed = _scan(text, display, line_offset, _c_tokens if _TokenScanner is not None else _pure_tokens)
    if failed and _TokenScanner is not None:
        found, failed = _scan(text, display, line_offset, _pure_tokens)
    if len(found) > MAX_REPORTED:
        last = found[MAX_REPORTED]
        found[MAX_REPORTED:] = [
            Diagnostic(
                last.location,
                last.code,
                f"more YAML anchors, aliases or tags follow (only the first {MAX_REPORTED} are reported)",
            )
        ]
    problems.extend(found)
    return bool(found)


def _scan(text: str, display: str, line_offset: int, tokens) -> tuple[list[Diagnostic], bool]:
    """(problems, whether the scan stopped on an error); at most MAX_REPORTED + 1 problems."""
    found: list[Diagnostic] = []
    try:
        for token in tokens(text):
            kind = type(token).__name__
            if kind in ("AnchorToken", "AliasToken"):
                sign, what = ("&", "anchor") if kind == "AnchorToken" else ("*", "alias")
                code, message = (
                    "E023",
                    (
                        f"YAML {what} `{sign}{excerpt(token.value)}` is not allowed in the sources: "
                        "write the value out in full"
                    ),
                )
            elif kind == "TagToken":
                code, message = (
                    "E024",
                    (
                        f"YAML tag `{excerpt(_tag_text(token.value))}` is not allowed in the "
                        "sources: remove it (values are plain strings, numbers, dates, lists and "
                        "mappings)"
                    ),
                )
            elif kind == "DirectiveToken" and token.name == "TAG":
                code, message = "E024", "YAML %TAG directive is not allowed in the sources: remove it"
            else:
                continue
            mark = token.start_mark
            found.append(Diagnostic(Location(display, mark.line + 1 + line_offset, mark.column + 1), code, message))
            if len(found) > MAX_REPORTED:
                break
    except Exception:  # noqa: BLE001 - any scanner failure (YAMLError or other) is worded by `load`
        return found, True
    return found, False


def _tag_text(value) -> str:
    handle, suffix = value
    if handle is None:  # verbatim `!<...>`, or the non-specific `!`
        return "!" if suffix == "!" else f"!<{suffix}>"
    return f"{handle}{suffix}"


def _c_tokens(text: str):
    scanner = _TokenScanner(text)
    try:
        while scanner.check_token():
            yield scanner.get_token()
    finally:
        scanner.dispose()


def _pure_tokens(text: str):
    yield from _yaml().scan(text)


def load_source(text: str, display: str, line_offset: int, problems: list[Diagnostic]) -> Any:
    """`load` for a source file: refuse anchors, aliases and tags first (E023, E024), then load safely."""
    if unsafe_constructs(text, display, line_offset, problems):
        return None
    return load(text, display, line_offset, problems)


def dump(data: Any) -> str:
    stream = io.StringIO()
    _yaml().dump(data, stream)
    return stream.getvalue()


def _duplicate_message(text: str, exc: DuplicateKeyError, line_offset: int) -> str:
    """`duplicate key "r001" (first at line 12)`: ruamel's own message quotes both whole values."""
    match = DUPLICATE_KEY.search(str(exc.problem))
    if not match:
        return f"duplicate key: {excerpt(_first_line(exc.problem), 120)}"
    key, mark = match.group("key"), exc.problem_mark
    # The first occurrence: the nearest earlier line with the same key at the same indentation.
    pattern = re.compile(rf"^ {{{mark.column}}}(['\"]?){re.escape(key)}\1\s*:")
    lines = text.split("\n")
    for i in range(mark.line - 1, -1, -1):
        if pattern.match(lines[i]):
            return f'duplicate key "{excerpt(key)}" (first at line {i + 1 + line_offset})'
    return f'duplicate key "{excerpt(key)}"'


def _first_line(text: str) -> str:
    return str(text).strip().splitlines()[0] if str(text).strip() else "syntax error"


def position(node: Any, path: tuple = ()) -> tuple[int, int] | None:
    """0-based (line, col) of the deepest element of `path` that ruamel recorded a position for."""
    best = None
    for key in path:
        lc = getattr(node, "lc", None)
        if lc is None:
            break
        try:
            if isinstance(node, dict):
                best = lc.key(key)
            elif isinstance(node, list) and isinstance(key, int):
                best = lc.item(key)
            else:
                break
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
    if best is None and getattr(node, "lc", None) is not None:
        best = (node.lc.line, node.lc.col)
    return best


def to_plain(node: Any) -> Any:
    """ruamel's round-trip types -> plain JSON-like Python (dates become ISO strings) for schema checks."""
    if isinstance(node, dict):
        return {str(k): to_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    if isinstance(node, (_dt.date, _dt.datetime)):
        return node.isoformat()
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return str(node)
