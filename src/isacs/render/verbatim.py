"""Generated HTML blocks passed through Markdown untouched, without being parsed.

The self-assessment form is a large block of HTML written by a template (a fieldset per requirement).
Python-Markdown would pass it through as raw HTML anyway, but only after feeding all of it through its
HTML block parser (pure Python): at real length the forms took longer to convert than the modules. Wrapped
by `wrap`, the block is stashed before that parser runs and written out as it is, exactly where Markdown
would have written it.

The opening marker carries the block's digest, so only a block written by `wrap` is passed through: a
marker typed into a module's text (or a wrapped block edited afterwards) is Markdown like any other.
"""

from __future__ import annotations

import hashlib
import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

# Markers, not markup: comment lines around the block, holding nothing but a hex digest.
_OPENING = "<!-- isacs:verbatim {digest} -->"
_OPEN = re.compile(re.escape(_OPENING).replace(r"\{digest\}", "([0-9a-f]{64})"))
_CLOSE = "<!-- /isacs:verbatim -->"


def _digest(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


def wrap(html: str) -> str:
    """`html` marked to pass through Markdown as it is: a block of complete elements starting with a
    block-level one; it comes out as Markdown's own parser writes the same block."""
    html = html.strip("\n")
    return "\n".join([_OPENING.format(digest=_digest(html)), html, _CLOSE, ""])


class _Stash(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        index = 0
        while index < len(lines):
            opened = _OPEN.fullmatch(lines[index])
            end = lines.index(_CLOSE, index + 1) if opened and _CLOSE in lines[index + 1 :] else -1
            block = "\n".join(lines[index + 1 : end]) if end > 0 else None
            if block is None or _digest(block) != opened.group(1):
                out.append(lines[index])
                index += 1
                continue
            # A paragraph of its own holding the stash's placeholder: Markdown writes the block there, as it
            # writes the raw HTML blocks its own parser stashes (which keep the newline ending the block when a
            # blank line follows it).
            ends_paragraph = end + 1 == len(lines) or not lines[end + 1].strip()
            out.extend(["", self.md.htmlStash.store(block + ("\n" if ends_paragraph else "")), ""])
            index = end + 1
        return out


class VerbatimExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # After whitespace normalising (30), before the list rewriting of md_lists (29) and the raw HTML block
        # parser (20): neither reads the block.
        md.preprocessors.register(_Stash(md), "isacs_verbatim", 29.5)


def makeExtension(**kwargs) -> VerbatimExtension:  # noqa: N802 (Python-Markdown's entry point)
    return VerbatimExtension(**kwargs)
