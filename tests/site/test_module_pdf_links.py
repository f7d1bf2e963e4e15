"""The built site links every module's PDF, in every language, from the module's page and from the downloads
page, and each link leads to a PDF of that module in that language (issue 14)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pikepdf
import pytest

from site_testkit import LANGS, page

MODULES = {"isacs/05.30": ("isacs-05-30", "ISACS 05.30"), "iatg/06.10": ("iatg-06-10", "IATG 06.10")}
HREF = re.compile(r'href="([^"]+-module\.pdf)"')


def target(source: Path, href: str) -> Path:
    return (source.parent / unquote(href)).resolve()


def assert_module_pdf(path: Path, lang: str, label: str) -> None:
    assert path.is_file(), path
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == lang
        assert str(pdf.docinfo.Title).startswith(f"{label} — ")


@pytest.mark.parametrize("lang", LANGS)
def test_each_module_page_links_its_pdf_in_the_pages_language(site, lang):
    for module, (stem, label) in MODULES.items():
        source = page(site, lang, module)
        html = source.read_text(encoding="utf-8")
        link = re.search(r'<p class="isacs-module-pdf"><a href="([^"]+)">([^<]+)</a>', html)
        assert link, f"{source}: no link to the module's PDF"
        assert link.group(1).endswith(f"downloads/{stem}-{lang}-module.pdf")
        assert_module_pdf(target(source, link.group(1)), lang, label)
        # the link says how large the download is, as the downloads page does (readers on metered links),
        # the number and its unit isolated left to right (else Arabic shows "kB 148")
        size = max(1, round(target(source, link.group(1)).stat().st_size / 1024))
        assert f"\u2066{size} kB\u2069" in link.group(2), link.group(2)


@pytest.mark.parametrize("lang", LANGS)
def test_downloads_page_links_every_module_pdf(site, lang):
    source = page(site, lang, "downloads")
    hrefs = HREF.findall(source.read_text(encoding="utf-8"))
    assert sorted(hrefs) == sorted(f"{stem}-{lang}-module.pdf" for stem, _ in MODULES.values())
    for href, (_, label) in zip(sorted(hrefs), sorted(MODULES.values())):
        assert_module_pdf(target(source, href), lang, label)


def test_downloads_table_is_one_row_per_module_in_five_columns(site):
    html = page(site, "fr", "downloads").read_text(encoding="utf-8")
    tables = re.findall(r"<table>.*?</table>", html, re.S)
    assert len(tables) == 2  # one per series
    for table in tables:
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
        assert all(len(re.findall(r"<t[hd]\b", row)) == 5 for row in rows)
        assert "-module.pdf" in rows[1] and ".xlsx" in rows[1] and ".xlsx" in rows[-1]  # a module, the bundle
