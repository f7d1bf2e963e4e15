"""One module page in one language: header, status banner, numbered clause tree, requirement blocks.

The author's Markdown is kept line for line; only the lines the core located (headings, requirement
paragraphs and their markers) are rewritten, so anything else an editor wrote reaches the page untouched.
"""

from __future__ import annotations

from functools import partial

from ..checklists import module_pdf
from ..core.languages import LANGUAGE_NAMES
from ..core.model import LEVELS, Corpus, Module, Requirement
from ..core.module_body import rewrite_body, text_language
from ..i18n.strings import t
from . import links, paths, templates
from .markup import file_size

BANNER_KIND = {"draft": "warning", "superseded": "danger", "withdrawn": "danger"}


def level_badges(lang: str) -> dict[str, str]:
    """The verbal form badge of each level (partials/badges.html), made once per page rather than once per
    requirement block (a macro call per block was a fifth of a module page)."""
    level_badge = templates.module("partials/badges.html").level_badge
    return {level: level_badge(level, t(lang, f"level_{level}")) for level in LEVELS}


class RequirementBlocks:
    """The requirement blocks of one module page (requirement.md): what is the same for every block of the
    page (the template, the interface strings, the badges, the actors' labels) is found once."""

    def __init__(self, corpus: Corpus, lang: str, text_lang: str, page: str) -> None:
        self.template = templates.environment().get_template("requirement.md")
        self.text_lang, self.page = text_lang, page
        self.context = {"t": partial(t, lang), "level_badges": level_badges(lang)}
        self.actors = {actor_id: actor.label(lang) for actor_id, actor in corpus.actors.items()}

    def __call__(self, req: Requirement) -> str:
        # Its `term:`/`req:`/... links are resolved in the page's Markdown parse (links.SchemeLinksExtension).
        actors = [self.actors.get(a, a) for a in req.actors]
        refs = [
            {"label": ref.label, "href": paths.relative(self.page, links.XREF_INSTRUMENTS, ref.key)} for ref in req.refs
        ]
        return self.template.render(
            self.context, req=req, text=req.texts[self.text_lang].markdown, actors=actors, refs=refs
        )


def tombstones(module: Module, lang: str, page: str) -> list[dict]:
    out = []
    for req in (r for r in module.requirements if r.is_tombstone):
        line = t(lang, "withdrawn_requirement", id=req.id, edition=req.withdrawn)
        if req.replaced_by:
            other, _, rid = req.replaced_by.rpartition("#")
            target = f"[{req.replaced_by}]({paths.relative(page, paths.module_page(other or module.id), rid)})"
            line += " " + t(lang, "replaced_by", target=target)
        out.append({"id": req.id, "line": line})  # a Markdown paragraph: its link is resolved
    return out


def header(corpus: Corpus, module: Module, lang: str, page: str, pdf_size: int | None = None) -> dict:
    """The context of module_header.md. The module's PDF is made in every build by the collect step, at a
    path known beforehand (checklists.module_pdf.site_path); `pdf_size` (bytes), when given, is shown."""
    return {
        "pdf": {
            "href": paths.relative(page, module_pdf.site_path(module, lang)),
            "size": file_size(pdf_size) if pdf_size else None,
        },
        "date": module.date.isoformat() if module.date else "",
        "languages": [{"code": code, "name": LANGUAGE_NAMES[code]} for code in module.languages],
        "related": [
            {"label": corpus.modules[r].label, "href": paths.relative(page, paths.module_page(r))}
            for r in module.related
            if r in corpus.modules
        ],
        "instruments": [
            {
                "abbr": abbr,
                "href": paths.relative(page, links.XREF_INSTRUMENTS, abbr),
                "title": links.title_attr(corpus.instruments[abbr].title(lang)),
            }
            for abbr in module.instruments
            if abbr in corpus.instruments
        ],
        "banner": BANNER_KIND.get(module.status),
    }


def render(corpus: Corpus, module: Module, lang: str, pdf_size: int | None = None) -> str:
    """The module page's Markdown; `pdf_size`: bytes of the module's PDF in `lang`, shown by its link."""
    page = paths.module_page(module.id)
    text_lang = text_language(module, lang)
    title = module.title_in(lang)
    block = RequirementBlocks(corpus, lang, text_lang, page)
    body = rewrite_body(module, text_lang, lambda req: block(req).rstrip("\n").split("\n"))
    return templates.render(
        "module_page.md",
        title=f"{module.label} — {title}",
        module=module,
        t=partial(t, lang),
        body=body,
        fallback=text_lang if text_lang != lang else None,
        tombstones=tombstones(module, lang, page),
        **header(corpus, module, lang, page, pdf_size),
    )
