"""One precise error per mistake (issue 11): a broken file gives the error in that file and nothing else — no
"module does not exist" cascade through the glossary and the other modules — and every code has a fix hint
(`isacs check --explain CODE`).

Each case breaks one file of a copy of the bundled corpus and runs the real CLI in-process."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest

from isacs.cli.main import main
from isacs.core.codes import CODES
from isacs.core.loader import load_corpus

REPO = Path(__file__).resolve().parents[2]
EN = "modules/isacs/05.30/index.en.md"
FR = "modules/isacs/05.30/index.fr.md"
OTHER_EN = "modules/isacs/05.31/index.en.md"
DIAGNOSTIC = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning) (?P<code>[EW]\d{3}) "
)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bundled")
    for name in ("modules", "glossary"):
        shutil.copytree(REPO / name, root / name)
    return root


@pytest.fixture
def corpus(tmp_path, pristine) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(pristine, root)
    return root


def check(root: Path, capsys, *options: str) -> tuple[int, list[str], str]:
    """`isacs check` as an editor runs it: (exit status, diagnostic lines, stderr)."""
    capsys.readouterr()
    status = main(["check", "--root", str(root), "--format", "gcc", *options])
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "internal error" not in out.err, out.err
    return status, out.out.splitlines(), out.err


@pytest.fixture(scope="module")
def baseline(pristine) -> set[str]:
    """What the untouched corpus prints (nothing, unless a rule warns about it): never blamed on a case."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["check", "--root", str(pristine), "--format", "gcc"])
    assert status == 0, out.getvalue()
    return set(out.getvalue().splitlines())


def _lines(root: Path, path: str) -> list[str]:
    return (root / path).read_text("utf-8").split("\n")


def _write(root: Path, path: str, lines: list[str]) -> None:
    (root / path).write_text("\n".join(lines), "utf-8")


def _index(lines: list[str], wanted: str, start: int = 0) -> int:
    return next(i for i in range(start, len(lines)) if lines[i] == wanted)


# Each edit breaks index.en.md of isacs/05.30 and returns the start of the one line `isacs check` must print.


def duplicate_key(root: Path) -> str:
    lines = _lines(root, EN)
    i = _index(lines, "  r002:")
    lines[i] = "  r001:"
    _write(root, EN, lines)
    return f'{EN}:{i + 1}:3: error E005 duplicate key "r001"'


def tab_in_front_matter(root: Path) -> str:
    lines = _lines(root, EN)
    i = _index(lines, "    level: shall")
    lines[i] = "\tlevel: shall"
    _write(root, EN, lines)
    return f"{EN}:{i + 1}:1: error E003 invalid YAML"


def unclosed_front_matter(root: Path) -> str:
    lines = _lines(root, EN)
    del lines[_index(lines, "---", 1)]
    _write(root, EN, lines)
    return f"{EN}:1:1: error E004 front matter is not closed"


def unknown_level(root: Path) -> str:
    lines = _lines(root, EN)
    i = _index(lines, "    level: shall")
    lines[i] = "    level: must"
    _write(root, EN, lines)
    return f"{EN}:{i + 1}:5: error E004 requirements/r001/level: 'must' is not one of"


BREAKS = [duplicate_key, tab_in_front_matter, unclosed_front_matter, unknown_level]


@pytest.mark.parametrize("breaks", BREAKS, ids=lambda f: f.__name__)
def test_one_broken_english_file_gives_exactly_one_error(corpus, capsys, baseline, breaks):
    expected = breaks(corpus)
    status, lines, err = check(corpus, capsys)
    new = [line for line in lines if line not in baseline]
    errors = [line for line in new if " error " in line]
    assert len(errors) == 1, "\n".join(lines)
    assert errors[0].startswith(expected), errors[0]
    assert new == errors, "\n".join(lines)  # no warning cascades either
    assert lines[0] == errors[0]  # the first line printed is the cause
    assert status == 1
    assert "1 error(s)" in err


def test_a_tab_is_named_in_the_message(corpus, capsys):
    tab_in_front_matter(corpus)
    _, lines, _ = check(corpus, capsys)
    assert "indent YAML with spaces, not tabs" in lines[0]


def test_a_broken_module_is_still_declared(corpus):
    """The folder declares the module: references to it resolve, its contents are unknown."""
    duplicate_key(corpus)
    loaded, _ = load_corpus(corpus)
    assert "isacs/05.30" not in loaded.modules
    assert loaded.unread_modules == {"isacs/05.30": EN}


def test_links_into_a_broken_module_say_nothing_but_unknown_modules_still_error(corpus, capsys):
    unknown_level(corpus)
    lines = _lines(corpus, OTHER_EN)
    lines += [
        "",
        "See [r001](req:isacs/05.30#r001), [r999](req:isacs/05.30#r999), "
        "[ISACS 05.30](module:isacs/05.30) and [ISACS 09.99](module:isacs/09.99).",
        "Also [r001](req:isacs/09.99#r001).",
        "",
    ]
    _write(corpus, OTHER_EN, lines)
    status, out, _ = check(corpus, capsys)
    errors = [line for line in out if " error " in line]
    assert status == 1
    assert errors[0].startswith(f"{EN}:"), "\n".join(out)
    others = [line for line in errors if not line.startswith(f"{EN}:")]
    assert len(others) == 2 and all(line.startswith(f"{OTHER_EN}:") and " E010 " in line for line in others), "\n".join(
        out
    )
    assert "unknown module 'isacs/09.99'" in others[0] and "isacs/09.99" in others[1]


def test_translations_of_a_broken_english_file_are_not_compared_with_it(corpus, capsys):
    """No E008/E009/W102 against an English tree nobody could read; the translation's own errors still count."""
    unknown_level(corpus)
    fr = _lines(corpus, FR)
    marker = next(i for i, line in enumerate(fr) if line.startswith("{: #r00"))
    del fr[marker]  # would be E008 (and its text a paragraph without ID)
    heading = next(i for i, line in enumerate(fr) if line.startswith("### "))
    fr[heading] = "#" + fr[heading]  # would be W102 (and E018: a level skipped, the file's own problem)
    _write(corpus, FR, fr)
    _, lines, _ = check(corpus, capsys)
    codes = [DIAGNOSTIC.match(line).group("code") for line in lines]
    assert not {"E008", "E009", "W102", "W103"} & set(codes), "\n".join(lines)
    assert lines[0].startswith(f"{EN}:")
    assert all(line.startswith((f"{EN}:", f"{FR}:")) for line in lines), "\n".join(lines)


@pytest.mark.parametrize(
    "front_matter, expected",
    [
        (["---", "title: Marquage: et registres", "---"], f"{FR}:2:"),
        (["---", "title: Marquage", ""], f"{FR}:1:1: error E004 front matter is not closed"),
        (["---", "title: Marquage", "status: draft", "---"], f"{FR}:3:1: error E015"),
    ],
    ids=["yaml", "unclosed", "english-only-key"],
)
def test_a_broken_translation_gives_errors_in_that_file_only(corpus, capsys, baseline, front_matter, expected):
    fr = _lines(corpus, FR)
    body = fr[_index(fr, "---", 1) + 1 :]
    _write(corpus, FR, front_matter + body)
    status, lines, _ = check(corpus, capsys)
    new = [line for line in lines if line not in baseline]
    assert len(new) == 1 and new[0].startswith(expected), "\n".join(lines)
    assert status == 1


def test_diagnostics_of_a_file_come_together_in_order(corpus, capsys):
    """Several mistakes: sorted by file, then line; each file's lines contiguous."""
    duplicate_key(corpus)
    marking = corpus / "glossary/concepts/marking.yaml"
    marking.write_text(marking.read_text("utf-8").replace("id: marking", "id: marks", 1), "utf-8")
    other = _lines(corpus, OTHER_EN)
    other += ["", "See [x](term:no-such-term) and [y](module:isacs/09.99).", ""]
    _write(corpus, OTHER_EN, other)
    _, lines, _ = check(corpus, capsys)
    keys = [(m.group("path"), int(m.group("line")), int(m.group("col"))) for m in map(DIAGNOSTIC.match, lines)]
    assert keys == sorted(keys), "\n".join(lines)
    paths = [path for path, _, _ in keys]
    assert paths == sorted(paths) and len(set(paths)) == 3, "\n".join(lines)
    assert [p for i, p in enumerate(paths) if i == 0 or paths[i - 1] != p] == sorted(set(paths))


# --- fix hints ------------------------------------------------------------------------------------------------


def _readme_codes() -> set[str]:
    text = (REPO / "README.md").read_text("utf-8")
    return set(re.findall(r"^\| ([EWF]\d{3}) \|", text, re.M))


def _source_codes() -> set[str]:
    """Every code the sources emit: a quoted "E0NN" / "W1NN" anywhere in src/ (this table left out)."""
    found = set()
    for path in (REPO / "src").rglob("*.py"):
        if path.name == "codes.py" and path.parent.name == "core":
            continue
        found |= set(re.findall(r"""["'](E0\d\d|W1\d\d|F0\d\d)["']""", path.read_text("utf-8")))
    return found


def test_every_documented_code_has_a_hint():
    readme = _readme_codes()
    assert {f"E{n:03d}" for n in range(1, 28)} | {"W101", "W102", "W103"} <= readme
    assert readme - set(CODES) == set(), "codes in README.md's table without an entry in src/isacs/core/codes.py"


def test_every_emitted_code_has_a_hint_and_every_hint_a_code():
    emitted = _source_codes()
    assert emitted - set(CODES) == set(), "codes used in src/ without an entry in src/isacs/core/codes.py"
    assert set(CODES) - emitted - _readme_codes() == set(), "entries in codes.py for codes nothing emits"
    for code, entry in CODES.items():
        assert entry.meaning and entry.example and entry.fix, code


def test_explain_prints_meaning_example_and_fix(capsys):
    assert main(["check", "--explain", "E005"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("E005 (error): duplicate module ID or duplicate requirement ID")
    assert "Example of the mistake:" in out and "How to fix it:" in out and "r001" in out
    assert main(["check", "--explain", "w103"]) == 0  # any case
    assert capsys.readouterr().out.startswith("W103 (warning): ")


def test_explain_of_an_unknown_code_is_a_usage_error(capsys):
    assert main(["check", "--explain", "E999"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "unknown code 'E999'" in captured.err and "E001" in captured.err


def test_check_names_the_codes_to_explain_after_its_summary(corpus, capsys):
    unknown_level(corpus)
    _, _, err = check(corpus, capsys)
    assert err.rstrip("\n").split("\n")[-1] == "run `isacs check --explain CODE` for how to fix (E004)"
    capsys.readouterr()
    main(["check", "--root", str(corpus), "--format", "github"])
    assert "--explain" not in capsys.readouterr().err


def test_clean_corpus_prints_no_hint(pristine, capsys):
    status, lines, err = check(pristine, capsys)
    assert status == 0 and "--explain" not in err
