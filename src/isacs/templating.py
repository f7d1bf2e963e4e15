"""The Jinja2 templates of every generated page and document (isacs/templates/, listed in its README.md).

Neutral like `isacs.i18n`: it imports only the standard library and Jinja2, so the checklists (the
printable HTML) and the site (`isacs.render.templates`, which adds the Markdown filters) share one
environment without an upward import.

A site overrides a template the way Material's partials are overridden: a file of the same name in
`<custom_dir>/isacs/` (`overrides/isacs/requirement_head.html`) is used instead of the packaged one.
`configure(custom_dir)` chooses that folder before rendering (the mkdocs adapter does it from
`theme.custom_dir`); without it, the packaged templates are used.

Escaping: `.html`, `.xml` and `.svg` templates autoescape, with the standard library's `html.escape`
(so `"` is `&quot;` and `'` is `&#x27;`, as the pages always had); Markdown templates (`.md`) do not, and
escape source text explicitly with the `md_inline`, `md_cell` and `html_text` filters.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import threading
from pathlib import Path
from xml.sax import saxutils

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined, pass_eval_context
from markupsafe import Markup

OVERRIDE_FOLDER = "isacs"  # inside the theme's custom_dir, beside Material's partials/
AUTOESCAPE = ("html", "xml", "svg")

_lock = threading.Lock()
_state: dict = {"custom_dir": None, "env": None}
_filters: dict = {}


@pass_eval_context
def _finalize(eval_ctx, value):
    """Autoescaping with `html.escape` rather than MarkupSafe's (`&#34;`, `&#39;`): same bytes as before."""
    if eval_ctx.autoescape and not hasattr(value, "__html__"):
        return Markup(html.escape(str(value), quote=True))
    return value


_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")


def yaml_string(text: object) -> str:
    """A YAML double-quoted scalar of any text (JSON's escapes are YAML's; the characters YAML reads as
    line breaks or refuses are escaped too)."""
    quoted = json.dumps(str(text), ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _front_title(text: object) -> str:
    """A page title for the front matter: the theme writes it into <title> and the navigation without
    escaping, so it is HTML-escaped here, then quoted for YAML."""
    return yaml_string(html.escape(str(text), quote=False))


def json_script(value: object) -> Markup:
    """Compact JSON for a `<script type="application/json">` element: `<`, `>` and `&` as JSON escapes, so
    no `</script>` or `<!--` in the data can end or confuse the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def xml_text(text: object) -> Markup:
    """Text in an XML (SVG) element: `&`, `<` and `>` escaped, as `xml.sax.saxutils.escape`."""
    return Markup(saxutils.escape(str(text)))


def xml_attr(text: object) -> Markup:
    """A quoted XML attribute value, quotes included (`xml.sax.saxutils.quoteattr`)."""
    return Markup(saxutils.quoteattr(str(text)))


def css_string(text: object) -> Markup:
    """A CSS string literal of any text: quotes, backslashes, line breaks and `<` (no `</style>`) escaped."""
    return Markup('"' + "".join(f"\\{ord(ch):x} " if ch in '"\\<\n\r' else ch for ch in str(text)) + '"')


def anchor(html_id: object) -> str:
    """A Markdown attribute list giving a heading its id: `{#isacs}` (templates cannot write `{#`, which
    opens a Jinja comment)."""
    return "{#" + str(html_id) + "}"


def _make(custom_dir: Path | None) -> Environment:
    loaders = [FileSystemLoader(str(Path(custom_dir) / OVERRIDE_FOLDER))] if custom_dir is not None else []
    env = Environment(
        loader=ChoiceLoader([*loaders, PackageLoader("isacs", "templates")]),
        autoescape=lambda name: name is not None and name.rsplit(".", 1)[-1] in AUTOESCAPE,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.filters.update(
        yaml_string=yaml_string,
        front_title=_front_title,
        json_script=json_script,
        xml_text=xml_text,
        xml_attr=xml_attr,
        css_string=css_string,
        **_filters,
    )
    env.globals.update(anchor=anchor)
    return env


def add_filters(**filters) -> None:
    """Filters every template may use (the render layer adds its Markdown escapes)."""
    with _lock:
        _filters.update(filters)
        if _state["env"] is not None:
            _state["env"].filters.update(filters)


def configure(override_dir: Path | None) -> None:
    """Use the site's overrides: `override_dir` is the theme's custom_dir (`overrides/`); templates in
    its `isacs/` folder replace the packaged ones of the same name. None: the packaged templates only."""
    custom_dir = Path(override_dir).resolve() if override_dir is not None else None
    with _lock:
        if _state["env"] is None or custom_dir != _state["custom_dir"]:
            _state.update(custom_dir=custom_dir, env=_make(custom_dir))


def environment() -> Environment:
    with _lock:
        if _state["env"] is None:
            _state["env"] = _make(_state["custom_dir"])
        return _state["env"]


def render(name: str, **context) -> str:
    """The template `name` (a path under isacs/templates/) rendered with `context`."""
    return environment().get_template(name).render(**context)


def module(name: str):
    """The macros of a template, callable from Python (`module("partials/front_matter.md").front_matter`)."""
    return environment().get_template(name).module


def digest(*names: str) -> str:
    """A hash of the sources of the named templates as they would be used now (overrides included), and of
    this module (the filters): for caches of files rendered from them."""
    env = environment()
    hashed = hashlib.sha256(Path(__file__).read_bytes())
    for name in names:
        source, _, _ = env.loader.get_source(env, name)
        hashed.update(f"{name}\0{source}\0".encode())
    return hashed.hexdigest()
