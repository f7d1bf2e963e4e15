"""The one atomic write (whole files only, permission bits kept, nothing left behind by a failed write) and the
one cache prune (the newest kept, writers' temporary files and concurrent removals left alone)."""

from __future__ import annotations

import os
import stat

import pytest

from isacs.core.files import prune_oldest, write_atomically


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


def _cache_files(folder, count):
    for index in range(count):
        path = folder / f"entry{index}.json"
        path.write_text(str(index))
        os.utime(path, (1_000_000 + index, 1_000_000 + index))  # entry0 the oldest


def test_prune_keeps_the_newest_and_leaves_writers_temporary_files(tmp_path):
    _cache_files(tmp_path, 5)
    (tmp_path / ".entry9.json.abc.tmp").write_text("being written")
    os.utime(tmp_path / ".entry9.json.abc.tmp", (1, 1))  # older than every entry, still not pruned
    prune_oldest(tmp_path, 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".entry9.json.abc.tmp", "entry3.json", "entry4.json"]


def test_prune_skips_a_file_another_build_removed_after_the_listing(tmp_path, monkeypatch):
    # Forked language builds prune one page cache at once, and a checklist thread renames its files
    # into the folder another thread prunes: a listed file may be gone when it is looked at.
    _cache_files(tmp_path, 5)
    listed = os.scandir

    def listing_then_removal(path):
        entries = list(listed(path))
        (tmp_path / "entry1.json").unlink()
        return iter(entries)

    monkeypatch.setattr(os, "scandir", listing_then_removal)
    prune_oldest(tmp_path, 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entry3.json", "entry4.json"]


def test_prune_of_a_missing_folder_does_nothing(tmp_path):
    prune_oldest(tmp_path / "absent", 2)
    prune_oldest(None, 2)
    assert not (tmp_path / "absent").exists()
