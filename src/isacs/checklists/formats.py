"""The checklist formats and the one function that writes any of them."""

from __future__ import annotations

from collections.abc import Callable

from . import csvfile, jsonfile, pdf, xlsx
from .rows import Checklist

WRITERS: dict[str, Callable[[Checklist], bytes]] = {
    "xlsx": xlsx.render,
    "csv": csvfile.render,
    "json": jsonfile.render,
    "pdf": pdf.render,
}
FORMATS: tuple[str, ...] = tuple(WRITERS)


def render(checklist: Checklist, fmt: str) -> bytes:
    return WRITERS[fmt](checklist)
