"""The downloads page of each language, and the files it links: each module's PDF and checklist files, and
each series' bundle (made by the collect step, isacs.checklists.collect, in every build).

One table row per module, five columns, so the table fits the content column from 1024 px and reads as a
card per module on a phone: the module (edition and version under its link), its title, its PDF, its
checklist's formats as one compact line, its self-assessment."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial

from ..checklists.collect import Collected
from ..checklists.downloads import Download
from ..checklists.module_pdf import ModulePdf
from ..core.languages import SOURCE_LANGUAGE
from ..core.model import SERIES, SERIES_NAMES, Corpus
from ..i18n.strings import t
from . import assessment, paths, templates
from .generated import GeneratedFile
from .markup import file_size

PAGE = "downloads/index.md"
FORMAT_LABELS = {"xlsx": "XLSX", "csv": "CSV", "json": "JSON", "pdf": "PDF"}


def _file(label: str, path: str, files: dict[str, bytes]) -> dict:
    return {"label": label, "link": paths.relative(PAGE, path), "size": file_size(len(files[path]))}


def _files(items: list[Download], files: dict[str, bytes]) -> list[dict]:
    return [_file(FORMAT_LABELS[i.fmt], i.path, files) for i in items]


def render_page(
    corpus: Corpus, lang: str, items: list[Download], files: dict[str, bytes], module_pdfs: Sequence[ModulePdf] = ()
) -> str:
    """The page; `module_pdfs`: the language's module PDFs (none: no PDF column)."""
    pdfs = {item.module: item for item in module_pdfs}
    series_list = []
    for series in SERIES:
        in_series = [i for i in items if i.series == series]
        if not in_series:
            continue
        rows = []
        for module in corpus.modules.values():
            own = [i for i in in_series if i.module == module.id]
            if own:
                rows.append(
                    {
                        "module": module,
                        "link": paths.relative(PAGE, paths.module_page(module.id)),
                        "title": module.title_in(lang),
                        "translated": lang in module.translations,
                        "title_lang": lang if lang in module.translations else SOURCE_LANGUAGE,
                        "pdf": _file("PDF", pdfs[module.id].path, files) if module.id in pdfs else None,
                        "files": _files(own, files),
                        "assess": paths.relative(PAGE, assessment.module_page(module.id)),
                    }
                )
        series_list.append(
            {
                "name": series,
                "label": SERIES_NAMES[series],
                "modules": rows,
                "bundle": _files([i for i in in_series if i.module is None], files),
                "assess": paths.relative(PAGE, assessment.series_page(series)),
            }
        )
    return templates.render("downloads.md", t=partial(t, lang), series_list=series_list, module_pdfs=bool(pdfs))


def pages(corpus: Corpus, lang: str, collected: Collected) -> Iterable[GeneratedFile]:
    """The downloads page of `lang` and the files it links, as the collect step made them."""
    items, module_pdfs = collected.planned[lang], collected.module_pdfs.get(lang, [])
    yield GeneratedFile(PAGE, lang, render_page(corpus, lang, items, collected.files, module_pdfs))
    for item in [*module_pdfs, *items]:
        yield GeneratedFile(item.path, lang, collected.files[item.path])
