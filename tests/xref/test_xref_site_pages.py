"""The cross-reference section of the site: every page and download in every language."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from isacs.checklists.collect import collect
from isacs.core.languages import LANGUAGES
from isacs.core.validate import check_repository
from isacs.render import site, xref_pages
from isacs.render.links import XREF_INSTRUMENTS


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    # A copy: rendering the site writes the checklist cache beside the sources.
    root = tmp_path_factory.mktemp("xref-site") / "mini"
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "mini", root)
    corpus = check_repository(root)[0]
    return {(f.path, f.lang): f.content for f in site.render_site(corpus, collect(corpus, LANGUAGES), LANGUAGES)}


PAGES = [XREF_INSTRUMENTS] + [p for p, _, _ in xref_pages.PAGES] + [xref_pages.XREF_INDEX]
DATA = ["data/model.json", "data/oscal/isacs.json", "data/oscal/iatg.json"] + [
    f"data/xref/{name}.{ext}"
    for name in ("provisions", "requirements", "modules", "concepts", "counts", "status")
    for ext in ("csv", "json")
]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_and_download_in_every_language(files, lang):
    for path in PAGES + DATA:
        assert (path, lang) in files, (path, lang)


def test_pages_are_translated(files):
    assert "# Renvois entre modules" in files[(xref_pages.XREF_MODULES, "fr")]
    assert "# 翻译状态" in files[(xref_pages.XREF_STATUS, "zh")]
    assert "| Fabricant | 1 | 1 | 0 |" in files[(xref_pages.XREF_COUNTS, "fr")]


def test_instrument_anchors_kept(files):
    page = files[(XREF_INSTRUMENTS, "en")]
    assert "{#ITI}" in page and '<span id="ITI-8a"></span>' in page and '<span id="PoA-II.10"></span>' in page
    assert "[ISACS 05.30 r001](../../isacs/05.30/index.md#r001) (2.1, Requirement)" in page


def test_svg_diagram_per_series(files):
    page = files[(xref_pages.XREF_MODULES, "en")]
    assert "```mermaid" not in page and page.count('<svg xmlns="http://www.w3.org/2000/svg"') == 2
    assert page.count('<a class="isacs-graph-box" href="../../isacs/05.30/">') == 2
    assert page.count('<a class="isacs-graph-box" href="../../iatg/06.10/">') == 2


def test_status_page_lists_stale_requirements(files):
    page = files[(xref_pages.XREF_STATUS, "en")]
    assert '<span class="isacs-translation-stale">Stale</span> (3)' in page
    assert "not stamped: r001, r002, r003" in page


def test_model_json_per_language(files):
    data = json.loads(files[("data/model.json", "fr")])
    texts = data["modules"][0]["requirements"][0]["texts"]
    assert set(texts) == {"en", "fr"}


def test_navigation_section(mini):
    nav = site.navigation(mini)
    assert {"Cross-references": [xref_pages.XREF_INDEX] + [p for p, _, _ in xref_pages.PAGES]} in nav


def test_json_downloads_are_compact_and_hold_what_the_cli_prints(files, mini):
    from isacs.core import export_json
    from isacs.xref import oscal

    for path, cli in (
        ("data/model.json", export_json.to_json(mini, {"fr", "en"})),
        ("data/oscal/isacs.json", oscal.to_json(mini, "isacs", "fr")),
    ):
        site_json = files[(path, "fr")]
        assert "\n " not in site_json and len(site_json) < len(cli)  # no indentation: smaller downloads
        assert json.loads(site_json) == json.loads(cli)
