"""Cross-file rules, run on a loaded Corpus: every reference must resolve, wording must match levels,
translations must not be stale. File-level problems (encoding, YAML, schema, IDs) come from the loader."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .diagnostics import Diagnostic, Location, excerpt, sort_key
from .lints import LINT_RULES
from .loader import load_corpus
from .model import Corpus, Module
from .source_policy import check_glossary

LEVEL_WORD = {level: re.compile(rf"\b{level}\b", re.IGNORECASE) for level in ("shall", "should", "may")}


def resolve_link(corpus: Corpus, module: Module, kind: str, target: str) -> str | None:
    """None if the link target exists (or cannot be known: it is in a file with errors of its own), else a message
    saying what is unknown."""
    if kind == "term":
        return None if _known_concept(corpus, target) else f"unknown glossary term '{excerpt(target)}'"
    if kind == "module":
        return None if _known_module(corpus, target) else f"unknown module '{excerpt(target)}'"
    if kind == "req":
        module_id, sep, rid = target.partition("#")
        if not sep:
            return f"requirement link '{excerpt(target)}' needs '#rNNN' (e.g. req:isacs/05.31#r004 or req:#r004)"
        other = corpus.modules.get(module_id or module.id)
        if other is None and _unread_module(corpus, module_id or module.id):
            return None  # its requirement list is unknown: say nothing rather than cascade
        if other is None:
            return f"unknown module '{excerpt(module_id)}' in requirement link"
        req = other.requirement(rid)
        if req is None:
            return f"unknown requirement '{excerpt(rid)}' in {other.id}"
        return None
    if kind == "instrument":
        if "instruments" in corpus.unread_registries:
            return None
        abbr, _, provision = target.partition("#")
        instrument = corpus.instruments.get(abbr)
        if instrument is None:
            return f"unknown instrument '{excerpt(abbr)}'"
        if provision and provision not in instrument.provisions:
            return f"unknown provision '{excerpt(provision)}' of {excerpt(abbr)}"
        return None
    return f"unknown link scheme '{excerpt(kind)}'"


def _unread_module(corpus: Corpus, module_id: str) -> bool:
    """A module whose folder exists but whose English file could not be read: its contents are unknown."""
    return module_id in corpus.unread_modules or "modules" in corpus.unread_registries


def _known_module(corpus: Corpus, module_id: str) -> bool:
    return module_id in corpus.modules or _unread_module(corpus, module_id)


def _known_concept(corpus: Corpus, concept_id: str) -> bool:
    return (
        concept_id in corpus.concepts or concept_id in corpus.unread_concepts or "concepts" in corpus.unread_registries
    )


def check_links(corpus: Corpus) -> Iterator[Diagnostic]:
    for module in corpus.modules.values():
        for translation in module.translations.values():
            for link in translation.links:
                problem = resolve_link(corpus, module, link.kind, link.target)
                if problem:
                    yield Diagnostic(link.location, "E010", problem)


def check_metadata_refs(corpus: Corpus) -> Iterator[Diagnostic]:
    for module in corpus.modules.values():
        en_path = module.translations["en"].path
        for related in module.related:
            if not _known_module(corpus, related):
                yield Diagnostic(
                    Location(en_path, module.field_lines.get("related", 1)),
                    "E014",
                    f"related module '{excerpt(related)}' does not exist",
                )
        instruments_known = "instruments" not in corpus.unread_registries
        actors_known = "actors" not in corpus.unread_registries
        for abbr in module.instruments:
            if instruments_known and abbr not in corpus.instruments:
                yield Diagnostic(
                    Location(en_path, module.field_lines.get("instruments", 1)),
                    "E011",
                    f"unknown instrument '{excerpt(abbr)}' in `instruments:`",
                )
        for req in module.requirements:
            for actor in req.actors:
                if actors_known and actor not in corpus.actors:
                    yield Diagnostic(
                        req.location,
                        "E012",
                        f"{excerpt(req.id)}: unknown actor '{excerpt(actor)}' (see glossary/actors.yaml)",
                    )
            for ref in req.refs if instruments_known else ():
                instrument = corpus.instruments.get(ref.instrument)
                if instrument is None:
                    yield Diagnostic(
                        req.location,
                        "E011",
                        f"{excerpt(req.id)}: unknown instrument '{excerpt(ref.instrument)}' in '{excerpt(ref.label)}'",
                    )
                elif ref.provision not in instrument.provisions:
                    yield Diagnostic(
                        req.location,
                        "E011",
                        f"{excerpt(req.id)}: {excerpt(ref.instrument)} has no "
                        f"provision '{excerpt(ref.provision)}' (see "
                        "glossary/instruments.yaml)",
                    )
            if req.rrpl is not None and module.series != "iatg":
                yield Diagnostic(req.location, "E004", f"{excerpt(req.id)}: `rrpl` applies to IATG modules only")
            if req.rrpl is None and module.series == "iatg" and not req.is_tombstone:
                yield Diagnostic(req.location, "E004", f"{excerpt(req.id)}: IATG requirements need `rrpl` (1, 2 or 3)")
            if req.replaced_by:
                target = req.replaced_by if "#" in req.replaced_by else f"{module.id}#{req.replaced_by}"
                if corpus.requirement(target) is None and not _unread_module(corpus, target.partition("#")[0]):
                    yield Diagnostic(
                        req.location,
                        "E010",
                        f"{excerpt(req.id)}: replaced_by '{excerpt(req.replaced_by)}' does not exist",
                    )


def check_concepts(corpus: Corpus) -> Iterator[Diagnostic]:
    for concept in corpus.concepts.values():
        if concept.source and not _known_module(corpus, concept.source):
            where = Location(concept.location.path, concept.field_lines.get("source", concept.location.line))
            yield Diagnostic(
                where,
                "E014",
                f"concept '{excerpt(concept.id)}': source module '{excerpt(concept.source)}' does not exist",
            )


def check_wording(corpus: Corpus) -> Iterator[Diagnostic]:
    """ISO verbal forms: the English text of a `shall` requirement says `shall`, and so on."""
    for req in corpus.requirements():
        en = req.texts.get("en")
        if en is None or req.level is None:
            continue
        if not LEVEL_WORD[req.level].search(en.plain):
            yield Diagnostic(
                en.location,
                "W101",
                f"{excerpt(req.id)} is a '{req.level}' requirement but its text does not say '{req.level}'",
            )


def check_staleness(corpus: Corpus) -> Iterator[Diagnostic]:
    """A stamped translation whose English requirement text has changed since."""
    for module in corpus.modules.values():
        for lang, translation in module.translations.items():
            if lang == "en" or not translation.translation_of:
                continue
            for req in module.requirements:
                stamped = translation.translation_of.get(req.id)
                if "en" not in req.texts or stamped is None or stamped == req.texts["en"].digest:
                    continue
                # At the translated paragraph to revise (the file's first line if it was deleted since).
                text = req.texts.get(lang)
                yield Diagnostic(
                    text.location if text else Location(translation.path),
                    "W103",
                    f"stale translation: the English text of {excerpt(req.id)} changed since this file "
                    "was stamped; update it, then run `isacs stamp` on it",
                )


RULES = (
    check_links,
    check_metadata_refs,
    check_concepts,
    check_wording,
    check_staleness,
    check_glossary,
    *LINT_RULES,
)  # W108 (commonmark_lint) comes with the load: the parse of each body finds it


def validate(corpus: Corpus) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for rule in RULES:
        out.extend(rule(corpus))
    return out


def check_repository(root) -> tuple[Corpus, list[Diagnostic]]:
    corpus, problems = load_corpus(root)
    problems = list(problems) + validate(corpus)
    return corpus, sorted(set(problems), key=sort_key)


def errors_only(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity.value == "error"]
