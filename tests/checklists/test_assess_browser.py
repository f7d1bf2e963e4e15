"""The self-assessment pages of a site built from the mini fixture, in a real browser (Debian's chromium
through Playwright): answering, progress and summaries, persistence in localStorage, CSV/JSON export and
import, bad imports, print layout, no request leaving the local server, and working offline."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from assess_testkit import AssessPage
from browser_testkit import (VIEWPORT_WIDTHS, chromium, needs_chromium, on_start_side, reading_order_problems, serve,
                             url, viewport)
from isacs.checklists.rows import STATUSES, status_label
from isacs.render.strings import t
from site_testkit import make_project, mkdocs_build

pytestmark = needs_chromium

MODULE_PAGE = "assess/isacs/05.30/"
SERIES_PAGE = "assess/isacs/"
R1, R2, R3 = KEYS = ("isacs/05.30#r001", "isacs/05.30#r002", "isacs/05.30#r003")
# Top-level clauses of isacs/05.30 in the fixture: r001 and r002 under clause 2, r003 in annex A.
CLAUSES = {"en": ("2 Marking", "A Model table"), "fr": ("2 Marquage", "A Tableau modèle"),
           "ar": ("2 الوسم", "A جدول نموذجي")}
# Notes that need quoting in CSV and are not ASCII.
NOTES = 'Seen at depot 3, row "B";\nsecond line — ملاحظة 备注'


@pytest.fixture(scope="session")
def assess_site(tmp_path_factory) -> Path:
    """The fixture project of the site tests built by `mkdocs build --strict` (as tests/site's `site`)."""
    project = make_project(tmp_path_factory.mktemp("assess-site") / "project")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr, result.stderr[-3000:]
    return project / "site"


@pytest.fixture(scope="module")
def origin(assess_site):
    with serve(assess_site) as served:
        yield served


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture
def context(browser):
    """A fresh browser profile per test: empty localStorage, downloads kept."""
    ctx = browser.new_context(accept_downloads=True, viewport=viewport(VIEWPORT_WIDTHS[0]))
    yield ctx
    ctx.close()


@pytest.fixture
def requests() -> list[str]:
    """Every URL requested by the pages opened with `open_page`."""
    return []


@pytest.fixture
def open_page(context, origin, requests):
    def opener(lang: str, path: str = MODULE_PAGE, width: int = VIEWPORT_WIDTHS[0]) -> AssessPage:
        page = context.new_page()
        page.set_viewport_size(viewport(width))
        errors: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url(origin, lang, path))
        return AssessPage(page, errors)

    return opener


def progress_text(lang: str, done: int, total: int) -> str:
    return f"{t(lang, 'as_progress', done=done, total=total)} · {t(lang, 'as_saved_locally')}"


def expected_summary(lang: str, clause_counts: list[list[int]]) -> dict:
    """What the page should show for counts per clause, each [compliant, partially, not-compliant,
    not-applicable, not assessed]."""
    total = [sum(column) for column in zip(*clause_counts)]
    done = sum(total[:4])
    rows = [[label, *counts, sum(counts)] for label, counts in zip(CLAUSES[lang], clause_counts)]
    return {"progress": [done, sum(total)], "text": progress_text(lang, done, sum(total)),
            "by_status": dict(zip([*STATUSES, "none"], total)),
            "head": [t(lang, "cl_col_clause"), *(status_label(lang, s) for s in STATUSES),
                     t(lang, "cl_not_assessed"), t(lang, "cl_total")],
            "by_clause": rows + [[t(lang, "cl_total"), *total, sum(total)]]}


def fill_example(page: AssessPage) -> dict[str, dict]:
    """r001 compliant, r002 not compliant with notes, r003 notes only; the answers as the page should hold them."""
    page.set_status(R1, "compliant")
    page.set_status(R2, "not-compliant")
    page.set_notes(R2, NOTES)
    page.set_notes(R3, "to check with the authority")
    return {R1: {"status": "compliant", "notes": ""}, R2: {"status": "not-compliant", "notes": NOTES},
            R3: {"status": None, "notes": "to check with the authority"}}


def assert_local(requests: list[str], origin: str) -> None:
    assert requests, "no request recorded"
    # Downloads are blob: URLs of the page's own origin.
    outside = [u for u in requests if not u.startswith((origin + "/", f"blob:{origin}/"))]
    assert not outside, outside


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_answers_update_progress_and_summaries_and_persist_after_reload(open_page, lang):
    page = open_page(lang)
    assert page.config["language"] == lang
    assert page.summary() == expected_summary(lang, [[0, 0, 0, 0, 2], [0, 0, 0, 0, 1]])
    labels = page.item(R1).locator(".isacs-assess-status label").all_text_contents()
    assert [label.strip() for label in labels] == [status_label(lang, s) for s in STATUSES]

    expected = fill_example(page)
    assert page.answers() == expected
    assert page.summary() == expected_summary(lang, [[1, 0, 1, 0, 0], [0, 0, 0, 0, 1]])
    assert page.stored() == expected  # notes without a status are kept too

    page.set_status(R2, "partially")  # a changed answer moves between columns
    page.set_status(R3, "not-applicable")
    expected[R2]["status"], expected[R3]["status"] = "partially", "not-applicable"
    assert page.summary() == expected_summary(lang, [[1, 1, 0, 0, 0], [0, 0, 0, 1, 0]])

    page.reload()
    assert page.answers() == expected
    assert page.stored() == expected
    assert page.summary() == expected_summary(lang, [[1, 1, 0, 0, 0], [0, 0, 0, 1, 0]])
    # answered requirements are marked in the form
    assert [page.item(k).evaluate("el => el.classList.contains('isacs-assess-done')") for k in KEYS] == [True] * 3
    assert page.errors == []


@pytest.mark.parametrize("width", VIEWPORT_WIDTHS)
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_form_reads_from_the_start_side_of_its_language(open_page, lang, width):
    rtl = lang == "ar"
    page = open_page(lang, width=width)
    assert page.page.locator("body").get_attribute("dir") == ("rtl" if rtl else "ltr")
    assert page.root.evaluate("el => getComputedStyle(el).direction") == ("rtl" if rtl else "ltr")
    # statuses read from the start side: left to right in English, right to left in Arabic
    radios = [label.bounding_box() for label in page.item(R1).locator(".isacs-assess-status label").all()]
    assert len(radios) == len(STATUSES) and reading_order_problems(radios, rtl) == []
    # the coloured rule of a requirement is on its start side (4px), the other sides are thin
    left, right = page.item(R1).evaluate(
        "el => [getComputedStyle(el).borderLeftWidth, getComputedStyle(el).borderRightWidth]")
    assert ((right, left) if rtl else (left, right)) == ("4px", "1px")
    # the summary by status: no bullets (Material's list rules must not win), the statuses in their order
    # from the start side, wrapping onto another line where the language's labels need it, never overlapping
    by_status = page.page.locator(".isacs-assess-by-status")
    assert by_status.evaluate("el => getComputedStyle(el).listStyleType") == "none"
    items = by_status.locator("li")
    assert [li.get_attribute("data-status") for li in items.all()] == [*STATUSES, "none"]
    assert reading_order_problems([li.bounding_box() for li in items.all()], rtl) == []
    container = by_status.bounding_box()
    for li in items.all():  # nothing hangs out of the content column
        box = li.bounding_box()
        assert container["x"] - 1 <= box["x"] and box["x"] + box["width"] <= container["x"] + container["width"] + 1
    # the summary table is ruled and starts with the clause column on the start side
    assert page.page.locator(".isacs-assess-table td").first.evaluate(
        "el => getComputedStyle(el).borderTopStyle") == "solid"
    clause = page.page.locator(".isacs-assess-table tbody th").first.bounding_box()
    count = page.page.locator(".isacs-assess-table tbody td").first.bounding_box()
    assert on_start_side(clause, count, rtl)
    assert page.page.evaluate("document.documentElement.scrollWidth <= innerWidth + 1")  # no sideways scroll


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_export_json_clear_and_import_restores_the_answers(open_page, lang):
    page = open_page(lang)
    expected = fill_example(page)
    name, data = page.export("json")
    assert name == f"assessment-isacs-05.30-{lang}.json"
    exported = json.loads(data.decode("utf-8"))
    assert (exported["format"], exported["language"]) == ("isacs-checklist", lang)
    assert exported["exported"].endswith("Z")
    assert not {"ui", "status_labels", "status_aliases", "csv_columns", "csv_headings"} & exported.keys()
    [module] = exported["modules"]
    assert (module["id"], module["label"], module["edition"], module["version"]) == \
        ("isacs/05.30", "ISACS 05.30", "2026", "1.0")
    assert [(r["key"], r["id"]) for r in module["requirements"]] == [(k, k[-4:]) for k in KEYS]
    assert {r["key"]: {"status": r["status"], "notes": r["notes"]} for r in module["requirements"]} == expected

    # Dismissing the confirmation keeps everything; accepting clears the page and the browser storage.
    assert page.clear(accept=False) == t(lang, "as_clear_confirm")
    assert page.answers() == expected
    page.clear()
    empty = {k: {"status": None, "notes": ""} for k in KEYS}
    assert page.answers() == empty and page.stored() == {}
    assert page.summary() == expected_summary(lang, [[0, 0, 0, 0, 2], [0, 0, 0, 0, 1]])

    assert page.import_file(name, data) == t(lang, "as_imported", count=3)
    assert page.answers() == expected and page.stored() == expected
    assert page.summary() == expected_summary(lang, [[1, 0, 1, 0, 0], [0, 0, 0, 0, 1]])
    page.reload()
    assert page.answers() == expected
    assert page.errors == []


def test_export_csv_has_a_bom_and_one_row_per_requirement(open_page):
    page = open_page("fr")
    fill_example(page)
    name, data = page.export("csv")
    assert name == "assessment-isacs-05.30-fr.csv"
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark, so Excel reads Arabic and Chinese right
    text = data[3:].decode("utf-8")
    quoted_notes = '"' + NOTES.replace('"', '""') + '"'  # quoted as Excel does, its line break kept inside
    assert quoted_notes in text
    assert text.endswith("\r\n") and "\n" not in text.replace(quoted_notes, "").replace("\r\n", "")
    header, *rows = list(csv.reader(io.StringIO(text, newline="")))
    config = page.config
    assert header == config["csv_headings"] and header[0] == "Clé"
    column = {name: header.index(heading) for name, heading in zip(config["csv_columns"], config["csv_headings"])}
    assert [row[column["key"]] for row in rows] == list(KEYS)
    assert [row[column["id"]] for row in rows] == ["r001", "r002", "r003"]
    assert [row[column["status"]] for row in rows] == ["conforme", "non conforme", ""]
    assert [row[column["notes"]] for row in rows] == ["", NOTES, "to check with the authority"]
    assert {row[column["language"]] for row in rows} == {"fr"}
    assert all(len(row) == len(header) for row in rows)

    # the CSV comes back in as well, its French status labels mapped to statuses
    page.clear()
    assert page.import_file(name, data) == t("fr", "as_imported", count=3)
    assert page.answers() == {R1: {"status": "compliant", "notes": ""}, R2: {"status": "not-compliant", "notes": NOTES},
                              R3: {"status": None, "notes": "to check with the authority"}}


@pytest.mark.parametrize("name, content, reason", [
    ("broken.json", b'{"format": "isacs-checklist", "modules": [', "as_err_json"),
    ("other.json", b'{"format": "something-else", "modules": []}', "as_err_format"),
    ("keyless.json", b'{"format": "isacs-checklist", "modules": [{"requirements": [{"status": "compliant"}]}]}',
     "as_err_key"),
    ("notes.csv", b"hello,world\r\n1,2\r\n", "as_err_csv"),
    ("empty.json", b"", "as_err_json"),
])
@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_invalid_import_says_why_in_the_page_language_and_changes_nothing(open_page, lang, name, content, reason):
    page = open_page(lang)
    expected = fill_example(page)
    before = (page.stored_raw(), page.summary())
    message = page.import_file(name, content)
    assert message == t(lang, "as_import_failed", error=t(lang, reason)), message
    assert page.answers() == expected
    assert (page.stored_raw(), page.summary()) == before  # not even a timestamp rewritten


def test_answers_are_shared_with_the_series_page(open_page):
    page = open_page("en")
    expected = fill_example(page)
    series = open_page("fr", SERIES_PAGE)  # same browser: another page, another language
    assert series.answers() == expected
    assert series.summary() == expected_summary("fr", [[1, 0, 1, 0, 0], [0, 0, 0, 0, 1]])


def test_print_hides_the_controls_and_shows_whole_notes(open_page):
    page = open_page("en")
    notes = "\n".join(f"line {n} of a long note" for n in range(1, 13))
    page.set_status(R1, "compliant")
    page.set_notes(R1, notes)
    textarea = page.item(R1).locator("textarea")
    copy = page.item(R1).locator(".isacs-assess-notes-print")
    assert textarea.evaluate("el => el.scrollHeight > el.clientHeight")  # on screen the notes scroll
    assert textarea.is_visible() and not copy.is_visible()
    page.page.emulate_media(media="print")
    assert not page.page.locator(".isacs-assess-toolbar").is_visible()
    assert not textarea.is_visible() and copy.is_visible()
    assert copy.inner_text() == notes  # every line, not the two rows a textarea shows
    assert page.item(R1).locator('input[value="compliant"]').is_checked()
    assert page.page.locator(".isacs-assess-table").is_visible()
    assert page.page.pdf()[:5] == b"%PDF-"  # chromium lays the page out for print without error
    page.page.emulate_media(media="screen")
    assert page.page.locator(".isacs-assess-toolbar").is_visible()


def test_no_request_leaves_the_local_server(open_page, requests, origin):
    for lang in ("en", "ar"):
        page = open_page(lang)
        fill_example(page)
        _, data = page.export("json")
        page.export("csv")
        page.clear()
        page.import_file("answers.json", data)
        page.page.locator(".isacs-search__input").click()  # the search UI loads on first use
        page.page.locator(".pagefind-ui__search-input").wait_for()
        page.reload()
    assert any(u == f"{origin}/assets/assess.js" for u in requests)  # the recording sees the page's own files
    assert any("/pagefind/" in u for u in requests)
    assert_local(requests, origin)


def test_works_with_the_network_cut_after_loading(open_page, context, requests, origin):
    page = open_page("ar")
    context.set_offline(True)
    assert page.page.evaluate("navigator.onLine") is False
    assert page.page.evaluate("fetch(location.href, {cache: 'no-store'}).then(() => 'fetched', () => 'failed')") == "failed"
    loaded = len(requests)
    expected = fill_example(page)
    assert page.summary() == expected_summary("ar", [[1, 0, 1, 0, 0], [0, 0, 0, 0, 1]])
    assert page.stored() == expected
    name, data = page.export("json")
    assert json.loads(data)["modules"][0]["requirements"][1]["notes"] == NOTES
    _, csv_data = page.export("csv")
    assert csv_data.startswith(b"\xef\xbb\xbf")
    page.clear()
    assert page.answers() == {k: {"status": None, "notes": ""} for k in KEYS}
    assert page.import_file(name, data) == t("ar", "as_imported", count=3)
    assert page.answers() == expected
    # nothing was fetched after the cut except the page's own blob downloads (and the failed probe above)
    later = [u for u in requests[loaded:] if not u.startswith(f"blob:{origin}/")]
    assert later == [], later
    assert page.errors == []
    context.set_offline(False)
