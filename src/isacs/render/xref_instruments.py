"""The instruments page: each instrument, its provisions, and the requirements citing each provision;
provisions no requirement cites are marked and listed again at the end as gaps.

Module pages link every `refs:` badge and `instrument:` link here (anchors: `ITI`, `ITI-8a`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from ..core.model import Corpus
from ..i18n.strings import t
from ..xref import tables
from . import paths, templates
from .generated import GeneratedFile
from .links import XREF_INSTRUMENTS
from .xref_pages import downloads_links


def citations(corpus: Corpus, page: str, row: tables.ProvisionRow) -> list[dict]:
    """The requirements citing a provision, as links from `page`, with their clause and verbal form."""
    return [
        {
            "text": f"{corpus.modules[c.module].label} {c.requirement}",
            "href": paths.relative(page, paths.module_page(c.module), c.requirement),
            "clause": c.clause,
            "level": c.level,
        }
        for c in row.citations
    ]


def render(corpus: Corpus, lang: str) -> str:
    page = XREF_INSTRUMENTS
    rows = tables.provisions(corpus)
    instruments = [
        {
            "instrument": instrument,
            "title": instrument.title(lang),
            "rows": [
                {"row": row, "citations": citations(corpus, page, row)}
                for row in rows
                if row.instrument == instrument.abbreviation
            ],
        }
        for instrument in corpus.instruments.values()
    ]
    return templates.render(
        "xref_instruments.md",
        t=partial(t, lang),
        instruments=instruments,
        gaps=[r for r in rows if r.gap],
        total=len(rows),
        downloads=downloads_links(page, ("provisions",)),
    )


def pages(corpus: Corpus, lang: str) -> Iterable:
    yield GeneratedFile(XREF_INSTRUMENTS, lang, render(corpus, lang))
