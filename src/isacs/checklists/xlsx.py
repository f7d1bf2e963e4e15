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
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.writer.excel import ExcelWriter

from ..core.languages import is_rtl
from ..render.strings import t
from .columns import heading, module_columns, row_values, stamp_lines, starts_formula
from .rows import STATUSES, Checklist, ModuleChecklist, status_label

WIDTHS = {"id": 9, "clause": 8, "heading": 24, "form": 13, "rrpl": 6, "text": 64, "actors": 22, "refs": 18,
          "status": 22, "evidence": 30, "notes": 30, "owner": 16}
HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
THIN = Side(style="thin", color="9AA5B1")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

# Summary layout: stamp lines, a blank row, the header row, one row per module, a total row.
SUMMARY_COLUMNS = ("module", "title", "edition", "version", "count", *STATUSES, "not-assessed", "share")


def sheet_name(module: ModuleChecklist) -> str:
    return module.label[:31]  # "ISACS 05.30"; Excel allows 31 characters and no / \ ? * [ ]


def _align(lang: str, wrap: bool = True) -> Alignment:
    return Alignment(wrap_text=wrap, vertical="top", readingOrder=2 if is_rtl(lang) else 1)


# Cell styles, registered once per workbook: assigning a named style is far cheaper in openpyxl than a
# font, border and alignment per cell (half the time of a workbook).
HEADER_STYLE, CELL_STYLE, TITLE_STYLE, STAMP_STYLE = "ISACS header", "ISACS cell", "ISACS title", "ISACS stamp"
SUMMARY_STYLE, TOTAL_STYLE = "ISACS summary", "ISACS total"


def _add_styles(wb: Workbook, lang: str) -> None:
    for style in (
            NamedStyle(HEADER_STYLE, font=Font(bold=True), fill=HEADER_FILL, border=BORDER, alignment=_align(lang)),
            NamedStyle(CELL_STYLE, border=BORDER, alignment=_align(lang)),
            NamedStyle(TITLE_STYLE, font=Font(bold=True, size=14)),
            NamedStyle(STAMP_STYLE, font=Font(italic=True, color="44505C")),
            NamedStyle(SUMMARY_STYLE, border=BORDER, alignment=_align(lang, wrap=False)),
            NamedStyle(TOTAL_STYLE, font=Font(bold=True), border=BORDER, alignment=_align(lang, wrap=False))):
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


def _stamp_rows(ws, lines: list[str], title: str) -> int:
    """Title and stamp lines from row 1; returns the header row (after one blank row)."""
    put(ws, 1, 1, title, TITLE_STYLE)
    for offset, line in enumerate(lines, start=2):
        put(ws, offset, 1, line, STAMP_STYLE)
    return len(lines) + 3


def _header(ws, row: int, labels: list[str], lang: str) -> None:
    for col, label in enumerate(labels, start=1):
        put(ws, row, col, label, HEADER_STYLE)


def module_sheet(wb: Workbook, checklist: Checklist, module: ModuleChecklist, status_range: str) -> tuple[str, int, int, int]:
    """Write one module's sheet; returns (sheet name, status column, first and last data rows)."""
    lang = checklist.lang
    ws = wb.create_sheet(sheet_name(module))
    columns = module_columns(module)
    header_row = _stamp_rows(ws, stamp_lines(checklist, module), f"{module.label} — {module.title}")
    _header(ws, header_row, [heading(lang, c) for c in columns], lang)
    first = header_row + 1
    for r, row in enumerate(module.rows, start=first):
        for c, cell_value in enumerate(row_values(checklist, module, row, columns), start=1):
            put(ws, r, c, cell_value, CELL_STYLE)
    last = first + len(module.rows) - 1
    status_col = columns.index("status") + 1
    letter = get_column_letter(status_col)
    validation = DataValidation(type="list", formula1=status_range, allow_blank=True, showDropDown=False,
                                showErrorMessage=True, errorTitle=heading(lang, "status"),
                                error=", ".join(status_label(lang, s) for s in STATUSES))
    validation.add(f"{letter}{first}:{letter}{last}")
    ws.add_data_validation(validation)
    for c, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(c)].width = WIDTHS[column]
    _print_setup(ws, header_row, lang)
    return ws.title, status_col, first, last


def summary_sheet(wb: Workbook, checklist: Checklist) -> tuple[object, int]:
    lang = checklist.lang
    ws = wb.active
    ws.title = t(lang, "cl_summary")[:31]
    header_row = _stamp_rows(ws, stamp_lines(checklist), f"{t(lang, 'cl_checklist')} — {checklist.title}")
    labels = [t(lang, "cl_col_module"), t(lang, "col_title"), t(lang, "col_edition"), t(lang, "col_version"),
              t(lang, "cl_col_count"), *(status_label(lang, s) for s in STATUSES), t(lang, "cl_not_assessed"),
              t(lang, "cl_assessed_share")]
    _header(ws, header_row, labels, lang)
    for column, width in zip("ABCDEFGHIJK", (14, 40, 10, 10, 14, 16, 16, 16, 16, 14, 14)):
        ws.column_dimensions[column].width = width
    _print_setup(ws, header_row, lang)
    return ws, header_row


def _summary_row(ws, r: int, header_row: int, module: ModuleChecklist, sheet: str, status_col: int,
                 first: int, last: int, lang: str) -> None:
    ref = quote_sheetname(sheet)
    ids = f"{ref}!$A${first}:$A${last}"
    statuses = f"{ref}!${get_column_letter(status_col)}${first}:${get_column_letter(status_col)}${last}"
    for c, cell_value in enumerate([module.label, module.title, module.edition, module.version], start=1):
        put(ws, r, c, cell_value, SUMMARY_STYLE)  # data from the sources: text, whatever it starts with
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
