"""The module diagrams in a real `mkdocs build --strict` of a fixture copy: the SVG survives Markdown
intact, every box links to a built page of the same language, both arrow styles occur, text is escaped,
and no page loads Mermaid.

The copy differs from the mini fixture in two ways: isacs/05.30 no longer links to iatg/06.10 in its
English text (so that reference comes from `related:` only: a dashed arrow), and the English title of
iatg/06.10 holds characters that must be escaped.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from isacs.core.languages import LANGUAGES

REPO = Path(__file__).resolve().parents[2]
NS = "{http://www.w3.org/2000/svg}"
HOSTILE_TITLE = 'Storage & "handling" <fixture>'


def make_project(mini: Path, dest: Path) -> Path:
    shutil.copytree(mini, dest)
    english = dest / "modules" / "isacs" / "05.30" / "index.en.md"
    text = english.read_text(encoding="utf-8")
    assert "see [IATG 06.10](module:iatg/06.10) and" in text
    english.write_text(text.replace("see [IATG 06.10](module:iatg/06.10) and", "see IATG 06.10 and"), encoding="utf-8")
    iatg = dest / "modules" / "iatg" / "06.10" / "index.en.md"
    text = iatg.read_text(encoding="utf-8")
    assert "\ntitle: Storage fixture\n" in text
    iatg.write_text(text.replace("\ntitle: Storage fixture\n", f"\ntitle: '{HOSTILE_TITLE}'\n"), encoding="utf-8")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^(\s*custom_dir:).*$", rf"\1 {REPO / 'overrides'}", config)
    config = re.sub(r"(?m)^site_dir:.*$", f"site_dir: {dest / 'site'}", config)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


@pytest.fixture(scope="module")
def site(tmp_path_factory, paths) -> Path:
    project = make_project(paths["mini"], tmp_path_factory.mktemp("graph") / "project")
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "BUILD_ONLY_LOCALE")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-f", str(project / "mkdocs.yml")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr, result.stderr[-3000:]
    return project / "site"


def modules_page(site: Path, lang: str) -> Path:
    return (site if lang == "en" else site / lang) / "xref" / "modules" / "index.html"


def diagrams(page: Path) -> list[ET.Element]:
    """The diagrams of a built page, parsed as XML: a Markdown-mangled SVG would not parse."""
    found = re.findall(r'<svg [^>]*class="isacs-module-graph".*?</svg>', page.read_text(encoding="utf-8"), re.S)
    return [ET.fromstring(svg) for svg in found]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_box_links_to_a_built_page_of_the_same_language(site, lang):
    page = modules_page(site, lang)
    graphs = diagrams(page)
    assert len(graphs) == 2
    hrefs = [a.get("href") for graph in graphs for a in graph.iter(NS + "a")]
    assert len(hrefs) == 4
    lang_root = (site if lang == "en" else site / lang).resolve()
    for href in hrefs:
        target = (page.parent / href / "index.html").resolve()
        assert target.is_file(), (lang, href)
        assert target.parent.relative_to(lang_root).parts[0] in ("isacs", "iatg"), (lang, href)
        html = target.read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html, (lang, href)


def test_both_arrow_styles_occur(site):
    for graph in diagrams(modules_page(site, "en")):
        paths = {p.get("class"): p for p in graph.iter(NS + "path") if p.get("class", "").startswith("isacs-graph-")}
        assert set(paths) == {"isacs-graph-text", "isacs-graph-related"}
        assert paths["isacs-graph-related"].get("stroke-dasharray") and not paths["isacs-graph-text"].get(
            "stroke-dasharray"
        )


def test_titles_from_sources_are_escaped(site):
    page = modules_page(site, "en")
    raw = re.findall(r'<svg [^>]*class="isacs-module-graph".*?</svg>', page.read_text(encoding="utf-8"), re.S)
    assert len(raw) == 2 and all("<fixture>" not in svg and "&lt;fixture&gt;" in svg for svg in raw)
    tooltips = [a.find(NS + "title").text for graph in diagrams(page) for a in graph.iter(NS + "a")]
    assert tooltips.count(HOSTILE_TITLE) == 2


def test_translated_accessible_name_and_ltr_drawing_on_arabic_page(site):
    graph = diagrams(modules_page(site, "ar"))[0]
    assert graph.get("role") == "group" and graph.get("dir") == "ltr"
    assert graph.find(NS + "title").text == "الإحالات بين الوحدات: ISACS"
    assert graph.find(NS + "desc").text.startswith("الوحدات المعروضة: 2")


def test_no_page_loads_mermaid(site):
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "mermaid" not in text.lower() and "unpkg" not in text, page
