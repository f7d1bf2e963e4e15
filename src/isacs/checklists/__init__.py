"""Checklists for trainers and self-assessment, derived from the document model.

`filters` validates and applies the selection (modules, series, language, verbal form, actor, RRPL);
`rows` turns the selection into a `Checklist` (one `ModuleChecklist` per module, rows in document order);
`xlsx`, `csvfile`, `jsonfile` and `pdf` write it; `stamp` says which sources and when. `formats.render`
is the one entry point the CLI and the site use.
"""
