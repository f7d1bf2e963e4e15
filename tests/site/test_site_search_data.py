"""The search data Pagefind wrote: one index per language, holding only that language's pages."""
from __future__ import annotations

import json
import re

import pytest

from site_testkit import LANGS, html_pages, lang_of, pagefind_fragments, pagefind_records

# Words of the fixture's isacs/05.30 that only one language's text contains (the foreword and r001).
ONLY_IN = {
    "en": ["written", "manufacturer"],
    "fr": ["rédigé", "fabricant"],
    "es": ["redactado", "fabricante"],
    "ar": ["تجريبي", "المصنعة"],
    "ru": ["написанный", "Производитель"],
    "zh": ["编写", "制造商"],
}


def contains(text: str, word: str) -> bool:
    """Whole-word match (Chinese is written without spaces: there, any occurrence, ignoring the zero-width
    spaces Pagefind puts between the words it segmented)."""
    if re.search(r"[\u4e00-\u9fff]", word):
        return word in text.replace("\u200b", "")
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


@pytest.fixture(scope="module")
def entry(site):
    return json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def fragments(site):
    return pagefind_fragments(site)


def test_one_index_per_language_covering_its_pages_but_not_404s(site, entry):
    assert set(entry["languages"]) == set(LANGS)
    for lang in LANGS:
        pages = [p for p in html_pages(site) if lang_of(site, p) == lang and p.name != "404.html"]
        assert entry["languages"][lang]["page_count"] == len(pages), lang
        hash_ = entry["languages"][lang]["hash"]
        assert (site / "pagefind" / f"pagefind.{hash_}.pf_meta").is_file()
        assert any(name.startswith(f"{lang}_") for name in pagefind_records(site, "index"))


def test_stemmed_languages_get_their_stemmer_and_chinese_is_segmented(entry):
    # Pagefind ships a Snowball stemmer for en/fr/es/ar/ru; Chinese has none (it is segmented into words).
    for lang in ("en", "fr", "es", "ar", "ru"):
        assert entry["languages"][lang]["wasm"] == lang
    assert entry["languages"]["zh"]["wasm"] is None


def test_each_language_index_holds_only_its_own_pages(fragments):
    for fragment in fragments:
        lang = fragment["file"].split("_", 1)[0]
        url = fragment["url"]
        assert url.startswith(f"/{lang}/") if lang != "en" else url.split("/")[1] not in LANGS[1:], fragment["file"]
        assert not url.endswith("404.html")


@pytest.mark.parametrize("lang", LANGS)
def test_language_data_has_its_words_and_not_other_languages_words(fragments, lang):
    text = " ".join(f["content"] for f in fragments if f["file"].startswith(f"{lang}_"))
    for word in ONLY_IN[lang]:
        assert contains(text, word), (lang, word)
    for other, words in ONLY_IN.items():
        if other != lang:
            for word in words:
                assert not contains(text, word), (lang, other, word)


def test_word_indexes_are_per_language(site):
    indexes = pagefind_records(site, "index")
    by_lang = {lang: b"".join(data for name, data in indexes.items() if name.startswith(f"{lang}_")) for lang in LANGS}
    assert b"written" in by_lang["en"] and not any(b"written" in by_lang[lang] for lang in LANGS if lang != "en")
    assert "制造".encode() in by_lang["zh"] and not any("制造".encode() in by_lang[lang] for lang in LANGS if lang != "zh")


def test_fallback_page_is_indexed_in_the_reader_language(fragments):
    # fr/iatg/06.10 shows English text inside a French page: it is found from the French search
    urls = {f["url"] for f in fragments if f["file"].startswith("fr_")}
    assert "/fr/iatg/06.10/" in urls
