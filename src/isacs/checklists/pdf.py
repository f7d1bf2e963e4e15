"""PDF checklist: Chromium prints the checklist's HTML document (html.py), each module from a new page.

Printing is batched (`render_many`) because each print has a fixed cost: the site prints each language's
series bundles in one browser and cuts every module's PDF out of its bundle (a module part prints the
same alone or in a bundle), instead of printing each module again.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n.strings import t
from . import pdfpages
from .chromium import print_pdfs
from .html import document_html, heading
from .rows import Checklist


@dataclass(frozen=True)
class _Cut:
    source: int  # index of the printed checklist the pages come from
    first: int  # index of its first module in the source's modules
    count: int  # modules


def render(checklist: Checklist) -> bytes:
    return render_many([checklist])[0]


def _part_key(checklist: Checklist, index: int) -> tuple:
    # A module part prints identically wherever everything it shows is the same: language, stamp, filters
    # other than the module choice, and the module's rows.
    f = checklist.filters
    return (checklist.lang, checklist.stamp, f.levels, f.actors, f.rrpl, checklist.modules[index])


def plan(checklists: list[Checklist]) -> tuple[list[int], dict[int, _Cut]]:
    """Which checklists to print, and which to cut from a printed one (the largest first, so bundles print)."""
    order = sorted(range(len(checklists)), key=lambda i: -len(checklists[i].modules))
    printed: list[int] = []
    parts: dict[tuple, tuple[int, int]] = {}  # part key -> (printed checklist, module index)
    cuts: dict[int, _Cut] = {}
    for i in order:
        found = [parts.get(_part_key(checklists[i], m)) for m in range(len(checklists[i].modules))]
        if (
            found
            and all(found)
            and len({source for source, _ in found}) == 1
            and [m for _, m in found] == list(range(found[0][1], found[0][1] + len(found)))
        ):
            cuts[i] = _Cut(found[0][0], found[0][1], len(found))
            continue
        printed.append(i)
        for m in range(len(checklists[i].modules)):
            parts.setdefault(_part_key(checklists[i], m), (i, m))
    return printed, cuts


def render_many(checklists: list[Checklist], jobs: int | None = None) -> list[bytes]:
    """The PDF of each checklist, in order, from one batch of prints."""
    printed, cuts = plan(checklists)
    made_from = {i: [j for j, cut in cuts.items() if cut.source == i] for i in printed}
    out: list[bytes] = [b""] * len(checklists)

    def finish_print(position: int, data: bytes) -> None:
        # As each print arrives: the printed checklist, and those cut out of it (the print is read once).
        i = printed[position]
        outputs = [_output(checklists[i])] + [
            _output(checklists[j], (cuts[j].first, cuts[j].first + cuts[j].count)) for j in made_from[i]
        ]
        for j, pdf in zip([i, *made_from[i]], pdfpages.finish(data, len(checklists[i].modules), outputs)):
            out[j] = pdf

    print_pdfs([document_html(checklists[i]) for i in printed], jobs, then=finish_print)
    return out


def _output(checklist: Checklist, modules: tuple[int, int] | None = None) -> pdfpages.Output:
    return pdfpages.Output(
        f"{t(checklist.lang, 'cl_checklist')} — {checklist.title}",
        checklist.lang,
        checklist.stamp.tool,
        checklist.stamp.generated,
        modules,
        # A bookmark per module, its heading as written: Chromium's own titles are in visual order, so
        # Arabic read backwards, and lose the space where a heading wrapped ("small armsand light").
        outline=tuple(heading(module) for module in checklist.modules) if modules is None else (),
    )
