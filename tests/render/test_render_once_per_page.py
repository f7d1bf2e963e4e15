"""What the pages make once per page rather than once per row (for speed on real-length modules) is what the
rows used to make each: the self-assessment radios, the requirement heads' badges, the concepts page's clause
links, the OSCAL controls, and the Markdown escapes of repeated texts."""

from __future__ import annotations

import datetime as _dt
import html
import json
import re
from pathlib import Path

import pytest
from markupsafe import Markup

from isacs.checklists.filters import Filters
from isacs.checklists.rows import STATUSES, build_checklist, status_label
from isacs.checklists.stamp import Stamp
from isacs.core.languages import LANGUAGES
from isacs.core.model import LEVELS
from isacs.core.validate import check_repository
from isacs.i18n.strings import t
from isacs.render import assessment, module_page, templates, xref_pages
from isacs.render.markup import md_cell, md_inline
from isacs.xref import oscal, tables

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
STAMP = Stamp(_dt.date(2024, 1, 1), None, "isacs-toolchain test")


@pytest.fixture(scope="module")
def mini():
    corpus, _ = check_repository(MINI)
    return corpus


def _form(corpus, lang: str, series: str = "isacs") -> tuple[str, list[dict]]:
    checklist = build_checklist(corpus, Filters(lang=lang, series=(series,)), STAMP)
    page = assessment.series_page(series)
    text = assessment._page(checklist, page, "heading", None)
    return text, [row for entry in assessment.form_context(checklist, page)["modules"] for row in entry["rows"]]


def _radios(name: str, statuses) -> str:
    """The status radios of one row, as the form wrote them with a loop per row."""
    return "".join(
        f'<label><input type="radio" name="s-{html.escape(name)}" value="{html.escape(status)}"> '
        f"{html.escape(label)}</label>"
        for status, label in statuses
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_row_has_its_own_status_radios(mini, lang):
    text, rows = _form(mini, lang)
    statuses = [(s, status_label(lang, s)) for s in STATUSES]
    assert rows and text.count('type="radio"') == len(rows) * len(STATUSES)
    for row in rows:
        radios = f'aria-label="{html.escape(t(lang, "cl_col_status"))}">{_radios(row["name"], statuses)}</div>'
        assert text.count(radios) == 1
        assert f'<textarea name="n-{html.escape(row["name"])}" rows="2">' in text
    assert "<name>" not in text


def test_a_label_holding_the_name_placeholder_stays_as_typed(mini, monkeypatch):
    """The radios are made once with `<name>` where a row's name goes; an escaped label cannot hold it."""
    monkeypatch.setattr(assessment, "status_label", lambda lang, status: f'"{status}" <name> & co')
    text, rows = _form(mini, "en")
    statuses = [(s, f'"{s}" <name> & co') for s in STATUSES]
    for row in rows:
        assert _radios(row["name"], statuses) in text
    assert "&lt;name&gt;" in text and "<name>" not in text


def test_row_links_are_url_to_the_module_page(mini):
    _, rows = _form(mini, "fr")
    for row in rows:
        module_id = row["row"].key.partition("#")[0]
        page = assessment.series_page("isacs")
        assert row["link"] == assessment.url_to(page, f"{module_id}/index.md", row["row"].id)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_requirement_heads_carry_their_level_badge(mini, lang):
    module = mini.modules["isacs/05.30"]
    page = module_page.render(mini, module, lang)
    level_badge = templates.module("partials/badges.html").level_badge
    heads = [line for line in page.split("\n") if line.startswith('<span class="isacs-req-head">')]
    live = [r for r in module.requirements if not r.is_tombstone]
    assert len(heads) == len(live)
    for head, req in zip(heads, live):
        assert f'href="#{req.id}"' in head
        assert f"</a> {level_badge(req.level, t(lang, f'level_{req.level}'))}" in head


def test_level_badges_are_the_macro_s(mini):
    badges = module_page.level_badges("fr")
    assert set(badges) == set(LEVELS)
    for level, badge in badges.items():
        assert isinstance(badge, Markup)
        assert badge == f'<span class="isacs-badge isacs-badge-{level}">{html.escape(t("fr", f"level_{level}"))}</span>'


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_concepts_page_links_the_clause_a_walk_finds(mini, lang):
    page = xref_pages.XREF_CONCEPTS
    links = xref_pages._clause_links(mini, page, lang)
    uses = tables.concept_uses(mini)
    assert uses
    for use in uses:
        module = mini.modules[use.module]
        if not use.anchor:
            expected = xref_pages.module_link(mini, page, module.id, text=t(lang, "xref_preamble"))
        else:
            clause = next(c for c in module.all_clauses() if c.anchor == use.anchor)
            text = clause.number or clause.title(lang)
            expected = xref_pages.module_link(mini, page, module.id, clause.anchor, text)
        assert links[(use.module, use.anchor)] == expected
    text = xref_pages.concepts_page(mini, lang)
    rows = [line for line in text.split("\n") if line.startswith("| [")]
    assert len(rows) == len(uses)


def test_oscal_controls_are_the_module_s_requirements(mini):
    catalog = json.loads(oscal.to_json(mini, "isacs", "en"))
    ids = re.findall(r'"id": "(isacs-[^"]+_r\d+)"', json.dumps(catalog, indent=1))
    expected = {oscal.control_id(r.key) for m in mini.modules.values() if m.series == "isacs" for r in m.requirements}
    assert set(ids) == expected and len(ids) == len(expected)


@pytest.mark.parametrize(
    "value",
    ["4.1", "a | b", "*em* [x](y) `c` #h {: .c }", "<b>&amp;</b>", "two\nlines  and\tspaces", 5, Markup("<i>x</i>")],
)
def test_markdown_escapes_are_as_they_were(value):
    """Cached by text; the same output for any value, asked once or many times."""
    flat = " ".join(str(value).split())
    inline = re.sub(r"([\\`*_{}\[\]!#])", r"\\\1", html.escape(flat, quote=False))
    for _ in range(2):
        assert md_inline(value) == inline and type(md_inline(value)) is str
        assert md_cell(value) == inline.replace("|", "\\|")
