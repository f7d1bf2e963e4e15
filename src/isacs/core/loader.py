"""Load a whole repository into one Corpus, collecting every problem instead of stopping at the first."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from pathlib import Path

from .diagnostics import Diagnostic, Location, Severity
from .load_modules import load_module
from .load_registries import load_actors, load_concepts, load_instruments
from .model import Corpus, Module
from .parse_cache import ParseCache
from .sources import is_linked, real_entries, report_links


def module_folders(root: Path) -> list[Path]:
    """modules/<series>/<number>/ folders holding at least one Markdown file.

    Symbolic links are not followed: a linked `modules/`, series or module folder is left out here and
    reported (E021) by `sources.report_links`, never silently."""
    base = root / "modules"
    if is_linked(base, root) or not base.is_dir():
        return []
    return [
        folder
        for series in real_entries(base)
        if series.is_dir()
        for folder in real_entries(series)
        if folder.is_dir() and any(name.endswith(".md") for name in _names(folder))
    ]


JOBS_ENV = "ISACS_JOBS"  # processes that parse modules at once (default: the CPUs this process may use)
PARALLEL_BYTES = 4_000_000  # below this much Markdown, starting processes costs more than it saves


def load_jobs() -> int:
    configured = os.environ.get(JOBS_ENV, "").strip()
    return max(1, int(configured)) if configured.isdigit() else len(os.sched_getaffinity(0))


def _load_one(folder: Path, root: Path, cache: ParseCache) -> tuple[Module | None, list[Diagnostic]]:
    problems: list[Diagnostic] = []
    return load_module(folder, root, problems, cache), problems


def load_modules(
    folders: list[Path],
    root: Path,
    problems: list[Diagnostic],
    jobs: int | None = None,
    min_bytes: int = PARALLEL_BYTES,
    cache: ParseCache | None = None,
) -> list[Module | None]:
    """Every module folder read and parsed, in order, with its problems in that same order whatever runs
    it. A large corpus is parsed by several processes (Python-Markdown is pure Python, about 0.3 s per
    25,000-word file: 65 real-length modules in six languages take minutes on one core). Forked, so the
    workers start warm; what they return is the model's frozen dataclasses, made here, from our own code."""
    jobs = min(jobs or load_jobs(), len(folders))
    if jobs < 2 or _markdown_bytes(folders) < min_bytes:
        return [load_module(folder, root, problems, cache) for folder in folders]
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        results = list(pool.map(_load_one, folders, repeat(root), repeat(cache)))
    for _, found in results:
        problems.extend(found)
    return [module for module, _ in results]


def _markdown_bytes(folders: list[Path]) -> int:
    # Regular files only: a linked source (reported as E021, never read) may point nowhere.
    return sum(
        entry.stat(follow_symlinks=False).st_size
        for folder in folders
        for entry in os.scandir(folder)
        if entry.name.endswith(".md") and entry.is_file(follow_symlinks=False)
    )


def _names(folder: Path) -> list[str]:
    """Every entry name of a folder, symbolic links included (only named, never followed)."""
    try:
        return sorted(os.listdir(folder))
    except OSError:
        return []


def _failed(display: str, problems: list[Diagnostic]) -> bool:
    return any(p.location.path == display and p.severity is Severity.ERROR for p in problems)


def _unread_modules(root: Path, folders: list[Path], modules: dict[str, Module]) -> dict[str, str]:
    """Module IDs declared by a folder (`modules/<series>/<number>/`) that did not load under that ID: its
    English file has errors, is missing or is a link, or its front matter names another module (E013)."""
    unread = {}
    for folder in folders:
        module_id = folder.relative_to(root / "modules").as_posix()
        if module_id in modules:
            continue
        en = folder / "index.en.md"
        unread[module_id] = (en if os.path.lexists(en) else folder).relative_to(root).as_posix()
    return unread


def _unread_concepts(root: Path, concepts: dict) -> dict[str, str]:
    """Concept IDs declared by a file name in glossary/concepts/ whose concept did not load under that ID."""
    folder = root / "glossary" / "concepts"
    if is_linked(folder, root) or not folder.is_dir():
        return {}
    unread = {}
    for name in _names(folder):
        stem, dot, ext = name.rpartition(".")
        if dot and ext in ("yaml", "yml") and stem not in concepts and stem not in unread:
            unread[stem] = f"glossary/concepts/{name}"
    return unread


def _unread_registries(root: Path, loaded: dict[str, dict], problems: list[Diagnostic]) -> dict[str, str]:
    """`actors` / `instruments` when their file is a link or could not be read; `modules` /
    `concepts` when that whole folder is a link (E021): nothing in it can be known."""
    folders = {"modules": "modules", "concepts": "glossary/concepts"}
    unread = {name: path for name, path in folders.items() if is_linked(root / path, root)}
    for name, entries in loaded.items():
        display = f"glossary/{name}.yaml"
        if is_linked(root / display, root) or (not entries and _failed(display, problems)):
            unread[name] = display
    return unread


def load_corpus(root: str | Path) -> tuple[Corpus, list[Diagnostic]]:
    root = Path(root).resolve()
    problems: list[Diagnostic] = []
    links = report_links(root, problems)  # first: every loader below skips what is reported here
    if root / "modules" not in links and not (root / "modules").is_dir():
        problems.append(Diagnostic(Location("modules"), "E020", f"no modules/ folder under {root}"))
    modules: dict[str, Module] = {}
    folders = module_folders(root)
    cache = ParseCache.of(root)  # bodies parsed before (same text, same parser) are not parsed again
    for module in load_modules(folders, root, problems, cache=cache):
        if module is None:
            continue
        if module.id in modules:
            kept, dropped = modules[module.id], module
            if kept.folder != f"modules/{kept.id}" and dropped.folder == f"modules/{dropped.id}":
                kept, dropped = dropped, kept  # the module in its own folder keeps the ID
            problems.append(
                Diagnostic(
                    Location(dropped.translations["en"].path, dropped.field_lines.get("number", 1)),
                    "E005",
                    f"duplicate module ID {module.id} (also {kept.translations['en'].path})",
                )
            )
            modules[module.id] = kept
            continue
        modules[module.id] = module
    glossary = root / "glossary"
    concepts = load_concepts(glossary / "concepts", root, problems)
    instruments = load_instruments(glossary / "instruments.yaml", root, problems)
    actors = load_actors(glossary / "actors.yaml", root, problems)
    corpus = Corpus(
        root=str(root),
        modules=dict(sorted(modules.items(), key=lambda kv: (("isacs", "iatg").index(kv[1].series), kv[1].number))),
        concepts=concepts,
        instruments=instruments,
        actors=actors,
        # One mistake, one error: what a broken file declares still exists for the references to it.
        unread_modules=_unread_modules(root, folders, modules),
        unread_concepts=_unread_concepts(root, concepts),
        unread_registries=_unread_registries(root, {"actors": actors, "instruments": instruments}, problems),
    )
    cache.prune()
    return corpus, problems
