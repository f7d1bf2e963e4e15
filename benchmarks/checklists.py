"""The `checklists` benchmark: what the checklist files and module PDFs cost, alone and inside a cold build.

    generation   every checklist file of the site (each module and series bundle, every format and
                 language) and every module PDF, made from scratch in-process: `isacs.checklists.collect`
                 with an empty cache
    build        `isacs build-site` cold (no .cache/isacs at all) against the same build with only the
                 checklist cache kept (.cache/isacs/checklists): the difference is what the checklists
                 add to a cold build, reported as a share of it

Rounds interleave the two builds so that a slower stretch of a shared machine hits both alike.
"""

from __future__ import annotations

import shutil
import statistics
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from isacs.checklists.collect import cache_dir, collect
from isacs.core.diagnostics import has_errors
from isacs.core.languages import LANGUAGES
from isacs.core.validate import check_repository

from .build import BIN, CACHE, make_project, timed_run

MODULE_PDF = "-module.pdf"  # isacs.checklists.module_pdf.site_path: the module PDFs beside the checklists


@dataclass(frozen=True)
class ChecklistBenchmark:
    files: dict[str, int]  # format -> files
    bytes: int
    generation: tuple[float, ...]  # seconds, from scratch
    cold_build: tuple[float, ...]  # isacs build-site without any cache
    cached_build: tuple[float, ...]  # the same with the checklist files cached

    @property
    def added(self) -> float:
        """What the checklists add to a cold build: the median of each round's difference (the two builds of
        a round run back to back, so a slow stretch of a shared machine mostly hits both)."""
        return max(0.0, statistics.median(c - w for c, w in zip(self.cold_build, self.cached_build)))

    @property
    def share(self) -> float:
        """Share of a (median) cold build spent on the checklists."""
        return self.added / statistics.median(self.cold_build)


def generation_time(project: Path) -> tuple[float, Counter, int]:
    corpus, problems = check_repository(project)
    if has_errors(problems):
        raise ValueError(f"{project}: the corpus has errors; run `isacs check --root {project}`")
    shutil.rmtree(cache_dir(project), ignore_errors=True)
    start = time.perf_counter()
    made = collect(corpus, LANGUAGES)
    seconds = time.perf_counter() - start
    kinds = Counter("module pdf" if path.endswith(MODULE_PDF) else path.rsplit(".", 1)[1] for path in made.files)
    return seconds, kinds, sum(map(len, made.files.values()))


def checklists_only(project: Path) -> None:
    """Empty every cache of the build but the checklist files' and module PDFs': the parse and page caches
    kept too would make the second build faster by more than the checklists."""
    for folder in (project / CACHE).iterdir() if (project / CACHE).is_dir() else ():
        if folder != cache_dir(project):
            shutil.rmtree(folder, ignore_errors=True)


def run_checklist_benchmark(work: Path, repo: Path, corpus: Path, repeat: int, log=print) -> ChecklistBenchmark:
    project = make_project(work / "project", repo, corpus)
    command = [str(BIN / "isacs"), "build-site"]
    generation, cold, cached = [], [], []
    counts, size = Counter(), 0
    for round_ in range(1, repeat + 1):
        seconds, counts, size = generation_time(project)
        generation.append(seconds)
        log(f"  round {round_}: generation        {seconds:7.2f} s  ({sum(counts.values())} files)")
        shutil.rmtree(project / CACHE, ignore_errors=True)
        shutil.rmtree(project / "site", ignore_errors=True)
        cold.append(timed_run(command, project, "cold").wall)
        log(f"  round {round_}: build, cold        {cold[-1]:7.2f} s")
        checklists_only(project)
        shutil.rmtree(project / "site", ignore_errors=True)
        cached.append(timed_run(command, project, "cold").wall)
        log(f"  round {round_}: build, checklists cached {cached[-1]:7.2f} s")
    return ChecklistBenchmark(dict(sorted(counts.items())), size, tuple(generation), tuple(cold), tuple(cached))


def format_report(result: ChecklistBenchmark, target: float) -> str:
    median = statistics.median
    cold, cached = median(result.cold_build), median(result.cached_build)
    checklists = {fmt: n for fmt, n in result.files.items() if fmt != "module pdf"}
    files = ", ".join(f"{n} {fmt.upper()}" for fmt, n in checklists.items())
    return "\n".join(
        [
            f"checklist files: {sum(checklists.values())} ({files}); module PDFs: "
            f"{result.files.get('module pdf', 0)}; {result.bytes / 1e6:.1f} MB together",
            f"generation from scratch (in-process): median {median(result.generation):.2f} s, "
            f"best {min(result.generation):.2f} s",
            f"isacs build-site cold: median {cold:.2f} s; with the checklists cached: median {cached:.2f} s",
            f"checklists and module PDFs in a cold build: {result.added:.2f} s (median of the rounds' differences) = "
            f"{result.share:.0%} of it "
            f"(target < {target:.0%}: {'ok' if result.share < target else 'MISSED'})",
        ]
    )
