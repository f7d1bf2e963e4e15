"""What every checklist file is stamped with: generation date, source commit, tool version.

The date honours SOURCE_DATE_EPOCH (reproducible builds), so goldens and repeated site builds are
byte-stable; the commit is `git rev-parse HEAD` of the sources, or None when they are not in git.
"""

from __future__ import annotations

import datetime as _dt
import os
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

TOOL = "isacs-toolchain"


@dataclass(frozen=True)
class Stamp:
    generated: _dt.date
    commit: str | None  # full hash, or None when the sources are not a git checkout
    tool: str  # "isacs-toolchain 0.1.0"


def generation_date() -> _dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.UTC).date()
    return _dt.datetime.now(_dt.UTC).date()


def date_from_commit(root: str | Path) -> None:
    """Set SOURCE_DATE_EPOCH to the time of the sources' last commit when it is unset, so a site build
    of one commit is dated the same whenever it runs (processes forked later inherit it)."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return
    if result.returncode == 0 and result.stdout.strip().isdigit():
        os.environ["SOURCE_DATE_EPOCH"] = result.stdout.strip()


def source_commit(root: str | Path) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--verify", "-q", "HEAD"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):  # git not installed, or hung
        return None
    commit = result.stdout.strip()
    return commit if result.returncode == 0 and len(commit) >= 40 else None


def tool_version() -> str:
    try:
        return f"{TOOL} {metadata.version(TOOL)}"
    except metadata.PackageNotFoundError:
        return TOOL


def make_stamp(root: str | Path) -> Stamp:
    return Stamp(generation_date(), source_commit(root), tool_version())
