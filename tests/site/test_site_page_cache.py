"""The page cache (isacs.mkdocs_adapter.page_cache) in real builds: after editing one module in one
language, a rebuild converts only the pages whose Markdown changed, and its site is byte for byte the site
a build without the cache makes of the same sources."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from site_testkit import html_pages, make_project, mkdocs_build

EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}
COUNTS = re.compile(r"isacs: (\d+) page\(s\) converted, (\d+) from the page cache")
EDIT = "A sentence added by the editor, seen in the rebuilt page."


def counts(stderr: str) -> tuple[int, int]:
    found = COUNTS.findall(stderr)
    assert len(found) == 1, stderr[-3000:]
    return int(found[0][0]), int(found[0][1])


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_an_edit_reconverts_only_its_pages_and_the_site_is_a_cold_builds(tmp_path):
    project = make_project(tmp_path / "project")
    first = mkdocs_build(project, env=EPOCH)
    assert first.returncode == 0, first.stderr[-3000:]
    converted, kept = counts(first.stderr)
    assert kept == 0 and converted > 0
    french_pages = len([p for p in html_pages(project / "site") if p.relative_to(project / "site").parts[0] == "fr"])

    source = project / "modules" / "isacs" / "05.30" / "index.fr.md"
    source.write_text(source.read_text(encoding="utf-8") + f"\n{EDIT}\n", encoding="utf-8")
    again = mkdocs_build(project, env=EPOCH)
    assert again.returncode == 0, again.stderr[-3000:]
    reconverted, kept = counts(again.stderr)
    # The French module page and the French pages that list its requirements; nothing of the other languages.
    assert 1 <= reconverted < french_pages, (reconverted, french_pages)
    assert kept == converted - reconverted
    assert EDIT in (project / "site" / "fr" / "isacs" / "05.30" / "index.html").read_text(encoding="utf-8")
    warm = files(project / "site")

    shutil.rmtree(project / "site")
    cold = mkdocs_build(project, env={**EPOCH, "ISACS_PAGE_CACHE": "off"})
    assert cold.returncode == 0, cold.stderr[-3000:]
    assert counts(cold.stderr) == (converted, 0)
    cold_files = files(project / "site")
    assert sorted(warm) == sorted(cold_files)
    assert [name for name in warm if warm[name] != cold_files[name]] == []
