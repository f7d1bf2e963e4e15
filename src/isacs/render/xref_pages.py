"""The cross-reference section of the site, in every language: one page per table, an inline SVG diagram
of module references per series (module_graph_svg), and the downloads (tables as CSV/JSON, the model as JSON,
OSCAL catalogs).

The instruments page (provision -> requirements, with gaps) lives in xref_instruments.py because module
pages link to its anchors; everything here is derived from the same isacs.xref tables.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from functools import partial

from ..core import export_json
from ..core.languages import LANGUAGE_NAMES, LANGUAGES, SOURCE_LANGUAGE
from ..core.model import LEVELS, SERIES, SERIES_NAMES, Corpus
from ..i18n.strings import t
from ..xref import flat, oscal, status, tables
from . import module_graph_svg, module_page, paths, templates
from .generated import GeneratedFile
from .links import XREF_INSTRUMENTS

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


def _render(name: str, lang: str, **context) -> str:
    return templates.render(name, t=partial(t, lang), **context)


def downloads_links(page: str, names: Iterable[str]) -> list[dict]:
    """The CSV and JSON files of the named tables, as links from `page` (partials/xref.md downloads_line)."""
    return [
        {"text": f"{name}.{ext}", "href": paths.relative(page, table_file(name, ext))}
        for name in names
        for ext in ("csv", "json")
    ]


def module_link(corpus: Corpus, page: str, module_id: str, anchor: str | None = None, text: str | None = None) -> dict:
    """A link to a module's page (or a place in it): its label, or `text`."""
    return {
        "text": text or corpus.modules[module_id].label,
        "href": paths.relative(page, paths.module_page(module_id), anchor),
    }


def requirements_page(corpus: Corpus, lang: str) -> str:
    page = XREF_REQUIREMENTS
    rows = tables.requirement_refs(corpus)
    modules = []
    for module in corpus.modules.values():
        mine = [r for r in rows if r.citation.module == module.id]
        if mine:
            modules.append(
                {
                    "module": module,
                    "title": module.title_in(lang),
                    "token": oscal.module_token(module.id),
                    "rows": [
                        {
                            "citation": row.citation,
                            "link": module_link(
                                corpus, page, row.citation.module, row.citation.requirement, row.citation.requirement
                            ),
                            "refs": [
                                {"text": ref.label, "href": paths.relative(page, XREF_INSTRUMENTS, ref.key)}
                                for ref in row.refs
                            ],
                        }
                        for row in mine
                    ],
                }
            )
    return _render(
        "xref_requirements.md",
        lang,
        downloads=downloads_links(page, ("requirements",)),
        modules=modules,
        level_badges=module_page.level_badges(lang),
    )


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


def diagram(corpus: Corpus, page: str, lang: str, series: str, relations) -> str:
    """The references touching one series as an SVG; other-series modules appear where linked, in their own
    lane."""
    mine = [
        r for r in relations if corpus.modules[r.source].series == series or corpus.modules[r.target].series == series
    ]
    shown = [
        m for m in corpus.modules if corpus.modules[m].series == series or any(m in (r.source, r.target) for r in mine)
    ]

    def box(module_id: str) -> module_graph_svg.Box:
        module = corpus.modules[module_id]
        return module_graph_svg.Box(
            module_id, module.label, module.title_in(lang), page_url(page, paths.module_page(module_id))
        )

    lanes = tuple(
        module_graph_svg.Lane(SERIES_NAMES[s], tuple(box(m) for m in shown if corpus.modules[m].series == s))
        for s in SERIES
    )
    edges = tuple(module_graph_svg.Edge(r.source, r.target, bool(r.module_links or r.requirement_links)) for r in mine)
    desc = f"{t(lang, 'xref_graph_desc', modules=len(shown), links=len(edges))} {t(lang, 'xref_diagram_note')}"
    return module_graph_svg.render(
        lanes, edges, t(lang, "xref_graph_title", series=SERIES_NAMES[series]), desc, f"module-graph-{series}"
    )


def modules_page(corpus: Corpus, lang: str) -> str:
    page = XREF_MODULES
    relations = tables.module_relations(corpus)
    modules = [
        {
            "link": module_link(corpus, page, module.id),
            "refs": [module_link(corpus, page, r.target) for r in relations if r.source == module.id],
            "back": [module_link(corpus, page, r.source) for r in relations if r.target == module.id],
        }
        for module in corpus.modules.values()
    ]
    diagrams = [
        {"name": series, "label": SERIES_NAMES[series], "svg": diagram(corpus, page, lang, series, relations)}
        for series in SERIES
        if any(m.series == series for m in corpus.modules.values())
    ]
    relation_rows = [
        {
            "source": module_link(corpus, page, r.source),
            "target": module_link(corpus, page, r.target),
            "via": _via(lang, r),
        }
        for r in relations
    ]
    return _render(
        "xref_modules.md",
        lang,
        downloads=downloads_links(page, ("modules",)),
        modules=modules,
        diagrams=diagrams,
        relations=relation_rows,
    )


def _clause_links(corpus: Corpus, page: str, lang: str) -> dict[tuple[str, str], dict]:
    """(module ID, clause anchor) -> the link to the clause; anchor "": the text before the first heading.
    Made once per page: a real corpus has thousands of concept uses, and walking a module's clause tree for
    each use made the concepts page quadratic."""
    found: dict[tuple[str, str], dict] = {}
    for module in corpus.modules.values():
        found[(module.id, "")] = module_link(corpus, page, module.id, text=t(lang, "xref_preamble"))
        for clause in module.all_clauses():
            if (module.id, clause.anchor) not in found:  # the first clause of an anchor, as a walk finds it
                text = clause.number or clause.title(lang)
                found[(module.id, clause.anchor)] = module_link(corpus, page, module.id, clause.anchor, text)
    return found


def concepts_page(corpus: Corpus, lang: str) -> str:
    page = XREF_CONCEPTS
    uses = tables.concept_uses(corpus)
    # Rows repeat concepts, modules and clauses: each term and link is made once.
    terms = {
        cid: {"term": concept.term(lang).preferred, "term_href": paths.relative(page, paths.GLOSSARY, cid)}
        for cid, concept in corpus.concepts.items()
    }
    module_links = {module_id: module_link(corpus, page, module_id) for module_id in corpus.modules}
    clause_links = _clause_links(corpus, page, lang)
    rows = [
        {
            **terms[use.concept],
            "module": module_links[use.module],
            "clause": clause_links[(use.module, use.anchor)],
            "links": use.links,
        }
        for use in uses
    ]
    unused = [
        {"term": corpus.concepts[c].term(lang).preferred, "href": paths.relative(page, paths.GLOSSARY, c)}
        for c in tables.unused_concepts(corpus, uses)
    ]
    return _render("xref_concepts.md", lang, downloads=downloads_links(page, ("concepts",)), uses=rows, unused=unused)


def counts_page(corpus: Corpus, lang: str) -> str:
    page = XREF_COUNTS
    rows = tables.counts(corpus)
    series_list = []
    for series in SERIES:
        modules = [m for m in corpus.modules.values() if m.series == series]
        if not modules:
            continue
        entries = []
        for module in modules:
            groups: dict[tuple, dict[str, int]] = {}
            for row in rows:
                if row.module == module.id:
                    groups.setdefault((row.actor, row.rrpl), {})[row.level] = row.count
            entries.append(
                {
                    "link": module_link(corpus, page, module.id),
                    "totals": tables.level_totals(module),
                    "groups": [
                        {
                            "actor": corpus.actors[actor].label(lang) if actor in corpus.actors else actor,
                            "rrpl": rrpl,
                            "counts": by_level,
                        }
                        for (actor, rrpl), by_level in groups.items()
                    ],
                }
            )
        series_list.append({"name": series, "rrpl": series == "iatg", "modules": entries})
    return _render(
        "xref_counts.md", lang, downloads=downloads_links(page, ("counts",)), series_list=series_list, levels=LEVELS
    )


def status_page(corpus: Corpus, lang: str) -> str:
    page = XREF_STATUS
    matrix = status.matrix(corpus)
    modules, stale_modules = [], []
    for module, row in zip(corpus.modules.values(), matrix):
        modules.append(
            {
                "link": module_link(corpus, page, module.id),
                "cells": [{"state": c.state, "stale": len(c.stale_requirements)} for c in row],
            }
        )
        stale = [c for c in row if c.state == "stale"]
        if stale:
            stale_modules.append(
                {
                    "module": module,
                    "token": oscal.module_token(module.id),
                    "languages": [
                        {
                            "code": c.lang,
                            "name": LANGUAGE_NAMES[c.lang],
                            "parts": ([t(lang, "xref_changed_list", ids=", ".join(c.changed))] if c.changed else [])
                            + ([t(lang, "xref_unstamped_list", ids=", ".join(c.unstamped))] if c.unstamped else []),
                        }
                        for c in stale
                    ],
                }
            )
    return _render(
        "xref_status.md",
        lang,
        downloads=downloads_links(page, ("status",)),
        languages=[(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        modules=modules,
        stale_modules=stale_modules,
    )


def index_page(corpus: Corpus, lang: str) -> str:
    page = XREF_INDEX
    return _render(
        "xref_index.md",
        lang,
        pages=[{"key": key, "href": paths.relative(page, target)} for target, key, _ in PAGES],
        model_json=paths.relative(page, MODEL_JSON),
        oscal=[
            {"label": SERIES_NAMES[s], "href": paths.relative(page, oscal_file(s))}
            for s in SERIES
            if any(m.series == s for m in corpus.modules.values())
        ],
        tables=[
            {
                "key": key,
                "href": paths.relative(page, target),
                "name": name,
                "csv": paths.relative(page, table_file(name, "csv")),
                "json": paths.relative(page, table_file(name, "json")),
            }
            for target, key, names in PAGES
            for name in names
        ],
    )


def pages(corpus: Corpus, lang: str) -> Iterable:
    yield GeneratedFile(XREF_INDEX, lang, index_page(corpus, lang))
    yield GeneratedFile(XREF_REQUIREMENTS, lang, requirements_page(corpus, lang))
    yield GeneratedFile(XREF_MODULES, lang, modules_page(corpus, lang))
    yield GeneratedFile(XREF_CONCEPTS, lang, concepts_page(corpus, lang))
    yield GeneratedFile(XREF_COUNTS, lang, counts_page(corpus, lang))
    yield GeneratedFile(XREF_STATUS, lang, status_page(corpus, lang))


def downloads(corpus: Corpus, lang: str) -> Iterable:
    """The machine-readable files of one language, at stable URLs (`/data/...`, `/fr/data/...`)."""
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
