"""Every YAML source (module front matter, glossary files) survives core/yamlio load + dump unchanged, so tools
that rewrite a file (`isacs stamp`) never touch an editor's formatting, quoting, comments or `null`s."""
from __future__ import annotations

import pytest

from core_testkit import MINI, REPO
from isacs.core import yamlio
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
    data = yamlio.load(yaml_text, str(path), 0, problems)
    assert problems == [] and data is not None
    assert yamlio.dump(data) == yaml_text


@pytest.mark.parametrize("text", [
    "# a comment first\ntitle: 'quoted'   # trailing comment\nnotes: [a, \"b\"]\nabbreviation: null\n",
    "requirements:\n  r001:\n    level: shall\n    actors: [manufacturer]\n    refs: [\"ITI 8(a)\"]\n",
    "date: 2026-03-01\nnumber: \"05.30\"\nlist:\n  - one\n  - two\nempty: {}\n",
])
def test_round_trip_keeps_formatting(text):
    assert yamlio.dump(yamlio.load(text, "x.yaml", 0, [])) == text
