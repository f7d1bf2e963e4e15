"""`isacs build-site` (per-language builds in parallel, merged) writes the site `mkdocs build` writes;
`BUILD_ONLY_LOCALE` builds one language alone without disturbing the full build's staging."""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from site_testkit import LANGS, isacs_build_site, make_project, mkdocs_build, normalise_html, parse


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def comparable(path: Path) -> object:
    """A file's content for comparing two builds: HTML normalised, sitemap without the build date,
    Pagefind's language list parsed (it writes it in hash-map order)."""
    if path.suffix == ".html":
        return normalise_html(path.read_text(encoding="utf-8"))
    if path.name in ("sitemap.xml", "sitemap.xml.gz"):
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        return re.sub(r"<lastmod>[^<]*</lastmod>", "", data.decode("utf-8"))
    if path.name == "pagefind-entry.json":
        return json.loads(path.read_text(encoding="utf-8"))
    return path.read_bytes()


def test_build_site_writes_what_mkdocs_build_writes(site, project, tmp_path):
    out = tmp_path / "parallel"
    result = isacs_build_site(project, out)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr
    assert files(out) == files(site)
    different = [name for name in sorted(files(site)) if comparable(site / name) != comparable(out / name)]
    assert different == []
    # and it is the complete site: every language, its 404, one search bundle
    for lang in LANGS:
        path = out / "404.html" if lang == "en" else out / lang / "404.html"
        assert parse(path).find("html").attrs["lang"] == lang
    assert set(json.loads((out / "pagefind" / "pagefind-entry.json").read_text())["languages"]) == set(LANGS)
    # and it says where the time went: each phase, and each language in build order (benchmarks and
    # BENCHMARKS.md read this line)
    profile = next(line for line in result.stderr.splitlines() if line.startswith("isacs build-site: phases: "))
    phases, each = profile.removeprefix("isacs build-site: phases: ").split("; each language: ")
    names = [part.rsplit(" ", 2)[0] for part in phases.split(", ")]
    assert names == ["load", "collect", "render", "languages", "merge", "search", "offline"]
    assert [part.split(" ")[0] for part in each.split(", ")] == list(LANGS)
    assert all(re.fullmatch(r"\S+ \d+\.\d s", part) for part in [*phases.split(", "), *each.split(", ")])


def test_build_site_failure_leaves_the_previous_site(tmp_path):
    project = make_project(tmp_path / "project")
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("previous build", encoding="utf-8")
    en = project / "modules" / "isacs" / "05.30" / "index.en.md"
    en.write_text(en.read_text(encoding="utf-8").replace("(module:iatg/06.10)", "(module:iatg/99.99)"), encoding="utf-8")
    result = isacs_build_site(project, out)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("isacs build-site:")]
    assert len(errors) == 1 and "error(s) in the sources" in errors[0]
    assert "Traceback" not in result.stderr
    assert (out / "index.html").read_text(encoding="utf-8") == "previous build"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "project"]  # no scratch folder left


def test_build_only_locale_builds_one_language_and_keeps_the_full_staging(tmp_path):
    project = make_project(tmp_path / "project")
    assert mkdocs_build(project).returncode == 0
    staged = project / ".cache" / "isacs" / "docs"
    before = sorted(p.relative_to(staged).as_posix() for p in staged.rglob("*.md"))
    result = mkdocs_build(project, "-d", str(tmp_path / "fr"), env={"BUILD_ONLY_LOCALE": "fr"})
    assert result.returncode == 0, result.stderr[-3000:]
    home = parse(tmp_path / "fr" / "index.html")
    assert home.find("html").attrs["lang"] == "fr"
    assert not (tmp_path / "fr" / "fr").exists() and not (tmp_path / "fr" / "ar").exists()
    assert json.loads((tmp_path / "fr" / "pagefind" / "pagefind-entry.json").read_text())["languages"].keys() == {"fr"}
    assert sorted(p.relative_to(staged).as_posix() for p in staged.rglob("*.md")) == before
    assert {lang for p in before for lang in LANGS if p.endswith(f".{lang}.md")} == set(LANGS)
