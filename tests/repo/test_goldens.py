"""The suite's golden helper (tests/goldens.py): compares byte for byte, never creates a golden unasked, and
rewrites goldens only under --update-goldens, the one switch of every golden test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import goldens
from goldens import assert_matches_golden

TESTS = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def comparing(monkeypatch):
    """These tests compare, whether or not the run was given --update-goldens."""
    monkeypatch.setattr(goldens, "UPDATE", False)


def test_equal_text_and_bytes_pass(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("é,1\r\n".encode())
    assert_matches_golden("é,1\r\n", path)
    assert_matches_golden("é,1\r\n".encode(), path)


@pytest.mark.parametrize("actual", ["é,1\n", "é,1\r\n ", b"e,1\r\n"])
def test_any_difference_fails_line_endings_included(tmp_path, actual):
    path = tmp_path / "a.csv"
    path.write_bytes("é,1\r\n".encode())
    with pytest.raises(AssertionError, match="--update-goldens"):
        assert_matches_golden(actual, path)


def test_a_missing_golden_fails_and_is_not_created(tmp_path):
    path = tmp_path / "new" / "a.txt"
    with pytest.raises(AssertionError, match="missing"):
        assert_matches_golden("x", path)
    assert not path.parent.exists()


def test_same_accepts_what_does_not_matter(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("a  b\n", encoding="utf-8")
    assert_matches_golden("a b\n", path, same=lambda actual, wanted: actual.split() == wanted.split())
    with pytest.raises(AssertionError):
        assert_matches_golden("a c\n", path, same=lambda actual, wanted: actual.split() == wanted.split())


def test_update_writes_the_golden(tmp_path, monkeypatch):
    monkeypatch.setattr(goldens, "UPDATE", True)
    path = tmp_path / "new" / "a.txt"
    assert_matches_golden("زمن\r\n", path)
    assert path.read_bytes() == "زمن\r\n".encode()
    assert_matches_golden(b"\x00\x01", path)
    assert path.read_bytes() == b"\x00\x01"


def test_the_option_sets_the_switch(pytestconfig, monkeypatch):
    monkeypatch.undo()  # the switch as the run's option left it
    assert goldens.UPDATE is pytestconfig.getoption("--update-goldens")


def test_no_test_has_its_own_switch():
    """One switch: no environment variable, no other writer of golden files."""
    for path in TESTS.rglob("*.py"):
        if path.name in ("goldens.py", "test_goldens.py"):
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"UPDATE_GOLDEN|environ.*GOLDEN", text), f"{path}: use goldens.assert_matches_golden"
