"""One module page in one language: header, status banner, numbered clause tree, requirement blocks.

The author's Markdown is kept line for line; only the lines the core located (headings, requirement
paragraphs and their markers) are rewritten, so anything else an editor wrote reaches the page untouched.
"""
from __future__ import annotations

import html

from ..core.languages import LANGUAGE_NAMES, SOURCE_LANGUAGE
from ..core.model import Clause, Corpus, Module, Requirement
from . import links, paths
from .strings import t

BANNER_KIND = {"draft": "warning", "superseded": "danger", "withdrawn": "danger"}


def source_language(module: Module, lang: str) -> str:
    """The language whose text a page in `lang` shows: its own, or English as the fallback."""
    return lang if lang in module.translations else SOURCE_LANGUAGE


def heading_text(clause: Clause, lang: str, title: str) -> str:
    if clause.kind == "annex" and clause.depth == 1:
        return f"{t(lang, 'annex')} {clause.number} {title}"
    return f"{clause.number} {title}" if clause.number else title


def requirement_head(corpus: Corpus, req: Requirement, lang: str, page: str) -> str:
    parts = [f'<a class="isacs-req-id" href="#{req.id}" title="{req.key}">{req.id}</a>',
             f'<span class="isacs-badge isacs-badge-{req.level}">{html.escape(t(lang, "level_" + req.level))}</span>']
    if req.rrpl is not None:
        parts.append(f'<span class="isacs-badge isacs-badge-rrpl">{t(lang, "rrpl")} {req.rrpl}</span>')
    if req.actors:
        names = ", ".join(html.escape(corpus.actors[a].label(lang)) if a in corpus.actors else a for a in req.actors)
        parts.append(f'<span class="isacs-actors" title="{html.escape(t(lang, "actors"))}">{names}</span>')
    for ref in req.refs:
        target = paths.relative(page, links.XREF_INSTRUMENTS, ref.key)
        # A Markdown link (not raw HTML) so mkdocs resolves and checks the .md target like any other link.
        parts.append(f"[{ref.label}]({target}){{: .isacs-ref }}")
    return '<span class="isacs-req-head">' + " ".join(parts) + "</span>"


def requirement_block(corpus: Corpus, module: Module, req: Requirement, lang: str, text_lang: str, page: str) -> list[str]:
    text = links.resolve(corpus, module.id, lang, page, req.texts[text_lang].markdown)
    return [f'<div class="isacs-req isacs-level-{req.level}" id="{req.id}" markdown>',
            requirement_head(corpus, req, lang, page), "", text, "</div>"]


def tombstones(module: Module, lang: str, page: str) -> list[str]:
    dead = [r for r in module.requirements if r.is_tombstone]
    if not dead:
        return []
    out = ["", f"## {t(lang, 'withdrawn_requirements')} {{#withdrawn-requirements}}", ""]
    for req in dead:
        line = t(lang, "withdrawn_requirement", id=req.id, edition=req.withdrawn)
        if req.replaced_by:
            other, _, rid = req.replaced_by.rpartition("#")
            target = f"[{req.replaced_by}]({paths.relative(page, paths.module_page(other or module.id), rid)})"
            line += " " + t(lang, "replaced_by", target=target)
        out += [line, f"{{: #{req.id} .isacs-tombstone }}", ""]  # Markdown paragraph: its link is resolved
    return out


def header(corpus: Corpus, module: Module, lang: str, page: str) -> list[str]:
    status = t(lang, "status_" + module.status)
    date = module.date.isoformat() if module.date else ""
    languages = " ".join(f'<span lang="{code}">{LANGUAGE_NAMES[code]}</span>' for code in module.languages)
    out = [
        '<div class="isacs-module-meta" markdown>',
        "",
        f"| {t(lang, 'col_series')} | {t(lang, 'col_number')} | {t(lang, 'col_edition')} | "
        f"{t(lang, 'col_version')} | {t(lang, 'col_date')} | {t(lang, 'col_status')} |",
        "|---|---|---|---|---|---|",
        f"| {module.series.upper()} | {module.number} | {module.edition} | {module.version} | {date} | "
        f'<span class="isacs-status isacs-status-{module.status}">{status}</span> |',
        "",
        "</div>",
        "",
        f'<p class="isacs-module-languages">{t(lang, "col_languages")}: {languages}</p>',
        "",
    ]
    if module.related:
        related = ", ".join(f"[{corpus.modules[r].label}]({paths.relative(page, paths.module_page(r))})"
                            for r in module.related if r in corpus.modules)
        out += [f"{t(lang, 'related_modules')}: {related}", "{: .isacs-related }", ""]
    if module.instruments:
        cited = ", ".join(f"[{abbr}]({paths.relative(page, links.XREF_INSTRUMENTS, abbr)} "
                          f"\"{links.title_attr(corpus.instruments[abbr].title(lang))}\")"
                          for abbr in module.instruments if abbr in corpus.instruments)
        out += [f"{t(lang, 'instruments')}: {cited}", "{: .isacs-instruments }", ""]
    if module.status in BANNER_KIND:
        out += [f'!!! {BANNER_KIND[module.status]} "{status}"', f"    {t(lang, 'banner_' + module.status)}", ""]
    return out


def render(corpus: Corpus, module: Module, lang: str) -> str:
    page = paths.module_page(module.id)
    text_lang = source_language(module, lang)
    translation = module.translations[text_lang]
    title = module.title_in(lang)
    lines = translation.body.split("\n")

    # Rewrites keyed by body line index: heading lines and requirement paragraphs (text + marker).
    replace: dict[int, list[str]] = {}
    skip: set[int] = set()
    clauses = list(module.all_clauses())
    for heading, clause in zip(translation.headings, clauses):
        index = heading.location.line - translation.body_line
        hashes = "#" * (clause.depth + 1)
        replace[index] = [f"{hashes} {heading_text(clause, text_lang, heading.title)} {{#{clause.anchor}}}"]
    for req in module.requirements:
        text = req.texts.get(text_lang)
        if text is None or req.is_tombstone:
            continue
        start = text.location.line - translation.body_line
        end = start + text.markdown.count("\n") + 1  # the marker line
        replace[start] = requirement_block(corpus, module, req, lang, text_lang, page)
        skip.update(range(start + 1, end + 1))

    body: list[str] = []
    run: list[str] = []  # lines of text between rewrites, resolved together: a link's text may wrap

    def resolve_run() -> None:
        if run:
            body.extend(links.resolve(corpus, module.id, lang, page, "\n".join(run)).split("\n"))
            run.clear()

    for index, line in enumerate(lines):
        if index in skip:
            continue
        if index in replace:
            resolve_run()
            body.extend(replace[index])
        else:
            run.append(line)
    resolve_run()
    body += tombstones(module, lang, page)

    out = ["---", f"title: {_yaml_string(module.label + ' — ' + html.escape(title, quote=False))}", f"isacs_module: {module.id}", "---", ""]
    out += header(corpus, module, lang, page)
    if text_lang != lang:
        out += ['!!! info ""', f"    {t(lang, 'fallback_notice')}", "",
                f'<div class="isacs-fallback" lang="{text_lang}" dir="ltr" markdown>', ""]
        out += body + ["", "</div>"]
    else:
        out += body
    return "\n".join(out) + "\n"


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
