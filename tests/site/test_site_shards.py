"""The site built one language per machine and merged (`isacs build-shard` per language, then
`isacs merge-shards`) is byte for byte the site `isacs build-site` writes on one machine (issue 15). Each
shard runs as its own process from its own copy of the project, as a CI matrix job would."""

from __future__ import annotations

import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from site_testkit import BIN, LANGS, build_env, isacs_build_site


def isacs(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "isacs"), *args, "-f", str(project / "mkdocs.yml")],
        cwd=project,
        env=build_env(),
        capture_output=True,
        text=True,
    )


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_shards_built_apart_and_merged_are_the_one_machine_site(project, tmp_path):
    whole = tmp_path / "whole"
    result = isacs_build_site(project, whole)
    assert result.returncode == 0, result.stderr[-3000:]

    def shard(lang: str) -> subprocess.CompletedProcess:
        # a checkout per matrix job, with the checklist and PDF cache restored (actions/cache): content-keyed,
        # so the restored files are the ones this build would make
        machine = tmp_path / f"machine-{lang}"
        shutil.copytree(project, machine, ignore=shutil.ignore_patterns("site"))
        return isacs(machine, "build-shard", lang, "-d", str(tmp_path / "shards" / lang))

    with ThreadPoolExecutor(2) as pool:
        done = dict(zip(LANGS, pool.map(shard, LANGS)))
    assert all(r.returncode == 0 for r in done.values()), {k: r.stderr[-2000:] for k, r in done.items()}
    # a shard is one language: the default one at its root, another under /<lang>/, no search index yet
    assert (tmp_path / "shards" / "fr" / "fr" / "index.html").is_file()
    assert not (tmp_path / "shards" / "fr" / "pagefind").exists()

    merged = tmp_path / "merged"
    given = [f"{lang}={tmp_path / 'shards' / lang}" for lang in reversed(LANGS)]  # any order on the command line
    result = isacs(project, "merge-shards", *given, "-d", str(merged))
    assert result.returncode == 0, result.stderr[-3000:]
    expected, got = files(whole), files(merged)
    assert sorted(got) == sorted(expected)
    assert [name for name in expected if got[name] != expected[name]] == []


def test_merge_refuses_a_missing_or_unbuilt_shard(project, tmp_path):
    (tmp_path / "empty").mkdir()
    some = [f"{lang}={tmp_path / 'empty'}" for lang in LANGS[:-1]]
    result = isacs(project, "merge-shards", *some, "-d", str(tmp_path / "out"))
    assert result.returncode == 2 and "must be exactly en, fr, es, ar, ru, zh" in result.stderr
    result = isacs(project, "merge-shards", *some, f"{LANGS[-1]}={tmp_path / 'empty'}", "-d", str(tmp_path / "out"))
    assert result.returncode == 2 and "not a built shard" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()
