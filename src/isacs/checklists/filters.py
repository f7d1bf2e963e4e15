"""Which requirements a checklist holds: validated filters over the model.

Every value is checked against the corpus before anything is generated, so a typo gives one clear
message (and the CLI exits 2 without writing a file) instead of an empty or partial checklist.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.languages import LANGUAGES
from ..core.model import LEVELS, SERIES, Corpus, Module, Requirement

RRPL_LEVELS = (1, 2, 3)


class FilterError(ValueError):
    """A filter names something the corpus does not have, or selects nothing."""


@dataclass(frozen=True)
class Filters:
    lang: str = "en"
    modules: tuple[str, ...] = ()  # module IDs; empty = every module (of `series`, if given)
    series: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()  # shall | should | may; empty = all
    actors: tuple[str, ...] = ()  # a requirement matches if it addresses any of them
    rrpl: tuple[int, ...] = ()  # IATG risk-reduction process levels; ISACS requirements have none

    def as_dict(self) -> dict:
        return {
            "modules": list(self.modules),
            "series": list(self.series),
            "levels": list(self.levels),
            "actors": list(self.actors),
            "rrpl": list(self.rrpl),
        }


def _unknown(kind: str, value, known) -> FilterError:
    return FilterError(f"unknown {kind} '{value}' (known: {', '.join(str(k) for k in known) or 'none'})")


def validate(corpus: Corpus, filters: Filters) -> None:
    if filters.lang not in LANGUAGES:
        raise _unknown("language", filters.lang, LANGUAGES)
    for module_id in filters.modules:
        if module_id not in corpus.modules:
            raise _unknown("module", module_id, corpus.modules)
    for series in filters.series:
        if series not in SERIES:
            raise _unknown("series", series, SERIES)
    for level in filters.levels:
        if level not in LEVELS:
            raise _unknown("verbal form", level, LEVELS)
    for actor in filters.actors:
        if actor not in corpus.actors:
            raise _unknown("actor", actor, corpus.actors)
    for level in filters.rrpl:
        if level not in RRPL_LEVELS:
            raise _unknown("RRPL level", level, RRPL_LEVELS)


def matches(req: Requirement, filters: Filters) -> bool:
    if req.is_tombstone:
        return False
    if filters.levels and req.level not in filters.levels:
        return False
    if filters.actors and not set(req.actors) & set(filters.actors):
        return False
    return not filters.rrpl or req.rrpl in filters.rrpl


def selected_modules(corpus: Corpus, filters: Filters) -> list[Module]:
    """Modules in corpus order (series, then number), whatever order they were asked for in."""
    return [
        m
        for m in corpus.modules.values()
        if (not filters.modules or m.id in filters.modules) and (not filters.series or m.series in filters.series)
    ]


def select(corpus: Corpus, filters: Filters) -> list[tuple[Module, list[Requirement]]]:
    """(module, matching requirements) for every selected module with at least one match."""
    validate(corpus, filters)
    out = []
    for module in selected_modules(corpus, filters):
        reqs = [r for r in module.requirements if matches(r, filters)]
        if reqs:
            out.append((module, reqs))
    if not out:
        raise FilterError("no requirement matches the filters")
    return out
