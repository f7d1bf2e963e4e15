"""Home page and the index of series and modules, per language."""

from __future__ import annotations

from functools import partial

from ..core.languages import LANGUAGE_NAMES
from ..core.model import SERIES, Corpus
from ..i18n.strings import t
from . import paths, templates


def series_tables(corpus: Corpus, lang: str, page: str) -> list[dict]:
    """Each series that has modules, with the rows of its module table (partials/module_table.md)."""
    out = []
    for series in SERIES:
        modules = [m for m in corpus.modules.values() if m.series == series]
        if modules:
            out.append(
                {
                    "name": series,
                    "modules": [
                        {
                            "module": m,
                            "link": paths.relative(page, paths.module_page(m.id)),
                            "title": m.title_in(lang),
                            "requirements": sum(1 for r in m.requirements if not r.is_tombstone),
                            "languages": [(code, LANGUAGE_NAMES[code]) for code in m.languages],
                        }
                        for m in modules
                    ],
                }
            )
    return out


def module_index(corpus: Corpus, lang: str) -> str:
    page = paths.MODULE_INDEX
    return templates.render("module_index.md", t=partial(t, lang), series_list=series_tables(corpus, lang, page))


def home(corpus: Corpus, lang: str) -> str:
    page = paths.HOME
    return templates.render(
        "home.md",
        t=partial(t, lang),
        series_list=series_tables(corpus, lang, page),
        modules_link=paths.relative(page, paths.MODULE_INDEX),
        glossary_link=paths.relative(page, paths.GLOSSARY),
    )
