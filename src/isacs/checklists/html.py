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

CSS = """
@page { size: A4; margin: 14mm 12mm 16mm 12mm;
  @bottom-left { content: string(footer); font-size: 7pt; color: #555; }
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 7pt; color: #555; } }
html { font-size: 8.5pt; line-height: 1.35; color: #111; }
h1 { font-size: 13pt; margin: 0 0 1mm 0; string-set: footer content(); }
.kind { font-size: 8pt; text-transform: uppercase; letter-spacing: .05em; color: #555; margin: 0; }
.stamp { margin: 1mm 0 3mm 0; color: #333; font-size: 7.5pt; }
.stamp p { margin: 0; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
thead { display: table-header-group; }
th { background: #dde3ea; text-align: start; font-weight: bold; }
th, td { border: .5pt solid #8a96a3; padding: 1.2mm 1.5mm; vertical-align: top; }
tr { break-inside: avoid; }
.id { width: 12%; }
.id b { display: block; font-family: "DejaVu Sans Mono", monospace; }
.meta { color: #444; font-size: 7.5pt; margin-top: 1mm; }
th.tick { width: 8.5%; font-size: 6.5pt; font-weight: normal; text-align: center; vertical-align: bottom; }
td.tick { border-width: .9pt; }
.notes { width: 17%; }
"""


def _row_html(checklist: Checklist, module: ModuleChecklist, row) -> str:
    lang = checklist.lang
    meta = [row.verbal_form]
    if row.rrpl is not None:
        meta.append(f"{t(lang, 'rrpl')} {row.rrpl}")
    if row.actors:
        meta.append(f"{t(lang, 'actors')}: " + ", ".join(label for _, label in row.actors))
    if row.refs:
        meta.append(f"{t(lang, 'cl_col_refs')}: " + ", ".join(row.refs))
    clause = f"{row.clause} {row.clause_title}".strip()
    text_dir = "" if module.text_lang == lang else f' lang="{module.text_lang}" dir="ltr"'
    return (f'<tr id="{escape(row.id)}"><td class="id"><b>{escape(row.id)}</b>{escape(clause)}</td>'
            f"<td><div{text_dir}>{escape(row.text)}</div>"
            f'<div class="meta">{escape(" · ".join(meta))}</div></td>'
            + '<td class="tick"></td>' * len(STATUSES) + '<td class="notes"></td></tr>')


def filter_line(checklist: Checklist) -> str | None:
    """The filters that narrowed the requirements (not the module choice), so a partial list says so."""
    f, lang = checklist.filters, checklist.lang
    parts = []
    if f.levels:
        parts.append(f"{t(lang, 'cl_col_form')}: " + ", ".join(t(lang, f"cl_form_{level}") for level in f.levels))
    if f.actors:
        parts.append(f"{t(lang, 'actors')}: " + ", ".join(f.actors))
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
    # One empty cell per status is the tick box: cheap to lay out, and it prints as a grid to tick.
    head = (f'<th class="id">{escape(t(lang, "cl_col_id"))}</th><th>{escape(t(lang, "cl_col_text"))}</th>'
            + "".join(f'<th class="tick">{escape(status_label(lang, s))}</th>' for s in STATUSES)
            + f'<th class="notes">{escape(t(lang, "cl_col_notes"))}</th>')
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
<table><thead><tr>{head}</tr></thead><tbody>
{rows}
</tbody></table></body></html>
"""
