"""Cross-references derived from the Corpus: tables, translation status, edition diff, OSCAL.

Engine-independent like the core: every function takes a Corpus and returns frozen dataclasses or
plain data; the CLI and the site render them.
"""
