"""Bad filters and bad requests: one clear line, exit 2, and no file written (not even a partial one)."""

from __future__ import annotations

import pytest

from checklist_testkit import run_cli


@pytest.mark.parametrize(
    "args, message",
    [
        (("--module", "isacs/99.99"), "unknown module 'isacs/99.99' (known: isacs/05.30, iatg/06.10)"),
        (("--actor", "pirate"), "unknown actor 'pirate' (known: manufacturer, national-authority, stockpile-manager)"),
        (("--lang", "de"), "unknown language 'de' (known: en, fr, es, ar, ru, zh)"),
        (("--level", "must"), "unknown verbal form 'must' (known: shall, should, may)"),
        (("--series", "mosaic"), "unknown series 'mosaic' (known: isacs, iatg)"),
        (("--rrpl", "4"), "unknown RRPL level '4' (known: 1, 2, 3)"),
        (("--rrpl", "high"), "unknown RRPL level 'high' (known: 1, 2, 3)"),
        (("--module", "isacs/05.30", "--rrpl", "1"), "no requirement matches the filters"),
        (("--format", "docx"), "unknown format 'docx' (known: xlsx, csv, json, pdf)"),
    ],
)
@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_bad_filter_exits_2_and_writes_nothing(mini, tmp_path, args, message, fmt):
    output = tmp_path / "out" / f"checklist.{fmt}"
    code, out, err = run_cli("--root", str(mini), *args, "-o", str(output))
    assert code == 2
    assert err == f"isacs checklist: error: {message}\n"
    assert out == ""
    assert not output.exists()
    assert not any(output.parent.glob("*")) if output.parent.exists() else True


def test_binary_format_needs_an_output_file(mini):
    code, out, err = run_cli("--root", str(mini), "--format", "pdf")
    assert (code, out) == (2, "")
    assert err == "isacs checklist: error: PDF is binary: give an output file with -o\n"


def test_format_needed_when_output_has_no_known_extension(mini, tmp_path):
    code, _, err = run_cli("--root", str(mini), "-o", str(tmp_path / "checklist"))
    assert code == 2 and "give --format (xlsx, csv, json, pdf)" in err
    assert not (tmp_path / "checklist").exists()


def test_sources_with_errors_are_refused(mini, tmp_path):
    english = mini / "modules" / "isacs" / "05.30" / "index.en.md"
    english.write_text(english.read_text("utf-8").replace("actors: [manufacturer]", "actors: [nobody]"), "utf-8")
    output = tmp_path / "checklist.csv"
    code, _, err = run_cli("--root", str(mini), "-o", str(output))
    assert code == 1
    assert "E012" in err and "Traceback" not in err
    assert not output.exists()


def test_existing_file_is_left_alone_on_error(mini, tmp_path):
    output = tmp_path / "checklist.csv"
    output.write_text("previous", "utf-8")
    assert run_cli("--root", str(mini), "--actor", "pirate", "-o", str(output))[0] == 2
    assert output.read_text("utf-8") == "previous"
