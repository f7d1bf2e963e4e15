"""The XLSX works in a real spreadsheet: LibreOffice opens it, evaluates the summary's COUNTIF formulas
over the drop-down status column, and keeps the drop-downs. Skipped only when LibreOffice is absent
(scripts/system-packages.txt installs it, so CI runs it)."""

from __future__ import annotations

import openpyxl
import pytest

from checklist_testkit import SOFFICE, run_cli, soffice_convert


def convert(source, folder, profile) -> openpyxl.Workbook:
    result = soffice_convert("xlsx", folder, profile, source, timeout=180)
    converted = folder / source.name
    assert result.returncode == 0 and converted.exists(), result.stderr
    return converted


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_formulas_and_dropdowns_survive_libreoffice(mini, tmp_path, lang):
    source = tmp_path / "checklist.xlsx"
    assert run_cli("--root", str(mini), "--lang", lang, "-o", str(source))[0] == 0
    wb = openpyxl.load_workbook(source)
    summary = wb.worksheets[0]
    statuses = [summary.cell(row=5, column=c).value for c in range(6, 10)]  # the drop-down's own values
    # Each module sheet's drop-down range is where its statuses go (the stamp lines above it vary).
    ranges = {ws.title: str(ws.data_validations.dataValidation[0].sqref) for ws in wb.worksheets[1:]}
    assert ranges == (
        {"ISACS 05.30": "H7:H9", "IATG 06.10": "I7:I8"}
        if lang == "en"
        else {"ISACS 05.30": "H7:H9", "IATG 06.10": "I8:I9"}
    )  # Arabic: IATG 06.10 notes its English text

    def cell(name, index):
        first = ranges[name].split(":")[0]
        return wb[name][f"{first[0]}{int(first[1:]) + index}"]

    cell("ISACS 05.30", 1).value = statuses[0]  # compliant
    cell("ISACS 05.30", 2).value = statuses[2]  # not compliant
    cell("IATG 06.10", 1).value = statuses[0]
    filled = tmp_path / "in" / "filled.xlsx"
    filled.parent.mkdir()
    wb.save(filled)

    result = openpyxl.load_workbook(convert(filled, tmp_path / "out", tmp_path / "profile"), data_only=True)
    rows = [list(r) for r in result.worksheets[0].iter_rows(min_row=6, max_row=8, max_col=11, values_only=True)]
    assert [r[0] for r in rows][:2] == ["ISACS 05.30", "IATG 06.10"]
    # requirements, compliant, partially, not compliant, not applicable, not assessed
    assert [r[4:10] for r in rows] == [[3, 1, 0, 1, 0, 1], [2, 1, 0, 0, 0, 1], [5, 2, 0, 1, 0, 2]]
    assert rows[2][10] == pytest.approx(3 / 5)
    for name, sqref in ranges.items():
        validations = result[name].data_validations.dataValidation
        assert len(validations) == 1 and validations[0].type == "list"
        assert str(validations[0].sqref) == sqref
        assert validations[0].formula1.endswith("!$F$5:$I$5")
