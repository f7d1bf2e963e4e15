"""The self-assessment pages of a site built from the mini fixture, in a real browser (Debian's chromium
through Playwright): answering, progress and summaries, persistence in localStorage, CSV/JSON export and
import, bad imports, print layout, no request leaving the local server, and working offline."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from assess_testkit import AssessPage, assert_import_refused, checklist_csv, checklist_json, put_stored
from browser_testkit import (
    VIEWPORT_WIDTHS,
    needs_chromium,
    on_start_side,
    reading_order_problems,
    serve,
    url,
    viewport,
    watched_context,
)
from isacs.checklists.columns import FORMULA_TRIGGERS
from isacs.checklists.csvfile import safe_cell
from isacs.checklists.rows import STATUSES, status_label
from isacs.i18n.strings import t
from isacs.render.assessment import IMPORT_LIMIT_MB
from site_testkit import make_project, mkdocs_build

pytestmark = needs_chromium

MODULE_PAGE = "assess/isacs/05.30/"
SERIES_PAGE = "assess/isacs/"
R1, R2, R3 = KEYS = ("isacs/05.30#r001", "isacs/05.30#r002", "isacs/05.30#r003")
# Top-level clauses of isacs/05.30 in the fixture: r001 and r002 under clause 2, r003 in annex A.
CLAUSES = {
    "en": ("2 Marking", "A Model table"),
    "fr": ("2 Marquage", "A Tableau modèle"),
    "ar": ("2 الوسم", "A جدول نموذجي"),
}
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


@pytest.fixture
def context(browser):
    """A fresh browser profile per test: empty localStorage, downloads kept. At the end of the test, fails
    it if the site's Content-Security-Policy blocked anything in its pages."""
    with watched_context(browser, accept_downloads=True, viewport=viewport(VIEWPORT_WIDTHS[0])) as ctx:
        yield ctx


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
    return {
        "progress": [done, sum(total)],
        "text": progress_text(lang, done, sum(total)),
        "by_status": dict(zip([*STATUSES, "none"], total)),
        "head": [
            t(lang, "cl_col_clause"),
            *(status_label(lang, s) for s in STATUSES),
            t(lang, "cl_not_assessed"),
            t(lang, "cl_total"),
        ],
        "by_clause": rows + [[t(lang, "cl_total"), *total, sum(total)]],
    }


def fill_example(page: AssessPage) -> dict[str, dict]:
    """r001 compliant, r002 not compliant with notes, r003 notes only; the answers as the page should hold them."""
    page.set_status(R1, "compliant")
    page.set_status(R2, "not-compliant")
    page.set_notes(R2, NOTES)
    page.set_notes(R3, "to check with the authority")
    return {
        R1: {"status": "compliant", "notes": ""},
        R2: {"status": "not-compliant", "notes": NOTES},
        R3: {"status": None, "notes": "to check with the authority"},
    }


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
        "el => [getComputedStyle(el).borderLeftWidth, getComputedStyle(el).borderRightWidth]"
    )
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
    assert (
        page.page.locator(".isacs-assess-table td").first.evaluate("el => getComputedStyle(el).borderTopStyle")
        == "solid"
    )
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
    assert (module["id"], module["label"], module["edition"], module["version"]) == (
        "isacs/05.30",
        "ISACS 05.30",
        "2026",
        "1.0",
    )
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
    assert page.answers() == {
        R1: {"status": "compliant", "notes": ""},
        R2: {"status": "not-compliant", "notes": NOTES},
        R3: {"status": None, "notes": "to check with the authority"},
    }


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("broken.json", b'{"format": "isacs-checklist", "modules": [', "as_err_json"),
        ("other.json", b'{"format": "something-else", "modules": []}', "as_err_format"),
        (
            "keyless.json",
            b'{"format": "isacs-checklist", "modules": [{"requirements": [{"status": "compliant"}]}]}',
            "as_err_key",
        ),
        ("notes.csv", b"hello,world\r\n1,2\r\n", "as_err_csv"),
        ("empty.json", b"", "as_err_json"),
    ],
)
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
    assert (
        page.page.evaluate("fetch(location.href, {cache: 'no-store'}).then(() => 'fetched', () => 'failed')")
        == "failed"
    )
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


# Imports hardened against tampered, foreign and oversized files, and stored answers against tampering: each
# refused file shows one message in the page's language and leaves the form, summaries and storage as they were.
EMPTY = {"status": None, "notes": ""}
# Names every JavaScript object inherits: never requirements of a page.
INHERITED = ("constructor", "__proto__", "toString", "hasOwnProperty")


@pytest.mark.parametrize("kind", ["json", "csv"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_import_of_inherited_property_names_is_refused(open_page, lang, kind):
    page = open_page(lang)
    fill_example(page)
    rows = [{"key": key, "status": "compliant", "notes": "x"} for key in INHERITED]
    data = checklist_json(*rows) if kind == "json" else checklist_csv(page.config, *rows)
    assert_import_refused(page, lang, f"tampered.{kind}", data, "as_err_other")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_import_takes_only_this_pages_keys_beside_inherited_names(open_page, lang):
    page = open_page(lang)
    data = checklist_json(
        {"key": "__proto__", "status": "compliant", "notes": "x"},
        {"key": R2, "status": "partially", "notes": "seen"},
        {"key": "constructor", "status": "compliant", "notes": "y"},
    )
    assert page.import_file("mixed.json", data) == t(lang, "as_imported", count=1)
    expected = {R1: EMPTY, R2: {"status": "partially", "notes": "seen"}, R3: EMPTY}
    assert page.answers() == expected
    assert page.stored() == {R2: expected[R2]}
    page.reload()
    assert page.answers() == expected
    assert page.errors == []


@pytest.mark.parametrize("kind", ["json", "csv"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_import_of_another_modules_file_is_refused(open_page, lang, kind):
    other = open_page(lang, "assess/iatg/06.10/")
    [module] = other.config["modules"]
    other.set_status(module["requirements"][0]["key"], "compliant")
    name, data = other.export(kind)
    page = open_page(lang)
    fill_example(page)
    assert_import_refused(page, lang, name, data, "as_err_other")
    assert other.errors == []


@pytest.mark.parametrize(
    "requirement",
    [
        {"key": R1, "status": "compliant", "notes": {"toString": 1}},  # notes that are not text
        {"key": R1, "status": {"toString": "compliant"}, "notes": ""},  # a status that is not a status key
        {"key": R1, "status": "yes", "notes": ""},
        {"key": R1, "status": "__proto__", "notes": ""},
    ],
    ids=["notes-object", "status-object", "status-unknown", "status-inherited"],
)
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_import_of_malformed_checklist_json_is_refused(open_page, lang, requirement):
    page = open_page(lang)
    fill_example(page)
    assert_import_refused(page, lang, "tampered.json", checklist_json(requirement), "as_err_format")


@pytest.mark.parametrize(
    "name, content",
    [
        ("requirements.json", checklist_json(modules=[{"id": "isacs/05.30", "requirements": "r001"}])),
        ("newer.json", checklist_json({"key": R1, "status": "compliant"}, format_version=2)),
    ],
)
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_import_of_json_in_another_shape_is_refused(open_page, lang, name, content):
    page = open_page(lang)
    fill_example(page)
    assert_import_refused(page, lang, name, content, "as_err_format")


@pytest.mark.parametrize("damage", ["unclosed-quote", "short-row", "long-row"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_import_of_malformed_csv_is_refused(open_page, lang, damage):
    page = open_page(lang)
    fill_example(page)
    name, data = page.export("csv")
    text = data.decode("utf-8-sig")
    if damage == "unclosed-quote":  # cut inside the quoted notes of r002: the quote never closes
        text = text[: text.index('"Seen at depot') + 10]
    else:
        rows = list(csv.reader(io.StringIO(text, newline="")))
        rows[1] = rows[1][:-1] if damage == "short-row" else rows[1] + ["extra"]
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        text = out.getvalue()
    page.set_status(R1, "partially")  # the file's answers differ from the page's: none of them may arrive
    assert_import_refused(page, lang, name, text.encode("utf-8"), "as_err_csv_rows")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_import_of_a_file_over_the_limit_is_refused(open_page, lang):
    page = open_page(lang)
    fill_example(page)
    name, data = page.export("json")
    limit = IMPORT_LIMIT_MB * 1024 * 1024
    page.clear()
    page.set_status(R3, "not-applicable")
    # the same valid export, padded with white space to one byte over the limit: refused unread
    assert_import_refused(page, lang, name, data + b" " * (limit + 1 - len(data)), "as_err_size", mb=IMPORT_LIMIT_MB)
    # exactly at the limit it is read
    assert page.import_file(name, data + b" " * (limit - len(data))) == t(lang, "as_imported", count=3)
    assert page.answers()[R2] == {"status": "not-compliant", "notes": NOTES}
    assert page.errors == []


@pytest.mark.parametrize(
    "fmt, name",
    [("xlsx", None), ("pdf", None), ("xlsx", "answers.csv"), ("pdf", "answers.json")],
    ids=["xlsx", "pdf", "xlsx-named-csv", "pdf-named-json"],
)
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_import_of_a_checklist_in_another_format_is_refused(open_page, assess_site, lang, fmt, name):
    path = next(assess_site.rglob(f"isacs-05-30-{lang}.{fmt}"))
    page = open_page(lang)
    fill_example(page)
    assert_import_refused(page, lang, name or path.name, path.read_bytes(), "as_err_type")


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_import_of_another_languages_export_is_accepted(open_page, kind):
    """Decision: statuses are language-independent keys in JSON and every language's status labels are
    known for CSV, so a French export continues on the English or Arabic page (notes come as written)."""
    french = open_page("fr")
    expected = fill_example(french)
    name, data = french.export(kind)
    french.clear()
    for lang in ("en", "ar"):
        page = open_page(lang)  # same browser: the storage was cleared with the French page
        assert page.answers() == {k: EMPTY for k in KEYS}
        assert page.import_file(name, data) == t(lang, "as_imported", count=3)
        assert page.answers() == expected and page.stored() == expected
        page.clear()
        assert page.errors == []


POISONED_STORE = {
    "__proto__": {"status": "compliant", "notes": "proto"},
    "constructor": {"status": "x"},
    R1: {"status": "compliant", "notes": {"toString": 1}},
    R2: {"status": {"x": 1}, "notes": "kept"},
    R3: "garbage",
    "iatg/06.10#r001": {"status": "partially", "notes": "another page", "updated": "2026-01-01T00:00:00Z"},
}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_tampered_stored_answers_do_not_break_the_page(open_page, lang):
    page = open_page(lang)
    put_stored(page, json.dumps(POISONED_STORE))
    # what is an answer is shown, the rest is left out
    assert page.answers() == {
        R1: {"status": "compliant", "notes": ""},
        R2: {"status": None, "notes": "kept"},
        R3: EMPTY,
    }
    assert page.summary() == expected_summary(lang, [[1, 0, 0, 0, 1], [0, 0, 0, 0, 1]])
    page.set_status(R3, "not-applicable")
    stored = json.loads(page.stored_raw())
    assert {k: {"status": v["status"], "notes": v["notes"]} for k, v in stored.items() if k.startswith("isacs/")} == {
        R1: {"status": "compliant", "notes": ""},
        R2: {"status": None, "notes": "kept"},
        R3: {"status": "not-applicable", "notes": ""},
    }
    assert stored["iatg/06.10#r001"] == POISONED_STORE["iatg/06.10#r001"]  # other pages' answers are kept
    assert "constructor" not in stored
    page.reload()
    assert page.answers()[R3] == {"status": "not-applicable", "notes": ""}
    assert page.errors == []


def test_stored_answers_in_a_list_are_ignored_and_replaced(open_page):
    page = open_page("en")
    put_stored(page, json.dumps([{"key": R1, "status": "partially", "notes": "x"}]))
    assert page.answers() == {k: EMPTY for k in KEYS}
    page.set_status(R1, "compliant")
    assert page.stored() == {R1: {"status": "compliant", "notes": ""}}
    page.reload()
    assert page.answers()[R1] == {"status": "compliant", "notes": ""}
    assert page.errors == []


# CSV injection: the page's CSV export writes a cell that a spreadsheet would run as a formula with a leading ',
# as the server's CSV does (isacs.checklists.csvfile.safe_cell), and its CSV import takes that ' off again, so
# notes come back exactly. JSON is data: it carries the notes as written.
FORMULA_NOTES = ('=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "\tindented note")
# Notes that start with a quote already: one more ' before quotes followed by a formula, none before other text.
QUOTED_NOTES = ('\'=HYPERLINK("http://x","y")', "''@SUM(A1)", "'not a formula")
# The page has three requirements: the notes go in three at a time.
FORMULA_NOTE_SETS = pytest.mark.parametrize(
    "notes", [FORMULA_NOTES[:3], FORMULA_NOTES[3:]], ids=["equals-plus-minus", "at-tab"]
)


def fill_notes(page: AssessPage, notes: tuple[str, ...]) -> dict[str, dict]:
    """`notes` on the first requirements in turn (statuses on some); the answers as the page should hold them."""
    expected = {key: EMPTY for key in KEYS}
    for key, note, status in zip(KEYS, notes, ("compliant", None, "not-applicable")):
        if status:
            page.set_status(key, status)
        page.set_notes(key, note)
        expected[key] = {"status": status, "notes": note}
    return expected


def csv_cells(page: AssessPage, data: bytes) -> tuple[list[list[str]], dict[str, str]]:
    """The rows of an exported CSV as Python's csv module (or a spreadsheet) reads its bytes, and the notes
    cells by requirement key."""
    header, *rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    config = page.config
    assert header == config["csv_headings"]
    key, notes = config["csv_columns"].index("key"), config["csv_columns"].index("notes")
    return [header, *rows], {row[key]: row[notes] for row in rows}


@FORMULA_NOTE_SETS
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_csv_export_guards_notes_that_start_a_formula(open_page, lang, notes):
    page = open_page(lang)
    fill_notes(page, notes)
    _, data = page.export("csv")
    rows, cells = csv_cells(page, data)
    assert [cells[key] for key in KEYS[: len(notes)]] == ["'" + note for note in notes]
    assert [cells[key] for key in KEYS[: len(notes)]] == [safe_cell(note) for note in notes]  # the server's rule
    assert [cell for row in rows for cell in row if cell.startswith(FORMULA_TRIGGERS)] == []  # none in any column
    # JSON is data: the notes as written
    _, data = page.export("json")
    assert [r["notes"] for r in json.loads(data)["modules"][0]["requirements"]][: len(notes)] == list(notes)
    assert page.errors == []


@FORMULA_NOTE_SETS
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_csv_export_of_formula_notes_imports_back_exactly(open_page, lang, notes):
    page = open_page(lang)
    expected = fill_notes(page, notes)
    name, data = page.export("csv")
    _, cells = csv_cells(page, data)
    assert [cells[key] for key in KEYS[: len(notes)]] == ["'" + note for note in notes]  # guarded in the file
    page.clear()
    assert page.answers() == {key: EMPTY for key in KEYS}
    assert page.import_file(name, data) == t(lang, "as_imported", count=3)
    assert page.answers() == expected
    assert page.stored() == {key: answer for key, answer in expected.items() if answer != EMPTY}
    page.reload()
    assert page.answers() == expected
    assert page.errors == []


def test_csv_notes_starting_with_a_quote_round_trip_exactly(open_page):
    """Decision: export puts one more ' before any run of quotes followed by a formula character, and import
    takes exactly one off such a cell; a quote before anything else is left alone both ways."""
    page = open_page("en")
    expected = fill_notes(page, QUOTED_NOTES)
    name, data = page.export("csv")
    _, cells = csv_cells(page, data)
    assert [cells[key] for key in KEYS] == ['\'\'=HYPERLINK("http://x","y")', "'''@SUM(A1)", "'not a formula"]
    page.clear()
    assert page.import_file(name, data) == t("en", "as_imported", count=3)
    assert page.answers() == expected
    page.reload()
    assert page.answers() == expected
    assert page.errors == []


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS, ids=repr)
def test_csv_import_reads_the_servers_guarded_cells_as_their_text(open_page, trigger):
    """Each of the server's formula characters, guarded as its CSV writes it, loses exactly its guard; a quote
    before other text stays (a carriage return in notes comes back as the line break a text box holds)."""
    page = open_page("en")
    note = trigger + "SUM(A1)"
    data = checklist_csv(
        page.config,
        {"key": R1, "notes": safe_cell(note)},
        {"key": R2, "notes": "'#1"},
        {"key": R3, "notes": "'" + safe_cell(note)},
    )
    assert page.import_file("server.csv", data) == t("en", "as_imported", count=3)
    kept = note.replace("\r", "\n")
    assert page.answers() == {
        R1: {"status": None, "notes": kept},
        R2: {"status": None, "notes": "'#1"},
        R3: {"status": None, "notes": "'" + kept},
    }
    assert page.errors == []
