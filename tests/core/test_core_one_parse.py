"""The body is read by the site's own Markdown parse: headings, requirement paragraphs, markers and running
text are what the page shows, with exact source positions."""

from __future__ import annotations

import pytest

from isacs.core.markdown_parse import scan_body


def scan(body: str, first_line: int = 10):
    problems: list = []
    return scan_body(body, "m.md", first_line, problems), problems


def test_a_setext_heading_is_a_heading_spanning_its_underline():
    scanned, problems = scan("Scope\n=====\n\nText.\n\nMarking\n-------\n\nMore text.\n")
    assert [(h.level, h.title, h.location.line, h.span) for h in scanned.headings] == [
        (1, "Scope", 10, 2),
        (2, "Marking", 15, 2),
    ]
    assert problems == []


def test_headings_and_markers_in_fenced_code_or_code_spans_are_text():
    body = "## Real {: .annex }\n\n```markdown\n## Not a heading\nText.\n{: #r009 }\n```\n\nUse `{: #r008 }` in code.\n"
    scanned, problems = scan(body)
    assert [(h.title, h.kind) for h in scanned.headings] == [("Real", "annex")]
    assert scanned.requirements == () and problems == []


def test_a_requirement_paragraph_keeps_its_markdown_and_gets_the_text_a_reader_sees():
    body = "Each *State* shall keep `records` \\[for] [twenty\nyears](term:retention) &amp; more.\n{: #r001 }\n"
    scanned, problems = scan(body)
    (req,) = scanned.requirements
    assert req.id == "r001" and req.location.line == 10 and problems == []
    assert req.markdown == "Each *State* shall keep `records` \\[for] [twenty\nyears](term:retention) &amp; more."
    assert req.plain == "Each State shall keep records [for] twenty years & more."


@pytest.mark.parametrize(
    "body, line, col",
    [
        ("- An item that shall be done.\n  {: #r001 }\n", 11, 1),  # attr_list puts it on the list item
        ("> Quoted text that shall apply.\n> {: #r002 }\n", 11, 1),
    ],
)
def test_a_requirement_marker_inside_a_container_is_one_error_on_its_paragraph(body, line, col):
    scanned, problems = scan(body)
    assert scanned.requirements == ()
    assert [(p.code, p.location.line) for p in problems] == [("E016", 10)], problems


def test_a_marker_on_the_text_line_is_reported_at_its_column():
    scanned, problems = scan("Intro.\n\nEach State {: #r003 } shall act.\n")
    assert [(p.code, p.location.line, p.location.col) for p in problems] == [("E016", 12, 12)]
    assert scanned.misplaced == ("r003",)


def test_running_text_keeps_positions_and_blanks_req_links():
    body = "- Item one\n  - States shall see [the rule\n    on marks](req:#r002) now.\n"
    scanned, _ = scan(body, first_line=1)
    nested = [block for block in scanned.prose if "States" in block[0].text]
    (block,) = nested
    # The req: link (another requirement's words) is blanked; what is left keeps its file line and column.
    assert [(line.line, line.column, line.text) for line in block] == [
        (2, 5, "States shall see          "),
        (3, 26, "now."),
    ]
    (link,) = scanned.links
    assert (link.kind, link.target, link.text, link.location.line, link.location.col) == (
        "req",
        "#r002",
        "the rule on marks",
        2,
        22,
    )


def test_a_list_right_after_a_marker_line_is_a_list_and_the_requirement_stays():
    """GitHub starts a list under the marker line without a blank line; so does the site, and so the checker."""
    scanned, problems = scan("Each State shall keep records.\n{: #r001 }\n- first point\n- second point\n")
    assert [req.id for req in scanned.requirements] == ["r001"] and problems == []
    assert [[line.text for line in block] for block in scanned.prose] == [["first point"], ["second point"]]


def test_what_a_requirement_reads_leaves_out_link_targets_and_code_at_the_same_offsets():
    """The wording lints read this: `shall` in a link target or a code span is not the requirement's word."""
    scanned, _ = scan("Each State [shall\nmark](term:shall-mark) `may` items [x][ref].\n{: #r001 }\n\n[ref]: term:x\n")
    (req,) = scanned.requirements
    assert len(req.reading) == len(req.markdown)
    expected = req.markdown
    for hidden in ("(term:shall-mark)", "`may`", "[ref]"):
        expected = expected.replace(hidden, " " * len(hidden))
    assert req.reading == expected


def test_control_characters_python_markdown_drops_do_not_shift_later_positions():
    """Python-Markdown removes STX/ETX before parsing; the positions are found in the same text."""
    scanned, _ = scan("Intro \x02 text\x03.\n\nSee [x](term:ghost) here.\n", first_line=1)
    (link,) = scanned.links
    assert (link.location.line, link.location.col) == (3, 5)
    assert [(line.line, line.column) for block in scanned.prose for line in block][0] == (1, 1)
