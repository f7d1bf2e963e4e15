"""Render the whole site: every page in every language, plus the files they link.

Rendering is a pure function of (corpus, collected results, language): what needs the outside world (the
build's date and commit from git, the checklist files and their PDFs from Chromium, the file cache) was
made once, before, by the collect step (`isacs.checklists.collect.collect`). `pages` is the site's
contents for one language, one feature module after another, each yielding `GeneratedFile`s; `render_site`
is `pages` for every language. Every language gets every page: a module missing in a language gets a
fallback page (English text, translated notice) so navigation and the language switcher never lead nowhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..checklists.collect import Collected
from ..core.model import Corpus
from . import (
    assessment,
    downloads,
    finder,
    glossary_page,
    index_pages,
    module_page,
    paths,
    xref_instruments,
    xref_pages,
)
from .generated import GeneratedFile


def _pdf_size(collected: Collected | None, lang: str, module_id: str) -> int | None:
    pdf = collected.module_pdf(lang, module_id) if collected else None
    return len(collected.files[pdf.path]) if pdf else None


def core_pages(corpus: Corpus, lang: str, collected: Collected | None = None) -> Iterator[GeneratedFile]:
    yield GeneratedFile(paths.HOME, lang, index_pages.home(corpus, lang))
    yield GeneratedFile(paths.MODULE_INDEX, lang, index_pages.module_index(corpus, lang))
    yield GeneratedFile(paths.GLOSSARY, lang, glossary_page.render(corpus, lang))
    for module in corpus.modules.values():
        page = module_page.render(corpus, module, lang, _pdf_size(collected, lang, module.id))
        yield GeneratedFile(paths.module_page(module.id), lang, page)


def pages(corpus: Corpus, collected: Collected, lang: str) -> Iterator[GeneratedFile]:
    """Every file of the site in `lang`."""
    yield from core_pages(corpus, lang, collected)
    yield from xref_instruments.pages(corpus, lang)
    yield from xref_pages.pages(corpus, lang)
    yield from xref_pages.downloads(corpus, lang)  # the tables and the model as data files
    yield from assessment.pages(corpus, lang, collected)
    yield from downloads.pages(corpus, lang, collected)  # the checklist files
    yield from finder.pages(corpus, lang, collected)  # the requirement finder and its data file


def render_site(corpus: Corpus, collected: Collected, languages: Iterable[str]) -> list[GeneratedFile]:
    return [file for lang in languages for file in pages(corpus, collected, lang)]


def navigation(corpus: Corpus) -> list:
    """mkdocs `nav` (language-neutral paths; static-i18n picks each language's file, titles come from pages)."""
    nav: list = [paths.HOME, paths.MODULE_INDEX]
    for series, label in (("isacs", "ISACS"), ("iatg", "IATG")):
        module_pages = [paths.module_page(m.id) for m in corpus.modules.values() if m.series == series]
        if module_pages:
            nav.append({label: module_pages})
    nav.append(finder.PAGE)
    nav += [downloads.PAGE, assessment.INDEX, paths.GLOSSARY, xref_pages.navigation()]
    return nav
