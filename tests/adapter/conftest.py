"""Fixtures of the plugin's in-process tests: mkdocs configs loaded from a copy of the fixture project (the
mini corpus with an mkdocs.yml like the repository's), whose events the tests run as mkdocs runs them
(`config.plugins.run_event`), the way mkdocs-static-i18n's own tests drive its plugin."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

# The fixture project is the site tests' (tests/site/site_testkit.py): the same corpus, the same mkdocs.yml.
if str(SITE_TESTS := Path(__file__).resolve().parents[1] / "site") not in sys.path:
    sys.path.append(str(SITE_TESTS))

from site_testkit import make_project  # noqa: E402

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z: the build's date (the copy is outside any git checkout)


@pytest.fixture(scope="session")
def project(tmp_path_factory) -> Path:
    """One copy per session (per xdist worker): the staged pages and the checklist cache are reused."""
    return make_project(tmp_path_factory.mktemp("adapter") / "project")


@pytest.fixture
def project_copy(project: Path, tmp_path: Path) -> Path:
    """A copy of the project for a test that edits its sources (the caches come along: no cold start)."""
    return Path(shutil.copytree(project, tmp_path / "project", ignore=shutil.ignore_patterns("site")))


@pytest.fixture
def make_config(project: Path, tmp_path: Path, monkeypatch) -> Callable[..., MkDocsConfig]:
    """`make_config(at=None, isacs=None, **options)`: the mkdocs.yml of the project (or of the project at
    `at`) loaded as mkdocs loads it, each config with its own site folder. `options` override mkdocs.yml's,
    `isacs={...}` the isacs plugin's options. No event has run yet.

    As in one mkdocs process (`mkdocs serve` reloads the config before every rebuild), the configs one test
    loads share their plugin instances (mkdocs keeps those that have an `on_startup`); each test starts with
    new ones."""
    monkeypatch.setattr(MkDocsConfig.plugins, "plugin_cache", {})
    for name in ("SITE_URL", "BUILD_ONLY_LOCALE"):  # mkdocs.yml reads them (!ENV)
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    made = 0

    def make(*, at: Path | None = None, isacs: dict | None = None, **options) -> MkDocsConfig:
        nonlocal made
        made += 1
        options.setdefault("site_dir", str(tmp_path / f"site-{made}"))
        config = load_config(str((at or project) / "mkdocs.yml"), **options)
        for key, value in (isacs or {}).items():
            config.plugins["isacs"].config[key] = value
        return config

    return make
