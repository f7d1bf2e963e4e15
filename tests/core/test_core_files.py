"""The one atomic write: whole files only, permission bits kept, nothing left behind by a failed write."""

from __future__ import annotations

import stat

import pytest

from isacs.core.files import write_atomically


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_is_world_readable_text_with_lf_line_ends(tmp_path):
    target = tmp_path / "index.en.md"
    write_atomically(target, "a\r\nb\n")
    assert target.read_bytes() == b"a\r\nb\n" and mode(target) == 0o644  # "\n" is never made "\r\n"
    write_atomically(target, "é\n")
    assert target.read_bytes() == "é\n".encode()


def test_an_existing_file_keeps_its_permission_bits_and_bytes_are_written_as_they_are(tmp_path):
    target = tmp_path / "checklist.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o664)
    write_atomically(target, b"\x00new\r\n")
    assert target.read_bytes() == b"\x00new\r\n" and mode(target) == 0o664


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path):
    target = tmp_path / "index.en.md"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(TypeError):
        write_atomically(target, 42)  # not text nor bytes
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.en.md"]
