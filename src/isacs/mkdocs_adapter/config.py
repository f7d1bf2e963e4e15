"""Options of the `isacs` mkdocs plugin (mkdocs.yml: plugins: - isacs: {...})."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class IsacsConfig(Config):
    root = opt.Optional(opt.Type(str))
    """Repository holding `modules/` and `glossary/`; default: the folder of mkdocs.yml."""

    staging_dir = opt.Type(str, default=".cache/isacs/docs")
    """Where the rendered Markdown pages are written for mkdocs to build (relative to mkdocs.yml)."""

    search = opt.Choice(("pagefind", "none"), default="pagefind")
    """Per-language search: `pagefind` indexes the built site (one index per language); `none` skips it."""

    strict_sources = opt.Type(bool, default=True)
    """Fail the build when `isacs check` finds errors in the sources (warnings are logged)."""

    offline = opt.Type(bool, default=True)
    """Offline reading: a service worker (`sw.js` at the site root) keeps the pages each reader opens, the
    theme and that language's search files. `false` writes a worker that deletes its caches and unregisters
    itself, so readers who had it lose it at their next visit (mkdocs_adapter/offline.py)."""
