"""`isacs new module` and `isacs new requirement` (src/isacs/core/scaffold.py, src/isacs/cli/new.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core_testkit import REPO, assert_clean_failure, isacs
from isacs.cli.main import main
from isacs.core import fmt, schema, yamlio
from isacs.core.diagnostics import has_errors
from isacs.core.markdown_source import split_front_matter
from isacs.core.scaffold import next_id, used_ids
from isacs.core.validate import check_repository

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


def copy_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for name in ("modules", "glossary"):
        shutil.copytree(REPO / name, root / name)
    return root


def new(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["new", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def front_matter(path: Path):
    return yamlio.load(split_front_matter(path.read_text("utf-8")).front_matter, "", 0, [], roundtrip=True)


# --- new module -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("series,number", [("isacs", "05.70"), ("iatg", "12.20")])
def test_new_module_passes_isacs_check(tmp_path, capsys, monkeypatch, series, number):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = copy_corpus(tmp_path)
    title = 'Safe storage: "quotes", colons # and hashes'
    code, out, err = new(
        capsys, "module", "--root", str(root), "--series", series, "--number", number, "--title", title
    )
    assert code == 0, err
    path = root / "modules" / series / number / "index.en.md"
    assert out.startswith(f"created {path}")

    meta = front_matter(path)
    assert set(schema.schema("module")["required"]) <= set(meta)
    assert (meta["series"], meta["number"], meta["title"]) == (series, number, title)
    assert (str(meta["date"]), meta["edition"], meta["status"]) == ("2026-01-01", "2026", "draft")
    assert list(meta["requirements"]) == ["r001"]
    assert meta["requirements"]["r001"]["level"] == "shall"
    text = path.read_text("utf-8")
    assert "## Foreword {: .unnumbered }\n" in text and "\n## Scope\n" in text
    assert "EXAMPLE REQUIREMENT, TO BE REPLACED" in text and " shall " in text and text.endswith("{: #r001 }\n")

    corpus, problems = check_repository(root)
    assert not has_errors(problems), [p.format() for p in problems]
    assert [p.format() for p in problems if p.location.path.startswith(f"modules/{series}/{number}/")] == []
    module = corpus.modules[f"{series}/{number}"]
    assert module.status == "draft" and [r.id for r in module.requirements] == ["r001"]
    assert fmt.format_file(path, "x").changed is False  # already canonical


@pytest.mark.parametrize(
    "args,message",
    [
        (["--series", "isacs", "--number", "05.30"], "already exists"),
        (["--series", "mosaic", "--number", "05.70"], "unknown series 'mosaic'"),
        (["--series", "isacs", "--number", "5.70"], "invalid module number '5.70'"),
        (["--series", "isacs", "--number", "05.7a"], "invalid module number"),
        (["--series", "isacs", "--number", "05/70"], "invalid module number"),
    ],
)
def test_new_module_refusals(tmp_path, capsys, args, message):
    root = copy_corpus(tmp_path)
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    en = (root / "modules/isacs/05.30/index.en.md").read_bytes()
    code, out, err = new(capsys, "module", "--root", str(root), *args, "--title", "T")
    assert code == 2 and out == "" and message in err
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before  # nothing created
    assert (root / "modules/isacs/05.30/index.en.md").read_bytes() == en


# --- next ID --------------------------------------------------------------------------------------------------


def _meta(yaml_text: str):
    return yamlio.load(yaml_text, "", 0, [], roundtrip=True)


def test_next_id_counts_tombstones():
    meta = _meta(
        "requirements:\n  r001: {level: shall, actors: []}\n  r002: {level: may, actors: []}\n"
        "  r003: {withdrawn: '2025', replaced_by: r002}\n"
    )
    assert used_ids(meta, []) == {1, 2, 3}
    assert next_id(meta, []) == "r004"  # r003 is withdrawn, never reused


def test_next_id_is_one_more_than_the_highest_ever_used():
    meta = _meta(
        "requirements:\n  r001: {level: shall, actors: []}\n  r007: {withdrawn: '2024'}\n"
        "  r002: {level: may, actors: []}\n"
    )
    assert next_id(meta, []) == "r008"  # not the first gap (r003)
    assert next_id(meta, ["Old text.\n{: #r011 }\n", "Stray {:#r009} marker"]) == "r012"  # markers count too
    assert next_id(_meta("requirements: {}\n"), []) == "r001"
    assert next_id(_meta("title: x\n"), []) == "r001"
    assert next_id(_meta("requirements:\n  r999: {withdrawn: '2020'}\n"), []) == "r1000"


# --- new requirement ------------------------------------------------------------------------------------------


def test_new_requirement_after_a_withdrawn_one_keeps_comments_and_body(tmp_path, capsys):
    root = copy_corpus(tmp_path)
    path = root / "modules/isacs/05.50/index.en.md"
    text = path.read_text("utf-8")
    assert '  r017:\n    withdrawn: "2025"\n    replaced_by: r005\n---\n' in text  # the bundled tombstone
    text = text.replace("requirements:\n", "requirements:   # reviewed 2026-02\n", 1)
    text = text.replace("  r017:\n", "  # r017 moved to r005 in 2025\n  r017:\n", 1)
    path.write_text(text, "utf-8")

    code, out, err = new(
        capsys,
        "requirement",
        "--root",
        str(root),
        "--module",
        "isacs/05.50",
        "--level",
        "should",
        "--actor",
        "national-authority",
        "--actor",
        "stockpile-manager",
    )
    assert code == 0, err
    lines = out.splitlines()
    assert (
        lines[0] == "modules/isacs/05.50/index.en.md: added r018 (should, actors: national-authority, "
        "stockpile-manager) to the front matter"
    )
    assert "{: #r018 }" in lines and "'should'" in out

    after = path.read_text("utf-8")
    assert after == text.replace(
        "    replaced_by: r005\n---\n",
        "    replaced_by: r005\n  r018:\n    level: should\n"
        "    actors: [national-authority, stockpile-manager]\n    refs: []\n---\n",
        1,
    )

    assert fmt.format_file(path, "x").changed is False  # still in the canonical form of `isacs fmt`
    _, problems = check_repository(root)
    errors = [p for p in problems if p.severity.value == "error"]
    assert [(p.code, p.location.path) for p in errors] == [("E006", "modules/isacs/05.50/index.en.md")]
    assert "r018" in errors[0].message

    # The editor writes the English text with the printed marker: E006 is gone; the translations, announced
    # in the output, now miss the requirement (E008) until it is translated.
    assert "Then each translation (es, fr) needs the paragraph too" in out
    path.write_text(after + "\nThe national authority should review the plan every year.\n{: #r018 }\n", "utf-8")
    _, problems = check_repository(root)
    errors = [p for p in problems if p.severity.value == "error"]
    assert sorted((p.code, p.location.path) for p in errors) == [
        ("E008", "modules/isacs/05.50/index.es.md"),
        ("E008", "modules/isacs/05.50/index.fr.md"),
    ]


def test_new_requirement_then_its_text_leaves_an_english_only_module_clean(tmp_path, capsys):
    root = copy_corpus(tmp_path)
    path = root / "modules/isacs/03.20/index.en.md"
    code, out, _ = new(
        capsys, "requirement", "--root", str(root), "--module", "isacs/03.20", "--level", "may", "--actor", "customs"
    )
    assert code == 0 and "{: #r019 }" in out.splitlines() and "translation" not in out
    path.write_text(
        path.read_text("utf-8") + "\nCustoms may share risk profiles with other States.\n{: #r019 }\n", "utf-8"
    )
    corpus, problems = check_repository(root)
    assert not has_errors(problems), [p.format() for p in problems]
    assert [p.format() for p in problems if p.location.path.startswith("modules/isacs/03.20/")] == []
    requirement = corpus.modules["isacs/03.20"].requirements[-1]
    assert (requirement.id, requirement.level, requirement.actors) == ("r019", "may", ("customs",))


def test_new_requirement_in_an_iatg_module_with_rrpl(tmp_path, capsys):
    root = copy_corpus(tmp_path)
    code, out, _ = new(
        capsys, "requirement", "--root", str(root), "--module", "iatg/06.10", "--level", "may", "--rrpl", "2"
    )
    assert code == 0
    meta = front_matter(root / "modules/iatg/06.10/index.en.md")
    rid = list(meta["requirements"])[-1]
    assert f"{{: #{rid} }}" in out.splitlines()
    assert yamlio.to_plain(meta["requirements"][rid]) == {"level": "may", "actors": [], "refs": [], "rrpl": 2}


def test_new_requirement_in_an_empty_flow_mapping(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = copy_corpus(tmp_path)
    assert new(capsys, "module", "--root", str(root), "--series", "isacs", "--number", "05.70", "--title", "T")[0] == 0
    path = root / "modules/isacs/05.70/index.en.md"
    text = path.read_text("utf-8")
    start, end = text.index("requirements:\n"), text.index("---\n", 4)
    path.write_text(text[:start] + "requirements: {}\n" + text[end:].replace("{: #r001 }\n", ""), "utf-8")
    assert new(capsys, "requirement", "--root", str(root), "--module", "isacs/05.70", "--level", "shall")[0] == 0
    assert "requirements:\n  r001:\n    level: shall\n    actors: []\n    refs: []\n---\n" in path.read_text("utf-8")


@pytest.mark.parametrize(
    "args,message",
    [
        (["--module", "isacs/09.99", "--level", "shall"], "no module isacs/09.99"),
        (["--module", "isacs-05.30", "--level", "shall"], "invalid module ID"),
        (["--module", "isacs/05.30", "--level", "shall", "--actor", "nobody"], "unknown actor(s) nobody"),
        (["--module", "isacs/05.30", "--level", "shall", "--rrpl", "1"], "IATG modules only"),
        (["--module", "iatg/06.10", "--level", "shall"], "IATG requirements need --rrpl"),
    ],
)
def test_new_requirement_refusals(tmp_path, capsys, args, message):
    root = copy_corpus(tmp_path)
    before = {p: p.read_bytes() for p in root.rglob("*.md")}
    code, out, err = new(capsys, "requirement", "--root", str(root), *args)
    assert code == 2 and out == "" and message in err
    assert {p: p.read_bytes() for p in root.rglob("*.md")} == before


def test_new_requirement_on_broken_yaml_reports_the_check_line(tmp_path):
    root = copy_corpus(tmp_path)
    path = root / "modules/isacs/05.30/index.en.md"
    path.write_text(path.read_text("utf-8").replace("status: published", "status: [published", 1), "utf-8")
    broken = path.read_bytes()
    result = isacs("new", "requirement", "--root", str(root), "--module", "isacs/05.30", "--level", "shall")
    assert_clean_failure(result)
    assert result.returncode == 1
    _, problems = check_repository(root)
    assert result.lines == [p.format() for p in problems if p.code == "E003"]
    assert path.read_bytes() == broken


def test_new_requirement_keeps_trailing_comments_and_never_drops_one(tmp_path, capsys):
    root = copy_corpus(tmp_path)
    path = root / "modules/isacs/03.20/index.en.md"
    text = path.read_text("utf-8")
    path.write_text(
        text.replace('    refs: ["ATT 13"]\n---\n', '    refs: ["ATT 13"]\n# end of the list\n---\n', 1), "utf-8"
    )
    assert new(capsys, "requirement", "--root", str(root), "--module", "isacs/03.20", "--level", "shall")[0] == 0
    after = split_front_matter(path.read_text("utf-8")).front_matter
    assert '    refs: ["ATT 13"]\n  r019:\n    level: shall\n    actors: []\n    refs: []\n' in after
    assert after.endswith("# end of the list\n")

    # ruamel cannot keep a comment inside a flow list: refused, file untouched
    path.write_text(text.replace('refs: ["ATT 13"]', 'refs: ["ATT 13",  # main\n      "ATT 5"]', 1), "utf-8")
    broken = path.read_bytes()
    code, out, _ = new(capsys, "requirement", "--root", str(root), "--module", "isacs/03.20", "--level", "shall")
    assert code == 1 and " error F001 " in out
    assert path.read_bytes() == broken
