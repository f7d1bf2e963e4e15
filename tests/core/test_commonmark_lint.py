"""`isacs.core.commonmark_lint`: the lines the site cannot render as GitHub shows them are reported, with the
file's line and column; everything the renderer handles (and the bundled corpus) is not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from isacs.core.commonmark_lint import CODE, body_diagnostics
from isacs.core.validate import check_repository

REPO = Path(__file__).resolve().parents[2]


def found(body: str, body_line: int = 20) -> list[str]:
    return [
        f"{d.location.line}:{d.location.col} {d.code} {d.message.split(':')[0]}"
        for d in body_diagnostics("modules/x/index.en.md", body, body_line)
    ]


def test_fence_continuing_a_paragraph():  # reported once, at its opening line
    assert found("Run:\n    ```\n    isacs check\n    ```\n") == [
        f"21:5 {CODE} a code fence indented 4 or more spaces past its container continues the paragraph above"
    ]


def test_lazy_setext_underline_in_a_list_item_or_quote():
    assert [f.split(" ", 2)[:2] for f in found("- item\n===\n\n> quoted\n===\n")] == [["21:1", CODE], ["24:1", CODE]]


@pytest.mark.parametrize(
    "body",
    [
        "- one\n  - one.one\n    - one.one.one\n- two\n",
        "Text:\n- a\n- b\n\n1. first\n   ```\n   code\n   ```\n",
        "> - quoted\n>   - nested\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        "The manufacturer shall mark each item.\n{: #r001 }\n- detail\n",
        "    indented code\n    ```\n",  # a fence line inside indented code is code
        "- item\n  continued lazily\nand lazily again\n",
        "   - item\n    continued (lazily: less than the item's text, GitHub's reading and the site's)\n",
    ],
)
def test_what_the_site_renders_as_github_is_not_reported(body):
    assert found(body) == []


@pytest.mark.parametrize("root", [REPO, REPO / "tests" / "fixtures" / "mini"])
def test_corpora_are_clean(root):
    _, problems = check_repository(root)
    assert [p.format() for p in problems if p.code == CODE] == []


def test_the_check_reports_it_once_at_its_line(tmp_path):
    # Through the whole check (the load's parse finds it; no rule reads the file again): one W108, its line.
    root = tmp_path / "repo"
    for folder in ("modules", "glossary"):
        shutil.copytree(REPO / "tests" / "fixtures" / "mini" / folder, root / folder)
    source = next((root / "modules").rglob("index.en.md"))
    text = source.read_text("utf-8")
    source.write_text(text + "\n- item\n===\n", "utf-8")
    line = text.count("\n") + 3
    _, problems = check_repository(root)
    found = [p for p in problems if p.code == CODE]
    assert [(p.location.path, p.location.line) for p in found] == [(source.relative_to(root).as_posix(), line)]
