"""The document model: everything the site, checklists, tables and exports are derived from.

Frozen dataclasses, no behaviour beyond simple derived properties, no engine imports. Mappings keyed by
language are plain dicts built once by the loader and never mutated afterwards.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from .diagnostics import Location
from .languages import LANGUAGES

LEVELS: tuple[str, ...] = ("shall", "should", "may")
STATUSES: tuple[str, ...] = ("draft", "published", "superseded", "withdrawn")
SERIES: tuple[str, ...] = ("isacs", "iatg")
SERIES_NAMES = {"isacs": "ISACS", "iatg": "IATG"}


@dataclass(frozen=True)
class Link:
    """A `term:`, `module:`, `req:` or `instrument:` link written in a module body."""

    kind: str  # term | module | req | instrument
    target: str  # as written after the scheme, e.g. "isacs/05.31#r004"
    text: str
    location: Location


@dataclass(frozen=True)
class InstrumentRef:
    """A reference such as `ITI 8(a)` in a requirement's metadata."""

    instrument: str  # abbreviation, e.g. "ITI"
    provision: str  # label, e.g. "8(a)"

    @property
    def label(self) -> str:
        return f"{self.instrument} {self.provision}"

    @property
    def key(self) -> str:
        """Stable identifier for anchors and exports, e.g. `ITI-8a`."""
        return f"{self.instrument}-" + "".join(c for c in self.provision if c.isalnum() or c == ".")


@dataclass(frozen=True)
class RequirementText:
    """A requirement's wording in one language."""

    lang: str
    markdown: str  # as written, without the `{: #rNNN }` marker
    plain: str  # links reduced to their text, inline markup removed
    digest: str  # short hash of the normalised markdown; translations record the English one
    location: Location
    reading: str = ""  # the markdown with link destinations and code spans blanked (same offsets)


@dataclass(frozen=True)
class Requirement:
    id: str  # e.g. "r001", unique within its module and never reused
    module: str  # module ID, e.g. "isacs/05.30"
    level: str | None  # shall | should | may (None only for tombstones)
    actors: tuple[str, ...]
    refs: tuple[InstrumentRef, ...]
    rrpl: int | None  # IATG risk-reduction process level
    clause: str | None  # number of the clause holding the text, e.g. "5.1" (None for tombstones)
    texts: Mapping[str, RequirementText]
    location: Location  # the metadata entry in the English front matter
    withdrawn: str | None = None
    replaced_by: str | None = None  # "r005" or "isacs/05.31#r004"

    @property
    def key(self) -> str:
        return f"{self.module}#{self.id}"

    @property
    def is_tombstone(self) -> bool:
        return self.withdrawn is not None


@dataclass(frozen=True)
class Clause:
    """A heading of the clause tree; numbers are derived from heading position, never typed."""

    number: str  # "5", "5.1", "A", "A.1"; "" for unnumbered (foreword, introduction, bibliography)
    anchor: str  # language-independent HTML id: "clause-5-1", "annex-a", "foreword"
    depth: int  # 1 for `##`, 2 for `###`, 3 for `####` ...
    kind: str  # numbered | unnumbered | annex
    titles: Mapping[str, str]  # per language
    requirement_ids: tuple[str, ...]  # requirements directly in this clause, in order
    children: tuple[Clause, ...] = ()
    location: Location | None = None

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles.get("en", "")


@dataclass(frozen=True)
class Heading:
    """One heading as written in one language file (the flat form the clause tree is built from)."""

    level: int
    title: str
    kind: str  # numbered | unnumbered | annex
    location: Location
    anchor_hint: str | None = None  # explicit `#id` written by the editor, if any
    span: int = 1  # source lines: 1 for `## Title`, more for a setext heading (text lines and underline)


@dataclass(frozen=True)
class ProseLine:
    """One line of a paragraph of running text (not a requirement), as the parse read it."""

    line: int  # file line
    column: int  # 1-based file column where `text` starts (container markers and indentation are before it)
    text: str  # raw Markdown; `req:` links blanked out (their wording is another requirement's)


@dataclass(frozen=True)
class Translation:
    """One language file of a module (English included): text only, metadata lives in the English file."""

    lang: str
    path: str
    title: str
    body: str  # Markdown after the front matter
    body_line: int  # line number of the first body line in the file
    headings: tuple[Heading, ...]
    requirement_ids: tuple[str, ...]  # in order of appearance
    links: tuple[Link, ...]
    translation_of: Mapping[str, str] = field(default_factory=dict)  # requirement ID -> English digest
    prose: tuple[tuple[ProseLine, ...], ...] = ()  # paragraphs, list items, cells that are not requirements


@dataclass(frozen=True)
class Module:
    id: str  # "isacs/05.30"
    series: str  # isacs | iatg
    number: str  # "05.30"
    title: str  # English title
    edition: str
    version: str
    date: _dt.date | None
    status: str
    related: tuple[str, ...]
    instruments: tuple[str, ...]
    requirements: tuple[Requirement, ...]  # metadata order
    clauses: tuple[Clause, ...]  # tree
    translations: Mapping[str, Translation]  # lang -> file (includes "en")
    folder: str
    field_lines: Mapping[str, int] = field(default_factory=dict)  # front matter key -> line, for diagnostics

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.translations)

    def titles(self) -> dict[str, str]:
        return {lang: t.title for lang, t in self.translations.items()}

    def title_in(self, lang: str) -> str:
        """The module's title in `lang`, or the English title where it has no translation."""
        translation = self.translations.get(lang)
        return translation.title if translation is not None and translation.title else self.title

    def requirement(self, rid: str) -> Requirement | None:
        for req in self.requirements:
            if req.id == rid:
                return req
        return None

    def all_clauses(self):
        for clause in self.clauses:
            yield from clause.walk()

    @property
    def label(self) -> str:
        return f"{SERIES_NAMES.get(self.series, self.series.upper())} {self.number}"


@dataclass(frozen=True)
class Term:
    """A concept's designations and definition in one language."""

    lang: str
    designations: tuple[str, ...]
    definition: str
    notes: tuple[str, ...] = ()
    abbreviation: str | None = None

    @property
    def preferred(self) -> str:
        return self.designations[0]


@dataclass(frozen=True)
class Concept:
    id: str
    source: str | None  # module ID that defines it
    terms: Mapping[str, Term]
    location: Location
    field_lines: Mapping[str, int] = field(default_factory=dict)  # YAML key -> line, for diagnostics

    def term(self, lang: str) -> Term:
        return self.terms.get(lang) or self.terms["en"]


@dataclass(frozen=True)
class Provision:
    label: str  # "8(a)"
    topic: str  # short paraphrase, English


@dataclass(frozen=True)
class Instrument:
    abbreviation: str  # "ITI"
    titles: Mapping[str, str]
    year: int | None
    provisions: Mapping[str, Provision]
    location: Location

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles.get("en", self.abbreviation)


@dataclass(frozen=True)
class Actor:
    id: str
    labels: Mapping[str, str]
    location: Location

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get("en", self.id)


@dataclass(frozen=True)
class Corpus:
    root: str
    modules: Mapping[str, Module]  # by ID, sorted by series then number
    concepts: Mapping[str, Concept]
    instruments: Mapping[str, Instrument]
    actors: Mapping[str, Actor]
    # What the sources declare but the loader could not read (a file with errors), by ID -> that file. A reference
    # to it is neither resolved nor reported: the file's own error is the one to fix (no cascade of "unknown …").
    unread_modules: Mapping[str, str] = field(default_factory=dict)  # "isacs/05.30" -> its index.en.md (or folder)
    unread_concepts: Mapping[str, str] = field(default_factory=dict)  # concept ID (file name) -> its YAML file
    # "actors" / "instruments" -> its YAML file; "modules" / "concepts" -> that folder, when it is a link (E021)
    unread_registries: Mapping[str, str] = field(default_factory=dict)

    @property
    def languages(self) -> tuple[str, ...]:
        present = {lang for m in self.modules.values() for lang in m.translations}
        return tuple(lang for lang in LANGUAGES if lang in present)

    def requirement(self, key: str) -> Requirement | None:
        module_id, _, rid = key.partition("#")
        module = self.modules.get(module_id)
        return module.requirement(rid) if module else None

    def requirements(self):
        for module in self.modules.values():
            yield from module.requirements
