"""`isacs stamp`: records the English digests in a translation and changes nothing else in the file."""

from __future__ import annotations

from core_testkit import AR, EN, FR, assert_clean_failure, copy_mini, isacs, sub
from isacs import load_corpus
from isacs.core.markdown_source import split_front_matter


def _check(root):
    run = isacs("check", "--root", str(root))
    assert_clean_failure(run)
    return run


def test_stamp_writes_english_digests_and_keeps_everything_else(tmp_path):
    root = copy_mini(tmp_path)
    path = root / FR
    # A translator's comment and quoting must survive the rewrite.
    sub(FR, "title: Fixture de marquage", "title: 'Fixture de marquage'  # relu le 2026-02-01")(root)
    before = path.read_bytes()
    run = isacs("stamp", "--root", str(root), str(path))
    assert run.returncode == 0, run.stderr
    after = path.read_bytes()

    corpus, _ = load_corpus(root)
    module = corpus.modules["isacs/05.30"]
    expected = {r.id: r.texts["en"].digest for r in module.requirements if "en" in r.texts}
    assert (
        module.translations["fr"].translation_of
        == expected
        == {"r001": "9d07eb98", "r002": "ab7896d8", "r003": "473e5bbe"}
    )

    old, new = split_front_matter(before.decode()), split_front_matter(after.decode())
    assert new.body.encode() == old.body.encode()  # the body is byte-identical
    assert new.front_matter.startswith("title: 'Fixture de marquage'  # relu le 2026-02-01\n")
    assert new.front_matter == (
        "title: 'Fixture de marquage'  # relu le 2026-02-01\ntranslation_of:\n"
        "  r001: 9d07eb98\n  r002: ab7896d8\n  r003: 473e5bbe\n"
    )
    assert (root / AR).read_text("utf-8").count("translation_of: {}") == 1  # other files untouched


def test_stamping_twice_changes_nothing(tmp_path):
    root = copy_mini(tmp_path)
    path = root / FR
    assert isacs("stamp", "--root", str(root), str(path)).returncode == 0
    once = path.read_bytes()
    assert isacs("stamp", "--root", str(root), str(path)).returncode == 0
    assert path.read_bytes() == once


def test_w103_appears_when_english_changes_and_disappears_after_restamp(tmp_path):
    root = copy_mini(tmp_path)
    path = root / FR
    assert isacs("stamp", "--root", str(root), str(path), str(root / AR)).returncode == 0
    assert "W103" not in _check(root).stdout

    sub(EN, "States should keep each", "States should keep every")(root)
    run = _check(root)
    assert run.returncode == 0  # a warning, not an error
    assert [line.split(" ", 3)[:3] for line in run.lines if "W103" in line] == [
        [f"{AR}:26:1:", "warning", "W103"],
        [f"{FR}:26:1:", "warning", "W103"],
    ]  # at r002 of each translation
    assert "r002" in run.stdout and "r001" not in run.stdout

    # A whitespace-only change of the English text is not a change of wording.
    sub(EN, "States should keep every", "States should  keep every")(root)
    assert _check(root).stdout.count("W103") == 2

    assert isacs("stamp", "--root", str(root), str(path)).returncode == 0
    run = _check(root)
    assert [line for line in run.lines if "W103" in line and FR in line] == []
    assert any(line.startswith(f"{AR}:26:1: warning W103") for line in run.lines)


def test_stamp_refuses_english_and_unknown_files(tmp_path):
    root = copy_mini(tmp_path)
    for target in (root / EN, root / "modules/isacs/05.30/index.es.md", tmp_path / "index.fr.md"):
        run = isacs("stamp", "--root", str(root), str(target))
        assert_clean_failure(run)
        assert run.returncode == 2 and "not a translation file" in run.stderr


def test_stamp_refuses_broken_sources_and_writes_nothing(tmp_path):
    root = copy_mini(tmp_path)
    sub(EN, "level: may", "level: must")(root)
    before = (root / FR).read_bytes()
    run = isacs("stamp", "--root", str(root), str(root / FR))
    assert_clean_failure(run)
    assert run.returncode == 1 and "E004" in run.stderr
    assert (root / FR).read_bytes() == before
    assert sorted(p.name for p in (root / FR).parent.iterdir()) == ["index.ar.md", "index.en.md", "index.fr.md"]
