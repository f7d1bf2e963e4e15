"""The cross-reference section of the site, in every language: one page per table, an inline SVG diagram
of module references per series (module_graph_svg), and the downloads (tables as CSV/JSON, the model as JSON, OSCAL catalogs).

The instruments page (provision -> requirements, with gaps) lives in xref_instruments.py because module
pages link to its anchors; everything here is derived from the same isacs.xref tables.
"""
from __future__ import annotations

import html
import posixpath
from typing import Iterable

from ..core import export_json
from ..core.languages import LANGUAGE_NAMES, LANGUAGES, SOURCE_LANGUAGE
from ..core.model import LEVELS, SERIES, SERIES_NAMES, Corpus
from ..xref import flat, oscal, status, tables
from . import module_graph_svg, paths
from .links import XREF_INSTRUMENTS
from .strings import t

XREF_INDEX = "xref/index.md"
XREF_REQUIREMENTS = "xref/requirements/index.md"
XREF_MODULES = "xref/modules/index.md"
XREF_CONCEPTS = "xref/concepts/index.md"
XREF_COUNTS = "xref/counts/index.md"
XREF_STATUS = "xref/status/index.md"
MODEL_JSON = "data/model.json"

# (page, title key, flat table names downloadable from it); the order of the section in the navigation
PAGES = (
    (XREF_INSTRUMENTS, "xref_instruments", ("provisions",)),
    (XREF_REQUIREMENTS, "xref_requirements", ("requirements",)),
    (XREF_MODULES, "xref_modules", ("modules",)),
    (XREF_CONCEPTS, "xref_concepts", ("concepts",)),
    (XREF_COUNTS, "xref_counts", ("counts",)),
    (XREF_STATUS, "xref_status", ("status",)),
)


def table_file(name: str, ext: str) -> str:
    return f"data/xref/{name}.{ext}"


def oscal_file(series: str) -> str:
    return f"data/oscal/{series}.json"


def front(lang: str, key: str, intro: str | None = None) -> list[str]:
    out = ["---", f"title: {t(lang, key)}", "---", "", f"# {t(lang, key)}", ""]
    return out + ([t(lang, intro), ""] if intro else [])


def downloads_line(page: str, lang: str, names: Iterable[str]) -> list[str]:
    links = [f"[{name}.{ext}]({paths.relative(page, table_file(name, ext))})" for name in names for ext in ("csv", "json")]
    return [f"{t(lang, 'xref_download')} " + " · ".join(links), "{: .isacs-downloads }", ""]


def module_link(corpus: Corpus, page: str, module_id: str, anchor: str | None = None, text: str | None = None) -> str:
    return f"[{text or corpus.modules[module_id].label}]({paths.relative(page, paths.module_page(module_id), anchor)})"


def level_badge(lang: str, level: str) -> str:
    return f'<span class="isacs-badge isacs-badge-{level}">{html.escape(t(lang, "level_" + level))}</span>'


def gap(lang: str, key: str, **values) -> str:
    return f'<span class="isacs-gap">{html.escape(t(lang, key, **values))}</span>'


def requirements_page(corpus: Corpus, lang: str) -> str:
    page = XREF_REQUIREMENTS
    out = front(lang, "xref_requirements", "xref_requirements_intro") + downloads_line(page, lang, ("requirements",))
    rows = tables.requirement_refs(corpus)
    for module in corpus.modules.values():
        mine = [r for r in rows if r.citation.module == module.id]
        if not mine:
            continue
        title = module.title_in(lang)
        out += [f"## {module.label} — {html.escape(title)} {{#{oscal.module_token(module.id)}}}", "",
                f"| {t(lang, 'xref_col_requirement')} | {t(lang, 'xref_col_clause')} | {t(lang, 'xref_col_level')} | "
                f"{t(lang, 'xref_col_refs')} |", "|---|---|---|---|"]
        for row in mine:
            c = row.citation
            refs = ", ".join(f"[{ref.label}]({paths.relative(page, XREF_INSTRUMENTS, ref.key)})" for ref in row.refs)
            out.append(f"| {module_link(corpus, page, c.module, c.requirement, c.requirement)} | {c.clause} | "
                       f"{level_badge(lang, c.level)} | {refs or gap(lang, 'xref_cites_none')} |")
        out.append("")
    return "\n".join(out) + "\n"


def _via(lang: str, relation: tables.ModuleRelation) -> str:
    parts = []
    if relation.related:
        parts.append(t(lang, "xref_via_related"))
    if relation.module_links:
        parts.append(t(lang, "xref_via_module", count=relation.module_links))
    if relation.requirement_links:
        parts.append(t(lang, "xref_via_req", ids=", ".join(relation.requirement_links)))
    return "; ".join(parts)


def page_url(from_page: str, to_page: str) -> str:
    """URL of one page relative to another as the browser sees them (directory URLs, `isacs/05.30/`).

    For raw HTML, which mkdocs neither checks nor rewrites, unlike Markdown links to `.md` files.
    """
    def directory(page: str) -> str:
        stem = posixpath.splitext(page)[0]
        return posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem

    return paths.relpath(directory(to_page), directory(from_page)) + "/"


def diagram(corpus: Corpus, page: str, lang: str, series: str, relations) -> list[str]:
    """The references touching one series as an SVG in a raw HTML block; other-series modules appear where
    linked, in their own lane."""
    mine = [r for r in relations if corpus.modules[r.source].series == series or corpus.modules[r.target].series == series]
    shown = [m for m in corpus.modules if corpus.modules[m].series == series
             or any(m in (r.source, r.target) for r in mine)]

    def box(module_id: str) -> module_graph_svg.Box:
        module = corpus.modules[module_id]
        return module_graph_svg.Box(module_id, module.label, module.title_in(lang),
                                    page_url(page, paths.module_page(module_id)))

    lanes = tuple(module_graph_svg.Lane(SERIES_NAMES[s], tuple(box(m) for m in shown if corpus.modules[m].series == s))
                  for s in SERIES)
    edges = tuple(module_graph_svg.Edge(r.source, r.target, bool(r.module_links or r.requirement_links)) for r in mine)
    desc = f"{t(lang, 'xref_graph_desc', modules=len(shown), links=len(edges))} {t(lang, 'xref_diagram_note')}"
    svg = module_graph_svg.render(lanes, edges, t(lang, "xref_graph_title", series=SERIES_NAMES[series]), desc,
                                  f"module-graph-{series}")
    # blank lines around: Python-Markdown passes the block through untouched; the table below carries the
    # same links, so search skips the boxes
    return ["", '<div class="isacs-graph" data-pagefind-ignore>', svg, "</div>", ""]


def modules_page(corpus: Corpus, lang: str) -> str:
    page = XREF_MODULES
    relations = tables.module_relations(corpus)
    out = front(lang, "xref_modules", "xref_modules_intro") + downloads_line(page, lang, ("modules",))
    out += [f"| {t(lang, 'xref_col_module')} | {t(lang, 'xref_references')} | {t(lang, 'xref_back_references')} |",
            "|---|---|---|"]
    for module in corpus.modules.values():
        refs = ", ".join(module_link(corpus, page, r.target) for r in relations if r.source == module.id)
        back = ", ".join(module_link(corpus, page, r.source) for r in relations if r.target == module.id)
        out.append(f"| {module_link(corpus, page, module.id)} | {refs or gap(lang, 'xref_none')} | "
                   f"{back or gap(lang, 'xref_none')} |")
    out.append("")
    for series in SERIES:
        if any(m.series == series for m in corpus.modules.values()):
            out.append(f"## {t(lang, 'xref_diagram', series=SERIES_NAMES[series])} {{#diagram-{series}}}")
            out += diagram(corpus, page, lang, series, relations) + [t(lang, "xref_diagram_note"), ""]
    out += [f"## {t(lang, 'xref_table')} {{#relations}}", "",
            f"| {t(lang, 'xref_col_source')} | {t(lang, 'xref_col_target')} | {t(lang, 'xref_col_via')} |", "|---|---|---|"]
    out += [f"| {module_link(corpus, page, r.source)} | {module_link(corpus, page, r.target)} | {_via(lang, r)} |"
            for r in relations]
    return "\n".join(out) + "\n"


def _clause_cell(corpus: Corpus, page: str, lang: str, use: tables.ConceptUse) -> str:
    module = corpus.modules[use.module]
    if not use.anchor:
        return module_link(corpus, page, module.id, text=t(lang, "xref_preamble"))
    clause = next(c for c in module.all_clauses() if c.anchor == use.anchor)
    label = clause.number or clause.title(lang)
    return module_link(corpus, page, module.id, clause.anchor, html.escape(label).replace("|", "\\|"))


def concepts_page(corpus: Corpus, lang: str) -> str:
    page = XREF_CONCEPTS
    uses = tables.concept_uses(corpus)
    out = front(lang, "xref_concepts", "xref_concepts_intro") + downloads_line(page, lang, ("concepts",))
    out += [f"| {t(lang, 'xref_col_concept')} | {t(lang, 'xref_col_module')} | {t(lang, 'xref_col_clause')} | "
            f"{t(lang, 'xref_col_links')} |", "|---|---|---|---|"]
    for use in uses:
        term = corpus.concepts[use.concept].term(lang).preferred
        out.append(f"| [{html.escape(term)}]({paths.relative(page, paths.GLOSSARY, use.concept)}) | "
                   f"{module_link(corpus, page, use.module)} | {_clause_cell(corpus, page, lang, use)} | {use.links} |")
    unused = tables.unused_concepts(corpus, uses)
    if unused:
        out += ["", f"## {t(lang, 'xref_unused_concepts')} {{#unused}}", ""]
        out += [f"- [{html.escape(corpus.concepts[c].term(lang).preferred)}]"
                f"({paths.relative(page, paths.GLOSSARY, c)})" for c in unused]
    return "\n".join(out) + "\n"


def counts_page(corpus: Corpus, lang: str) -> str:
    page = XREF_COUNTS
    rows = tables.counts(corpus)
    out = front(lang, "xref_counts", "xref_counts_intro") + downloads_line(page, lang, ("counts",))
    for series in SERIES:
        modules = [m for m in corpus.modules.values() if m.series == series]
        if not modules:
            continue
        iatg = series == "iatg"
        head = [t(lang, "xref_col_module"), t(lang, "xref_col_actor")] + ([t(lang, "rrpl")] if iatg else [])
        head += [t(lang, "level_" + level) for level in LEVELS]
        out += [f"## {t(lang, 'series_' + series)} {{#{series}}}", "", "| " + " | ".join(head) + " |",
                "|" + "---|" * len(head)]
        for module in modules:
            groups: dict[tuple, dict[str, int]] = {}
            for row in rows:
                if row.module == module.id:
                    groups.setdefault((row.actor, row.rrpl), {})[row.level] = row.count
            for (actor, rrpl), by_level in groups.items():
                label = corpus.actors[actor].label(lang) if actor in corpus.actors else actor
                cells = [module_link(corpus, page, module.id), html.escape(label)] + ([str(rrpl)] if iatg else [])
                out.append("| " + " | ".join(cells + [str(by_level.get(level, 0)) for level in LEVELS]) + " |")
            totals = tables.level_totals(module)
            cells = [module_link(corpus, page, module.id), f"**{t(lang, 'xref_total')}**"] + (["—"] if iatg else [])
            out.append("| " + " | ".join(cells + [f"**{totals[level]}**" for level in LEVELS]) + " |")
        out.append("")
    return "\n".join(out) + "\n"


def status_page(corpus: Corpus, lang: str) -> str:
    page = XREF_STATUS
    matrix = status.matrix(corpus)
    out = front(lang, "xref_status", "xref_status_intro") + downloads_line(page, lang, ("status",))
    head = [t(lang, "xref_col_module")] + [f'<span lang="{code}">{LANGUAGE_NAMES[code]}</span>' for code in LANGUAGES]
    out += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for module, row in zip(corpus.modules.values(), matrix):
        cells = [module_link(corpus, page, module.id), t(lang, "xref_state_source")]
        for c in row:
            label = t(lang, "xref_state_" + c.state)
            count = f" ({len(c.stale_requirements)})" if c.state == "stale" else ""
            cells.append(f'<span class="isacs-translation-{c.state}">{label}</span>{count}')
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    for module, row in zip(corpus.modules.values(), matrix):
        stale = [c for c in row if c.state == "stale"]
        if not stale:
            continue
        out += [f"## {module.label} {{#{oscal.module_token(module.id)}}}", ""]
        for c in stale:
            parts = []
            if c.changed:
                parts.append(t(lang, "xref_changed_list", ids=", ".join(c.changed)))
            if c.unstamped:
                parts.append(t(lang, "xref_unstamped_list", ids=", ".join(c.unstamped)))
            out.append(f'- <span lang="{c.lang}">{LANGUAGE_NAMES[c.lang]}</span>: ' + "; ".join(parts))
        out.append("")
    return "\n".join(out) + "\n"


def index_page(corpus: Corpus, lang: str) -> str:
    page = XREF_INDEX
    out = front(lang, "xref_index", "xref_index_intro")
    out += [f"- [{t(lang, key)}]({paths.relative(page, target)})" for target, key, _ in PAGES]
    out += ["", f"## {t(lang, 'xref_downloads')} {{#downloads}}", "", t(lang, "xref_downloads_intro"), "",
            f"- [{t(lang, 'xref_model_json')}]({paths.relative(page, MODEL_JSON)})"]
    out += [f"- [{t(lang, 'xref_oscal', series=SERIES_NAMES[s])}]({paths.relative(page, oscal_file(s))})"
            for s in SERIES if any(m.series == s for m in corpus.modules.values())]
    out += ["", f"| {t(lang, 'xref_table')} | CSV | JSON |", "|---|---|---|"]
    for target, key, names in PAGES:
        for name in names:
            out.append(f"| [{t(lang, key)}]({paths.relative(page, target)}) | "
                       f"[{name}.csv]({paths.relative(page, table_file(name, 'csv'))}) | "
                       f"[{name}.json]({paths.relative(page, table_file(name, 'json'))}) |")
    return "\n".join(out) + "\n"


def pages(corpus: Corpus, lang: str) -> Iterable:
    from .site import GeneratedFile

    yield GeneratedFile(XREF_INDEX, lang, index_page(corpus, lang))
    yield GeneratedFile(XREF_REQUIREMENTS, lang, requirements_page(corpus, lang))
    yield GeneratedFile(XREF_MODULES, lang, modules_page(corpus, lang))
    yield GeneratedFile(XREF_CONCEPTS, lang, concepts_page(corpus, lang))
    yield GeneratedFile(XREF_COUNTS, lang, counts_page(corpus, lang))
    yield GeneratedFile(XREF_STATUS, lang, status_page(corpus, lang))


def downloads(corpus: Corpus, lang: str) -> Iterable:
    """The machine-readable files of one language, at stable URLs (`/data/...`, `/fr/data/...`)."""
    from .site import GeneratedFile

    yield GeneratedFile(MODEL_JSON, lang, export_json.to_json(corpus, {lang} | {SOURCE_LANGUAGE}, compact=True))
    for series in SERIES:
        if any(m.series == series for m in corpus.modules.values()):
            yield GeneratedFile(oscal_file(series), lang, oscal.to_json(corpus, series, lang, compact=True))
    for name, build in flat.TABLES.items():
        table = build(corpus, lang)
        yield GeneratedFile(table_file(name, "csv"), lang, flat.to_csv(table, lang))
        yield GeneratedFile(table_file(name, "json"), lang, flat.to_json(table, lang, compact=True))


def navigation() -> dict:
    """The cross-reference section of the navigation; its title is translated by mkdocs.yml nav_translations."""
    return {t(SOURCE_LANGUAGE, "xref_index"): [XREF_INDEX] + [target for target, _, _ in PAGES]}
