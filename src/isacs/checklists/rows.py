"""A checklist as plain data: one ModuleChecklist per module, one Row per requirement, in reading order.

Everything is taken from the model (clause tree, requirement texts, actor labels); the writers only lay
it out. Texts come from the requested language, or from English when the module has no translation.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.languages import SOURCE_LANGUAGE
from ..core.model import SERIES_NAMES, Clause, Corpus, Module, Requirement
from ..i18n.strings import t
from .filters import Filters, select, selected_modules
from .stamp import Stamp

# Assessment statuses: stable keys in JSON and the browser, translated labels (cl_status_*) elsewhere.
STATUSES: tuple[str, ...] = ("compliant", "partially", "not-compliant", "not-applicable")


def status_label(lang: str, status: str) -> str:
    return t(lang, "cl_status_" + status.replace("-", "_"))


@dataclass(frozen=True)
class Row:
    key: str  # "isacs/05.30#r001"
    id: str
    clause: str  # clause number, "" for unnumbered clauses
    clause_title: str
    section: str  # top-level clause number (or title when unnumbered): the self-assessment groups by it
    section_title: str
    level: str  # shall | should | may
    verbal_form: str  # the level's verbal form in the checklist language
    rrpl: int | None
    text: str  # plain text (links reduced to their text)
    actors: tuple[tuple[str, str], ...]  # (actor ID, label)
    refs: tuple[str, ...]  # "ITI 8(a)"


@dataclass(frozen=True)
class ModuleChecklist:
    id: str
    series: str
    number: str
    label: str  # "ISACS 05.30"
    title: str
    edition: str
    version: str
    date: str  # ISO date or ""
    status: str
    text_lang: str  # language of the requirement texts (English when not translated)
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Checklist:
    lang: str
    title: str
    filters: Filters
    stamp: Stamp
    modules: tuple[ModuleChecklist, ...]

    @property
    def rows(self):
        for module in self.modules:
            yield from module.rows


def _clause_index(module: Module) -> dict[str, tuple[Clause, Clause]]:
    """requirement ID -> (clause holding it, its top-level clause)."""
    out: dict[str, tuple[Clause, Clause]] = {}
    for top in module.clauses:
        for clause in top.walk():
            for rid in clause.requirement_ids:
                out[rid] = (clause, top)
    return out


def _row(corpus: Corpus, req: Requirement, clause: Clause, top: Clause, lang: str, text_lang: str) -> Row:
    text = req.texts.get(text_lang) or req.texts[SOURCE_LANGUAGE]
    return Row(
        key=req.key,
        id=req.id,
        clause=clause.number,
        clause_title=clause.title(lang),
        section=top.number or top.title(lang),
        section_title=top.title(lang),
        level=req.level or "",
        verbal_form=t(lang, f"cl_form_{req.level}") if req.level else "",
        rrpl=req.rrpl,
        text=text.plain,
        actors=tuple((a, corpus.actors[a].label(lang) if a in corpus.actors else a) for a in req.actors),
        refs=tuple(ref.label for ref in req.refs),
    )


def module_checklist(corpus: Corpus, module: Module, reqs: list[Requirement], lang: str) -> ModuleChecklist:
    text_lang = lang if lang in module.translations else SOURCE_LANGUAGE
    index = _clause_index(module)
    wanted = {r.id for r in reqs}
    rows = []
    for clause in module.all_clauses():  # reading order, which metadata order need not follow
        for rid in clause.requirement_ids:
            req = module.requirement(rid)
            if rid in wanted and req is not None:
                rows.append(_row(corpus, req, *index[rid], lang, text_lang))
    return ModuleChecklist(
        id=module.id,
        series=module.series,
        number=module.number,
        label=module.label,
        title=module.title_in(lang),
        edition=module.edition,
        version=module.version,
        date=module.date.isoformat() if module.date else "",
        status=module.status,
        text_lang=text_lang,
        rows=tuple(rows),
    )


def checklist_title(corpus: Corpus, modules: list[ModuleChecklist], filters: Filters, lang: str) -> str:
    if filters.modules:
        return f"{modules[0].label} — {modules[0].title}" if len(modules) == 1 else ", ".join(m.label for m in modules)
    series = {m.series for m in selected_modules(corpus, filters)}
    if len(series) == 1:
        return t(lang, "cl_series_all", series=SERIES_NAMES.get(series.pop(), ""))
    return t(lang, "cl_all_modules")


def build_checklist(corpus: Corpus, filters: Filters, stamp: Stamp) -> Checklist:
    """Raises FilterError for an unknown module/actor/language/level or an empty selection."""
    selection = select(corpus, filters)
    modules = [module_checklist(corpus, m, reqs, filters.lang) for m, reqs in selection]
    return Checklist(
        filters.lang,
        checklist_title(corpus, modules, filters, filters.lang),
        filters,
        stamp,
        tuple(m for m in modules if m.rows),
    )
