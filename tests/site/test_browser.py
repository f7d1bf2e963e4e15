"""The built fixture site in a real browser (Debian's chromium through Playwright): the header search,
what a first search downloads, stemming and Chinese segmentation, and the mirrored Arabic layout."""
from __future__ import annotations

import re

import pytest

from browser_testkit import (VIEWPORT_WIDTHS, CspViolations, needs_chromium, on_start_side, overlap, url, viewport,
                             visible_box)
from site_testkit import LANGS, pagefind_fragments

pytestmark = needs_chromium


@pytest.fixture
def new_page(browser):
    """Opens pages; at the end of the test, fails it if the site's Content-Security-Policy blocked anything."""
    pages = []
    csp = CspViolations()

    def open_page(address: str, width: int = VIEWPORT_WIDTHS[0]):
        page = csp.watch(browser.new_page(viewport=viewport(width)))
        pages.append(page)
        page.goto(address)
        return page

    yield open_page
    try:
        csp.assert_none()
    finally:
        for page in pages:
            page.close()


def test_typing_in_the_search_box_shows_results_from_the_language_index_only(origin, new_page):
    page = new_page(url(origin, "fr", "isacs/05.30/"))
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    box = page.locator(".isacs-search__input")
    assert box.get_attribute("placeholder") == "Rechercher"
    assert not [u for u in fetched if "/pagefind/" in u]  # nothing loads before the reader uses the box
    box.click()
    page.locator(".pagefind-ui__search-input").wait_for()
    page.keyboard.type("registres")
    # Results render one by one: wait for the expected one rather than reading a half-rendered list.
    expected = page.locator('.pagefind-ui__result-title a.pagefind-ui__result-link[href="/fr/isacs/05.30/"]')
    expected.first.wait_for(timeout=15000)
    assert "registre" in page.locator(".pagefind-ui__drawer").inner_text()
    # only the French index was read: no other language's wasm, metadata, index or fragments
    search_files = [u.split("/pagefind/", 1)[1] for u in fetched if "/pagefind/" in u]
    languages = {m.group(1) for f in search_files if (m := re.match(r"(?:wasm\.|pagefind\.|index/|fragment/)([a-z]+)[._]", f))}
    assert languages == {"fr"}, search_files
    assert any(f.startswith("index/fr_") for f in search_files)


def test_the_focus_moves_straight_to_pagefinds_box_and_no_key_is_lost(origin, new_page):
    # Our box hands over to Pagefind's as it loads: the focus must go from one to the other, never rest on
    # the page (keys pressed then would be lost), whatever the reader types meanwhile.
    page = new_page(url(origin, "fr", "isacs/05.30/"))
    page.evaluate("""() => {
      window.leftTo = [];
      document.querySelector(".isacs-search__input").addEventListener("focusout", event => {
        const to = event.relatedTarget;
        window.leftTo.push(!to ? "the page" : to.matches(".pagefind-ui__search-input") ? "Pagefind's box" : to.tagName);
      });
    }""")
    page.locator(".isacs-search__input").focus()
    page.keyboard.type("registres", delay=15)
    theirs = page.locator(".pagefind-ui__search-input")
    theirs.wait_for()
    page.wait_for_function("() => window.leftTo.length > 0")
    assert page.evaluate("window.leftTo") == ["Pagefind's box"]
    assert page.evaluate("document.activeElement.matches('.pagefind-ui__search-input')")
    assert theirs.input_value() == "registres"


@pytest.mark.parametrize("lang, query, literal_absent", [
    ("zh", "测试", False),        # a word inside the sentence 为测试编写的示例文本 (no spaces in Chinese)
    ("fr", "registres", True),   # the text says "registre"
    ("es", "fabricantes", True),  # "fabricante"
    ("ru", "производители", True),  # "Производитель"
    ("ar", "بالوسم", True),      # "الوسم" / "وسم"
])
def test_search_finds_words_in_sentences_and_inflected_forms(origin, new_page, site, lang, query, literal_absent):
    page = new_page(url(origin, lang))
    bundle = page.locator("[data-isacs-search]").get_attribute("data-bundle")
    found = page.evaluate("""async ([bundle, query]) => {
        const pagefind = await import(new URL(bundle + "pagefind.js", document.baseURI).href);
        const search = await pagefind.search(query);
        return Promise.all(search.results.map(async (r) => (await r.data()).url));
    }""", [bundle, query])
    assert f"/{lang}/isacs/05.30/" in found
    if literal_absent:  # the page does not contain the query as typed: the stemmer matched another form
        content = next(f["content"] for f in pagefind_fragments(site) if f["url"] == f"/{lang}/isacs/05.30/")
        assert query.lower() not in content.lower()


# The control at the header's start: the logo on a wide screen, the navigation drawer's button below 1220 px.
HEADER_START = ".md-header__button.md-logo, label.md-header__button[for=__drawer]"


@pytest.mark.parametrize("width", VIEWPORT_WIDTHS)
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_module_page_reads_from_the_start_side_of_its_language(origin, new_page, lang, width):
    rtl = lang == "ar"
    page = new_page(url(origin, lang, "isacs/05.30/"), width)
    assert page.locator("body").get_attribute("dir") == ("rtl" if rtl else "ltr")
    content, search = visible_box(page.locator(".md-content")), visible_box(page.locator(".isacs-search"))
    start_control = next(box for box in map(visible_box, page.locator(HEADER_START).all()) if box)
    assert content and search
    # the header starts with the logo (or the drawer button) and ends with the search box
    assert on_start_side(start_control, search, rtl) and not overlap(start_control, search)
    nav = visible_box(page.locator(".md-sidebar--primary"))
    if nav:  # wide screen: the navigation is beside the content, on the start side
        assert on_start_side(nav, content, rtl) and not overlap(nav, content)
    else:  # narrow: it is a drawer, opened by its button, sliding in over the start half of the screen
        assert width < 1220
        page.locator("label.md-header__button[for=__drawer]").click()
        page.wait_for_function("() => { const r = document.querySelector('.md-sidebar--primary')"
                               ".getBoundingClientRect(); return r.left >= -1 && r.right <= innerWidth + 1; }")
        drawer = visible_box(page.locator(".md-sidebar--primary"))
        centre = {"x": width / 2, "width": 0}
        assert drawer and on_start_side(drawer, centre, rtl)
    # every requirement's coloured rule (border-inline-start) is on the start side
    left, right = page.locator("#r001").evaluate(
        "el => [getComputedStyle(el).borderLeftWidth, getComputedStyle(el).borderRightWidth]")
    assert (right if rtl else left) != "0px" and (left if rtl else right) == "0px"
    # the content column is inside the screen: no horizontal scrolling to read the page
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth + 1")


@pytest.mark.parametrize("width", VIEWPORT_WIDTHS)
@pytest.mark.parametrize("lang, query", [("en", "marking"), ("ar", "الوسم")])
def test_search_results_hang_from_the_box_and_stay_on_screen(origin, new_page, lang, query, width):
    page = new_page(url(origin, lang, "isacs/05.30/"), width)
    page.locator(".isacs-search__input").click()
    page.locator(".pagefind-ui__search-input").wait_for()
    page.keyboard.type(query)
    page.locator(".pagefind-ui__result").first.wait_for()
    drawer = visible_box(page.locator(".pagefind-ui__drawer"))
    search = visible_box(page.locator(".isacs-search"))
    assert drawer and search
    # the panel opens below the box and stays on screen
    assert drawer["y"] >= search["y"] + search["height"] - 2
    assert drawer["x"] >= 0 and drawer["x"] + drawer["width"] <= width + 1
    # it hangs from the box's inline end (the box is at the header's end): flush with its right edge in
    # English, its left edge in Arabic, unless the screen is too narrow to keep it there
    if lang == "ar":
        assert abs(drawer["x"] - search["x"]) <= 2 or drawer["x"] + drawer["width"] >= width - 16
    else:
        assert abs(drawer["x"] + drawer["width"] - search["x"] - search["width"]) <= 2 or drawer["x"] <= 16
    message = page.locator(".pagefind-ui__message").inner_text().strip()
    assert message  # the results summary, in the page's language
    if lang == "ar":
        assert re.search(r"[\u0600-\u06ff]", message)


def test_every_language_home_has_a_working_search_box(origin, new_page):
    for lang in LANGS:
        page = new_page(url(origin, lang))
        page.locator(".isacs-search__input").focus()
        page.locator(".pagefind-ui__search-input").wait_for()
        assert page.locator(".pagefind-ui__search-input").evaluate("el => document.activeElement === el")


def test_the_policy_blocks_an_injected_inline_script_and_the_recorder_sees_it(origin, browser):
    # What the other tests rely on: the recorder reports what the site's policy blocks (their fixture fails
    # the test on any report), and the policy does block script it has no hash for.
    csp = CspViolations()
    page = csp.watch(browser.new_page())
    try:
        page.goto(url(origin, "fr", "isacs/05.30/"))
        assert page.evaluate("typeof __md_scope") == "object"  # Material's hashed inline script ran
        assert csp.found() == []
        ran = page.evaluate("""() => { const s = document.createElement("script");
            s.textContent = "window.__injected = true"; document.body.append(s); return !!window.__injected; }""")
        assert ran is False
        page.wait_for_function("window.__cspViolations.length > 0")
        assert any("script-src" in v for v in csp.found())
    finally:
        page.close()
