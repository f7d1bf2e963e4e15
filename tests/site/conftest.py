"""One real build of the fixture site per test session (per xdist worker), shared by the site tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_testkit import make_project, mkdocs_build


@pytest.fixture(scope="session")
def project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("site") / "project")


@pytest.fixture(scope="session")
def site(project: Path) -> Path:
    """`mkdocs build --strict` of the fixture project: the site folder."""
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr, result.stderr[-3000:]
    return project / "site"
