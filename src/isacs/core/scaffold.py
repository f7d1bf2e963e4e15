"""`isacs new`: the text of a new module, and a new requirement entry in a module's English front matter.

A new module passes `isacs check`: every required front matter field, status `draft`, a Foreword and a
Scope clause, and one example requirement r001 (metadata and a paragraph using the verbal form of its level)
that says it is to be replaced.

A new requirement gets the next free ID: one more than the highest ID ever used in the module, counting every
key under `requirements:` (tombstones of withdrawn or moved requirements included) and every `{: #rNNN }`
marker in any language file of the module, so a withdrawn ID is never reused. Only the front matter is
changed (ruamel round-trip: comments and formatting stay, comment lines indented as `isacs fmt` does; a
comment ruamel cannot keep makes the command refuse, F001); the text is the editor's to write, and until it
is written `isacs check` reports E006 for the new ID, as a reminder (a placeholder paragraph would pass the
check and could be published by mistake).
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from . import fmt, yamlio
from .diagnostics import Diagnostic, Location
from .markdown_parse import scan_body
from .markdown_source import split_front_matter

NUMBER = re.compile(r"^[0-9]{2}\.[0-9]{2}$")
REQUIREMENT_ID = re.compile(r"^r([0-9]{3,})$")
LEVELS = ("shall", "should", "may")
EXAMPLE_ACTOR = "manufacturer"


def today() -> _dt.date:
    """The date of SOURCE_DATE_EPOCH when set (reproducible runs and tests), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.UTC).date()
    return _dt.datetime.now(_dt.UTC).date()


def module_text(series: str, number: str, title: str, date: _dt.date, actor: str | None) -> str:
    """index.en.md of a new draft module; `actor` is the example requirement's actor (None: no actor)."""
    title_line = yamlio.dump(CommentedMap([("title", title)])).rstrip("\n")  # quoted by ruamel when needed
    actors = f"[{actor}]" if actor else "[]"
    rrpl = "    rrpl: 1                 # IATG risk-reduction process level: 1, 2 or 3\n" if series == "iatg" else ""
    who = {"manufacturer": "The manufacturer"}.get(actor or "", "The actor named in its metadata")
    return (
        "---\n"
        f"series: {series}\n"
        f'number: "{number}"\n'
        f"{title_line}\n"
        f'edition: "{date.year}"\n'
        'version: "0.1"\n'
        f"date: {date.isoformat()}\n"
        "status: draft\n"
        "related: []\n"
        "instruments: []\n"
        "requirements:\n"
        "  # EXAMPLE requirement: replace it (level, actors, refs) and its paragraph under Scope.\n"
        "  # Add more with `isacs new requirement`.\n"
        "  r001:\n"
        "    level: shall\n"
        f"    actors: {actors}\n"
        "    refs: []\n"
        f"{rrpl}"
        "---\n"
        "\n"
        "## Foreword {: .unnumbered }\n"
        "\n"
        "To be written: the foreword of this draft module.\n"
        "\n"
        "## Scope\n"
        "\n"
        "To be written: what this module covers, and whom it addresses.\n"
        "\n"
        f"EXAMPLE REQUIREMENT, TO BE REPLACED: {who} shall do what this requirement asks; replace this\n"
        "paragraph, keeping its marker line below, and move it to the clause where it belongs.\n"
        "{: #r001 }\n"
    )


def used_ids(meta: dict, texts: list[str]) -> set[int]:
    """Numbers of every requirement ID the module has ever used: metadata keys (tombstones included) and
    markers in the given file texts."""
    numbers = set()
    requirements = meta.get("requirements") if isinstance(meta, dict) else None
    for key in requirements or {}:
        match = REQUIREMENT_ID.match(str(key))
        if match:
            numbers.add(int(match.group(1)))
    for text in texts:
        split = split_front_matter(text)
        scanned = scan_body(split.body, "", split.body_line, [])
        for rid in [block.id for block in scanned.requirements] + list(scanned.misplaced):
            if rid[1:].isdigit() and len(rid) < 12:  # a 10,000-digit typo is no ID to count from
                numbers.add(int(rid[1:]))
    return numbers


def next_id(meta: dict, texts: list[str]) -> str:
    return f"r{max(used_ids(meta, texts), default=0) + 1:03d}"


@dataclass(frozen=True)
class Added:
    id: str
    text: str  # the whole new file


def add_requirement(
    text: str,
    display: str,
    level: str,
    actors: list[str],
    rrpl: int | None,
    other_texts: list[str],
    problems: list[Diagnostic],
) -> Added | None:
    """The English file with a new requirement entry at the end of `requirements:`; None after recording
    why the front matter cannot be read (the same diagnostics as `isacs check`)."""
    split = split_front_matter(text)
    if split.front_matter is None:
        problems.append(Diagnostic(Location(display), "E004", "missing or unclosed front matter"))
        return None
    offset = split.fm_line - 1
    if yamlio.unsafe_constructs(split.front_matter, display, offset, problems):
        return None
    meta = yamlio.load(split.front_matter, display, offset, problems, roundtrip=True)
    if meta is None and not problems:
        problems.append(Diagnostic(Location(display, split.fm_line), "E004", "front matter is empty"))
    if meta is None:
        return None
    if not isinstance(meta, dict):
        problems.append(Diagnostic(Location(display, split.fm_line), "E004", "front matter must be a YAML mapping"))
        return None
    requirements = meta.get("requirements")
    if requirements is None:
        requirements = meta["requirements"] = CommentedMap()
    if not isinstance(requirements, dict):
        pos = yamlio.position(meta, ("requirements",))
        problems.append(
            Diagnostic(
                Location(display, (pos[0] + split.fm_line) if pos else split.fm_line),
                "E004",
                "`requirements` must be a mapping of requirement IDs",
            )
        )
        return None
    if isinstance(requirements, CommentedMap):
        requirements.fa.set_block_style()  # `requirements: {}` grows into a block mapping
    rid = next_id(meta, [text, *other_texts])
    entry = CommentedMap()
    entry["level"] = level
    entry["actors"] = _flow(actors)
    entry["refs"] = _flow([])
    if rrpl is not None:
        entry["rrpl"] = rrpl
    requirements[rid] = entry
    out = yamlio.dump(meta)
    if [c for *_, c in fmt.comments(split.front_matter)] != [c for *_, c in fmt.comments(out)]:
        problems.append(
            Diagnostic(
                Location(display, split.fm_line),
                "F001",
                "the front matter cannot be rewritten without losing a comment (a comment inside a "
                "flow list `[...]` or `{...}`?): move it, then run the command again",
            )
        )
        return None
    return Added(rid, "---\n" + fmt.tidy(out) + "---\n" + split.body)


def _flow(items: list) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq
