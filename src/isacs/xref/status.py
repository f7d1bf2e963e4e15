"""Translation status: module x language = complete, stale or missing.

A translation is complete when every live English requirement carries, in `translation_of`, the digest
of the English text as it is now. Otherwise it is stale, and the requirements are listed: `changed`
(English changed since the recorded digest) or `unstamped` (no digest recorded, so nobody has confirmed
the translation matches the current English).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.languages import LANGUAGES, SOURCE_LANGUAGE
from ..core.model import Corpus, Module

STATES = ("complete", "stale", "missing")
TRANSLATED_LANGUAGES = tuple(lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE)


@dataclass(frozen=True)
class StatusCell:
    module: str
    lang: str
    state: str  # complete | stale | missing
    changed: tuple[str, ...] = ()  # requirement IDs whose English changed since the recorded digest
    unstamped: tuple[str, ...] = ()  # requirement IDs with no recorded digest

    @property
    def stale_requirements(self) -> tuple[str, ...]:
        return tuple(sorted(self.changed + self.unstamped))


def cell(module: Module, lang: str) -> StatusCell:
    translation = module.translations.get(lang)
    if translation is None:
        return StatusCell(module.id, lang, "missing")
    changed, unstamped = [], []
    for req in module.requirements:
        english = req.texts.get(SOURCE_LANGUAGE)
        if req.is_tombstone or english is None:
            continue
        recorded = translation.translation_of.get(req.id)
        if recorded is None:
            unstamped.append(req.id)
        elif recorded != english.digest:
            changed.append(req.id)
    state = "stale" if changed or unstamped else "complete"
    return StatusCell(module.id, lang, state, tuple(changed), tuple(unstamped))


def matrix(corpus: Corpus, languages: tuple[str, ...] = TRANSLATED_LANGUAGES) -> tuple[tuple[StatusCell, ...], ...]:
    """One row per module (corpus order), one cell per language."""
    return tuple(tuple(cell(module, lang) for lang in languages) for module in corpus.modules.values())


def summary(rows) -> dict[str, int]:
    counts = {state: 0 for state in STATES}
    for row in rows:
        for c in row:
            counts[c.state] += 1
    return counts
