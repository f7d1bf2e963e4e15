"""The instruments page: each instrument, its provisions, and the requirements citing each provision;
provisions no requirement cites are marked and listed again at the end as gaps.

Module pages link every `refs:` badge and `instrument:` link here (anchors: `ITI`, `ITI-8a`).
"""
from __future__ import annotations

import html
from typing import Iterable

from ..core.model import Corpus
from ..xref import tables
from . import paths
from .links import XREF_INSTRUMENTS
from .strings import t


def citation_cell(corpus: Corpus, page: str, lang: str, row: tables.ProvisionRow) -> str:
    if row.gap:
        return f'<span class="isacs-gap">{t(lang, "not_cited")}</span>'
    return "<br>".join(
        f"[{corpus.modules[c.module].label} {c.requirement}]({paths.relative(page, paths.module_page(c.module), c.requirement)})"
        f" ({c.clause + ', ' if c.clause else ''}{html.escape(t(lang, 'level_' + c.level))})" for c in row.citations)


def render(corpus: Corpus, lang: str) -> str:
    from .xref_pages import downloads_line

    page = XREF_INSTRUMENTS
    rows = tables.provisions(corpus)
    out = ["---", f"title: {t(lang, 'xref_instruments')}", "---", "", f"# {t(lang, 'xref_instruments')}", "",
           t(lang, "xref_instruments_intro"), "", t(lang, "xref_gaps_summary", gaps=sum(r.gap for r in rows),
                                                    total=len(rows)), ""]
    out += downloads_line(page, lang, ("provisions",))
    for instrument in corpus.instruments.values():
        out += [f"## {html.escape(instrument.title(lang))} ({instrument.abbreviation}) {{#{instrument.abbreviation}}}", ""]
        out += [f"| {t(lang, 'provision')} | {t(lang, 'topic')} | {t(lang, 'col_requirements')} |", "|---|---|---|"]
        for row in rows:
            if row.instrument == instrument.abbreviation:
                out.append(f'| <span id="{row.key}"></span>{row.instrument} {row.provision} | '
                           f"{html.escape(row.topic)} | {citation_cell(corpus, page, lang, row)} |")
        out.append("")
    gaps = [r for r in rows if r.gap]
    if gaps:
        out += [f"## {t(lang, 'xref_gaps')} {{#gaps}}", ""]
        out += [f"- [{r.instrument} {r.provision}](#{r.key}) — {html.escape(r.topic)}" for r in gaps]
        out.append("")
    return "\n".join(out)


def pages(corpus: Corpus, lang: str) -> Iterable:
    from .site import GeneratedFile

    yield GeneratedFile(XREF_INSTRUMENTS, lang, render(corpus, lang))
