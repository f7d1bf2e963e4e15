"""`scripts/benchmark.py weight` weighs what a reader downloads on a first visit to a module page (the HTML
and every stylesheet and script the page loads, gzipped), in every language of a built site."""

from __future__ import annotations

import gzip
import re
import subprocess
import sys

from benchmarks.page_weight import module_pages
from site_testkit import LANGS, REPO


def test_every_stylesheet_and_script_of_the_page_is_weighed(site):
    weights = module_pages(site, list(LANGS), "isacs/05.30")
    assert [w.lang for w in weights] == list(LANGS)
    for weight in weights:
        html = (site / weight.page).read_text(encoding="utf-8")
        loaded = re.findall(r'<link rel="stylesheet" href="([^"]+)"|<script src="([^"]+)"', html)
        names = {path.rsplit("/", 1)[-1] for path, _, _ in weight.files}
        assert len(weight.files) == 1 + len({a or b for a, b in loaded})
        assert {(a or b).rsplit("/", 1)[-1] for a, b in loaded} <= names
        assert {"isacs.css", "isacs-cite.js", "isacs-offline.js"} <= names
        assert not any("pagefind" in path for path, _, _ in weight.files)  # search loads on first use
        page, raw, zipped = weight.files[0]
        assert page == weight.page and raw == len((site / page).read_bytes())
        assert zipped == len(gzip.compress((site / page).read_bytes(), compresslevel=6, mtime=0)) < raw


def test_the_benchmark_command_reports_each_language(site):
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "benchmark.py"), "weight", "--site", str(site)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    for lang in LANGS:
        assert re.search(rf"^  {lang}: +\d+\.\d KiB gzipped .* ok ", done.stdout, re.M), done.stdout
    too_small = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "benchmark.py"), "weight", "--site", str(site), "--target", "10"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert too_small.returncode == 1 and "MISSED" in too_small.stdout
