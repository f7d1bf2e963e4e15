"""One real build of the fixture site per test session (per xdist worker), shared by the site tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from browser_testkit import serve
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


@pytest.fixture(scope="module")
def origin(site: Path):
    """The built fixture site served on localhost, for a module's browser tests: its origin."""
    with serve(site) as served:
        yield served

