"""Printable HTML of a checklist (Chromium prints it to PDF): each module from a new page.

Self-contained documents: no external resources and no script, so printing needs no network and the
same input always gives the same PDF. Logical CSS properties mirror it for Arabic.

Each module is a part of its own, on named pages with a page counter of its own, so a part prints the
same alone or inside a series bundle: the module PDFs of the site are cut out of the printed bundles
(pdf.py). Every module has exactly one <h1>: Chromium's PDF outline, made from the headings, tells where
each module starts.
"""
from __future__ import annotations

from html import escape

from ..core.languages import is_rtl
from ..render.strings import t
from .columns import stamp_lines
from .rows import STATUSES, Checklist, ModuleChecklist, status_label

# Fonts from Debian packages (fonts-noto-core, fonts-wqy-microhei). Chinese uses a TrueType CJK face:
# Chromium embeds Noto Sans CJK (CFF outlines in a collection) as Type 3 glyphs, large and poorly
# rendered by viewers. It goes first for Chinese so shared code points take the Chinese forms.
FONTS = '"Noto Sans", "Noto Sans Arabic", "WenQuanYi Micro Hei", "DejaVu Sans", sans-serif'
FONTS_ZH = '"WenQuanYi Micro Hei", "Noto Sans", "DejaVu Sans", sans-serif'

BOX = "\u2610"  # ☐ BALLOT BOX: a real character, so the tick boxes survive copy/paste and pdftotext

# One block per requirement, kept whole on a page. The footer (module, page) is in page margin boxes,
# written per module by _module_part.
CSS = """
@page { size: A4; margin: 14mm 13mm 16mm 13mm; }
html { font-size: 9pt; line-height: 1.35; color: #111; }
html:lang(zh) { font-synthesis: none; }  /* the CJK face has no bold: a synthetic one prints as Type 3 */
p { margin: 0; }
h1 { font-size: 13pt; margin: 0 0 1mm 0; }
.kind { font-size: 8pt; letter-spacing: .05em; color: #555; }
.stamp { margin: 1mm 0 4mm 0; color: #333; font-size: 7.5pt; }
.req { border: .6pt solid #8a96a3; padding: 1.6mm 2mm; margin-bottom: 2mm; break-inside: avoid; }
.head { font-size: 8pt; color: #333; margin-bottom: .8mm; }
.rid { font-weight: bold; color: #111; }
.meta { color: #444; font-size: 7.5pt; margin-top: .8mm; }
.ticks { margin-top: 1.4mm; font-size: 8.5pt; }
.ticks span { margin-inline-end: 5mm; white-space: nowrap; }
.module + .module { break-before: page; }
.notes { margin-top: 1mm; min-height: 9mm; border-top: .4pt solid #c5ccd3; padding-top: .6mm;
  font-size: 7.5pt; color: #555; }
"""


def _row_html(checklist: Checklist, module: ModuleChecklist, row) -> str:
    lang = checklist.lang
    head = [row.clause, row.clause_title, "·", row.verbal_form]
    if row.rrpl is not None:
        head += ["·", f"{t(lang, 'rrpl')} {row.rrpl}"]
    meta = []
    if row.actors:
        meta.append(f"{t(lang, 'actors')}: " + ", ".join(label for _, label in row.actors))
    if row.refs:
        meta.append(f"{t(lang, 'cl_col_refs')}: " + ", ".join(row.refs))
    text_attrs = "" if module.text_lang == lang else f' lang="{module.text_lang}" dir="ltr"'
    ticks = "".join(f"<span>{BOX} {escape(status_label(lang, s))}</span>" for s in STATUSES)
    return (f'<section class="req" id="{escape(row.id)}">'
            f'<p class="head"><span class="rid">{escape(row.id)}</span> {escape(" ".join(h for h in head if h))}</p>'
            f"<p{text_attrs}>{escape(row.text)}</p>"
            + (f'<p class="meta">{escape(" · ".join(meta))}</p>' if meta else "")
            + f'<p class="ticks">{ticks}</p>'
            f'<p class="notes">{escape(t(lang, "cl_col_evidence"))} / {escape(t(lang, "cl_col_notes"))}</p></section>')


def filter_line(checklist: Checklist) -> str | None:
    """The filters that narrowed the requirements (not the module choice), so a partial list says so."""
    f, lang = checklist.filters, checklist.lang
    parts = []
    if f.levels:
        parts.append(f"{t(lang, 'cl_col_form')}: " + ", ".join(t(lang, f"cl_form_{level}") for level in f.levels))
    if f.actors:
        labels = dict(actor for row in checklist.rows for actor in row.actors)
        parts.append(f"{t(lang, 'actors')}: " + ", ".join(labels.get(a, a) for a in f.actors))
    if f.rrpl:
        parts.append(f"{t(lang, 'rrpl')}: " + ", ".join(str(level) for level in f.rrpl))
    return " · ".join(parts) or None


def css_string(text: str) -> str:
    """A CSS string literal of any text: quotes, backslashes, line breaks and `<` (no `</style>`) escaped."""
    return '"' + "".join(f"\\{ord(ch):x} " if ch in '"\\<\n\r' else ch for ch in text) + '"'


def page_name(module: ModuleChecklist) -> str:
    """A CSS identifier per module (its named pages and page counter): isacs-05-30."""
    return "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in module.id)


def _module_part(checklist: Checklist, module: ModuleChecklist) -> tuple[str, str]:
    """One module's part of a document: (page CSS with its footer and page counter, HTML)."""
    lang = checklist.lang
    lines = stamp_lines(checklist, module)
    narrowed = filter_line(checklist)
    if narrowed:
        lines.insert(1, narrowed)
    rows = "\n".join(_row_html(checklist, module, row) for row in module.rows)
    title = f"{module.label} — {module.title}"
    name = page_name(module)
    start, end = ("right", "left") if is_rtl(lang) else ("left", "right")
    box = "font-size: 7pt; color: #555;"
    before, _, after = t(lang, "cl_page_n").partition("{n}")  # "Page {n}", "第 {n} 页"
    css = (f"@page {name} {{ counter-increment: {name};"
           f" @bottom-{start} {{ content: {css_string(title)}; {box} }}"
           f" @bottom-{end} {{ content: {css_string(before)} counter({name}) {css_string(after)}; {box} }} }}\n")
    return css, (f'<div class="module" style="page: {name}">'
                 f"<p class=\"kind\">{escape(t(lang, 'cl_checklist'))}</p><h1>{escape(title)}</h1>\n"
                 f"<div class=\"stamp\">{''.join(f'<p>{escape(line)}</p>' for line in lines)}</div>\n"
                 f"{rows}\n</div>\n")


def document_html(checklist: Checklist) -> str:
    """The printable document of the checklist: its modules in order, each from a new page."""
    lang = checklist.lang
    parts = [_module_part(checklist, module) for module in checklist.modules]
    fonts = FONTS_ZH if lang == "zh" else FONTS
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="{"rtl" if is_rtl(lang) else "ltr"}"><head><meta charset="utf-8">
<title>{escape(t(lang, 'cl_checklist'))} — {escape(checklist.title)}</title>
<meta name="generator" content="{escape(checklist.stamp.tool)}">
<meta name="description" content="{escape(' · '.join(stamp_lines(checklist)))}">
<meta name="dcterms.created" content="{checklist.stamp.generated.isoformat()}">
<style>{CSS}{''.join(css for css, _ in parts)}html {{ font-family: {fonts}; }}</style></head>
<body>
{''.join(body for _, body in parts)}</body></html>
"""
