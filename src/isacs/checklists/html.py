"""Printable HTML of one module's checklist (the PDF writer lays it out with WeasyPrint).

One self-contained document per module and language: no external resources, so rendering needs no
network and the same input always gives the same PDF. Logical CSS properties mirror it for Arabic.
"""
from __future__ import annotations

from html import escape

from ..core.languages import is_rtl
from ..render.strings import t
from .columns import stamp_lines
from .rows import STATUSES, Checklist, ModuleChecklist, status_label

# Fonts from Debian packages (fonts-noto-core, fonts-noto-cjk); the CJK face goes first for Chinese so
# shared code points (punctuation, digits) take the Chinese forms.
FONTS = '"Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC", "DejaVu Sans", sans-serif'
FONTS_ZH = '"Noto Sans CJK SC", "Noto Sans", "DejaVu Sans", sans-serif'

BOX = "\u2610"  # ☐ BALLOT BOX: a real character, so the tick boxes survive copy/paste and pdftotext

# Blocks, not a table: WeasyPrint lays out table rows several times over, and blocks print just as well.
CSS = """
@page { size: A4; margin: 14mm 13mm 16mm 13mm;
  @bottom-left { content: string(footer); font-size: 7pt; color: #555; }
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 7pt; color: #555; } }
html { font-size: 9pt; line-height: 1.35; color: #111; }
p { margin: 0; }
h1 { font-size: 13pt; margin: 0 0 1mm 0; string-set: footer content(); }
.kind { font-size: 8pt; letter-spacing: .05em; color: #555; }
.stamp { margin: 1mm 0 4mm 0; color: #333; font-size: 7.5pt; }
.req { border: .6pt solid #8a96a3; padding: 1.6mm 2mm; margin-bottom: 2mm; break-inside: avoid; }
.head { font-size: 8pt; color: #333; margin-bottom: .8mm; }
.rid { font-weight: bold; color: #111; }
.meta { color: #444; font-size: 7.5pt; margin-top: .8mm; }
.ticks { margin-top: 1.4mm; font-size: 8.5pt; }
.ticks span { margin-inline-end: 5mm; white-space: nowrap; }
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


def module_html(checklist: Checklist, module: ModuleChecklist) -> str:
    lang = checklist.lang
    direction = "rtl" if is_rtl(lang) else "ltr"
    lines = stamp_lines(checklist, module)
    narrowed = filter_line(checklist)
    if narrowed:
        lines.insert(1, narrowed)
    rows = "\n".join(_row_html(checklist, module, row) for row in module.rows)
    fonts = FONTS_ZH if lang == "zh" else FONTS
    title = f"{module.label} — {module.title}"
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">
<title>{escape(t(lang, 'cl_checklist'))} — {escape(title)}</title>
<meta name="generator" content="{escape(checklist.stamp.tool)}">
<meta name="description" content="{escape(' · '.join(lines))}">
<meta name="dcterms.created" content="{checklist.stamp.generated.isoformat()}">
<style>{CSS} html {{ font-family: {fonts}; }}</style></head>
<body><p class="kind">{escape(t(lang, 'cl_checklist'))}</p><h1>{escape(title)}</h1>
<div class="stamp">{''.join(f'<p>{escape(line)}</p>' for line in lines)}</div>
{rows}
</body></html>
"""
