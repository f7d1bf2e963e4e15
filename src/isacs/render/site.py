"""Render the whole site from one collected Corpus: every page in every language, plus files.

Each generator takes (corpus, lang) and yields GeneratedFile objects; features register theirs in
GENERATORS. Every language gets every page: a module missing in a language gets a fallback page
(English text, translated notice) so navigation and the language switcher never lead nowhere.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Iterable

from ..core.model import Corpus
from . import glossary_page, index_pages, module_page, paths


@dataclass(frozen=True)
class GeneratedFile:
    path: str  # language-neutral path in the docs folder, e.g. "glossary/index.md"
    lang: str
    content: str | bytes

    @property
    def staged_path(self) -> str:
        """Path with the mkdocs-static-i18n suffix: glossary/index.fr.md, downloads/x.fr.xlsx."""
        stem, dot, ext = self.path.rpartition(".")
        return f"{stem}.{self.lang}.{ext}" if dot else f"{self.path}.{self.lang}"


Generator = Callable[[Corpus, str], Iterable[GeneratedFile]]


def core_pages(corpus: Corpus, lang: str) -> Iterable[GeneratedFile]:
    yield GeneratedFile(paths.HOME, lang, index_pages.home(corpus, lang))
    yield GeneratedFile(paths.MODULE_INDEX, lang, index_pages.module_index(corpus, lang))
    yield GeneratedFile(paths.GLOSSARY, lang, glossary_page.render(corpus, lang))
    for module in corpus.modules.values():
        yield GeneratedFile(paths.module_page(module.id), lang, module_page.render(corpus, module, lang))


def _generators() -> list[Generator]:
    # Imported here so each feature stays in its own module and the list reads as the site's contents.
    from . import xref_instruments, xref_pages
    from . import assessment

    return [core_pages, xref_instruments.pages, xref_pages.pages, xref_pages.downloads, assessment.pages]


def render_site(corpus: Corpus, languages: Iterable[str]) -> list[GeneratedFile]:
    from . import downloads

    languages = list(languages)
    out: list[GeneratedFile] = []
    # The checklist files of every language are made in one batch, in the background (one browser
    # prints every PDF) while the pages render; the downloads pages, which list their sizes, come last.
    with ThreadPoolExecutor(1, thread_name_prefix="isacs-checklists") as background:
        checklists = background.submit(downloads.collect, corpus, languages)
        for lang in languages:
            for generate in _generators():
                out.extend(generate(corpus, lang))
        for lang in languages:
            out.extend(downloads.pages(corpus, lang, checklists.result()))
    return out


def navigation(corpus: Corpus) -> list:
    """mkdocs `nav` (language-neutral paths; static-i18n picks each language's file, titles come from pages)."""
    nav: list = [paths.HOME, paths.MODULE_INDEX]
    for series, label in (("isacs", "ISACS"), ("iatg", "IATG")):
        pages = [paths.module_page(m.id) for m in corpus.modules.values() if m.series == series]
        if pages:
            nav.append({label: pages})
    nav += ["downloads/index.md", "assess/index.md"]
    nav.append(paths.GLOSSARY)
    from .xref_pages import navigation as xref_navigation

    nav.append(xref_navigation())
    return nav
