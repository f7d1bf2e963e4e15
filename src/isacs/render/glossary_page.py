"""The glossary page of one language: the concepts translated into it first, in the language's dictionary
order with a jump index of their first letters, then the concepts not yet translated, with their English
terms in English order.

Dictionary order without a compiled library (the same on every machine): letters compared without case and
accents (`école` beside `ecole`, `ёж` with `е`), Spanish `ñ` a letter of its own after `n`, Chinese by
pinyin (pypinyin), with the text itself breaking ties."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache, partial

from pypinyin import Style, lazy_pinyin

from ..core.languages import SOURCE_LANGUAGE
from ..core.model import Concept, Corpus
from ..i18n.strings import t
from . import paths, templates

# Spanish files ñ as its own letter after n: a key character above every letter.
_AFTER_N = "n\U0010ffff"


def _folded(text: str, lang: str) -> str:
    """The letters of `text` without case or accents (ñ kept apart in Spanish)."""
    out = []
    for char in unicodedata.normalize("NFD", text.casefold()):
        if unicodedata.combining(char):
            if lang == "es" and char == "\u0303" and out and out[-1] == "n":
                out[-1] = _AFTER_N
            continue
        out.append(char)
    return "".join(out)


def _pinyin(text: str) -> str:
    return " ".join(lazy_pinyin(text, style=Style.TONE3, errors="default"))


@cache
def collation(lang: str) -> tuple[Callable[[str], object], Callable[[str], str]]:
    """(sort key, index letter) of a term in `lang`: `ábaco` files under A, `ёж` under Е, `标记` under B."""
    if lang == "zh":
        return (lambda text: (_pinyin(text), text)), (lambda text: _pinyin(text)[:1].upper() or text[:1])

    def letter(text: str) -> str:
        first = _folded(text, lang)[:1]
        return "Ñ" if first == _AFTER_N[:1] and _folded(text, lang).startswith(_AFTER_N) else first.upper()

    return (lambda text: (_folded(text, lang), text)), letter


def _ordered(concepts: list[Concept], lang: str) -> list[Concept]:
    key, _ = collation(lang)
    return sorted(concepts, key=lambda c: (key(c.term(lang).preferred), c.id))


def render(corpus: Corpus, lang: str) -> str:
    page = paths.GLOSSARY
    translated = _ordered([c for c in corpus.concepts.values() if lang in c.terms], lang)
    untranslated = _ordered([c for c in corpus.concepts.values() if lang not in c.terms], SOURCE_LANGUAGE)
    letter = collation(lang)[1]
    letters: dict[str, str] = {}  # index letter -> the id of its first concept
    for concept in translated:
        letters.setdefault(letter(concept.term(lang).preferred), concept.id)

    def entry(concept: Concept) -> dict:
        source = corpus.modules.get(concept.source) if concept.source else None
        return {
            "concept": concept,
            "term": concept.term(lang),
            "translated": lang in concept.terms,
            "source": source,
            "source_link": paths.relative(page, paths.module_page(source.id)) if source else None,
        }

    return templates.render(
        "glossary.md",
        t=partial(t, lang),
        letters=list(letters.items()),
        entries=[entry(c) for c in translated],
        untranslated=[entry(c) for c in untranslated],
    )
