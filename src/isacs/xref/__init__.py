"""Cross-references derived from the Corpus: tables, translation status, edition diff, OSCAL.

Engine-independent like the core: every function takes a Corpus and returns frozen dataclasses or
plain data; the CLI and the site render them.

May import: `isacs.core`, `isacs.i18n` (interface strings), `isacs.checklists` (one way: the CSV cell
guard), the standard library and its libraries. Never render, mkdocs_adapter or cli.
"""
