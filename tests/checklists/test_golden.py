"""Golden folders: tests/fixtures/mini in, one expected output per format out (golden/<case>/).

XLSX is compared cell by cell over the whole grid plus the sheet set-up (as a JSON dump); PDF by its
pdftotext text, Arabic and Chinese included; CSV and JSON byte for byte.
"""

from __future__ import annotations

import json
import shutil

import pytest

from checklist_testkit import GOLDEN, pdf_text, run_cli, same_text_in_any_layout, xlsx_dump, xlsx_text
from goldens import assert_matches_golden

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
        assert_matches_golden(xlsx_text(xlsx_dump(output)), folder / "checklist.xlsx.txt")
    elif fmt == "pdf":
        assert_matches_golden(pdf_text(output), folder / "checklist.pdf.txt", same=same_text_in_any_layout)
    else:
        assert_matches_golden(output.read_bytes().decode("utf-8"), folder / f"checklist.{fmt}")


def test_there_are_golden_cases():
    assert {"isacs-05.30-en", "isacs-05.30-ar", "all-zh"} <= set(CASES)
