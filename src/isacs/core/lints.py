"""Editorial lints (warnings) for editors and translators of standards, run on a loaded Corpus.

W104  a translated requirement does not use the verbal form of its level (table: isacs/i18n/verbal_forms.yaml)
W105  an English `shall` / `should` clause in running text, outside any requirement paragraph
W106  the text of a `[text](term:id)` link is not a designation of that concept in the file's language
W107  a glossary concept no module links to

Every rule is a function Corpus -> Diagnostics, registered in validate.RULES through `LINT_RULES`.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from ruamel.yaml import YAML

from . import yamlio
from .diagnostics import Diagnostic, Location, excerpt
from .languages import SOURCE_LANGUAGE
from .model import Corpus, Link, Translation
from .sources import read_text

LEVELS = ("shall", "should", "may")
LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish", "ar": "Arabic", "ru": "Russian", "zh": "Chinese"}
FORMS_FILE = "verbal_forms.yaml"
_LIST_SEPARATOR = re.compile(r"\s*[,،、，]\s*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'"})

_OPEN_QUOTES = "\"'“‘«‹„"
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


# --- text folding: case, accents and diacritics ignored, offsets kept ------------------------------------

# Combining marks (accents, Cyrillic breve, Arabic harakat, shadda, superscript alef) and the tatweel.
_MARKS = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u0640\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)


def fold(text: str) -> str:
    """Case-, accent- and diacritic-insensitive form of `text` (ё = е, يتعيّن = يتعين, ’ = ')."""
    if text.isascii():
        return text.lower()
    if "\u2019" in text or "\u2018" in text or "\u02bc" in text or "\u00b4" in text:
        text = text.translate(_APOSTROPHES)
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).casefold()


def fold_mapped(text: str) -> tuple[str, list[int] | None]:
    """`fold(text)` and, for each of its characters, its index in `text` (None: the same index). Only used
    to place a warning: folding character by character is slower."""
    if text.isascii():
        return text.lower(), None
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        folded = fold(ch)
        out.append(folded)
        index.extend([i] * len(folded))
    return "".join(out), index


# --- the verbal-form table ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormHit:
    start: int  # offsets in the scanned (unfolded) text
    end: int
    kind: str  # "shall", "shall not", "should", ..., "may not"

    @property
    def level(self) -> str:
        return self.kind.split()[0]


@dataclass(frozen=True)
class FormTable:
    lang: str
    forms: dict  # kind ("shall", "shall not", ...) -> tuple of forms as written in the table
    pattern: re.Pattern
    kinds: dict  # folded form -> kind, or None for a word that only looks like a form
    kinds_as_written: dict  # lower-cased form as written in the table -> kind (or None)
    words: bool  # forms are whole words (every language but Chinese)
    by_level: dict  # level -> pattern of its forms and of the phrases that contain one (fewer to try)
    by_level_as_written: dict  # the same, forms only lower-cased: a first look without folding the text

    def scan(self, text: str, positions: bool = True, stop_at: str | None = None) -> list[FormHit]:
        """The forms in `text`, in order; `positions=False` leaves start/end in folded-text offsets (cheaper);
        `stop_at`: only whether there is a form of that level matters (searched alone, first one only)."""
        folded, index = fold_mapped(text) if positions else (fold(text), None)
        hits = []
        for m in (self.by_level[stop_at] if stop_at else self.pattern).finditer(folded):
            # The word boundary before a form is checked here, not in the pattern: a pattern starting with a
            # look-behind is tried at every character, one starting with the forms skips to their first letters.
            if self.words and m.start() > 0 and _is_word(folded[m.start() - 1]):
                continue
            kind = self.kinds.get(" ".join(m.group("form").split()))
            if kind is None:
                continue
            start, end = m.start("form"), m.end("form")
            if index is not None:
                start, end = index[start], index[end - 1] + 1
            hits.append(FormHit(start, end, kind))
            if kind.split()[0] == stop_at:
                break
        return hits

    def says(self, reading: str, level: str) -> tuple[bool, FormHit | None]:
        """Whether `reading` (a requirement's words: RequirementText.reading, link destinations and code spans
        blanked by the parse) uses a form of `level` (a negative one included); else the first other form
        found (its offsets those of the text)."""
        text = reading
        # Most texts have the form spelt as in the table: found in the lower-cased text, no folding needed.
        lowered = text.casefold()
        for m in self.by_level_as_written[level].finditer(lowered):
            if not (self.words and m.start() > 0 and _is_word(lowered[m.start() - 1])):
                written = " ".join(m.group("form").split())
                if (self.kinds_as_written.get(written) or "").split()[:1] == [level]:
                    return True, None
        hits = self.scan(text, False, stop_at=level)
        if any(hit.level == level for hit in hits):
            return True, None
        hits = self.scan(reading)  # what it says instead, where
        return False, hits[0] if hits else None


def _split(value) -> list[str]:
    return [item for item in _LIST_SEPARATOR.split(str(value or "").strip()) if item]


@lru_cache(maxsize=1)
def _raw_table() -> dict:
    text = resources.files("isacs.i18n").joinpath(FORMS_FILE).read_text("utf-8")
    return YAML(typ="safe").load(text) or {}


@cache
def form_table(lang: str) -> FormTable | None:
    """The verbal forms of `lang` from verbal_forms.yaml; None for a language the table does not cover."""
    raw = _raw_table()
    forms: dict[str, tuple[str, ...]] = {}
    kinds: dict[str, str | None] = {}
    written: dict[str, str | None] = {}
    for level in LEVELS:
        for kind in (level, f"{level} not"):
            words = _split((raw.get(f"vf_{kind.replace(' ', '_')}") or {}).get(lang))
            forms[kind] = tuple(words)
            for word in words:
                kinds.setdefault(" ".join(fold(word).split()), kind)
                written.setdefault(" ".join(word.casefold().split()), kind)
    if not forms["shall"]:
        return None
    for word in _split((raw.get("vf_not_a_form") or {}).get(lang)):
        kinds.setdefault(" ".join(fold(word).split()), None)
        written.setdefault(" ".join(word.casefold().split()), None)
    words = (raw.get("vf_match") or {}).get(lang, "words") != "characters"
    prefixes = "|".join(re.escape(fold(p)) for p in _split((raw.get("vf_prefixes") or {}).get(lang))) if words else ""

    def compile_(phrases) -> re.Pattern:
        # Longest first: at one position the alternation takes the first that matches (不应 before 应).
        alternatives = "|".join(
            r"\s+".join(re.escape(part) for part in phrase.split()) for phrase in sorted(phrases, key=len, reverse=True)
        )
        return re.compile(
            (f"(?:{prefixes})?" if prefixes else "") + f"(?P<form>{alternatives})" + (r"(?!\w)" if words else "")
        )

    def per_level(table: dict) -> dict:
        out = {}
        for level in LEVELS:
            own = [phrase for phrase, kind in table.items() if kind and kind.split()[0] == level]
            # ... and every phrase holding one of them, so that 可能 or لا يجوز is still not read as `may`
            out[level] = compile_([phrase for phrase in table if any(form in phrase for form in own)])
        return out

    return FormTable(lang, forms, compile_(kinds), kinds, written, words, per_level(kinds), per_level(written))


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _position(text_location: Location, markdown: str, offset: int, first_indent: int) -> Location:
    """File line and column of `offset` in a requirement's markdown (its lines joined, the first one stripped)."""
    line = markdown.count("\n", 0, offset)
    col = offset - (markdown.rfind("\n", 0, offset) + 1) + 1
    return Location(text_location.path, text_location.line + line, col + (first_indent if line == 0 else 0))


def _indent(translation: Translation, lineno: int, cache: dict) -> int:
    lines = cache.get(translation.path)
    if lines is None:
        lines = cache[translation.path] = translation.body.split("\n")
    i = lineno - translation.body_line
    raw = lines[i] if 0 <= i < len(lines) else ""
    return len(raw) - len(raw.lstrip())


def _forms_list(table: FormTable, level: str, limit: int = 4) -> str:
    forms = table.forms[level]
    shown = ", ".join(f"'{f}'" for f in forms[:limit])
    return shown + (", …" if len(forms) > limit else "")


def check_translated_forms(corpus: Corpus) -> Iterator[Diagnostic]:
    """W104: a translation's requirement text uses a form of the requirement's level (shall/should/may)."""
    lines_cache: dict = {}
    for module in corpus.modules.values():
        for req in module.requirements:
            if req.level is None:
                continue
            for lang, text in req.texts.items():
                if lang == SOURCE_LANGUAGE:
                    continue
                table = form_table(lang)
                if table is None:
                    continue
                ok, other = table.says(text.reading or text.markdown, req.level)
                if ok:
                    continue
                name = LANGUAGE_NAMES.get(lang, lang)
                translation = module.translations.get(lang)
                indent = _indent(translation, text.location.line, lines_cache) if translation else 0
                if other is not None:
                    where = _position(text.location, text.markdown, other.start, indent)
                    found = f"; it says '{excerpt(text.markdown[other.start : other.end])}', a form of '{other.kind}'"
                else:
                    where, found = text.location, "; it uses no verbal form"
                yield Diagnostic(
                    where,
                    "W104",
                    f"{excerpt(req.id)} is a '{req.level}' requirement but its {name} "
                    f"text does not use {_forms_list(table, req.level)}{found}",
                )


# --- W105: English normative wording outside requirements ------------------------------------------------


def check_normative_prose(corpus: Corpus) -> Iterator[Diagnostic]:
    """W105: `shall` / `should` in English text that is not a requirement paragraph (first one per sentence)."""
    table = form_table(SOURCE_LANGUAGE)
    if table is None:
        return
    for module in corpus.modules.values():
        english = module.translations.get(SOURCE_LANGUAGE)
        if english is None:
            continue
        # The parse's running text: requirements, headings, code and blocks with a misplaced marker (E016
        # says so, once) are not in it, and `req:` links are blanked (they quote another requirement).
        for paragraph in english.prose:
            text = "\n".join(line.text for line in paragraph)
            if "shall" not in text.lower() and "should" not in text.lower():
                continue
            scanned = text
            last_sentence = -1
            for hit in table.scan(scanned):
                if hit.level not in ("shall", "should"):
                    continue
                if hit.start > 0 and scanned[hit.start - 1] in _OPEN_QUOTES:
                    continue  # the word is quoted, e.g. `"shall" indicates a requirement`
                sentence = len(_SENTENCE_END.findall(scanned, 0, hit.start))
                if sentence == last_sentence:
                    continue
                last_sentence = sentence
                line = scanned.count("\n", 0, hit.start)
                col = hit.start - (scanned.rfind("\n", 0, hit.start) + 1)
                word = scanned[hit.start : hit.end]
                yield Diagnostic(
                    Location(english.path, paragraph[line].line, paragraph[line].column + col),
                    "W105",
                    f"'{excerpt(word)}' in text that is not a requirement: make the paragraph a "
                    "requirement ({: #rNNN } and metadata) or reword it as information",
                )


# --- W106: term link text and the concept's designations -------------------------------------------------

_WORD = re.compile(r"\w+")
_AR_CLITICS = re.compile(r"^(?:[وف])?(?:بال|كال|لل|ال|[بلك](?=ال))?")


def _stem(word: str) -> str:
    return word if len(word) <= 3 else word[: max(len(word) - 2, 3)]


def _same_word(a: str, b: str) -> bool:
    """Equal, or one an inflection of the other: each starts with the other's stem (its last two letters off)."""
    return a == b or b.startswith(_stem(a)) or a.startswith(_stem(b))


def _run_at(words: list[str], run: list[str], start: int) -> bool:
    return all(_same_word(w, r) for w, r in zip(words[start : start + len(run)], run))


def designates(lang: str, text: str, designation: str) -> bool:
    """Whether link text `text` is `designation` or an inflection of it, conservatively (see W106)."""
    t, d = fold(text), fold(designation)
    if lang == "zh":
        t, d = "".join(t.split()), "".join(d.split())
        return bool(t) and (d in t or t in d)
    if lang == "ar":
        t = " ".join(_AR_CLITICS.sub("", w) for w in _WORD.findall(t))
        d = " ".join(_AR_CLITICS.sub("", w) for w in _WORD.findall(d))
        return bool(t) and (d in t or t in d)
    tw, dw = _WORD.findall(t), _WORD.findall(d)
    if not tw or not dw:
        return False
    # The designation, inflected, somewhere in the text ("the stockpile", "armes de petit calibre") ...
    if len(dw) <= len(tw) and any(_run_at(tw, dw, i) for i in range(len(tw) - len(dw) + 1)):
        return True
    # ... or the text, inflected, as the start of the designation ("arme" for "arme de petit calibre").
    return len(tw) < len(dw) and _run_at(dw, tw, 0)


def check_term_link_text(corpus: Corpus) -> Iterator[Diagnostic]:
    """W106: `[text](term:id)` where `text` is no designation (or inflection) of the concept in that language.
    Concepts with no designation in the file's language are skipped: comparing with English would flag every
    correct translation, and the missing designation is the glossary's gap, not the text's."""
    seen: dict[tuple[str, str, str], str | None] = {}  # the same words link the same concept many times
    for module in corpus.modules.values():
        for lang, translation in module.translations.items():
            for link in translation.links:
                if link.kind != "term":
                    continue
                key = (lang, link.text, link.target)
                problem = seen[key] if key in seen else seen.setdefault(key, _term_link_problem(corpus, lang, link))
                if problem:
                    yield Diagnostic(link.location, "W106", problem)


def _term_link_problem(corpus: Corpus, lang: str, link: Link) -> str | None:
    concept = corpus.concepts.get(link.target)
    term = concept.terms.get(lang) if concept else None
    if term is None or not term.designations:
        return None  # unknown concept (E010) or no designation in this language
    text = re.sub(r"[*_`]", "", link.text).strip()
    if not text:
        return None
    english = concept.terms.get(SOURCE_LANGUAGE)
    abbreviations = {fold(a) for a in (term.abbreviation, english.abbreviation if english else None) if a}
    if fold(text) in abbreviations or any(designates(lang, text, d) for d in term.designations):
        return None
    name = LANGUAGE_NAMES.get(lang, lang)
    return (
        f"term link text '{excerpt(text)}' is not a designation of '{excerpt(concept.id)}' in {name} "
        f"({excerpt(', '.join(term.designations))}): check the link target, or add the wording to "
        f"{concept.location.path} as a designation"
    )


# --- W107: concepts no module links to -------------------------------------------------------------------


def check_unused_concepts(corpus: Corpus) -> Iterator[Diagnostic]:
    """W107: a glossary concept that no `term:` link of any module, in any language, points to. Not checked
    while a module could not be read (errors of its own): its links are unknown, every concept it uses would
    show as unused."""
    if getattr(corpus, "unread_modules", None) or "modules" in getattr(corpus, "unread_registries", {}):
        return
    used = {
        link.target
        for module in corpus.modules.values()
        for translation in module.translations.values()
        for link in translation.links
        if link.kind == "term"
    }
    for concept in corpus.concepts.values():
        if concept.id not in used:
            yield Diagnostic(
                Location(concept.location.path, 1, 1),
                "W107",
                f"concept '{excerpt(concept.id)}' is not linked from any module: link it where a "
                f"module uses the term ([text](term:{excerpt(concept.id)})), or remove it",
            )


# --- accepted exceptions ------------------------------------------------------------------------------------

EXCEPTIONS_FILE = "lint-exceptions.yaml"
LINT_CODES = ("W104", "W105", "W106", "W107")


def _read_exceptions(root: str) -> tuple[list[tuple[str, str, str]], list[Diagnostic]]:
    """The entries of <root>/lint-exceptions.yaml as (code, file, text), and the problems of the file itself.

    The file is a source like the others: read through `sources.read_text` (no link followed, size-capped)
    and `yamlio.load_source` (no anchors, aliases or tags)."""
    path = Path(root) / EXCEPTIONS_FILE
    problems: list[Diagnostic] = []
    if not os.path.lexists(path):
        return [], problems
    text = read_text(path, EXCEPTIONS_FILE, problems)
    data = yamlio.load_source(text, EXCEPTIONS_FILE, 0, problems) if text is not None else None
    entries = []
    if data is None:
        return entries, problems
    if not isinstance(data, list):
        return entries, [Diagnostic(Location(EXCEPTIONS_FILE), "E004", "expected a list of {code, file, text} entries")]
    for i, entry in enumerate(data):
        pos = yamlio.position(data, (i,))
        where = Location(EXCEPTIONS_FILE, pos[0] + 1 if pos else 1, pos[1] + 1 if pos else 1)
        if (
            not isinstance(entry, dict)
            or set(entry) != {"code", "file", "text"}
            or str(entry.get("code")) not in LINT_CODES
        ):
            problems.append(
                Diagnostic(
                    where,
                    "E004",
                    "an exception is {code: W104|W105|W106|W107, file: <path>, text: <what the warning quotes>}",
                )
            )
            continue
        entries.append((str(entry["code"]), str(entry["file"]), str(entry["text"])))
    return entries, problems


def _accepted(diagnostic: Diagnostic, entries) -> bool:
    return any(
        code == diagnostic.code and path == diagnostic.location.path and text in diagnostic.message
        for code, path, text in entries
    )


def _unless_accepted(rule):
    def checked(corpus: Corpus) -> Iterator[Diagnostic]:
        entries, _ = _read_exceptions(corpus.root)
        return (d for d in rule(corpus) if not _accepted(d, entries))

    checked.__name__ = checked.__qualname__ = rule.__name__
    checked.__doc__ = rule.__doc__
    return checked


def check_lint_exceptions(corpus: Corpus) -> Iterator[Diagnostic]:
    """The exceptions file itself: E003/E004/E021–E024 like any source."""
    yield from _read_exceptions(corpus.root)[1]


LINT_RULES = (check_lint_exceptions,) + tuple(
    _unless_accepted(rule)
    for rule in (check_translated_forms, check_normative_prose, check_term_link_text, check_unused_concepts)
)
