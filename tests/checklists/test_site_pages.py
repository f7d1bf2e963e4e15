"""Site integration: the downloads page of every language links every module's checklist in every format
plus the series bundles, all generated in the build; the self-assessment pages carry their data, load
the script from the site root, and link each requirement to its module page."""

from __future__ import annotations

import io
import json
import posixpath
import re
import shutil

import openpyxl
import pytest

from checklist_testkit import EPOCH, MINI
from isacs.checklists import downloads as checklist_downloads
from isacs.checklists.collect import collect
from isacs.core.languages import LANGUAGES
from isacs.core.validate import check_repository
from isacs.render import assessment, downloads, paths

REPO = MINI.parents[2]
LINK = re.compile(r"\]\(([^)\s]+)")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site") / "mini"
    shutil.copytree(MINI, root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        corpus, _ = check_repository(root)
        collected = collect(corpus, LANGUAGES)
        files = {
            (f.path, f.lang): f
            for lang in LANGUAGES
            for f in [*downloads.pages(corpus, lang, collected), *assessment.pages(corpus, lang, collected)]
        }
    return root, corpus, files


@pytest.mark.parametrize("lang", LANGUAGES)
def test_downloads_page_links_every_module_in_every_format(site, lang):
    _, corpus, files = site
    page = files[(downloads.PAGE, lang)].content
    targets = {posixpath.normpath(posixpath.join("downloads", link)) for link in LINK.findall(page)}
    expected = {
        f"downloads/{stem}-{lang}.{fmt}"
        for stem in ("isacs-05-30", "iatg-06-10", "isacs-all", "iatg-all")
        for fmt in ("xlsx", "csv", "json", "pdf")
    }
    assert expected <= targets
    assert {"isacs/05.30/index.md", "assess/isacs/05.30/index.md", "assess/iatg/index.md"} <= targets
    for target in targets:  # every link resolves to a generated file or page of this language
        assert (target, lang) in files or target in {paths.module_page(m) for m in corpus.modules}, target
    assert all(isinstance(files[(t, lang)].content, bytes) for t in expected)


def test_downloaded_files_are_the_checklists(site):
    _, _, files = site
    wb = openpyxl.load_workbook(io.BytesIO(files[("downloads/isacs-all-fr.xlsx", "fr")].content))
    assert wb.sheetnames == ["Synthèse", "ISACS 05.30"]
    data = json.loads(files[("downloads/iatg-06-10-zh.json", "zh")].content)
    assert (data["language"], [m["id"] for m in data["modules"]]) == ("zh", ["iatg/06.10"])
    assert files[("downloads/isacs-05-30-ar.csv", "ar")].content.startswith("\ufeff".encode("utf-8"))
    assert files[("downloads/isacs-05-30-ar.pdf", "ar")].content.startswith(b"%PDF-")


def test_second_build_comes_from_the_cache(site, monkeypatch):
    root, corpus, files = site
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)

    def no_rendering(*args):
        raise AssertionError("a checklist was made again instead of read from the cache")

    monkeypatch.setattr(checklist_downloads, "render", no_rendering)
    monkeypatch.setattr(checklist_downloads.pdf, "render_many", no_rendering)
    again = {(f.path, f.lang): f.content for f in downloads.pages(corpus, "fr", collect(corpus, ["fr"]))}
    assert again == {key: f.content for key, f in files.items() if key[1] == "fr" and key[0].startswith("downloads/")}


def _config(page: str) -> dict:
    blob = re.search(r'<script type="application/json" class="isacs-assess-config">(.*?)</script>', page).group(1)
    return json.loads(blob)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_assessment_page_has_form_and_data_for_each_requirement(site, lang):
    _, _, files = site
    page = files[(assessment.module_page("isacs/05.30"), lang)].content
    config = _config(page)
    keys = [r["key"] for m in config["modules"] for r in m["requirements"]]
    assert keys == ["isacs/05.30#r001", "isacs/05.30#r002", "isacs/05.30#r003"]
    assert re.findall(r'data-key="([^"]+)"', page) == keys
    assert page.count('type="radio"') == 3 * 4
    assert config["statuses"] == ["compliant", "partially", "not-compliant", "not-applicable"]
    assert config["csv_columns"][0] == "key" and len(config["csv_headings"]) == len(config["csv_columns"])
    assert "\n\n" not in page[page.index('<div class="isacs-assess">') :]  # one raw-HTML block for Markdown
    series = _config(files[(assessment.series_page("isacs"), lang)].content)
    assert [m["id"] for m in series["modules"]] == ["isacs/05.30"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_path", [assessment.module_page("iatg/06.10"), assessment.series_page("iatg")])
def test_script_and_style_load_from_the_site_root(site, lang, page_path):
    _, _, files = site
    page = files[(page_path, lang)].content
    # Served URL of the page: the default language at the root, the others under /<lang>/.
    url_dir = ("" if lang == "en" else f"{lang}/") + posixpath.dirname(page_path)
    for asset in re.findall(r'(?:src|href)="([^"]*assets/assess\.(?:js|css))"', page):
        served = posixpath.normpath(posixpath.join(url_dir, asset))
        assert served in {"assets/assess.js", "assets/assess.css"}
        assert (REPO / "overrides" / served).is_file()


def test_requirement_links_point_at_the_module_page(site):
    _, _, files = site
    page = files[(assessment.series_page("isacs"), "fr")].content
    hrefs = re.findall(r'<legend><a href="([^"]+)"', page)
    assert hrefs == ["../../isacs/05.30/#r001", "../../isacs/05.30/#r002", "../../isacs/05.30/#r003"]
    resolved = {posixpath.normpath(posixpath.join("assess/isacs", h.split("#")[0])) for h in hrefs}
    assert resolved == {posixpath.dirname(paths.module_page("isacs/05.30"))}
