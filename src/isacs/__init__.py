"""ISACS/IATG standards toolchain: the public, engine-independent API.

Everything a script or another tool needs is importable from here (`from isacs import load_corpus`);
the modules under `isacs.core` are the implementation and may be reorganised. The site (`isacs.render`,
`isacs.mkdocs_adapter`) and the command line (`isacs.cli`) are built on this API.

This module imports `isacs.core` only. The packages are layers that import one way (each package's
docstring says what it may import; tests/repo/test_layers.py checks it):

    i18n, templating, schemas  <-  core  <-  checklists, xref  <-  render  <-  mkdocs_adapter, cli
"""

from __future__ import annotations

from .core.diagnostics import EXCERPT_LIMIT, Diagnostic, Location, Severity, excerpt, has_errors, sort_key
from .core.export_json import FORMAT_VERSION, corpus_dict, module_dict, requirement_dict, to_json
from .core.files import write_atomically
from .core.languages import LANGUAGE_NAMES, LANGUAGES, RTL_LANGUAGES, SOURCE_LANGUAGE, is_rtl
from .core.loader import load_corpus
from .core.model import (
    LEVELS,
    SERIES,
    SERIES_NAMES,
    STATUSES,
    Actor,
    Clause,
    Concept,
    Corpus,
    Heading,
    Instrument,
    InstrumentRef,
    Link,
    Module,
    ProseLine,
    Provision,
    Requirement,
    RequirementText,
    Term,
    Translation,
)
from .core.stamp import stamp_text
from .core.validate import check_repository, errors_only, resolve_link, validate

__all__: list[str] = [
    # loading and checking
    "load_corpus",
    "check_repository",
    "validate",
    "resolve_link",
    "errors_only",
    # the document model
    "Corpus",
    "Module",
    "Clause",
    "Heading",
    "Requirement",
    "RequirementText",
    "InstrumentRef",
    "Link",
    "ProseLine",
    "Translation",
    "Concept",
    "Term",
    "Instrument",
    "Provision",
    "Actor",
    "LEVELS",
    "STATUSES",
    "SERIES",
    "SERIES_NAMES",
    # diagnostics
    "Diagnostic",
    "Location",
    "Severity",
    "has_errors",
    "sort_key",
    "excerpt",
    "EXCERPT_LIMIT",
    # languages
    "LANGUAGES",
    "SOURCE_LANGUAGE",
    "LANGUAGE_NAMES",
    "RTL_LANGUAGES",
    "is_rtl",
    # export
    "to_json",
    "corpus_dict",
    "module_dict",
    "requirement_dict",
    "FORMAT_VERSION",
    # translations
    "stamp_text",
    "write_atomically",
]
