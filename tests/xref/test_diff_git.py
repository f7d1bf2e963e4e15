"""`isacs diff` on git revisions: each side is materialised with `git archive`."""

from __future__ import annotations

import json
import shutil
import subprocess

from isacs.cli.main import main


def git(repo, *args):
    subprocess.run(
        ["git", "-C", str(repo), *args],
        check=True,
        capture_output=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "HOME": str(repo),
            "PATH": "/usr/bin:/bin",
        },
    )


def test_diff_between_two_commits(paths, tmp_path, capsys):
    repo = tmp_path / "repo"
    shutil.copytree(paths["mini"], repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "edition 1")
    shutil.rmtree(repo / "modules")
    shutil.rmtree(repo / "glossary")
    shutil.copytree(paths["edition-2"] / "modules", repo / "modules")
    shutil.copytree(paths["edition-2"] / "glossary", repo / "glossary")
    # uncommitted: the working tree (a folder) against the last commit
    assert main(["diff", "--root", str(repo), "--format", "json", "HEAD", str(repo)]) == 0
    worktree = json.loads(capsys.readouterr().out)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "edition 2")
    assert main(["diff", "--root", str(repo), "--format", "json", "HEAD~1", "HEAD"]) == 0
    committed = json.loads(capsys.readouterr().out)
    assert committed["old"] == "HEAD~1" and committed["new"] == "HEAD"
    assert committed["totals"] == worktree["totals"]
    assert committed["totals"]["moved"] == 1 and committed["totals"]["removed"] == 1


def test_revision_without_modules_is_a_clear_error(tmp_path, capsys):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "README").write_text("x")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "no modules")
    assert main(["diff", "--root", str(repo), "HEAD", "HEAD"]) == 2
    assert "HEAD: has no modules/ folder" in capsys.readouterr().err
