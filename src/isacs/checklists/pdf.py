"""PDF checklist: WeasyPrint lays out one HTML document per module; several modules are one PDF made of
their pages, so a series bundle reuses the module documents already laid out in this process.

Font subsetting is the slow part of WeasyPrint; with HarfBuzz-subset (Debian libharfbuzz-subset0) it is
fast, and one FontConfiguration is shared so fonts are looked up once per process.
"""
from __future__ import annotations

import copy
import hashlib
import logging
import threading
from functools import lru_cache

from ..render.strings import t
from .html import module_html
from .rows import Checklist

_lock = threading.Lock()  # WeasyPrint's font configuration is not meant for concurrent use


@lru_cache(maxsize=1)
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@lru_cache(maxsize=256)
def _layout(digest: str, html: str):
    """Laid-out document for one module's HTML (keyed by its digest, so identical input is laid out once)."""
    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # its warnings are about CSS we do not use
    return weasyprint.HTML(string=html, base_url=None).render(font_config=_font_config())


def layout(html: str):
    with _lock:
        return _layout(hashlib.sha256(html.encode("utf-8")).hexdigest(), html)


def render(checklist: Checklist) -> bytes:
    documents = [layout(module_html(checklist, module)) for module in checklist.modules]
    first = documents[0]
    merged = first.copy([page for document in documents for page in document.pages])
    merged.metadata = copy.copy(first.metadata)  # the cached module document keeps its own title
    merged.metadata.title = f"{t(checklist.lang, 'cl_checklist')} — {checklist.title}"
    merged.metadata.lang = checklist.lang
    with _lock:
        return merged.write_pdf()
