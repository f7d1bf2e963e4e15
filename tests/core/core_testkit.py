"""Helpers for the core tests: copy the fixture corpus, break it in one place, run the real CLI on it.

An edit is a function taking the corpus root; building them with the small factories below keeps each
test case of the validator table to one readable line.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "fixtures" / "mini"

# Files of the fixture corpus, as the CLI prints them (relative to --root).
EN = "modules/isacs/05.30/index.en.md"
FR = "modules/isacs/05.30/index.fr.md"
AR = "modules/isacs/05.30/index.ar.md"
IATG = "modules/iatg/06.10/index.en.md"
MARKING = "glossary/concepts/marking.yaml"
ACTORS = "glossary/actors.yaml"
INSTRUMENTS = "glossary/instruments.yaml"

Edit = Callable[[Path], None]


def copy_mini(dest: Path) -> Path:
    root = dest / "corpus"
    shutil.copytree(MINI, root)
    return root


def sub(path: str, old: str, new: str) -> Edit:
    """Replace the one occurrence of `old` in `path` (fails loudly if the fixture changed under the test)."""

    def edit(root: Path) -> None:
        file = root / path
        text = file.read_text("utf-8")
        assert text.count(old) == 1, f"{path}: expected exactly one {old!r}"
        file.write_text(text.replace(old, new), "utf-8")

    return edit


def write(path: str, data: str | bytes) -> Edit:
    def edit(root: Path) -> None:
        file = root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            file.write_bytes(data)
        else:
            file.write_text(data, "utf-8")

    return edit


def delete(path: str) -> Edit:
    def edit(root: Path) -> None:
        target = root / path
        shutil.rmtree(target) if target.is_dir() else target.unlink()

    return edit


def rename(path: str, new_path: str) -> Edit:
    def edit(root: Path) -> None:
        (root / new_path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).rename(root / new_path)

    return edit


def copy(path: str, new_path: str) -> Edit:
    def edit(root: Path) -> None:
        source, target = root / path, root / new_path
        shutil.copytree(source, target) if source.is_dir() else shutil.copyfile(source, target)

    return edit


def stamp(path: str) -> Edit:
    """Run the real `isacs stamp` on a translation."""

    def edit(root: Path) -> None:
        result = isacs("stamp", "--root", str(root), str(root / path))
        assert result.returncode == 0, result.stderr

    return edit


def steps(*edits: Edit) -> Edit:
    def edit(root: Path) -> None:
        for one in edits:
            one(root)

    return edit


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()


def isacs(*args: str, cwd: Path | None = None) -> Run:
    """The command line exactly as an editor runs it, in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-m", "isacs.cli.main", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd or REPO,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def assert_clean_failure(run: Run) -> None:
    """Bad input is reported, never crashes: no traceback, no `internal error` from the last-resort handler."""
    assert "Traceback" not in run.stderr, run.stderr
    assert "internal error" not in run.stderr, run.stderr
