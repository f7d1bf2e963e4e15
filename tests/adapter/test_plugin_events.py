"""The isacs mkdocs plugin's events, run in-process as mkdocs runs them (`config.plugins.run_event`) on the
fixture project: what each hook does to the config, the staged pages, a page's HTML and the finished site.
(Whole builds, in subprocesses, are tested in tests/site.)

Where static-i18n builds the other languages (its post-build calls mkdocs' `build` once per language), the
`language_builds` fixture stands in for `build`: the same events around two stand-in pages per language.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import mkdocs_static_i18n.plugin
import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation

from isacs.core.validate import check_repository
from isacs.mkdocs_adapter.plugin import IsacsPlugin
from isacs.render.site import navigation

LANGS = ("en", "fr", "es", "ar", "ru", "zh")
DEFAULT = "en"
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def configured(make_config, **options) -> MkDocsConfig:
    config = make_config(**options)
    return config.plugins.run_event("config", config)


def plugin(config: MkDocsConfig) -> IsacsPlugin:
    return config.plugins["isacs"]


def files_and_nav(config: MkDocsConfig):
    files = config.plugins.run_event("files", get_files(config), config=config)
    nav = config.plugins.run_event("nav", get_navigation(files, config), config=config, files=files)
    return files, nav


def render_page(config: MkDocsConfig, files, src_uri: str, more_markdown: str = "") -> tuple[str, str]:
    """One page through the page events as mkdocs' build runs them: (HTML as rendered, HTML after
    `page_content`). `more_markdown` is appended to the page's Markdown before it is rendered."""
    page = files.get_file_from_path(src_uri).page
    page.read_source(config)
    page.markdown = config.plugins.run_event("page_markdown", page.markdown, page=page, config=config, files=files)
    page.markdown += more_markdown
    page.render(config, files)
    return page.content, config.plugins.run_event("page_content", page.content, page=page, config=config, files=files)


# --- on_config: stage the pages, point mkdocs at them -----------------------------------------------------


def test_on_config_points_docs_dir_at_the_staged_pages_and_sets_the_nav(make_config, project):
    config = make_config()
    assert plugin(config).staged is None  # a new plugin: nothing staged by an earlier test
    config = config.plugins.run_event("config", config)
    assert Path(config.docs_dir) == project / ".cache" / "isacs" / "docs"
    corpus, _ = check_repository(project)
    assert config.nav == navigation(corpus)
    assert config.nav[:4] == [
        "index.md",
        "modules/index.md",
        {"ISACS": ["isacs/05.30/index.md"]},
        {"IATG": ["iatg/06.10/index.md"]},
    ]
    # static-i18n (on_config after ours) builds the default language first, from the staged pages
    assert config.plugins["i18n"].current_language == DEFAULT
    files, _ = files_and_nav(config)
    pages = {file.src_uri for file in files.documentation_pages()}
    assert {"index.en.md", "isacs/05.30/index.en.md", "glossary/index.en.md"} <= pages
    assert all(uri.endswith(".en.md") for uri in pages)


def test_a_nav_written_in_mkdocs_yml_is_kept(make_config):
    config = configured(make_config, nav=["index.md", {"Glossary": "glossary/index.md"}])
    assert config.nav == ["index.md", {"Glossary": "glossary/index.md"}]


def test_every_page_is_staged_in_every_language(make_config):
    staged = Path(configured(make_config).docs_dir)
    for lang in LANGS:
        for page in (
            "index",
            "modules/index",
            "isacs/05.30/index",
            "iatg/06.10/index",
            "glossary/index",
            "downloads/index",
            "xref/index",
        ):
            assert (staged / f"{page}.{lang}.md").is_file(), f"{page}.{lang}.md"
    assert 'title: "ISACS 05.30 — Fixture de marquage"' in (staged / "isacs/05.30/index.fr.md").read_text("utf-8")
    assert 'title: "ISACS 05.30 — Marking fixture"' in (staged / "isacs/05.30/index.en.md").read_text("utf-8")


def test_the_sources_are_staged_once_per_process(make_config):
    """static-i18n runs on_config again for each language it builds: the pages are not rendered again."""
    config = configured(make_config)
    staged = Path(config.docs_dir)
    before = {path: path.stat().st_mtime_ns for path in staged.rglob("*.md")}
    isacs = plugin(config)
    config.plugins["i18n"].current_language = "fr"
    config = config.plugins.run_event("config", config)
    assert plugin(config) is isacs and Path(config.docs_dir) == staged
    assert {path: path.stat().st_mtime_ns for path in staged.rglob("*.md")} == before


def test_a_one_language_build_stages_apart(make_config, monkeypatch, project):
    monkeypatch.setenv("BUILD_ONLY_LOCALE", "fr")
    staged = Path(configured(make_config).docs_dir)
    assert staged == project / ".cache" / "isacs" / "docs-fr"  # never strips the full staging folder
    assert (staged / "isacs/05.30/index.fr.md").is_file()
    assert {path.name.split(".")[-2] for path in staged.rglob("*.md")} == {"fr"}


# --- on_page_content: the sanitiser --------------------------------------------------------------------------


def test_page_content_is_sanitised(make_config):
    config = configured(make_config)
    files, _ = files_and_nav(config)
    config.plugins.run_event("pre_build", config=config)
    slipped = (
        '\n\n<script>alert(1)</script>\n\n<p onclick="alert(2)">Click</p>\n\n<a href="javascript:alert(3)">x</a>\n'
    )
    rendered, content = render_page(config, files, "isacs/05.30/index.en.md", slipped)
    assert "<script>alert(1)</script>" in rendered and "onclick" in rendered  # what Markdown let through
    assert "<script" not in content and "onclick" not in content and "javascript:" not in content
    assert "<p>Click</p>" in content
    assert 'id="r001"' in content and "isacs-req" in content  # the page itself is kept


def test_page_content_is_the_last_word(make_config):
    """The sanitiser runs after every other plugin's page_content (priority -100)."""
    config = configured(make_config)
    html = config.plugins.run_event(
        "page_content",
        '<p>ok</p><img src="x.png" onerror="alert(1)"><script>1</script>',
        page=SimpleNamespace(file=SimpleNamespace(src_uri="index.en.md"), meta={}),
        config=config,
        files=None,
    )
    assert "<p>ok</p>" in html and "onerror" not in html and "<script" not in html
    events = config.plugins.events["page_content"]
    assert events[-1].__self__ is plugin(config)


# --- on_serve: rebuild when the sources change ------------------------------------------------------------------


def test_serve_watches_the_sources(make_config, project):
    config = configured(make_config)

    class Server:
        watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = config.plugins.run_event("serve", Server(), config=config, builder=None)
    assert server.watched == [str(project / "modules"), str(project / "glossary")]


# --- on_startup, on_pre_build, on_post_build: the finished site -------------------------------------------------


def stand_in_page(lang: str, what: str) -> str:
    """A built page as the theme writes it: the CSP tag (overrides/main.html) before an inline script."""
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">'
        f'<script>var lang = "{lang}"</script></head><body><h1>{what} {lang}</h1></body></html>'
    )


@pytest.fixture
def language_builds(monkeypatch):
    """`build(config)`: one language's build as mkdocs runs it (config, pre_build, the pages, post_build),
    with two stand-in pages: its home page and the 404 page every language's build writes to site/404.html.
    It replaces mkdocs' build where static-i18n calls it, for the other languages."""

    def build(config: MkDocsConfig, dirty: bool = False) -> None:
        config = config.plugins.run_event("config", config)
        config.plugins.run_event("pre_build", config=config)
        lang = config.plugins["i18n"].current_language
        site = Path(config.site_dir)
        home = site / ("" if lang == DEFAULT else lang) / "index.html"
        home.parent.mkdir(parents=True, exist_ok=True)
        home.write_text(stand_in_page(lang, "Home"), encoding="utf-8")
        (site / "404.html").write_text(stand_in_page(lang, "Not found"), encoding="utf-8")
        config.plugins.run_event("post_build", config=config)

    monkeypatch.setattr(mkdocs_static_i18n.plugin, "build", build)
    return build


def test_every_language_keeps_its_own_404_page(make_config, language_builds):
    config = make_config(isacs={"search": "none"})
    config.plugins.run_event("startup", command="build", dirty=False)
    language_builds(config)
    site = Path(config.site_dir)
    for lang in LANGS:
        page = site / ("404.html" if lang == DEFAULT else f"{lang}/404.html")
        assert f"<h1>Not found {lang}</h1>" in page.read_text(encoding="utf-8"), lang
    assert plugin(config).languages_stack == []  # every nested build finished


@pytest.mark.parametrize("command", ["build", "gh-deploy", "serve"])
def test_the_csp_is_written_unless_serving(make_config, language_builds, command):
    """`mkdocs serve` injects its live-reload script inline: the pages go without a policy there."""
    config = make_config(isacs={"search": "none"})
    config.plugins.run_event("startup", command=command, dirty=False)
    language_builds(config)
    site = Path(config.site_dir)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == 2 * len(LANGS)
    policies = [CSP_META.search(page.read_text(encoding="utf-8")) for page in pages]
    if command == "serve":
        assert not any(policies) and not (site / "_headers").exists()
    else:
        assert all(p and "'sha256-" in p.group(1) for p in policies)  # the inline script, hashed
        assert "Content-Security-Policy:" in (site / "_headers").read_text(encoding="utf-8")


def test_a_rebuild_under_serve_renders_the_edited_source(make_config, language_builds, project_copy):
    """`mkdocs serve` reloads mkdocs.yml before each rebuild, but mkdocs keeps the plugin instances that have
    an `on_startup` (ours has): the finished build forgets its staging, so the next one renders the edit."""
    config = make_config(at=project_copy, isacs={"search": "none"})
    config.plugins.run_event("startup", command="serve", dirty=False)
    language_builds(config)
    source = project_copy / "modules" / "isacs" / "05.30" / "index.en.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace(
            "Fixture text written for the tests.", "Fixture text edited while serving."
        ),
        encoding="utf-8",
    )
    config = make_config(at=project_copy, isacs={"search": "none"})  # serve's rebuild: config reloaded
    language_builds(config)
    staged = Path(config.docs_dir) / "isacs" / "05.30" / "index.en.md"
    assert "Fixture text edited while serving." in staged.read_text(encoding="utf-8")
