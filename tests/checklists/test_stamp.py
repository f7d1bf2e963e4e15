"""Every format carries module edition/version, language, generation date and source commit."""

from __future__ import annotations

import json
import shutil
import subprocess

import openpyxl
import pytest

from checklist_testkit import pdf_text, run_cli
from isacs.checklists.stamp import generation_date, source_commit


@pytest.fixture
def git_mini(mini):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    env = ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", str(mini)], check=True)
    subprocess.run(["git", "-C", str(mini), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(mini), *env, "commit", "-q", "-m", "fixture"], check=True)
    head = subprocess.run(
        ["git", "-C", str(mini), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    return mini, head


def test_commit_is_head_of_the_sources(git_mini):
    root, head = git_mini
    assert source_commit(root) == head


def test_not_a_git_checkout_gives_no_commit(mini):
    assert source_commit(mini) is None


def test_generation_date_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert generation_date().isoformat() == "2026-01-01"


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json", "pdf"])
def test_every_format_is_stamped(git_mini, tmp_path, fmt):
    if fmt == "pdf" and shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    root, head = git_mini
    output = tmp_path / f"c.{fmt}"
    assert run_cli("--root", str(root), "--module", "iatg/06.10", "--lang", "fr", "-o", str(output))[0] == 0
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(output)["IATG 06.10"]
        text = "\n".join(str(sheet.cell(row=r, column=1).value) for r in range(1, 5))
    elif fmt == "pdf":
        text = pdf_text(output)
    else:
        text = output.read_text("utf-8-sig")
    if fmt == "json":
        data = json.loads(text)
        module = data["modules"][0]
        assert (data["language"], data["generated"], data["source_commit"]) == ("fr", "2026-01-01", head)
        assert (module["edition"], module["version"]) == ("2021", "3")
    elif fmt == "csv":
        header, first = text.splitlines()[:2]
        assert header.split(",")[-3:] == ["Langue", "Généré le", "Version des sources"]
        assert first.split(",")[2:4] == ["2021", "3"] and first.endswith(f",fr,2026-01-01,{head}")
    else:
        assert "Édition: 2021 · Version: 3" in text
        assert f"Langue: Français · Généré le: 2026-01-01 · Version des sources: {head}" in text
