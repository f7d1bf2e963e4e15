"""Home page and the index of series and modules, per language."""
from __future__ import annotations

from ..core.languages import LANGUAGE_NAMES
from ..core.model import SERIES, Corpus
from . import paths
from .markup import md_cell
from .strings import t


def module_table(corpus: Corpus, lang: str, page: str, series: str) -> list[str]:
    rows = [f"| {t(lang, 'col_number')} | {t(lang, 'col_title')} | {t(lang, 'col_edition')} | "
            f"{t(lang, 'col_version')} | {t(lang, 'col_status')} | {t(lang, 'col_requirements')} | "
            f"{t(lang, 'col_languages')} |",
            "|---|---|---|---|---|---|---|"]
    for module in corpus.modules.values():
        if module.series != series:
            continue
        title = md_cell(module.title_in(lang))  # metadata, not Markdown: shown as typed
        live = sum(1 for r in module.requirements if not r.is_tombstone)
        languages = " ".join(f'<abbr title="{LANGUAGE_NAMES[code]}">{code}</abbr>' for code in module.languages)
        rows.append(f"| [{module.label}]({paths.relative(page, paths.module_page(module.id))}) | {title} | "
                    f"{module.edition} | {module.version} | {t(lang, 'status_' + module.status)} | {live} | "
                    f"{languages} |")
    return rows


def module_index(corpus: Corpus, lang: str) -> str:
    page = paths.MODULE_INDEX
    out = ["---", f"title: {t(lang, 'modules')}", "---", "", f"# {t(lang, 'modules')}", ""]
    for series in SERIES:
        if any(m.series == series for m in corpus.modules.values()):
            out += [f"## {t(lang, 'series_' + series)} {{#{series}}}", ""]
            out += module_table(corpus, lang, page, series) + [""]
    return "\n".join(out)


def home(corpus: Corpus, lang: str) -> str:
    page = paths.HOME
    out = ["---", f"title: {t(lang, 'home')}", "---", "", f"# {t(lang, 'site_name')}", "",
           t(lang, "home_intro"), "", '!!! note ""', f"    {t(lang, 'illustrative_notice')}", ""]
    out += [f"- [{t(lang, 'modules')}]({paths.relative(page, paths.MODULE_INDEX)})",
            f"- [{t(lang, 'glossary')}]({paths.relative(page, paths.GLOSSARY)})", ""]
    for series in SERIES:
        if any(m.series == series for m in corpus.modules.values()):
            out += [f"## {t(lang, 'series_' + series)} {{#{series}}}", ""]
            out += module_table(corpus, lang, page, series) + [""]
    return "\n".join(out)
