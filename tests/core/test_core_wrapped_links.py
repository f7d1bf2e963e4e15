"""A link whose text wraps onto the next line (as editors' tools wrap long lines) is checked by
`isacs check` at the link's first line and column, and resolved on the page like any other link."""
from __future__ import annotations

import shutil
from pathlib import Path

from isacs.core.validate import check_repository
from isacs.render import module_page

REPO = Path(__file__).resolve().parents[2]
EN = "modules/isacs/05.30/index.en.md"
WRAPPED = ("\nSee the [ghost\nconcept](term:ghost-term), [another\nmodule](module:isacs/99.99) and\n"
           "[the requirement on\nmarking methods](req:#r002).\n")


def bundled_copy(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for folder in ("modules", "glossary"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def test_wrapped_links_to_unknown_targets_are_errors_at_the_link(tmp_path):
    root = bundled_copy(tmp_path)
    path = root / EN
    text = path.read_text(encoding="utf-8")
    path.write_text(text + WRAPPED, encoding="utf-8")
    first = text.count("\n") + 2  # the line "See the [ghost"
    _, problems = check_repository(root)
    found = sorted((p.location.line, p.location.col, p.code) for p in problems if p.location.path == EN)
    assert found == [(first, 9, "E010"), (first + 1, 28, "E010")], problems


def test_a_wrapped_link_is_resolved_on_the_page(tmp_path):
    corpus, problems = check_repository(bundled_copy(tmp_path))
    assert not [p for p in problems if p.code.startswith("E")]
    page = module_page.render(corpus, corpus.modules["isacs/05.30"], "en")
    assert "[the requirement on marking\nmethods](index.md#r002)" in page
    assert "](req:" not in page and "](term:" not in page and "](module:" not in page
