"""`scripts/benchmark.py build` runs the three builds on the fixture corpus and reports what it should.
(The times are measured by the benchmark, never asserted here: targets are disabled with --no-targets.)"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from benchmarks.build import EDIT, Build, Run, edited, missed_targets
from site_testkit import LANGS, MINI, REPO

BENCHMARK = [sys.executable, str(REPO / "scripts" / "benchmark.py"), "build"]


@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bench-build")
    done = subprocess.run(BENCHMARK + ["--corpus", str(MINI), "--no-targets", "--keep", str(tmp / "work"),
                                       "--json", str(tmp / "result.json")], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout, {b["name"]: b for b in json.loads((tmp / "result.json").read_text("utf-8"))}, tmp / "work"


def test_every_build_is_run_cold_and_warm(bench):
    stdout, builds, work = bench
    assert [(r["cache"]) for r in builds["merged"]["runs"]] == ["cold", "warm"]
    assert [(r["cache"]) for r in builds["parallel"]["runs"]] == ["cold", "warm", "edit"]
    assert [(r["cache"]) for r in builds["stock"]["runs"]] == ["-"]
    for build in builds.values():
        assert all(r["wall"] > 0 and r["user"] > 0 for r in build["runs"])
    for name, command, runs in (("merged", "mkdocs build --strict", 2), ("parallel", "isacs build-site", 3)):
        assert sum(line.startswith(f"{name:<9} {command} ") for line in stdout.splitlines()) == runs
    assert "isacs build-site after editing one module in one language: " in stdout
    # the stock project is Material + static-i18n over the staged pages, without our plugin or theme overrides
    config = (work / "stock" / "mkdocs.yml").read_text("utf-8")
    assert "isacs" not in config.split("plugins:")[1].split("markdown_extensions:")[0]
    assert "custom_dir" not in config and "docs_dir: docs" in config
    assert (work / "stock" / "docs" / "glossary" / "index.zh.md").is_file()


def test_outputs_are_the_built_sites(bench):
    _, builds, work = bench
    assert builds["merged"]["site_files"] == builds["parallel"]["site_files"]  # the same site, built two ways
    site = work / "project" / "site"  # the parallel build's, left by the last run
    assert builds["parallel"]["site_bytes"] == sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    stock_site = work / "stock" / "site"
    assert (stock_site / "search" / "search_index.json").is_file() and not (stock_site / "pagefind").exists()
    assert not (site / "search").exists()


def test_stock_search_downloads_every_language(bench):
    _, builds, _ = bench
    payloads = builds["stock"]["search"]
    assert [p["lang"] for p in payloads] == list(LANGS)
    for payload in payloads:
        assert payload["languages_in_index"] == list(LANGS)  # static-i18n merges every language into one index
        assert payload["downloads"][0]["path"] == "search/search_index.json"
        assert {d["path"].rsplit("/", 1)[-1] for d in payload["downloads"]} >= {"lunr.multi.min.js", "lunr.zh.min.js"}


def test_our_search_downloads_only_the_readers_language(bench):
    _, builds, _ = bench
    payloads = {p["lang"]: p for p in builds["parallel"]["search"]}
    assert list(payloads) == list(LANGS)
    for lang, payload in payloads.items():
        data = [d["path"] for d in payload["downloads"] if d["kind"] in ("index", "fragments")]
        assert "pagefind/pagefind-entry.json" in data
        others = [p for p in data if p != "pagefind/pagefind-entry.json"
                  and not p.rsplit("/", 1)[-1].startswith((f"{lang}_", f"pagefind.{lang}_"))]
        assert others == []
        assert sum(d["kind"] == "index" and d["path"].endswith(".pf_index") for d in payload["downloads"]) >= 1
        assert payload["languages_in_index"] == [lang]
    # the fixture's French and Arabic designations of `marking` are found (Arabic through its stem: الوسم → وسم)
    assert payloads["fr"]["query"] == "marquage" and payloads["fr"]["matches"] > 0
    assert payloads["ar"]["query"] == "الوسم" and payloads["ar"]["matches"] > 0
    assert all(0 < sum(d["kind"] == "fragments" for d in p["downloads"]) <= 5 for p in payloads.values())


def test_the_edit_run_rebuilds_an_edited_source_and_restores_it(bench):
    _, _, work = bench
    project = work / "project"
    sources = {p: p.read_bytes() for p in (MINI / "modules").rglob("*.md")}
    assert all((project / p.relative_to(MINI)).read_bytes() == data for p, data in sources.items())  # restored
    with edited(project) as source:
        assert source.read_bytes().endswith(EDIT.encode("utf-8")) and source.name == "index.fr.md"
    assert source.read_bytes() == sources[MINI / source.relative_to(project)]


def _build(name: str, cold: float, warm: float, edit: float | None = None) -> Build:
    runs = (Run("cold", cold, 1.0, 0.1), Run("warm", warm, 1.0, 0.1))
    runs += (Run("edit", edit, 1.0, 0.1),) if edit is not None else ()
    return Build(name, name, runs, 1, 1, ())


def test_targets_are_ratios_of_the_stock_build_of_the_same_run():
    # issue 15: cold isacs build-site <= 0.75 x stock, cold mkdocs build <= 1.0 x stock; warm ours < warm merged
    stock = Build("stock", "stock", (Run("-", 20.0, 1.0, 0.1),), 1, 1, ())
    assert missed_targets([_build("merged", 20, 5), _build("parallel", 15, 4), stock]) == []
    missed = missed_targets([_build("merged", 21, 5), _build("parallel", 16, 6), stock])
    assert [m.split(" is ")[0] for m in missed] == [
        "isacs build-site cold 16.00 s",
        "mkdocs build cold 21.00 s",
        "isacs build-site warm 6.00 s",
    ]
    assert "0.80x the stock build's 20.00 s (target 0.75x)" in missed[0]
    # a rebuild after one edit: at most 0.25 x the cold build
    assert missed_targets([_build("merged", 20, 5), _build("parallel", 15, 4, edit=3.75), stock]) == []
    (edit,) = missed_targets([_build("merged", 20, 5), _build("parallel", 15, 4, edit=4.5), stock])
    assert edit.startswith("isacs build-site after one edit 4.50 s is 0.30x its cold 15.00 s (target 0.25x)")


def test_a_folder_without_a_corpus_is_a_one_line_error(tmp_path):
    done = subprocess.run(BENCHMARK + ["--corpus", str(tmp_path), "--no-targets"], capture_output=True, text=True,
                          cwd=REPO)
    assert done.returncode == 2
    assert done.stderr.strip() == f"benchmark build: {tmp_path}: no modules/ folder (not a corpus)"
