"""The parse of each body is kept, keyed by its content and the parser (`isacs.core.parse_cache`): a second
load parses nothing and gives the same model and problems; the cache is untrusted data, so anything in it
that is not a parse result is ignored and the body parsed again."""

from __future__ import annotations

import json
import shutil

import pytest

from core_testkit import copy_mini
from isacs.core import markdown_parse
from isacs.core.loader import load_corpus
from isacs.core.parse_cache import FOLDER, SWITCH_ENV, ParseCache, key, valid

BODY = (
    "## Scope\n\nThe manufacturer shall mark each [item](term:marking).\n{: #r001 }\n\n- a\n===\n\n"
    "Text {: #r009 } here.\n"
)


def scanned(body: str, cache: ParseCache | None):
    problems: list = []
    result = markdown_parse.scan_body(body, "modules/x/index.en.md", 10, problems, cache)
    return result, [p.format() for p in problems]


def test_a_kept_parse_gives_what_the_parse_gives_without_parsing(tmp_path, monkeypatch):
    cache = ParseCache(tmp_path / "parse")
    fresh = scanned(BODY, None)
    assert scanned(BODY, cache) == fresh and cache.written == 1
    assert any("W108" in p for p in fresh[1]) and fresh[0].requirements and fresh[0].links  # a real result

    def no_parse():
        raise AssertionError("parsed again")

    monkeypatch.setattr(markdown_parse, "_parser", no_parse)
    assert scanned(BODY, cache) == fresh  # from the cache, the same headings, links, problems
    with pytest.raises(AssertionError, match="parsed again"):
        scanned(BODY + "\nMore.\n", cache)  # other text: another key


def test_a_second_load_parses_nothing_and_gives_the_same_corpus(tmp_path, monkeypatch):
    root = copy_mini(tmp_path)
    shutil.rmtree(root / FOLDER, ignore_errors=True)
    first = load_corpus(root)
    files = sorted((root / FOLDER).iterdir())
    assert len(files) == sum(len(m.translations) for m in first[0].modules.values())
    monkeypatch.setattr(markdown_parse, "_parser", lambda: pytest.fail("parsed again"))
    assert load_corpus(root) == first


def test_switched_off_nothing_is_kept(tmp_path, monkeypatch):
    root = copy_mini(tmp_path)
    shutil.rmtree(root / FOLDER, ignore_errors=True)  # the fixture may have been loaded in place before
    monkeypatch.setenv(SWITCH_ENV, "off")
    load_corpus(root)
    assert not (root / FOLDER).exists()


@pytest.mark.parametrize(
    "planted",
    [
        "{not json",
        "[]",
        '{"headings": []}',
        "[[], [], [], [], [], [], []]",  # a seventh part
        '[[[2, 7, "numbered", null, 0, 1]], [], [], [], [], []]',  # a title that is not text
        '[[], [["r001", "x", "x", "x", 0, 0, "extra"]], [], [], [], []]',  # a longer row
        '[[], [], [["term", "t", "x", 1.5, 0]], [], [], []]',  # a float line
        '[[], [], [], [[[1, 1, "x"]], "x"], [], []]',  # a prose block that is not rows
        '[[], [], [], [], [], [[0, true, "m"]]]',  # a boolean is not a column
    ],
)
def test_anything_else_in_the_cache_is_ignored_and_the_body_parsed(tmp_path, planted):
    folder = tmp_path / "parse"
    folder.mkdir()
    (folder / f"{key(BODY)}.json").write_text(planted, encoding="utf-8")
    assert scanned(BODY, ParseCache(folder)) == scanned(BODY, None)
    assert valid(json.loads((folder / f"{key(BODY)}.json").read_text(encoding="utf-8")))  # rewritten whole


def test_a_parse_result_survives_json_and_passes_the_check():
    result = markdown_parse.parse_body(BODY)
    assert valid(json.loads(json.dumps(result)))
    assert not valid(json.loads(json.dumps(result))[:5])
