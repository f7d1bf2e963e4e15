"""Golden HTML of a few built fragments, whitespace-normalised: a requirement block (French, Arabic),
the fallback wrapper of an untranslated module and the header search box.

An intended change to the markup: rerun with --update-goldens and review the diff of golden/.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from goldens import assert_matches_golden
from site_testkit import normalise_html, page

GOLDEN = Path(__file__).resolve().parent / "golden"


def outer_html(path: Path, pattern: str) -> str:
    """The element whose start tag matches `pattern`, up to its balanced end tag."""
    text = path.read_text(encoding="utf-8")
    start = re.search(pattern, text)
    assert start, pattern
    tag = re.match(r"<([a-z0-9]+)", start.group(0)).group(1)
    depth = 0
    for match in re.finditer(rf"<(/?){tag}\b[^>]*>", text[start.start():]):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return text[start.start(): start.start() + match.end()]
    raise AssertionError(f"unbalanced <{tag}> in {path}")


CASES = {
    "requirement-fr": ("fr", "isacs/05.30", r'<div class="isacs-req [^"]*" id="r001">'),
    "requirement-ar": ("ar", "isacs/05.30", r'<div class="isacs-req [^"]*" id="r002">'),
    "fallback-ru": ("ru", "iatg/06.10", r'<div class="isacs-fallback"[^>]*>'),
    "search-box-zh": ("zh", "", r'<div class="isacs-search"[^>]*>'),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_html(site, name):
    lang, path, pattern = CASES[name]
    actual = normalise_html(outer_html(page(site, lang, path), pattern)) + "\n"
    assert_matches_golden(actual, GOLDEN / f"{name}.html")
