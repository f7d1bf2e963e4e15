"""The downloads page of each language, and the checklist files it links (generated in every build)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..checklists.downloads import Download, build, planned
from ..checklists.stamp import make_stamp
from ..core.model import SERIES, SERIES_NAMES, Corpus
from . import assessment, paths
from .markup import md_cell
from .strings import t

PAGE = "downloads/index.md"
FORMAT_LABELS = {"xlsx": "XLSX", "csv": "CSV", "json": "JSON", "pdf": "PDF"}


def cache_dir(corpus: Corpus) -> Path:
    return Path(corpus.root) / ".cache" / "isacs" / "checklists"


def _size(data: bytes) -> str:
    return f"{max(1, round(len(data) / 1024))} kB"


def _links(items: list[Download], files: dict[str, bytes]) -> list[str]:
    return [f"[{FORMAT_LABELS[i.fmt]}]({paths.relative(PAGE, i.path)}) <small>{_size(files[i.path])}</small>"
            for i in items]


def render_page(corpus: Corpus, lang: str, items: list[Download], files: dict[str, bytes]) -> str:
    out = ["---", f"title: {t(lang, 'dl_title')}", "---", "", f"# {t(lang, 'dl_title')}", "",
           t(lang, "dl_intro"), "", t(lang, "dl_formats"), "", '!!! note ""', f"    {t(lang, 'cl_illustrative')}", ""]
    head = [t(lang, "cl_col_module"), t(lang, "col_title"), t(lang, "col_edition"), t(lang, "col_version"),
            *FORMAT_LABELS.values(), t(lang, "as_title")]
    for series in SERIES:
        in_series = [i for i in items if i.series == series]
        if not in_series:
            continue
        out += [f"## {t(lang, 'series_' + series)} {{#{series}}}", "", "| " + " | ".join(head) + " |",
                "|" + "---|" * len(head)]
        for module in corpus.modules.values():
            own = [i for i in in_series if i.module == module.id]
            if not own:
                continue
            title = module.title_in(lang)
            if lang not in module.translations:
                title += " " + t(lang, "dl_english_text")
            assess = paths.relative(PAGE, assessment.module_page(module.id))
            # Source metadata is plain text: escaped so markup or a `|` in it stays text in its own cell.
            out.append(f"| [{md_cell(module.label)}]({paths.relative(PAGE, paths.module_page(module.id))}) | "
                       f"{md_cell(title)} | {md_cell(module.edition)} | {md_cell(module.version)} | "
                       + " | ".join(_links(own, files))
                       + f" | [{t(lang, 'as_title')}]({assess}) |")
        bundle = [i for i in in_series if i.module is None]
        assess = paths.relative(PAGE, assessment.series_page(series))
        out.append(f"| **{t(lang, 'cl_series_all', series=SERIES_NAMES[series])}** | | | | "
                   + " | ".join(_links(bundle, files)) + f" | [{t(lang, 'as_title')}]({assess}) |")
        out.append("")
    return "\n".join(out)


@dataclass(frozen=True)
class Checklists:
    """Every language's planned downloads and the bytes of every file (paths carry the language)."""
    planned: dict[str, list[Download]]
    files: dict[str, bytes]


def collect(corpus: Corpus, languages: Iterable[str]) -> Checklists:
    """All languages at once: one batch, so one browser prints every PDF of the site."""
    stamp = make_stamp(corpus.root)
    plan = {lang: planned(corpus, lang, stamp) for lang in languages}
    return Checklists(plan, build([item for items in plan.values() for item in items], cache_dir(corpus)))


def pages(corpus: Corpus, lang: str, checklists: Checklists) -> Iterable:
    from .site import GeneratedFile

    items = checklists.planned[lang]
    yield GeneratedFile(PAGE, lang, render_page(corpus, lang, items, checklists.files))
    for item in items:
        yield GeneratedFile(item.path, lang, checklists.files[item.path])
