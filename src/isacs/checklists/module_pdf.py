"""Module PDFs: every module in every language of a build, printed by Chromium in one batch and finished
deterministically (pdfpages: fixed metadata, content-derived ID), so the same sources give the same bytes.

Part of the collect step (collect.py), beside the checklist files and with the same file cache: a PDF is
keyed by everything that shapes it (the printable HTML, which holds the module's text, the interface
strings, the stamp and the template; the PDF's metadata; this package's code; the browser's version), so a
rebuild of unchanged sources reads every PDF from the cache and starts no browser.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..core.model import Corpus, Module
from . import chromium, pdfpages
from .downloads import _cache_read, _cache_write, _prune, code_digest, file_stem
from .module_print import PrintedModule, document
from .stamp import Stamp


@dataclass(frozen=True)
class ModulePdf:
    path: str  # language-neutral site path with the language in the name: downloads/isacs-05-30-fr-module.pdf
    module: str  # module ID
    lang: str


def site_path(module: Module, lang: str, folder: str = "downloads") -> str:
    """Where the PDF of `module` in `lang` is on the site: beside its checklists (isacs-05-30-fr.pdf), with
    `-module` telling the two PDFs apart once saved."""
    return f"{folder}/{file_stem(lang, module.series, module.number)}-module.pdf"


def _output(printed: PrintedModule, stamp: Stamp) -> pdfpages.Output:
    return pdfpages.Output(printed.title, printed.lang, stamp.tool, stamp.generated, outline=printed.headings)


def cache_key(printed: PrintedModule, stamp: Stamp) -> str:
    parts = (code_digest(), chromium.version(), repr(_output(printed, stamp)), printed.html)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def render_many(documents: list[PrintedModule], stamp: Stamp, jobs: int | None = None) -> list[bytes]:
    """The finished PDF of each document, in order: one browser prints them all, several at once, and each
    print is finished as it arrives."""

    def finish(index: int, data: bytes) -> bytes:
        return pdfpages.finish(data, 1, [_output(documents[index], stamp)])[0]

    return chromium.print_pdfs([d.html for d in documents], jobs, then=finish)


def build(
    corpus: Corpus, languages: Iterable[str], stamp: Stamp, cache_dir: Path | None
) -> tuple[dict[str, list[ModulePdf]], dict[str, bytes]]:
    """(language -> its module PDFs in the corpus' order, site path -> bytes) for every module in every
    language: from the cache, the missing ones printed in one batch."""
    planned: dict[str, list[ModulePdf]] = {}
    files: dict[str, bytes] = {}
    missing: list[tuple[ModulePdf, PrintedModule, str]] = []
    for lang in languages:
        planned[lang] = []
        for module in corpus.modules.values():
            item = ModulePdf(site_path(module, lang), module.id, lang)
            planned[lang].append(item)
            printed = document(corpus, module, lang, stamp)
            key = cache_key(printed, stamp)
            data = _cache_read(cache_dir, key, "pdf")
            if data is None:
                missing.append((item, printed, key))
            else:
                files[item.path] = data
    if missing:
        for (item, _, key), data in zip(missing, render_many([printed for _, printed, _ in missing], stamp)):
            files[item.path] = data
            _cache_write(cache_dir, key, "pdf", data)
        _prune(cache_dir)
    return planned, files
