"""Requirement permalinks and citations on module pages (issue 14; overrides/assets/isacs-cite.js and
isacs-cite.css, the data attributes of module_header.md and the requirement blocks' ids).

Without a browser: every module page carries the citation's parts as the model has them, and the
strings in its language. In Debian's chromium: a permalink marks its requirement by more than colour
(outline, thicker start border, tint), on the start side in Arabic, without motion when the reader asks
for less; following another requirement's id moves the mark; the "copy citation" button (mouse or
keyboard) puts the citation in the page's language and the permalink on the clipboard and says so in a
live region; without a writable clipboard the citation is shown selected in a read-only field. axe-core
finds nothing on a page with a targeted requirement, and the site's policy blocks nothing.
"""

from __future__ import annotations

import pytest

from browser_testkit import CspViolations, needs_chromium, on_start_side, url, viewport
from isacs.core.languages import LANGUAGES
from isacs.core.model import SERIES_NAMES
from isacs.core.validate import check_repository
from isacs.i18n.strings import t
from site_testkit import LANGS, article, parse
from site_testkit import page as page_file

MODULE = "isacs/05.30"
PATH = f"{MODULE}/"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def corpus(project):
    corpus, problems = check_repository(project)
    assert not [p for p in problems if p.code.startswith("E")], problems
    return corpus


def citation(corpus, lang: str, rid: str, permalink: str) -> str:
    """The citation as the model and the translated strings make it, then the permalink on its own line."""
    module = corpus.modules[MODULE]
    text = t(
        lang,
        "cite_format",
        series=SERIES_NAMES[module.series],
        number=module.number,
        edition=module.edition,
        version=module.version,
        id=rid,
    )
    return f"{text}\n{permalink}"


# --- the pages -------------------------------------------------------------------------------------------


def test_module_pages_carry_the_citation_data_of_the_model(site, corpus):
    checked = 0
    for module in corpus.modules.values():
        for lang in LANGUAGES:
            page = parse(page_file(site, lang, f"{module.id}/"))
            meta = page.find("div", class_="isacs-module-meta").attrs
            assert meta["data-isacs-series"] == SERIES_NAMES[module.series]
            assert (meta["data-isacs-number"], meta["data-isacs-edition"], meta["data-isacs-version"]) == (
                module.number,
                module.edition,
                module.version,
            )
            for key in ("format", "button", "copied", "manual", "field"):
                assert meta[f"data-isacs-cite-{key}"] == t(lang, f"cite_{key}"), (lang, key)
            blocks = page.find_all("div", class_="isacs-req")
            live = [r.id for r in module.requirements if not r.is_tombstone]
            assert [b.attrs["id"] for b in blocks] == live  # the id the button cites, the permalink's fragment
            checked += 1
    assert checked == len(corpus.modules) * len(LANGUAGES)


def test_only_module_pages_load_the_citation_script(site):
    for lang in LANGS:
        pages = {path: parse(page_file(site, lang, path)) for path in (PATH, "glossary/")}
        scripts = {path: [s.attrs.get("src", "") for s in html.find_all("script")] for path, html in pages.items()}
        assert any(s.endswith("assets/isacs-cite.js") for s in scripts[PATH])
        assert not any(s.endswith("assets/isacs-cite.js") for s in scripts["glossary/"])
        assert not article(page_file(site, lang, PATH)).find_all("button")  # the script adds the buttons


# --- in the browser --------------------------------------------------------------------------------------


@pytest.fixture
def open_page(browser, origin):
    """Opens a page in a fresh context that may read and write the clipboard; fails the test on a CSP
    violation. `no_clipboard`: a browser where the page cannot write it (no Clipboard API)."""
    csp = CspViolations()
    contexts = []

    def open_(lang: str, path: str, reduced_motion: str = "no-preference", no_clipboard: bool = False):
        context = browser.new_context(viewport=viewport(1280), reduced_motion=reduced_motion)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
        if no_clipboard:
            context.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined})")
        csp.watch(context)
        contexts.append(context)
        page = context.new_page()
        page.goto(url(origin, lang, path))
        page.locator(".isacs-cite-button").first.wait_for()
        return page

    yield open_
    try:
        csp.assert_none()
    finally:
        for context in contexts:
            context.close()


_MARK = """(id) => {
    const style = getComputedStyle(document.getElementById(id));
    return {outline: style.outlineStyle, background: style.backgroundColor, animation: style.animationName,
            left: style.borderLeftWidth, right: style.borderRightWidth};
}"""


@needs_chromium
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_permalink_marks_its_requirement_and_following_another_id_moves_the_mark(open_page, lang):
    page = open_page(lang, f"{PATH}#r002")
    target, other = page.evaluate(_MARK, "r002"), page.evaluate(_MARK, "r001")
    assert target["outline"] == "solid" and other["outline"] == "none"
    assert target["background"] != other["background"]
    assert target["animation"] == "isacs-target-in"
    # the thicker border on the start side: left in English, right in Arabic
    start, end = ("right", "left") if lang == "ar" else ("left", "right")
    assert float(target[start].removesuffix("px")) > float(other[start].removesuffix("px")) > 0
    assert target[end] == other[end] == "0px"
    # the button closes the head line: after the id on the line read from the start side
    button = page.locator("#r002 .isacs-cite-button")
    assert button.get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert on_start_side(page.locator("#r002 .isacs-req-id").bounding_box(), button.bounding_box(), lang == "ar")
    page.locator("#r001 .isacs-req-id").click()
    assert page.evaluate(_MARK, "r001")["outline"] == "solid"
    assert page.evaluate(_MARK, "r002")["outline"] == "none"
    assert page.locator(".isacs-req--target").evaluate_all("(all) => all.map((e) => e.id)") == ["r001"]


@needs_chromium
def test_no_motion_for_readers_who_ask_for_less(open_page):
    page = open_page("fr", f"{PATH}#r002", reduced_motion="reduce")
    mark = page.evaluate(_MARK, "r002")
    assert mark["outline"] == "solid" and mark["animation"] == "none"


def clipboard(page) -> str:
    return page.evaluate("() => navigator.clipboard.readText()")


def status(page) -> str:
    locator = page.locator(".isacs-cite-status[role=status][aria-live=polite]")
    return locator.inner_text()


@needs_chromium
@pytest.mark.parametrize("lang", ["fr", "zh"])
def test_the_button_copies_the_citation_in_the_pages_language_with_the_permalink(open_page, origin, corpus, lang):
    page = open_page(lang, PATH)
    button = page.locator("#r002 .isacs-cite-button")
    assert button.evaluate("(b) => b.tagName") == "BUTTON" and button.get_attribute("type") == "button"
    assert button.get_attribute("lang") == lang
    assert " ".join(button.text_content().split()) == f"{t(lang, 'cite_button')} r002"
    button.click()
    page.wait_for_function("() => document.querySelector('.isacs-cite-status').textContent !== ''")
    assert status(page) == t(lang, "cite_copied")
    assert clipboard(page) == citation(corpus, lang, "r002", url(origin, lang, f"{PATH}#r002"))
    # and for the eye, a check mark on the button (outside its accessible name)
    assert button.evaluate("(b) => getComputedStyle(b, '::before').content").startswith('"✓')
    assert not page.locator(".isacs-cite-field").count()


@needs_chromium
def test_the_button_works_from_the_keyboard(open_page, origin, corpus):
    page = open_page("zh", f"{PATH}#r002")
    page.locator("#r001 .isacs-req-id").focus()
    for _ in range(10):  # the id link, then the requirement's reference links, then the button
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('#r001 .isacs-cite-button')"):
            break
    else:
        pytest.fail("Tab never reached r001's citation button")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('.isacs-cite-status').textContent !== ''")
    assert status(page) == t("zh", "cite_copied")
    # the permalink is the requirement's own, whatever the address the page was opened at
    assert clipboard(page) == citation(corpus, "zh", "r001", url(origin, "zh", f"{PATH}#r001"))


@needs_chromium
def test_without_a_writable_clipboard_the_citation_is_selected_in_a_field(open_page, origin, corpus):
    page = open_page("fr", PATH, no_clipboard=True)
    page.locator("#r003 .isacs-cite-button").click()
    field = page.locator("#r003 .isacs-cite-field")
    field.wait_for()
    assert field.is_visible() and field.get_attribute("readonly") is not None
    assert field.get_attribute("aria-label") == t("fr", "cite_field")
    expected = citation(corpus, "fr", "r003", url(origin, "fr", f"{PATH}#r003"))
    assert field.input_value() == expected
    selected = field.evaluate("(f) => [document.activeElement === f, f.selectionStart, f.selectionEnd]")
    assert selected == [True, 0, len(expected)]
    page.wait_for_function("() => document.querySelector('.isacs-cite-status').textContent !== ''")
    assert status(page) == t("fr", "cite_manual")


@needs_chromium
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_targeted_requirement_and_its_buttons_have_no_wcag_violation(open_page, lang):
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(lang, f"{PATH}#r002", reduced_motion="reduce")  # colours as they stay, not mid-fade
    page.locator("#r002 .isacs-cite-button").focus()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    violations = Axe().run(page, options=options).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
