"""Checklists for trainers and self-assessment, derived from the document model.

`filters` validates and applies the selection (modules, series, language, verbal form, actor, RRPL);
`rows` turns the selection into a `Checklist` (one `ModuleChecklist` per module, rows in document order);
`xlsx`, `csvfile`, `jsonfile` and `pdf` write it (`html` is the printable document, `chromium` prints it,
`pdfpages` cuts and stamps the PDFs); `stamp` says which sources and when. `formats.render` is the one
entry point of the CLI; the site makes every file in one batch with `downloads.build`.
"""
