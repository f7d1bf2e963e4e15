"""XLSX checklist: a summary sheet with live counts per status, then one sheet per module.

The status drop-downs and the summary's COUNTIF criteria read the same cells (the summary's status
headings), so a translated label can never drift between the two. Only features both Excel and
LibreOffice understand are used: list validation from a cell range, COUNTIF/COUNTA/SUM/IF.

Only the workbook's own formulas (the summary's counts) are formulas: every other cell goes through
`put`, which stores text as text. openpyxl would otherwise store a requirement text such as
"=HYPERLINK(...)" as a live formula; such a cell also gets Excel's quote prefix, so editing it keeps
it text.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import re
import unicodedata
import zipfile
from functools import lru_cache

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.writer.excel import ExcelWriter

from ..core.languages import is_rtl
from ..i18n.strings import t
from .columns import heading, module_columns, row_values, stamp_lines, starts_formula
from .rows import STATUSES, Checklist, ModuleChecklist, status_label

WIDTHS = {
    "id": 9,
    "clause": 8,
    "heading": 24,
    "form": 13,
    "rrpl": 6,
    "text": 64,
    "actors": 22,
    "refs": 18,
    "status": 22,
    "evidence": 30,
    "notes": 30,
    "owner": 16,
}
HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
THIN = Side(style="thin", color="9AA5B1")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

# Summary layout: stamp lines, a blank row, the header row, one row per module, a total row.
SUMMARY_COLUMNS = ("module", "title", "edition", "version", "count", *STATUSES, "not-assessed", "share")
SUMMARY_WIDTHS = (14, 40, 10, 10, 14, 16, 16, 16, 16, 14, 14)

# Row heights. Neither LibreOffice nor Excel fits a row to its wrapped text when it opens a file: a row
# without a height stays one line high and the rest of a requirement is cut, on screen and in print. So
# every row gets an explicit height from an estimate of its wrapped lines, made the way a spreadsheet
# wraps: words fill a line of the column's width (in the width unit, the default font's digit), a
# CJK or full-width character counts two (unicodedata.east_asian_width W or F; it may break anywhere),
# Arabic, Cyrillic and Latin one, combining marks and format controls nothing, and a word longer than
# the line breaks inside. Margins cover the faces a reader may really get: a character of prose is
# about 0.8 of a digit in Calibri and in the faces LibreOffice sets without it (Carlito, Noto Serif),
# counted 1; an 11 pt ideograph is 2.1 digits in Excel, counted 2.2; Arabic and CJK lines run taller.
FONT_POINTS = 11.0  # openpyxl's default font (Calibri 11), which every cell but the title uses
LINE_POINTS = 15.0  # one line of it: Excel's default row height
TALL_LINE_POINTS = 18.0  # one line holding Arabic or CJK (Noto Naskh Arabic, Noto Sans CJK run taller)
ROW_PADDING_POINTS = 4.0  # cell padding above and below the text
CELL_PADDING = 1.0  # of a column's width, the cell's left and right padding (in digit widths)
NARROW_UNITS = 1.0  # width of a character of display width 1, in digits of the default font (with margin)
WIDE_UNITS = 2.2  # width of a CJK or full-width character (display width 2), in digits (with margin)
BOLD_MARGIN = 1.1  # bold is wider still
MAX_ROW_POINTS = 409.0  # the tallest row Excel keeps


@lru_cache(maxsize=1 << 14)  # called for every character of every text; texts use a few thousand
def char_width(char: str) -> int:
    """Display width of one character: 2 for CJK and full-width, 0 for marks and controls, else 1."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf", "Cc"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _units(text: str) -> float:
    """Estimated width in digits of the default font, with the margins."""
    return sum(WIDE_UNITS if w == 2 else NARROW_UNITS * w for w in map(char_width, text))


# The characters that may run tall: every one from U+0600 on, and the few below it Python's tables count wide.
# Latin and Cyrillic texts are cleared by one regular-expression scan, without a look at each character.
_MAYBE_TALL = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in range(0x600) if char_width(chr(c)) == 2) + "\u0600-\U0010ffff]"
)


@lru_cache(maxsize=1 << 14)
def _tall_char(char: str) -> bool:
    return (
        char_width(char) == 2
        or "\u0600" <= char <= "\u08ff"
        or "\ufb50" <= char <= "\ufdff"
        or "\ufe70" <= char <= "\ufefe"
    )


def _tall(text: str) -> bool:
    """Whether the text holds a script whose faces run taller than Latin (Arabic, CJK)."""
    return any(_tall_char(match.group()) for match in _MAYBE_TALL.finditer(text))


def _pieces(word: str) -> list[str]:
    """A space-free word as the pieces a line may break between: each wide (CJK) character on its own,
    runs of other characters whole. A CJK line may break between any two characters."""
    pieces: list[str] = []
    for char in word:
        if char_width(char) == 2 or not pieces or char_width(pieces[-1][-1]) == 2:
            pieces.append(char)
        else:
            pieces[-1] += char
    return pieces


@lru_cache(maxsize=1 << 16)  # a checklist repeats its words: each is measured once
def _piece_units(word: str) -> tuple[float, ...]:
    """The width of each of a word's pieces (_pieces), in digits."""
    return tuple(_units(piece) for piece in _pieces(word))


def wrapped_lines(text: str, width: float, scale: float = 1.0) -> int:
    """Lines `text` takes in a wrapping cell of column `width` (Excel's width unit), in a font `scale`
    times as wide as the default (a larger size, bold)."""
    capacity = max(width - CELL_PADDING, 1.0) / scale
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split():
            for index, size in enumerate(_piece_units(word)):
                space = 1 if index == 0 and used else 0
                if used + space + size <= capacity:
                    used += space + size
                    continue
                if used:  # the piece starts the next line
                    lines += 1
                while size > capacity:  # longer than a line: broken inside
                    lines += 1
                    size -= capacity
                used = size
    return lines


def row_height(cells: list[tuple[object, float]], points: float = FONT_POINTS, bold: bool = False) -> float:
    """Height in points of a row of wrapping cells, given as (value, column width): its tallest cell."""
    scale = points / FONT_POINTS * (BOLD_MARGIN if bold else 1.0)
    texts = [(str(value), width) for value, width in cells if value not in (None, "")]
    lines = max((wrapped_lines(text, width, scale) for text, width in texts), default=1)
    line = (TALL_LINE_POINTS if any(_tall(text) for text, _ in texts) else LINE_POINTS) * points / FONT_POINTS
    return min(MAX_ROW_POINTS, round((lines * line + ROW_PADDING_POINTS) * 4) / 4)


def column_width(base: float, label: str) -> float:
    """A column's width: its base, or more where a word of its (bold) heading would not fit a line, so
    that the heading wraps between words, never inside one ("Identificador", "Идентификатор")."""
    longest = max((_units(piece) for word in label.split() for piece in _pieces(word)), default=0)
    return max(base, round(longest * BOLD_MARGIN + CELL_PADDING + 0.5))


def sheet_name(module: ModuleChecklist) -> str:
    return module.label[:31]  # "ISACS 05.30"; Excel allows 31 characters and no / \ ? * [ ]


def _align(lang: str, wrap: bool = True) -> Alignment:
    return Alignment(wrap_text=wrap, vertical="top", readingOrder=2 if is_rtl(lang) else 1)


# Cell styles, registered once per workbook: assigning a named style is far cheaper in openpyxl than a
# font, border and alignment per cell (half the time of a workbook).
HEADER_STYLE, CELL_STYLE, TITLE_STYLE, STAMP_STYLE = "ISACS header", "ISACS cell", "ISACS title", "ISACS stamp"
SUMMARY_STYLE, TOTAL_STYLE = "ISACS summary", "ISACS total"
TITLE_POINTS = 14.0


def _add_styles(wb: Workbook, lang: str) -> None:
    for style in (
        NamedStyle(HEADER_STYLE, font=Font(bold=True), fill=HEADER_FILL, border=BORDER, alignment=_align(lang)),
        NamedStyle(CELL_STYLE, border=BORDER, alignment=_align(lang)),
        NamedStyle(TITLE_STYLE, font=Font(bold=True, size=TITLE_POINTS), alignment=_align(lang)),
        NamedStyle(STAMP_STYLE, font=Font(italic=True, color="44505C"), alignment=_align(lang)),
        NamedStyle(SUMMARY_STYLE, border=BORDER, alignment=_align(lang)),
        NamedStyle(TOTAL_STYLE, font=Font(bold=True), border=BORDER, alignment=_align(lang, wrap=False)),
    ):
        wb.add_named_style(style)


def _print_setup(ws, header_row: int, lang: str) -> None:
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.sheet_view.rightToLeft = is_rtl(lang)


def put(ws, row: int, column: int, value, style: str | None = None):
    """Write a value that is data, never a formula (text from the sources, labels, numbers)."""
    cell = ws.cell(row=row, column=column, value=value)
    if style is not None:
        cell.style = style
    if isinstance(value, str) and cell.data_type == "f":  # openpyxl reads a leading "=" as a formula
        cell.data_type = "s"
    if starts_formula(value):
        cell.quotePrefix = True  # Excel and LibreOffice keep it text when it is edited
    return cell


def _stamp_rows(ws, lines: list[str], title: str, widths: list[float]) -> int:
    """Title and stamp lines from row 1, each across the table's width (merged: in a right-to-left sheet
    a line overflowing column A would run off the sheet's edge), wrapped; returns the header row (after
    one blank row)."""
    last = get_column_letter(len(widths))
    for row, (text, style, points) in enumerate(
        [(title, TITLE_STYLE, TITLE_POINTS), *((line, STAMP_STYLE, FONT_POINTS) for line in lines)], start=1
    ):
        put(ws, row, 1, text, style)
        ws.merge_cells(f"A{row}:{last}{row}")
        ws.row_dimensions[row].height = row_height([(text, sum(widths))], points, bold=style == TITLE_STYLE)
    return len(lines) + 3


def _set_widths(ws, widths: list[float]) -> None:
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width


def _header(ws, row: int, labels: list[str], widths: list[float]) -> None:
    for col, label in enumerate(labels, start=1):
        put(ws, row, col, label, HEADER_STYLE)
    ws.row_dimensions[row].height = row_height(list(zip(labels, widths)), bold=True)


def module_sheet(
    wb: Workbook, checklist: Checklist, module: ModuleChecklist, status_range: str
) -> tuple[str, int, int, int]:
    """Write one module's sheet; returns (sheet name, status column, first and last data rows)."""
    lang = checklist.lang
    ws = wb.create_sheet(sheet_name(module))
    columns = module_columns(module)
    labels = [heading(lang, c) for c in columns]
    widths = [column_width(WIDTHS[c], label) for c, label in zip(columns, labels)]
    _set_widths(ws, widths)
    header_row = _stamp_rows(ws, stamp_lines(checklist, module), f"{module.label} — {module.title}", widths)
    _header(ws, header_row, labels, widths)
    first = header_row + 1
    for r, row in enumerate(module.rows, start=first):
        values = row_values(checklist, module, row, columns)
        for c, cell_value in enumerate(values, start=1):
            put(ws, r, c, cell_value, CELL_STYLE)
        ws.row_dimensions[r].height = row_height(list(zip(values, widths)))
    last = first + len(module.rows) - 1
    status_col = columns.index("status") + 1
    letter = get_column_letter(status_col)
    validation = DataValidation(
        type="list",
        formula1=status_range,
        allow_blank=True,
        showDropDown=False,
        showErrorMessage=True,
        errorTitle=heading(lang, "status"),
        error=", ".join(status_label(lang, s) for s in STATUSES),
    )
    validation.add(f"{letter}{first}:{letter}{last}")
    ws.add_data_validation(validation)
    _print_setup(ws, header_row, lang)
    return ws.title, status_col, first, last


def summary_sheet(wb: Workbook, checklist: Checklist) -> tuple[object, int]:
    lang = checklist.lang
    ws = wb.active
    ws.title = t(lang, "cl_summary")[:31]
    labels = [
        t(lang, "cl_col_module"),
        t(lang, "col_title"),
        t(lang, "col_edition"),
        t(lang, "col_version"),
        t(lang, "cl_col_count"),
        *(status_label(lang, s) for s in STATUSES),
        t(lang, "cl_not_assessed"),
        t(lang, "cl_assessed_share"),
    ]
    widths = [column_width(base, label) for base, label in zip(SUMMARY_WIDTHS, labels)]
    _set_widths(ws, widths)
    header_row = _stamp_rows(ws, stamp_lines(checklist), f"{t(lang, 'cl_checklist')} — {checklist.title}", widths)
    _header(ws, header_row, labels, widths)
    _print_setup(ws, header_row, lang)
    return ws, header_row


def _summary_row(
    ws, r: int, header_row: int, module: ModuleChecklist, sheet: str, status_col: int, first: int, last: int, lang: str
) -> None:
    ref = quote_sheetname(sheet)
    ids = f"{ref}!$A${first}:$A${last}"
    statuses = f"{ref}!${get_column_letter(status_col)}${first}:${get_column_letter(status_col)}${last}"
    texts = [module.label, module.title, module.edition, module.version]
    for c, cell_value in enumerate(texts, start=1):
        put(ws, r, c, cell_value, SUMMARY_STYLE)  # data from the sources: text, whatever it starts with
    ws.row_dimensions[r].height = row_height(
        [(text, ws.column_dimensions[get_column_letter(c)].width) for c, text in enumerate(texts, start=1)]
    )
    formulas = [f"=COUNTA({ids})"]
    for i in range(len(STATUSES)):
        criterion = f"{get_column_letter(6 + i)}${header_row}"
        formulas.append(f"=COUNTIF({statuses},{criterion})")
    formulas += [f"=E{r}-SUM(F{r}:I{r})", f"=IF(E{r}=0,0,(E{r}-J{r})/E{r})"]
    for c, formula in enumerate(formulas, start=5):  # the workbook's own formulas: live counts
        ws.cell(row=r, column=c, value=formula).style = SUMMARY_STYLE
    ws.cell(row=r, column=11).number_format = "0%"


def _total_row(ws, r: int, first: int, lang: str) -> None:
    put(ws, r, 1, t(lang, "cl_total"))
    for c in range(5, 11):
        letter = get_column_letter(c)
        ws.cell(row=r, column=c, value=f"=SUM({letter}{first}:{letter}{r - 1})")
    ws.cell(row=r, column=11, value=f"=IF(E{r}=0,0,(E{r}-J{r})/E{r})")
    for c in range(1, 12):
        ws.cell(row=r, column=c).style = TOTAL_STYLE
    ws.cell(row=r, column=11).number_format = "0%"


def build_workbook(checklist: Checklist) -> Workbook:
    wb = Workbook()
    _add_styles(wb, checklist.lang)
    summary, header_row = summary_sheet(wb, checklist)
    # The drop-down lists the summary's status headings (F..I of its header row).
    status_range = f"{quote_sheetname(summary.title)}!$F${header_row}:$I${header_row}"
    r = header_row + 1
    for module in checklist.modules:
        sheet, status_col, first, last = module_sheet(wb, checklist, module, status_range)
        _summary_row(summary, r, header_row, module, sheet, status_col, first, last, checklist.lang)
        r += 1
    _total_row(summary, r, header_row + 1, checklist.lang)
    props = wb.properties
    props.title = f"{t(checklist.lang, 'cl_checklist')} — {checklist.title}"
    props.creator = props.lastModifiedBy = checklist.stamp.tool
    props.language = checklist.lang
    props.identifier = checklist.stamp.commit
    props.description = " · ".join(stamp_lines(checklist))
    props.created = props.modified = _dt.datetime.combine(checklist.stamp.generated, _dt.time())
    return wb


class _DatedZip(zipfile.ZipFile):
    """A zip archive whose every entry is dated `when`: identical inputs give identical bytes (the site's
    staging only rewrites changed files, so `mkdocs serve` would otherwise rebuild forever). openpyxl
    adds parts with writestr(name, data) and, for worksheets, write(temporary file, name)."""

    def __init__(self, file, when: _dt.date) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self._date_time = (max(when.year, 1980), when.month, when.day, 0, 0, 0)

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None) -> None:
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=self._date_time)
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None) -> None:
        with open(filename, "rb") as part:
            self.writestr(arcname or os.path.basename(filename), part.read(), compress_type, compresslevel)


def render(checklist: Checklist) -> bytes:
    wb = build_workbook(checklist)
    buffer = io.BytesIO()
    with _DatedZip(buffer, checklist.stamp.generated) as archive:
        ExcelWriter(wb, archive).save()  # not wb.save(): that stamps the current time as "modified"
    return buffer.getvalue()
