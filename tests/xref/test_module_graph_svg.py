"""The module reference diagram as inline SVG (render/module_graph_svg.py and its use on the modules page).

Regenerate the golden SVGs after an intended layout change with --update-goldens, then look at them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from goldens import assert_matches_golden
from isacs.render import module_graph_svg as g
from isacs.render import xref_pages
from isacs.xref import tables

NS = "{http://www.w3.org/2000/svg}"

# Arcs in both lanes (both directions between one pair), edges across the lanes both ways, dashed edges.
LANES = (
    g.Lane(
        "ISACS",
        (
            g.Box("a", "ISACS 01.10", "First", "../../isacs/01.10/"),
            g.Box("b", "ISACS 02.20", "Second", "../../isacs/02.20/"),
            g.Box("c", "ISACS 03.30", "Third", "../../isacs/03.30/"),
        ),
    ),
    g.Lane(
        "IATG",
        (
            g.Box("x", "IATG 06.10", "Storage", "../../iatg/06.10/"),
            g.Box("y", "IATG 10.10", "Destruction", "../../iatg/10.10/"),
        ),
    ),
)
EDGES = (
    g.Edge("a", "b", True),
    g.Edge("b", "a", True),
    g.Edge("a", "c", False),
    g.Edge("c", "x", True),
    g.Edge("x", "c", False),
    g.Edge("x", "y", False),
)


def render(lanes=LANES, edges=EDGES) -> str:
    return g.render(lanes, edges, "Module references: ISACS", "Six references.", "graph-test")


def svg_of_page(page: str, series: str) -> str:
    match = re.search(rf'<svg [^>]*aria-labelledby="module-graph-{series}-title.*?</svg>', page, re.S)
    assert match, f"no diagram for {series}"
    return match.group(0)


def test_layout_matches_golden(golden):
    assert_matches_golden(render() + "\n", golden / "module-graph-layout.svg")


def test_mini_modules_page_diagram_matches_golden(mini, golden):
    page = xref_pages.modules_page(mini, "en")
    assert_matches_golden(svg_of_page(page, "isacs") + "\n", golden / "module-graph-mini-isacs.en.svg")


def test_output_is_deterministic_and_well_formed():
    assert render() == render()
    root = ET.fromstring(render())
    assert root.tag == NS + "svg"
    assert root.get("role") == "group" and root.get("dir") == "ltr"  # "img" would hide the links inside
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    title, desc = root.find(NS + "title"), root.find(NS + "desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert (title.text, desc.text) == ("Module references: ISACS", "Six references.")
    # nothing fetched when the page is read
    assert not list(root.iter(NS + "script")) and not list(root.iter(NS + "image"))
    assert "http" not in render().replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_each_box_is_a_link_with_its_title_and_label():
    root = ET.fromstring(render())
    boxes = {a.get("href"): (a.find(NS + "title").text, a.find(NS + "text").text) for a in root.iter(NS + "a")}
    assert boxes == {box.href: (box.tooltip, box.label) for lane in LANES for box in lane.boxes}


def test_solid_and_dashed_edges_with_arrowheads():
    root = ET.fromstring(render())
    paths = [p for p in root.iter(NS + "path") if p.get("class", "").startswith("isacs-graph-")]
    marker = root.find(f"{NS}defs/{NS}marker").get("id")
    assert len(paths) == len(EDGES)
    assert all(p.get("marker-end") == f"url(#{marker})" for p in paths)
    dashed = [p for p in paths if p.get("stroke-dasharray")]
    assert [p.get("class") for p in dashed] == ["isacs-graph-related"] * 3
    assert sum(1 for p in paths if p.get("class") == "isacs-graph-text" and not p.get("stroke-dasharray")) == 3


def test_the_two_directions_between_two_boxes_do_not_coincide():
    root = ET.fromstring(render())
    d = [p.get("d") for p in root.iter(NS + "path") if p.get("class", "").startswith("isacs-graph-")]
    assert len(set(d)) == len(d)


def test_text_from_sources_is_escaped():
    hostile = '<script>alert("x")</script> & ]]>'
    lanes = (
        g.Lane(
            "ISACS & <b>",
            (g.Box("a", "ISACS <05>", hostile, '../x/?a=1&b="2"'), g.Box("b", "ISACS 'q'", "Fine", "../y/")),
        ),
    )
    text = g.render(lanes, (g.Edge("a", "b", True),), 'Title "<i>"', "Desc & <desc>", "graph-esc")
    assert "<script" not in text and "<b>" not in text and "<i>" not in text and "<05>" not in text
    root = ET.fromstring(text)  # still well-formed: everything was escaped
    first = next(root.iter(NS + "a"))
    assert first.get("href") == '../x/?a=1&b="2"'
    assert first.find(NS + "title").text == hostile
    assert first.find(NS + "text").text == "ISACS <05>"
    assert root.find(NS + "title").text == 'Title "<i>"' and root.find(NS + "desc").text == "Desc & <desc>"
    assert [t.text for t in root.iter(NS + "text")][0] == "ISACS & <b>"


def test_boxes_are_wide_enough_for_long_labels():
    lanes = (g.Lane("ISACS", (g.Box("a", "ISACS 05.30-supplement", "t", "../a/"),)),)
    rect = ET.fromstring(g.render(lanes, (), "t", "d", "p")).find(f"{NS}a/{NS}rect")
    assert int(rect.get("width")) >= g.CHAR_W * len("ISACS 05.30-supplement")


@pytest.mark.parametrize(
    "lanes, edges, message",
    [
        (LANES, (g.Edge("a", "zz", True),), "edge end 'zz'"),
        (LANES + (g.Lane("Other", (g.Box("o", "O 1", "o", "../o/"),)),), (), "one or two lanes"),
        ((g.Lane("ISACS", ()),), (), "one or two lanes"),
        ((g.Lane("A", (g.Box("a", "A", "a", "../a/"),)), g.Lane("B", (g.Box("a", "A", "a", "../a/"),))), (), "twice"),
    ],
)
def test_inconsistent_input_is_refused(lanes, edges, message):
    with pytest.raises(ValueError, match=message):
        g.render(lanes, edges, "t", "d", "p")


def test_modules_page_has_one_translated_diagram_per_series(mini):
    for lang in ("en", "fr", "ar"):
        page = xref_pages.modules_page(mini, lang)
        assert "```mermaid" not in page
        assert page.count('<div class="isacs-graph" data-pagefind-ignore>') == 2
        # a raw HTML block: blank line before the div and after its end
        assert page.count('\n\n<div class="isacs-graph"') == 2 and page.count("</svg>\n</div>\n\n") == 2
    root = ET.fromstring(svg_of_page(xref_pages.modules_page(mini, "fr"), "iatg"))
    assert root.find(NS + "title").text == "Renvois entre modules : IATG"
    assert "flèches en tirets" in root.find(NS + "desc").text
    boxes = {a.get("href"): a.find(NS + "title").text for a in root.iter(NS + "a")}
    assert boxes == {"../../isacs/05.30/": "Fixture de marquage", "../../iatg/06.10/": "Storage fixture"}


def test_diagram_edges_follow_the_relations_table(mini):
    relations = tables.module_relations(mini)
    root = ET.fromstring(svg_of_page(xref_pages.modules_page(mini, "en"), "isacs"))
    kinds = sorted(p.get("class") for p in root.iter(NS + "path") if p.get("class", "").startswith("isacs-graph-"))
    expected = sorted(
        "isacs-graph-text" if r.module_links or r.requirement_links else "isacs-graph-related" for r in relations
    )
    assert kinds == expected


@pytest.mark.parametrize(
    "source, target, url",
    [
        ("xref/modules/index.md", "isacs/05.30/index.md", "../../isacs/05.30/"),
        ("index.md", "isacs/05.30/index.md", "isacs/05.30/"),
        ("xref/modules/index.md", "xref/index.md", "../"),
        ("glossary/index.md", "about.md", "../about/"),
    ],
)
def test_page_url_is_the_directory_url(source, target, url):
    assert xref_pages.page_url(source, target) == url


def test_everything_is_drawn_inside_the_view_box():
    root = ET.fromstring(render())
    width, height = int(root.get("width")), int(root.get("height"))
    for rect in root.iter(NS + "rect"):
        x, y, w, h = (float(rect.get(k)) for k in ("x", "y", "width", "height"))
        assert 0 <= x and x + w <= width and 0 <= y and y + h <= height
    for path in root.iter(NS + "path"):
        if path.get("class", "").startswith("isacs-graph-"):
            x0, y0, c1, _, c2, _, x3, y3 = (float(v) for v in re.findall(r"-?[\d.]+", path.get("d")))
            # the curve's horizontal extreme, for the symmetric control points the layout uses
            assert c1 == c2 and 0 <= 0.25 * x0 + 0.75 * c1 <= width and 0 <= 0.25 * x3 + 0.75 * c2 <= width
            assert 0 <= min(y0, y3) and max(y0, y3) <= height
