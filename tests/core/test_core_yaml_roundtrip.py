"""Every YAML source (module front matter, glossary files) survives core/yamlio load + dump unchanged, so tools
that rewrite a file (`isacs stamp`) never touch an editor's formatting, quoting, comments or `null`s."""

from __future__ import annotations

import pytest

from core_testkit import MINI, REPO
from isacs.core import yamlio, yamlnodes
from isacs.core.markdown_source import split_front_matter


def _sources() -> list:
    out = []
    for root in (REPO, MINI):
        files = sorted(root.glob("modules/*/*/index.*.md")) + sorted(root.glob("glossary/**/*.yaml"))
        out += [pytest.param(path, id=str(path.relative_to(REPO))) for path in files]
    return out


SOURCES = _sources()


def test_the_bundled_corpus_is_covered():
    ids = [p.id for p in SOURCES]
    assert sum(i.startswith("modules/") for i in ids) >= 6 + 3 + 3 + 3  # English, fr and es x3, ar/ru/zh
    assert sum(i.startswith("glossary/concepts/") for i in ids) >= 40
    assert "glossary/actors.yaml" in ids and "glossary/instruments.yaml" in ids


@pytest.mark.parametrize("path", SOURCES)
def test_round_trip_has_zero_diff(path):
    text = path.read_text("utf-8")
    yaml_text = split_front_matter(text).front_matter if path.suffix == ".md" else text
    assert yaml_text
    problems = []
    data = yamlio.load(yaml_text, str(path), 0, problems, roundtrip=True)
    assert problems == [] and data is not None
    assert yamlio.dump(data) == yaml_text


@pytest.mark.parametrize(
    "text",
    [
        "# a comment first\ntitle: 'quoted'   # trailing comment\nnotes: [a, \"b\"]\nabbreviation: null\n",
        'requirements:\n  r001:\n    level: shall\n    actors: [manufacturer]\n    refs: ["ITI 8(a)"]\n',
        'date: 2026-03-01\nnumber: "05.30"\nlist:\n  - one\n  - two\nempty: {}\n',
    ],
)
def test_round_trip_keeps_formatting(text):
    assert yamlio.dump(yamlio.load(text, "x.yaml", 0, [], roundtrip=True)) == text


def _positions(node, path=()):
    """Every (path, line, col) ruamel recorded for keys and items, recursively."""
    out = []
    if isinstance(node, dict):
        for key, value in node.items():
            out.append((path + (key,), tuple(node.lc.key(key)), tuple(node.lc.value(key))))
            out += _positions(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out.append((path + (index,), tuple(node.lc.item(index))))
            out += _positions(value, path + (index,))
    return out


@pytest.mark.parametrize("path", SOURCES)
def test_fast_loader_matches_round_trip_loader(path):
    """The model is read with the fast loader; it must see the same data at the same lines and columns."""
    text = path.read_text("utf-8")
    yaml_text = split_front_matter(text).front_matter if path.suffix == ".md" else text
    fast = yamlnodes.load(yaml_text)  # the fast path itself, not a silent fallback to the slow one
    slow = yamlio.load(yaml_text, str(path), 0, [], roundtrip=True)
    assert yamlio.to_plain(fast) == yamlio.to_plain(slow)
    assert _positions(fast) == _positions(slow)


@pytest.mark.parametrize(
    "text",
    [
        "base: &b {level: shall}\nr001: *b\n",  # aliases
        "a: !custom x\n",  # a tag only the round-trip loader keeps
        "<<: {a: 1}\nb: 2\n",  # merge key
    ],
)
def test_fast_loader_falls_back_on_unusual_yaml(text):
    problems = []
    data = yamlio.load(text, "x.yaml", 0, problems)
    assert problems == []
    assert yamlio.to_plain(data) == yamlio.to_plain(yamlio.load(text, "x.yaml", 0, [], roundtrip=True))
