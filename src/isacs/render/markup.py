"""Plain text (a module title, edition, label: metadata from sources) placed into generated pages, escaped
for where it lands, so markup in it shows as the characters typed and never becomes markup.

- `md_inline`: Markdown inline text (a heading, a link's text, a list item): HTML-escaped (`<`, `>`, `&`), the
  Markdown punctuation that could start emphasis, code, a link, an image or an attribute list (`{: ...}`)
  backslash-escaped, and line breaks folded into spaces (a line break would end a heading or list item).
- `md_cell`: a cell of a Markdown table: as `md_inline`, and `|` escaped so the row keeps its columns.
- `html_text`: text or a quoted attribute value in raw HTML: HTML-escaped quotes included, with line breaks
  as character references, so a blank line cannot end a raw-HTML block that Markdown leaves alone.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

_MARKDOWN = re.compile(r"([\\`*_{}\[\]!#])")  # with the `tables` extension, `\|` is an escape too


def md_inline(text: object) -> str:
    return _md_inline(str(text))


def md_cell(text: object) -> str:
    return _md_cell(str(text))


# The same few texts (module labels, clause numbers, terms) fill thousands of table cells: escaped once each.
@lru_cache(maxsize=16384)
def _md_inline(text: str) -> str:
    flat = " ".join(text.split())
    return _MARKDOWN.sub(r"\\\1", html.escape(flat, quote=False))


@lru_cache(maxsize=16384)
def _md_cell(text: str) -> str:
    return _md_inline(text).replace("|", "\\|")


def file_size(size: int) -> str:
    """A download's size in bytes as the reader sees it, e.g. 148 kB, isolated left to right (U+2066 ...
    U+2069): in an Arabic sentence the bidi algorithm would otherwise show the number after its unit."""
    return f"\u2066{max(1, round(size / 1024))} kB\u2069"


def html_text(text: object) -> str:
    return html.escape(str(text), quote=True).replace("\r", "&#13;").replace("\n", "&#10;")
