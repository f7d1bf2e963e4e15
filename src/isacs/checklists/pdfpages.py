"""Page-level work on printed PDFs (pikepdf, i.e. qpdf): where each module starts, cutting modules out,
and the metadata every checklist PDF gets.

The output is deterministic: fixed document information (the creation date is the stamp's generation
date, not the time of printing) and an ID derived from the content, so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as _dt
import io
from dataclasses import dataclass

import pikepdf

from .chromium import PdfEngineError


@dataclass(frozen=True)
class Output:
    """One PDF to make from a printed document: the whole of it, or modules [first, end) of it."""

    title: str
    lang: str
    author: str
    created: _dt.date
    modules: tuple[int, int] | None = None


def finish(data: bytes, modules: int, outputs: list[Output]) -> list[bytes]:
    """Every output of one printed document of `modules` modules; the document is read once."""
    with pikepdf.open(io.BytesIO(data)) as source:
        bounds = _module_starts(source, modules) + [len(source.pages)] if any(o.modules for o in outputs) else []
        out = []
        for output in outputs:
            if output.modules is None:
                out.append(_save(source, output))
                continue
            with pikepdf.new() as part:
                part.pages.extend(source.pages[bounds[output.modules[0]] : bounds[output.modules[1]]])
                for page in part.pages:
                    if "/StructParents" in page.obj:  # the structure tree stays with the whole document
                        del page.obj["/StructParents"]
                out.append(_save(part, output))
    return out


def _module_starts(pdf: pikepdf.Pdf, modules: int) -> list[int]:
    """First page index of each module, from the outline entries Chromium made of the modules' <h1>s."""
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


def _save(pdf: pikepdf.Pdf, output: Output) -> bytes:
    when = f"D:{output.created:%Y%m%d}000000Z"
    pdf.docinfo = pdf.make_indirect(
        pikepdf.Dictionary(
            Title=pikepdf.String(output.title),
            Creator=pikepdf.String(output.author),
            Producer=pikepdf.String(output.author),
            CreationDate=pikepdf.String(when),
            ModDate=pikepdf.String(when),
        )
    )
    pdf.Root.Lang = pikepdf.String(output.lang)
    buffer = io.BytesIO()
    pdf.save(buffer, deterministic_id=True, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buffer.getvalue()
