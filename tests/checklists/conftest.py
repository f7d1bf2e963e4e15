"""Fixtures of the checklist tests (helpers: checklist_testkit.py)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from checklist_testkit import EPOCH, MINI

# test_assess_browser.py reuses the site tests' helpers (site_testkit, browser_testkit) from tests/site.
if str(SITE_TESTS := Path(__file__).resolve().parents[1] / "site") not in sys.path:
    sys.path.append(str(SITE_TESTS))


@pytest.fixture
def mini(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return root
