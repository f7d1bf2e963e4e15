"""Self-assessment pages: the requirements of a module (or a whole series) as a form the reader fills in.

The form is plain HTML rendered here (it prints and reads without JavaScript); overrides/assets/assess.js
adds saving in the browser (localStorage), progress, summaries, and CSV/JSON export and import. Its data
is the checklist JSON (checklists.jsonfile) embedded in the page, so exports have the downloads' shape.
"""
from __future__ import annotations

import json
import posixpath
from html import escape
from typing import Iterable

from ..checklists.columns import FLAT, heading
from ..checklists.filters import Filters
from ..checklists.jsonfile import checklist_dict
from ..checklists.rows import STATUSES, Checklist, build_checklist, status_label
from ..checklists.stamp import make_stamp
from ..core.languages import LANGUAGES, SOURCE_LANGUAGE
from ..core.model import SERIES, SERIES_NAMES, Corpus
from . import paths
from .markup import html_text, md_inline
from .strings import t

INDEX = "assess/index.md"
SCRIPT = "assets/assess.js"  # served from the site root by the theme (overrides/assets)
STYLE = "assets/assess.css"
UI_KEYS = ("as_progress", "as_imported", "as_import_failed", "as_err_json", "as_err_format", "as_err_key",
           "as_err_csv", "as_err_csv_rows", "as_err_other", "as_err_type", "as_err_size", "as_err_read",
           "as_clear_confirm", "as_by_status", "as_by_clause",
           "cl_not_assessed", "cl_total", "cl_col_clause", "cl_col_status", "as_saved_locally")
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


def _item(checklist: Checklist, module, row, page: str, show_module: bool) -> str:
    lang = checklist.lang
    name = row.key.replace("/", "-").replace("#", "-").replace(".", "-")
    link = url_to(page, paths.module_page(module.id), row.id)
    label = f"{module.label} {row.id}" if show_module else row.id
    clause = f"{row.clause} {row.clause_title}".strip()
    meta = [row.verbal_form] + ([f"{t(lang, 'rrpl')} {row.rrpl}"] if row.rrpl is not None else [])
    meta += [", ".join(actor_label for _, actor_label in row.actors)] + list(row.refs)
    radios = "".join(f'<label><input type="radio" name="s-{name}" value="{s}"> {escape(status_label(lang, s))}</label>'
                     for s in STATUSES)
    text_attrs = "" if module.text_lang == lang else f' lang="{module.text_lang}" dir="ltr"'
    return (f'<fieldset class="isacs-assess-item" data-key="{html_text(row.key)}" '
            f'data-section="{html_text(row.section)}" data-section-title="{html_text(row.section_title)}">'
            f'<legend><a href="{html_text(link)}">{html_text(label)}</a> '
            f'<span class="isacs-assess-clause">{html_text(clause)}</span>'
            f'</legend><p class="isacs-assess-text"{text_attrs}>{html_text(row.text)}</p>'
            f'<p class="isacs-assess-meta">{html_text(" · ".join(m for m in meta if m))}</p>'
            f'<div class="isacs-assess-status" role="radiogroup" aria-label="{escape(t(lang, "cl_col_status"))}">'
            f"{radios}</div><label class=\"isacs-assess-notes\">{escape(t(lang, 'cl_col_notes'))}"
            f'<textarea name="n-{name}" rows="2"></textarea></label></fieldset>')


def form(checklist: Checklist, page: str) -> list[str]:
    lang = checklist.lang
    # `<` (and `>`, `&`) as JSON escapes: no `</script>` or `<!--` can end or confuse the script element.
    blob = (json.dumps(config(checklist), ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
    buttons = "".join(f'<button type="button" class="md-button" data-action="{action}">{escape(t(lang, key))}</button>'
                      for action, key in (("export-csv", "as_export_csv"), ("export-json", "as_export_json"),
                                          ("print", "as_print"), ("clear", "as_clear")))
    upload = (f'<label class="md-button isacs-assess-import">{escape(t(lang, "as_import"))}'
              '<input type="file" accept=".json,.csv,application/json,text/csv" data-action="import"></label>')
    show_module = len(checklist.modules) > 1
    items = []
    for module in checklist.modules:
        if show_module:
            items.append(f'<h2 class="isacs-assess-module" id="{html_text(module.id.replace("/", "-"))}">'
                         f"{html_text(module.label)} — {html_text(module.title)}</h2>")
        items += [_item(checklist, module, row, page, show_module) for row in module.rows]
    # One raw-HTML block without blank lines, so Markdown leaves it alone.
    return [f'<link rel="stylesheet" href="{asset_url(page, lang, STYLE)}">',
            '<div class="isacs-assess">',
            f'<script type="application/json" class="isacs-assess-config">{blob}</script>',
            f'<noscript><p class="isacs-assess-noscript">{escape(t(lang, "as_noscript"))}</p></noscript>',
            f'<div class="isacs-assess-toolbar" hidden>{buttons}{upload}</div>',
            '<div class="isacs-assess-progress" aria-live="polite"></div>',
            '<p class="isacs-assess-message" role="status"></p>',
            '<form class="isacs-assess-form" autocomplete="off">', *items, "</form>",
            '<section class="isacs-assess-summary"></section>',
            "</div>",
            f'<script src="{asset_url(page, lang, SCRIPT)}"></script>', ""]


def _page(checklist: Checklist, page: str, heading_text: str, module_id: str | None) -> str:
    lang = checklist.lang
    title = f"{t(lang, 'as_title')} — {heading_text}"
    # The theme writes the front-matter title into <title> and the navigation unescaped: it is HTML-escaped.
    out = ["---", f"title: {json.dumps(escape(title, quote=False), ensure_ascii=False)}", "---", "",
           f"# {md_inline(title)}", "",
           t(lang, "as_intro"), ""]
    if module_id:
        out += [f"[{t(lang, 'as_module_page')}]({paths.relative(page, paths.module_page(module_id))})", ""]
    out += ['!!! note ""', f"    {t(lang, 'cl_illustrative')}", ""]
    return "\n".join(out + form(checklist, page))


def index(corpus: Corpus, lang: str) -> str:
    out = ["---", f"title: {t(lang, 'as_title')}", "---", "", f"# {t(lang, 'as_title')}", "", t(lang, "as_index_intro"), ""]
    for series in SERIES:
        modules = [m for m in corpus.modules.values() if m.series == series and any(not r.is_tombstone for r in m.requirements)]
        if not modules:
            continue
        out += [f"## {t(lang, 'series_' + series)} {{#{series}}}", "",
                f"- [{t(lang, 'cl_series_all', series=SERIES_NAMES[series])}]({paths.relative(INDEX, series_page(series))})"]
        out += [f"- [{md_inline(m.label + ' — ' + (m.title_in(lang)))}]"
                f"({paths.relative(INDEX, module_page(m.id))})"
                for m in modules]
        out.append("")
    return "\n".join(out)


def pages(corpus: Corpus, lang: str) -> Iterable:
    from .site import GeneratedFile

    stamp = make_stamp(corpus.root)
    yield GeneratedFile(INDEX, lang, index(corpus, lang))
    for series in SERIES:
        modules = [m for m in corpus.modules.values() if m.series == series and any(not r.is_tombstone for r in m.requirements)]
        if not modules:
            continue
        checklist = build_checklist(corpus, Filters(lang=lang, series=(series,)), stamp)
        page = series_page(series)
        yield GeneratedFile(page, lang, _page(checklist, page, t(lang, "cl_series_all", series=SERIES_NAMES[series]), None))
        for module in modules:
            checklist = build_checklist(corpus, Filters(lang=lang, modules=(module.id,)), stamp)
            page = module_page(module.id)
            yield GeneratedFile(page, lang, _page(checklist, page, f"{module.label} — {checklist.modules[0].title}", module.id))
