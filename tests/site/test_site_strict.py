"""Strict mode: a broken source, or a page mkdocs warns about, fails `mkdocs build`."""
from __future__ import annotations

from pathlib import Path

from site_testkit import make_project, mkdocs_build

EN = Path("modules/isacs/05.30/index.en.md")


def edit(project: Path, old: str, new: str) -> None:
    path = project / EN
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_source_error_fails_the_build(tmp_path):
    project = make_project(tmp_path / "project")
    edit(project, "(module:iatg/06.10)", "(module:iatg/99.99)")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "iatg/99.99" in result.stderr  # the diagnostic names the broken target
    assert "isacs check" in result.stderr
    assert not (project / "site" / "index.html").exists()


def test_mkdocs_warning_fails_the_strict_build(tmp_path):
    project = make_project(tmp_path / "project")
    # A plain Markdown link to a page that does not exist: not a source-format error, but mkdocs warns.
    edit(project, "Fixture text written for the tests.", "Fixture text written for the [tests](../../nowhere.md).")
    result = mkdocs_build(project)
    assert result.returncode != 0, result.stderr[-2000:]
    assert "WARNING" in result.stderr and "nowhere.md" in result.stderr
    assert "strict mode" in result.stdout + result.stderr  # mkdocs: "Aborted with 1 warnings in strict mode!"
