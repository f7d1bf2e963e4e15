"""Printable HTML of a checklist (Chromium prints it to PDF): each module from a new page. The document,
its CSS and fonts are the template checklist.html (isacs/templates/); this module prepares its data.

Self-contained documents: no external resources and no script, so printing needs no network and the
same input always gives the same PDF. Logical CSS properties mirror it for Arabic.

Each module is a part of its own, on named pages with a page counter of its own, so a part prints the
same alone or inside a series bundle: the module PDFs of the site are cut out of the printed bundles
(pdf.py). Every module has exactly one <h1>: Chromium's PDF outline, made from the headings, tells where
each module starts.
"""

from __future__ import annotations

from functools import partial

from .. import templating
from ..core.languages import is_rtl
from ..i18n.strings import t
from .columns import stamp_lines
from .rows import STATUSES, Checklist, ModuleChecklist, status_label

TEMPLATE = "checklist.html"  # isacs/templates/: the document, its CSS and fonts


def _row(checklist: Checklist, row) -> dict:
    """A requirement's heading line (clause, verbal form, RRPL) and metadata line (actors, references)."""
    lang = checklist.lang
    head = [row.clause, row.clause_title, "·", row.verbal_form]
    if row.rrpl is not None:
        head += ["·", f"{t(lang, 'rrpl')} {row.rrpl}"]
    meta = []
    if row.actors:
        meta.append(f"{t(lang, 'actors')}: " + ", ".join(label for _, label in row.actors))
    if row.refs:
        meta.append(f"{t(lang, 'cl_col_refs')}: " + ", ".join(row.refs))
    return {"row": row, "head": " ".join(h for h in head if h), "meta": " · ".join(meta)}


def filter_line(checklist: Checklist) -> str | None:
    """The filters that narrowed the requirements (not the module choice), so a partial list says so."""
    f, lang = checklist.filters, checklist.lang
    parts = []
    if f.levels:
        parts.append(f"{t(lang, 'cl_col_form')}: " + ", ".join(t(lang, f"cl_form_{level}") for level in f.levels))
    if f.actors:
        labels = dict(actor for row in checklist.rows for actor in row.actors)
        parts.append(f"{t(lang, 'actors')}: " + ", ".join(labels.get(a, a) for a in f.actors))
    if f.rrpl:
        parts.append(f"{t(lang, 'rrpl')}: " + ", ".join(str(level) for level in f.rrpl))
    return " · ".join(parts) or None


def page_name(module: ModuleChecklist) -> str:
    """A CSS identifier per module (its named pages and page counter): isacs-05-30."""
    return "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in module.id)


def heading(module: ModuleChecklist) -> str:
    """A module part's <h1>, which is also its bookmark in the PDF."""
    return f"{module.label} — {module.title}"


def _module(checklist: Checklist, module: ModuleChecklist) -> dict:
    """One module's part of the document: its page name, title, stamp lines and rows."""
    lines = stamp_lines(checklist, module)
    narrowed = filter_line(checklist)
    if narrowed:
        lines.insert(1, narrowed)
    return {
        "name": page_name(module),
        "title": heading(module),
        "text_lang": module.text_lang,
        "lines": lines,
        "rows": [_row(checklist, row) for row in module.rows],
    }


def document_html(checklist: Checklist) -> str:
    """The printable document of the checklist: its modules in order, each from a new page."""
    lang = checklist.lang
    start, end = ("right", "left") if is_rtl(lang) else ("left", "right")
    before, _, after = t(lang, "cl_page_n").partition("{n}")  # "Page {n}", "第 {n} 页"
    return templating.render(
        TEMPLATE,
        t=partial(t, lang),
        lang=lang,
        rtl=is_rtl(lang),
        checklist=checklist,
        description=" · ".join(stamp_lines(checklist)),
        modules=[_module(checklist, module) for module in checklist.modules],
        statuses=[status_label(lang, s) for s in STATUSES],
        start=start,
        end=end,
        page_before=before,
        page_after=after,
    )
