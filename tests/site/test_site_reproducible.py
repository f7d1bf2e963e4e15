"""Reproducible builds: two `isacs build-site` runs over the same sources, from two checkouts at different
paths, give byte-identical sites: every language's pages, the Pagefind index, the checklist downloads
(XLSX, CSV, JSON, PDF), the sitemap and the security headers. Dates come from SOURCE_DATE_EPOCH (or the
last commit); file modification times are not compared, bytes are.

The second build runs with another hash seed and time zone, so output that depends on set order or on
the local clock's zone shows as a difference."""
from __future__ import annotations

from pathlib import Path

from site_testkit import LANGS, isacs_build_site, make_project

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


def files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_of_the_same_sources_are_byte_identical(tmp_path):
    sites = []
    for name, env in (("one", {"PYTHONHASHSEED": "1", "TZ": "UTC"}),
                      ("two", {"PYTHONHASHSEED": "2", "TZ": "Asia/Kolkata"})):
        project = make_project(tmp_path / name / "project")
        site = tmp_path / name / "site"
        result = isacs_build_site(project, site, env={"SOURCE_DATE_EPOCH": EPOCH, **env})
        assert result.returncode == 0, result.stderr[-3000:]
        sites.append(files(site))
    one, two = sites
    assert sorted(one) == sorted(two)
    different = [name for name in one if one[name].read_bytes() != two[name].read_bytes()]
    assert different == [], f"{len(different)} of {len(one)} files differ between the builds: {different}"
    # and the comparison covered the whole site
    kinds = {Path(name).suffix for name in one}
    assert {".html", ".pdf", ".xlsx", ".csv", ".json", ".xml", ".gz", ".js", ".css"} <= kinds
    assert {"sitemap.xml", "sitemap.xml.gz", "_headers", "pagefind/pagefind-entry.json"} <= set(one)
    assert all(f"{lang}/index.html" in one for lang in LANGS[1:])
    assert any(name.startswith("pagefind/wasm.") for name in one)
    assert any(name.startswith("pagefind/index/zh_") for name in one)


def test_build_site_dates_the_build_with_the_last_commit_when_no_epoch_is_set(tmp_path, monkeypatch):
    import os
    import subprocess

    from isacs.checklists.stamp import date_from_commit

    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    subprocess.run([*git, "add", "file"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "x"], check=True,
                   env={**os.environ, "GIT_COMMITTER_DATE": "2026-02-03T04:05:06Z"})
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    date_from_commit(tmp_path)
    assert os.environ["SOURCE_DATE_EPOCH"] == "1770091506"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)  # an epoch given by the caller wins
    date_from_commit(tmp_path)
    assert os.environ["SOURCE_DATE_EPOCH"] == EPOCH
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    date_from_commit(tmp_path / "file")  # not a checkout (git fails): left unset, the build date is today
    assert "SOURCE_DATE_EPOCH" not in os.environ
