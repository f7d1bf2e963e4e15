"""paths.relpath is posixpath.relpath for site paths, without a getcwd() per call."""
from __future__ import annotations

import posixpath

import pytest

from isacs.render import paths


@pytest.mark.parametrize("target, start", [
    ("glossary/index.md", ""), ("glossary/index.md", "."), ("index.md", "isacs/05.30"),
    ("isacs/05.31/index.md", "isacs/05.30"), ("isacs/05.30/index.md", "isacs/05.30"),
    ("assess/isacs/05.30", "downloads"), ("xref", "xref/provisions"), ("", "a/b/c"), ("a/b", "a/b"),
    ("downloads/isacs-05-30-fr.pdf", "assess/iatg"), ("./a//b/", "a"),
])
def test_relpath_matches_posixpath(target, start):
    assert paths.relpath(target, start) == posixpath.relpath(target or ".", start or ".")


def test_relative_link_from_page_to_page_with_anchor():
    assert paths.relative("isacs/05.30/index.md", "glossary/index.md", "marking") == "../../glossary/index.md#marking"
