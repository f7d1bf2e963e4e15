"""What a reader's first search downloads, per language, computed from the built files (no browser).

Ours (Pagefind): the entry file, the language's metadata and wasm engine, the JS engine, the UI
(JS + CSS our header box loads), the index chunks Pagefind picks for the query's terms, and the result
fragments of the first page of results. The chunks are found as Pagefind finds them: from the chunk
ranges in the language's `.pf_meta`, for the query's terms as indexed. Pagefind stems terms in the
browser; here a term's indexed form is the longest word of the language's index found inside it (so
"marking" → "mark"). Fragments: the UI fetches one per displayed result (5 at first); the ranking is
not reproduced, so the 5 largest fragments among the matching pages are counted (an upper bound).

Stock (Material + static-i18n): the search index the language's pages fetch (their `__config` base +
search/search_index.json: static-i18n writes one, every language's pages merged, at the site root),
Material's search worker and the lunr language files the index's `config.lang` makes it import.

`scripts/measure_search.py` measures the same in a real browser, for one built site of ours: on the bundled
and a generated corpus its UI, engine and index bytes agree with these to the byte, and so do the fragment
bytes when the query matches 5 pages or fewer (with more, they stay below this upper bound).
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path

FIRST_RESULTS = 5  # Pagefind UI's first page of results: one fragment fetched per result
UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")  # what overrides/assets/isacs-search.js loads
ENGINE_FILES = ("pagefind.js",)  # pagefind-worker.js is not fetched by the UI (checked with measure_search.py)
_SIGNATURE = b"pagefind_dcd"  # every Pagefind data file starts with it (after gunzip)


@dataclass(frozen=True)
class Download:
    path: str  # relative to the site root
    kind: str  # ui, engine, index, fragments (ours); index, engine (stock)
    raw: int  # bytes of the file as built
    wire: int  # bytes a gzipping server sends (Pagefind's data files are gzipped already)


@dataclass(frozen=True)
class SearchPayload:
    lang: str
    query: str
    matches: int  # pages matching the query (ours), or index entries of every language (stock)
    languages_in_index: tuple[str, ...]  # languages whose text the downloaded index holds
    downloads: tuple[Download, ...]

    @property
    def raw(self) -> int:
        return sum(d.raw for d in self.downloads)

    @property
    def wire(self) -> int:
        return sum(d.wire for d in self.downloads)

    def bytes_of(self, kind: str) -> int:
        return sum(d.raw for d in self.downloads if d.kind == kind)


def _download(site: Path, path: Path, kind: str) -> Download:
    data = path.read_bytes()
    wire = len(gzip.compress(data, 6)) if path.suffix in (".js", ".css", ".json", ".html") else len(data)
    return Download(path.relative_to(site).as_posix(), kind, len(data), wire)


# --- ours: Pagefind ------------------------------------------------------------------------------------


def pagefind_payload(site: Path, lang: str, query: str) -> SearchPayload:
    bundle = site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    if lang not in entry["languages"]:
        raise ValueError(f"{bundle / 'pagefind-entry.json'}: no index for language {lang!r}")
    info = entry["languages"][lang]
    meta = _read_pagefind(bundle / f"pagefind.{info['hash']}.pf_meta")
    pages, chunks = meta[1], meta[2]  # [[fragment hash, word count]], [[from, to, chunk hash]]
    words: dict[str, set[int]] = {}
    for _, _, chunk_hash in chunks:
        for word, hits, *_ in _read_pagefind(bundle / "index" / f"{chunk_hash}.pf_index")[0]:
            page = 0
            for hit in hits:  # [page number as a delta from the previous hit's, locations, meta locations]
                page += hit[0]
                words.setdefault(word, set()).add(page)
    needed, matched = [], None
    for term in _terms(query):
        stem = _indexed_form(term, words)
        needed += [c[2] for c in chunks if _chunk_may_hold(c[0], c[1], stem) and c[2] not in needed]
        hits = set().union(*(p for word, p in words.items() if word.startswith(stem)))
        matched = hits if matched is None else matched & hits
    matched = matched or set()
    fragments = sorted(
        (bundle / "fragment" / f"{pages[i][0]}.pf_fragment" for i in matched),
        key=lambda p: p.stat().st_size,
        reverse=True,
    )[:FIRST_RESULTS]
    files = (
        [(bundle / name, "ui") for name in UI_FILES]
        + [(bundle / name, "engine") for name in ENGINE_FILES]
        + [
            (bundle / f"wasm.{info['wasm'] or 'unknown'}.pagefind", "engine"),
            (bundle / "pagefind-entry.json", "index"),
            (bundle / f"pagefind.{info['hash']}.pf_meta", "index"),
        ]
        + [(bundle / "index" / f"{h}.pf_index", "index") for h in needed]
        + [(path, "fragments") for path in fragments]
    )
    return SearchPayload(lang, query, len(matched), (lang,), tuple(_download(site, p, k) for p, k in files))


def _terms(query: str) -> list[str]:
    return [t for t in re.split(r"[\s\-_.,;:!?'\"()]+", query.lower()) if t]


def _indexed_form(term: str, words: dict) -> str:
    """The term as Pagefind indexed it: the longest index word inside it, at least half its length
    (stemmers cut endings, and Arabic's also the article: الوسم → وسم); a prefix wins a tie. Else the term."""
    shortest = max(2, (len(term) + 1) // 2)
    for size in range(len(term), shortest - 1, -1):
        for start in range(len(term) - size + 1):
            if term[start : start + size] in words:
                return term[start : start + size]
    return term


def _chunk_may_hold(first: str, last: str, term: str) -> bool:
    """Whether a chunk's word range may hold `term` or words starting with it (a prefix search)."""
    return (first <= term or first.startswith(term)) and (term <= last or last.startswith(term))


def _read_pagefind(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind data file")
    value, _ = _cbor(data, len(_SIGNATURE))
    return value


def _cbor(data: bytes, i: int):
    """Decode one CBOR item at `i` (the subset Pagefind writes: ints, strings, arrays, maps, simple)."""
    major, info = data[i] >> 5, data[i] & 31
    i += 1
    if info < 24:
        n = info
    elif info <= 27:
        size = 1 << (info - 24)
        n, i = int.from_bytes(data[i : i + size], "big"), i + size
    else:
        raise ValueError(f"unsupported CBOR item at byte {i - 1}")
    if major == 0:
        return n, i
    if major == 1:
        return -1 - n, i
    if major in (2, 3):
        chunk = data[i : i + n]
        return (chunk.decode("utf-8") if major == 3 else chunk), i + n
    if major in (4, 5):
        items = []
        for _ in range(n * (2 if major == 5 else 1)):
            item, i = _cbor(data, i)
            items.append(item)
        return (dict(zip(items[::2], items[1::2])) if major == 5 else items), i
    if major == 7:
        return {20: False, 21: True, 22: None}.get(n, n), i
    raise ValueError(f"unsupported CBOR major type {major} at byte {i - 1}")


# --- stock: Material's lunr search ---------------------------------------------------------------------


def lunr_payload(site: Path, lang: str, default: str, languages: tuple[str, ...]) -> SearchPayload:
    """What the language's home page loads for search, as its Material `__config` points to it."""
    home = (site if lang == default else site / lang) / "index.html"
    found = _MATERIAL_CONFIG.search(home.read_text(encoding="utf-8"))
    if not found:
        raise ValueError(f"{home}: no Material __config script")
    config = json.loads(found.group(1))
    index_path = (home.parent / config["base"] / "search" / "search_index.json").resolve()
    worker = (home.parent / config["search"]).resolve()
    index = json.loads(index_path.read_text(encoding="utf-8"))
    config_langs = index["config"]["lang"]
    lunr = [f"lunr.{code}.min.js" for code in config_langs if code != "en"]
    lunr += ["lunr.multi.min.js"] if len(config_langs) > 1 else []
    lunr = (["lunr.stemmer.support.min.js"] if lunr else []) + lunr  # as the worker's importScripts
    files = [(index_path, "index"), (worker, "engine")] + [
        (worker.parent.parent / "lunr" / "min" / name, "engine") for name in lunr
    ]
    present = tuple(
        code for code in languages if any(_entry_lang(e["location"], default, languages) == code for e in index["docs"])
    )
    return SearchPayload(
        lang, "", len(index["docs"]), present, tuple(_download(site.resolve(), p, k) for p, k in files)
    )


_MATERIAL_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def _entry_lang(location: str, default: str, languages: tuple[str, ...]) -> str:
    first = location.split("/", 1)[0]
    return first if first in languages and first != default else default
