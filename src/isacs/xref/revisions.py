"""Edition sources for `isacs diff`: a folder as it is, or a git revision materialised with `git archive`."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

SOURCE_FOLDERS = ("modules", "glossary")


class RevisionError(Exception):
    """A side of the diff that is neither a folder nor a readable git revision."""


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True)
    except FileNotFoundError as exc:
        raise RevisionError("git is not installed") from exc


def is_revision(repo: Path, name: str) -> bool:
    if name.startswith("-"):  # never let a name be read as a git option
        return False
    return _git(repo, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}").returncode == 0


def materialise(repo: Path, revision: str, into: Path) -> Path:
    """Extract modules/ and glossary/ of `revision` into `into`; returns `into`."""
    listing = _git(repo, "ls-tree", "--name-only", revision)
    if listing.returncode != 0:
        raise RevisionError(f"{revision}: not a git revision in {repo}")
    present = [name for name in SOURCE_FOLDERS if name in listing.stdout.decode("utf-8").split("\n")]
    if "modules" not in present:
        raise RevisionError(f"{revision}: has no modules/ folder")
    archive = _git(repo, "archive", "--format=tar", revision, "--", *present)
    if archive.returncode != 0:
        raise RevisionError(f"{revision}: git archive failed: {archive.stderr.decode('utf-8', 'replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into


def source_root(repo: Path, name: str, scratch: Path) -> Path:
    """The folder to load for one side: `name` itself if it is a folder, else the revision extracted."""
    if Path(name).is_dir():
        return Path(name)
    if is_revision(repo, name):
        target = scratch / f"rev-{len(list(scratch.iterdir()))}"
        target.mkdir()
        return materialise(repo, name, target)
    raise RevisionError(f"{name}: neither a folder nor a git revision of {repo}")
