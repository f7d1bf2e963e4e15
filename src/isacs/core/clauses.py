"""Clause numbering: derived from the heading sequence, so inserting a clause renumbers everything after it.

`##` is a top-level clause (1, 2, ...), `###` its sub-clause (1.1), and so on. Unnumbered headings
(foreword, introduction, bibliography) and their children get no number; annexes are lettered A, B, ...
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from .diagnostics import Diagnostic, Location
from .model import Clause, Heading


@dataclass(frozen=True)
class NumberedHeading:
    heading: Heading
    number: str
    anchor: str
    kind: str
    depth: int


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "section"


def number_headings(headings: tuple[Heading, ...], path: str, problems: list[Diagnostic]) -> list[NumberedHeading]:
    top = annex = 0
    prefix: str | None = None  # number or letter of the enclosing top-level clause
    context_kind = "numbered"
    sub: list[int] = []  # sub[i] counts headings at depth i + 2 under the current parent
    used_anchors: set[str] = set()
    out: list[NumberedHeading] = []
    for h in headings:
        if h.level == 1:
            problems.append(
                Diagnostic(
                    h.location,
                    "E017",
                    "level-1 heading: the page title comes from the front matter; use ## for clauses",
                )
            )
            continue
        depth = h.level - 1
        previous_depth = out[-1].depth if out else 0
        if depth > previous_depth + 1:
            problems.append(
                Diagnostic(
                    h.location, "E018", f"heading level {h.level} skips a level (previous was {previous_depth + 1})"
                )
            )
            depth = previous_depth + 1
        if depth == 1:
            sub = []
            context_kind = h.kind
            if h.kind == "numbered":
                top += 1
                prefix = str(top)
            elif h.kind == "annex":
                annex += 1
                prefix = _annex_letter(annex)
            else:
                prefix = None
            parts = [prefix]
        else:
            sub = sub[: depth - 1]
            while len(sub) < depth - 1:
                sub.append(0)
            sub[depth - 2] += 1
            parts = [prefix] + [str(n) for n in sub]
        kind = context_kind if depth > 1 else h.kind
        if kind == "unnumbered" or prefix is None:
            kind, number = "unnumbered", ""
            anchor = h.anchor_hint or _slug(h.title)
        elif kind == "annex":
            number = ".".join(parts)
            anchor = "annex-" + number.lower().replace(".", "-")
        else:
            number = ".".join(parts)
            anchor = "clause-" + number.replace(".", "-")
        base, n = anchor, 2
        while anchor in used_anchors:
            anchor, n = f"{base}-{n}", n + 1
        used_anchors.add(anchor)
        out.append(NumberedHeading(h, number, anchor, kind, depth))
    return out


def _annex_letter(n: int) -> str:
    letters = string.ascii_uppercase
    return letters[n - 1] if n <= 26 else letters[(n - 1) // 26 - 1] + letters[(n - 1) % 26]


def build_tree(
    numbered: list[NumberedHeading], titles_by_lang: dict[str, list[str]], requirements_by_heading: dict[int, list[str]]
) -> tuple[Clause, ...]:
    """Nest the numbered headings into Clause objects carrying each language's title."""

    def make(index: int) -> tuple[Clause, int]:
        nh = numbered[index]
        children: list[Clause] = []
        nxt = index + 1
        while nxt < len(numbered) and numbered[nxt].depth > nh.depth:
            child, nxt = make(nxt)
            children.append(child)
        titles = {lang: titles[index] for lang, titles in titles_by_lang.items() if index < len(titles)}
        clause = Clause(
            number=nh.number,
            anchor=nh.anchor,
            depth=nh.depth,
            kind=nh.kind,
            titles=titles,
            requirement_ids=tuple(requirements_by_heading.get(index, ())),
            children=tuple(children),
            location=nh.heading.location,
        )
        return clause, nxt

    roots: list[Clause] = []
    i = 0
    while i < len(numbered):
        clause, i = make(i)
        roots.append(clause)
    return tuple(roots)


def same_shape(a: list[NumberedHeading], b: list[NumberedHeading]) -> Location | None:
    """None if both heading lists have the same levels and kinds; otherwise where `b` first differs."""
    for x, y in zip(a, b):
        if (x.depth, x.kind) != (y.depth, y.kind):
            return y.heading.location
    if len(a) != len(b):
        return b[len(a)].heading.location if len(b) > len(a) else (b[-1].heading.location if b else None)
    return None
