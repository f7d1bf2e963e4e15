"""The source policy (E025 raw HTML, E026 script URLs, E027 foreign attribute lists): every payload in a
module body or a glossary text of a copy of the fixture corpus fails `isacs check` at its exact line and
column with its own code; code spans, fenced code, autolinks and the format's own attribute lists pass."""

from __future__ import annotations

import re

import pytest

from core_testkit import EN, MARKING, assert_clean_failure, copy_mini, isacs, sub, write
from isacs.core.source_policy import dangerous_scheme, scan

# (payload line appended to the English body, code, column of the diagnostic)
PAYLOADS = [
    ("Text <script>alert(1)</script> here.", "E025", 6),
    ('<iframe src="https://evil.example"></iframe>', "E025", 1),
    ("An image <img src=x onerror=alert(1)> inline.", "E025", 10),
    ("<!-- a comment that could hide a payload -->", "E025", 1),
    ("See [click](javascript:alert(1)).", "E026", 13),
    ("See [click](java&#x73;cript:alert(1)).", "E026", 13),
    ("See [click](JaVa\tscript:alert(1)).", "E026", 13),
    ("See [click](  JAVASCRIPT&colon;alert(1)).", "E026", 15),
    ("See ![img](data:text/html;base64,PHNjcmlwdD4=).", "E026", 12),
    ("See [file](file:///etc/passwd) and more.", "E026", 12),
    ("See [vb](<vbscript:msgbox(1)>).", "E026", 11),
    ("[ref]: javascript:alert(1)", "E026", 8),
    ('{: #r001x onmouseover="alert(1)" }', "E027", 1),
    ('Emphasis *x*{: onclick="alert(1)" } here.', "E027", 13),
    ('A [link](https://example.org){: href="javascript:alert(1)" } here.', "E027", 30),
    ("## Heading {: .unnumbered style=color:red }", "E027", 12),
    ("```{.html onclick=alert(1)}\ncode\n```", "E027", 4),
]


def _append(text: str):
    """Each payload its own paragraph after the last requirement of the English file."""

    def edit(root):
        file = root / EN
        file.write_text(file.read_text("utf-8") + "\n" + text + "\n", "utf-8")

    return edit


@pytest.fixture(scope="module")
def payload_run(tmp_path_factory):
    root = copy_mini(tmp_path_factory.mktemp("policy"))
    start = len((root / EN).read_text("utf-8").split("\n")) + 1  # the line of the first payload
    lines = {}
    body = []
    for text, _code, _col in PAYLOADS:
        lines[text] = start + sum(chunk.count("\n") + 2 for chunk in body)
        body.append(text)
    _append("\n\n".join(body))(root)
    return isacs("check", "--root", str(root)), lines


@pytest.mark.parametrize("text,code,col", PAYLOADS, ids=[f"{c}-{i}" for i, (_, c, _) in enumerate(PAYLOADS)])
def test_payload_is_reported_at_its_line(payload_run, text, code, col):
    run, lines = payload_run
    assert run.returncode == 1
    assert_clean_failure(run)
    assert f"{EN}:{lines[text]}:{col}: error {code} " in run.stdout, run.stdout


def test_each_payload_reported_once_and_nothing_else(payload_run):
    run, lines = payload_run
    reported = [line for line in run.lines if re.search(r" error E02[567] ", line)]
    assert len(reported) == len(PAYLOADS), "\n".join(reported)


def test_diagnostics_say_how_to_fix(payload_run):
    run, _ = payload_run
    by_code = {code: [line for line in run.lines if f" {code} " in line] for code in ("E025", "E026", "E027")}
    assert all("write Markdown instead" in line for line in by_code["E025"])
    assert all("relative path" in line for line in by_code["E026"])
    assert all("{: #rNNN }" in line or "language name" in line for line in by_code["E027"])
    assert all("\t" not in line for line in run.lines)  # a tab in the source is shown escaped


def test_github_format_carries_the_code(tmp_path):
    root = copy_mini(tmp_path)
    _append("Text <script>alert(1)</script> here.")(root)
    run = isacs("check", "--root", str(root), "--format", "github")
    assert run.returncode == 1
    assert any(line.startswith(f"::error file={EN},") and "title=E025::" in line for line in run.lines), run.stdout


ALLOWED = """
Code is text: `<script>alert(1)</script>`, ``[x](javascript:y)``, `{: onclick=x }` and `<img onerror=x>`.

```html
<script>alert(1)</script>
<a href="javascript:alert(1)">x</a>
{: onclick=x }
```

~~~
<iframe></iframe>
~~~

Autolinks <https://example.org/a?b=c> and <someone@example.org>; a set {a, b} in prose; a < b and 5 > 4;
an entity &lt;script&gt; and an escaped brace \\{: onclick=x }.

[relative](../other/) [anchor](#r001) [web](https://example.org "title") [mail](mailto:x@example.org)

[ref]: https://example.org/data:x

## Annex heading {: .annex }

## Unnumbered heading {: .unnumbered #intro }
"""


def test_code_autolinks_and_format_attribute_lists_pass(tmp_path):
    root = copy_mini(tmp_path)
    _append(ALLOWED)(root)
    run = isacs("check", "--root", str(root))
    assert not [line for line in run.lines if re.search(r" E02[567] ", line)], run.stdout


def test_glossary_definition_and_note(tmp_path):
    root = copy_mini(tmp_path)
    sub(MARKING, "notes: [Fixture definition.]", 'notes: [Fixture definition., "See [x](javascript:alert(1))."]')(root)
    sub(MARKING, "definition: Apposition d'une marque", "definition: <b onclick=x>Apposition</b> d'une marque")(root)
    run = isacs("check", "--root", str(root))
    assert run.returncode == 1
    assert_clean_failure(run)
    assert f"{MARKING}:8:43: error E026 marking (en note): " in run.stdout, run.stdout
    assert f"{MARKING}:11:17: error E025 marking (fr definition): " in run.stdout, run.stdout


def test_glossary_block_scalar(tmp_path):
    root = copy_mini(tmp_path)
    sub(
        MARKING,
        "    definition: Applying an identifying mark to an item.\n",
        "    definition: >\n      Applying an identifying mark\n      to an <i>item</i>.\n",
    )(root)
    run = isacs("check", "--root", str(root))
    assert f"{MARKING}:9:13: error E025 " in run.stdout, run.stdout


def test_translation_body_is_checked_too(tmp_path):
    root = copy_mini(tmp_path)
    fr = "modules/isacs/05.30/index.fr.md"
    text = (root / fr).read_text("utf-8")
    write(fr, text + "\n<script>alert(1)</script>\n")(root)
    line = text.count("\n") + 2
    run = isacs("check", "--root", str(root))
    assert f"{fr}:{line}:1: error E025 " in run.stdout, run.stdout


# The reader on its own: spellings of the same payloads, and what is not one.
@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "  javascript:alert(1)",
        "java\tscript:x",
        "java\nscript:x",
        "java&#x73;cript:x",
        "java&#115;cript:x",
        "&#106;avascript:x",
        "&#0000106avascript:x",
        "javascript&colon;x",
        "java&Tab;script:x",
        "jav&#x09;ascript:x",
        "\x01javascript:x",
        "java\u200bscript:x",
        "java&amp;#x73;cript:x",
        "vbscript:x",
        "VBScript:x",
        "data:text/html,x",
        "DATA:image/svg+xml;base64,x",
        "file:///etc/passwd",
        "FiLe://host/share",
    ],
)
def test_dangerous_scheme(url):
    assert dangerous_scheme(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/javascript:x",
        "../javascript/",
        "#javascript:x",
        "mailto:someone@example.org",
        "http://x/?u=data:x",
        "datafile.csv",
        "files/x.pdf",
        "?file:x",
        "",
    ],
)
def test_not_a_dangerous_scheme(url):
    assert dangerous_scheme(url) is None


@pytest.mark.parametrize(
    "text,expected",
    [
        ("a `b` <i>c</i>", [(0, 7, "E025")]),
        ("`a`\n<i>c</i>", [(1, 1, "E025")]),
        ("- a `\n- `x` <img onerror=y> `z`", [(1, 7, "E025")]),  # a code span list items do not share
        ("[x](\n  javascript:alert(1))", [(1, 3, "E026")]),
        ("[x]: \n  <javascript:alert(1)>", [(1, 3, "E026")]),
        ("[x](<b onclick=y>)", []),  # a destination written <…> (a relative URL), not HTML
        ("[x](a <b onclick=y>)", [(0, 7, "E025")]),
        ("```\n<b>\n", [(1, 1, "E025")]),  # an unclosed fence is not code
        ("x\n{: #r001 }", []),
        ("x\n{: #r001 .annex }", [(1, 1, "E027")]),
        ("| a | b {: .x } |", [(0, 9, "E027")]),
        ("text {#r001} inline", []),  # a misplaced marker: E016 (markdown_source) reports it
        ("## Title {: .annex #ok }", []),
        ('## Title {: .annex #no"pe }', [(0, 10, "E027")]),
        ("\\{: onclick=x }", []),
        ("\\\\{: onclick=x }", [(0, 3, "E027")]),
        ("", []),
    ],
)
def test_scan(text, expected):
    assert [(f.line, f.col, f.code) for f in scan(text)] == expected
