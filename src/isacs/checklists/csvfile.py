"""CSV checklist: one flat table, UTF-8 with a byte-order mark so Excel opens Arabic and Chinese correctly.

Every row carries its module, edition, version, language, date and commit, so the file stays a plain
rectangular table (no preamble lines) and each row is stamped even when rows are copied elsewhere.
"""
from __future__ import annotations

import csv
import io

from .columns import FLAT, heading, row_values
from .rows import Checklist

BOM = "\ufeff"


def render(checklist: Checklist) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180 line ends, as Excel writes them
    writer.writerow([heading(checklist.lang, column) for column in FLAT])
    for module in checklist.modules:
        for row in module.rows:
            writer.writerow(row_values(checklist, module, row, FLAT))
    return (BOM + buffer.getvalue()).encode("utf-8")
