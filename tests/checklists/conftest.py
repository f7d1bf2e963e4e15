"""Fixtures of the checklist tests (helpers: checklist_testkit.py)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checklist_testkit import EPOCH, MINI


@pytest.fixture
def mini(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("ISACS_CHECKLIST_WORKERS", "1")
    return root
