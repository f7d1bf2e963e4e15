"""A module's title (and other metadata from its sources) is plain text wherever the downloads and
self-assessment pages put it: markup in it shows as typed and never becomes markup, a `|` stays inside its
table cell. The sources are not checked for markup here: the model is given the hostile title directly, as
if a check had let it through (the pages must be safe on their own)."""

from __future__ import annotations

import dataclasses
import json
import re

import markdown
import pytest

from isacs.checklists.collect import Collected
from isacs.checklists.downloads import planned
from isacs.checklists.stamp import make_stamp
from isacs.core.md_lists import MARKDOWN_EXTENSIONS  # as mkdocs.yml
from isacs.core.validate import check_repository
from isacs.render import assessment, downloads
from isacs.render.markup import html_text, md_cell, md_inline

EVIL = "<img src=x onerror=alert(1)> | x"
HOSTILE = EVIL + " *em* [link](javascript:alert(1)) `code` {: onclick=alert(2) } & </script><!--<script>"


def _html(page: str) -> str:
    """The page body as the site's Markdown renders it (front matter left out)."""
    body = page.split("\n---\n", 1)[1] if page.startswith("---\n") else page
    return markdown.markdown(body, extensions=MARKDOWN_EXTENSIONS)  # no toc permalinks: headings compare as text


@pytest.fixture
def corpus(mini):
    corpus, problems = check_repository(mini)
    assert not [p for p in problems if p.code.startswith("E")], problems
    module = corpus.modules["isacs/05.30"]
    translations = {lang: dataclasses.replace(tr, title=HOSTILE) for lang, tr in module.translations.items()}
    corpus.modules["isacs/05.30"] = dataclasses.replace(
        module, title=HOSTILE, edition="2026 | <b>", translations=translations
    )
    return corpus


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_downloads_page_keeps_a_hostile_title_as_text_in_its_cell(corpus, lang):
    items = planned(corpus, lang, make_stamp(corpus.root))
    page = downloads.render_page(corpus, lang, items, {i.path: b"x" for i in items})
    assert "<img" not in page and "<b>" not in page
    html = _html(page)
    assert "<img" not in html and "<b>" not in html and "onclick" not in re.sub(r">[^<]*<", "><", html)
    for table in re.findall(r"<table>.*?</table>", html, re.S):
        columns = len(re.findall(r"<th>", table))
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
        assert rows and all(len(re.findall(r"<td>", row)) == columns for row in rows), table
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", html, re.S) if "&lt;img" in r)
    cells = re.findall(r"<td>(.*?)</td>", row, re.S)
    assert cells[1].startswith(
        "&lt;img src=x onerror=alert(1)&gt; | x *em* [link](javascript:alert(1)) `code` "
        "{: onclick=alert(2) } &amp; &lt;/script&gt;"
    )
    assert re.search(r"<small>[^<]* 2026 \| &lt;b&gt; · ", cells[0]), cells[0]  # the edition, under the module


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_assessment_pages_keep_a_hostile_title_as_text(corpus, lang):
    stamp = make_stamp(corpus.root)
    collected = Collected(stamp, {lang: planned(corpus, lang, stamp)}, {})  # the pages need no file
    pages = {f.path: f.content for f in assessment.pages(corpus, lang, collected)}
    for path in (assessment.module_page("isacs/05.30"), assessment.series_page("isacs"), assessment.INDEX):
        page = pages[path]
        assert "<img" not in page and "<!--<script>" not in page, path
        assert page.count("</script>") == page.count("<script"), path  # no script element ended early
        html = _html(page)
        assert "<img" not in html and "<em>" not in html and "<code>" not in html, path
        assert "javascript:" not in re.findall(r'href="([^"]*)"', html), path
        assert not re.search(r"<[^>]+\sonclick=", html), path
    module = pages[assessment.module_page("isacs/05.30")]
    title_line = re.search(r"^title: (.*)$", module, re.M).group(1)
    assert "&lt;img src=x onerror=alert(1)&gt; | x" in title_line  # the theme writes it into <title> raw
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", _html(module)).group(1)
    assert heading.endswith(
        "&lt;img src=x onerror=alert(1)&gt; | x *em* [link](javascript:alert(1)) `code` "
        "{: onclick=alert(2) } &amp; &lt;/script&gt;&lt;!--&lt;script&gt;"
    )
    # the embedded checklist still carries the title as it is, for exports
    blob = re.search(r'<script type="application/json" class="isacs-assess-config">(.*?)</script>', module).group(1)
    assert json.loads(blob)["modules"][0]["title"] == HOSTILE


def test_markup_helpers():
    assert md_cell("a | b <c> & d") == "a \\| b &lt;c&gt; &amp; d"
    assert md_inline("*x*\n\n[y]{: z}") == "\\*x\\* \\[y\\]\\{: z\\}"
    assert html_text('"a"\n\n<b>') == "&quot;a&quot;&#10;&#10;&lt;b&gt;"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_module_index_keeps_a_hostile_title_in_its_cell(corpus, lang):
    from isacs.render import index_pages

    html = _html(index_pages.module_index(corpus, lang))
    assert "<img" not in html and "onclick=" not in re.sub(r">[^<]*<", "><", html)
    for table in re.findall(r"<table>.*?</table>", html, re.S):
        columns = len(re.findall(r"<th>", table))
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
        assert rows and all(len(re.findall(r"<td>", row)) == columns for row in rows), table
    assert "&lt;img src=x onerror=alert(1)&gt; | x" in html
