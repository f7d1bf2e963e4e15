"""Same sources, same day: same bytes. The site's staging rewrites only changed files, so anything
else would make `mkdocs serve` rebuild forever (XLSX zip dates, PDF identifiers)."""
from __future__ import annotations

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
