"""Every link in the content of every built page resolves to a file, and to an anchor on it, in the
page's own language (module:/req:/term:/instrument: links included)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from site_testkit import LANGS, article, html_pages, lang_of, page, parse


@lru_cache(maxsize=None)
def ids_in(path: Path) -> frozenset[str]:
    return frozenset(el.attrs["id"] for el in parse(path).iter() if "id" in el.attrs)


def resolve(source: Path, href: str) -> tuple[Path, str]:
    """The file and fragment a relative link in `source` (an index.html or 404.html) points to."""
    parts = urlsplit(href)
    target = (source.parent / unquote(parts.path)).resolve() if parts.path else source
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def content_links(path: Path) -> list[str]:
    return [a.attrs["href"] for a in article(path).find_all("a") if "href" in a.attrs]


def test_every_content_link_resolves_in_the_same_language(site):
    checked = 0
    for path in html_pages(site):
        if path.name == "404.html":
            continue
        for href in content_links(path):
            if urlsplit(href).scheme or href.startswith("//"):
                continue
            target, fragment = resolve(path, href)
            assert target.is_file(), f"{path.relative_to(site)}: {href} -> missing {target}"
            assert lang_of(site, target) == lang_of(site, path), f"{path.relative_to(site)}: {href} leaves the language"
            if fragment and target.suffix == ".html":
                assert fragment in ids_in(target), f"{path.relative_to(site)}: {href}: no #{fragment}"
            checked += 1
    assert checked > 200


@pytest.mark.parametrize("lang", LANGS)
def test_module_and_requirement_links_reach_the_requirement(site, lang):
    # iatg/06.10 links to [ISACS 05.30](module:isacs/05.30) and to its requirement r001 (req:)
    source = page(site, lang, "iatg/06.10")
    targets = {resolve(source, href) for href in content_links(source)}
    module_page = page(site, lang, "isacs/05.30").resolve()
    assert (module_page, "") in targets
    assert (module_page, "r001") in targets
    assert parse(module_page).find("div", id="r001")
    # and isacs/05.30 links back to the module (module:iatg/06.10) and to its own r001 (req:#r001)
    source = page(site, lang, "isacs/05.30")
    targets = {resolve(source, href) for href in content_links(source)}
    assert (page(site, lang, "iatg/06.10").resolve(), "") in targets
    assert (source.resolve(), "r001") in targets
