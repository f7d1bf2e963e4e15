"""Defence in depth: the HTML of a built page, reduced to what the site itself produces.

`isacs check` keeps raw HTML, script URLs and foreign attribute lists out of the sources (E025–E027). If
one gets through anyway (a rule missed it, or a build with `strict_sources: false`), this pass still
leaves nothing executable in the page: it is Ammonia (through nh3, an HTML5 parser and an allow-list)
over each page's rendered content, run by the mkdocs adapter. Engine-independent: no mkdocs import.

Allowed is what Python-Markdown makes of the format (headings with ids and permalinks, tables, lists,
definition lists, abbreviations, admonitions, code), the attribute-list ids and classes, and what our
own generators write: the module diagrams (inline SVG), the self-assessment forms with the `data-*`
attributes the site's scripts read, ARIA attributes. Never allowed: `<script>`, `<style>`, `<iframe>`,
`<object>`, `<embed>`, `<base>`, `<meta>`, a form `action` (or `formaction`), any `on*` handler, `style`
attributes, ids that would shadow the theme's (`__config`…) and its `data-md-*` hooks, and any URL other
than a relative one or `http:`, `https:`, `mailto:`.

Four elements the self-assessment pages need are not expressible as an allow-list entry without opening
the door to scripts, so they pass only in the exact shape `render/assessment.py` writes them (see
TRUSTED): the JSON configuration block (no `<` inside, so nothing can end it early), the site's own
script and stylesheet from `assets/`, and the `<noscript>` notice holding plain text.
"""

from __future__ import annotations

import re
import secrets

import nh3

from ..core.source_policy import dangerous_scheme

# Tags: Python-Markdown's output for the extensions in mkdocs.yml, and our generators' markup.
MARKDOWN_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "section",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
        "var",
        "wbr",
    }
)
FORM_TAGS = frozenset({"button", "fieldset", "form", "input", "label", "legend", "textarea"})
SVG_TAGS = frozenset(
    {
        "svg",
        "g",
        "defs",
        "desc",
        "title",
        "marker",
        "path",
        "rect",
        "text",
        "tspan",
        "line",
        "polyline",
        "polygon",
        "circle",
        "ellipse",
    }
)
TAGS = MARKDOWN_TAGS | FORM_TAGS | SVG_TAGS

# Removed with everything inside them (the others are unwrapped: their text stays, escaped).
CLEAN_CONTENT_TAGS = frozenset(
    {
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "noscript",
        "noembed",
        "noframes",
        "template",
        "xmp",
        "frameset",
        "applet",
    }
)

GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "role", "hidden"})
# `data-*` (read by the site's scripts) and `aria-*` on any allowed tag.
ATTRIBUTE_PREFIXES = frozenset({"data-", "aria-"})
ATTRIBUTES: dict[str, set[str]] = {
    "*": set(GLOBAL_ATTRIBUTES),
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "type"},
    "li": {"value"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "del": {"datetime"},
    "ins": {"datetime"},
    "details": {"open"},
    # Self-assessment forms: no action/method/formaction, so nothing submits anywhere.
    "form": {"autocomplete"},
    "button": {"type"},
    "input": {"type", "name", "value", "accept", "checked", "disabled"},
    "textarea": {"name", "rows", "cols"},
    "label": {"for"},
    "fieldset": {"disabled"},
    # Inline SVG (module diagrams). Names as the HTML parser gives them in SVG (camelCase restored).
    "svg": {"xmlns", "viewBox", "width", "height", "direction", "font-family", "font-size", "preserveAspectRatio"},
    "g": {"fill", "stroke", "stroke-width", "stroke-dasharray", "transform", "font-weight", "text-anchor"},
    "marker": {"viewBox", "refX", "refY", "markerWidth", "markerHeight", "markerUnits", "orient"},
    "path": {"d", "fill", "stroke", "stroke-width", "stroke-dasharray", "marker-end", "marker-start"},
    "rect": {"x", "y", "width", "height", "rx", "ry", "fill", "stroke", "stroke-width", "stroke-dasharray"},
    "line": {"x1", "y1", "x2", "y2", "stroke", "stroke-width", "stroke-dasharray", "marker-end"},
    "polyline": {"points", "fill", "stroke", "stroke-width"},
    "polygon": {"points", "fill", "stroke", "stroke-width"},
    "circle": {"cx", "cy", "r", "fill", "stroke", "stroke-width"},
    "ellipse": {"cx", "cy", "rx", "ry", "fill", "stroke", "stroke-width"},
    "text": {"x", "y", "dx", "dy", "text-anchor", "font-weight", "font-size", "fill", "dominant-baseline"},
    "tspan": {"x", "y", "dx", "dy", "text-anchor", "font-weight", "font-size", "fill", "dominant-baseline"},
}
# href/src: relative URLs, or one of these schemes. Never javascript:, vbscript:, data: or file:.
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Presentation attributes that take a paint or marker reference: only a same-document `url(#id)` or a
# plain value (a colour, `none`), never a URL to load.
_PAINT_ATTRIBUTES = frozenset({"fill", "stroke", "marker-end", "marker-start"})
_PAINT = re.compile(r"^(?:url\(#[A-Za-z][\w.-]*\)|[#\w.,() -]*)$")
_ID_ATTRIBUTES = frozenset({"id", "for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns"})
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "cite", "data", "poster", "xlink:href"})
_INPUT_TYPES = frozenset({"radio", "checkbox", "file", "text", "button", "hidden", "number", "search"})

# Exactly what render/assessment.py writes; see the module docstring.
TRUSTED = re.compile(
    r'<script type="application/json" class="isacs-[a-z-]+">[^<]*</script>'
    r'|<script src="(?:\.\./)*assets/[A-Za-z0-9_-]+\.js"></script>'
    r'|<link rel="stylesheet" href="(?:\.\./)*assets/[A-Za-z0-9_-]+\.css">'
    r'|<noscript><p class="isacs-[a-z-]+">[^<]*</p></noscript>'
)


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute.startswith("on"):  # no handler passes, whatever allow-list change comes later
        return None
    if attribute in _URL_ATTRIBUTES and dangerous_scheme(value):
        return None  # Ammonia drops these too; this also drops ones a browser would not run (`java script:`)
    if attribute in _ID_ATTRIBUTES and any(token.startswith("__") for token in value.split()):
        return None  # the theme's own element ids (`__config`, `__drawer`…): page text must not shadow them
    if attribute.startswith("data-md-"):
        return None  # Material mounts its components on these
    if attribute in _PAINT_ATTRIBUTES and not _PAINT.match(value):
        return None
    if tag == "input" and attribute == "type" and value.lower() not in _INPUT_TYPES:
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(CLEAN_CONTENT_TAGS),
    attributes=ATTRIBUTES,
    attribute_filter=_attribute_filter,
    generic_attribute_prefixes=set(ATTRIBUTE_PREFIXES),
    url_schemes=set(URL_SCHEMES),
    link_rel=None,
    strip_comments=True,
)


def sanitise(html: str) -> str:
    """The page's HTML with everything outside the allow-list removed (see the module docstring)."""
    if not html:
        return html
    trusted: list[str] = []
    nonce = secrets.token_hex(8)

    def keep(match: re.Match) -> str:
        trusted.append(match.group(0))
        # The `"` tells where the placeholder ended up: text keeps it as is, an attribute value escapes it.
        return f'[[isacs-trusted:{nonce}:{len(trusted) - 1}"]]'

    protected = TRUSTED.sub(keep, html) if "<script" in html or "<link" in html or "<noscript" in html else html
    clean = _CLEANER.clean(protected)
    if trusted:
        clean = re.sub(rf'\[\[isacs-trusted:{nonce}:(\d+)"\]\]', lambda m: trusted[int(m.group(1))], clean)
        clean = re.sub(rf"\[\[isacs-trusted:{nonce}:\d+&quot;\]\]", "", clean)  # inside an attribute: dropped
    return clean
