"""The mkdocs adapter: the mkdocs plugin (and, with `isacs build-site`, the only code that imports mkdocs).
It loads, collects and renders once, stages the rendered pages as mkdocs' docs folder, and fixes what stock
mkdocs-static-i18n gets wrong for us (404s, search).

The top layer, beside cli: may import every package below it (core, checklists, xref, render, i18n);
nothing but `isacs build-site` imports it.
"""
