"""The built fixture site in a real browser (Debian's chromium through Playwright): the header search,
what a first search downloads, stemming and Chinese segmentation, and the mirrored Arabic layout."""
from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest

from site_testkit import LANGS, pagefind_fragments

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                                "(apt-get install chromium; listed in scripts/system-packages.txt)")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    pages = []

    def open_page(url: str):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        pages.append(page)
        page.goto(url)
        return page

    yield open_page
    for page in pages:
        page.close()


def url(base: str, lang: str, path: str = "") -> str:
    return f"{base}/{'' if lang == 'en' else lang + '/'}{path}"


def test_typing_in_the_search_box_shows_results_from_the_language_index_only(base_url, new_page):
    page = new_page(url(base_url, "fr", "isacs/05.30/"))
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


@pytest.mark.parametrize("lang, query, literal_absent", [
    ("zh", "测试", False),        # a word inside the sentence 为测试编写的示例文本 (no spaces in Chinese)
    ("fr", "registres", True),   # the text says "registre"
    ("es", "fabricantes", True),  # "fabricante"
    ("ru", "производители", True),  # "Производитель"
    ("ar", "بالوسم", True),      # "الوسم" / "وسم"
])
def test_search_finds_words_in_sentences_and_inflected_forms(base_url, new_page, site, lang, query, literal_absent):
    page = new_page(url(base_url, lang))
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


def test_arabic_page_is_laid_out_right_to_left(base_url, new_page):
    boxes, opened = {}, []
    for lang in ("en", "ar"):
        page = new_page(url(base_url, lang, "isacs/05.30/"))
        opened.append(page)
        assert page.locator("body").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
        boxes[lang] = {name: page.locator(selector).first.bounding_box() for name, selector in (
            ("nav", ".md-sidebar--primary"), ("content", ".md-content"), ("logo", ".md-header__button.md-logo"),
            ("search", ".isacs-search"), ("requirement", "#r001"))}
        for box in boxes[lang].values():
            assert box and box["width"] > 0
    en, ar = boxes["en"], boxes["ar"]
    # English: navigation left of the content, logo at the left, search at the right; Arabic mirrors all three
    assert en["nav"]["x"] < en["content"]["x"] and ar["nav"]["x"] > ar["content"]["x"]
    assert en["logo"]["x"] < en["search"]["x"] and ar["logo"]["x"] > ar["search"]["x"]
    # the requirement's coloured rule (border-inline-start) is on the right in Arabic, on the left in English
    rules = {}
    for lang, page in zip(("en", "ar"), opened):
        rules[lang] = page.locator("#r001").evaluate(
            "el => [getComputedStyle(el).borderLeftWidth, getComputedStyle(el).borderRightWidth]")
    assert rules["en"][0] != "0px" and rules["en"][1] == "0px"
    assert rules["ar"][1] != "0px" and rules["ar"][0] == "0px"


def test_arabic_search_results_open_on_the_start_side(base_url, new_page):
    page = new_page(url(base_url, "ar", "isacs/05.30/"))
    page.locator(".isacs-search__input").click()
    page.locator(".pagefind-ui__search-input").wait_for()
    page.keyboard.type("الوسم")
    page.locator(".pagefind-ui__result").first.wait_for()
    drawer = page.locator(".pagefind-ui__drawer").bounding_box()
    search = page.locator(".isacs-search").bounding_box()
    viewport = page.viewport_size
    # the results panel hangs from the search box towards the page's inline end and stays on screen
    assert drawer["x"] >= 0 and drawer["x"] + drawer["width"] <= viewport["width"]
    assert abs(drawer["x"] - search["x"]) < 2  # RTL: aligned on the box's left (its inline end)
    assert page.locator(".pagefind-ui__message").inner_text().strip()  # the results summary, in Arabic
    assert re.search(r"[\u0600-\u06ff]", page.locator(".pagefind-ui__message").inner_text())


def test_every_language_home_has_a_working_search_box(base_url, new_page):
    for lang in LANGS:
        page = new_page(url(base_url, lang))
        page.locator(".isacs-search__input").focus()
        page.locator(".pagefind-ui__search-input").wait_for()
        assert page.locator(".pagefind-ui__search-input").evaluate("el => document.activeElement === el")
