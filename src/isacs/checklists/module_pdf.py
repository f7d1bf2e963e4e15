"""Module PDFs: every module in every language of a build, printed by Chromium in one batch and finished
deterministically (pdfpages: fixed metadata, content-derived ID), so the same sources give the same bytes.

Part of the collect step (collect.py), beside the checklist files and with the same file cache: a PDF is
keyed by everything that shapes it, read from the inputs before anything is made: the module (its whole
model: metadata, every translation, requirements), the actors and instruments it names, the language, the
stamp, the templates, the code that writes the document (this package, the interface strings, the core's
body rewrite and Markdown reading, the Markdown and sanitiser libraries) and the browser's version. A
rebuild of unchanged sources reads every PDF from the cache without writing a print document (at real
length, writing one converts 25,000 words of Markdown) and starts no browser.
"""

from __future__ import annotations

import dataclasses
import hashlib
import multiprocessing
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from .. import templating
from ..core.loader import load_jobs
from ..core.model import Corpus, Module
from ..core.module_body import text_language
from ..core.parse_cache import parser_digest
from . import chromium, pdfpages
from .downloads import _cache_read, _cache_write, _prune, code_digest, file_stem
from .module_print import REQUIREMENT_TEMPLATE, TEMPLATE, PrintedModule, document
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


@lru_cache(maxsize=1)
def _writer_digest() -> str:
    """The code that turns the model into the print document, besides this package and the strings
    (code_digest): the core's body rewrite and Markdown reading, the Markdown and sanitiser libraries."""
    digest = hashlib.sha256(parser_digest().encode())
    digest.update(resources.files("isacs.core").joinpath("module_body.py").read_bytes())
    for dist in ("nh3", "Markdown", "pymdown-extensions"):
        try:
            digest.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{dist}=?".encode())
    return digest.hexdigest()


def shared_key(corpus: Corpus, stamp: Stamp) -> str:
    """What every module PDF of a build depends on alike: the code, templates and browser, the stamp, and
    the actors and instruments the documents name (computed once per build, not per PDF)."""
    parts = (
        code_digest(),
        _writer_digest(),
        templating.digest(TEMPLATE, REQUIREMENT_TEMPLATE),
        chromium.version(),
        repr(stamp),
        repr(corpus.actors),
        repr(corpus.instruments),
    )
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def cache_key(shared: str, module_digest: str, lang: str) -> str:
    """The key of one module's PDF in `lang`; `module_digest`: module_digest(module, lang)."""
    return hashlib.sha256(f"{shared}\n{module_digest}\n{lang}".encode()).hexdigest()


def _fields(value, **replaced) -> str:
    """repr of a frozen dataclass' fields, some replaced (reprs of str/int/date/tuple/dict: deterministic)."""
    return repr([(f.name, replaced.get(f.name, getattr(value, f.name))) for f in dataclasses.fields(value)])


def module_digest(module: Module, lang: str) -> str:
    """A digest of what the PDF of `module` in `lang` shows: the module's metadata and requirements, which
    languages it has, and the text of the one it is printed from only, so editing the French text prints
    the French PDF again and no other."""
    shown = {lang, text_language(module, lang)}
    translations = (
        sorted(module.translations),
        [module.translations[k] for k in sorted(shown & set(module.translations))],
    )
    requirements = [
        _fields(req, texts=sorted((k, v) for k, v in req.texts.items() if k in shown)) for req in module.requirements
    ]
    return hashlib.sha256(_fields(module, translations=translations, requirements=requirements).encode()).hexdigest()


def render_many(documents: list[PrintedModule], stamp: Stamp, jobs: int | None = None) -> list[bytes]:
    """The finished PDF of each document, in order: one browser prints them all, several at once, and each
    print is finished as it arrives."""

    def finish(index: int, data: bytes) -> bytes:
        return pdfpages.finish(data, 1, [_output(documents[index], stamp)])[0]

    return chromium.print_pdfs([d.html for d in documents], jobs, then=finish)


PARALLEL_CHARS = 1_000_000  # below this much body text, forking costs more than it saves
_FORKED: tuple[Corpus, Stamp] | None = None  # what the forked writers of print documents inherit


def _document(module_id: str, lang: str) -> PrintedModule:
    corpus, stamp = _FORKED
    return document(corpus, corpus.modules[module_id], lang, stamp)


def documents(
    corpus: Corpus,
    wanted: list[tuple[str, str]],
    stamp: Stamp,
    jobs: int | None = None,
    min_chars: int = PARALLEL_CHARS,
) -> list[PrintedModule]:
    """The print document of each (module ID, language), in order. Each converts the module's body with
    Python-Markdown (about 2 s for 25,000 words), so many are written by forked processes, one per CPU: call
    it before starting threads."""
    global _FORKED
    jobs = min(jobs or load_jobs(), len(wanted))
    chars = sum(len(corpus.modules[m].translations[text_language(corpus.modules[m], lang)].body) for m, lang in wanted)
    if jobs < 2 or chars < min_chars:
        return [document(corpus, corpus.modules[m], lang, stamp) for m, lang in wanted]
    _FORKED = (corpus, stamp)
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_document, *zip(*wanted)))
    finally:
        _FORKED = None


@dataclass
class Prepared:
    """The module PDFs of a build before printing: the plan, those read from the cache, and the documents
    of the others with their cache keys."""

    planned: dict[str, list[ModulePdf]]
    files: dict[str, bytes]
    missing: list[tuple[ModulePdf, PrintedModule, str]]
    stamp: Stamp
    cache_dir: Path | None

    def print_missing(self) -> tuple[dict[str, list[ModulePdf]], dict[str, bytes]]:
        """(language -> its module PDFs in the corpus' order, site path -> bytes): the missing ones printed in
        one batch and kept in the cache."""
        if self.missing:
            printed = render_many([document for _, document, _ in self.missing], self.stamp)
            for (item, _, key), data in zip(self.missing, printed):
                self.files[item.path] = data
                _cache_write(self.cache_dir, key, "pdf", data)
            _prune(self.cache_dir)
        return self.planned, self.files


def prepare(corpus: Corpus, languages: Iterable[str], stamp: Stamp, cache_dir: Path | None) -> Prepared:
    """Every module's PDF in every language planned; the cached ones read, the print documents of the others
    written (only those: at real length a document converts 25,000 words)."""
    planned: dict[str, list[ModulePdf]] = {}
    files: dict[str, bytes] = {}
    missing: list[tuple[ModulePdf, str]] = []
    shared = shared_key(corpus, stamp)
    for lang in languages:
        planned[lang] = []
        for module in corpus.modules.values():
            item = ModulePdf(site_path(module, lang), module.id, lang)
            planned[lang].append(item)
            key = cache_key(shared, module_digest(module, lang), lang)
            data = _cache_read(cache_dir, key, "pdf")
            if data is None:
                missing.append((item, key))
            else:
                files[item.path] = data
    written = documents(corpus, [(item.module, item.lang) for item, _ in missing], stamp)
    return Prepared(planned, files, [(i, d, k) for (i, k), d in zip(missing, written)], stamp, cache_dir)


def build(
    corpus: Corpus, languages: Iterable[str], stamp: Stamp, cache_dir: Path | None
) -> tuple[dict[str, list[ModulePdf]], dict[str, bytes]]:
    """(language -> its module PDFs in the corpus' order, site path -> bytes) for every module in every
    language: from the cache, the missing ones printed in one batch."""
    return prepare(corpus, languages, stamp, cache_dir).print_missing()
