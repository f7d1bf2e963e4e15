"""Helpers of the checklist tests: the CLI in-process, golden files, XLSX and PDF dumps. The `mini`
fixture (conftest.py) copies the mini corpus outside any git checkout, so the stamp's commit is the
documented fallback, and fixes the generation date.

Goldens live in golden/<case>/; `pytest tests/checklists --update-goldens` rewrites them from the
current output (review the diff), every other run compares (tests/goldens.py).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from collections import Counter
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
MINI = HERE.parent / "fixtures" / "mini"
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def run_cli(*args: str) -> tuple[int, str, str]:
    """`isacs checklist ...` in-process: (exit code, stdout, stderr)."""
    from isacs.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(["checklist", *args])
        except SystemExit as exc:  # argparse usage errors
            code = exc.code
    return code, out.getvalue(), err.getvalue()


def xlsx_dump(path: Path) -> dict:
    """Everything a reviewer cares about in a workbook, as JSON: every cell of every sheet (the full
    grid up to the last row and column, so a stray or missing cell shows), dimensions and sheet setup."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        sheets.append(
            {
                "title": ws.title,
                "dimensions": ws.dimensions,
                "max_row": ws.max_row,
                "max_column": ws.max_column,
                "freeze_panes": ws.freeze_panes,
                "right_to_left": bool(ws.sheet_view.rightToLeft),
                "print_title_rows": ws.print_title_rows,
                "orientation": ws.page_setup.orientation,
                "fit_to_width": ws.page_setup.fitToWidth,
                "fit_to_height": ws.page_setup.fitToHeight,
                "validations": [
                    {"type": dv.type, "sqref": str(dv.sqref), "formula1": dv.formula1}
                    for dv in ws.data_validations.dataValidation
                ],
                "cells": [
                    [cell for cell in row]
                    for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column, values_only=True)
                ],
            }
        )
    return {"sheets": sheets, "title": wb.properties.title, "language": wb.properties.language}


def xlsx_text(dump: dict) -> str:
    """The dump as reviewable text: one line of set-up per sheet, then one line per row (1-based)."""
    lines = [json.dumps({"title": dump["title"], "language": dump["language"]}, ensure_ascii=False)]
    for sheet in dump["sheets"]:
        lines.append("== " + json.dumps({k: v for k, v in sheet.items() if k != "cells"}, ensure_ascii=False))
        lines += [
            f"{number}: " + json.dumps(row, ensure_ascii=False, default=str)
            for number, row in enumerate(sheet["cells"], start=1)
        ]
    return "\n".join(lines) + "\n"


def pdf_text(path: Path) -> str:
    """pdftotext output without bidi controls and blank lines (layout whitespace is not the point)."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [" ".join(BIDI_CONTROLS.sub("", line).split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line) + "\n"


def same_text_in_any_layout(actual: str, wanted: str) -> bool:
    """Whether two pdftotext outputs hold the same text, however the fonts laid it out: the same characters
    (whitespace aside), and every line of `wanted` inside `actual` (a paragraph wrapped at other words still
    reads as one run; a footer or a column read before or after a block does not matter)."""
    flat = "".join(actual.split())
    return Counter(flat) == Counter("".join(wanted.split())) and all(
        "".join(line.split()) in flat for line in wanted.splitlines()
    )


def as_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n"


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def soffice_convert(to: str, outdir: Path, profile: Path, *sources: Path, timeout: int = 600):
    """LibreOffice headless converting `sources` to format `to` into `outdir`, with its own profile folder
    (no user state, several conversions at once)."""
    return subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            *(str(s) for s in sources),
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
