#!/usr/bin/env python3
"""Measure what a reader's first search downloads, per language, in a real browser (Debian's chromium).

Serves a built site (default: site/) on localhost, opens each language's home page, types one query
into the header search box and sums the bytes of every response the search caused (as served, and as a
gzipping server would send them): Pagefind's UI, its engine, the language's index and the result
fragments. It also checks that no other language's search file was fetched. The query for each language
is the preferred designation of one glossary concept (default `marking`) in that language, read from the
corpus, unless given with --query LANG=WORDS.

    .venv/bin/python scripts/measure_search.py [--site site] [--root .] [--concept marking]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import re
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# What each Pagefind file is, by name (the index files carry their language as a prefix: fr_…).
KINDS = (
    ("ui", re.compile(r"pagefind-ui\.(js|css)$")),
    ("engine", re.compile(r"pagefind(-worker)?\.js$|wasm\.[a-z]+\.pagefind$")),
    ("index", re.compile(r"pagefind-entry\.json|\.pf_meta$|\.pf_index$")),
    ("fragments", re.compile(r"\.pf_fragment$")),
)
LANGUAGE_FILE = re.compile(r"(?:wasm\.|pagefind\.|index/|fragment/)([a-z]+)[._]")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve(site: Path):
    """The site over HTTP on localhost (Pagefind's wasm and workers do not load from file://)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def default_queries(root: Path, concept: str, languages: list[str]) -> dict[str, str]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from isacs.core.loader import load_corpus

    corpus, _ = load_corpus(root)
    if concept not in corpus.concepts:
        raise SystemExit(f"measure_search: no glossary concept {concept!r} in {root}")
    return {lang: corpus.concepts[concept].term(lang).preferred for lang in languages}


def kind_of(url: str) -> str:
    return next((kind for kind, pattern in KINDS if pattern.search(url)), "other")


def gzipped_size(site: Path, url: str, size: int) -> int:
    """Bytes on the wire from a server that gzips text (Pagefind's own index files are gzipped already)."""
    path = site / url.split("/", 3)[3].split("?")[0]
    if not path.is_file() or not path.name.endswith((".js", ".css", ".json", ".html")):
        return size
    return len(gzip.compress(path.read_bytes(), 6))


def measure(browser, base: str, site: Path, lang: str, default: str, query: str) -> dict:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{base}/" if lang == default else f"{base}/{lang}/", wait_until="networkidle")
    fetched: list[tuple[str, int]] = []
    page.on("requestfinished", lambda request: fetched.append((request.url, request.sizes()["responseBodySize"])))
    page.focus(".isacs-search__input")  # the first use loads Pagefind's UI
    page.wait_for_selector(".pagefind-ui__search-input")
    page.fill(".pagefind-ui__search-input", query)  # one input event: one query
    page.wait_for_selector(".pagefind-ui__result, .pagefind-ui__message >> text=/\\S/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # the result excerpts load right after the first results render
    results = page.locator(".pagefind-ui__result").count()
    page.close()
    by_kind: dict[str, int] = {}
    for url, size in fetched:
        by_kind[kind_of(url)] = by_kind.get(kind_of(url), 0) + size
    others = sorted(
        {
            m.group(1)
            for url, _ in fetched
            if (m := LANGUAGE_FILE.search(url.rsplit("/pagefind/", 1)[-1])) and m.group(1) not in (lang, "unknown")
        }
    )
    return {
        "lang": lang,
        "query": query,
        "results": results,
        "requests": len(fetched),
        "bytes": sum(size for _, size in fetched),
        "bytes_gzip": sum(gzipped_size(site, url, size) for url, size in fetched),
        "by_kind": by_kind,
        "other_languages": others,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="built site (default: site)")
    parser.add_argument("--root", type=Path, default=Path("."), help="corpus root, for the default queries")
    parser.add_argument("--concept", default="marking", help="glossary concept whose designations are the queries")
    parser.add_argument("--query", action="append", default=[], metavar="LANG=WORDS", help="override one query")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    entry = args.site / "pagefind" / "pagefind-entry.json"
    if not entry.is_file():
        print(f"measure_search: {entry}: not found; build the site first (isacs build-site)", file=sys.stderr)
        return 2
    if not Path(CHROMIUM).exists():
        print(f"measure_search: {CHROMIUM} not found (apt-get install chromium)", file=sys.stderr)
        return 2
    from isacs.core.languages import LANGUAGES, SOURCE_LANGUAGE

    indexed = json.loads(entry.read_text(encoding="utf-8"))["languages"]
    languages = [lang for lang in LANGUAGES if lang in indexed]
    queries = default_queries(args.root, args.concept, languages)
    queries.update(dict(item.split("=", 1) for item in args.query))
    from playwright.sync_api import sync_playwright

    with serve(args.site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        rows = [measure(browser, base, args.site, lang, SOURCE_LANGUAGE, queries[lang]) for lang in languages]
        browser.close()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        kinds = [kind for kind, _ in KINDS] + ["other"]
        print(
            f"{'lang':4} {'query':24} {'results':>7} {'requests':>8} {'bytes':>9} {'gzipped':>9} "
            + " ".join(f"{k:>9}" for k in kinds)
            + "  other languages fetched"
        )
        for row in rows:
            print(
                f"{row['lang']:4} {row['query'][:24]:24} {row['results']:>7} {row['requests']:>8} {row['bytes']:>9} "
                f"{row['bytes_gzip']:>9} "
                + " ".join(f"{row['by_kind'].get(k, 0):>9}" for k in kinds)
                + f"  {', '.join(row['other_languages']) or 'none'}"
            )
    return 1 if any(row["other_languages"] for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
