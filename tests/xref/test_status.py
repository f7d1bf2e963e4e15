"""Translation status: complete after stamping, stale when English changes (and which requirement),
missing without a file; `isacs status` prints the matrix and exits 0."""

from __future__ import annotations

from isacs.cli.main import main
from isacs.core.files import write_atomically
from isacs.core.loader import load_corpus
from isacs.core.stamp import stamp_text
from isacs.xref import status


def cells(root):
    corpus, _ = load_corpus(root)
    return {(c.module, c.lang): c for row in status.matrix(corpus) for c in row}


def stamp(root, lang):
    corpus, _ = load_corpus(root)
    module = corpus.modules["isacs/05.30"]
    path = root / module.folder / f"index.{lang}.md"
    write_atomically(path, stamp_text(path.read_text("utf-8"), module, lang))


def test_complete_stale_and_missing(mini_copy):
    before = cells(mini_copy)
    assert before[("isacs/05.30", "fr")].state == "stale"  # translated but never stamped
    assert before[("isacs/05.30", "fr")].unstamped == ("r001", "r002", "r003")
    assert before[("isacs/05.30", "es")].state == "missing"
    assert before[("iatg/06.10", "fr")].state == "missing"

    stamp(mini_copy, "fr")
    stamped = cells(mini_copy)
    assert stamped[("isacs/05.30", "fr")].state == "complete"
    assert stamped[("isacs/05.30", "ar")].state == "stale"  # not stamped: untouched

    english = mini_copy / "modules/isacs/05.30/index.en.md"
    text = english.read_text("utf-8")
    english.write_text(text.replace("States should keep each", "States should keep every"), "utf-8")
    changed = cells(mini_copy)[("isacs/05.30", "fr")]
    assert changed.state == "stale" and changed.changed == ("r002",) and changed.unstamped == ()


def test_cli_prints_matrix_and_exits_0(mini_copy, capsys):
    stamp(mini_copy, "fr")
    english = mini_copy / "modules/isacs/05.30/index.en.md"
    english.write_text(english.read_text("utf-8").replace("mark each item", "mark every item"), "utf-8")
    assert main(["status", "--root", str(mini_copy)]) == 0
    out = capsys.readouterr().out
    header, first = out.splitlines()[:2]
    assert header.split() == ["module", "fr", "es", "ar", "ru", "zh"]
    assert first.split() == ["isacs/05.30", "stale", "1", "-", "stale", "3", "-", "-"]
    assert "isacs/05.30 [fr] English changed: r001" in out
    assert "isacs/05.30 [ar] not stamped: r001, r002, r003" in out


def test_cli_status_json(paths, capsys):
    import json

    assert main(["status", "--root", str(paths["mini"]), "--format", "json", "--lang", "ar"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["languages"] == ["ar"]
    assert data["modules"][0]["languages"]["ar"]["state"] == "stale"
    assert data["totals"] == {"complete": 0, "stale": 1, "missing": 1}
