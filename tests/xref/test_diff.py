"""`isacs diff` between the mini fixture (edition 1) and tests/xref/fixtures/edition-2, which has one of
each change kind: added, removed, text changed, level changed, moved clause, withdrawn with replacement."""

from __future__ import annotations

import json

from isacs.cli.main import main
from isacs.xref import diff_report
from isacs.xref.diff import diff


def changes_by_key(result):
    return {c.key: c for c in result.changes()}


def test_each_change_kind_is_found(mini, edition2):
    changes = changes_by_key(diff(mini, edition2))
    assert changes["isacs/05.30#r005"].kinds == ("added",)
    assert changes["iatg/06.10#r003"].kinds == ("added",)
    assert changes["iatg/06.10#r002"].kinds == ("removed",)
    assert changes["isacs/05.30#r001"].kinds == ("text",)
    assert changes["isacs/05.30#r002"].kinds == ("level", "text")
    moved = changes["isacs/05.30#r003"]
    assert moved.kinds == ("moved",) and (moved.old_clause, moved.new_clause) == ("A", "3")
    withdrawn = changes["iatg/06.10#r001"]
    assert withdrawn.kinds == ("withdrawn",) and withdrawn.replaced_by == "iatg/06.10#r003"
    assert "isacs/05.30#r004" not in changes  # a tombstone in both editions is no change
    assert len(changes) == 7


def test_should_becoming_shall_is_flagged(mini, edition2):
    result = diff(mini, edition2)
    stronger = [c.key for c in result.changes() if c.strengthened]
    assert stronger == ["isacs/05.30#r002"]
    text = diff_report.to_markdown(result)
    warning = text.index("[!WARNING]")
    assert warning < text.index("### ISACS 05.30")  # above every module section
    assert "`isacs/05.30#r002` (clause 2.1.1): **should → shall**" in text
    assert "States ~~should~~ **shall** keep" in text  # word-level text diff


def test_reverse_diff_weakens_and_reports_reuse(mini, edition2):
    changes = changes_by_key(diff(edition2, mini))
    assert changes["isacs/05.30#r002"].weakened
    # edition 2 withdrew iatg/06.10#r001; giving it text again reuses a withdrawn ID
    assert "reused" in changes["iatg/06.10#r001"].kinds
    assert changes["isacs/05.30#r005"].kinds == ("removed",)


def test_module_fields_and_unchanged_diff(mini, edition2):
    result = diff(mini, edition2)
    fields = {m.module: dict((f, (o, n)) for f, o, n in m.fields) for m in result.modules}
    assert fields["isacs/05.30"]["version"] == ("1.0", "2.0")
    assert diff(mini, mini).modules == ()
    assert "No module or requirement changed." in diff_report.to_markdown(diff(mini, mini))


def test_id_map_follows_replacements(mini, edition2):
    id_map = diff(mini, edition2).id_map
    assert id_map == {
        "isacs/05.30#r001": "isacs/05.30#r001",
        "isacs/05.30#r002": "isacs/05.30#r002",
        "isacs/05.30#r003": "isacs/05.30#r003",
        "isacs/05.30#r004": "isacs/05.30#r002",
        "iatg/06.10#r001": "iatg/06.10#r003",
        "iatg/06.10#r002": None,
    }


def test_cli_writes_markdown_json_and_id_map(paths, tmp_path, capsys):
    out, report, id_map = tmp_path / "diff.md", tmp_path / "diff.json", tmp_path / "ids.json"
    rc = main(
        [
            "diff",
            str(paths["mini"]),
            str(paths["edition-2"]),
            "-o",
            str(out),
            "--json",
            str(report),
            "--id-map",
            str(id_map),
        ]
    )
    assert rc == 0
    assert out.read_text("utf-8").startswith("## Requirement changes:")
    data = json.loads(report.read_text("utf-8"))
    assert data["totals"]["added"] == 2 and data["totals"]["withdrawn"] == 1 and data["totals"]["level"] == 1
    r002 = next(c for m in data["modules"] for c in m["changes"] if c["key"] == "isacs/05.30#r002")
    assert r002["strengthened"] is True and r002["old_level"] == "should" and r002["new_level"] == "shall"
    assert json.loads(id_map.read_text("utf-8"))["map"]["iatg/06.10#r002"] is None


def test_cli_rejects_unknown_side_without_writing(paths, tmp_path, capsys):
    out = tmp_path / "diff.md"
    rc = main(["diff", "--root", str(tmp_path), "no-such-rev", str(paths["mini"]), "-o", str(out)])
    err = capsys.readouterr().err
    assert rc == 2 and not out.exists()
    assert err.strip().count("\n") == 0 and "no-such-rev: neither a folder nor a git revision" in err
