"""The requirement finder (render/finder.py, overrides/assets/isacs-finder.js) of the fixture site.

Every expectation is computed from the model (the fixture project loaded with isacs.core), never from the
finder's own code: the data file's counts per series, module, verbal form, actor, RRPL, instrument and
provision; what each filter of the page shows; the search (case and accents ignored, Chinese substrings);
the filters in the address and Back; the CSV and XLSX exports of a filtered view (the CSV byte for byte
the checklist CSV of the downloads page for the same selection); the result links; right to left in
Arabic; the notice without JavaScript; no Content-Security-Policy violation in any test.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from browser_testkit import needs_chromium, url, viewport, watched_context
from isacs.checklists.xlsx import row_height
from isacs.core.loader import load_corpus
from isacs.core.model import Corpus, Requirement
from isacs.i18n.strings import t
from site_testkit import LANGS

PATH = "finder/"


# --- the model: what the finder must show ----------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(project) -> Corpus:
    loaded, _ = load_corpus(project)
    return loaded


def in_force(corpus: Corpus) -> list[Requirement]:
    return [r for r in corpus.requirements() if not r.is_tombstone]


def passes(corpus: Corpus, req: Requirement, name: str, value: str) -> bool:
    """Whether a requirement passes one filter of the finder (its name and value in the address)."""
    module = corpus.modules[req.module]
    if name == "series":
        return module.series == value
    if name == "module":
        return module.id == value
    if name == "level":
        return req.level == value
    if name == "actor":
        return value in req.actors
    if name == "rrpl":
        return str(req.rrpl) == value
    if name == "instrument":
        return any(ref.instrument == value for ref in req.refs)
    assert name == "provision", name
    return any(ref.key == value for ref in req.refs)


def selected(corpus: Corpus, **filters: str) -> set[str]:
    """Keys of the requirements in force that pass every filter."""
    return {
        req.key for req in in_force(corpus) if all(passes(corpus, req, name, value) for name, value in filters.items())
    }


def filter_values(corpus: Corpus) -> list[tuple[str, str]]:
    """Every value each filter can take in the corpus."""
    reqs = in_force(corpus)
    values = {
        "series": {corpus.modules[r.module].series for r in reqs},
        "module": {r.module for r in reqs},
        "level": {r.level for r in reqs},
        "actor": {a for r in reqs for a in r.actors},
        "rrpl": {str(r.rrpl) for r in reqs if r.rrpl is not None},
        "instrument": {ref.instrument for r in reqs for ref in r.refs},
        "provision": {ref.key for r in reqs for ref in r.refs},
    }
    return [(name, value) for name, found in values.items() for value in sorted(found)]


def fold(text: str) -> str:
    """Case and accents ignored: decomposed, combining marks (and the Arabic tatweel) dropped, lower case."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.category(c).startswith("M") and c != "\u0640").lower()


def searched(corpus: Corpus, lang: str, query: str) -> set[str]:
    """Keys of the requirements whose module label, ID, title, clause or text (in `lang`, else English),
    or instrument references, hold every word of `query`."""
    words = fold(query).split()
    out = set()
    for module in corpus.modules.values():
        text_lang = lang if lang in module.translations else "en"
        clauses = {rid: c for c in module.all_clauses() for rid in c.requirement_ids}
        for req in module.requirements:
            if req.is_tombstone:
                continue
            clause = clauses[req.id]
            fields = [module.label, req.id, module.title_in(lang), clause.number, clause.title(lang)]
            fields += [req.texts[text_lang].plain] + [ref.label for ref in req.refs]
            haystack = fold("\n".join(fields))
            if all(word in haystack for word in words):
                out.add(req.key)
    return out


def test_the_model_has_what_the_tests_need(corpus):
    """The fixture exercises both series, every level, an untranslated module, a tombstone, RRPL, refs."""
    reqs = in_force(corpus)
    assert {corpus.modules[r.module].series for r in reqs} == {"isacs", "iatg"}
    assert {r.level for r in reqs} == {"shall", "should", "may"}
    assert any(r.is_tombstone for r in corpus.requirements())
    assert any(r.rrpl for r in reqs) and any(r.refs for r in reqs)
    assert any("ar" not in m.translations for m in corpus.modules.values())


# --- the data file ---------------------------------------------------------------------------------------


def data_file(site: Path, lang: str) -> dict:
    return json.loads((site / ("" if lang == "en" else lang) / "finder" / "requirements.json").read_text("utf-8"))


def data_rows(data: dict) -> list[dict]:
    """The data file's rows with their lookups resolved."""
    out = []
    for m, rid, level, rrpl, clause, text, actors, provisions in data["rows"]:
        module = data["modules"][m]
        refs = [data["provisions"][p] for p in provisions]
        out.append(
            {
                "key": f"{module['id']}#{rid}",
                "series": module["s"],
                "module": module["id"],
                "level": data["levels"][level][0],
                "rrpl": rrpl or None,
                "clause": data["clauses"][clause],
                "text": text,
                "text_lang": module["tl"],
                "actors": [data["actors"][a] for a in actors],
                "instruments": {data["instruments"][p[0]][0] for p in refs},
                "provisions": [p[1] for p in refs],
            }
        )
    return out


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_data_file_counts_are_the_models(site, corpus, lang):
    rows = data_rows(data_file(site, lang))
    reqs = in_force(corpus)
    assert sorted(r["key"] for r in rows) == sorted(r.key for r in reqs)  # tombstones left out, none twice
    assert Counter(r["series"] for r in rows) == Counter(corpus.modules[r.module].series for r in reqs)
    assert Counter(r["module"] for r in rows) == Counter(r.module for r in reqs)
    assert Counter(r["level"] for r in rows) == Counter(r.level for r in reqs)
    assert Counter(r["rrpl"] for r in rows) == Counter(r.rrpl for r in reqs)
    assert Counter(a[0] for r in rows for a in r["actors"]) == Counter(a for r in reqs for a in r.actors)
    assert Counter(i for r in rows for i in r["instruments"]) == Counter(
        i for r in reqs for i in {ref.instrument for ref in r.refs}
    )
    assert Counter(p for r in rows for p in r["provisions"]) == Counter(ref.key for r in reqs for ref in r.refs)


@pytest.mark.parametrize("lang", ["fr", "ar", "zh"])
def test_data_file_texts_and_labels_are_in_the_pages_language(site, corpus, lang):
    data = data_file(site, lang)
    assert data["lang"] == lang
    for row in data_rows(data):
        req = corpus.requirement(row["key"])
        module = corpus.modules[req.module]
        expected_lang = lang if lang in module.translations else "en"
        assert (row["text_lang"], row["text"]) == (expected_lang, req.texts[expected_lang].plain)
        assert [label for _, label in row["actors"]] == [corpus.actors[a].label(lang) for a in req.actors]
    assert [level[1] for level in data["levels"]] == [t(lang, f"level_{x}") for x in ("shall", "should", "may")]


# --- the page in a browser -------------------------------------------------------------------------------


@pytest.fixture
def context(browser):
    """A fresh profile per test, downloads kept; fails the test on any Content-Security-Policy violation."""
    with watched_context(browser, accept_downloads=True, viewport=viewport(1280)) as ctx:
        yield ctx


@pytest.fixture
def finder(context, origin):
    """Opens the finder of a language (with a query string) once its script has drawn the list; the page
    records uncaught script errors in `page.errors`."""

    def open_finder(lang: str, query: str = "", width: int = 1280):
        page = context.new_page()
        page.set_viewport_size(viewport(width))
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(url(origin, lang, PATH + query))
        page.locator(".isacs-finder-ready").wait_for()
        return page

    return open_finder


def shown(page) -> set[str]:
    """Keys of the requirements listed, from their links (../isacs/05.30/#r001 -> isacs/05.30#r001)."""
    hrefs = page.eval_on_selector_all(".isacs-finder-id", "links => links.map(a => a.getAttribute('href'))")
    keys = set()
    for href in hrefs:
        match = re.fullmatch(r"\.\./(.+)/#(r\d+)", href)
        assert match, href
        keys.add(f"{match.group(1)}#{match.group(2)}")
    assert len(keys) == len(hrefs), "a requirement listed twice"
    return keys


def count_text(lang: str, shown_count: int, total: int) -> str:
    return t(lang, "fd_count", shown=shown_count, total=total)


def wait_for_count(page, text: str) -> None:
    page.wait_for_function("t => document.querySelector('.isacs-finder-count').textContent === t", arg=text)


def controls(page) -> dict[str, str]:
    return page.eval_on_selector_all(
        ".isacs-finder-form select, .isacs-finder-form input",
        "els => Object.fromEntries(els.map(e => [e.name, e.value]))",
    )


@needs_chromium
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_each_filter_shows_the_models_requirements(finder, corpus, lang):
    page = finder(lang)
    total = len(in_force(corpus))
    assert shown(page) == selected(corpus)
    assert page.locator(".isacs-finder-count").text_content() == count_text(lang, total, total)
    assert page.locator(".isacs-finder-count").get_attribute("aria-live") == "polite"
    checked = 0
    for name, value in filter_values(corpus):
        page.locator(".isacs-finder-actions button").first.click()  # clear the filters
        page.select_option(f"#isacs-finder-{name}", value)
        expected = selected(corpus, **{name: value})
        assert shown(page) == expected, (name, value)
        assert page.locator(".isacs-finder-count").text_content() == count_text(lang, len(expected), total)
        checked += 1
    assert checked >= 12
    # Filters combine: every one must hold
    page.locator(".isacs-finder-actions button").first.click()
    page.select_option("#isacs-finder-level", "should")
    page.select_option("#isacs-finder-actor", "national-authority")
    page.select_option("#isacs-finder-series", "isacs")
    assert shown(page) == selected(corpus, level="should", actor="national-authority", series="isacs") != set()
    # The modules offered follow the series chosen
    offered = page.eval_on_selector_all("#isacs-finder-module option", "os => os.map(o => o.value).filter(Boolean)")
    assert offered == [m.id for m in corpus.modules.values() if m.series == "isacs"]
    page.select_option("#isacs-finder-actor", "stockpile-manager")  # nobody in ISACS
    assert shown(page) == set()
    assert page.locator(".isacs-finder-none").is_visible()
    assert page.locator(".isacs-finder-count").text_content() == count_text(lang, 0, total)
    assert page.errors == []


@needs_chromium
def test_the_filters_are_in_the_address_and_back_restores_them(finder, corpus, context):
    page = finder("fr")
    page.select_option("#isacs-finder-level", "should")
    page.select_option("#isacs-finder-actor", "manufacturer")
    query = urlparse(page.url).query
    assert dict(p.split("=") for p in query.split("&")) == {"level": "should", "actor": "manufacturer"}
    expected = selected(corpus, level="should", actor="manufacturer")
    assert shown(page) == expected
    # The address opened elsewhere gives the same form and the same list
    again = finder("fr", "?" + query)
    assert controls(again)["level"] == "should" and controls(again)["actor"] == "manufacturer"
    assert shown(again) == expected
    # Back: the previous filters, then none
    page.go_back()
    page.wait_for_function("() => !location.search.includes('actor')")
    assert (controls(page)["level"], controls(page)["actor"]) == ("should", "")
    assert shown(page) == selected(corpus, level="should")
    page.go_back()
    page.wait_for_function("() => location.search === ''")
    assert shown(page) == selected(corpus)
    page.go_forward()
    page.wait_for_function("() => location.search === '?level=should'")
    assert shown(page) == selected(corpus, level="should")
    # A module ID and a provision key in the address; a value the corpus does not have is ignored
    linked = finder("fr", "?module=isacs/05.30&provision=ITI-12&actor=nobody")
    assert (controls(linked)["module"], controls(linked)["provision"], controls(linked)["actor"]) == (
        "isacs/05.30",
        "ITI-12",
        "",
    )
    assert shown(linked) == selected(corpus, module="isacs/05.30", provision="ITI-12") != set()
    assert "actor" not in linked.url  # the address says what is shown


@needs_chromium
@pytest.mark.parametrize(
    "lang, query",
    [
        ("fr", "ETATS"),  # "États": case and accent ignored
        ("fr", "états registre"),  # every word, anywhere in the text
        ("fr", "fabrication"),
        ("zh", "记录"),  # a Chinese word inside a sentence: substring
        ("zh", "制造"),
        ("ar", "الصنع"),
    ],
)
def test_text_search_in_the_pages_language(finder, corpus, lang, query):
    page = finder(lang)
    total = len(in_force(corpus))
    expected = searched(corpus, lang, query)
    assert expected and expected != selected(corpus), f"{query!r} should select some requirements, not all"
    page.fill("#isacs-finder-q", query)
    wait_for_count(page, count_text(lang, len(expected), total))
    assert shown(page) == expected
    assert unquote(urlparse(page.url).query) == f"q={query}"
    # The search combines with the filters
    page.select_option("#isacs-finder-level", "shall")
    assert shown(page) == expected & selected(corpus, level="shall")


@needs_chromium
def test_the_search_box_restores_from_the_address_and_back_goes_before_the_search(finder, corpus):
    linked = finder("fr", "?q=%C3%A9tat&level=should")
    assert (controls(linked)["q"], controls(linked)["level"]) == ("état", "should")
    assert shown(linked) == searched(corpus, "fr", "état") & selected(corpus, level="should")
    page = finder("fr", "?level=should")
    page.fill("#isacs-finder-q", "etat")
    page.wait_for_function("() => location.search.includes('q=etat')")
    assert shown(page) == searched(corpus, "fr", "etat") & selected(corpus, level="should")
    page.go_back()
    page.wait_for_function("() => location.search === '?level=should'")
    assert controls(page)["q"] == ""
    assert shown(page) == selected(corpus, level="should")


def read_download(page, button: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.click(f"[data-export={button}]")
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode("utf-8"))
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@needs_chromium
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_csv_export_is_the_checklist_csv_of_the_filtered_view(finder, site, corpus, lang):
    # A whole series: the same bytes as the series checklist of the downloads page
    page = finder(lang, "?series=isacs")
    name, data = read_download(page, "csv")
    assert name == f"requirements-{lang}.csv"
    checklist = site / ("" if lang == "en" else lang) / "downloads" / f"isacs-all-{lang}.csv"
    assert data == checklist.read_bytes()
    # Any filtered view: exactly its rows, with the checklist's columns
    page = finder(lang, "?level=should")
    _, data = read_download(page, "csv")
    header, *rows = csv_rows(data)
    assert header == csv_rows(checklist.read_bytes())[0]
    assert {row[0] for row in rows} == selected(corpus, level="should")
    assert len(rows) == len(selected(corpus, level="should"))


@needs_chromium
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_xlsx_export_opens_with_openpyxl_and_has_the_csv_rows(finder, corpus, lang):
    page = finder(lang, "?instrument=ITI")
    name, data = read_download(page, "xlsx")
    assert name == f"requirements-{lang}.xlsx" and data.startswith(b"PK\x03\x04")
    _, csv_data = read_download(page, "csv")
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook.active
    assert sheet.title == t(lang, "col_requirements")
    cells = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert cells == csv_rows(csv_data)
    assert {row[0] for row in cells[1:]} == selected(corpus, instrument="ITI")
    assert bool(sheet.sheet_view.rightToLeft) == (lang == "ar")
    assert sheet.freeze_panes == "A2"
    # every row as tall as its wrapped text, estimated as the checklists' workbooks are (LibreOffice shows
    # a row without a height one line high, cutting the requirement's text)
    widths = [sheet.column_dimensions[get_column_letter(c)].width for c in range(1, sheet.max_column + 1)]
    for r, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        assert sheet.row_dimensions[r].height == row_height(list(zip(row, widths)), bold=r == 1), r
    assert max(sheet.row_dimensions[r].height for r in range(2, sheet.max_row + 1)) > 2 * 15  # texts wrap


@needs_chromium
def test_a_long_list_is_drawn_in_batches_and_exported_whole(finder, context, site):
    # 250 requirements (the fixture's first one, again and again under other IDs): 100 drawn at a time
    data = data_file(site, "en")
    data["rows"] = [[0, f"r{n:03d}", *data["rows"][0][2:]] for n in range(1, 251)]
    body = json.dumps(data)
    context.route("**/finder/requirements.json", lambda r: r.fulfill(body=body, content_type="application/json"))
    page = finder("en")
    assert page.locator(".isacs-finder-count").text_content() == count_text("en", 250, 250)
    more = page.locator(".isacs-finder-more")
    assert page.locator(".isacs-finder-item").count() == 100 and more.is_visible()
    more.click()
    assert page.locator(".isacs-finder-item").count() == 200
    # the keyboard focus goes to the first requirement added, so the reader goes on from there
    assert page.evaluate("document.activeElement.textContent") == f"{data['modules'][0]['label']} r101"
    more.click()
    assert page.locator(".isacs-finder-item").count() == 250 and not more.is_visible()
    page.select_option("#isacs-finder-level", data["levels"][data["rows"][0][2]][0])
    assert page.locator(".isacs-finder-item").count() == 100  # a new list starts again with one batch
    _, exported = read_download(page, "csv")
    assert len(csv_rows(exported)) == 1 + 250  # every requirement of the view, drawn or not


@needs_chromium
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_result_links_lead_to_existing_anchors(finder, site, origin, lang):
    page = finder(lang)
    hrefs = page.eval_on_selector_all(".isacs-finder-item a", "links => links.map(a => a.href)")
    assert len(hrefs) >= 5
    for href in hrefs:
        parsed = urlparse(urljoin(page.url, href))
        assert parsed.netloc == urlparse(origin).netloc, href
        target = site / parsed.path.lstrip("/") / "index.html"
        assert target.is_file(), href
        assert f'id="{parsed.fragment}"' in target.read_text("utf-8"), href
    # Following one: the module page, at the requirement
    page.locator(".isacs-finder-id").first.click()
    page.wait_for_url(re.compile(r".*/#r\d+$"))
    assert re.search(r"/#r\d+$", page.url) and page.locator(f"[id='{urlparse(page.url).fragment}']").count() == 1


@needs_chromium
def test_arabic_page_is_right_to_left_with_english_fallback_text_marked(finder, corpus):
    page = finder("ar", "", 1280)
    assert page.evaluate("getComputedStyle(document.querySelector('.isacs-finder-form')).direction") == "rtl"
    item = page.locator(".isacs-finder-item").first
    # The level stripe is on the start side: the right in Arabic
    assert item.evaluate("li => getComputedStyle(li).borderRightWidth") == "4px"
    assert item.evaluate("li => getComputedStyle(li).borderLeftWidth") == "0px"
    # A module without an Arabic translation: its text in English, marked so (and left to right)
    untranslated = [m.id for m in corpus.modules.values() if "ar" not in m.translations]
    texts = page.eval_on_selector_all(
        ".isacs-finder-item",
        "items => items.map(li => [li.querySelector('.isacs-finder-id').getAttribute('href'),"
        " li.querySelector('.isacs-finder-text').lang, li.querySelector('.isacs-finder-text').dir])",
    )
    for href, text_lang, direction in texts:
        english = any(href.startswith(f"../{m}/") for m in untranslated)
        assert (text_lang, direction) == (("en", "ltr") if english else ("", "")), href


@needs_chromium
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_phone_width_keeps_everything_in_the_screen(finder, lang):
    page = finder(lang, "", 390)
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 1
    for selector in (".isacs-finder-form select", ".isacs-finder-form input", ".isacs-finder-text"):
        for box in page.locator(selector).evaluate_all("els => els.map(e => e.getBoundingClientRect().toJSON())"):
            assert box["x"] >= -1 and box["x"] + box["width"] <= 391, (selector, box)


@needs_chromium
def test_the_filters_work_with_the_keyboard(finder, corpus):
    page = finder("en")
    page.locator("#isacs-finder-q").focus()
    for name in ("series", "module", "level"):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == f"isacs-finder-{name}"
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", f"{name}: no focus indicator"
    page.keyboard.press("ArrowDown")  # the first verbal form
    assert controls(page)["level"] == "shall"
    assert shown(page) == selected(corpus, level="shall")
    assert "level=shall" in page.url


@needs_chromium
def test_without_javascript_the_page_links_the_downloads(browser, origin, site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(url(origin, "fr", PATH))
        notice = page.locator(".isacs-finder-fallback")
        assert notice.is_visible()
        assert t("fr", "fd_noscript") in notice.text_content()
        link = notice.locator("a")
        target = urlparse(urljoin(page.url, link.get_attribute("href"))).path
        assert (site / target.lstrip("/") / "index.html").is_file()
        assert page.locator(".isacs-finder-form").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_the_page_in_its_navigation_and_home(site, lang):
    base = site / ("" if lang == "en" else lang)
    assert (base / "finder" / "index.html").is_file() and (base / "finder" / "requirements.json").is_file()
    home = (base / "index.html").read_text("utf-8")
    assert 'href="finder/"' in home
    assert f">{t(lang, 'fd_title')}<" in (base / "finder" / "index.html").read_text("utf-8")
