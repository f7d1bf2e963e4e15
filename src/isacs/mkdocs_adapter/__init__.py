"""The mkdocs adapter: the only code that imports mkdocs. It stages the core's rendered pages as
mkdocs' docs folder and fixes what stock mkdocs-static-i18n gets wrong for us (404s, search)."""
