"""The glossary of a language: its translated concepts first, in the language's dictionary order (accents and
case aside, Spanish ñ after n, Chinese by pinyin), with a jump index of first letters; the concepts not yet
translated after them, in English order."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from isacs.core.model import Term
from isacs.core.validate import check_repository
from isacs.render import glossary_page

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture(scope="module")
def mini():
    corpus, problems = check_repository(MINI)
    assert not [p for p in problems if p.code.startswith("E")], problems
    return corpus


def _with_terms(corpus, lang: str, words: list[str], untranslated: list[str] = ()):
    """The corpus with one concept per word, translated into `lang`, and English-only ones."""
    template = next(iter(corpus.concepts.values()))
    english = template.terms["en"]
    concepts = {}
    for n, word in enumerate(words):
        terms = {
            "en": dataclasses.replace(english, designations=(f"en {n}",)),
            lang: Term(lang, (word,), f"definition of {word}"),
        }
        concepts[f"c{n}"] = dataclasses.replace(template, id=f"c{n}", terms=terms, source=None)
    for n, word in enumerate(untranslated):
        concepts[f"u{n}"] = dataclasses.replace(
            template, id=f"u{n}", source=None, terms={"en": dataclasses.replace(english, designations=(word,))}
        )
    return dataclasses.replace(corpus, concepts=concepts)


def _terms(page: str) -> list[str]:
    return re.findall(r"<dfn>(.*?)</dfn>", page)


def _index(page: str) -> str:
    return re.search(r"^(.*)\n\{: \.isacs-glossary-index \}$", page, re.M).group(1)


def test_spanish_files_enye_after_n_and_accents_with_their_letter(mini):
    page = glossary_page.render(_with_terms(mini, "es", ["ocaso", "ñandú", "nube", "árbol", "zeta"]), "es")
    assert _terms(page) == ["árbol", "nube", "ñandú", "ocaso", "zeta"]
    assert _index(page) == "[A](#c3) · [N](#c2) · [Ñ](#c1) · [O](#c0) · [Z](#c4)"


def test_chinese_is_in_pinyin_order_with_pinyin_letters(mini):
    page = glossary_page.render(_with_terms(mini, "zh", ["库存", "标记", "记录", "弹药"]), "zh")
    assert _terms(page) == ["标记", "弹药", "记录", "库存"]  # biāojì, dànyào, jìlù, kùcún
    assert _index(page) == "[B](#c1) · [D](#c3) · [J](#c2) · [K](#c0)"


def test_russian_files_yo_with_ye(mini):
    page = glossary_page.render(_with_terms(mini, "ru", ["жук", "ёж", "еда"]), "ru")
    assert _terms(page) == ["еда", "ёж", "жук"]
    assert _index(page) == "[Е](#c2) · [Ж](#c0)"


def test_untranslated_concepts_come_after_in_english_order(mini):
    corpus = _with_terms(mini, "fr", ["zèbre", "école"], untranslated=["stockpile", "ammunition"])
    page = glossary_page.render(corpus, "fr")
    assert _terms(page) == ["école", "zèbre", "ammunition", "stockpile"]
    head, _, rest = page.partition("## Pas encore traduits {#untranslated}")
    assert _terms(head) == ["école", "zèbre"] and _terms(rest) == ["ammunition", "stockpile"]
    assert 'lang="en" dir="ltr"><dfn>ammunition</dfn>' in rest
    assert _index(page) == "[E](#c1) · [Z](#c0) · [Pas encore traduits](#untranslated)"


def test_english_has_every_concept_translated(mini):
    page = glossary_page.render(mini, "en")
    assert "{#untranslated}" not in page and "](#untranslated)" not in page
    assert _terms(page) == sorted(_terms(page), key=str.casefold)
    assert set(re.findall(r'<div class="isacs-concept" id="([^"]+)"', page)) == set(mini.concepts)
