"""The Jinja2 templates of the generated pages (src/isacs/templates/): every one used, none of the HTML
built with f-strings any more, autoescaping where HTML is written, Markdown escaping where Markdown is, and
a site's `overrides/isacs/` replacing a packaged template the way Material's partials are overridden."""

from __future__ import annotations

import ast
import dataclasses
import re
import shutil
from functools import lru_cache
from pathlib import Path

import markdown
import pytest
import yaml
from jinja2 import meta

import isacs
from isacs import templating
from isacs.checklists.filters import Filters
from isacs.checklists.html import document_html
from isacs.checklists.rows import build_checklist
from isacs.checklists.stamp import make_stamp
from isacs.core.md_lists import MARKDOWN_EXTENSIONS
from isacs.core.validate import check_repository
from isacs.i18n.strings import t
from isacs.render import index_pages, module_page, templates, xref_instruments, xref_pages

PACKAGE = Path(isacs.__file__).parent
TEMPLATES = PACKAGE / "templates"
MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
NAMES = sorted(
    p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*") if p.is_file() and p.name != "README.md"
)
# Code that renders a generated page or document: no HTML from f-strings there.
RENDERING = sorted(
    [*(p.relative_to(PACKAGE).as_posix() for p in (PACKAGE / "render").glob("*.py")), "checklists/html.py"]
)
HOSTILE = "<script>alert(1)</script> *em* [link](javascript:alert(1)) `code` | x & y"


# Conversions in progress: strict xfail marks, so each has to go once its conversion is done (none left).
PENDING_USE: dict = {}
PENDING_FSTRINGS: dict = {}


@pytest.fixture(autouse=True)
def packaged_templates():
    """Every test starts and ends with the packaged templates (no override left configured)."""
    templates.configure(None)
    yield
    templates.configure(None)


@pytest.fixture(scope="module")
def mini():
    corpus, problems = check_repository(MINI)
    assert not [p for p in problems if p.code.startswith("E")], problems
    return corpus


@lru_cache(maxsize=1)
def _used_names() -> frozenset[str]:
    """Template names the package's code mentions, and every template those include or import."""
    strings = {
        node.value
        for path in PACKAGE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    used, todo = set(), [name for name in NAMES if name in strings]
    env = templates.environment()
    while todo:
        name = todo.pop()
        if name not in used:
            used.add(name)
            source = env.loader.get_source(env, name)[0]
            todo += [ref for ref in meta.find_referenced_templates(env.parse(source)) if ref]
    return frozenset(used)


def test_there_are_templates():
    assert {"checklist.html", "requirement_head.html", "partials/front_matter.md", "module_graph.svg"} <= set(NAMES)


@pytest.mark.parametrize("name", [pytest.param(n, marks=PENDING_USE[n]) if n in PENDING_USE else n for n in NAMES])
def test_every_template_is_used(name):
    assert name in _used_names(), f"{name}: no code renders it and no used template includes it (dead template)"


@pytest.mark.parametrize("name", NAMES)
def test_the_readme_lists_every_template(name):
    assert f"`{name}`" in (TEMPLATES / "README.md").read_text("utf-8"), f"document {name} in templates/README.md"


@pytest.mark.parametrize(
    "path", [pytest.param(p, marks=PENDING_FSTRINGS[p]) if p in PENDING_FSTRINGS else p for p in RENDERING]
)
def test_no_html_is_built_with_f_strings(path):
    lines = (PACKAGE / path).read_text("utf-8").splitlines()
    found = [
        f"{path}:{n}: {line.strip()}"
        for n, line in enumerate(lines, 1)
        if re.search(r"""\b[rR]?[fF][rR]?["']<""", line)
    ]
    assert not found, "HTML from an f-string; write it in a template (src/isacs/templates):\n" + "\n".join(found)


def test_the_f_string_scan_sees_the_forms_it_forbids():
    for line in ('x = f"<p>{a}</p>"', "x = f'<a href={b}>'", 'x = rf"<b>"'):
        assert re.search(r"""\b[rR]?[fF][rR]?["']<""", line), line
    assert not re.search(r"""\b[rR]?[fF][rR]?["']<""", 'x = "<p>" + f"{a}"')


def test_autoescape_is_on_for_html_and_off_for_markdown():
    env = templates.environment()
    assert env.autoescape("checklist.html") and env.autoescape("module_graph.svg") and env.autoescape("x.xml")
    assert not env.autoescape("home.md")
    assert env.from_string("{{ x }}").render(x="<b>") == "<b>"  # no name, no autoescape: as .md


def test_a_module_title_is_escaped_in_an_html_template(mini, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    module = mini.modules["isacs/05.30"]
    corpus = dataclasses.replace(
        mini,
        modules={
            **mini.modules,
            module.id: dataclasses.replace(
                module,
                title=HOSTILE,
                translations={lang: dataclasses.replace(tr, title=HOSTILE) for lang, tr in module.translations.items()},
            ),
        },
    )
    document = document_html(build_checklist(corpus, Filters(lang="en", modules=(module.id,)), make_stamp(MINI)))
    assert "<script>" not in document
    assert "<h1>ISACS 05.30 — &lt;script&gt;alert(1)&lt;/script&gt; *em*" in document
    assert "<title>Checklist — ISACS 05.30 — &lt;script&gt;alert(1)&lt;/script&gt;" in document


def test_autoescape_uses_the_standard_librarys_entities():
    """`&quot;` and `&#x27;` as html.escape writes them (MarkupSafe would write &#34; and &#39;): the pages
    kept their bytes when they moved to templates."""
    env = templates.environment()
    assert env.from_string("{{ x }}").render(x="'\"<&") == "'\"<&"
    html = templating.environment().get_template("partials/badges.html").module.gap('l\'a "b" <c>')
    assert html == '<span class="isacs-gap">l&#x27;a &quot;b&quot; &lt;c&gt;</span>'


def test_front_matter_is_one_yaml_safe_quoted_title():
    for title in ("Modules", 'a: "b" # c', "x\\y\n- z", "<b>&</b>", "\u2028\x85\ufeff"):
        text = templates.front_matter(title, isacs_module="isacs/05.30")
        assert text.startswith('---\ntitle: "') and text.endswith("\n---\n")
        data = yaml.safe_load(text.strip("-\n"))
        # HTML-escaped: the theme writes the title into <title> and the navigation without escaping
        assert data == {
            "title": title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"),
            "isacs_module": "isacs/05.30",
        }


def _hostile(corpus):
    modules = {
        key: dataclasses.replace(
            m,
            title=HOSTILE,
            edition="2026 | <b>",
            version="*1*",
            translations={lang: dataclasses.replace(tr, title=HOSTILE) for lang, tr in m.translations.items()},
        )
        for key, m in corpus.modules.items()
    }
    instruments = {
        key: dataclasses.replace(
            i,
            titles={lang: HOSTILE for lang in i.titles},
            provisions={p: dataclasses.replace(v, topic=HOSTILE) for p, v in i.provisions.items()},
        )
        for key, i in corpus.instruments.items()
    }
    actors = {
        key: dataclasses.replace(a, labels={lang: HOSTILE for lang in a.labels}) for key, a in corpus.actors.items()
    }
    concepts = {
        key: dataclasses.replace(
            c, terms={lang: dataclasses.replace(term, designations=(HOSTILE,)) for lang, term in c.terms.items()}
        )
        for key, c in corpus.concepts.items()
    }
    return dataclasses.replace(corpus, modules=modules, instruments=instruments, actors=actors, concepts=concepts)


@pytest.mark.parametrize("page", ["xref_requirements", "xref_instruments", "xref_concepts", "xref_counts", "home"])
def test_titles_with_markup_stay_text_on_the_pages_that_wrote_them_raw(mini, page):
    """Module and instrument titles, provision topics, terms, actor labels, editions: plain text wherever a
    generated Markdown page puts them (these pages wrote some of them raw before the templates)."""
    corpus = _hostile(mini)
    render = {
        "xref_requirements": xref_pages.requirements_page,
        "xref_instruments": xref_instruments.render,
        "xref_concepts": xref_pages.concepts_page,
        "xref_counts": xref_pages.counts_page,
        "home": index_pages.home,
    }[page]
    html = markdown.markdown(render(corpus, "en").split("\n---\n", 1)[1], extensions=MARKDOWN_EXTENSIONS)
    assert "<script>" not in html and "<b>" not in html
    assert "<em>" not in html and "<code>" not in html and "javascript:" not in re.findall(r'href="([^"]*)"', html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *em* [link](javascript:alert(1)) `code` | x &amp; y" in html
    for table in re.findall(r"<table>.*?</table>", html, re.S):  # a `|` in a title does not add a cell
        columns = len(re.findall(r"<th[ >]", table))
        assert all(
            len(re.findall(r"<td[ >]", row)) == columns for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
        )


def _requirement_head(corpus, lang: str = "fr") -> str:
    """The head line of r001 on the French module page, as module_page renders it."""
    page = module_page.render(corpus, corpus.modules["isacs/05.30"], lang)
    (head,) = [line for line in page.split("\n") if '<a class="isacs-req-id" href="#r001"' in line]
    return head


def test_requirement_head_html(mini):
    head = _requirement_head(mini)
    assert head.startswith(
        '<span class="isacs-req-head"><a class="isacs-req-id" href="#r001" title="isacs/05.30#r001">'
        'r001</a> <span class="isacs-badge isacs-badge-shall">'
    )
    assert "{: .isacs-ref }" in head and head.endswith("</span>") and "\n" not in head


def test_a_template_in_overrides_isacs_replaces_the_packaged_one(mini, tmp_path):
    """What a site maintainer does to restyle the requirement block: copy the template, change it."""
    folder = tmp_path / "overrides" / "isacs"
    folder.mkdir(parents=True)
    packaged = TEMPLATES / "requirement_head.html"
    copy = shutil.copy(packaged, folder / "requirement_head.html")
    text = Path(copy).read_text("utf-8")
    assert 'class="isacs-req-head"' in text
    Path(copy).write_text(text.replace('class="isacs-req-head"', 'class="isacs-req-head site-custom"'), "utf-8")
    before = _requirement_head(mini)
    digest = templating.digest("requirement_head.html")

    templates.configure(tmp_path / "overrides")
    try:
        after = _requirement_head(mini)
        assert after == before.replace('class="isacs-req-head"', 'class="isacs-req-head site-custom"', 1)
        assert templating.digest("requirement_head.html") != digest  # caches of rendered files see it
        env = templates.environment()  # the other templates: still the packaged ones
        assert Path(env.get_template("requirement_head.html").filename) == folder / "requirement_head.html"
        assert Path(env.get_template("partials/badges.html").filename) == TEMPLATES / "partials" / "badges.html"
    finally:
        templates.configure(None)
    assert _requirement_head(mini) == before
