"""Golden folders: tests/fixtures/mini in, one expected output per format out (golden/<case>/).

XLSX is compared cell by cell over the whole grid plus the sheet set-up (as a JSON dump); PDF by its
pdftotext text, Arabic and Chinese included; CSV and JSON byte for byte.
"""
from __future__ import annotations

import json
import shutil

import pytest

from checklist_testkit import GOLDEN, check_golden, pdf_text, run_cli, same_text_in_any_layout, xlsx_dump, xlsx_text

CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "case.json").exists())


def _cases():
    for case in CASES:
        spec = json.loads((GOLDEN / case / "case.json").read_text("utf-8"))
        for fmt in spec["formats"]:
            yield pytest.param(case, spec["args"], fmt, id=f"{case}-{fmt}")


@pytest.mark.parametrize("case, args, fmt", list(_cases()))
def test_golden(mini, tmp_path, case, args, fmt):
    if fmt == "pdf" and shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    output = tmp_path / f"checklist.{fmt}"
    code, _, err = run_cli("--root", str(mini), *args, "-o", str(output))
    assert code == 0, err
    folder = GOLDEN / case
    if fmt == "xlsx":
        check_golden(folder / "checklist.xlsx.txt", xlsx_text(xlsx_dump(output)))
    elif fmt == "pdf":
        check_golden(folder / "checklist.pdf.txt", pdf_text(output), same=same_text_in_any_layout)
    else:
        check_golden(folder / f"checklist.{fmt}", output.read_bytes().decode("utf-8"))


def test_there_are_golden_cases():
    assert {"isacs-05.30-en", "isacs-05.30-ar", "all-zh"} <= set(CASES)
