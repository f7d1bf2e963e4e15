"""`isacs build-site`: the six-language site, as `mkdocs build --strict` writes it, but faster.

The sources are loaded, validated, collected (checklist files, PDFs, git stamps) and rendered once, by the
plugin's `stage`; then each language is built by its own forked process (which inherits the loaded config
and warm imports) into a scratch folder, the languages are merged into one site, Pagefind indexes it once,
the offline worker is written for it, and the result replaces site/ in one rename.

Not `BUILD_ONLY_LOCALE`: that makes the one language the site's default (built at the root, without
the language switcher or hreflang), so its pages differ from the merged build's. Each worker here
builds its language exactly as static-i18n's merged build would.

Reproducible: the same sources give a byte-identical site. Every date in it (sitemap, checklist stamps,
PDF and XLSX metadata) comes from SOURCE_DATE_EPOCH; when that is unset and the sources are a git
checkout, the collect step sets it to the time of their last commit (before forking), never the clock.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.exceptions import MkDocsException

from ..mkdocs_adapter.csp import apply_csp
from ..mkdocs_adapter.offline import write_service_worker
from ..mkdocs_adapter.postbuild import merge_language_sites, run_pagefind


def register(sub) -> None:
    parser = sub.add_parser("build-site", help="build the six-language site into site/ (strict, parallel)")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    parser.add_argument("-d", "--site-dir", type=Path, help="output folder (default: site_dir of the config)")
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=len(os.sched_getaffinity(0)),
        help="language builds run at once (default: the number of CPUs)",
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    start = time.monotonic()
    loaded = load_site_config(args.config_file, args.site_dir, "build-site")
    if isinstance(loaded, int):
        return loaded
    config, plugin, i18n = loaded
    try:
        plugin.stage(config)  # load + validate + collect + render once, before forking: the workers inherit it
    except MkDocsException as exc:
        print(f"isacs build-site: {exc}", file=sys.stderr)
        return 1
    languages, default = i18n.build_languages, i18n.default_language
    site_dir = Path(config.site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    try:
        parts = {lang: scratch / lang for lang in ([default] + [lang for lang in languages if lang != default])}
        phases = dict(plugin.timings)
        languages_started = time.monotonic()
        failed = _build_languages(config, parts, max(1, args.jobs), timings := {})
        phases["languages"] = time.monotonic() - languages_started
        if failed:
            print(
                f"isacs build-site: the build of {', '.join(failed)} failed; {site_dir} left unchanged", file=sys.stderr
            )
            return 1
        merge_parts(parts, scratch / "site", default, plugin, phases)
        replace_dir(scratch / "site", site_dir)
    except MkDocsException as exc:
        print(f"isacs build-site: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    config.plugins.on_shutdown()
    print(
        f"isacs build-site: {len(parts)} languages built into {site_dir} in {time.monotonic() - start:.1f} s",
        file=sys.stderr,
    )
    each = {lang: timings[lang] for lang in parts if lang in timings}  # in build order, not finishing order
    print(f"isacs build-site: {profile(phases, each)}", file=sys.stderr)
    return 0


def load_site_config(config_file: Path, site_dir: Path | None, command: str):
    """(config, isacs plugin, i18n plugin) of mkdocs.yml as `mkdocs build --strict` loads it, or the exit
    status after saying what is wrong."""
    # mkdocs' config and build machinery take ~0.4 s to import: only when building (every other
    # sub-command imports this module to register its options).
    from mkdocs.config import load_config

    _show_mkdocs_warnings()
    if not config_file.is_file():
        print(f"isacs {command}: {config_file}: no such config file", file=sys.stderr)
        return 2
    try:
        config = load_config(str(config_file), strict=True, site_dir=str(site_dir.resolve()) if site_dir else None)
        config.plugins.on_startup(command="build", dirty=False)
    except MkDocsException as exc:
        print(f"isacs {command}: {exc}", file=sys.stderr)
        return 1
    plugin, i18n = config.plugins.get("isacs"), config.plugins.get("i18n")
    if plugin is None or i18n is None:
        print(f"isacs {command}: {config_file}: needs the `isacs` and `i18n` plugins", file=sys.stderr)
        return 2
    return config, plugin, i18n


def merge_parts(parts: dict[str, Path], merged: Path, default: str, plugin, phases: dict[str, float]) -> None:
    """One site from one-language builds (`parts`, the default language first, then the build order):
    merged, with the policy, search index and offline worker of the whole site, as one build writes it."""
    with _timed(phases, "merge"):
        merge_language_sites(parts, merged, default)
        apply_csp(merged)  # the policy of the whole site: every language's inline scripts
    with _timed(phases, "search"):
        if plugin.config.search == "pagefind":
            run_pagefind(merged, default)
    with _timed(phases, "offline"):
        write_service_worker(merged, default, plugin.config.offline)  # last: a digest of the merged site


def profile(phases: dict[str, float], languages: dict[str, float]) -> str:
    """Where the build spent its time: 'phases: load 1.2 s, ...; languages (N at once): en 3.1 s, ...'."""
    parts = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in phases.items())
    each = ", ".join(f"{lang} {seconds:.1f} s" for lang, seconds in languages.items())
    return f"phases: {parts}; each language: {each}"


@contextmanager
def _timed(timings: dict[str, float], name: str) -> Iterator[None]:
    started = time.monotonic()
    try:
        yield
    finally:
        timings[name] = time.monotonic() - started


def _build_languages(config, parts: dict[str, Path], jobs: int, timings: dict[str, float]) -> list[str]:
    """Build each language in a forked process, `jobs` at a time; returns the languages that failed.
    `timings` gets each language's wall-clock seconds."""
    context = multiprocessing.get_context("fork")  # children inherit the staged config: nothing reloads
    pending, running, failed = list(parts), {}, []
    while pending or running:
        while pending and len(running) < jobs:
            lang = pending.pop(0)
            process = context.Process(target=build_one, args=(config, lang, parts[lang]), name=f"isacs-{lang}")
            process.start()
            running[process.sentinel] = (lang, process, time.monotonic())
        for sentinel in multiprocessing.connection.wait(list(running)):
            lang, process, started = running.pop(sentinel)
            process.join()
            timings[lang] = time.monotonic() - started
            if process.exitcode != 0:
                failed.append(lang)
    return sorted(failed, key=list(parts).index)


def build_one(config, lang: str, site_dir: Path) -> None:
    """In a forked child: build `lang` of the merged site into `site_dir`, without the search index."""
    from mkdocs.commands.build import build  # heavy, as above

    config.plugins["isacs"].only_language = lang
    config.site_dir = str(site_dir)
    try:
        build(config)
    except MkDocsException as exc:
        print(f"isacs build-site: {lang}: {exc}", file=sys.stderr)
        sys.exit(1)


def replace_dir(new: Path, target: Path) -> None:
    """Put `new` in place of `target` with renames, so target is never half-written."""
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _show_mkdocs_warnings() -> None:
    """mkdocs' CLI prints its log; here only warnings and errors, in its `LEVEL - message` form."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler.setLevel(logging.WARNING)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)  # mkdocs' strict mode counts warnings through this logger
