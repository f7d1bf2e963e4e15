"""The `isacs` mkdocs plugin: a thin adapter over the engine-independent core.

Collect (load + validate the sources once) then render (every page, every language) in `on_config`;
mkdocs then builds the staged pages. mkdocs-static-i18n re-runs every hook once per language, so state
that depends on the language is kept in dicts keyed by language.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from ..core.diagnostics import Severity
from ..core.languages import LANGUAGES
from ..core.validate import check_repository
from ..render.site import navigation, render_site
from .config import IsacsConfig
from .postbuild import finish_site, keep_404
from .staging import sync_staging

log = logging.getLogger("mkdocs.plugins.isacs")


class IsacsPlugin(BasePlugin[IsacsConfig]):
    def __init__(self) -> None:
        self.staged: Path | None = None
        self.nav: list | None = None
        self.languages_stack: list[str] = []  # language of the build in progress (i18n nests builds)
        self.page_404: dict[str, bytes] = {}  # per language: the 404 page each language build rendered

    def _i18n(self, config: MkDocsConfig):
        return config.plugins.get("i18n")

    def _build_languages(self, config: MkDocsConfig) -> list[str]:
        i18n = self._i18n(config)
        if i18n is None:
            return ["en"]
        return [lang for lang in i18n.build_languages if lang in LANGUAGES]

    @event_priority(50)  # before static-i18n (-100), which reads docs_dir and nav
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.staged is None:
            root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
            corpus, problems = check_repository(root)
            for problem in problems:
                (log.warning if problem.severity is Severity.WARNING else log.error)(problem.format())
            if self.config.strict_sources and any(p.severity is Severity.ERROR for p in problems):
                raise PluginError(f"{sum(p.severity is Severity.ERROR for p in problems)} error(s) in the "
                                  "sources; run `isacs check` for the list")
            staged = Path(config.config_file_path).parent / self.config.staging_dir
            written = sync_staging(staged, render_site(corpus, self._build_languages(config)))
            log.info(f"isacs: staged {len(corpus.modules)} modules in {staged} ({written} file(s) changed)")
            self.staged, self.nav = staged, navigation(corpus)
            self.root = root
        config.docs_dir = str(self.staged)
        if not config.nav:
            config.nav = self.nav
        return config

    def on_serve(self, server, config: MkDocsConfig, builder):
        # Editors change the sources, not the staged pages: rebuild (and re-render) when they do.
        for folder in ("modules", "glossary"):
            server.watch(str(self.root / folder))
        return server

    def on_pre_build(self, config: MkDocsConfig) -> None:
        i18n = self._i18n(config)
        self.languages_stack.append(i18n.current_language if i18n else "en")

    @event_priority(-200)  # after static-i18n's post-build, which runs the builds of the other languages
    def on_post_build(self, config: MkDocsConfig) -> None:
        lang = self.languages_stack.pop()
        keep_404(self.page_404, lang, Path(config.site_dir))
        if not self.languages_stack:  # the outermost build: every language is on disk now
            i18n = self._i18n(config)
            default = i18n.default_language if i18n else "en"
            finish_site(Path(config.site_dir), self.page_404, default, self.config.search)
