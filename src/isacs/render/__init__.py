"""Render phase: turn the model and the collected results into per-language Markdown pages and files.

`site.render_site(corpus, collected, languages)` is a pure function: what needs the outside world (git,
Chromium, caches) was made before by the collect step (`isacs.checklists.collect`). Each page type has
its module (`module_page`, `index_pages`, `glossary_page`, `xref_pages`, `xref_instruments`,
`assessment`, `downloads`, `finder`), each yielding `generated.GeneratedFile`s.

Engine-independent: the output is plain Markdown (with attr_list/md_in_html) plus files, written to a
staging folder that any Python-Markdown based engine (mkdocs today, Zensical tomorrow) can build.

May import: `isacs.core`, `isacs.checklists`, `isacs.xref`, `isacs.i18n`, `isacs.templating`, the standard
library and its libraries (Python-Markdown, nh3, Jinja2). Never mkdocs_adapter or cli, nor mkdocs.
"""
