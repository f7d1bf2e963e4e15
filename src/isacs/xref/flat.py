"""Every cross-reference table flattened to columns and rows: the CSV and JSON downloads, and the
terminal output of `isacs xref`.

Column IDs are stable (JSON keys, CSV for machines); headers are translated (CSV for people). Values
are language-neutral codes (module IDs, requirement IDs, verbal forms, actor IDs), plus the label of
terms in the requested language.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from ..checklists.csvfile import safe_cell
from ..core.export_json import json_text
from ..core.model import Corpus, Requirement
from ..i18n.strings import t
from . import status, tables

# column ID -> interface string key of its header
HEADERS = {
    "instrument": "xref_col_instrument",
    "provision": "provision",
    "topic": "topic",
    "module": "xref_col_module",
    "requirement": "xref_col_requirement",
    "clause": "xref_col_clause",
    "level": "xref_col_level",
    "gap": "xref_col_gap",
    "actors": "actors",
    "refs": "xref_col_refs",
    "source": "xref_col_source",
    "target": "xref_col_target",
    "via": "xref_col_via",
    "module_links": "xref_col_module_links",
    "requirement_links": "xref_col_requirement_links",
    "concept": "xref_col_concept",
    "term": "xref_col_term",
    "links": "xref_col_links",
    "series": "col_series",
    "actor": "xref_col_actor",
    "rrpl": "rrpl",
    "count": "xref_col_count",
    "language": "xref_col_language",
    "state": "xref_col_state",
    "changed": "xref_col_changed",
    "unstamped": "xref_col_unstamped",
}


@dataclass(frozen=True)
class FlatTable:
    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]  # values: str, int, bool or None

    def records(self) -> list[dict]:
        return [dict(zip(self.columns, row)) for row in self.rows]


def provisions(corpus: Corpus, lang: str) -> FlatTable:
    rows = []
    for p in tables.provisions(corpus):
        for c in p.citations or (None,):
            rows.append(
                (
                    p.instrument,
                    p.provision,
                    p.topic,
                    c and c.module,
                    c and c.requirement,
                    c and c.clause,
                    c and c.level,
                    c is None,
                )
            )
    return FlatTable(
        "provisions",
        ("instrument", "provision", "topic", "module", "requirement", "clause", "level", "gap"),
        tuple(rows),
    )


def requirements(corpus: Corpus, lang: str) -> FlatTable:
    # Each requirement by key, the first of a key as `corpus.requirement` finds it (which scans the module:
    # once per row made the table quadratic in a module's requirements).
    by_key: dict[str, Requirement] = {}
    for req in corpus.requirements():
        by_key.setdefault(req.key, req)
    rows = [
        (
            r.citation.module,
            r.citation.requirement,
            r.citation.clause,
            r.citation.level,
            " ".join(by_key[r.citation.key].actors),
            "; ".join(ref.label for ref in r.refs),
        )
        for r in tables.requirement_refs(corpus)
    ]
    return FlatTable("requirements", ("module", "requirement", "clause", "level", "actors", "refs"), tuple(rows))


def modules(corpus: Corpus, lang: str) -> FlatTable:
    rows = [
        (r.source, r.target, " ".join(r.via), r.module_links, " ".join(r.requirement_links))
        for r in tables.module_relations(corpus)
    ]
    return FlatTable("modules", ("source", "target", "via", "module_links", "requirement_links"), tuple(rows))


def concepts(corpus: Corpus, lang: str) -> FlatTable:
    uses = tables.concept_uses(corpus)
    rows = [(u.concept, corpus.concepts[u.concept].term(lang).preferred, u.module, u.clause, u.links) for u in uses]
    rows += [
        (cid, corpus.concepts[cid].term(lang).preferred, None, None, 0) for cid in tables.unused_concepts(corpus, uses)
    ]
    return FlatTable("concepts", ("concept", "term", "module", "clause", "links"), tuple(rows))


def counts(corpus: Corpus, lang: str) -> FlatTable:
    rows = [
        (corpus.modules[r.module].series, r.module, r.actor, r.level, r.rrpl, r.count) for r in tables.counts(corpus)
    ]
    return FlatTable("counts", ("series", "module", "actor", "level", "rrpl", "count"), tuple(rows))


def translation_status(corpus: Corpus, lang: str) -> FlatTable:
    rows = [
        (c.module, c.lang, c.state, " ".join(c.changed), " ".join(c.unstamped))
        for row in status.matrix(corpus)
        for c in row
    ]
    return FlatTable("status", ("module", "language", "state", "changed", "unstamped"), tuple(rows))


TABLES: dict[str, Callable[[Corpus, str], FlatTable]] = {
    "provisions": provisions,
    "requirements": requirements,
    "modules": modules,
    "concepts": concepts,
    "counts": counts,
    "status": translation_status,
}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    return str(value)


def to_csv(table: FlatTable, lang: str) -> str:
    """UTF-8 with a byte order mark, so spreadsheet programs read Arabic, Russian and Chinese correctly.
    Text that a spreadsheet would run as a formula (= + - @ ...) gets a leading quote, as in the checklists."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([t(lang, HEADERS[c]) for c in table.columns])
    writer.writerows([safe_cell(_text(v)) if isinstance(v, str) else _text(v) for v in row] for row in table.rows)
    return "\ufeff" + buffer.getvalue()


def to_json(table: FlatTable, lang: str, compact: bool = False) -> str:
    data = {
        "format": "isacs-xref",
        "format_version": 1,
        "table": table.name,
        "lang": lang,
        "columns": list(table.columns),
        "rows": table.records(),
    }
    return json_text(data, compact)


def to_markdown(table: FlatTable, lang: str) -> str:
    def cell(value) -> str:
        return _text(value).replace("|", "\\|")

    out = ["| " + " | ".join(t(lang, HEADERS[c]) for c in table.columns) + " |", "|" + "---|" * len(table.columns)]
    out += ["| " + " | ".join(cell(v) for v in row) + " |" for row in table.rows]
    return "\n".join(out) + "\n"
