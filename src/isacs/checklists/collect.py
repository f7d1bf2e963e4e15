"""The collect step of a site build: everything the site needs from outside its sources, made once.

The outside world is git (the build's date and the commit every checklist is stamped with), Chromium (the
PDFs: the checklists' and every module's, module_pdf.py) and the file cache (.cache/isacs/checklists).
`collect` reads and makes all of it in one batch for every language of the build; rendering
(`isacs.render.site.render_site`) is then a pure function of the corpus, the `Collected` results and the
language.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..core.model import Corpus
from . import module_pdf
from .downloads import Download, build, planned
from .module_pdf import ModulePdf
from .rows import Checklist
from .stamp import Stamp, date_from_commit, make_stamp

CACHE = Path(".cache") / "isacs" / "checklists"  # under the sources' root


@dataclass(frozen=True)
class Collected:
    """The collected results of one build: its stamp, every language's checklists and module PDFs, and the
    bytes of their files."""

    stamp: Stamp
    planned: dict[str, list[Download]]  # language -> its downloads, in the order of the downloads page
    files: dict[str, bytes]  # site path of each download (the path carries the language) -> its bytes
    module_pdfs: dict[str, list[ModulePdf]] = field(default_factory=dict)  # language -> a PDF per module

    def module_pdf(self, lang: str, module: str) -> ModulePdf | None:
        """The PDF of `module` in `lang` (its bytes: `files[path]`), if the collect step made it."""
        return next((item for item in self.module_pdfs.get(lang, ()) if item.module == module), None)

    def checklist(self, lang: str, series: str, module: str | None = None) -> Checklist:
        """The checklist of one module in `lang`, or of the whole series when `module` is None (the checklist
        its downloads were made from)."""
        return next(item.checklist for item in self.planned[lang] if item.series == series and item.module == module)


def cache_dir(root: str | Path) -> Path:
    return Path(root) / CACHE


def collect(corpus: Corpus, languages: Iterable[str]) -> Collected:
    """Date the build, stamp it and make every checklist file and module PDF of every language (files already
    in the cache are read from it). The module PDFs are made beside the checklists, in a thread of their own:
    each batch has one browser, and both print at once."""
    date_from_commit(corpus.root)  # SOURCE_DATE_EPOCH: the date of the last commit unless the caller set one
    stamp = make_stamp(corpus.root)
    languages = list(languages)
    folder = cache_dir(corpus.root)
    plan = {lang: planned(corpus, lang, stamp) for lang in languages}
    module_pdfs = module_pdf.prepare(corpus, languages, stamp, folder)  # forks: before any thread starts
    with ThreadPoolExecutor(1, thread_name_prefix="isacs-module-pdfs") as beside:
        modules = beside.submit(module_pdfs.print_missing)
        files = build([item for items in plan.values() for item in items], folder)
        module_plan, module_files = modules.result()
    return Collected(stamp, plan, {**files, **module_files}, module_plan)
