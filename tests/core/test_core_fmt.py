"""`isacs fmt`: the canonical form of module front matter and glossary YAML (src/isacs/core/fmt.py).

The bundled corpus is canonical (zero diff); messy files are fixed once and for all (idempotence); nothing
is ever lost (comments, values, the Markdown body); broken files are reported as `isacs check` reports them
and left untouched."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core_testkit import REPO, assert_clean_failure, isacs
from isacs.cli.main import main
from isacs.core import fmt, yamlio
from isacs.core.validate import check_repository

EN = "modules/isacs/05.30/index.en.md"
CONCEPT = "glossary/concepts/marking.yaml"


def copy_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for name in ("modules", "glossary"):
        shutil.copytree(REPO / name, root / name)
    return root


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["fmt", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


# A module file written carelessly: CRLF, `...` closer, 4-space indent, unquoted number/edition/version,
# single quotes, trailing spaces, comments everywhere, blank lines at the end.
MESSY_MODULE = (
    "---   \n"
    "# top comment\n"
    "series:    isacs   \n"
    "number: 05.30\n"
    "title: Marking  # inline   \n"
    "edition: 2026\n"
    "version: 1.10\n"
    "date: 2026-03-01\n"
    "status: draft\n"
    "requirements:   # reqs\n"
    "      # before r001, too deep\n"
    "    r001:\n"
    "        level: shall     # lvl\n"
    "        actors:\n"
    "        - manufacturer   # a1\n"
    "        -   importer\n"
    '        refs: [ "ITI 7",\n'
    '           "ITI 8"]\n'
    "# between, too shallow\n"
    "    r002:\n"
    "        withdrawn: '2025'\n"
    "        replaced_by: r001\n"
    "# dedented end comment\n"
    "    # indented end comment\n"
    "\n"
    "...\n"
    "\n"
    "## Scope\n"
    "\n"
    "A hard line break  \n"
    "The manufacturer shall mark. # not a YAML comment\n"
    "{: #r001 }\n"
    "\n\n\n"
).replace("\n", "\r\n")

CANONICAL_MODULE = (
    "---\n"
    "# top comment\n"
    "series: isacs\n"
    'number: "05.30"\n'
    "title: Marking  # inline\n"
    'edition: "2026"\n'
    'version: "1.10"\n'
    "date: 2026-03-01\n"
    "status: draft\n"
    "requirements:   # reqs\n"
    "  # before r001, too deep\n"
    "  r001:\n"
    "    level: shall         # lvl\n"
    "    actors:\n"
    "      - manufacturer     # a1\n"
    "      - importer\n"
    '    refs: ["ITI 7", "ITI 8"]\n'
    "  # between, too shallow\n"
    "  r002:\n"
    '    withdrawn: "2025"\n'
    "    replaced_by: r001\n"
    "# dedented end comment\n"
    "# indented end comment\n"
    "---\n"
    "\n"
    "## Scope\n"
    "\n"
    "A hard line break  \n"
    "The manufacturer shall mark. # not a YAML comment\n"
    "{: #r001 }\n"
)

MESSY_GLOSSARY = (
    "\ufeff# concept file\n"
    "id: marking    \n"
    "source: isacs/05.30\n"
    "languages:\n"
    "    en:   # English first\n"
    "        designations:\n"
    "        - marking\n"
    "        - marquage   # a synonym?\n"
    "        abbreviation: null\n"
    "        definition: 'Application of a mark.'\n"
    '        notes: ["Keep: this note"]\n'
    "        # a comment closing the mapping\n"
    "    fr:\n"
    "        designations: [marquage]\n"
    "        definition: >-\n"
    "            Apposition d'une marque\n"
    "            # pas un commentaire\n"
    "\n\n"
)


def comment_texts(text: str) -> list[str]:
    return [c for _, _, c in fmt.comments(text)]


# --- the bundled corpus is canonical -------------------------------------------------------------------------


def test_bundled_corpus_is_canonical_zero_diff(tmp_path, capsys):
    root = copy_corpus(tmp_path)
    before = snapshot(root)
    assert len(before) >= 60
    code, out, err = run(capsys, "--check", "--root", str(root))
    assert (code, out) == (0, "")
    assert f"{len(before)} file(s) checked, 0 would be reformatted" in err
    code, out, err = run(capsys, "--root", str(root))
    assert (code, out) == (0, "")
    assert snapshot(root) == before  # same bytes, and not even rewritten (same mtimes)


def test_every_bundled_source_formats_to_itself():
    files = sorted(REPO.glob("modules/*/*/index.*.md")) + sorted(REPO.glob("glossary/**/*.yaml"))
    for path in files:
        result = fmt.format_file(path, path.relative_to(REPO).as_posix())
        assert result.problems == () and result.text is not None, path
        assert not result.changed and result.text.encode() == path.read_bytes(), path


# --- the canonical form ---------------------------------------------------------------------------------------


def test_messy_module_file_gets_the_canonical_form(tmp_path, capsys):
    path = tmp_path / "index.en.md"
    path.write_bytes(MESSY_MODULE.encode())
    code, out, _ = run(capsys, str(path))
    assert code == 0 and out == f"{path.as_posix()}: reformatted\n"
    assert path.read_bytes() == CANONICAL_MODULE.encode()


def test_version_is_quoted_from_its_text_never_from_a_float(tmp_path):
    path = tmp_path / "index.en.md"
    path.write_text("---\nnumber: 05.30\nedition: 2011\nversion: 2.10\n---\n", "utf-8")
    result = fmt.format_file(path, "x")
    assert result.text == '---\nnumber: "05.30"\nedition: "2011"\nversion: "2.10"\n---\n'


def test_messy_glossary_file_gets_the_canonical_form(tmp_path):
    path = tmp_path / "marking.yaml"
    path.write_bytes(MESSY_GLOSSARY.encode())
    result = fmt.format_file(path, "marking.yaml")
    assert result.problems == () and result.changed
    assert result.text == (
        "# concept file\n"
        "id: marking\n"
        "source: isacs/05.30\n"
        "languages:\n"
        "  en:     # English first\n"  # an end-of-line comment keeps its column
        "    designations:\n"
        "      - marking\n"
        "      - marquage     # a synonym?\n"
        "    abbreviation: null\n"
        "    definition: 'Application of a mark.'\n"
        '    notes: ["Keep: this note"]\n'
        "  # a comment closing the mapping\n"  # a comment of its own line: indented like the next line
        "  fr:\n"
        "    designations: [marquage]\n"
        "    definition: >-\n"
        "      Apposition d'une marque\n"
        "      # pas un commentaire\n"
    )


@pytest.mark.parametrize(
    "name,text",
    [
        ("index.en.md", MESSY_MODULE),
        ("marking.yaml", MESSY_GLOSSARY),
        (
            "index.fr.md",
            "---\ntitle:   Marquage\ntranslation_of:\n    r001: '76164383'\n    r002:   ff9aef3b   \n---\nTexte.",
        ),
    ],
)
def test_fmt_twice_is_fmt_once(tmp_path, capsys, name, text):
    path = tmp_path / name
    path.write_bytes(text.encode())
    assert run(capsys, str(path))[0] == 0
    once = path.read_bytes()
    assert once != text.encode()
    code, out, _ = run(capsys, "--check", str(path))
    assert (code, out) == (0, "")
    assert run(capsys, str(path))[:2] == (0, "")
    assert path.read_bytes() == once


def test_translation_front_matter_keeps_its_quoting_and_gets_no_module_quoting(tmp_path):
    path = tmp_path / "index.fr.md"
    path.write_text(
        "---\ntitle: Marquage\ntranslation_of:\n  r001: '76164383'\n  r002: ff9aef3b\n---\nTexte.\n", "utf-8"
    )
    result = fmt.format_file(path, "index.fr.md")
    assert result.problems == () and not result.changed


# --- nothing is lost ------------------------------------------------------------------------------------------


def test_every_comment_and_value_is_kept(tmp_path):
    path = tmp_path / "index.en.md"
    path.write_bytes(MESSY_MODULE.encode())
    result = fmt.format_file(path, "x")
    source = MESSY_MODULE.replace("\r\n", "\n").split("\n...\n")[0]
    expected = [
        "# top comment",
        "# inline",
        "# reqs",
        "# before r001, too deep",
        "# lvl",
        "# a1",
        "# between, too shallow",
        "# dedented end comment",
        "# indented end comment",
    ]
    assert comment_texts(source) == expected
    assert comment_texts(result.text.split("\n---\n")[0]) == expected
    assert "The manufacturer shall mark. # not a YAML comment" in result.text  # the body is not YAML


def test_comment_inside_a_flow_list_is_refused_not_dropped(tmp_path, capsys):
    path = tmp_path / "x.yaml"
    text = "id: x\nlist: [a,   # would be lost\n  b]\n"
    path.write_text(text, "utf-8")
    code, out, err = run(capsys, str(path))
    assert code == 1
    assert out.startswith(f"{path.as_posix()}:2:13: error F001 ")
    assert path.read_text("utf-8") == text


def test_rewrite_keeps_the_file_mode_and_only_touches_changed_files(tmp_path, capsys):
    root = copy_corpus(tmp_path)
    path = root / EN
    path.write_text(path.read_text("utf-8").replace('number: "05.30"', "number: 05.30"), "utf-8")
    os.chmod(path, 0o640)
    before = snapshot(root)
    code, out, _ = run(capsys, "--root", str(root))
    assert (code, out) == (0, f"{EN}: reformatted\n")
    after = snapshot(root)
    assert [k for k in before if before[k] != after[k]] == [EN]
    assert path.read_bytes() == (REPO / EN).read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert not list(path.parent.glob(".*.tmp"))


# --- --check --------------------------------------------------------------------------------------------------


def test_check_lists_files_that_would_change_and_changes_nothing(tmp_path, capsys):
    root = copy_corpus(tmp_path)
    (root / EN).write_text((root / EN).read_text("utf-8").replace("status: published", "status:   published"), "utf-8")
    (root / CONCEPT).write_bytes((root / CONCEPT).read_bytes().replace(b"\n", b"\r\n"))
    before = snapshot(root)
    code, out, err = run(capsys, "--check", "--root", str(root))
    assert code == 1
    assert out.splitlines() == [f"{EN}: would be reformatted", f"{CONCEPT}: would be reformatted"]
    assert "2 would be reformatted" in err
    assert snapshot(root) == before
    code, out, _ = run(capsys, "--check", "--root", str(root), str(root / "modules" / "iatg"))
    assert (code, out) == (0, "")  # only the paths given


def test_paths_that_are_not_sources_are_refused(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("x", "utf-8")
    assert run(capsys, str(tmp_path / "notes.txt"))[0] == 2
    code, _, err = run(capsys, str(tmp_path / "missing.yaml"))
    assert code == 2 and "no such file" in err


# --- broken files: the `isacs check` line, exit 1, untouched --------------------------------------------------


@pytest.mark.parametrize(
    "path,old,new",
    [
        (EN, "status: published", "status: [published"),  # E003
        (EN, "  r002:", "  r001:"),  # E005 duplicate key
        (CONCEPT, "id: marking", "id: &a marking"),  # E023 anchor
        (EN, "title: Marking and recordkeeping", "title: !!str Marking"),  # E024 tag
    ],
)
def test_bad_yaml_is_reported_like_isacs_check_and_left_untouched(tmp_path, path, old, new):
    root = copy_corpus(tmp_path)
    file = root / path
    text = file.read_text("utf-8")
    assert text.count(old) == 1
    file.write_text(text.replace(old, new), "utf-8")
    broken = file.read_bytes()
    result = isacs("fmt", "--root", str(root), cwd=root)  # a fresh interpreter, as an editor runs it
    assert_clean_failure(result)
    assert result.returncode == 1
    _, problems = check_repository(root)
    expected = [p.format() for p in problems if p.location.path == path and p.code in ("E003", "E005", "E023", "E024")]
    assert expected and result.lines == expected
    assert file.read_bytes() == broken


def test_missing_front_matter_is_reported_and_left_untouched(tmp_path, capsys):
    path = tmp_path / "index.en.md"
    path.write_text("## Scope\n\nNo front matter.\n", "utf-8")
    code, out, _ = run(capsys, str(path))
    assert code == 1 and " error E004 missing front matter" in out
    assert path.read_text("utf-8") == "## Scope\n\nNo front matter.\n"


def _mess_up(text: str, markdown: bool) -> str:
    """Double every YAML indent, add trailing spaces, `...` as closer, blank lines at the end, CRLF."""

    def messy(line: str) -> str:
        indent = len(line) - len(line.lstrip())
        return " " * (2 * indent) + line.lstrip() + "  " if line.strip() else line

    if markdown:
        lines = text.split("\n")
        end = lines.index("---", 1)
        text = "---  \n" + "\n".join(map(messy, lines[1:end])) + "\n\n...\n" + "\n".join(lines[end + 1 :]) + "\n\n"
    else:
        text = "\n".join(map(messy, text.split("\n"))) + "\n\n"
    return text.replace("\n", "\r\n")


def test_messed_up_copies_of_every_bundled_source_format_back_to_it(tmp_path):
    files = sorted(REPO.glob("modules/*/*/index.*.md")) + sorted(REPO.glob("glossary/**/*.yaml"))
    for path in files:
        original = path.read_text("utf-8")
        messy = tmp_path / path.name
        messy.write_bytes(_mess_up(original, path.suffix == ".md").encode())
        result = fmt.format_file(messy, path.name)
        assert result.changed and result.text == original, path


# --- property: any block-style YAML with comments anywhere formats losslessly and idempotently ------------------

WORD = st.text("abcdefgh", min_size=1, max_size=6)
COMMENT = st.builds(lambda words: "# " + " ".join(words), st.lists(WORD, min_size=1, max_size=3))
SCALAR = st.one_of(
    WORD, st.integers(0, 3000).map(str), st.just('"a # b: c"'), st.just("'x: y'"), st.just("05.30"), st.just("null")
)
VALUE = st.recursive(
    st.one_of(SCALAR, st.lists(WORD, max_size=3).map(lambda items: ("flow", items))),
    lambda inner: st.one_of(
        st.lists(SCALAR, min_size=1, max_size=3).map(lambda items: ("block", items)),
        st.dictionaries(WORD, inner, min_size=1, max_size=3),
    ),
    max_leaves=8,
)


@st.composite
def documents(draw) -> str:
    width = draw(st.integers(2, 5))
    lines: list[str] = []

    def eol() -> str:
        return " " * draw(st.integers(1, 4)) + draw(COMMENT) if draw(st.booleans()) else ""

    def mapping(data: dict, indent: int) -> None:
        for key, value in data.items():
            if draw(st.booleans()):
                lines.append(" " * draw(st.integers(0, 8)) + draw(COMMENT))
            pad = " " * indent
            if isinstance(value, dict):
                lines.append(f"{pad}{key}:{eol()}")
                mapping(value, indent + width)
            elif isinstance(value, tuple) and value[0] == "block":
                lines.append(f"{pad}{key}:{eol()}")
                item_pad = " " * (indent + draw(st.sampled_from((0, width))))
                lines.extend(f"{item_pad}-{' ' * draw(st.integers(1, 3))}{item}{eol()}" for item in value[1])
            elif isinstance(value, tuple):
                lines.append(f"{pad}{key}: [{', '.join(value[1])}]{eol()}")
            else:
                lines.append(f"{pad}{key}:{' ' * draw(st.integers(1, 3))}{value}{eol()}")

    mapping(draw(st.dictionaries(WORD, VALUE, min_size=1, max_size=4)), 0)
    if draw(st.booleans()):
        lines.append(" " * draw(st.integers(0, 6)) + draw(COMMENT))
    return "\n".join(lines) + "\n" * draw(st.integers(1, 3))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_formatting_keeps_data_and_comments_and_is_idempotent(text):
    problems = []
    once = fmt.format_yaml_text(text, "x.yaml", 0, problems, module=False)
    assert problems == [] and once is not None, (text, problems)
    assert fmt.format_yaml_text(once, "x.yaml", 0, [], module=False) == once
    assert yamlio.to_plain(yamlio.load(once, "x", 0, [], roundtrip=True)) == yamlio.to_plain(
        yamlio.load(text, "x", 0, [], roundtrip=True)
    )
    assert comment_texts(once) == comment_texts(text)
    assert all(line == line.rstrip() for line in once.split("\n"))
