"""Generated HTML passed through Markdown untouched (isacs.render.verbatim): a wrapped block comes out as
Markdown writes the same raw HTML block (one that starts with a block-level element), around the same
Markdown; only a block `wrap` wrote is passed
through unparsed: an edited block, or a marker typed into a text, is Markdown like any other."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown import Markdown

from isacs.checklists.collect import Collected
from isacs.checklists.downloads import planned
from isacs.checklists.stamp import make_stamp
from isacs.core.md_lists import MARKDOWN_EXTENSION_CONFIGS, MARKDOWN_EXTENSIONS
from isacs.core.validate import check_repository
from isacs.render import assessment
from isacs.render.verbatim import VerbatimExtension, wrap

FORM = """<div class="isacs-assess">
<script type="application/json" class="isacs-assess-config">{"title":"ISACS 05.30 \\u2014 x < y"}</script>
<form class="isacs-assess-form" autocomplete="off">
<fieldset data-key="isacs/05.30#r001"><legend><a href="../../isacs/05.30/#r001">r001</a> *not emphasis*</legend>
<label><input type="radio" name="r001" value="met"> Met</label>
</fieldset>
</form>
</div>"""


def convert(text: str, verbatim: bool = True) -> str:
    extensions = [*MARKDOWN_EXTENSIONS, *([VerbatimExtension()] if verbatim else [])]
    return Markdown(extensions=extensions, extension_configs=MARKDOWN_EXTENSION_CONFIGS).convert(text)


def page(block: str) -> str:
    return (
        "# Self-assessment\n\nChoose a status for *each* requirement.\n\n"
        f'<link rel="stylesheet" href="../../assets/assess.css">\n{block}\n\nAfter the form.\n'
    )


@pytest.mark.parametrize(
    "after",
    ["\n\nAfter the form.\n", "\n", "", "\nA line right after.\n", "\n\n## Next\n", '\n<script src="a.js"></script>\n'],
    ids=["paragraph", "end", "no-newline", "next-line", "heading", "script"],
)
def test_a_wrapped_block_comes_out_as_markdown_writes_it_raw(after):
    before = "# Self-assessment\n\nChoose a status for *each* requirement.\n\n"
    assert convert(before + wrap(FORM).rstrip("\n") + after) == convert(before + FORM + after, verbatim=False)
    assert FORM in convert(before + wrap(FORM) + after)


def test_the_markdown_around_it_is_still_converted():
    html = convert(page(wrap(FORM)))
    assert "<em>each</em>" in html and "<p>After the form.</p>" in html
    assert "<em>not emphasis</em>" not in html


@pytest.mark.parametrize(
    "tampered",
    [
        lambda wrapped: wrapped.replace("r001</a>", "r002</a>"),  # the block edited after wrapping
        lambda wrapped: "<!-- isacs:verbatim " + "0" * 64 + " -->\n" + FORM + "\n<!-- /isacs:verbatim -->",  # typed
        lambda wrapped: wrapped.rstrip("\n").rsplit("\n", 1)[0],  # no closing marker
    ],
    ids=["edited", "typed-marker", "unclosed"],
)
def test_only_a_block_wrap_wrote_passes_through(tampered):
    text = page(tampered(wrap(FORM)))
    assert convert(text) == convert(text, verbatim=False)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_self_assessment_form_comes_out_as_before(lang):
    # The bundled corpus' self-assessment pages: the form is wrapped once, and the page converts to the HTML
    # Markdown makes of the same page with the form as a plain raw HTML block.
    corpus, _ = check_repository(Path(__file__).resolve().parents[2])
    stamp = make_stamp(corpus.root)
    collected = Collected(stamp, {lang: planned(corpus, lang, stamp)}, {})
    forms = [f.content for f in assessment.pages(corpus, lang, collected) if f.path != assessment.INDEX]
    assert len(forms) >= 8
    for text in forms:
        assert len(re.findall(r"(?m)^<!-- isacs:verbatim [0-9a-f]{64} -->$", text)) == 1
        plain = re.sub(r"<!-- isacs:verbatim [0-9a-f]{64} -->\n", "", text).replace("<!-- /isacs:verbatim -->\n", "")
        assert convert(text) == convert(plain, verbatim=False)
