"""The cross-reference tables: provisions <-> requirements, module <-> module, concepts -> clauses, counts.

Each table is a tuple of frozen rows in a deterministic order (corpus order, then IDs), so the CSV and
JSON downloads of two builds of the same sources are byte-identical.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass

from ..core.languages import SOURCE_LANGUAGE
from ..core.model import LEVELS, Clause, Corpus, InstrumentRef, Module, Requirement


@dataclass(frozen=True)
class Citation:
    """One live requirement, as a row of a cross-reference."""

    module: str
    requirement: str
    clause: str  # clause number, "" when in an unnumbered clause
    level: str

    @property
    def key(self) -> str:
        return f"{self.module}#{self.requirement}"


@dataclass(frozen=True)
class ProvisionRow:
    instrument: str
    provision: str
    key: str  # InstrumentRef.key, the anchor on the instruments page
    topic: str
    citations: tuple[Citation, ...]

    @property
    def gap(self) -> bool:
        return not self.citations


@dataclass(frozen=True)
class RequirementRefsRow:
    citation: Citation
    refs: tuple[InstrumentRef, ...]


@dataclass(frozen=True)
class ModuleRelation:
    """`source` refers to `target`: through `related:` metadata and/or links in its English text."""

    source: str
    target: str
    related: bool  # listed in the source's `related:`
    module_links: int  # `module:` links in the English text
    requirement_links: tuple[str, ...]  # requirement IDs of `target` linked with `req:`

    @property
    def via(self) -> tuple[str, ...]:
        return tuple(
            kind
            for kind, on in (
                ("related", self.related),
                ("module", self.module_links > 0),
                ("req", bool(self.requirement_links)),
            )
            if on
        )


@dataclass(frozen=True)
class ConceptUse:
    concept: str
    module: str
    clause: str  # number, "" for unnumbered clauses and text before the first heading
    anchor: str  # clause anchor on the module page, "" before the first heading
    links: int  # `term:` links to the concept in that clause


@dataclass(frozen=True)
class CountRow:
    module: str
    actor: str
    level: str
    rrpl: int | None  # IATG only
    count: int


def live(module: Module) -> list[Requirement]:
    return [r for r in module.requirements if not r.is_tombstone]


def citation(req: Requirement) -> Citation:
    return Citation(req.module, req.id, req.clause or "", req.level or "")


def provisions(corpus: Corpus) -> tuple[ProvisionRow, ...]:
    """Every provision of every instrument with the requirements citing it; no citation = a gap."""
    cited: dict[str, list[Citation]] = {}
    for module in corpus.modules.values():
        for req in live(module):
            for ref in req.refs:
                cited.setdefault(ref.key, []).append(citation(req))
    rows = []
    for instrument in corpus.instruments.values():
        for provision in instrument.provisions.values():
            key = InstrumentRef(instrument.abbreviation, provision.label).key
            rows.append(
                ProvisionRow(instrument.abbreviation, provision.label, key, provision.topic, tuple(cited.get(key, ())))
            )
    return tuple(rows)


def requirement_refs(corpus: Corpus) -> tuple[RequirementRefsRow, ...]:
    """The reverse: every live requirement with the provisions it cites (none is listed too)."""
    return tuple(
        RequirementRefsRow(citation(req), req.refs) for module in corpus.modules.values() for req in live(module)
    )


def module_relations(corpus: Corpus) -> tuple[ModuleRelation, ...]:
    """Directed references between modules; a module's links to itself are not relations."""
    found: dict[tuple[str, str], dict] = {}

    def entry(source: str, target: str) -> dict:
        return found.setdefault((source, target), {"related": False, "module": 0, "req": []})

    for module in corpus.modules.values():
        for target in module.related:
            if target != module.id and target in corpus.modules:
                entry(module.id, target)["related"] = True
        for link in module.translations[SOURCE_LANGUAGE].links:
            target, _, rid = link.target.partition("#")
            if link.kind not in ("module", "req") or not target or target == module.id or target not in corpus.modules:
                continue
            if link.kind == "module":
                entry(module.id, target)["module"] += 1
            elif rid not in entry(module.id, target)["req"]:
                entry(module.id, target)["req"].append(rid)
    order = {mid: i for i, mid in enumerate(corpus.modules)}
    return tuple(
        ModuleRelation(s, t, v["related"], v["module"], tuple(sorted(v["req"])))
        for (s, t), v in sorted(found.items(), key=lambda kv: (order[kv[0][0]], order[kv[0][1]]))
    )


class ClauseIndex:
    """The clause of the English text holding each line of a module, found by bisection: a real module has
    hundreds of clauses and links, and walking the clause tree per link made the concepts page quadratic."""

    def __init__(self, module: Module) -> None:
        pairs = list(zip(module.translations[SOURCE_LANGUAGE].headings, module.all_clauses()))
        self.lines = [heading.location.line for heading, _ in pairs]  # increasing: headings in document order
        self.clauses = [clause for _, clause in pairs]

    def at(self, line: int) -> Clause | None:
        index = bisect.bisect_right(self.lines, line)
        return self.clauses[index - 1] if index else None


def concept_uses(corpus: Corpus) -> tuple[ConceptUse, ...]:
    """Where each concept is linked with `term:` in the English text, by clause."""
    counts: Counter = Counter()
    for module in corpus.modules.values():
        index = ClauseIndex(module)
        for link in module.translations[SOURCE_LANGUAGE].links:
            if link.kind == "term" and link.target in corpus.concepts:
                clause = index.at(link.location.line)
                counts[(link.target, module.id, clause.number if clause else "", clause.anchor if clause else "")] += 1
    module_order = {mid: i for i, mid in enumerate(corpus.modules)}
    concept_order = {cid: i for i, cid in enumerate(sorted(corpus.concepts))}
    clause_order = {(m.id, c.anchor): i for m in corpus.modules.values() for i, c in enumerate(m.all_clauses())}
    keys = sorted(counts, key=lambda k: (concept_order[k[0]], module_order[k[1]], clause_order.get((k[1], k[3]), -1)))
    return tuple(ConceptUse(*k, counts[k]) for k in keys)


def unused_concepts(corpus: Corpus, uses: tuple[ConceptUse, ...]) -> tuple[str, ...]:
    used = {u.concept for u in uses}
    return tuple(cid for cid in sorted(corpus.concepts) if cid not in used)


def counts(corpus: Corpus) -> tuple[CountRow, ...]:
    """Live requirements per module x actor x level (x RRPL for IATG); a requirement counts once per actor."""
    rows = []
    actor_order = {a: i for i, a in enumerate(corpus.actors)}
    for module in corpus.modules.values():
        tally: Counter = Counter()
        for req in live(module):
            for actor in req.actors:
                tally[(actor, req.level, req.rrpl if module.series == "iatg" else None)] += 1
        for (actor, level, rrpl), n in sorted(
            tally.items(),
            key=lambda kv: (
                actor_order.get(kv[0][0], len(actor_order)),
                kv[0][0],
                LEVELS.index(kv[0][1]),
                kv[0][2] or 0,
            ),
        ):
            rows.append(CountRow(module.id, actor, level, rrpl, n))
    return tuple(rows)


def level_totals(module: Module) -> dict[str, int]:
    """Live requirements of a module per level (each requirement once, whatever its actors)."""
    tally = Counter(r.level for r in live(module))
    return {level: tally.get(level, 0) for level in LEVELS}
