"""The downloads page of each language, and the checklist files it links (made by the collect step,
isacs.checklists.collect, in every build)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from ..checklists.collect import Collected
from ..checklists.downloads import Download
from ..core.model import SERIES, SERIES_NAMES, Corpus
from ..i18n.strings import t
from . import assessment, paths, templates
from .generated import GeneratedFile

PAGE = "downloads/index.md"
FORMAT_LABELS = {"xlsx": "XLSX", "csv": "CSV", "json": "JSON", "pdf": "PDF"}


def _size(data: bytes) -> str:
    return f"{max(1, round(len(data) / 1024))} kB"


def _files(items: list[Download], files: dict[str, bytes]) -> list[dict]:
    return [
        {"label": FORMAT_LABELS[i.fmt], "link": paths.relative(PAGE, i.path), "size": _size(files[i.path])}
        for i in items
    ]


def render_page(corpus: Corpus, lang: str, items: list[Download], files: dict[str, bytes]) -> str:
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
    return templates.render(
        "downloads.md", t=partial(t, lang), series_list=series_list, format_labels=list(FORMAT_LABELS.values())
    )


def pages(corpus: Corpus, lang: str, collected: Collected) -> Iterable[GeneratedFile]:
    """The downloads page of `lang` and the files it links, as the collect step made them."""
    items = collected.planned[lang]
    yield GeneratedFile(PAGE, lang, render_page(corpus, lang, items, collected.files))
    for item in items:
        yield GeneratedFile(item.path, lang, collected.files[item.path])
