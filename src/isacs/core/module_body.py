"""A module's body as its readers get it, the same for the site page and the module PDF: the text of the
page's language (English when the module has none in it), each clause heading numbered (`4.2 Marking`,
`Annex A Model table`), each requirement paragraph replaced by the block its renderer writes.

The author's Markdown is kept line for line; only the lines the parse located (headings, requirement
paragraphs and their markers) are rewritten, so anything else an editor wrote reaches the reader untouched.
"""

from __future__ import annotations

from collections.abc import Callable

from ..i18n.strings import t
from .languages import SOURCE_LANGUAGE
from .model import Clause, Module, Requirement


def text_language(module: Module, lang: str) -> str:
    """The language whose text a page or PDF in `lang` shows: its own, or English as the fallback."""
    return lang if lang in module.translations else SOURCE_LANGUAGE


def heading_text(clause: Clause, lang: str, title: str) -> str:
    if clause.kind == "annex" and clause.depth == 1:
        return f"{t(lang, 'annex')} {clause.number} {title}"
    return f"{clause.number} {title}" if clause.number else title


def rewrite_body(module: Module, text_lang: str, requirement_lines: Callable[[Requirement], list[str]]) -> str:
    """The body of `module` in `text_lang` with numbered headings (`{#anchor}` kept) and each requirement
    paragraph (with its marker line) replaced by `requirement_lines(req)`."""
    translation = module.translations[text_lang]
    replace: dict[int, list[str]] = {}  # body line index -> the lines written there instead
    skip: set[int] = set()
    for heading, clause in zip(translation.headings, module.all_clauses()):
        index = heading.location.line - translation.body_line
        hashes = "#" * (clause.depth + 1)
        replace[index] = [f"{hashes} {heading_text(clause, text_lang, heading.title)} {{#{clause.anchor}}}"]
        skip.update(range(index + 1, index + heading.span))  # a setext heading's further lines
    for req in module.requirements:
        text = req.texts.get(text_lang)
        if text is None or req.is_tombstone:
            continue
        start = text.location.line - translation.body_line
        replace[start] = requirement_lines(req)
        skip.update(range(start + 1, start + text.markdown.count("\n") + 2))  # its further lines and marker
    body: list[str] = []
    for index, line in enumerate(translation.body.split("\n")):
        if index not in skip:
            body.extend(replace.get(index, [line]))
    return "\n".join(body)
