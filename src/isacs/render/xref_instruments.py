"""The instruments page: each instrument, its provisions, and the requirements citing each provision.

Module pages link every `refs:` badge and `instrument:` link here (anchors: `ITI`, `ITI-8a`).
"""
from __future__ import annotations

import html
from typing import Iterable

from ..core.model import Corpus, InstrumentRef
from . import paths
from .links import XREF_INSTRUMENTS
from .strings import t


def citations(corpus: Corpus) -> dict[str, list]:
    """InstrumentRef.key -> requirements citing it, in module order."""
    out: dict[str, list] = {}
    for req in corpus.requirements():
        for ref in req.refs:
            out.setdefault(ref.key, []).append(req)
    return out


def render(corpus: Corpus, lang: str) -> str:
    page = XREF_INSTRUMENTS
    cited = citations(corpus)
    out = ["---", f"title: {t(lang, 'xref_instruments')}", "---", "", f"# {t(lang, 'xref_instruments')}", "",
           t(lang, "xref_instruments_intro"), ""]
    for instrument in corpus.instruments.values():
        out += [f"## {html.escape(instrument.title(lang))} ({instrument.abbreviation}) {{#{instrument.abbreviation}}}", ""]
        out += [f"| {t(lang, 'provision')} | {t(lang, 'topic')} | {t(lang, 'col_requirements')} |", "|---|---|---|"]
        for provision in instrument.provisions.values():
            key = InstrumentRef(instrument.abbreviation, provision.label).key
            reqs = cited.get(key, [])
            cell = ", ".join(f"[{corpus.modules[r.module].label} {r.id}]"
                             f"({paths.relative(page, paths.module_page(r.module), r.id)})" for r in reqs) or \
                f'<span class="isacs-gap">{t(lang, "not_cited")}</span>'
            out.append(f'| <span id="{key}"></span>{instrument.abbreviation} {provision.label} | '
                       f"{html.escape(provision.topic)} | {cell} |")
        out.append("")
    return "\n".join(out)


def pages(corpus: Corpus, lang: str) -> Iterable:
    from .site import GeneratedFile

    yield GeneratedFile(XREF_INSTRUMENTS, lang, render(corpus, lang))
