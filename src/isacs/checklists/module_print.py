"""Printable HTML of a whole module in one language, which Chromium prints to the module's PDF (module_pdf.py).

The same document model as the site's module page: the editor's Markdown body, kept line for line, with
its headings numbered as on the site (both rewrite the body with `core.module_body`) and each
requirement paragraph turned into a block headed by its ID, level, RRPL, actors and references. The body
goes through Python-Markdown with the site's extensions (`core.md_lists.MARKDOWN_EXTENSIONS`), then through
Ammonia (nh3, as the site's `render.sanitise`), and the document around it is the template
module_print.html: title page, running header and page numbers (CSS page margin boxes), body.

Scheme links (`term:`, `module:`, `req:`, `instrument:`) never reach the PDF as scheme URLs: a `req:` link
to a requirement of the same module becomes an in-document link to its block (`#r002`); every other one
is kept as its text only. A PDF is read apart from the site, and the site's address is not known here (a
host may serve it anywhere), so links to other pages would be guesses. Links to `http(s):`/`mailto:` stay
links, in-document `#anchors` stay, any other (relative) address is reduced to its text.

Where a module has no translation in the language, the title page and interface are in the language and
the body is the English original under the site's fallback notice, marked `lang="en"`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import partial

import nh3
from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .. import templating
from ..core.languages import LANGUAGE_NAMES, is_rtl
from ..core.markdown_parse import SCHEMES
from ..core.md_lists import MARKDOWN_EXTENSION_CONFIGS, MARKDOWN_EXTENSIONS
from ..core.model import SERIES_NAMES, Corpus, Module, Requirement
from ..core.module_body import rewrite_body, text_language
from ..i18n.strings import t
from .stamp import Stamp

TEMPLATE = "module_print.html"  # isacs/templates/: the document, its CSS and fonts
REQUIREMENT_TEMPLATE = "module_print_requirement.html"  # a requirement block: head line and text
# The site's extensions; no permalink (¶) after each heading on paper.
EXTENSION_CONFIGS = {
    **MARKDOWN_EXTENSION_CONFIGS,
    "toc": {**MARKDOWN_EXTENSION_CONFIGS.get("toc", {}), "permalink": False},
}
KEPT_SCHEMES = ("http:", "https:", "mailto:")

# What Python-Markdown makes of the format, and the blocks this module writes. No script, style, form,
# image (nothing is loaded while printing) or event attribute can pass.
TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt", "em", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section",
    "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
}  # fmt: skip
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "ol": {"start", "type"},
    "li": {"value"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
}
_CLEANER = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags={"script", "style", "iframe", "object", "embed", "template", "noscript"},
    attributes=ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    link_rel=None,
    strip_comments=True,
)


@dataclass(frozen=True)
class PrintedModule:
    """What the print of one module in one language needs besides its HTML: the PDF's metadata."""

    module: str  # module ID
    lang: str
    title: str  # "ISACS 05.30 — Marking and recordkeeping", in the language (the PDF's title)
    html: str
    headings: tuple[str, ...]  # the text of every heading, in document order: the PDF outline's titles


class _PrintLinks(Treeprocessor):
    """Scheme links to in-document anchors or plain text (see the module docstring)."""

    def __init__(self, md: Markdown, module: Module) -> None:
        super().__init__(md)
        self.module = module

    def run(self, root) -> None:
        for element in root.iter("a"):
            href = element.get("href", "")
            scheme, colon, target = href.partition(":")
            if colon and scheme in SCHEMES:
                other, _, rid = target.partition("#")
                here = scheme == "req" and other in ("", self.module.id) and self.module.requirement(rid)
                if here and not here.is_tombstone:
                    element.attrib = {"href": f"#{rid}"}
                    continue
            elif href.startswith("#") or href.lower().startswith(KEPT_SCHEMES):
                continue
            element.tag = "span"  # the link's text, without a destination the PDF cannot honour
            element.attrib = {}


class _PrintLinksExtension(Extension):
    def __init__(self, module: Module) -> None:
        super().__init__()
        self.module = module

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_PrintLinks(md, self.module), "isacs_print_links", 15)  # as render/links.py


def _requirement_block(corpus: Corpus, req: Requirement, lang: str, text_lang: str) -> list[str]:
    """The Markdown lines of a requirement block: a `markdown` div holding its head line and its text."""
    block = templating.render(
        REQUIREMENT_TEMPLATE,
        req=req,
        t=partial(t, lang),
        actors=[corpus.actors[a].label(lang) if a in corpus.actors else a for a in req.actors],
        refs=[ref.label for ref in req.refs],
        # The editor's Markdown as written (escaping it would show `&lt;` in code spans): it is converted
        # and sanitised with the whole body (body_html).
        text=Markup(req.texts[text_lang].markdown),
    )
    return block.rstrip("\n").split("\n")


def body_markdown(corpus: Corpus, module: Module, lang: str) -> str:
    """The module's Markdown in the PDF's text language with numbered headings and requirement blocks:
    the same line rewrite as the site's module page (core.module_body)."""
    text_lang = text_language(module, lang)
    return rewrite_body(module, text_lang, lambda req: _requirement_block(corpus, req, lang, text_lang))


def body_html(corpus: Corpus, module: Module, lang: str) -> tuple[str, list[str]]:
    """The body as sanitised HTML (the site's Markdown extensions, scheme links resolved for print), and the
    text of its headings in document order."""
    md = Markdown(extensions=[*MARKDOWN_EXTENSIONS, _PrintLinksExtension(module)], extension_configs=EXTENSION_CONFIGS)
    body = _CLEANER.clean(md.convert(body_markdown(corpus, module, lang)))
    return body, [html.unescape(token["name"]) for token in _walk(md.toc_tokens)]


def _walk(tokens: list[dict]):
    for token in tokens:
        yield token
        yield from _walk(token["children"])


def _page_counter(lang: str) -> list[tuple[str, str]]:
    """The page number line ("Page {n} of {total}") as the parts of a CSS `content` value: ("text", …) and
    ("counter", "page" or "pages")."""
    parts = re.split(r"(\{n\}|\{total\})", t(lang, "mp_page_n_of"))
    counters = {"{n}": "page", "{total}": "pages"}
    return [("counter", counters[part]) if part in counters else ("text", part) for part in parts if part]


def _stamp_lines(module: Module, lang: str, stamp: Stamp) -> list[str]:
    return [
        f"{t(lang, 'cl_col_language')}: {LANGUAGE_NAMES[lang]}",
        f"{t(lang, 'cl_col_generated')}: {stamp.generated.isoformat()} · "
        f"{t(lang, 'cl_col_commit')}: {stamp.commit or t(lang, 'cl_commit_unknown')}",
        f"{t(lang, 'mp_generator')}: {stamp.tool}",
        t(lang, "cl_illustrative"),
    ]


def _tombstones(module: Module, lang: str) -> list[dict]:
    out = []
    for req in (r for r in module.requirements if r.is_tombstone):
        line = t(lang, "withdrawn_requirement", id=req.id, edition=req.withdrawn)
        if req.replaced_by:
            line += " " + t(lang, "replaced_by", target=req.replaced_by)
        out.append({"id": req.id, "line": line})
    return out


def document(corpus: Corpus, module: Module, lang: str, stamp: Stamp) -> PrintedModule:
    """The printable document of `module` in `lang`, stamped with `stamp`."""
    text_lang = text_language(module, lang)
    title = f"{module.label} — {module.title_in(lang)}"
    start, end = ("right", "left") if is_rtl(lang) else ("left", "right")
    edition = f"{t(lang, 'col_edition')}: {module.edition} · {t(lang, 'col_version')}: {module.version}"
    body, headings = body_html(corpus, module, lang)
    tombstones = _tombstones(module, lang)
    document_html = templating.render(
        TEMPLATE,
        t=partial(t, lang),
        lang=lang,
        rtl=is_rtl(lang),
        module=module,
        series=t(lang, f"series_{module.series}") if module.series in SERIES_NAMES else module.series.upper(),
        title=title,
        date=module.date.isoformat() if module.date else "",
        edition=edition,
        stamp=stamp,
        stamp_lines=_stamp_lines(module, lang, stamp),
        description=" · ".join([edition, *_stamp_lines(module, lang, stamp)[:2]]),
        fallback=text_lang if text_lang != lang else None,
        body=Markup(body),  # sanitised by body_html
        tombstones=tombstones,
        start=start,
        end=end,
        page_counter=_page_counter(lang),
    )
    # The template's headings around the body: the title page's <h1>, the withdrawn requirements' <h2>.
    outline = [title, *headings] + ([t(lang, "withdrawn_requirements")] if tombstones else [])
    return PrintedModule(module.id, lang, title, document_html, tuple(outline))
