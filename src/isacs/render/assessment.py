"""Self-assessment pages: the requirements of a module (or a whole series) as a form the reader fills in.

The form is plain HTML (templates assess_page.md and partials/assess_form.html; it prints and reads
without JavaScript); overrides/assets/assess.js adds saving in the browser (localStorage), progress,
summaries, and CSV/JSON export and import. Its data is the checklist JSON (checklists.jsonfile) embedded
in the page, so exports have the downloads' shape.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from functools import partial

from ..checklists.collect import Collected
from ..checklists.columns import FLAT, heading
from ..checklists.jsonfile import checklist_dict
from ..checklists.rows import STATUSES, Checklist, status_label
from ..core.languages import LANGUAGES, SOURCE_LANGUAGE
from ..core.model import SERIES, SERIES_NAMES, Corpus
from ..i18n.strings import t
from . import paths, templates
from .generated import GeneratedFile

INDEX = "assess/index.md"
SCRIPT = "assets/assess.js"  # served from the site root by the theme (overrides/assets)
STYLE = "assets/assess.css"
UI_KEYS = (
    "as_progress",
    "as_imported",
    "as_import_failed",
    "as_err_json",
    "as_err_format",
    "as_err_key",
    "as_err_csv",
    "as_err_csv_rows",
    "as_err_other",
    "as_err_type",
    "as_err_size",
    "as_err_read",
    "as_clear_confirm",
    "as_by_status",
    "as_by_clause",
    "cl_not_assessed",
    "cl_total",
    "cl_col_clause",
    "cl_col_status",
    "as_saved_locally",
)
IMPORT_LIMIT_MB = 2  # larger files are refused before they are read (an export of a whole series is ~100 kB)


def module_page(module_id: str) -> str:
    return f"assess/{module_id}/index.md"


def series_page(series: str) -> str:
    return f"assess/{series}/index.md"


def _url_dir(page: str) -> str:
    """The folder a page is served from (use_directory_urls): assess/isacs/05.30/index.md -> assess/isacs/05.30."""
    folder, name = posixpath.split(page)
    return folder if name == "index.md" else posixpath.join(folder, name[:-3])


def url_to(page: str, target_page: str, anchor: str = "") -> str:
    """A plain href (raw HTML is not rewritten by mkdocs) from one page's URL to another's."""
    rel = paths.relpath(_url_dir(target_page), _url_dir(page))
    return ("" if rel == "." else rel + "/") + (f"#{anchor}" if anchor else "")


def asset_url(page: str, lang: str, asset: str) -> str:
    """Theme assets exist once, at the site root; the i18n plugin serves other languages under /<lang>/.
    The default language is the source language (mkdocs.yml: `default: true` on en)."""
    depth = len([p for p in _url_dir(page).split("/") if p]) + (0 if lang == SOURCE_LANGUAGE else 1)
    return "../" * depth + asset


def config(checklist: Checklist) -> dict:
    lang = checklist.lang
    data = checklist_dict(checklist)
    data["ui"] = {key: t(lang, key) for key in UI_KEYS}
    data["status_labels"] = {s: status_label(lang, s) for s in STATUSES}
    # Imports accept a CSV in any language: its status column may hold any language's label.
    data["status_aliases"] = {status_label(other, s).casefold(): s for other in LANGUAGES for s in STATUSES}
    data["csv_columns"] = list(FLAT)
    data["csv_headings"] = [heading(lang, c) for c in FLAT]
    data["commit_text"] = checklist.stamp.commit or t(lang, "cl_commit_unknown")
    data["import_limit_mb"] = IMPORT_LIMIT_MB
    return data


def _row(row, module_url: str, rrpl_label: str) -> dict:
    meta = [row.verbal_form] + ([f"{rrpl_label} {row.rrpl}"] if row.rrpl is not None else [])
    meta += [", ".join(actor_label for _, actor_label in row.actors)] + list(row.refs)
    return {
        "row": row,
        "name": row.key.replace("/", "-").replace("#", "-").replace(".", "-"),
        "link": module_url + (f"#{row.id}" if row.id else ""),  # as url_to(page, module page, row.id)
        "meta": [m for m in meta if m],
    }


def _rows(checklist: Checklist, module, page: str) -> list[dict]:
    # The module page's URL and the RRPL label are the same for every row: found once per module.
    module_url = url_to(page, paths.module_page(module.id))
    rrpl_label = t(checklist.lang, "rrpl")
    return [_row(row, module_url, rrpl_label) for row in module.rows]


def form_context(checklist: Checklist, page: str) -> dict:
    """What partials/assess_form.html shows: the checklist's modules and rows, the data of assess.js."""
    lang = checklist.lang
    return {
        "lang": lang,
        "config": config(checklist),
        "show_module": len(checklist.modules) > 1,
        "statuses": [(s, status_label(lang, s)) for s in STATUSES],
        "modules": [{"module": module, "rows": _rows(checklist, module, page)} for module in checklist.modules],
        "style_url": asset_url(page, lang, STYLE),
        "script_url": asset_url(page, lang, SCRIPT),
    }


def _page(checklist: Checklist, page: str, heading_text: str, module_id: str | None) -> str:
    lang = checklist.lang
    module_link = paths.relative(page, paths.module_page(module_id)) if module_id else None
    return templates.render(
        "assess_page.md",
        t=partial(t, lang),
        heading=heading_text,
        module_link=module_link,
        **form_context(checklist, page),
    )


def index(corpus: Corpus, lang: str) -> str:
    series_list = []
    for series in SERIES:
        modules = [
            m for m in corpus.modules.values() if m.series == series and any(not r.is_tombstone for r in m.requirements)
        ]
        if modules:
            series_list.append(
                {
                    "name": series,
                    "label": SERIES_NAMES[series],
                    "link": paths.relative(INDEX, series_page(series)),
                    "modules": [
                        {"module": m, "title": m.title_in(lang), "link": paths.relative(INDEX, module_page(m.id))}
                        for m in modules
                    ],
                }
            )
    return templates.render("assess_index.md", t=partial(t, lang), series_list=series_list)


def pages(corpus: Corpus, lang: str, collected: Collected) -> Iterable[GeneratedFile]:
    """The self-assessment pages of `lang`, from the checklists the downloads were made from (collected once)."""
    yield GeneratedFile(INDEX, lang, index(corpus, lang))
    for series in SERIES:
        modules = [
            m for m in corpus.modules.values() if m.series == series and any(not r.is_tombstone for r in m.requirements)
        ]
        if not modules:
            continue
        checklist = collected.checklist(lang, series)
        page = series_page(series)
        yield GeneratedFile(
            page, lang, _page(checklist, page, t(lang, "cl_series_all", series=SERIES_NAMES[series]), None)
        )
        for module in modules:
            checklist = collected.checklist(lang, series, module.id)
            page = module_page(module.id)
            yield GeneratedFile(
                page, lang, _page(checklist, page, f"{module.label} — {checklist.modules[0].title}", module.id)
            )
