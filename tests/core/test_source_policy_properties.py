"""Property-based tests of the source policy and the sanitiser (hypothesis, bounded: 200 examples each).

- The checker reports, never crashes: random front matter text, random requirement markers and attribute
  lists, random HTML fragments and link destinations in a module body give diagnostics only.
- The sanitiser leaves nothing executable: random HTML built from script elements, event handlers,
  script URLs in every spelling and the site's own markup, once sanitised and parsed with html.parser,
  has no script (but the self-assessment's JSON block and the site's own script file), no `on*`
  attribute, no `style`, no embedding element and no javascript:/vbscript:/data:/file: URL.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core_testkit import EN, MINI
from isacs.core.diagnostics import Diagnostic
from isacs.core.source_policy import dangerous_scheme, scan
from isacs.core.validate import check_repository
from isacs.render.sanitise import TRUSTED, sanitise

SETTINGS = settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
# A whole corpus is loaded per example: fewer of them, to keep the suite fast.
CORPUS_SETTINGS = settings(SETTINGS, max_examples=100)

# ---------------------------------------------------------------------------------------------------------------
# Building blocks shared by both halves.

SCHEMES = st.sampled_from(
    [
        "javascript",
        "JavaScript",
        "JAVASCRIPT",
        "vbscript",
        "VBScript",
        "data",
        "DATA",
        "file",
        "FILE",
        "http",
        "https",
        "mailto",
    ]
)


@st.composite
def obfuscated_scheme(draw) -> str:
    """A scheme with entities, whitespace and control characters slipped between its letters."""
    scheme = draw(SCHEMES)
    out = []
    for ch in scheme:
        out.append(draw(st.sampled_from([ch, ch, ch, f"&#x{ord(ch):x};", f"&#{ord(ch)};", f"&#x{ord(ch):X}"])))
        out.append(draw(st.sampled_from(["", "", "", "\t", "\n", "&Tab;", "&#9;", "&NewLine;", "\x00", "\x0b"])))
    colon = draw(st.sampled_from([":", ":", "&colon;", "&#58;", "&#x3a;", "%3A"]))
    return draw(st.sampled_from(["", " ", "\x01", "&#32;"])) + "".join(out) + colon


URLS = st.one_of(
    st.builds(lambda s, rest: s + rest, obfuscated_scheme(), st.sampled_from(["alert(1)", "//x/y", "text/html,<b>"])),
    st.sampled_from(["../x/", "#r001", "https://example.org/", "mailto:a@example.org", "//evil.example/"]),
)
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)

# ---------------------------------------------------------------------------------------------------------------
# The checker: diagnostics only, never a traceback.

MARKER = st.builds(
    lambda colon, inside: "{" + colon + inside + "}",
    st.sampled_from([":", ": ", "", " "]),
    st.text(alphabet=" #.=r0123456789\"'abcdefghijklmnopqrstuvwxyz{}:<>-_\t", max_size=30),
)
HTML_FRAGMENT = st.one_of(
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "<iframe src=x>",
            "<img src=x onerror=alert(1)>",
            "<!--",
            "-->",
            "<!-- x -->",
            "</div>",
            "<div markdown>",
            "<?php ?>",
            "<!DOCTYPE html>",
            "<",
            "<a",
            "<https://example.org>",
            "<a@b>",
            "&lt;b&gt;",
            "`<b>`",
            "``",
            "`",
            "\\`",
            "\\<b>",
        ]
    ),
    st.builds(
        lambda tag, attr, url: f"<{tag} {attr}={url!r}>",
        st.sampled_from(["a", "img", "svg", "x-y", "B"]),
        st.sampled_from(["href", "src", "onclick", "style"]),
        URLS,
    ),
)
LINK = st.builds(
    lambda bang, text, open_, url, close: f"{bang}[{text}]({open_}{url}{close})",
    st.sampled_from(["", "!"]),
    TEXT,
    st.sampled_from(["", "<", " ", "\n"]),
    URLS,
    st.sampled_from([")", ">)", ' "t")', "", "))"]),
)
REFERENCE = st.builds(lambda url: f"[r]: {url}", URLS)
FENCE = st.sampled_from(["```", "~~~", "````", "```{.x onclick=y}", "```python", "   ```", "```a b"])
HEADING = st.builds(
    lambda hashes, title, marker: f"{hashes} {title} {marker}", st.sampled_from(["#", "##", "###"]), TEXT, MARKER
)
BODY_LINE = st.one_of(
    TEXT,
    MARKER,
    HTML_FRAGMENT,
    LINK,
    REFERENCE,
    FENCE,
    HEADING,
    st.just(""),
    st.builds(lambda a, b: a + b, TEXT, MARKER),
    st.builds(lambda a, b: a + b, HTML_FRAGMENT, TEXT),
)
BODY = st.lists(BODY_LINE, max_size=25).map("\n".join)

FM_LINE = st.one_of(
    TEXT,
    st.sampled_from(
        [
            "series: isacs",
            'number: "05.30"',
            "title: T",
            'edition: "2026"',
            'version: "1.0"',
            "date: 2026-01-15",
            "status: published",
            "requirements:",
            "  r001:",
            "    level: shall",
            "    actors: [manufacturer]",
            "    refs: []",
            "  r001: {level: may}",
            "related: [",
            "- x",
            "title: <script>x</script>",
            "title: '",
            'title: "\\',
            "&a !x",
            "? k",
            "---",
            "...",
        ]
    ),
)
FRONT_MATTER = st.lists(FM_LINE, max_size=15).map("\n".join)
VALID_FRONT_MATTER = (MINI / EN).read_text("utf-8").split("\n---\n", 1)[0] + "\n---\n"


@pytest.fixture(scope="module")
def corpus():
    folder = Path(tempfile.mkdtemp(prefix="isacs-policy-"))
    root = folder / "corpus"
    shutil.copytree(MINI, root)
    yield root
    shutil.rmtree(folder, ignore_errors=True)


def _check(root: Path, text: str) -> list[Diagnostic]:
    (root / EN).write_text(text, "utf-8", newline="")
    _, diagnostics = check_repository(root)
    for d in diagnostics:
        assert isinstance(d, Diagnostic) and re.fullmatch(r"[EW]\d{3}", d.code), d
        assert d.location.line >= 1 and d.location.col >= 1, d
        assert "\n" not in d.format()  # one diagnostic, one line
    return diagnostics


@CORPUS_SETTINGS
@given(front_matter=FRONT_MATTER, body=BODY)
def test_checker_random_front_matter_and_body(corpus, front_matter, body):
    _check(corpus, f"---\n{front_matter}\n---\n{body}\n")


@CORPUS_SETTINGS
@given(body=BODY)
def test_checker_random_body_with_valid_front_matter(corpus, body):
    text = VALID_FRONT_MATTER + body + "\n"
    diagnostics = _check(corpus, text)
    lines = text.count("\n") + 1
    assert all(d.location.line <= lines for d in diagnostics if d.location.path == EN)


@SETTINGS
@given(text=st.one_of(BODY, st.text(max_size=200)))
def test_scan_positions_are_inside_the_text(text):
    lines = text.split("\n")
    for finding in scan(text):
        assert 0 <= finding.line < len(lines)
        assert 1 <= finding.col <= len(lines[finding.line]) + 1
        assert finding.code in ("E025", "E026", "E027")


@SETTINGS
@given(url=URLS)
def test_scan_reports_every_forbidden_link(url):
    findings = scan(f"See [x]({url}) here.")
    if dangerous_scheme(url):
        assert any(f.code == "E026" for f in findings)


# ---------------------------------------------------------------------------------------------------------------
# The sanitiser: nothing executable survives.

DANGEROUS_TAGS = [
    "script",
    "iframe",
    "object",
    "embed",
    "style",
    "base",
    "meta",
    "link",
    "frame",
    "frameset",
    "applet",
    "noscript",
    "template",
    "math",
    "svg",
    "form",
    "input",
    "button",
    "a",
    "img",
    "div",
    "p",
    "textarea",
    "title",
    "xmp",
    "noembed",
    "select",
    "option",
    "table",
    "details",
    "animate",
    "set",
    "use",
    "image",
    "foreignObject",
]
ATTRIBUTES = st.one_of(
    st.builds(
        lambda name, value: (name, value),
        st.sampled_from(
            [
                "onclick",
                "onerror",
                "onload",
                "onmouseover",
                "ONCLICK",
                "onfocus",
                "onbegin",
                "style",
                "srcdoc",
                "formaction",
                "action",
                "href",
                "src",
                "xlink:href",
                "data",
                "poster",
                "background",
                "class",
                "id",
                "title",
                "data-action",
                "aria-label",
                "type",
                "autofocus",
                "values",
                "attributeName",
                "to",
                "from",
            ]
        ),
        st.one_of(
            URLS,
            st.sampled_from(
                [
                    "alert(1)",
                    "x",
                    "text/javascript",
                    "application/json",
                    "expression(alert(1))",
                    "href",
                    "url(javascript:alert(1))",
                ]
            ),
        ),
    ),
)


@st.composite
def element(draw, children) -> str:
    tag = draw(st.sampled_from(DANGEROUS_TAGS))
    attrs = draw(st.lists(ATTRIBUTES, max_size=3))
    quote = draw(st.sampled_from(['"', "'", ""]))
    rendered = "".join(
        f" {name}={quote}{value.replace(quote, '') if quote else value.replace(' ', '')}{quote}"
        for name, value in attrs
    )
    inner = "".join(draw(st.lists(children, max_size=3)))
    close = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", "", "</p>"]))
    return f"<{tag}{rendered}>{inner}{close}"


HTML_LEAF = st.one_of(
    TEXT,
    st.sampled_from(
        [
            "alert(1)",
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "</script>",
            "<script>alert(1)",
            "&lt;script&gt;",
            '<img src=x onerror="alert(1)">',
            "<svg/onload=alert(1)>",
            '<a href="javascript:alert(1)">x</a>',
            "<scr<script>ipt>alert(1)</script>",
            '<script type="application/json" class="isacs-x">{}</script>',
            '<script src="../assets/assess.js"></script>',
            '<link rel="stylesheet" href="../assets/a.css">',
            '<noscript><p class="isacs-n">text</p></noscript>',
            '[[isacs-trusted:0:0"]]',
            '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
        ]
    ),
)
RANDOM_HTML = st.recursive(HTML_LEAF, lambda children: element(children), max_leaves=12)
URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "data", "poster", "background", "srcdoc"}
NEVER = {
    "iframe",
    "object",
    "embed",
    "style",
    "base",
    "meta",
    "frame",
    "frameset",
    "applet",
    "template",
    "math",
    "animate",
    "set",
    "use",
    "image",
    "foreignobject",
    "select",
    "option",
    "xmp",
    "noembed",
}


class _Audit(HTMLParser):
    """Every element and attribute of the sanitised HTML, as a browser-like tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"handler {name} on <{tag}>")
            if name in ("style", "srcdoc", "formaction", "action"):
                self.problems.append(f"{name} on <{tag}>")
            if name in URL_ATTRIBUTES and value and dangerous_scheme(value):
                self.problems.append(f"{name}={value!r} on <{tag}>")
        if tag in NEVER:
            self.problems.append(f"<{tag}>")
        if tag == "script":
            self.in_script = attrs
            json_block = attrs.get("type") == "application/json" and "src" not in attrs
            own_file = set(attrs) == {"src"} and re.fullmatch(r"(\.\./)*assets/[\w-]+\.js", attrs["src"] or "")
            if not (json_block or own_file):
                self.problems.append(f"<script {attrs}>")
        if tag == "link" and not (
            attrs.get("rel") == "stylesheet" and re.fullmatch(r"(\.\./)*assets/[\w-]+\.css", attrs.get("href") or "")
        ):
            self.problems.append(f"<link {attrs}>")

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self.in_script is not None and "src" in self.in_script and data.strip():
            self.problems.append(f"script file with inline code {data!r}")

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = None


def audit(html: str) -> list[str]:
    parser = _Audit()
    parser.feed(html)
    parser.close()
    return parser.problems


@SETTINGS
@given(html=st.lists(RANDOM_HTML, min_size=1, max_size=4).map("".join))
def test_sanitised_html_has_nothing_executable(html):
    clean = sanitise(html)
    assert audit(clean) == [], (html, clean)
    assert sanitise(clean) == clean or audit(sanitise(clean)) == []


@SETTINGS
@given(url=URLS, tag=st.sampled_from(["a", "img"]), attr=st.sampled_from(["href", "src"]))
def test_sanitised_url_attributes(url, tag, attr):
    clean = sanitise(f'<p><{tag} {attr}="{url}">x</{tag}></p>')
    assert audit(clean) == [], clean
    # What a browser's tokenizer makes of the value (a NUL becomes U+FFFD, which ends any scheme).
    if dangerous_scheme(url.replace("\x00", "\ufffd")):
        assert f"{attr}=" not in clean


def test_trusted_shapes_are_exact():
    """The four generator shapes pass; a near miss does not."""
    assert TRUSTED.fullmatch('<script type="application/json" class="isacs-assess-config">{"a":"\\u003c"}</script>')
    assert TRUSTED.fullmatch('<script src="../../assets/assess.js"></script>')
    for near_miss in [
        '<script type="application/json" class="isacs-x">{"a":"<b>"}</script>',
        '<script src="https://evil.example/assets/a.js"></script>',
        '<script src="../assets/a.js" onload="x"></script>',
        '<script src="../assets/a.js">alert(1)</script>',
        '<noscript><p class="isacs-n">a<img src=x onerror=alert(1)></p></noscript>',
    ]:
        assert not TRUSTED.fullmatch(near_miss)
        assert audit(sanitise(near_miss)) == []
