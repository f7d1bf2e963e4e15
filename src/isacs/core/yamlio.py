"""YAML through ruamel.yaml: line numbers for every key and item, and files written back byte-for-byte
when unchanged (the editors' formatting and comments survive tools).

Reading for the model uses the fast libyaml-based builder (`yamlnodes`); ruamel's round-trip loader is
used when a file is to be written back (`roundtrip=True`) and to report what is wrong with invalid YAML."""
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
from .diagnostics import Diagnostic, Location


class _Constructor(RoundTripConstructor):
    """Round-trip constructor whose value errors (e.g. `date: 2026-13-45`) carry the node's position."""

    def construct_yaml_timestamp(self, node, values=None):
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError as exc:  # raised by datetime for an impossible date, with no position
            raise ConstructorError(None, None, f"invalid date {node.value!r}: {exc}", node.start_mark) from None


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
        problems.append(Diagnostic(Location(display, mark.line + 1 + line_offset, mark.column + 1), "E005",
                                   _duplicate_message(text, exc, line_offset)))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "syntax error"
        problems.append(Diagnostic(Location(display, line + line_offset, col), "E003",
                                   f"invalid YAML: {_first_line(what)}"))
    except YAMLError as exc:
        problems.append(Diagnostic(Location(display, 1 + line_offset), "E003", f"invalid YAML: {exc}"))
    return None


def dump(data: Any) -> str:
    stream = io.StringIO()
    _yaml().dump(data, stream)
    return stream.getvalue()


def _duplicate_message(text: str, exc: DuplicateKeyError, line_offset: int) -> str:
    """`duplicate key "r001" (first at line 12)`: ruamel's own message quotes both whole values."""
    match = DUPLICATE_KEY.search(str(exc.problem))
    if not match:
        return f"duplicate key: {_first_line(exc.problem)}"
    key, mark = match.group("key"), exc.problem_mark
    # The first occurrence: the nearest earlier line with the same key at the same indentation.
    pattern = re.compile(rf"^ {{{mark.column}}}(['\"]?){re.escape(key)}\1\s*:")
    lines = text.split("\n")
    for i in range(mark.line - 1, -1, -1):
        if pattern.match(lines[i]):
            return f'duplicate key "{key}" (first at line {i + 1 + line_offset})'
    return f'duplicate key "{key}"'


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
