"""Resolve `term:`, `module:`, `req:` and `instrument:` links in module text to pages of the same language.

Runs in the render phase on text the core already collected; the targets were validated by
`isacs check`, and an unknown one left here would make `mkdocs build --strict` fail on it.
"""
from __future__ import annotations

import re

from ..core.markdown_source import LINK
from ..core.model import Corpus, InstrumentRef
from . import paths

XREF_INSTRUMENTS = "xref/instruments/index.md"


def title_attr(text: str) -> str:
    return " ".join(text.split()).replace("\\", "\\\\").replace('"', "&quot;")


def term_link(corpus: Corpus, concept_id: str, lang: str, from_page: str, text: str) -> str:
    concept = corpus.concepts[concept_id]
    definition = concept.term(lang).definition
    return f'[{text}]({paths.relative(from_page, paths.GLOSSARY, concept_id)} "{title_attr(definition)}")'


def instrument_anchor(abbreviation: str, provision: str | None = None) -> str:
    return InstrumentRef(abbreviation, provision).key if provision else abbreviation


def resolve(corpus: Corpus, module_id: str, lang: str, from_page: str, markdown: str) -> str:
    def replace(match: re.Match) -> str:
        scheme, target, text = match.group("scheme"), match.group("target"), match.group("text")
        if scheme == "term":
            return term_link(corpus, target, lang, from_page, text)
        if scheme == "module":
            title = corpus.modules[target].title_in(lang)
            return f'[{text}]({paths.relative(from_page, paths.module_page(target))} "{title_attr(title)}")'
        if scheme == "req":
            other, _, rid = target.partition("#")
            other = other or module_id
            return f"[{text}]({paths.relative(from_page, paths.module_page(other), rid)})"
        abbr, _, provision = target.partition("#")
        return f"[{text}]({paths.relative(from_page, XREF_INSTRUMENTS, instrument_anchor(abbr, provision or None))})"

    return LINK.sub(replace, markdown)
