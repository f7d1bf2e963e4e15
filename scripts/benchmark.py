#!/usr/bin/env python3
"""Benchmarks of the toolchain, one sub-command each (measured here, never in the test suite).

    .venv/bin/python scripts/benchmark.py load                 # load + validate: bundled and 70-module corpus
    .venv/bin/python scripts/benchmark.py load --modules 120 --repeat 7 --keep /tmp/corpus
    .venv/bin/python scripts/benchmark.py build                # site builds: real length, 65 x 25,000 words
    .venv/bin/python scripts/benchmark.py build --corpus .     # site builds: bundled corpus
    .venv/bin/python scripts/benchmark.py build --modules 70 --words 2000 --repeat 3
    .venv/bin/python scripts/benchmark.py checklists           # checklist files: alone, and share of a cold build
    .venv/bin/python scripts/benchmark.py weight --site site   # a module page's first load per language (gzip)
    .venv/bin/python scripts/benchmark.py serve                # a `mkdocs serve` rebuild after one edit

A benchmark is a function `bench_<name>(args) -> bool` (True when its targets are met) and a
`register_<name>(sub)` adding its options; list it in BENCHMARKS. The exit status is 1 when a target is
missed, so CI can run it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL_MODULES, REAL_WORDS = 65, 25000  # the real corpus: ~25 MOSAIC and ~40 IATG modules of 15,000-40,000 words
if str(ROOT) not in sys.path:  # the benchmarks/ package: dev-only, next to src/, never installed
    sys.path.insert(0, str(ROOT))


def timed(run: Callable[[], object], repeat: int) -> tuple[list[float], object]:
    """Wall-clock seconds of `repeat` runs (after one untimed warm-up run) and the last result."""
    result = run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return times, result


def report(label: str, times: list[float], target: float, detail: str) -> bool:
    best, median = min(times), statistics.median(times)
    ok = median < target
    print(
        f"{label:<34} best {best:6.3f} s   median {median:6.3f} s   target < {target:g} s  "
        f"{'ok' if ok else 'MISSED'}   ({detail})"
    )
    return ok


# --- load: read + validate the sources into the model ----------------------------------------------------


def register_load(sub) -> None:
    parser = sub.add_parser("load", help="load + validate time (isacs.check_repository)")
    parser.add_argument("--modules", type=int, default=70, help="modules in the generated corpus (default 70)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per corpus (default 5)")
    parser.add_argument("--keep", type=Path, help="write the generated corpus here and keep it")
    parser.add_argument("--bundled-target", type=float, default=1.0)
    parser.add_argument("--generated-target", type=float, default=3.0)


def bench_load(args) -> bool:
    from benchmarks.generate import generate
    from isacs import check_repository, has_errors
    from isacs.core.parse_cache import SWITCH_ENV

    def measure(label: str, root: Path, target: float) -> bool:
        times, (corpus, problems) = timed(lambda: check_repository(root), args.repeat)
        if has_errors(problems):
            print(f"{label}: the corpus has errors; run `isacs check --root {root}`", file=sys.stderr)
            return False
        files = sum(len(m.translations) for m in corpus.modules.values())
        requirements = sum(len(m.requirements) for m in corpus.modules.values())
        detail = (
            f"{len(corpus.modules)} modules, {files} module files, {len(corpus.languages)} languages, "
            f"{requirements} requirements, {len(corpus.concepts)} concepts, {len(problems)} warnings"
        )
        return report(label, times, target, detail)

    # Cold: every body parsed (the parse cache off), as in a CI job without a restored cache; the cached
    # load (`warm`) is reported beside it.
    os.environ[SWITCH_ENV] = "off"
    ok = measure("bundled corpus", ROOT, args.bundled_target)
    with tempfile.TemporaryDirectory(prefix="isacs-bench-") as tmp:
        dest = args.keep or Path(tmp) / "corpus"
        start = time.perf_counter()
        made = generate(dest, modules=args.modules, glossary_root=ROOT)
        print(
            f"generated {made.modules} modules x {len(made.languages)} languages into {dest} in "
            f"{time.perf_counter() - start:.1f} s: {made.files} files, {made.bytes / 1e6:.1f} MB, "
            f"{made.english_words / made.modules:.0f} English words per module"
        )
        ok = measure(f"generated corpus ({args.modules} modules)", dest, args.generated_target) and ok
        del os.environ[SWITCH_ENV]
        warm, _ = timed(lambda: check_repository(dest), args.repeat)  # the first (untimed) run fills the cache
        label = "  with the parse cache (warm)"
        print(f"{label:<34} best {min(warm):6.3f} s   median {statistics.median(warm):6.3f} s")
    return ok


# --- build: the six-language site, `isacs build-site` vs `mkdocs build` vs stock static-i18n --------------


def register_build(sub) -> None:
    parser = sub.add_parser("build", help="site build time, output and search payload (benchmarks/build.py)")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--corpus", type=Path, help="corpus root with modules/ and glossary/ (`.`: the bundled one)")
    source.add_argument(
        "--modules", type=int, help=f"modules of the generated corpus (default {REAL_MODULES}, unless --corpus)"
    )
    parser.add_argument(
        "--words", type=int, default=REAL_WORDS, help=f"English words per generated module (default {REAL_WORDS})"
    )
    parser.add_argument("--repeat", type=int, default=1, help="cold + warm runs of each build (default 1)")
    parser.add_argument("-j", "--jobs", type=int, help="passed to isacs build-site (default: its own)")
    parser.add_argument("--concept", default="marking", help="glossary concept whose designations are the queries")
    parser.add_argument("--keep", type=Path, help="build in this (new) folder and keep it")
    parser.add_argument("--json", type=Path, help="also write the measurements here as JSON")
    parser.add_argument("--no-targets", action="store_true", help="report only; exit 0 whatever the times")


def bench_build(args) -> bool:
    import dataclasses
    import json

    from benchmarks.build import format_report, missed_targets, run_benchmark
    from benchmarks.generate import generate
    from isacs.core.files import write_atomically

    if args.repeat < 1:
        raise ValueError("--repeat must be at least 1")
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        raise ValueError(f"--keep {args.keep}: folder is not empty")
    if args.corpus is None and args.modules is None:
        args.modules = REAL_MODULES  # the default: a corpus of the real one's size
    with tempfile.TemporaryDirectory(prefix="isacs-bench-build-") as tmp:
        work = args.keep or Path(tmp)
        if args.modules is not None:
            if args.modules < 1:
                raise ValueError("--modules must be at least 1")
            made = generate(work / "project", modules=args.modules, glossary_root=ROOT, words=args.words)
            corpus = made.root
            words = made.english_words // args.modules
            label = f"generated corpus ({args.modules} modules, {words} English words each)"
        else:
            corpus = args.corpus.resolve()
            label = "bundled corpus" if corpus == ROOT else f"corpus {args.corpus}"
        print(f"build benchmark: {label}, {args.repeat} round(s), in {work}")
        builds = run_benchmark(work, ROOT, corpus, args.repeat, args.jobs, args.concept)
    print()
    print(format_report(builds))
    if args.json:
        write_atomically(args.json, json.dumps([dataclasses.asdict(b) for b in builds], ensure_ascii=False, indent=1))
    missed = missed_targets(builds)
    for line in missed:
        print(f"MISSED: {line}")
    return args.no_targets or not missed


# --- checklists: their cost alone and as a share of a cold build --------------------------------------------


def register_checklists(sub) -> None:
    parser = sub.add_parser("checklists", help="checklist generation time, and its share of a cold build")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--corpus", type=Path, default=ROOT, help="corpus root (default: the bundled corpus)")
    source.add_argument("--modules", type=int, help="use a generated corpus of this many modules instead")
    parser.add_argument(
        "--words", type=int, default=REAL_WORDS, help=f"English words per generated module (default {REAL_WORDS})"
    )
    parser.add_argument("--repeat", type=int, default=3, help="rounds (default 3)")
    parser.add_argument("--target", type=float, default=0.10, help="largest share of a cold build (default 0.10)")


def bench_checklists(args) -> bool:
    from benchmarks.checklists import format_report, run_checklist_benchmark
    from benchmarks.generate import generate

    if args.repeat < 1:
        raise ValueError("--repeat must be at least 1")
    with tempfile.TemporaryDirectory(prefix="isacs-bench-checklists-") as tmp:
        corpus = args.corpus.resolve()
        if args.modules is not None:
            corpus = generate(Path(tmp) / "project", modules=args.modules, glossary_root=ROOT, words=args.words).root
        print(
            f"checklists benchmark: {corpus if args.modules is None else f'{args.modules} generated modules'}, "
            f"{args.repeat} round(s)"
        )
        result = run_checklist_benchmark(Path(tmp), ROOT, corpus, args.repeat)
    print()
    print(format_report(result, args.target))
    return result.share < args.target


# --- weight: what a reader downloads on a first visit to a module page ----------------------------------------


def register_weight(sub) -> None:
    parser = sub.add_parser("weight", help="a module page's first load (HTML, CSS, JS; gzip) in every language")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site (default: site/)")
    parser.add_argument("--module", default="isacs/05.30", help="module whose page is weighed")
    parser.add_argument("--target", type=int, default=150, help="KiB, gzipped (default 150)")


def bench_weight(args) -> bool:
    from benchmarks.page_weight import format_report, module_pages
    from isacs.core.languages import LANGUAGES

    weights = module_pages(args.site, list(LANGUAGES), args.module)
    print(format_report(weights, args.target))
    return all(w.gzipped < args.target * 1024 for w in weights)


# --- serve: what an editor waits for after saving a file under `mkdocs serve` -----------------------------


def register_serve(sub) -> None:
    parser = sub.add_parser("serve", help="a `mkdocs serve` rebuild of all six languages after editing one file")
    parser.add_argument("-f", "--config-file", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--edit", default="modules/isacs/05.30/index.fr.md", help="source edited (restored after)")
    parser.add_argument("--target", type=float, default=2.0, help="seconds (default 2)")


def bench_serve(args) -> bool:
    """mkdocs serve's rebuild, in-process as serve runs it: the config loaded again (the plugins' instances
    kept, as serve keeps them), `build` with the live-reload URL, after a sentence is added to one source."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.disable(logging.WARNING)
    project = args.config_file.resolve().parent
    source = project / args.edit
    original = source.read_bytes()

    def rebuild() -> float:
        with tempfile.TemporaryDirectory(prefix="isacs-bench-serve-") as site:
            config = load_config(str(args.config_file), site_dir=site)
            config.plugins.on_startup(command="serve", dirty=False)
            start = time.perf_counter()
            build(config, serve_url="http://127.0.0.1:8000/")
            return time.perf_counter() - start

    first = rebuild()
    try:
        source.write_bytes(original + b"\nOne more sentence, to measure the rebuild.\n")
        again = rebuild()
    finally:
        source.write_bytes(original)
    ok = again < args.target
    print(
        f"first build {first:.1f} s; rebuild after editing {args.edit}: {again:.1f} s  "
        f"target < {args.target:g} s  {'ok' if ok else 'MISSED'}"
    )
    return ok


BENCHMARKS = {
    "load": (register_load, bench_load),
    "build": (register_build, bench_build),
    "checklists": (register_checklists, bench_checklists),
    "weight": (register_weight, bench_weight),
    "serve": (register_serve, bench_serve),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="benchmark", required=True, metavar="BENCHMARK")
    for register, _ in BENCHMARKS.values():
        register(sub)
    args = parser.parse_args(argv)
    try:
        return 0 if BENCHMARKS[args.benchmark][1](args) else 1
    except (OSError, ValueError) as exc:
        print(f"benchmark {args.benchmark}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
