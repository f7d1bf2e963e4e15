"""The built fixture site, read as HTML: requirement blocks, clause anchors, languages and direction,
fallback pages, glossary tooltips, 404s, sitemap and hreflang."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from isacs.core.languages import is_rtl
from isacs.core.loader import load_corpus
from isacs.i18n.strings import t
from site_testkit import LANGS, SITE_URL, article, html_pages, lang_of, normalise_html, page, parse

MODULE = "isacs/05.30"
FALLBACK = "iatg/06.10"  # English only in the fixture: every other language shows the fallback page


def page_url(site: Path, path: Path) -> str:
    folder = path.parent.relative_to(site).as_posix()
    return SITE_URL if folder == "." else f"{SITE_URL}{folder}/"


@pytest.fixture(scope="session")
def corpus(project: Path):
    corpus, _ = load_corpus(project)
    return corpus


@pytest.mark.parametrize("lang", LANGS)
def test_requirements_have_anchors_and_translated_badges(site, corpus, lang):
    body = article(page(site, lang, MODULE))
    module = corpus.modules[MODULE]
    live = [r for r in module.requirements if not r.withdrawn]
    assert live
    for req in live:
        block = body.find("div", id=req.id)
        assert "isacs-req" in block.attrs["class"].split()
        assert block.find("a", class_="isacs-req-id").attrs["href"] == f"#{req.id}"
        badge = block.find("span", class_=f"isacs-badge-{req.level}")
        assert badge.text == t(lang, "level_" + req.level)


def test_iatg_requirements_show_their_rrpl(site, corpus):
    module = corpus.modules[FALLBACK]
    for req in module.requirements:
        block = article(page(site, "fr", FALLBACK)).find("div", id=req.id)
        assert block.find("span", class_="isacs-badge-rrpl").text == f"{t('fr', 'rrpl')} {req.rrpl}"


def test_numbered_clauses_have_permalinks(site):
    body = article(page(site, "fr", MODULE))
    headings = {h.attrs.get("id"): h for h in body.iter() if h.tag in ("h2", "h3", "h4")}
    for anchor, number in (("clause-1", "1 "), ("clause-2-1", "2.1 "), ("clause-2-1-1", "2.1.1 "), ("annex-a", "")):
        assert anchor in headings
        assert headings[anchor].find("a", class_="headerlink").attrs["href"] == f"#{anchor}"
        assert headings[anchor].text.startswith(number)


def test_every_page_has_the_lang_and_direction_of_its_language(site):
    pages = html_pages(site)
    assert len(pages) > 30
    for path in pages:
        lang = lang_of(site, path)
        doc = parse(path)
        assert doc.find("html").attrs["lang"] == lang, path
        assert doc.find("body").attrs["dir"] == ("rtl" if is_rtl(lang) else "ltr"), path
    assert {lang_of(site, p) for p in pages} == set(LANGS)


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang != "en"])
def test_fallback_page_marks_english_content_and_shows_translated_notice(site, lang):
    doc = parse(page(site, lang, FALLBACK))
    assert doc.find("html").attrs["lang"] == lang  # the page (and its search index) is the reader's language
    body = doc.find("article")
    fallback = body.find("div", class_="isacs-fallback")
    assert fallback.attrs["lang"] == "en" and fallback.attrs["dir"] == "ltr"
    assert t(lang, "fallback_notice") in normalise_html(body.text)
    assert t(lang, "fallback_notice") not in normalise_html(fallback.text)  # the notice is outside, in `lang`


def test_translated_module_has_no_fallback(site):
    assert not article(page(site, "fr", MODULE)).find_all("div", class_="isacs-fallback")


@pytest.mark.parametrize("lang", LANGS)
def test_term_links_carry_the_definition_in_the_page_language(site, corpus, lang):
    links = [a for a in article(page(site, lang, MODULE)).find_all("a") if "glossary/#" in a.attrs.get("href", "")]
    assert links
    for link in links:
        concept = corpus.concepts[link.attrs["href"].rsplit("#", 1)[1]]
        assert link.attrs["title"] == concept.term(lang).definition


def test_glossary_tooltips_differ_by_language(site, corpus):
    titles = {lang: article(page(site, lang, MODULE)).find("a", href="../../glossary/#marking").attrs["title"]
              for lang in ("en", "fr", "ar")}
    assert len(set(titles.values())) == 3
    assert titles["fr"] == corpus.concepts["marking"].term("fr").definition


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_page_lists_every_concept(site, corpus, lang):
    body = article(page(site, lang, "glossary"))
    for concept_id, concept in corpus.concepts.items():
        assert body.find(id=concept_id)
        assert concept.term(lang).definition in normalise_html(body.text)


def test_one_404_page_per_language(site):
    for lang in LANGS:
        path = site / "404.html" if lang == "en" else site / lang / "404.html"
        doc = parse(path)
        assert doc.find("html").attrs["lang"] == lang
        # its language switcher leads to each language's home, not to some page of another build
        links = {a.attrs["hreflang"]: a.attrs["href"] for a in doc.find_all("a", class_="md-select__link")}
        assert links == {code: "/" if code == "en" else f"/{code}/" for code in LANGS}


def test_sitemap_lists_every_page_with_hreflang_alternates(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    entries = re.findall(r"<url>(.*?)</url>", sitemap, re.S)
    pages = [p for p in html_pages(site) if p.name == "index.html"]
    assert len(entries) == len(pages)
    locs = set()
    for entry in entries:
        loc = re.search(r"<loc>(.*?)</loc>", entry).group(1)
        locs.add(loc)
        alternates = dict(re.findall(r'hreflang="([a-z]+)" href="([^"]+)"', entry))
        assert set(alternates) == set(LANGS)
        for lang, href in alternates.items():
            target = site / urlsplit(href).path.lstrip("/") / "index.html"
            assert target.exists() and lang_of(site, target) == lang, href
    assert locs == {page_url(site, p) for p in pages}


@pytest.mark.parametrize("lang", LANGS)
def test_pages_declare_canonical_and_leave_hreflang_to_the_sitemap(site, lang):
    path = page(site, lang, MODULE)
    doc = parse(path)
    prefix = "" if lang == "en" else f"{lang}/"
    assert doc.find("link", rel="canonical").attrs["href"] == f"{SITE_URL}{prefix}{MODULE}/"
    # <link rel=alternate> would make Material fetch "<page>/sitemap.xml" per language (404s on every view);
    # the sitemap carries the hreflang alternates instead (test above).
    assert doc.find_all("link", rel="alternate") == []


def test_search_box_is_pagefind_with_translated_placeholder(site):
    placeholders = set()
    for lang in LANGS:
        doc = parse(page(site, lang, MODULE))
        box = doc.find("div", class_="isacs-search")
        bundle = urljoin(f"{SITE_URL}{'' if lang == 'en' else lang + '/'}{MODULE}/", box.attrs["data-bundle"])
        assert bundle == f"{SITE_URL}pagefind/"  # one bundle at the site root, whatever the page's depth
        placeholders.add(box.find("input").attrs["placeholder"])
        scripts = [s.attrs.get("src", "") for s in doc.find_all("script")]
        assert any(s.endswith("assets/isacs-search.js") for s in scripts)
        assert not any("pagefind" in s for s in scripts)  # nothing of the search loads before it is used
        assert not any("//" in s for s in scripts if s.startswith(("http:", "https:", "//")))  # no CDN
    assert len(placeholders) == len(LANGS)
    assert not list(site.rglob("search_index.json"))  # Material's merged index is not built
