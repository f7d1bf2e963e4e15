"""Accessibility and reading comfort of the built fixture site in a real browser (Debian's chromium through
Playwright), as a reader sees it:

- axe-core finds no violation of the WCAG 2.0/2.1 A and AA rules on any page type, in all six languages;
- the search box, the language switcher and the self-assessment form work with the keyboard alone, and the
  focused control shows a focus indicator;
- every generated table fits the content column without hiding a column: as a table from 1024 px wide, as
  one card per row (cells labelled with their column) on a 390 px phone.

axe-core is the copy bundled in axe-playwright-python (axe.min.js, evaluated in the page): nothing is
fetched, which every scan checks. The pages are those of the fixture site of tests/site/conftest.py; set
ISACS_A11Y_SITE to a built site folder (e.g. the repository's site/ after `python3 scripts/dev.py build`)
to run the same tests on that build. Page paths are found in the build (which module is translated, which
is shown in English), so the tests follow the corpus.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from browser_testkit import (
    TOLERANCE,
    needs_chromium,
    reading_order_problems,
    same_line,
    serve,
    url,
    viewport,
    visible_box,
)
from site_testkit import LANGS

pytestmark = needs_chromium

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
PAGE_TYPES = ("home", "module", "fallback", "glossary", "downloads", "self-assessment", "xref", "finder", "404")
PHONE = 390  # a common phone's CSS width
TABLE_WIDTHS = (1280, 1024, PHONE)


# --- the site and its pages -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(request) -> Path:
    other = os.environ.get("ISACS_A11Y_SITE")
    return Path(other).resolve() if other else request.getfixturevalue("site")


@pytest.fixture(scope="module")
def origin(built):
    with serve(built) as served:
        yield served


@pytest.fixture
def new_page(browser, origin):
    """Opens pages of the served site; fails the test if a page requested anything from another origin
    (the browser is told to refuse it, so a test never depends on the network)."""
    pages, foreign = [], []

    def route(r):
        if r.request.url.startswith(origin) or r.request.url.startswith("data:"):
            r.continue_()
        else:
            foreign.append(r.request.url)
            r.abort()

    def open_page(lang: str, path: str = "", width: int = 1280):
        page = browser.new_page(viewport=viewport(width))
        page.route("**/*", route)
        page.requested = []
        page.on("request", lambda request: page.requested.append(request.url))
        pages.append(page)
        page.goto(url(origin, lang, path))
        return page

    yield open_page
    for page in pages:
        if not page.is_closed():
            page.close()
    assert not foreign, f"requests outside the local site: {foreign}"


def _lang_dir(site: Path, lang: str) -> Path:
    return site if lang == "en" else site / lang


def module_pages(site: Path, lang: str) -> tuple[list[str], list[str]]:
    """The module pages of a language: (shown in that language, shown in English as a fallback)."""
    translated, fallback = [], []
    for path in sorted(_lang_dir(site, lang).glob("*/[0-9][0-9].[0-9][0-9]/index.html")):
        rel = f"{path.parent.parent.name}/{path.parent.name}/"
        (fallback if 'class="isacs-fallback"' in path.read_text("utf-8") else translated).append(rel)
    return translated, fallback


def pages_of(site: Path, lang: str, kind: str, required: bool = True) -> list[str]:
    """The paths (relative to the language's root) of one page type in the built site. A language without
    a fallback page (every module translated, or English) skips the test, or gives [] if not `required`."""
    translated, fallback = module_pages(site, lang)
    assert translated, f"no module page in {lang}"
    if kind == "home":
        paths = ["", "modules/"]
    elif kind == "module":
        paths = translated[:1]
    elif kind == "fallback":
        if not fallback and not required:
            return []
        if not fallback:
            pytest.skip(f"every module is translated into {lang}: no fallback page in this build")
        paths = fallback[:1]
    elif kind == "self-assessment":
        paths = ["assess/", f"assess/{translated[0]}"]
    elif kind == "xref":
        root = _lang_dir(site, lang) / "xref"
        paths = ["xref/"] + sorted(f"xref/{d.name}/" for d in root.iterdir() if (d / "index.html").is_file())
        assert len(paths) > 1, "no cross-reference page under xref/"
    elif kind == "404":
        paths = ["404.html"]
    else:
        paths = [f"{kind}/"]
    for path in paths:
        file = _lang_dir(site, lang) / (path if path.endswith(".html") else path + "index.html")
        assert file.is_file(), f"{kind} page missing from the build: {file}"
    return paths


def _page_type_params():
    # English is the source language: it has no fallback page.
    return [
        pytest.param(lang, kind, id=f"{lang}-{kind}")
        for lang in LANGS
        for kind in PAGE_TYPES
        if not (lang == "en" and kind == "fallback")
    ]


# --- axe-core ---------------------------------------------------------------------------------------------


def axe_violations(page) -> list[dict]:
    """axe-core's violations of the WCAG 2.0/2.1 A and AA rules on the page as it is now. The scan itself
    must not request anything (axe-core runs from the copy bundled with axe-playwright-python)."""
    from axe_playwright_python.sync_playwright import Axe

    if page.locator(".isacs-finder").count():
        page.locator(".isacs-finder-ready").wait_for()  # the finder's form and list, drawn by its script
    before = len(page.requested)
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    # (the favicon: chromium asks for it on its own, whenever it gets round to it after the load)
    fetched = [u for u in page.requested[before:] if not u.endswith("/favicon.png")]
    assert fetched == [], f"the scan fetched {fetched}"
    return violations


def describe(where: str, violations: list[dict]) -> list[str]:
    """One line per broken rule: rule id, impact, how many elements, and the first few target selectors."""
    return [
        f"{where}: {v['id']} ({v['impact']}) on {len(v['nodes'])} element(s), e.g. "
        + " | ".join(" >>> ".join(node["target"]) for node in v["nodes"][:4])
        for v in violations
    ]


@pytest.mark.parametrize("lang, kind", _page_type_params())
def test_page_type_has_no_wcag_a_or_aa_violation(built, new_page, lang, kind):
    found = []
    for path in pages_of(built, lang, kind):
        page = new_page(lang, path)
        found += describe(f"/{lang}/{path}", axe_violations(page))
    assert not found, "axe-core WCAG 2.0/2.1 A/AA violations:\n" + "\n".join(found)


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("kind", ["home", "module", "downloads", "self-assessment", "finder"])
def test_phone_layout_has_no_wcag_a_or_aa_violation(built, new_page, lang, kind):
    # The tables are cards on a phone (header row kept for screen readers only): still no violation.
    found = []
    for path in pages_of(built, lang, kind):
        found += describe(f"/{lang}/{path} at {PHONE} px", axe_violations(new_page(lang, path, PHONE)))
    assert not found, "axe-core WCAG 2.0/2.1 A/AA violations:\n" + "\n".join(found)


def test_the_scan_reports_what_it_should_and_fetches_nothing(built, new_page):
    # What the tests above rely on: with the WCAG tags only, axe-core does report the two rules the site
    # broke before (text contrast, links told apart by colour alone), here on elements added to a page.
    page = new_page("en", pages_of(built, "en", "module")[0])
    page.evaluate("""() => {
        const p = document.createElement("p");
        p.append("Faint text beside ");
        const a = document.createElement("a");
        a.href = "#nowhere"; a.textContent = "a link in the text"; a.style.textDecoration = "none";
        p.append(a, " and more text after it, so that the link sits inside a block of text.");
        p.style.color = "#777"; p.style.background = "#fff"; a.style.color = "#5c5c5c";
        document.querySelector("article").prepend(p);
    }""")
    rules = {v["id"] for v in axe_violations(page)}  # which also checks that the scan fetched nothing
    assert {"color-contrast", "link-in-text-block"} <= rules


# --- keyboard ---------------------------------------------------------------------------------------------

_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // a control drawn by its label (the self-assessment's file input: transparent, 1 px) shows focus there
  let shown = el, r = el.getBoundingClientRect();
  if ((getComputedStyle(el).opacity === "0" || r.width <= 2 || r.height <= 2) && el.labels && el.labels.length) {
    shown = el.labels[0]; r = shown.getBoundingClientRect();
  }
  const s = getComputedStyle(shown);
  const text = (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().slice(0, 40);
  return {tag: el.tagName.toLowerCase(), text,
          outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0, outlineColor: s.outlineColor,
          boxShadow: s.boxShadow, box: {x: r.x, y: r.y, width: r.width, height: r.height}};
}"""


def _transparent(colour: str) -> bool:
    alpha = re.fullmatch(r"rgba\([^,]+,[^,]+,[^,]+,\s*([\d.]+)\)", colour.strip())
    return colour.strip() == "transparent" or bool(alpha and float(alpha.group(1)) == 0)


def focus_problem(page) -> str | None:
    """Why the reader cannot see where the keyboard focus is, or None: the focused element must draw an
    outline (style not none, width above zero, a colour that is not transparent) or a box-shadow, and lie
    inside the viewport."""
    focused = page.evaluate(_FOCUSED)
    if focused is None:
        return "nothing has the focus"
    name = f"<{focused['tag']}> {focused['text']!r}"
    outline = (
        focused["outlineStyle"] != "none" and focused["outlineWidth"] > 0 and not _transparent(focused["outlineColor"])
    )
    shadow = focused["boxShadow"] not in ("", "none")
    if not (outline or shadow):
        return (
            f"{name} shows no focus indicator (outline {focused['outlineStyle']} {focused['outlineWidth']}px "
            f"{focused['outlineColor']}, box-shadow {focused['boxShadow']})"
        )
    box, size = focused["box"], page.viewport_size
    if (
        box["width"] < 1
        or box["height"] < 1
        or box["x"] + box["width"] <= 0
        or box["x"] >= size["width"]
        or box["y"] + box["height"] <= 0
        or box["y"] >= size["height"]
    ):
        return f"{name} has the focus outside the screen: {box}"
    return None


def tab_to(page, selector: str, limit: int = 80, key: str = "Tab") -> int:
    """Press Tab until the focused element matches `selector`; returns how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{selector} not reached with {limit} presses of {key}")


@pytest.mark.parametrize("width", (1280, 1024))
@pytest.mark.parametrize("lang, query", [("en", "marking"), ("ar", "الوسم")])
def test_search_works_with_the_keyboard(built, new_page, lang, query, width):
    path = pages_of(built, lang, "module")[0]
    page = new_page(lang, path, width)
    tab_to(page, ".isacs-search input")  # our box, which hands the focus to Pagefind's as it loads
    page.wait_for_function("() => document.activeElement?.matches('.pagefind-ui__search-input')")
    assert (problem := focus_problem(page)) is None, problem
    page.keyboard.type(query)
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
    # Tab goes on into the results, the panel stays open and shows the focus; Enter opens the result
    here = page.evaluate("location.pathname")
    tab_to(page, f'.pagefind-ui__result-link:not([href^="{here}"])', limit=40)
    assert page.locator(".pagefind-ui__drawer").is_visible()
    assert (problem := focus_problem(page)) is None, problem
    target = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    # Escape leaves the search and closes its panel
    page = new_page(lang, path, width)
    tab_to(page, ".isacs-search input")
    page.wait_for_function("() => document.activeElement?.matches('.pagefind-ui__search-input')")
    page.keyboard.type(query)
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
    page.keyboard.press("Escape")
    assert not page.evaluate("document.querySelector('.isacs-search').contains(document.activeElement)")
    assert not page.locator(".pagefind-ui__drawer").is_visible()


@pytest.mark.parametrize("width", (1280, 1024))
@pytest.mark.parametrize("lang, other", [("en", "ar"), ("ar", "zh"), ("zh", "en")])
def test_language_switcher_works_with_the_keyboard(built, origin, new_page, lang, other, width):
    path = pages_of(built, lang, "module")[0]
    page = new_page(lang, path, width)
    tab_to(page, ".md-select button")
    assert (problem := focus_problem(page)) is None, problem
    # the list opens while the focus is in it; Tab walks the languages, each visibly focused
    tab_to(page, f'.md-select__link[hreflang="{other}"]', limit=len(LANGS))
    page.wait_for_function("() => getComputedStyle(document.querySelector('.md-select__inner')).opacity === '1'")
    link = page.locator(f'.md-select__link[hreflang="{other}"]')
    assert visible_box(link), "the focused language is not on screen"
    assert link.get_attribute("lang") == other  # a screen reader says the name in its own language
    assert (problem := focus_problem(page)) is None, problem
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.documentElement.lang === {other!r}")
    assert page.url == url(origin, other, path)
    assert page.locator("body").get_attribute("dir") == ("rtl" if other == "ar" else "ltr")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_self_assessment_works_with_the_keyboard(built, new_page, lang):
    module = pages_of(built, lang, "module")[0]
    page = new_page(lang, f"assess/{module}")
    page.locator(".isacs-assess-toolbar").wait_for(state="visible")  # the form's script has started
    # the skip link, then Tab to the toolbar's buttons: each reachable and visibly focused
    tab_to(page, ".md-skip", limit=3)
    page.keyboard.press("Enter")
    buttons = page.locator(".isacs-assess-toolbar button:visible, .isacs-assess-toolbar input:visible").count()
    tab_to(page, ".isacs-assess-toolbar button, .isacs-assess-toolbar input")
    for _ in range(buttons):
        assert (problem := focus_problem(page)) is None, problem
        if not page.evaluate("document.activeElement.closest('.isacs-assess-toolbar') !== null"):
            break
        page.keyboard.press("Tab")
    # the first requirement's statuses: Tab lands on the group, Space picks, the arrow keys change the pick
    first = page.locator("fieldset.isacs-assess-item").first
    radios = first.locator("input[type=radio]")
    values = [radios.nth(i).get_attribute("value") for i in range(radios.count())]
    tab_to(page, "fieldset.isacs-assess-item:first-of-type input[type=radio]")
    assert (problem := focus_problem(page)) is None, problem
    page.keyboard.press("Space")
    assert first.locator("input[type=radio]:checked").get_attribute("value") == values[0]
    page.keyboard.press("ArrowDown")
    assert first.locator("input[type=radio]:checked").get_attribute("value") == values[1]
    assert "isacs-assess-done" in (first.get_attribute("class") or "")
    assert page.locator(".isacs-assess-progress progress").evaluate("p => p.value") == 1
    # Tab leaves the group for the notes, which take typed text and keep it
    tab_to(page, "fieldset.isacs-assess-item:first-of-type textarea", limit=3)
    assert (problem := focus_problem(page)) is None, problem
    page.keyboard.type("seen at depot 3")
    stored = page.evaluate("localStorage.getItem('isacs-assess-v1')") or ""
    assert "seen at depot 3" in stored and values[1] in stored


@pytest.mark.parametrize("width", (1280, 800))
@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("kind", ["module", "self-assessment", "downloads", "finder"])
def test_every_tab_stop_shows_the_focus(built, new_page, lang, kind, width):
    # Every control a keyboard reaches, from the skip link to the footer, shows where the focus is, on screen:
    # at 1280 px the navigation beside the content; at 800 px the menu button, and not the links of the
    # closed navigation drawer (Material left them in the Tab order, off screen).
    page = new_page(lang, pages_of(built, lang, kind)[-1], width)
    if kind == "self-assessment":
        page.locator(".isacs-assess-toolbar").wait_for(state="visible")
    if kind == "finder":
        page.locator(".isacs-finder-ready").wait_for()
    problems, stops = [], 0
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body || !document.activeElement"):
            break
        if page.evaluate("document.activeElement.matches('.isacs-search__input')"):
            # the box hands the focus to Pagefind's as that loads: the reader sees the focus there
            page.wait_for_function("() => document.activeElement?.matches('.pagefind-ui__search-input')")
        if page.evaluate("document.activeElement.matches('.pagefind-ui__search-clear')"):
            continue  # Pagefind's clear button sits under the empty box until there is text to clear
        stops += 1
        if problem := focus_problem(page):
            problems.append(f"stop {stops}: {problem}")
    assert stops > 5  # the walk reached the page (9 on the Arabic form in a fresh CI run, more elsewhere)
    assert not problems, "\n".join(problems)


# --- tables -----------------------------------------------------------------------------------------------

_TABLES = """() => {
  const column = document.querySelector(".md-content__inner").getBoundingClientRect();
  const box = el => {
    const r = el.getBoundingClientRect();
    return {x: r.x, y: r.y, width: r.width, height: r.height};
  };
  return [...document.querySelectorAll(".md-content__inner table")].map(table => {
    const head = table.tHead ? [...table.tHead.rows[0].cells].map(c => c.textContent.trim()) : [];
    const rows = [...table.tBodies].flatMap(b => [...b.rows]).map(row => [...row.cells].map(cell => {
      const s = getComputedStyle(cell), label = getComputedStyle(cell, "::before").content;
      let clipped = false;  // hidden by an ancestor that scrolls or clips (Material's table wrapper)
      for (let a = cell.parentElement; a && a !== document.body; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if (o !== "visible") { const r = a.getBoundingClientRect(), c = cell.getBoundingClientRect();
          if (c.left < r.left - 2 || c.right > r.right + 2) clipped = true; }
      }
      return {box: box(cell), text: cell.textContent.trim(), empty: cell.textContent.trim() === "",
              shown: s.display !== "none" && s.visibility !== "hidden", clipped, label};
    }));
    return {head, rows, rtl: getComputedStyle(table).direction === "rtl"};
  }).concat([{column: box(document.querySelector(".md-content__inner")),
              page: document.documentElement.scrollWidth - innerWidth}]);
}"""


def table_problems(page, where: str) -> list[str]:
    """What keeps a reader from seeing every column of the page's tables: a cell (the last column's above
    all) outside the content column, clipped by a scrolling wrapper, or out of reading order; on a wide
    screen a row that is no longer one line; on a phone, a card cell that does not name its column."""
    *tables, meta = page.evaluate(_TABLES)
    column, wide = meta["column"], page.viewport_size["width"] >= 1024
    start, end = column["x"] - TOLERANCE, column["x"] + column["width"] + TOLERANCE
    problems = []
    if meta["page"] > 1:
        problems.append(f"{where}: the page scrolls sideways by {meta['page']} px")
    for t, table in enumerate(tables, start=1):
        name = f"{where} table {t} ({' | '.join(table['head'])[:60]})"
        for r, row in enumerate(table["rows"], start=1):
            cells = [c for c in row if not c["empty"]]
            unseen = {}  # why each cell a reader cannot see is out of sight
            for i, cell in enumerate(cells, start=1):
                b = cell["box"]
                if not cell["shown"] or b["width"] < 1:
                    unseen[i] = "hidden"
                elif b["x"] < start or b["x"] + b["width"] > end:
                    unseen[i] = "outside the content column"
                elif cell["clipped"]:
                    unseen[i] = "cut off (scroll to see it)"
            if unseen:
                last = ""
                if row[-1] is cells[-1] and len(cells) in unseen:
                    last = f"; the last column {row[-1]['text'][:20]!r} is {unseen[len(cells)]}"
                problems.append(f"{name} row {r}: cells {sorted(unseen)} of {len(cells)} out of sight{last}")
            # (the table's own direction: a module shown in English keeps left-to-right in the Arabic site)
            order = reading_order_problems([c["box"] for c in cells], table["rtl"])
            problems += [f"{name} row {r}: {p}" for p in order]
            if len(cells) > 1 and not same_line(cells[0]["box"], cells[-1]["box"]):
                if wide:
                    problems.append(f"{name} row {r}: not one line at {page.viewport_size['width']} px")
                elif len(table["head"]) == len(row):
                    problems += [
                        f"{name} row {r}: {c['text'][:20]!r} is shown without its column's name"
                        for c, h in zip(row, table["head"])
                        if not c["empty"] and c is not row[0] and h and h not in c["label"]
                    ]
    return problems


@pytest.mark.parametrize("width", TABLE_WIDTHS)
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_table_fits_the_content_column(built, new_page, lang, width):
    paths = [
        p
        for kind in ("home", "module", "fallback", "downloads", "self-assessment", "xref")
        for p in pages_of(built, lang, kind, required=kind != "fallback")
    ]
    problems, tables = [], 0
    for path in paths:
        page = new_page(lang, path, width)
        if page.locator(".isacs-assess").count():
            page.locator(".isacs-assess-toolbar").wait_for(state="visible")  # its summary table is drawn
        tables += page.locator(".md-content__inner table").count()
        problems += table_problems(page, f"/{lang}/{path} at {width} px")
        # a table stays a table for screen readers, whatever its layout
        assert page.get_by_role("table").count() == page.locator(".md-content__inner table").count()
        page.close()
    assert tables >= 8, f"only {tables} tables on {paths}"
    assert not problems, "\n".join(problems[:40]) + (f"\n... {len(problems) - 40} more" if len(problems) > 40 else "")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_navigation_drawer_works_with_the_keyboard(built, new_page, lang):
    # Below 1220 px the navigation is a drawer behind a menu button: Tab reaches the button, Enter opens the
    # drawer with the focus on its first link (on screen: from the left in English, the right in Arabic),
    # Escape closes it and gives the focus back to the button.
    page = new_page(lang, pages_of(built, lang, "module")[0], 800)
    button = page.locator(".isacs-drawer-button")
    tab_to(page, ".isacs-drawer-button", limit=3)
    assert (problem := focus_problem(page)) is None, problem
    assert button.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.querySelector('.md-sidebar--primary').contains(document.activeElement)")
    # the drawer slides in (0.25 s): wait until the focused link is wholly on screen
    page.wait_for_function(
        "() => { const r = document.activeElement.getBoundingClientRect(); "
        "return r.left >= 0 && r.right <= innerWidth; }"
    )
    assert (problem := focus_problem(page)) is None, problem
    page.keyboard.press("Tab")
    assert (problem := focus_problem(page)) is None, problem
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.matches('.isacs-drawer-button')")
    # closed, it leaves the screen and the Tab order (hidden once it has slid out)
    page.locator(".md-sidebar--primary .md-nav__link").first.wait_for(state="hidden")
