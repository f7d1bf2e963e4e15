"""CSV checklist: one flat table, UTF-8 with a byte-order mark so Excel opens Arabic and Chinese correctly.

Every row carries its module, edition, version, language, date and commit, so the file stays a plain
rectangular table (no preamble lines) and each row is stamped even when rows are copied elsewhere.

A cell that a spreadsheet would read as a formula (text starting with = + - @, tab or carriage return)
is written with a leading single quote, as OWASP advises against CSV injection: the reader sees the
text, and no formula runs on opening.
"""

from __future__ import annotations

import csv
import io

from .columns import FLAT, heading, row_values, starts_formula
from .rows import Checklist

BOM = "\ufeff"


def safe_cell(value: object) -> object:
    """The value as written to the CSV: text a spreadsheet would run as a formula gets a leading '."""
    return "'" + value if starts_formula(value) else value


def _row(values: list) -> list:
    return [safe_cell(value) for value in values]


def render(checklist: Checklist) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180 line ends, as Excel writes them
    writer.writerow(_row([heading(checklist.lang, column) for column in FLAT]))
    for module in checklist.modules:
        for row in module.rows:
            writer.writerow(_row(row_values(checklist, module, row, FLAT)))
    return (BOM + buffer.getvalue()).encode("utf-8")
