"""The built fixture site's sitemap.xml read as XML against the sitemaps.org protocol (0.9) and Google's
hreflang extension: a `urlset` in the protocol's namespace holding only `url` entries; each with exactly
one `loc` (absolute, under site_url, unique, the URL of a page the build wrote), then the optional
`lastmod` (W3C date-time), `changefreq` and `priority` in that order; `xhtml:link` alternates naming all
six languages (and `x-default` if used), the entry's own URL among them, each pointing to a page in that
language whose own entry lists the same alternates. The checker is also run on broken copies of the
sitemap, so that a check that could never fail is noticed.
"""
from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_testkit import LANGS, SITE_URL, html_pages, lang_of

SM = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
CHANGEFREQ = {"always", "hourly", "daily", "weekly", "monthly", "yearly", "never"}
OPTIONAL = ("lastmod", "changefreq", "priority")  # after `loc`, in this order (sitemap.xsd's sequence)
MAX_URLS, MAX_BYTES, MAX_LOC = 50_000, 50 * 1024 * 1024, 2048
# W3C Datetime (https://www.w3.org/TR/NOTE-datetime), the formats the protocol allows for lastmod
W3C_DATETIME = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$")
HREFLANG = re.compile(r"^(x-default|[a-z]{2,3}(-[A-Za-z0-9]{2,8})*)$")


def _q(tag: str, ns: str = SM) -> str:
    return f"{{{ns}}}{tag}"


def _valid_w3c_datetime(text: str) -> bool:
    if not W3C_DATETIME.match(text):
        return False
    try:
        if "T" in text:
            datetime.fromisoformat(text.replace("Z", "+00:00"))
        else:
            date.fromisoformat((text + "-01-01")[:10] if len(text) < 10 else text)
    except ValueError:
        return False
    return True


def _page_of(site: Path, url: str) -> Path | None:
    """The built file a URL under SITE_URL serves (directory URLs serve their index.html)."""
    if not url.startswith(SITE_URL):
        return None
    path = urlsplit(url).path[len(urlsplit(SITE_URL).path):]
    target = site / path
    target = target / "index.html" if path == "" or path.endswith("/") else target
    return target if target.is_file() else None


def sitemap_problems(site: Path, data: bytes) -> list[str]:
    """Everything in `data` (a sitemap.xml of `site`) that the protocol or the hreflang rules forbid."""
    problems: list[str] = []
    if len(data) > MAX_BYTES:
        problems.append(f"sitemap is {len(data)} bytes (protocol limit {MAX_BYTES})")
    declaration = re.match(rb"<\?xml[^>]*\?>", data)
    if declaration is None or not re.search(rb"encoding=[\"']UTF-8[\"']", declaration.group(0), re.I):
        problems.append("no XML declaration with encoding UTF-8 (the protocol requires UTF-8)")
    try:
        data.decode("utf-8")
        root = ET.fromstring(data)
    except (UnicodeDecodeError, ET.ParseError) as error:
        return problems + [f"not well-formed UTF-8 XML: {error}"]
    if root.tag != _q("urlset"):
        return problems + [f"root element is {root.tag}, not urlset in {SM}"]
    entries = []
    for child in root:
        if child.tag != _q("url"):
            problems.append(f"urlset holds {child.tag}; only url entries are allowed")
        else:
            entries.append(child)
    if not entries or len(entries) > MAX_URLS:
        problems.append(f"{len(entries)} url entries (protocol: 1 to {MAX_URLS})")

    alternates_of: dict[str, dict[str, str]] = {}
    for entry in entries:
        locs = entry.findall(_q("loc"))
        if len(locs) != 1:
            problems.append(f"url entry with {len(locs)} loc elements (exactly one required)")
            continue
        loc = (locs[0].text or "").strip()
        if loc != locs[0].text:
            problems.append(f"loc {locs[0].text!r} has surrounding whitespace")
        where = f"<url> of {loc!r}"
        if not loc.isascii() or re.search(r"\s", loc) or len(loc) >= MAX_LOC:
            problems.append(f"{where}: loc is not an escaped URL of under {MAX_LOC} characters")
        if not loc.startswith(SITE_URL) or not urlsplit(loc).scheme or not urlsplit(loc).netloc:
            problems.append(f"{where}: loc is not an absolute URL under site_url {SITE_URL}")
        elif _page_of(site, loc) is None:
            problems.append(f"{where}: loc points to no page of the built site")
        if loc in alternates_of:
            problems.append(f"{where}: loc listed twice")

        # the protocol's own children: loc first, then lastmod, changefreq, priority, each at most once
        own = [c.tag[len(SM) + 2:] for c in entry if c.tag.startswith(f"{{{SM}}}")]
        if own[:1] != ["loc"] or own[1:] != [tag for tag in OPTIONAL if tag in own[1:]]:
            problems.append(f"{where}: children {own}, expected loc then {'/'.join(OPTIONAL)} in order, once each")
        for extra in entry:
            if not extra.tag.startswith("{") or (extra.tag.startswith(f"{{{SM}}}")
                                                 and extra.tag[len(SM) + 2:] not in ("loc", *OPTIONAL)):
                problems.append(f"{where}: unknown element {extra.tag}")
        for lastmod in entry.findall(_q("lastmod")):
            if not _valid_w3c_datetime(lastmod.text or ""):
                problems.append(f"{where}: lastmod {lastmod.text!r} is not a W3C date-time")
        for changefreq in entry.findall(_q("changefreq")):
            if changefreq.text not in CHANGEFREQ:
                problems.append(f"{where}: changefreq {changefreq.text!r} not one of {sorted(CHANGEFREQ)}")
        for priority in entry.findall(_q("priority")):
            try:
                ok = 0.0 <= float(priority.text or "") <= 1.0
            except ValueError:
                ok = False
            if not ok:
                problems.append(f"{where}: priority {priority.text!r} not between 0.0 and 1.0")

        # hreflang alternates (xhtml:link), if any
        links = entry.findall(_q("link", XHTML))
        alternates: dict[str, str] = {}
        for link in links:
            rel, hreflang, href = link.get("rel"), link.get("hreflang"), link.get("href")
            if rel != "alternate" or not hreflang or not href or not HREFLANG.match(hreflang):
                problems.append(f"{where}: malformed xhtml:link {link.attrib}")
                continue
            if hreflang in alternates:
                problems.append(f"{where}: hreflang {hreflang} given twice")
            alternates[hreflang] = href
            page = _page_of(site, href)
            if page is None:
                problems.append(f"{where}: alternate {hreflang} {href!r} is not a page of the built site")
            elif hreflang != "x-default" and lang_of(site, page) != hreflang:
                problems.append(f"{where}: alternate {hreflang} {href!r} is a page in {lang_of(site, page)}")
        if links:
            if set(alternates) - {"x-default"} != set(LANGS):
                problems.append(f"{where}: alternates {sorted(alternates)}, expected the six languages "
                                f"{list(LANGS)} (and x-default if used)")
            if loc not in alternates.values():
                problems.append(f"{where}: its alternates do not list the URL itself")
        alternates_of[loc] = alternates

    # alternates are reciprocal: each alternate has its own entry, listing the same set
    for loc, alternates in alternates_of.items():
        for hreflang, href in alternates.items():
            if href not in alternates_of:
                problems.append(f"<url> of {loc!r}: alternate {href!r} has no url entry of its own")
            elif alternates_of[href] != alternates:
                problems.append(f"<url> of {loc!r}: alternate {href!r} lists other alternates")
    return problems


@pytest.fixture(scope="module")
def sitemap(site: Path) -> bytes:
    return (site / "sitemap.xml").read_bytes()


def test_sitemap_follows_the_protocol(site, sitemap):
    assert sitemap_problems(site, sitemap) == []


def test_sitemap_lists_every_page_once_and_gz_is_the_same(site, sitemap):
    root = ET.fromstring(sitemap)
    locs = [url.findtext(_q("loc")) for url in root.iter(_q("url"))]
    pages = {p for p in html_pages(site) if p.name == "index.html"}  # 404.html pages are not listed
    assert {_page_of(site, loc) for loc in locs} == pages
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == sitemap


def test_sitemap_uses_hreflang_for_all_languages(sitemap):
    root = ET.fromstring(sitemap)
    for url in root.iter(_q("url")):
        assert {link.get("hreflang") for link in url.iter(_q("link", XHTML))} - {"x-default"} == set(LANGS)


def _replace(old: str, new: str, count: int = 1):
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, count)
    return edit


def _first_alternate(lang: str):
    return lambda text: re.sub(rf'\s*<xhtml:link rel="alternate" hreflang="{lang}" href="[^"]*"/>', "", text, count=1)


BROKEN = {
    "namespace": (_replace(SM, "http://www.sitemaps.org/schemas/sitemap/0.8"), "root element"),
    "relative loc": (_replace(f"<loc>{SITE_URL}", "<loc>/"), "absolute URL"),
    "other host": (_replace(f"<loc>{SITE_URL}", "<loc>https://elsewhere.example.org/"), "absolute URL"),
    "missing page": (_replace(f"<loc>{SITE_URL}", f"<loc>{SITE_URL}no-such-page/"), "no page"),
    "two locs": (_replace("</loc>", f"</loc><loc>{SITE_URL}</loc>"), "2 loc elements"),
    "duplicate loc": (lambda text: re.sub(r"<url>.*?</url>", lambda m: m.group(0) * 2, text, count=1, flags=re.S),
                      "listed twice"),
    "lastmod format": (lambda text: re.sub(r"<lastmod>[^<]*</lastmod>", "<lastmod>03/12/2026</lastmod>", text,
                                           count=1), "W3C"),
    "lastmod date": (lambda text: re.sub(r"<lastmod>[^<]*</lastmod>", "<lastmod>2026-02-30</lastmod>", text,
                                         count=1), "W3C"),
    "order": (lambda text: re.sub(r"(<loc>[^<]*</loc>)(\s*)(<lastmod>[^<]*</lastmod>)", r"\3\2\1", text, count=1),
              "expected loc then"),
    "changefreq": (lambda text: re.sub(r"<changefreq>[^<]*<", "<changefreq>sometimes<", text, count=1),
                   "changefreq"),
    "missing language": (_first_alternate("zh"), "six languages"),
    "bad hreflang": (_replace('hreflang="fr"', 'hreflang="French"'), "malformed"),
    "wrong language page": (_replace(f'hreflang="fr" href="{SITE_URL}fr/"', f'hreflang="fr" href="{SITE_URL}ru/"'),
                            "is a page in ru"),
    "not reciprocal": (lambda text: re.sub(r'(<loc>[^<]*/ar/</loc>.*?hreflang="es" href=")[^"]*(")',
                                           rf"\g<1>{SITE_URL}es/assess/\2", text, count=1, flags=re.S),
                       "lists other alternates"),
    "encoding": (_replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), "UTF-8"),
}


@pytest.mark.parametrize("name", BROKEN)
def test_checker_catches_broken_sitemaps(site, sitemap, name):
    edit, expected = BROKEN[name]
    broken = edit(sitemap.decode("utf-8")).encode("utf-8")
    assert broken != sitemap
    problems = sitemap_problems(site, broken)
    assert any(expected in problem for problem in problems), problems
