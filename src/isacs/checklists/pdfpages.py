"""Page-level work on printed PDFs (pikepdf, i.e. qpdf): where each module starts, cutting page ranges
out, and the metadata every checklist PDF gets.

The output is deterministic: fixed document information (the creation date is the stamp's generation
date, not the time of printing) and an ID derived from the content, so the same input gives the same bytes.
"""
from __future__ import annotations

import datetime as _dt
import io

import pikepdf

from .chromium import PdfEngineError


def module_starts(data: bytes, modules: int) -> list[int]:
    """First page index of each module, from the outline entries Chromium made of the modules' <h1>s."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        with pdf.open_outline() as outline:
            entries = list(outline.root)
        starts = []
        for entry in entries:
            destination = entry.destination
            if not isinstance(destination, pikepdf.Array) or len(destination) == 0:
                raise PdfEngineError(f"Chromium's PDF outline entry {entry.title!r} has no page destination")
            starts.append(pdf.pages.index(pikepdf.Page(destination[0])))
    if len(starts) != modules or starts != sorted(starts) or (starts and starts[0] != 0):
        raise PdfEngineError(f"Chromium's PDF outline lists modules from pages {starts}, expected {modules} in order")
    return starts


def finish(data: bytes, title: str, lang: str, author: str, created: _dt.date,
           pages: tuple[int, int | None] | None = None) -> bytes:
    """The PDF (or only its pages [first, end)) with the checklist's metadata, written deterministically."""
    with pikepdf.open(io.BytesIO(data)) as source:
        if pages is None:
            pdf = source
        else:
            pdf = pikepdf.new()
            pdf.pages.extend(source.pages[pages[0]:pages[1]])
            for page in pdf.pages:
                if "/StructParents" in page.obj:  # the structure tree stays with the whole document
                    del page.obj["/StructParents"]
        when = f"D:{created:%Y%m%d}000000Z"
        pdf.docinfo = pdf.make_indirect(pikepdf.Dictionary(
            Title=pikepdf.String(title), Creator=pikepdf.String(author), Producer=pikepdf.String(author),
            CreationDate=pikepdf.String(when), ModDate=pikepdf.String(when)))
        pdf.Root.Lang = pikepdf.String(lang)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
        if pdf is not source:
            pdf.close()
    return out.getvalue()
