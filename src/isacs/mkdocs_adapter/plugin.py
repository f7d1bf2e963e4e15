"""The `isacs` mkdocs plugin: a thin adapter over the engine-independent core.

In `on_config`, once per process: load and validate the sources, collect (isacs.checklists.collect:
git, Chromium, the checklist cache), then render every page of every language into the staging folder;
mkdocs then builds the staged pages. mkdocs-static-i18n re-runs every hook once per language, so state
that depends on the language is kept in dicts keyed by language.
"""

from __future__ import annotations

import logging
import os
import time
from functools import partial
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from ..checklists.chromium import PdfEngineError
from ..checklists.collect import collect
from ..checklists.module_pdf import PARALLEL_CHARS
from ..core.diagnostics import Severity
from ..core.languages import LANGUAGES
from ..core.validate import check_repository
from ..render.links import Page, PageLinks, SchemeLinksExtension
from ..render.sanitise import sanitise
from ..render.site import navigation, pages
from ..render.templates import configure as configure_templates
from ..render.verbatim import VerbatimExtension
from .config import IsacsConfig
from .jinja_cache import MemoryBytecodeCache
from .page_cache import FOLDER as PAGE_CACHE
from .page_cache import PageCache
from .postbuild import finish_site, keep_404
from .staging import stage_languages

log = logging.getLogger("mkdocs.plugins.isacs")


def _unresolved(message: str):
    raise PluginError(f"isacs: {message}")


class IsacsPlugin(BasePlugin[IsacsConfig]):
    def __init__(self) -> None:
        self.staged: Path | None = None
        self.nav: list | None = None
        self.languages_stack: list[str] = []  # language of the build in progress (i18n nests builds)
        self.page_404: dict[str, bytes] = {}  # per language: the 404 page each language build rendered
        # Set by `isacs build-site` in its worker processes: build only this language of the merged
        # six-language site (same URLs, switcher and hreflang as `mkdocs build`); the caller merges the
        # languages and runs the search indexer once.
        self.only_language: str | None = None
        self.serving = False  # `mkdocs serve`: its live-reload script is inline, so pages go without a CSP
        self.links: PageLinks | None = None  # scheme links of the page being rendered (set per page)
        self.compiled = MemoryBytecodeCache()  # the theme's templates, compiled once for every language build
        self.timings: dict[str, float] = {}  # seconds of each phase of the last staging (load, collect, render)
        self.page_cache: PageCache | None = None  # mkdocs' conversion of unchanged pages, kept (page_cache.py)

    def _i18n(self, config: MkDocsConfig):
        return config.plugins.get("i18n")

    def _build_languages(self, config: MkDocsConfig) -> list[str]:
        i18n = self._i18n(config)
        if i18n is None:
            return ["en"]
        return [lang for lang in i18n.build_languages if lang in LANGUAGES]

    def stage(self, config: MkDocsConfig) -> None:
        """Load and validate the sources, collect, and render into the staging folder (once per process)."""
        if self.staged is not None:
            return
        root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        started = time.perf_counter()
        corpus, problems = check_repository(root)
        loaded = time.perf_counter()
        for problem in problems:
            (log.warning if problem.severity is Severity.WARNING else log.error)(problem.format())
        if self.config.strict_sources and any(p.severity is Severity.ERROR for p in problems):
            raise PluginError(
                f"{sum(p.severity is Severity.ERROR for p in problems)} error(s) in the "
                "sources; run `isacs check` for the list"
            )
        languages = self._build_languages(config)
        staged = Path(config.config_file_path).parent / self.config.staging_dir
        if set(languages) != set(LANGUAGES):
            # A one-language build (BUILD_ONLY_LOCALE) stages apart, so it never strips the other
            # languages from the full staging folder that a concurrent full build may be reading.
            staged = staged.with_name(f"{staged.name}-{'-'.join(languages)}")
        try:
            # The outside world, once: the build's date (the last commit's, so the same site whenever it is
            # built), the stamp, and every checklist file (Chromium prints the PDFs; the cache keeps them).
            # The site's own templates first (`overrides/isacs/`): the checklist PDFs are printed from them too.
            configure_templates(Path(config.theme.custom_dir) if config.theme.custom_dir else None)
            collected = collect(corpus, languages)
            collected_at = time.perf_counter()
        except PdfEngineError as exc:  # no Chromium, or it failed: say what to do, without a traceback
            raise PluginError(f"isacs: PDF checklists: {exc}") from exc
        # A large site is rendered a language per CPU (forked: the collect step's threads have ended).
        chars = sum(len(text.body) for module in corpus.modules.values() for text in module.translations.values())
        jobs = None if chars >= PARALLEL_CHARS else 1
        written = stage_languages(staged, partial(pages, corpus, collected), languages, jobs)
        self.timings = {
            "load": loaded - started,  # read, parse and validate every source
            "collect": collected_at - loaded,  # git, checklist files and module PDFs (or the cache)
            "render": time.perf_counter() - collected_at,  # every page of every language, staged
        }
        log.info(f"isacs: staged {len(corpus.modules)} modules in {staged} ({written} file(s) changed)")
        self.staged, self.nav, self.root = staged, navigation(corpus), root
        self.links = PageLinks(corpus)
        if self.page_cache is not None:
            self.page_cache.close()
        kept = None if os.environ.get("ISACS_PAGE_CACHE") == "off" else root / PAGE_CACHE
        self.page_cache = PageCache(kept, self.links.digest())

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    @event_priority(50)  # before static-i18n (-100), which reads docs_dir and nav
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.stage(config)
        config.docs_dir = str(self.staged)
        if not config.nav:
            config.nav = self.nav
        if not any(isinstance(ext, SchemeLinksExtension) for ext in config.markdown_extensions):
            config.markdown_extensions.append(SchemeLinksExtension(self.links, fail=_unresolved))
        if not any(isinstance(ext, VerbatimExtension) for ext in config.markdown_extensions):
            config.markdown_extensions.append(VerbatimExtension())  # generated HTML blocks, not parsed again
        i18n = self._i18n(config)
        if self.only_language and i18n is not None and i18n.current_language is None:
            i18n.current_language = self.only_language  # static-i18n starts with this language instead
        return config

    def on_env(self, env, config: MkDocsConfig, files):
        env.bytecode_cache = self.compiled
        return env

    @event_priority(-200)  # after static-i18n's (-100): the files of this language build, as it left them
    def on_files(self, files, config: MkDocsConfig):
        if self.page_cache is not None:
            self.page_cache.begin(config, files)
        return files

    @event_priority(-100)  # last: the Markdown as every plugin left it is what the page cache is keyed by
    def on_page_markdown(self, markdown: str, page, config: MkDocsConfig, files) -> str:
        # The page mkdocs renders next: its language, language-neutral path and module, for its scheme links.
        lang = self.languages_stack[-1] if self.languages_stack else "en"
        path = page.file.src_uri
        if path.endswith(f".{lang}.md"):
            path = path[: -len(f".{lang}.md")] + ".md"
        self.links.page = Page(lang, path, page.meta.get("isacs_module"))
        kept = self.page_cache is not None and self.page_cache.lookup(page, markdown)
        return "" if kept else markdown  # kept: nothing to convert

    @event_priority(100)  # first: every other plugin gets the page's HTML, whether kept or just converted
    def _settle_kept_page(self, html: str, page, config: MkDocsConfig, files) -> str:
        return html if self.page_cache is None else self.page_cache.settle(page, html, files)

    @event_priority(-100)  # last: sanitise the page's HTML as every other plugin left it
    def _sanitise(self, html: str, page, config: MkDocsConfig, files) -> str:
        # Defence in depth behind `isacs check` (E025–E027): nothing executable reaches a page.
        return sanitise(html)

    on_page_content = CombinedEvent(_settle_kept_page, _sanitise)

    def on_serve(self, server, config: MkDocsConfig, builder):
        # Editors change the sources, not the staged pages: rebuild (and re-render) when they do.
        for folder in ("modules", "glossary"):
            server.watch(str(self.root / folder))
        return server

    def on_pre_build(self, config: MkDocsConfig) -> None:
        i18n = self._i18n(config)
        self.languages_stack.append(i18n.current_language if i18n else "en")
        # static-i18n sets each page's switcher links as an *attribute* of `extra` (its reset only touches
        # the item), so the next language's 404 page, rendered before any page, showed the previous
        # language's last page. Dropping the attribute gives every 404 the language homes.
        vars(config.extra).pop("alternate", None)

    @event_priority(-50)  # before static-i18n's post-build (-100), which builds the other languages
    def _capture_404(self, config: MkDocsConfig) -> None:
        # Every language build renders its 404 to site/404.html; keep this one before the next overwrites it.
        keep_404(self.page_404, self.languages_stack[-1], Path(config.site_dir))
        i18n = self._i18n(config)
        if self.only_language and i18n is not None:
            i18n.building = True  # static-i18n's "nested build in progress" flag: build no other language

    @event_priority(-200)  # after static-i18n's post-build: every language is on disk now
    def _finish(self, config: MkDocsConfig) -> None:
        self.languages_stack.pop()
        if self.languages_stack:
            return  # a nested language build; the outermost one finishes the site
        i18n = self._i18n(config)
        if self.only_language and i18n is not None:
            i18n.building = False
        default = i18n.default_language if i18n else "en"
        search = "none" if self.only_language else self.config.search
        finish_site(
            Path(config.site_dir), self.page_404, default, search, csp=not self.serving, offline=self.config.offline
        )
        if self.page_cache is not None:
            counts = self.page_cache.counts
            log.info(f"isacs: {counts['converted']} page(s) converted, {counts['hit']} from the page cache")
            self.page_cache.prune()
        # `mkdocs serve` keeps this plugin instance for its next rebuild: stage the edited sources again then.
        self.staged = None

    on_post_build = CombinedEvent(_capture_404, _finish)
