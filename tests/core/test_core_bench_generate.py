"""The benchmark corpus generator writes a valid, realistic corpus; the benchmark command runs.
(Times are measured by scripts/benchmark.py, never asserted here.)"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

from benchmarks.generate import REQUIREMENTS_PER_MODULE, Shape, generate, module_ids
from core_testkit import REPO
from isacs import LANGUAGES, check_repository


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    dest = tmp_path_factory.mktemp("bench") / "corpus"
    made = generate(dest, modules=3, glossary_root=REPO)
    corpus, problems = check_repository(dest)
    return made, corpus, problems


def test_generated_corpus_is_valid(generated):
    _, _, problems = generated
    assert [p.format() for p in problems] == []


def test_generated_corpus_has_the_requested_shape(generated):
    made, corpus, _ = generated
    assert list(corpus.modules) == ["isacs/01.00", "isacs/01.20", "iatg/01.10"]
    assert corpus.languages == LANGUAGES
    assert made.files == 3 * 6 + 50 + 2 and len(corpus.concepts) == made.concepts == 50
    for module in corpus.modules.values():
        assert module.languages == LANGUAGES
        live = [r for r in module.requirements if not r.is_tombstone]
        assert len(live) == REQUIREMENTS_PER_MODULE and len(module.requirements) == REQUIREMENTS_PER_MODULE + 1
        assert {r.level for r in live} == {"shall", "should", "may"}
        assert all(set(r.texts) == set(LANGUAGES) for r in live)
        assert all(r.rrpl for r in live) == (module.series == "iatg")
        depths = {c.depth for c in module.all_clauses()}
        kinds = {c.kind for c in module.all_clauses()}
        assert depths == {1, 2, 3} and kinds == {"numbered", "unnumbered", "annex"}
        assert any(c.number == "A.1" for c in module.all_clauses())
        for translation in module.translations.values():
            assert {link.kind for link in translation.links} == {"term", "module", "req", "instrument"}
        assert module.translations["fr"].translation_of == {r.id: r.texts["en"].digest for r in live}
    assert 1800 <= made.english_words / made.modules <= 2300


def test_generation_is_deterministic(tmp_path):
    a = generate(tmp_path / "a", modules=2, glossary_root=REPO)
    b = generate(tmp_path / "b", modules=2, glossary_root=REPO)
    files_a = sorted(p.relative_to(a.root) for p in a.root.rglob("*") if p.is_file())
    assert files_a == sorted(p.relative_to(b.root) for p in b.root.rglob("*") if p.is_file())
    assert all((a.root / f).read_bytes() == (b.root / f).read_bytes() for f in files_a)


def test_module_ids_are_unique_and_valid():
    ids = module_ids(70)
    assert len(set(ids)) == 70 and Counter(i.split("/")[0] for i in ids) == {"isacs": 35, "iatg": 35}


def test_generator_refuses_a_non_empty_folder(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "keep.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        generate(tmp_path / "x", modules=1, glossary_root=REPO)
    assert (tmp_path / "x" / "keep.txt").read_text() == "mine"


def test_benchmark_load_command_runs(tmp_path):
    keep = tmp_path / "corpus"
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "benchmark.py"),
            "load",
            "--modules",
            "2",
            "--repeat",
            "1",
            "--keep",
            str(keep),
            "--bundled-target",
            "1e9",
            "--generated-target",
            "1e9",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    assert "bundled corpus" in done.stdout and "generated corpus (2 modules)" in done.stdout
    assert "6 modules" in done.stdout and "2 modules, 12 module files, 6 languages" in done.stdout
    assert (keep / "modules").is_dir()


@pytest.mark.parametrize("words", [9000, 25000])
def test_words_sets_the_length_of_a_valid_module(tmp_path, words):
    # Real modules are 15,000-40,000 words: the generator grows clauses and sub-clauses to the requested
    # English length (within 10%), one requirement per ~150 words, with tables and nested lists; still valid.
    made = generate(tmp_path / "corpus", modules=1, glossary_root=REPO, words=words)
    corpus, problems = check_repository(made.root)
    assert [p.format() for p in problems] == []
    assert abs(made.english_words - words) <= words * 0.1
    (module,) = corpus.modules.values()
    live = [r for r in module.requirements if not r.is_tombstone]
    assert len(live) == Shape.for_words(words).requirements == made.requirements
    assert words / 250 <= len(live) <= words / 100
    assert all(set(r.texts) == set(LANGUAGES) for r in live)
    for translation in module.translations.values():
        lines = translation.body.split("\n")
        assert "|---|---|---|" in lines  # tables
        assert any(line.startswith("  1. ") for line in lines)  # a list nested in a list
