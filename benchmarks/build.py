"""The `build` benchmark: the six-language site built three ways, on copies of the repository layout.

    merged    `mkdocs build --strict`: static-i18n's merged build with our plugin (+ Pagefind)
    parallel  `isacs build-site`: languages built in parallel, merged, Pagefind once
    stock     mkdocs-material + mkdocs-static-i18n with Material's `search` (lunr) and no isacs plugin,
              over the same Markdown pages our plugin renders (staged with the render phase)

Each build runs in a subprocess; wall time and the children's CPU time (resource.getrusage) are taken
around it. `cold` runs start without the plugin's cache (.cache/isacs: parse results, staged pages,
checklist files, module PDFs, converted pages), `warm` runs reuse the previous run's, and the `edit` run
of `isacs build-site` follows a sentence added to one module's French text (restored after): what an
editor's pull request touching one module costs with the cache restored. The site folder is removed
before every run. The stock build keeps the staged download files (checklists), so its output holds the
same files as ours.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import SequenceNode

from isacs.checklists.collect import collect
from isacs.core.diagnostics import has_errors
from isacs.core.lints import EXCEPTIONS_FILE
from isacs.core.validate import check_repository
from isacs.mkdocs_adapter.staging import sync_staging
from isacs.render.site import navigation, render_site

from . import search_payload
from .search_payload import SearchPayload

BIN = Path(sys.executable).parent
CACHE = Path(".cache") / "isacs"
COMMANDS = {
    "merged": "mkdocs build --strict",
    "parallel": "isacs build-site",
    "stock": "mkdocs build --strict (stock: Material search, no isacs)",
}
STOCK_EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "def_list", "abbr", {"toc": {"permalink": True}}]


@dataclass(frozen=True)
class Run:
    cache: str  # cold, warm, or "-" (the stock build has no cache)
    wall: float  # seconds
    user: float  # CPU seconds in user mode of the build and every process it started
    system: float


@dataclass(frozen=True)
class Build:
    name: str
    command: str
    runs: tuple[Run, ...]
    site_bytes: int
    site_files: int
    search: tuple[SearchPayload, ...]

    def median(self, cache: str, field: str = "wall") -> float | None:
        values = [getattr(run, field) for run in self.runs if run.cache == cache]
        return statistics.median(values) if values else None

    def best(self, cache: str) -> float | None:
        values = [run.wall for run in self.runs if run.cache == cache]
        return min(values) if values else None


# --- the projects ----------------------------------------------------------------------------------------


def make_project(dest: Path, repo: Path, corpus: Path) -> Path:
    """`dest`: mkdocs.yml and overrides/ of `repo`; modules/, glossary/ and lint-exceptions.yaml (when it
    has one) of `corpus` (copied)."""
    for folder in ("modules", "glossary"):
        if not (corpus / folder).is_dir():
            raise ValueError(f"{corpus}: no {folder}/ folder (not a corpus)")
    dest.mkdir(parents=True, exist_ok=True)
    for folder in ("modules", "glossary"):
        if not (dest / folder).exists():  # a generated corpus is written in place
            shutil.copytree(corpus / folder, dest / folder)
    if (corpus / EXCEPTIONS_FILE).is_file():  # warnings the corpus's editors accepted
        shutil.copyfile(corpus / EXCEPTIONS_FILE, dest / EXCEPTIONS_FILE)
    shutil.copyfile(repo / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(repo / "overrides", dest / "overrides")
    return dest


class _TolerantConstructor(SafeConstructor):
    """Reads mkdocs.yml without mkdocs: `!ENV [NAME, default]` gives the default (None when absent)."""


def _env_default(constructor: SafeConstructor, node):
    if isinstance(node, SequenceNode):
        values = constructor.construct_sequence(node, deep=True)
        return values[-1] if len(values) > 1 else None
    return None


_TolerantConstructor.add_constructor("!ENV", _env_default)


def _yaml() -> YAML:
    # mkdocs reads YAML 1.1 (PyYAML): read it the same way, and quote `on`, `no` and the like when writing
    # (ruamel's pure-Python emitter follows the version; the libyaml one writes them bare).
    yaml = YAML(typ="safe", pure=True)
    yaml.version = (1, 1)
    yaml.Constructor = _TolerantConstructor
    yaml.default_flow_style = False  # block style throughout, keys in the order given, as mkdocs.yml is written
    yaml.sort_base_mapping_type_on_output = False
    return yaml


def read_config(path: Path) -> dict:
    try:
        return _yaml().load(path.read_text(encoding="utf-8"))
    except YAMLError as exc:
        raise ValueError(f"{path}: not readable as YAML: {str(exc).splitlines()[0]}") from None


def i18n_options(config: dict) -> dict:
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            return plugin["i18n"]
    raise ValueError("mkdocs.yml: no i18n plugin")


def make_stock_project(dest: Path, project: Path) -> tuple[Path, int]:
    """Stage the pages of `project`'s corpus (the render phase) into dest/docs, with a stock mkdocs.yml.
    Returns the project folder and the number of staged files."""
    corpus, problems = check_repository(project)
    if has_errors(problems):
        raise ValueError(f"{project}: the corpus has errors; run `isacs check --root {project}`")
    ours = read_config(project / "mkdocs.yml")
    i18n = i18n_options(ours)
    languages = tuple(lang["locale"] for lang in i18n["languages"] if lang.get("build", True))
    staged = sync_staging(dest / "docs", render_site(corpus, collect(corpus, languages), languages))
    theme = {key: value for key, value in ours["theme"].items() if key != "custom_dir"}
    options = {key: value for key, value in i18n.items() if key not in ("reconfigure_search", "build_only_locale")}
    config = {
        "site_name": ours["site_name"],
        "site_url": ours.get("site_url"),
        "use_directory_urls": ours.get("use_directory_urls", True),
        "docs_dir": "docs",
        "site_dir": "site",
        "strict": True,
        "theme": theme,
        "plugins": ["search", {"i18n": options}],  # static-i18n's default reconfigure_search: true
        "markdown_extensions": STOCK_EXTENSIONS,
        "nav": navigation(corpus),
    }
    with (dest / "mkdocs.yml").open("w", encoding="utf-8") as out:
        _yaml().dump(config, out)
    return dest, staged


# --- running -----------------------------------------------------------------------------------------------


def build_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "BUILD_ONLY_LOCALE")}
    return env | {"NO_MKDOCS_2_WARNING": "1"}


def timed_run(command: list[str], cwd: Path, cache: str) -> Run:
    """One build in a subprocess; fails with the tail of its output when it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=build_env(), capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0 or "WARNING" in done.stderr:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-5:])
        raise ValueError(f"`{' '.join(command)}` in {cwd} failed (exit {done.returncode}):\n{tail}")
    return Run(cache, wall, after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime)


EDIT = "\nUne phrase ajoutée par un rédacteur, pour mesurer la reconstruction.\n"


@contextmanager
def edited(project: Path) -> Iterator[Path]:
    """One module's French text (an English one when no module has French) with a sentence added, restored
    after."""
    texts = sorted((project / "modules").glob("*/*/index.fr.md")) or sorted(
        (project / "modules").glob("*/*/index.en.md")
    )
    source = texts[0]
    original = source.read_bytes()
    source.write_bytes(original + EDIT.encode("utf-8"))
    try:
        yield source
    finally:
        source.write_bytes(original)


def measure(project: Path, stock: Path, repeat: int, jobs: int | None, inspect, log=print) -> dict[str, list[Run]]:
    """`repeat` rounds of: merged cold, merged warm, parallel cold, parallel warm, stock, interleaved so
    that a slower stretch of a shared machine hits every build alike. After its last run, each build's
    site is handed to `inspect(name, site_dir)` (the next build removes it)."""
    mkdocs = [str(BIN / "mkdocs"), "build", "--strict", "-q"]
    builds = {
        "merged": (project, mkdocs, ("cold", "warm")),
        "parallel": (
            project,
            [str(BIN / "isacs"), "build-site"] + (["-j", str(jobs)] if jobs else []),
            ("cold", "warm", "edit"),
        ),
        "stock": (stock, mkdocs, ("-",)),
    }
    runs: dict[str, list[Run]] = {name: [] for name in builds}
    for round_ in range(1, repeat + 1):
        for name, (folder, command, caches) in builds.items():
            for cache in caches:
                if cache == "cold":
                    shutil.rmtree(folder / CACHE, ignore_errors=True)
                shutil.rmtree(folder / "site", ignore_errors=True)
                if cache == "edit":
                    with edited(folder):
                        runs[name].append(timed_run(command, folder, cache))
                else:
                    runs[name].append(timed_run(command, folder, cache))
                log(f"  round {round_}: {name:<8} {cache:<4}  {runs[name][-1].wall:7.2f} s")
            if round_ == repeat:
                inspect(name, folder / "site")
    return runs


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


# --- the whole benchmark --------------------------------------------------------------------------------


def queries(project: Path, concept: str, languages: tuple[str, ...]) -> dict[str, str]:
    """The query per language: one glossary concept's preferred designation (as measure_search.py)."""
    corpus, _ = check_repository(project)
    if concept not in corpus.concepts:
        raise ValueError(f"{project}: no glossary concept {concept!r} to search for (--concept)")
    return {lang: corpus.concepts[concept].term(lang).preferred for lang in languages}


def run_benchmark(
    work: Path, repo: Path, corpus: Path, repeat: int, jobs: int | None, concept: str, log=print
) -> list[Build]:
    project = make_project(work / "project", repo, corpus)
    stock, staged = make_stock_project(work / "stock", project)
    log(f"stock project: {staged} staged files (download files kept) in {stock / 'docs'}")
    i18n = i18n_options(read_config(project / "mkdocs.yml"))
    languages = tuple(lang["locale"] for lang in i18n["languages"] if lang.get("build", True))
    default = next((lang["locale"] for lang in i18n["languages"] if lang.get("default")), languages[0])
    asked = queries(project, concept, languages)
    sites: dict[str, tuple] = {}

    def inspect(name: str, site: Path) -> None:
        if name == "stock":
            search = tuple(search_payload.lunr_payload(site, lang, default, languages) for lang in languages)
        else:
            search = tuple(search_payload.pagefind_payload(site, lang, asked[lang]) for lang in languages)
        sites[name] = (*folder_size(site), search)

    runs = measure(project, stock, repeat, jobs, inspect, log)
    return [Build(name, COMMANDS[name], tuple(runs[name]), *sites[name]) for name in runs]


COLD_TARGET = 0.75  # issue 15: a cold `isacs build-site` at most 0.75 x the stock build's time
MERGED_TARGET = 1.0  # and `mkdocs build --strict` (what `mkdocs serve` and editors run) at most 1.0 x
EDIT_TARGET = 0.25  # a rebuild after editing one module in one language: at most 0.25 x the cold build


def missed_targets(builds: list[Build]) -> list[str]:
    """The missed targets, as ratios of the stock build measured in the same run (medians): a cold
    `isacs build-site` at most COLD_TARGET x stock, a cold `mkdocs build --strict` at most MERGED_TARGET x
    stock, and a warm `isacs build-site` faster than a warm `mkdocs build`."""
    by_name = {build.name: build for build in builds}
    stock = by_name["stock"].median("-")
    missed = []
    for name, label, target in (
        ("parallel", "isacs build-site", COLD_TARGET),
        ("merged", "mkdocs build", MERGED_TARGET),
    ):
        cold = by_name[name].median("cold")
        if cold > target * stock:
            missed.append(
                f"{label} cold {cold:.2f} s is {cold / stock:.2f}x the stock build's {stock:.2f} s (target {target}x)"
            )
    edit, cold = by_name["parallel"].median("edit"), by_name["parallel"].median("cold")
    if edit is not None and edit > EDIT_TARGET * cold:
        missed.append(
            f"isacs build-site after one edit {edit:.2f} s is {edit / cold:.2f}x its cold {cold:.2f} s "
            f"(target {EDIT_TARGET}x)"
        )
    ours, merged = by_name["parallel"].median("warm"), by_name["merged"].median("warm")
    if ours >= merged:
        missed.append(f"isacs build-site warm {ours:.2f} s is not faster than mkdocs build warm {merged:.2f} s")
    return missed


# --- the report --------------------------------------------------------------------------------------------


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def _kb(n: int) -> str:
    return f"{n / 1e3:.0f} kB"


def format_report(builds: list[Build]) -> str:
    out = [
        f"{'build':<9} {'command':<58} {'cache':<5} {'runs':>4} {'wall median':>11} {'best':>7} "
        f"{'child CPU user':>14} {'sys':>6}  output"
    ]
    for build in builds:
        for cache in dict.fromkeys(run.cache for run in build.runs):
            runs = [run for run in build.runs if run.cache == cache]
            out.append(
                f"{build.name:<9} {build.command:<58} {cache:<5} {len(runs):>4} "
                f"{build.median(cache):9.2f} s {build.best(cache):5.2f} s "
                f"{build.median(cache, 'user'):12.2f} s {build.median(cache, 'system'):4.1f} s  "
                f"{_mb(build.site_bytes)}, {build.site_files} files"
            )
    by_name = {build.name: build for build in builds}
    parallel, merged, stock = by_name["parallel"], by_name["merged"], by_name["stock"]
    out.append("")
    if parallel.median("edit") is not None:
        out.append(
            f"isacs build-site after editing one module in one language: {parallel.median('edit'):.2f} s, "
            f"{parallel.median('edit') / parallel.median('cold'):.2f}x its cold build (wall; "
            f"CPU {parallel.median('edit', 'user') / parallel.median('cold', 'user'):.2f}x)"
        )
    for cache in ("cold", "warm"):
        out.append(
            f"isacs build-site {cache}: {merged.median(cache) / parallel.median(cache):.2f}x the speed of "
            f"mkdocs build {cache}; {stock.median('-') / parallel.median(cache):.2f}x the speed of the "
            f"stock build (no plugin, no Pagefind, no cache)"
        )
    out += [
        "",
        "Search: bytes a reader's first search downloads (raw / gzipped on the wire)",
        f"{'lang':<4}  {'stock search_index.json':>23} {'langs':>5} {'stock total':>19}   "
        f"{'ours first query':>19} {'ui':>7} {'engine':>7} {'index':>7} {'fragm.':>7}  query (matching pages)",
    ]
    ours_search = {p.lang: p for p in parallel.search}
    for stock_payload in stock.search:
        ours = ours_search[stock_payload.lang]
        index = next(d for d in stock_payload.downloads if d.kind == "index")
        out.append(
            f"{stock_payload.lang:<4}  {_kb(index.raw) + ' / ' + _kb(index.wire):>23} "
            f"{len(stock_payload.languages_in_index):>5} "
            f"{_kb(stock_payload.raw) + ' / ' + _kb(stock_payload.wire):>19}   "
            f"{_kb(ours.raw) + ' / ' + _kb(ours.wire):>19} "
            + " ".join(f"{_kb(ours.bytes_of(kind)):>7}" for kind in ("ui", "engine", "index", "fragments"))
            + f"  {ours.query} ({ours.matches})"
        )
    out += [
        "stock: the search_index.json the language's pages fetch (langs: languages whose pages it holds) + "
        "Material's search worker + the lunr files it imports;",
        "ours: Pagefind entry + the language's .pf_meta and wasm + pagefind.js + UI (JS, CSS) + the index "
        f"chunks of the query's terms + the {search_payload.FIRST_RESULTS} largest matching fragments "
        "(upper bound of the first page of results).",
    ]
    return "\n".join(out)
