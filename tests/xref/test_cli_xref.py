"""`isacs xref`: each table in each format; errors are one line with a non-zero exit."""

from __future__ import annotations

import csv
import io
import json

from isacs.cli.main import main


def test_csv_output_matches_golden(paths, golden, capsys):
    assert main(["xref", "counts", "--root", str(paths["mini"]), "--format", "csv"]) == 0
    assert capsys.readouterr().out == (golden / "counts.csv").read_text("utf-8")


def test_gaps_only(paths, capsys):
    assert main(["xref", "--root", str(paths["edition-2"]), "--gaps", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert [(r["instrument"], r["provision"]) for r in rows] == [("ITI", "16")]


def test_markdown_table_in_arabic(paths, capsys):
    assert main(["xref", "modules", "--root", str(paths["mini"]), "--lang", "ar"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("| من الوحدة | إلى الوحدة |")
    assert lines[2] == "| isacs/05.30 | iatg/06.10 | related module | 1 |  |"


def test_output_file_is_parseable_csv(paths, tmp_path):
    out = tmp_path / "sub" / "requirements.csv"
    assert main(["xref", "requirements", "--root", str(paths["mini"]), "--format", "csv", "-o", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
    assert rows[0][:2] == ["Module", "Requirement"] and len(rows) == 6


def test_gaps_on_other_table_is_an_error(paths, capsys):
    assert main(["xref", "counts", "--root", str(paths["mini"]), "--gaps"]) == 2
    assert capsys.readouterr().err.strip() == "isacs: --gaps applies to the provisions table, not 'counts'"


def test_broken_sources_refused(mini_copy, tmp_path, capsys):
    (mini_copy / "modules/isacs/05.30/index.en.md").write_text("---\nseries: [\n---\n", "utf-8")
    out = tmp_path / "x.csv"
    assert main(["xref", "--root", str(mini_copy), "-o", str(out)]) == 1
    assert not out.exists()
    assert "isacs check" in capsys.readouterr().err
