"""The XLSX row-height estimate's shortcuts give what a look at every character gives."""

from __future__ import annotations

import unicodedata

from isacs.checklists import xlsx


def _tall_by_hand(char: str) -> bool:
    wide = unicodedata.east_asian_width(char) in ("W", "F") and not unicodedata.combining(char)
    return wide or "\u0600" <= char <= "\u08ff" or "\ufb50" <= char <= "\ufdff" or "\ufe70" <= char <= "\ufefe"


def test_the_tall_scan_misses_no_character_of_the_basic_plane():
    # The scan skips characters below U+0600 unless Python's tables count them wide: every one is checked.
    differ = [hex(c) for c in range(0x10000) if xlsx._tall(f"abc {chr(c)} def") != _tall_by_hand(chr(c))]
    assert differ == []


def test_latin_and_cyrillic_are_not_tall_arabic_and_cjk_are():
    assert not xlsx._tall("Marking and record-keeping — Маркировка и учёт")
    assert xlsx._tall("Marking — الوسم")
    assert xlsx._tall("Marking — 标识")


def test_a_repeated_word_wraps_as_often_the_second_time():
    # Word widths are cached: a word measured before must count the same in another cell.
    text = "Identificación " * 12 + "标识和记录保存" * 3
    first = xlsx.wrapped_lines(text, 20)
    assert xlsx.wrapped_lines(text, 20) == first
    assert xlsx.wrapped_lines(text, 40) < first
