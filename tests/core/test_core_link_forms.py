"""Every link form Python-Markdown accepts, with a `term:`, `module:`, `req:` or `instrument:` target, is
checked by `isacs check` at the link's own file:line:col and resolved on the page; link syntax that the
page shows as text (code spans, fenced code, escaped brackets) is neither.

Each fixture is inserted into the bundled 05.30 module inside its annex (before the bibliography), once
with a target that exists and once with one that does not.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from isacs.core.md_lists import MARKDOWN_EXTENSION_CONFIGS, MARKDOWN_EXTENSIONS
from isacs.core.validate import check_repository
from isacs.render import module_page
from isacs.render.links import Page, PageLinks, SchemeLinksExtension, UnresolvedLink

REPO = Path(__file__).resolve().parents[2]
EN = "modules/isacs/05.30/index.en.md"
KNOWN, UNKNOWN = "term:marking", "term:ghost-term"
GLOSSARY_HREF = "../../glossary/index.md#marking"

# name -> (Markdown with {t} for the target, (line offset, column) of the link's start or None: no link, its text)
FORMS = {
    "inline": ("See [the marking]({t}) here.", (0, 5), "the marking"),
    "wrapped text": ("See the [marking\nof items]({t}) here.", (0, 9), "marking of items"),
    "with a title": ('See [the marking]({t} "A title") here.', (0, 5), "the marking"),
    "reference": ("See [the marking][ref-a] here.\n\n[ref-a]: {t}", (0, 5), "the marking"),
    "collapsed reference": ("See [marking notes][] here.\n\n[marking notes]: {t}", (0, 5), "marking notes"),
    "shortcut reference": ("See [marking rules] here.\n\n[marking rules]: {t}", (0, 5), "marking rules"),
    "wrapped reference": ("See the [marking\nrules][ref-b] here.\n\n[ref-b]: {t}", (0, 9), "marking rules"),
    "table cell": ("| Topic | Where |\n| --- | --- |\n| Marking | see [the marking]({t}) |", (2, 17), "the marking"),
    "list item": ("- First item\n- Second item with [the marking]({t})", (1, 20), "the marking"),
    "nested list item": ("- First item\n  - Nested item with [the marking]({t})", (1, 22), "the marking"),
    "admonition": ('!!! note "Reading"\n    Read [the marking]({t}) first.', (1, 10), "the marking"),
    "emphasis around": ("*See [the marking]({t}) here.*", (0, 6), "the marking"),
    "after a code span": ("Type `[x](y)` then [the marking]({t}).", (0, 20), "the marking"),
    "code span": ("Write `[the marking]({t})` to make a link.", None, "the marking"),
    "fenced code": ("```markdown\n[the marking]({t})\n```", None, "the marking"),
    "escaped brackets": ("Write \\[the marking]({t}) to show it.", None, "the marking"),
}


def insert(tmp_path: Path, snippet: str) -> tuple[Path, int]:
    """A copy of the bundled sources with `snippet` in 05.30's annex; the file line it starts on."""
    root = tmp_path / "repo"
    for folder in ("modules", "glossary"):
        shutil.copytree(REPO / folder, root / folder)
    path = root / EN
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index("## Bibliography {: .unnumbered }")
    path.write_text("\n".join(lines[:at] + snippet.split("\n") + [""] + lines[at:]), encoding="utf-8")
    return root, at + 1


def render_html(corpus, module_id: str = "isacs/05.30", lang: str = "en") -> str:
    """The module page as the site's Markdown renders it (mkdocs.yml's extensions plus the link resolver)."""
    links = PageLinks(corpus)
    links.page = Page(lang, f"{module_id}/index.md", module_id)
    page = module_page.render(corpus, corpus.modules[module_id], lang).split("---\n", 2)[2]
    md = markdown.Markdown(
        extensions=[*MARKDOWN_EXTENSIONS, SchemeLinksExtension(links)], extension_configs=MARKDOWN_EXTENSION_CONFIGS
    )
    return md.convert(page)


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self.open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.open.append((dict(attrs).get("href") or "", []))

    def handle_data(self, data):
        for _, texts in self.open:
            texts.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self.open:
            href, texts = self.open.pop()
            self.found.append((href, " ".join("".join(texts).split())))


def anchors(html: str) -> list[tuple[str, str]]:
    """(href, text) of every link of a page."""
    parser = _Anchors()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("name", FORMS)
def test_an_unknown_target_is_an_error_at_the_link(tmp_path, name):
    snippet, start, _ = FORMS[name]
    root, first = insert(tmp_path, snippet.format(t=UNKNOWN))
    _, problems = check_repository(root)
    found = [(p.location.line, p.location.col, p.code) for p in problems if p.location.path == EN]
    if start is None:
        assert found == [], f"{name}: the page shows this as text, so nothing is checked: {problems}"
    else:
        assert found == [(first + start[0], start[1], "E010")], (name, problems)


@pytest.mark.parametrize("name", FORMS)
def test_a_known_target_is_resolved_on_the_page(tmp_path, name):
    snippet, start, text = FORMS[name]
    root, _ = insert(tmp_path, snippet.format(t=KNOWN))
    corpus, problems = check_repository(root)
    assert not [p for p in problems if p.severity.value == "error"], problems
    html = render_html(corpus)
    resolved = [text for href, text in anchors(html) if href == GLOSSARY_HREF]
    assert "term:" not in " ".join(href for href, _ in anchors(html))
    if start is None:
        assert text not in resolved, name
        assert "term:marking" in html, f"{name}: the source shows as text on the page"
    else:
        assert resolved.count(text) == 1, (name, resolved)


@pytest.mark.parametrize(
    "target, href",
    [
        ("term:marking", "../../glossary/index.md#marking"),
        ("module:isacs/05.31", "../05.31/index.md"),
        ("req:#r002", "index.md#r002"),
        ("req:isacs/05.31#r001", "../05.31/index.md#r001"),
        ("instrument:ITI", "../../xref/instruments/index.md#ITI"),
    ],
)
def test_each_scheme_is_resolved_in_a_wrapped_reference_link(tmp_path, target, href):
    root, _ = insert(tmp_path, f"See the [linked\ntext][x-ref].\n\n[x-ref]: {target}")
    corpus, problems = check_repository(root)
    assert not [p for p in problems if p.severity.value == "error"], problems
    assert (href, "linked text") in anchors(render_html(corpus))


@pytest.mark.parametrize(
    "target", ["term:ghost", "module:isacs/99.99", "req:#r999", "req:isacs/99.99#r001", "instrument:NOPE"]
)
def test_each_scheme_with_an_unknown_target_is_an_error(tmp_path, target):
    root, first = insert(tmp_path, f"See [the\ntext]({target}).")
    _, problems = check_repository(root)
    found = [(p.location.line, p.location.col, p.code) for p in problems if p.location.path == EN]
    assert found == [(first, 5, "E010")], problems


def test_the_resolver_refuses_an_unknown_target_naming_where_it_is_written(tmp_path):
    """Defence in depth behind `isacs check`: a page can never carry an unresolved scheme."""
    root, first = insert(tmp_path, "See [the ghost](term:ghost-term).")
    corpus, _ = check_repository(root)
    with pytest.raises(UnresolvedLink, match=rf"{EN}:{first}:5: the link term:ghost-term has no target"):
        render_html(corpus)
