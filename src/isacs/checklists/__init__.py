"""Checklists for trainers and self-assessment, derived from the document model.

`filters` validates and applies the selection (modules, series, language, verbal form, actor, RRPL);
`rows` turns the selection into a `Checklist` (one `ModuleChecklist` per module, rows in document order);
`xlsx`, `csvfile`, `jsonfile` and `pdf` write it (`html` is the printable document, `chromium` prints it,
`pdfpages` cuts and stamps the PDFs); `stamp` says which sources and when. `formats.render` is the one
entry point of the CLI. The package also makes the other downloadable file of a module, its PDF:
`module_print` writes a module's printable document from the model, `module_pdf` prints them all in one
batch. `collect` is the collect step of a site build: the stamp, every checklist file and every module PDF
of every language, made in one batch (`downloads.build`, `module_pdf.build`) before the site is rendered.

May import: `isacs.core`, `isacs.i18n` (interface strings), `isacs.templating` (the printable HTML), the
standard library and its libraries. Never render, mkdocs_adapter or cli; nor xref, which imports it.
"""
