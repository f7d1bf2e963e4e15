"""Staging: the rendered files written as mkdocs' docs folder, by one process or a forked one per language,
with the same result."""

from __future__ import annotations

import os

import pytest

from isacs.mkdocs_adapter.staging import stage_languages, sync_staging
from isacs.render.generated import GeneratedFile

LANGS = ["en", "fr", "ar"]


def render(lang: str):
    # Text pages and a binary download per language; the PID shows which process rendered it.
    yield GeneratedFile("index.md", lang, f"# Home ({lang})\n")
    yield GeneratedFile("modules/isacs/05.30/index.md", lang, f"# 05.30 ({lang}) — {os.getpid()}\n")
    yield GeneratedFile(f"downloads/isacs-05-30-{lang}.xlsx", lang, bytes([len(lang)]) * 64)


def tree(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_language_is_staged_and_stale_files_go(tmp_path, jobs):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "gone.fr.md").write_text("a page no longer rendered")
    written = stage_languages(tmp_path, render, LANGS, jobs)
    assert written == 9
    staged = tree(tmp_path)
    pages = (("index", "md"), ("modules/isacs/05.30/index", "md"))
    expected = [f"{path}.{lang}.{ext}" for lang in LANGS for path, ext in pages]
    expected += [f"downloads/isacs-05-30-{lang}.{lang}.xlsx" for lang in LANGS]
    assert sorted(staged) == sorted(expected)
    assert not (tmp_path / "old").exists()  # the stale file and its emptied folder
    assert staged["downloads/isacs-05-30-ar.ar.xlsx"] == b"\x02" * 64


def test_forked_languages_are_rendered_in_other_processes(tmp_path):
    stage_languages(tmp_path, render, LANGS, 2)
    pids = {(tmp_path / f"modules/isacs/05.30/index.{lang}.md").read_text().split("— ")[1].strip() for lang in LANGS}
    assert str(os.getpid()) not in pids


def test_forked_and_single_process_staging_write_the_same_bytes(tmp_path):
    def fixed(lang):  # without the PID
        return [f for f in render(lang) if "05.30" not in f.path]

    stage_languages(tmp_path / "one", fixed, LANGS, 1)
    stage_languages(tmp_path / "two", fixed, LANGS, 2)
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_unchanged_files_are_not_written_again(tmp_path):
    def fixed(lang):
        return [f for f in render(lang) if "05.30" not in f.path]

    stage_languages(tmp_path, fixed, LANGS, 2)
    home = tmp_path / "index.fr.md"
    os.utime(home, (1, 1))
    assert stage_languages(tmp_path, fixed, LANGS, 2) == 0
    assert home.stat().st_mtime == 1  # serve's watcher sees no change
    assert sync_staging(tmp_path, [f for lang in LANGS for f in fixed(lang)]) == 0
