"""`scripts/benchmark.py checklists` makes every checklist file and builds the site cold and with the
checklists cached. (Times are measured by the benchmark, never asserted: only what it counts and how
it combines the rounds.)"""

from __future__ import annotations

import subprocess
import sys

import pytest

from benchmarks.checklists import ChecklistBenchmark, checklists_only
from site_testkit import MINI, REPO

BENCHMARK = [sys.executable, str(REPO / "scripts" / "benchmark.py"), "checklists"]


def test_share_is_the_median_of_paired_differences_over_the_median_cold_build():
    result = ChecklistBenchmark({"pdf": 1}, 1, (1.0,), cold_build=(10.0, 20.0, 12.0), cached_build=(7.0, 8.0, 10.0))
    assert result.added == 3.0  # differences 3, 12, 2: a slow round (12) does not decide the figure
    assert result.share == pytest.approx(3.0 / 12.0)


def test_the_benchmark_counts_every_file_of_the_fixture_corpus():
    done = subprocess.run(
        BENCHMARK + ["--corpus", str(MINI), "--repeat", "1", "--target", "1.0"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    # 2 modules + 2 series bundles, in 4 formats and 6 languages; each module's PDF in 6 languages
    assert "checklist files: 96 (24 CSV, 24 JSON, 24 PDF, 24 XLSX); module PDFs: 12;" in done.stdout
    assert "isacs build-site cold: median" in done.stdout and "of it (target < 100%: ok)" in done.stdout


def test_the_second_build_keeps_only_the_checklist_cache(tmp_path):
    for name in ("checklists", "parse", "pages"):
        (tmp_path / ".cache" / "isacs" / name).mkdir(parents=True)
        (tmp_path / ".cache" / "isacs" / name / "entry").write_text(name)
    checklists_only(tmp_path)
    assert [p.name for p in (tmp_path / ".cache" / "isacs").iterdir()] == ["checklists"]
    assert (tmp_path / ".cache" / "isacs" / "checklists" / "entry").read_text() == "checklists"
