"""`scripts/benchmark.py serve` times what an editor waits for under `mkdocs serve`: the rebuild of all six
languages after one source is edited; the edited source is given back as it was."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

from site_testkit import REPO, build_env


def test_the_serve_benchmark_times_a_rebuild_and_restores_the_source(project, tmp_path):
    copy = shutil.copytree(project, tmp_path / "project", ignore=shutil.ignore_patterns("site"))
    source = copy / "modules" / "isacs" / "05.30" / "index.fr.md"
    before = source.read_bytes()
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "benchmark.py"), "serve", "-f", str(copy / "mkdocs.yml"),
         "--target", "600"],
        capture_output=True, text=True, cwd=copy, env=build_env(), timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert re.search(r"^first build \d+\.\d s; rebuild after editing modules/isacs/05\.30/index\.fr\.md: "
                     r"\d+\.\d s  target < 600 s  ok$", done.stdout, re.M), done.stdout
    assert source.read_bytes() == before
