from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from isacs.core.validate import check_repository

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
EDITION_2 = Path(__file__).resolve().parent / "fixtures" / "edition-2"
GOLDEN = Path(__file__).resolve().parent / "golden"
BUNDLED = Path(__file__).resolve().parents[2]  # the repository's own corpus: modules/, glossary/


def load(root: Path):
    corpus, problems = check_repository(root)
    errors = [p.format() for p in problems if p.severity.value == "error"]
    assert not errors, errors
    return corpus


@pytest.fixture(scope="session")
def mini():
    return load(MINI)


@pytest.fixture(scope="session")
def edition2():
    return load(EDITION_2)


@pytest.fixture(scope="session")
def bundled():
    return load(BUNDLED)


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture(scope="session")
def golden() -> Path:
    return GOLDEN


@pytest.fixture(scope="session")
def paths() -> dict[str, Path]:
    return {"mini": MINI, "edition-2": EDITION_2}
