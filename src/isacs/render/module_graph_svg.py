"""Module reference diagram as an inline SVG string, drawn in Python at render time.

No script, font or stylesheet is fetched when the page is read (the diagram works offline and does not
depend on the site engine). Layout, deterministic for the same input:

- each lane (a series) is a column of boxes in the order given; at most two lanes, left then right;
- references inside a lane are arcs on the lane's outer side (left of the left lane, right of the right
  one), so they never cross a box; references between lanes run across the gap between the columns;
- an arc leaves its source at the upper port and reaches its target at the lower port, so the two
  directions between the same pair of boxes nest instead of overlapping; across lanes, left-to-right
  edges use the upper port at both ends and right-to-left ones the lower port, so they run parallel;
- solid strokes for references in the text, dashed for `related:` metadata only.

The template module_graph.svg writes the elements; everything taken from the sources (labels, titles,
URLs) is XML-escaped there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from . import templates

BOX_H = 32
ROW = 48  # vertical pitch of the boxes in a lane
HEAD = 36  # space above the first box for the lane name
PAD = 12
GAP = 140  # between the two lanes, where cross-lane edges run
PORT = 6  # distance of the upper/lower port from the middle of a box side
FONT = 14
CHAR_W = 9  # generous average advance of FONT-size sans-serif capitals and digits, to size boxes
COLOURS = {"box": "#eceff1", "border": "#546e7a", "text": "#263238", "edge": "#455a64"}


@dataclass(frozen=True)
class Box:
    """One module: `key` identifies it in edges, `label` is drawn, `tooltip` is its <title>."""

    key: str
    label: str
    tooltip: str
    href: str  # final URL, relative to the page the SVG is embedded in


@dataclass(frozen=True)
class Lane:
    name: str
    boxes: tuple[Box, ...]


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    in_text: bool  # linked in the text (solid); False: `related:` only (dashed)


def _n(value: float) -> str:
    """Coordinates with at most one decimal, so output does not depend on float noise."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _arc_reach(span: float) -> float:
    """Horizontal offset of an arc's control points; longer arcs bulge further, up to a limit."""
    return min(20 + span / 2, 200)


def render(lanes: tuple[Lane, ...], edges: tuple[Edge, ...], title: str, desc: str, id_prefix: str) -> str:
    """The diagram as one <svg> element (no XML declaration), for embedding in an HTML page.

    `id_prefix` keeps the ids of the <title>, <desc> and arrow marker unique on a page with several
    diagrams.
    """
    lanes = tuple(lane for lane in lanes if lane.boxes)
    if not 1 <= len(lanes) <= 2:
        raise ValueError(f"one or two lanes with boxes can be drawn, got {len(lanes)}")
    where: dict[str, tuple[int, float]] = {}  # box key -> (lane index, y of the middle of the box)
    for li, lane in enumerate(lanes):
        for row, box in enumerate(lane.boxes):
            if box.key in where:
                raise ValueError(f"box {box.key!r} appears twice")
            where[box.key] = (li, HEAD + row * ROW + BOX_H / 2)
    for edge in edges:
        for end in (edge.source, edge.target):
            if end not in where:
                raise ValueError(f"edge end {end!r} is not a box")
    edges = tuple(e for e in edges if e.source != e.target)

    width = max(math.ceil(24 + CHAR_W * len(b.label)) for lane in lanes for b in lane.boxes)
    width = max(width, 128)

    # arcs of a lane bulge on its outer side; the margin there is as wide as the widest arc
    reach = [0, 0]
    for e in edges:
        if where[e.source][0] == where[e.target][0]:
            lane = where[e.source][0]
            span = abs((where[e.target][1] + PORT) - (where[e.source][1] - PORT))
            reach[lane] = max(reach[lane], math.ceil(_arc_reach(span) * 0.75))  # a cubic gets 3/4 of the way
    xs = [PAD + reach[0], PAD + reach[0] + width + GAP]  # left edge of each lane's boxes
    total_w = xs[len(lanes) - 1] + width + PAD + (reach[1] if len(lanes) == 2 else 0)
    total_h = HEAD + (max(len(lane.boxes) for lane in lanes) - 1) * ROW + BOX_H + PAD

    ids = {k: f"{id_prefix}-{k}" for k in ("title", "desc", "arrow")}
    # role="group", not "img" (module_graph.svg): an image's content is hidden from screen readers, and the
    # boxes are links.
    boxes = [
        {
            "href": box.href,
            "tooltip": box.tooltip,
            "label": box.label,
            "x": xs[li],
            "y": _n(where[box.key][1] - BOX_H / 2),
            "width": width,
            "height": BOX_H,
            "text_x": _n(xs[li] + width / 2),
            "text_y": _n(where[box.key][1] - BOX_H / 2 + BOX_H / 2),
        }
        for li, lane in enumerate(lanes)
        for box in lane.boxes
    ]
    return templates.render(
        "module_graph.svg",
        width=total_w,
        height=total_h,
        ids=ids,
        title=title,
        desc=desc,
        font=FONT,
        colours=COLOURS,
        lanes=[{"x": _n(xs[li] + width / 2), "y": HEAD - 14, "name": lane.name} for li, lane in enumerate(lanes)],
        edges=[_edge(e, where, xs, width) for e in edges],
        boxes=boxes,
    )


def _edge(e: Edge, where: dict[str, tuple[int, float]], xs: list[int], width: int) -> dict:
    """The path of one reference: its kind (`text` solid, `related` dashed) and its `d`."""
    (ls, ys), (lt, yt) = where[e.source], where[e.target]
    if ls == lt:
        side = -1 if ls == 0 else 1  # outer side of the lane
        x = xs[ls] if ls == 0 else xs[ls] + width
        y1, y2 = ys - PORT, yt + PORT
        c = x + side * _arc_reach(abs(y2 - y1))
        d = f"M{_n(x)},{_n(y1)} C{_n(c)},{_n(y1)} {_n(c)},{_n(y2)} {_n(x)},{_n(y2)}"
    else:
        port = -PORT if ls < lt else PORT  # left-to-right upper, right-to-left lower: parallel, never crossing
        x1 = xs[ls] + width if ls < lt else xs[ls]
        x2 = xs[lt] if ls < lt else xs[lt] + width
        y1, y2 = ys + port, yt + port
        mid = (x1 + x2) / 2
        d = f"M{_n(x1)},{_n(y1)} C{_n(mid)},{_n(y1)} {_n(mid)},{_n(y2)} {_n(x2)},{_n(y2)}"
    return {"kind": "text" if e.in_text else "related", "d": d, "dashed": not e.in_text}
