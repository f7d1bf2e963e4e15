"""The requirement finder: one page per language listing every requirement in force (ISACS and IATG,
tombstones left out), filtered and searched in the browser, exported to CSV and XLSX.

The page (template finder.md) holds the interface strings and a notice with a link to the downloads for
readers without JavaScript; overrides/assets/isacs-finder.js builds the form, reads the filters from the
URL's query string, and fetches the data file written beside the page (`finder/requirements.json`,
staged per language like the xref downloads, so `/fr/finder/` reads `/fr/finder/requirements.json`).

The data are the all-modules checklist of the language (`checklists.rows.build_checklist`, the rows the
checklist files are made of: plain text, clause, verbal form, actor labels), kept small by lookup tables
for what repeats. Its shape (version 1), every string in the page's language or English where the
module is not translated:

    {"v": 1, "lang": "fr", "generated": "2026-01-15", "commit": "<hash or 'not under version control'>",
     "series": [[key, label]],                              e.g. ["isacs", "ISACS"]
     "levels": [[key, label, verbal form]],                 e.g. ["shall", "Exigence", "doit"]
     "modules": [{"id", "s": series key, "label", "title", "ed": edition, "ver": version,
                  "tl": language of its texts, "href": its page from the finder}],
     "actors": [[id, label]],                               (registry order; only what some requirement uses,
                                                            as for instruments and provisions)
     "instruments": [[abbreviation, title]],
     "provisions": [[instrument index, key, label]],      e.g. [0, "ITI-8a", "8(a)"]
     "clauses": [[number, heading]],
     "rows": [[module index, id, level index, rrpl or 0, clause index, text, [actor indexes], [provision indexes]]]}
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable
from functools import partial

from ..checklists.collect import Collected
from ..checklists.columns import FLAT, heading
from ..checklists.filters import FilterError, Filters
from ..checklists.rows import Checklist, build_checklist
from ..checklists.stamp import Stamp
from ..core.model import LEVELS, SERIES, SERIES_NAMES, Corpus, InstrumentRef
from ..i18n.strings import t
from . import downloads, paths, templates
from .assessment import asset_url
from .generated import GeneratedFile
from .links import XREF_INSTRUMENTS
from .xref_pages import page_url

PAGE = "finder/index.md"
DATA = "finder/requirements.json"  # beside the page: the script fetches it relative to the page's URL
SCRIPT = "assets/isacs-finder.js"
XLSX_SCRIPT = "assets/isacs-xlsx.js"  # the export's workbook writer, loaded before the finder's script
STYLE = "assets/isacs-finder.css"
DATA_VERSION = 1
# Interface strings the script needs (the page's language); headings of the export come with the columns.
UI_KEYS = (
    "fd_filters",
    "fd_search",
    "col_series",
    "cl_col_module",
    "fd_level",
    "fd_actor",
    "rrpl",
    "fd_instrument",
    "provision",
    "fd_any_series",
    "cl_all_modules",
    "fd_any_level",
    "fd_any_actor",
    "fd_any_rrpl",
    "fd_any_instrument",
    "fd_any_provision",
    "fd_clear",
    "fd_export_csv",
    "fd_export_xlsx",
    "fd_count",
    "fd_none",
    "fd_more",
    "fd_results",
    "fd_load_failed",
    "fd_label",
    "actors",
    "references",
    "col_requirements",
)


class _Table:
    """A lookup table: each distinct entry once, rows refer to it by index."""

    def __init__(self) -> None:
        self.entries: list = []
        self.index: dict = {}

    def add(self, key, entry) -> int:
        if key not in self.index:
            self.index[key] = len(self.entries)
            self.entries.append(entry)
        return self.index[key]


def checklist(corpus: Corpus, lang: str, stamp: Stamp) -> Checklist | None:
    """Every requirement in force, in `lang`: the checklist of all modules (None when there is none)."""
    try:
        return build_checklist(corpus, Filters(lang=lang), stamp)
    except FilterError:  # a corpus without any requirement in force selects nothing
        return None


def _refs(corpus: Corpus, key: str) -> tuple[InstrumentRef, ...]:
    requirement = corpus.requirement(key)
    return requirement.refs if requirement is not None else ()


def data(corpus: Corpus, lang: str, stamp: Stamp) -> dict:
    """The finder's data in `lang` (shape: the module docstring)."""
    found = checklist(corpus, lang, stamp)
    modules = found.modules if found else ()
    requirements = [(number, row, _refs(corpus, row.key)) for number, m in enumerate(modules) for row in m.rows]
    cited = {ref.label for _, _, refs in requirements for ref in refs}
    addressed = {actor for _, row, _ in requirements for actor, _ in row.actors}
    # The registries' entries that some requirement uses, in registry order (an option that could only
    # find nothing is no help); rows add whatever the registries lack (sources with errors).
    actors, instruments, provisions, clauses = _Table(), _Table(), _Table(), _Table()
    for actor in corpus.actors.values():
        if actor.id in addressed:
            actors.add(actor.id, [actor.id, actor.label(lang)])
    for instrument in corpus.instruments.values():
        labels = [p for p in instrument.provisions if InstrumentRef(instrument.abbreviation, p).label in cited]
        if labels:
            number = instruments.add(instrument.abbreviation, [instrument.abbreviation, instrument.title(lang)])
        for label in labels:
            ref = InstrumentRef(instrument.abbreviation, label)
            provisions.add(ref.label, [number, ref.key, label])
    rows = []
    for number, row, refs in requirements:
        # (an instrument or provision the registry lacks is added as its abbreviation / label)
        ref_indexes = [
            provisions.add(ref.label, [instruments.add(ref.instrument, [ref.instrument] * 2), ref.key, ref.provision])
            for ref in refs
        ]
        clause = clauses.add((row.clause, row.clause_title), [row.clause, row.clause_title])
        actor_indexes = [actors.add(actor, [actor, label]) for actor, label in row.actors]
        rows.append(
            [number, row.id, LEVELS.index(row.level), row.rrpl or 0, clause, row.text, actor_indexes, ref_indexes]
        )
    return {
        "v": DATA_VERSION,
        "lang": lang,
        "generated": stamp.generated.isoformat(),
        "commit": stamp.commit or t(lang, "cl_commit_unknown"),
        "series": [[s, SERIES_NAMES[s]] for s in SERIES if any(m.series == s for m in modules)],
        "levels": [[level, t(lang, f"level_{level}"), t(lang, f"cl_form_{level}")] for level in LEVELS],
        "modules": [
            {
                "id": m.id,
                "s": m.series,
                "label": m.label,
                "title": m.title,
                "ed": m.edition,
                "ver": m.version,
                "tl": m.text_lang,
                "href": page_url(PAGE, paths.module_page(m.id)),
            }
            for m in modules
        ],
        "actors": actors.entries,
        "instruments": instruments.entries,
        "provisions": provisions.entries,
        "clauses": clauses.entries,
        "rows": rows,
    }


def data_file(corpus: Corpus, lang: str, stamp: Stamp) -> bytes:
    """The data as compact UTF-8 JSON (every character as itself: Chinese and Arabic take 3 and 2 bytes, not 6)."""
    return json.dumps(data(corpus, lang, stamp), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def config(lang: str) -> dict:
    """What the script reads from the page: where the data are, the interface strings, the export columns."""
    return {
        "data": posixpath.basename(DATA),
        "instruments": page_url(PAGE, XREF_INSTRUMENTS),  # provisions link to their row there (#ITI-8a)
        "ui": {key: t(lang, key) for key in UI_KEYS},
        "csv_columns": list(FLAT),
        "csv_headings": [heading(lang, column) for column in FLAT],
        "file": f"requirements-{lang}",
    }


def render(lang: str) -> str:
    return templates.render(
        "finder.md",
        t=partial(t, lang),
        config=config(lang),
        downloads_url=page_url(PAGE, downloads.PAGE),
        style_url=asset_url(PAGE, lang, STYLE),
        script_url=asset_url(PAGE, lang, SCRIPT),
        xlsx_url=asset_url(PAGE, lang, XLSX_SCRIPT),
    )


def pages(corpus: Corpus, lang: str, collected: Collected) -> Iterable[GeneratedFile]:
    """The finder page of `lang` and its data file, stamped like the checklists of the build."""
    yield GeneratedFile(PAGE, lang, render(lang))
    yield GeneratedFile(DATA, lang, data_file(corpus, lang, collected.stamp))
