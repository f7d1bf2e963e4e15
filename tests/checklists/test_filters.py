"""Filters select exactly the matching requirements, in reading order, never a withdrawn one."""

from __future__ import annotations

import json

import pytest

from checklist_testkit import run_cli


def keys(root, *args) -> list[str]:
    code, out, err = run_cli("--root", str(root), "--format", "json", *args)
    assert code == 0, err
    return [r["key"] for m in json.loads(out)["modules"] for r in m["requirements"]]


@pytest.mark.parametrize(
    "args, expected",
    [
        (("--level", "shall", "--actor", "manufacturer"), ["isacs/05.30#r001"]),
        ((), ["isacs/05.30#r001", "isacs/05.30#r002", "isacs/05.30#r003", "iatg/06.10#r001", "iatg/06.10#r002"]),
        (("--actor", "manufacturer"), ["isacs/05.30#r001", "isacs/05.30#r002"]),
        (
            ("--actor", "stockpile-manager", "--actor", "manufacturer", "--level", "should"),
            ["isacs/05.30#r002", "iatg/06.10#r002"],
        ),
        (("--level", "may"), ["isacs/05.30#r003"]),
        (("--series", "iatg", "--rrpl", "3"), ["iatg/06.10#r002"]),
        (("--rrpl", "1"), ["iatg/06.10#r001"]),  # ISACS requirements carry no RRPL, so none match
        (
            ("--module", "iatg/06.10", "--module", "isacs/05.30", "--level", "shall"),
            ["isacs/05.30#r001", "iatg/06.10#r001"],
        ),  # corpus order, whatever order they were asked in
    ],
)
def test_filters_give_exactly_the_matching_ids(mini, args, expected):
    assert keys(mini, *args) == expected


def test_withdrawn_requirement_is_never_listed(mini):
    assert "isacs/05.30#r004" not in keys(mini, "--module", "isacs/05.30")


def test_language_changes_text_not_selection(mini):
    code, out, _ = run_cli("--root", str(mini), "--format", "json", "--module", "isacs/05.30", "--lang", "fr")
    data = json.loads(out)
    module = data["modules"][0]
    assert (module["title"], module["text_language"]) == ("Fixture de marquage", "fr")
    assert [r["id"] for r in module["requirements"]] == ["r001", "r002", "r003"]
    assert module["requirements"][0]["verbal_form"] == "doit"


def test_untranslated_module_falls_back_to_english_text(mini):
    code, out, _ = run_cli("--root", str(mini), "--format", "json", "--module", "iatg/06.10", "--lang", "ar")
    module = json.loads(out)["modules"][0]
    assert module["text_language"] == "en"
    assert module["requirements"][0]["text"] == "The stockpile manager shall keep a licence for each facility."
    assert module["requirements"][0]["verbal_form"] == "يجب"  # interface strings stay in the asked language
