"""The XLSX checklists print whole: opened in LibreOffice and printed (converted to PDF), every
requirement's text, clause heading, actors and references and every column heading reads in full, in
every language, and so does each sheet's title. A row left one line high (no explicit height: neither
LibreOffice nor Excel fits a row to wrapped text when it opens a file) cuts them after a line.

How it reads the PDF back: pdftotext's word boxes locate each column from its heading (the heading's
first word starts the column: at its left in a left-to-right sheet, its right in Arabic), then pdftotext
reads that column alone (cropped), page by page, in logical order. Every cell of the column must appear
in it, whole and in row order, whitespace aside (a wrapped line breaks anywhere). Skipped only when
LibreOffice or pdftotext is absent (scripts/system-packages.txt installs both, so CI runs it)."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from checklist_testkit import BIDI_CONTROLS, EPOCH, MINI, SOFFICE, run_cli, soffice_convert
from isacs.checklists.columns import ASSESSMENT
from isacs.core.languages import LANGUAGES, is_rtl

REPO = MINI.parents[2]
pytestmark = pytest.mark.skipif(
    SOFFICE is None or shutil.which("pdftotext") is None, reason="LibreOffice or pdftotext is not installed"
)

CHECKED = ("id", "clause", "heading", "text", "actors", "refs")  # the columns with text to read whole
XHTML = "{http://www.w3.org/1999/xhtml}"
LAM_ALEF = re.compile("[\u0644\u0622\u0623\u0625\u0627]{2,}")  # lam and alefs: ligatures


def fold(text: str) -> str:
    """Text as compared: its words' letters and digits in order. No whitespace, bidi controls, tatweel
    or combining marks (Arabic harakat), no punctuation (pdftotext joins "case-by-" and "case" at a
    line's end as "case-bycase"; in a right-to-left cell a line's final full stop reads first),
    compatibility forms unfolded (Arabic presentation forms), and a run of lams and alefs sorted
    (pdftotext gives a lam-alef ligature alef first: "الإنشاء" as "اإلنشاء")."""
    text = unicodedata.normalize("NFKC", BIDI_CONTROLS.sub("", text))
    text = "".join(c for c in text if unicodedata.category(c)[0] in "LN")
    return LAM_ALEF.sub(lambda run: "".join(sorted(run[0])), text)


@dataclass
class Sheet:
    title: str
    labels: list[str]  # headings of the columns, in order
    columns: dict[int, list[str]]  # column index (of CHECKED columns) -> its cells' text, in row order
    keys: list[str]  # the rows' requirement ids


def sheets(path: Path) -> list[Sheet]:
    """The module sheets of a workbook, as the test reads them."""
    wb = openpyxl.load_workbook(path)
    found = []
    for ws in wb.worksheets[1:]:
        header = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).style == "ISACS header")
        labels = [ws.cell(row=header, column=c).value for c in range(1, ws.max_column + 1)]
        rows = list(ws.iter_rows(min_row=header + 1, max_row=ws.max_row, values_only=True))
        checked = [i for i, name in enumerate(_column_keys(len(labels))) if name in CHECKED]
        found.append(
            Sheet(
                ws.cell(row=1, column=1).value,
                labels,
                {i: ["" if r[i] is None else str(r[i]) for r in rows] for i in checked},
                [r[0] for r in rows],
            )
        )
    return found


def _column_keys(count: int) -> tuple[str, ...]:
    """The columns of a module sheet with `count` columns (IATG sheets have RRPL)."""
    rrpl = ("rrpl",) if count == 13 else ()
    return ("id", "clause", "heading", "form", *rrpl, "text", "actors", "refs", *ASSESSMENT)


@functools.cache
def words(pdf: Path) -> list[list[tuple[float, float, float, str]]]:
    """Per page, pdftotext's words as (xMin, yMin, xMax, text), in visual order."""
    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in ET.fromstring(xhtml).iter(f"{XHTML}page"):
        pages.append(
            [
                (float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), w.text or "")
                for w in page.iter(f"{XHTML}word")
            ]
        )
    return pages


def _same_word(seen: str, wanted: str) -> bool:
    """A word box's text against a heading's first word: pdftotext gives Arabic words in visual order
    (letters reversed); a CJK heading may wrap inside its word."""
    wanted = fold(wanted)
    return bool(fold(seen)) and (fold(seen) == wanted or fold(seen[::-1]) == wanted or wanted.startswith(fold(seen)))


def _merged(words: list) -> list:
    """A line's word boxes left to right, boxes that touch merged (pdftotext may split an Arabic word
    at a mark: "معرّف" comes as "ف" and "رعم")."""
    merged: list = []
    for x0, y0, x1, text in sorted(words):
        if merged and x0 - merged[-1][2] < 0.5:
            merged[-1] = (merged[-1][0], merged[-1][1], max(x1, merged[-1][2]), merged[-1][3] + text)
        else:
            merged.append((x0, y0, x1, text))
    return merged


def header_edges(page: list, labels: list[str], rtl: bool) -> tuple[float, list[float]] | None:
    """Where the header row is on a page (its top) and where each column starts (the x of its heading's
    first word: left edge in a left-to-right sheet, right edge in a right-to-left one), or None when the
    page holds no header row with these headings."""
    firsts = [label.split()[0] for label in labels]
    for top in sorted({round(w[1]) for w in page}):
        row = _merged([w for w in page if abs(w[1] - top) < 3])
        row.sort(key=lambda w: -w[2] if rtl else w[0])  # in column order
        edges, start = [], 0
        for first in firsts:
            match = next((i for i in range(start, len(row)) if _same_word(row[i][3], first)), None)
            if match is None:
                break
            edges.append(row[match][2] if rtl else row[match][0])
            start = match + 1
        else:
            return min(w[1] for w in row), edges
    return None


def crop(pdf: Path, page: int, x0: float, y0: float, x1: float, y1: float) -> str:
    """The text of a page's rectangle (in points), in pdftotext's reading order."""
    box = [round(v * 10) for v in (x0, y0, x1 - x0, y1 - y0)]  # at 720 dpi: a tenth of a point
    return subprocess.run(
        [
            "pdftotext",
            "-enc",
            "UTF-8",
            "-r",
            "720",
            "-f",
            str(page),
            "-l",
            str(page),
            *(arg for flag, v in zip(("-x", "-y", "-W", "-H"), box) for arg in (flag, str(v))),
            str(pdf),
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def column_texts(pdf: Path, sheet: Sheet, rtl: bool) -> dict[int, str]:
    """Each checked column's text, read alone from every page that holds the sheet's header row (the
    pages of every sheet with the same headings: the cells are found in order)."""
    return _column_texts(pdf, tuple(sheet.labels), tuple(sheet.columns), rtl)


@functools.cache
def _column_texts(pdf: Path, labels: tuple[str, ...], columns: tuple[int, ...], rtl: bool) -> dict[int, str]:
    texts = {i: "" for i in columns}
    for number, page in enumerate(words(pdf), start=1):
        found = header_edges(page, list(labels), rtl)
        if found is None:
            continue
        top, edges = found
        width = max(x for x, *_ in page) + 200  # past the page's last word
        for i in columns:
            # Column i runs from its start to the next column's, less the cells' padding (about 1.4
            # points: a number aligned to a cell's far side ends there).
            if rtl:
                left, right = (edges[i + 1] if i + 1 < len(edges) else 0) + 0.7, edges[i] + 0.7
            else:
                left, right = edges[i] - 0.7, (edges[i + 1] if i + 1 < len(edges) else width) - 0.7
            texts[i] += crop(pdf, number, left, top - 2, right, 2000)
    return texts


def find_cell(lines: list[str], cell: str, start: int) -> int | None:
    """Where a cell's text ends in a column's folded lines, searching from line `start`: the first run
    of lines each of which is a piece of the cell and which together hold exactly the cell's letters
    (in a cell with Arabic, pdftotext may read part of a line, split at a vowel mark, before the rest:
    the pieces are the cell's, their order may differ). None when no run is: the cell is cut."""
    wanted = Counter(cell)
    for first in range(start, len(lines)):
        held: Counter = Counter()
        for last in range(first, len(lines)):
            if lines[last] not in cell:
                break
            held += Counter(lines[last])
            if held == wanted:
                return last + 1
            if not held <= wanted:
                break
    return None


def cut_cells(pdf: Path, module_sheets: list[Sheet], rtl: bool) -> list[str]:
    """The cells of a workbook's module sheets that the PDF does not show whole: each sheet's headings
    and its rows' cells, each found in its column's text after the one before it (sheets with the
    same headings share a text: their cells are found in sheet order)."""
    cut, positions = [], {}
    for sheet in module_sheets:
        for i, text in column_texts(pdf, sheet, rtl).items():
            lines = [line for line in map(fold, text.splitlines()) if line]
            for key, cell in [("heading", sheet.labels[i]), *zip(sheet.keys, sheet.columns[i])]:
                if not fold(cell):
                    continue  # an empty cell (no references)
                end = find_cell(lines, fold(cell), positions.get((tuple(sheet.labels), i), 0))
                if end is None:
                    cut.append(f"{sheet.title} {key} {sheet.labels[i]!r}: {cell!r}")
                else:
                    positions[tuple(sheet.labels), i] = end
    return cut


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """The sample corpus's checklist (every module) in every language, as XLSX and printed to PDF by
    LibreOffice: {language: (xlsx, pdf)}."""
    root = tmp_path_factory.mktemp("corpus")
    for part in ("modules", "glossary"):
        shutil.copytree(REPO / part, root / part)
    if (REPO / "lint-exceptions.yaml").exists():
        shutil.copy(REPO / "lint-exceptions.yaml", root)
    out = tmp_path_factory.mktemp("xlsx")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        for lang in LANGUAGES:
            code, _, err = run_cli("--root", str(root), "--lang", lang, "-o", str(out / f"checklist-{lang}.xlsx"))
            assert code == 0, err
    pdfs = tmp_path_factory.mktemp("pdf")
    profile = tmp_path_factory.mktemp("profile")
    result = soffice_convert("pdf", pdfs, profile, *(out / f"checklist-{lang}.xlsx" for lang in LANGUAGES))
    assert result.returncode == 0, result.stderr
    return {lang: (out / f"checklist-{lang}.xlsx", pdfs / f"checklist-{lang}.pdf") for lang in LANGUAGES}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_requirement_prints_whole_in_libreoffice(printed, lang):
    xlsx, pdf = printed[lang]
    assert pdf.exists()
    module_sheets = sheets(xlsx)
    assert sum(len(s.keys) for s in module_sheets) > 100  # the whole sample corpus, long texts included
    cut = cut_cells(pdf, module_sheets, is_rtl(lang))
    assert cut == [], f"{len(cut)} cells cut in the printed {lang} checklist:\n" + "\n".join(cut)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_titles_and_stamps_print_whole(printed, lang):
    # Each sheet's title and stamp lines print as lines of their own, whole. A right-to-left sheet's
    # title used to run off the sheet's edge from column A ("ISACS 05.30 —" without the title).
    xlsx, pdf = printed[lang]
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    printed_lines = {frozenset(Counter(fold(line)).items()) for line in text.splitlines()}
    wb = openpyxl.load_workbook(xlsx)
    wanted = []
    for ws in wb.worksheets:
        header = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).style == "ISACS header")
        wanted += [ws.cell(row=r, column=1).value for r in range(1, header - 1)]
    assert len(wanted) > 20
    assert [line for line in wanted if frozenset(Counter(fold(line)).items()) not in printed_lines] == []


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_rows_have_heights_and_print_setup(printed, lang):
    wb = openpyxl.load_workbook(printed[lang][0])
    for ws in wb.worksheets:
        header = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).style == "ISACS header")
        heights = [ws.row_dimensions[r].height for r in range(header, ws.max_row + 1)]
        if ws is wb.worksheets[0]:
            heights = heights[:-1]  # the total row: numbers, one line
        assert all(h and h >= 15 for h in heights), (ws.title, heights)
        assert ws.print_title_rows.replace("$", "") == f"{header}:{header}"  # the header repeats on every page
        assert (ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == ("landscape", 1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
