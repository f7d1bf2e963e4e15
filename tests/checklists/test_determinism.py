"""Same sources, same day: same bytes. The site's staging rewrites only changed files, so anything
else would make `mkdocs serve` rebuild forever (XLSX zip dates, PDF identifiers)."""

from __future__ import annotations

import io
import zipfile

import pytest

from isacs.checklists.filters import Filters
from isacs.checklists.formats import FORMATS, render
from isacs.checklists.rows import build_checklist
from isacs.checklists.stamp import make_stamp
from isacs.core.validate import check_repository


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_input_gives_same_bytes(mini, fmt):
    corpus, _ = check_repository(mini)
    first = render(build_checklist(corpus, Filters(lang="ar"), make_stamp(mini)), fmt)
    # Printed afresh: Chromium's own output carries the time of printing, which must not reach the file.
    corpus, _ = check_repository(mini)
    again = render(build_checklist(corpus, Filters(lang="ar"), make_stamp(mini)), fmt)
    assert first == again


def test_every_xlsx_part_is_dated_with_the_stamp_not_the_clock(mini):
    # Two renders a second apart would otherwise differ: openpyxl writes worksheets through temporary
    # files, which a plain zip archive dates with their modification time.
    corpus, _ = check_repository(mini)
    stamp = make_stamp(mini)
    data = render(build_checklist(corpus, Filters(lang="fr"), stamp), "xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
    assert any(e.filename.startswith("xl/worksheets/") for e in entries)
    day = (stamp.generated.year, stamp.generated.month, stamp.generated.day, 0, 0, 0)
    assert {e.filename: e.date_time for e in entries} == {e.filename: day for e in entries}
    assert {e.compress_type for e in entries} == {zipfile.ZIP_DEFLATED}
