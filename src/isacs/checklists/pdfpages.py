"""Page-level work on printed PDFs (pikepdf, i.e. qpdf): where each module starts, cutting modules out,
and the metadata every checklist PDF gets.

The output is deterministic: fixed document information (the creation date is the stamp's generation
date, not the time of printing), structure element IDs numbered in the document alone, and an ID derived
from the content, so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
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
    # The titles of the whole document's outline entries in order, when known (module PDFs: the headings'
    # text). Chromium writes right-to-left titles in visual order, words reversed ("النطاق 1" for the
    # heading "1 النطاق"), which a reader's bookmark panel then shows backwards; these replace them.
    outline: tuple[str, ...] = ()


def finish(data: bytes, modules: int, outputs: list[Output]) -> list[bytes]:
    """Every output of one printed document of `modules` modules; the document is read once."""
    renumbered = _renumbered_bytes(data)
    with pikepdf.open(io.BytesIO(renumbered or data)) as source:
        bounds = _module_starts(source, modules) + [len(source.pages)] if any(o.modules for o in outputs) else []
        out = []
        for output in outputs:
            if output.modules is None:
                out.append(_save(source, output, renumbered=renumbered is not None))
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


def _retitle(pdf: pikepdf.Pdf, titles: tuple[str, ...]) -> None:
    with pdf.open_outline() as outline:
        entries, stack = [], list(reversed(outline.root))
        while stack:  # depth first, in document order
            entry = stack.pop()
            entries.append(entry)
            stack.extend(reversed(entry.children))
        if len(entries) != len(titles):
            raise PdfEngineError(f"Chromium's PDF outline has {len(entries)} entries, expected {len(titles)} headings")
        for entry, title in zip(entries, titles):
            entry.title = title


_NODE_ID = re.compile(r"node(\d+)")
_ID_STRING = re.compile(rb"\((node\d+)\)")  # a structure ID as Chromium writes it: a literal string
# Where Chromium writes them: an element's /ID, a table cell's /Headers, the ID tree's /Names and /Limits.
_ID_PLACE = re.compile(rb"/(?:ID|Headers|Names|Limits)\s*(?:\[[^\]]*\]|\([^)]*\))")


def _renumbered_bytes(data: bytes) -> bytes | None:
    """_renumber_structure_ids on the printed bytes, before qpdf reads them: the same renaming in
    milliseconds instead of a walk of the whole structure tree (1.6 s for a 60-page module). Chromium writes
    the IDs uncompressed with 8 digits; renamed with 8 digits too, every object keeps its length and offset.
    None (the walk does it) when the bytes are not as expected: object streams, other widths, or an ID-like
    string anywhere but in those places (an anchor named so, say)."""
    if b"/ObjStm" in data:
        return None
    everywhere = _ID_STRING.findall(data)
    in_places = sum(len(_ID_STRING.findall(place.group())) for place in _ID_PLACE.finditer(data))
    if not everywhere or in_places != len(everywhere) or any(len(name) != 12 for name in everywhere):
        return None
    names = sorted(set(everywhere), key=lambda name: int(name[4:]))
    if len(names) >= 10**8:
        return None
    renamed = {name: b"node%08d" % index for index, name in enumerate(names, start=1)}
    return _ID_STRING.sub(lambda found: b"(" + renamed[found.group(1)] + b")", data)


def _renumber_structure_ids(pdf: pikepdf.Pdf) -> None:
    """Tagged PDF: Chromium names each structure element after its DOM node ("node00000661"), a counter of
    the renderer that goes on across the documents a tab prints, so the same document printed after others
    got other IDs (other bytes). They are renumbered from 1 in their own order, wherever they are written:
    the elements' /ID, the ID tree, table cells' /Headers."""
    if "/StructTreeRoot" not in pdf.Root:
        return
    seen: set[tuple[int, int]] = set()
    places: list[tuple[pikepdf.Object, object]] = []  # (container, key or index) of each ID string

    def visit(node: pikepdf.Object) -> None:
        if node.is_indirect:
            if node.objgen in seen:
                return
            seen.add(node.objgen)
        if isinstance(node, pikepdf.Array):
            for item in node:
                if isinstance(item, pikepdf.Dictionary | pikepdf.Array):
                    visit(item)
            return
        if not isinstance(node, pikepdf.Dictionary):
            return
        if isinstance(node.get("/ID"), pikepdf.String):
            places.append((node, "/ID"))
        if isinstance(node.get("/Headers"), pikepdf.Array):  # a table cell's attributes
            places.extend((node.Headers, i) for i in range(len(node.Headers)))
        if isinstance(node.get("/Names"), pikepdf.Array):  # a node of the ID tree: key, value, key, ...
            places.extend((node.Names, i) for i in range(0, len(node.Names), 2))
        if isinstance(node.get("/Limits"), pikepdf.Array):
            places.extend((node.Limits, i) for i in range(len(node.Limits)))
        for key in ("/K", "/A", "/IDTree", "/Kids"):  # down the structure and the ID tree only
            if isinstance(node.get(key), pikepdf.Dictionary | pikepdf.Array):
                visit(node[key])

    visit(pdf.Root.StructTreeRoot)
    found = {str(container[key]) for container, key in places}
    numbered = sorted((int(m.group(1)), name) for name in found if (m := _NODE_ID.fullmatch(name)))
    if len(numbered) != len(found):
        return  # IDs not named as Chromium names them: left as they are
    width = max(8, len(str(len(numbered))))  # the same width: the ID tree stays in sorted order
    renamed = {name: f"node{index:0{width}d}" for index, (_, name) in enumerate(numbered, start=1)}
    for container, key in places:
        container[key] = pikepdf.String(renamed[str(container[key])])


def _save(pdf: pikepdf.Pdf, output: Output, renumbered: bool = False) -> bytes:
    if output.outline:
        _retitle(pdf, output.outline)
    if not renumbered:
        _renumber_structure_ids(pdf)
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
