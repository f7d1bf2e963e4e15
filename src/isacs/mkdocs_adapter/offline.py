"""Offline reading: the service worker written at the site root (`sw.js`, so its scope is every language).

Readers on slow, metered or intermittent links keep what they have read: the worker
(templates/service_worker.js, registered by overrides/assets/isacs-offline.js) keeps each page a reader
opens (the network first, so a reader online gets the page as published; the kept copy when the network
fails), the theme's stylesheets and scripts (precached when the worker installs), and the search files of
the language of each page opened (Pagefind's scripts, entry, WebAssembly, metadata and index chunks; the
result fragments as searches fetch them). A page never opened shows a short notice in its language.

The worker's version is a digest of every other file of the built site: the same site gives the same
`sw.js` bytes (the build stays reproducible), and any change to the site is a new worker, which replaces
the old one in each reader's browser and deletes the caches of every other version. Written last, after
the search index (Pagefind writes pagefind/), by `finish_site` and by the merge of `isacs build-site`.

With the plugin option `offline: false` the worker written deletes its caches and unregisters itself, so
readers who had it lose it at their next visit (and the pages' script unregisters it too).
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from ..core.languages import LANGUAGES, is_rtl
from ..i18n.strings import t
from ..render.templates import render

WORKER = "sw.js"
TEMPLATE = "service_worker.js"
FALLBACK_TEMPLATE = "offline_page.html"
# Stands for the site root's URL in the offline pages; the worker, which knows where it is served, puts the
# root in its place (the site may be served under any base path).
ROOT_TOKEN = "__ISACS_SITE_ROOT__/"
PAGEFIND = "pagefind"
# Pagefind's files every language's search loads: the UI the header box loads (isacs-search.js), the search
# library it imports, the web worker the library starts, and the entry file naming each language's index.
PAGEFIND_COMMON = ("pagefind-entry.json", "pagefind.js", "pagefind-worker.js", "pagefind-ui.js", "pagefind-ui.css")

# The theme's files a page loads: its stylesheets, icons and scripts (attribute order as mkdocs writes them
# varies, so rel and href are matched apart).
_LINK = re.compile(r"<link\b([^>]*)>", re.I)
_SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)
_ATTR = re.compile(r"""\b(rel|href|src)\s*=\s*["']([^"']*)["']""", re.I)
_SHELL_RELS = {"stylesheet", "icon", "shortcut icon", "manifest"}
_BASE = "https://site.invalid/"  # a stand-in origin to resolve a page's relative addresses against


def site_files(site_dir: Path) -> list[tuple[str, Path]]:
    """Every file of the site but the worker itself, by relative POSIX path, in a fixed order."""
    files = ((p.relative_to(site_dir).as_posix(), p) for p in site_dir.rglob("*") if p.is_file())
    return sorted((rel, path) for rel, path in files if rel != WORKER)


def build_version(files: list[tuple[str, Path]]) -> str:
    """The build's version: a digest of each file's path and bytes (no date, no file system order)."""
    digest = hashlib.sha256()
    for rel, path in files:
        digest.update(rel.encode("utf-8") + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:20]


def _page_assets(rel: str, html: str) -> set[str]:
    """Site-relative paths of the stylesheets, icons and scripts a page links to."""
    found = set()
    for tag, pattern in (("link", _LINK), ("script", _SCRIPT)):
        for attrs in pattern.findall(html):
            values = {name.lower(): value for name, value in _ATTR.findall(attrs)}
            if tag == "link" and values.get("rel", "").lower() not in _SHELL_RELS:
                continue
            address = values.get("href" if tag == "link" else "src")
            if not address:
                continue
            resolved = urlsplit(urljoin(_BASE + rel, address))
            if f"{resolved.scheme}://{resolved.netloc}/" == _BASE:
                found.add(unquote(resolved.path[1:]))
    return found


def shell(files: list[tuple[str, Path]]) -> list[str]:
    """The theme's files the pages load (outside the search bundle), which the worker keeps on install."""
    existing = {rel for rel, _ in files}
    found: set[str] = set()
    for rel, path in files:
        if rel.endswith(".html") and not rel.startswith(f"{PAGEFIND}/"):
            found |= _page_assets(rel, path.read_text(encoding="utf-8", errors="replace"))
    return sorted(rel for rel in found & existing if not rel.startswith(f"{PAGEFIND}/"))


def search_files(site_dir: Path) -> dict[str, list[str]]:
    """Per Pagefind language: the files its search needs before the first result (fragments excepted)."""
    entry_path = site_dir / PAGEFIND / "pagefind-entry.json"
    if not entry_path.is_file():
        return {}
    languages = json.loads(entry_path.read_text(encoding="utf-8")).get("languages") or {}
    folder = site_dir / PAGEFIND
    common = [name for name in PAGEFIND_COMMON if (folder / name).is_file()]
    out = {}
    for lang, info in languages.items():
        names = [*common, f"wasm.{info.get('wasm') or 'unknown'}.pagefind", f"pagefind.{info['hash']}.pf_meta"]
        names += sorted(f"index/{p.name}" for p in (folder / "index").glob(f"{lang}_*.pf_index"))
        out[lang] = [f"{PAGEFIND}/{name}" for name in names if (folder / name).is_file()]
    return out


def offline_pages(languages: list[str], default: str) -> dict[str, str]:
    """The notice for a page not kept on the device, per language (home: the language's home page)."""
    return {
        lang: render(
            FALLBACK_TEMPLATE,
            t=partial(t, lang),
            lang=lang,
            dir="rtl" if is_rtl(lang) else "ltr",
            root=ROOT_TOKEN,
            home="" if lang == default else f"{lang}/",
        )
        for lang in [default, *languages]
    }


def worker_source(site_dir: Path, default: str, enabled: bool = True) -> str:
    """The text of sw.js for the site as it is on disk now."""
    if not enabled:
        return render(TEMPLATE, enabled=False, config={"version": "off"})
    files = site_files(site_dir)
    languages = [lang for lang in LANGUAGES if lang != default and (site_dir / lang / "index.html").is_file()]
    config = {
        "version": build_version(files),
        "default": default,
        "languages": languages,
        "shell": shell(files),
        "search": search_files(site_dir),
        "fallback": offline_pages(languages, default),
        "root_token": ROOT_TOKEN,
    }
    return render(TEMPLATE, enabled=True, config=config)


def write_service_worker(site_dir: Path, default: str, enabled: bool = True) -> Path:
    """Write sw.js at the root of the built site (last: it digests every other file)."""
    target = site_dir / WORKER
    target.write_bytes(worker_source(site_dir, default, enabled).encode("utf-8"))
    return target
