"""The templates of the generated pages: the one Jinja2 environment (isacs.templating) with the filters of
Markdown pages.

- `render(name, **context)`: a template of isacs/templates/ (list: its README.md), or its override.
- `configure(override_dir)`: the site's theme custom_dir (`overrides/`); a template in its `isacs/`
  folder replaces the packaged one of the same name, as Material's partials are overridden. Called once
  before rendering (the mkdocs adapter, with `theme.custom_dir`); None: the packaged templates.
- `front_matter(title, **meta)`: the front matter of a generated page (one macro, a YAML-quoted title).

`.html`/`.xml`/`.svg` templates autoescape. `.md` templates do not: source text goes through `md_inline`
(headings, link text, list items), `md_cell` (table cells) or `html_text` (raw HTML inside the page),
which are registered here as filters, so markup in a title shows as typed. `{% filter verbatim %}` marks
a large generated HTML block for Markdown to pass through without parsing it (render/verbatim.py).
"""

from __future__ import annotations

from markupsafe import Markup

from ..templating import add_filters, configure, digest, environment, module, render, yaml_string
from .markup import html_text, md_cell, md_inline
from .verbatim import wrap

__all__ = ["configure", "render", "front_matter", "environment", "digest", "yaml_string"]


def _html_text(text: object) -> Markup:
    return Markup(html_text(text))  # already escaped: autoescape leaves it as it is


def _verbatim(block: object) -> Markup:
    return Markup(wrap(str(block)))  # a generated HTML block Markdown passes through unparsed (verbatim.py)


add_filters(md_inline=md_inline, md_cell=md_cell, html_text=_html_text, verbatim=_verbatim)


def front_matter(title: str, **meta: str) -> str:
    """`---`, `title: "..."` (HTML-escaped, YAML-quoted), any `meta` keys (YAML-quoted), `---`, a blank line."""
    return str(module("partials/front_matter.md").front_matter(title, meta))
