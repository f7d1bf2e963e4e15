"""Structure IDs of printed PDFs (isacs.checklists.pdfpages): renamed on the printed bytes (the fast path)
exactly as the walk of the structure tree renames them, and left to the walk whenever the bytes are not
as Chromium writes them."""

from __future__ import annotations

import io
import re
import shutil

import pikepdf
import pytest
from test_module_pdf import MARKING, corpus  # noqa: F401 (the module-scoped fixture)

from isacs.checklists import chromium, module_print, pdfpages
from isacs.checklists.module_pdf import _output

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


@pytest.fixture(scope="module")
def printed(corpus):  # noqa: F811
    """05.30 in French, raw from Chromium, printed second in its tab: its IDs do not start at 1."""
    corpus, stamp = corpus
    documents = [module_print.document(corpus, corpus.modules[MARKING], lang, stamp) for lang in ("en", "fr")]
    raw = chromium.print_pdfs([d.html for d in documents], jobs=1)
    return documents[1], raw[1], stamp


def ids(data: bytes) -> list[bytes]:
    return re.findall(rb"\((node\d+)\)", data)


def test_fast_path_gives_the_walks_bytes(printed, monkeypatch):
    document, raw, stamp = printed
    assert pdfpages._renumbered_bytes(raw) is not None  # the fast path applies to what Chromium prints
    assert min(int(name[4:]) for name in ids(raw)) > 1  # and has something to do
    fast = pdfpages.finish(raw, 1, [_output(document, stamp)])
    monkeypatch.setattr(pdfpages, "_renumbered_bytes", lambda data: None)
    walked = pdfpages.finish(raw, 1, [_output(document, stamp)])
    assert fast == walked


def test_renamed_from_one_in_order_and_the_file_still_reads(printed):
    _, raw, _ = printed
    renamed = pdfpages._renumbered_bytes(raw)
    assert len(renamed) == len(raw)
    names = sorted({int(name[4:]) for name in ids(renamed)})
    assert names == list(range(1, len(names) + 1))
    with pikepdf.open(io.BytesIO(renamed)) as pdf:  # offsets unchanged: qpdf reads it without repair
        assert len(pdf.pages) > 1
        assert "/StructTreeRoot" in pdf.Root


TREE = b"1 0 obj\n<</S /TD /ID (node00000042) /A [<</O /Table /Headers [(node00000040)]>>]>>\nendobj\n"


@pytest.mark.parametrize(
    "data",
    [
        TREE + b"2 0 obj\n<</Type /Annot /Dest (node00000040)>>\nendobj\n",  # an ID-like name elsewhere
        TREE.replace(b"(node00000040)", b"(node000000040)"),  # not 8 digits
        TREE + b"3 0 obj\n<</Type /ObjStm /N 1>>\nendobj\n",  # objects hidden in streams
        b"1 0 obj\n<</S /P>>\nendobj\n",  # nothing to rename
    ],
    ids=["id-elsewhere", "width", "object-stream", "none"],
)
def test_anything_unexpected_is_left_to_the_walk(data):
    assert pdfpages._renumbered_bytes(data) is None


def test_expected_bytes_are_renamed_in_place():
    assert pdfpages._renumbered_bytes(TREE) == TREE.replace(b"00000042", b"00000002").replace(b"00000040", b"00000001")
