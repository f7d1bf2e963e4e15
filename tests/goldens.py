"""Golden files: the one helper every golden test compares with, and the suite's one switch to rewrite them.

    .venv/bin/python -m pytest -n 0 tests/xref --update-goldens   # rewrite the goldens these tests compare with

then review `git diff tests/` before committing: a golden is only as good as that review. Without the
option every golden test compares, and a missing golden fails (it is never created silently).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

OPTION = "--update-goldens"
UPDATE = False  # set from the pytest option by tests/conftest.py (in every xdist worker)


def assert_matches_golden(actual: bytes | str, path: Path, same: Callable[[str, str], bool] | None = None) -> None:
    """`actual` equals the golden file at `path`, byte for byte (text is compared as UTF-8 with its line
    endings as they are: a CSV keeps its CRLF). With --update-goldens, write `actual` there instead.

    `same(actual, wanted)` (text only) accepts output that differs from the golden only where that does not
    matter (a PDF's text laid out by other fonts); when it says no, the full diff is shown."""
    data = actual if isinstance(actual, bytes) else actual.encode("utf-8")
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != data:  # unchanged goldens keep their timestamps
            path.write_bytes(data)
        return
    assert path.exists(), f"{path} is missing: run the test with {OPTION} and review the new file"
    wanted = path.read_bytes()
    if isinstance(actual, bytes):
        assert actual == wanted, f"{path} differs (intended? rerun with {OPTION} and review the diff)"
        return
    wanted_text = wanted.decode("utf-8")
    if same is not None and same(actual, wanted_text):
        return
    assert actual == wanted_text, f"{path} differs (intended? rerun with {OPTION} and review the diff)"
