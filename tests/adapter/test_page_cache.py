"""The page cache's entries (isacs.mkdocs_adapter.page_cache): a converted page is kept and read back with
its HTML, table of contents and anchors; a page that logged a warning is not kept; a planted or broken
entry is a miss; anything the conversion depends on changes the key."""

from __future__ import annotations

import json
import logging
from types import SimpleNamespace

import pytest
from mkdocs.structure.toc import get_toc

from isacs.mkdocs_adapter.page_cache import PageCache

TOC = [
    {"level": 1, "id": "scope", "name": "1 Scope", "children": [{"level": 2, "id": "a", "name": "A", "children": []}]}
]


class Files:
    def __init__(self, names):
        self.files = [SimpleNamespace(src_uri=n, dest_uri=n.replace(".md", ".html"), url=n) for n in names]

    def __iter__(self):
        return iter(self.files)

    def get_file_from_path(self, uri):
        return next(f for f in self.files if f.src_uri == uri)


def config(**changes):
    base = {
        "markdown_extensions": ["toc", "tables"],
        "mdx_configs": {"toc": {"permalink": True}},
        "validation": {"links": "warn"},
        "use_directory_urls": True,
    }
    return SimpleNamespace(**(base | changes))


def page(src="isacs/05.30/index.fr.md", title="ISACS 05.30"):
    return SimpleNamespace(
        file=SimpleNamespace(src_uri=src),
        url="fr/isacs/05.30/",
        meta={"title": title} if title else {},
        toc=get_toc(TOC),
        present_anchor_ids={"scope", "a"},
        links_to_anchors=None,
    )


@pytest.fixture
def cache(tmp_path):
    made = PageCache(tmp_path / "pages", "links-v1")
    made.begin(config(), Files(["index.fr.md", "isacs/05.30/index.fr.md"]))
    yield made
    made.close()


def convert(cache, item, markdown, html):
    """What mkdocs does around a page: markdown event, conversion (skipped when kept), content event."""
    kept = cache.lookup(item, markdown)
    return kept, cache.settle(item, "" if kept else html, None)


def test_a_converted_page_is_read_back_with_its_toc_and_anchors(cache):
    assert convert(cache, page(), "# Scope", "<h1 id='scope'>1 Scope</h1>") == (False, "<h1 id='scope'>1 Scope</h1>")
    again = page()
    again.toc, again.present_anchor_ids = get_toc([]), set()
    assert convert(cache, again, "# Scope", "not converted") == (True, "<h1 id='scope'>1 Scope</h1>")
    assert [(i.title, i.id, [c.id for c in i.children]) for i in again.toc] == [("1 Scope", "scope", ["a"])]
    assert again.present_anchor_ids == {"scope", "a"}
    assert cache.counts == {"hit": 1, "converted": 1}


@pytest.mark.parametrize("change", ["markdown", "path", "links", "extensions", "files"])
def test_whatever_the_conversion_depends_on_is_in_the_key(cache, tmp_path, change):
    convert(cache, page(), "# Scope", "<h1>old</h1>")
    markdown, item = "# Scope", page()
    if change == "markdown":
        markdown = "# Scope, edited"
    elif change == "path":
        item = page(src="isacs/05.31/index.fr.md")
    elif change == "links":
        cache.links_digest = "links-v2"
        cache.begin(config(), Files(["index.fr.md", "isacs/05.30/index.fr.md"]))
    elif change == "extensions":
        cache.begin(config(markdown_extensions=["toc"]), Files(["index.fr.md", "isacs/05.30/index.fr.md"]))
    else:
        cache.begin(config(), Files(["index.fr.md", "isacs/05.30/index.fr.md", "isacs/05.31/index.fr.md"]))
    assert convert(cache, item, markdown, "<h1>new</h1>") == (False, "<h1>new</h1>")


def test_a_page_that_warned_is_not_kept(cache):
    item = page()
    assert not cache.lookup(item, "[x](missing.md)")
    logging.getLogger("mkdocs.structure.pages").warning("Doc file contains a link 'missing.md', not found")
    cache.settle(item, "<a href='missing.md'>x</a>", None)
    assert not cache.lookup(page(), "[x](missing.md)")  # so a strict build fails on it again


def test_an_untitled_page_is_never_kept(cache):
    convert(cache, page(title=None), "# Scope", "<h1>Scope</h1>")
    assert not list((cache.folder).glob("*.json"))


@pytest.mark.parametrize(
    "planted",
    [
        '{"html": "<p>planted</p>"}',
        "not json",
        '{"html": 1, "toc": [], "anchors": [], "links": null}',
        '{"html": "x", "toc": [{"level": "1"}], "anchors": [], "links": null}',
    ],
)
def test_planted_or_broken_entries_are_misses(cache, planted):
    convert(cache, page(), "# Scope", "<h1>Scope</h1>")
    (entry,) = cache.folder.glob("*.json")
    entry.write_text(planted, encoding="utf-8")
    assert convert(cache, page(), "# Scope", "<h1>Scope</h1>") == (False, "<h1>Scope</h1>")
    assert json.loads(entry.read_text(encoding="utf-8"))["html"] == "<h1>Scope</h1>"  # and replaced


def test_off_keeps_nothing(tmp_path):
    off = PageCache(None, "links-v1")
    off.begin(config(), Files([]))
    assert convert(off, page(), "# Scope", "<h1>Scope</h1>") == (False, "<h1>Scope</h1>")
    assert convert(off, page(), "# Scope", "<h1>Scope</h1>") == (False, "<h1>Scope</h1>")
    off.close()
