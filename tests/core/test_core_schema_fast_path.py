"""Valid sources are confirmed by the compiled fastjsonschema validator and only failing ones go to jsonschema.
That is only sound if both always agree on valid/invalid: checked here on the real sources and on every
single-spot mutation of them (wrong type, wrong value, unknown key, missing key)."""

from __future__ import annotations

import copy

import pytest

from core_testkit import REPO
from isacs.core import schema, yamlio
from isacs.core.markdown_source import split_front_matter

ENGLISH_ONLY = frozenset(schema.schema("module")["properties"]) - {"title"}
BAD_VALUES = (None, 0, 2, 1.5, True, "", "x y", "2026-02-30", "shall", [], ["x"], {}, {"r001": "x"})


def _document(relative: str) -> dict:
    text = (REPO / relative).read_text("utf-8")
    yaml_text = split_front_matter(text).front_matter if relative.endswith(".md") else text
    return yamlio.to_plain(yamlio.load(yaml_text, relative, 0, []))


SOURCES = [
    ("module", "modules/isacs/05.30/index.en.md"),
    ("module", "modules/iatg/06.10/index.en.md"),
    ("translation", "modules/isacs/05.30/index.fr.md"),
    ("concept", "glossary/concepts/marking.yaml"),
    ("concept", "glossary/concepts/ammunition.yaml"),
    ("actors", "glossary/actors.yaml"),
    ("instruments", "glossary/instruments.yaml"),
]


def _mutations(doc):
    """Every document that differs from `doc` in one spot."""
    yield doc

    def walk(node, path):
        if isinstance(node, dict):
            yield path, node
            for key, value in node.items():
                yield from walk(value, path + (key,))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, path + (index,))

    for path, mapping in list(walk(doc, ())):
        for change in ("add", "drop", *range(len(BAD_VALUES))):
            for key in list(mapping) if change != "add" else ["zz-unknown"]:
                variant = copy.deepcopy(doc)
                target = variant
                for step in path:
                    target = target[step]
                if change == "add":
                    target[key] = "x"
                elif change == "drop":
                    del target[key]
                else:
                    target[key] = copy.deepcopy(BAD_VALUES[change])
                yield variant


@pytest.mark.parametrize("name, relative", SOURCES, ids=[s[1] for s in SOURCES])
def test_fast_and_full_validators_agree(name, relative):
    doc = _document(relative)
    if name == "translation":
        doc = {k: v for k, v in doc.items() if k not in ENGLISH_ONLY}
    full = schema._validator(name)
    checked = invalid = 0
    for variant in _mutations(doc):
        verdict = not any(True for _ in full.iter_errors(variant))
        assert schema.is_valid(name, variant) == verdict, variant
        checked += 1
        invalid += not verdict
    assert invalid > 20 and checked > invalid  # the mutations really exercise both answers
