"""Column sets shared by the spreadsheet writers, with their translated headings."""

from __future__ import annotations

from ..core.languages import LANGUAGE_NAMES
from ..i18n.strings import t
from .rows import Checklist, ModuleChecklist, Row

# A spreadsheet reads a cell starting with one of these as a formula (or, for tab and carriage return, may
# strip them and read what follows as one): "=HYPERLINK(...)" in a requirement text would become a live
# link, "@SUM(...)" a calculation (OWASP "CSV injection"). Cells from the sources never start a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def starts_formula(value: object) -> bool:
    """Whether a spreadsheet would read this cell value as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


# Assessment columns, left empty for the trainer or assessor to fill in.
ASSESSMENT = ("status", "evidence", "notes", "owner")


def module_columns(module: ModuleChecklist) -> tuple[str, ...]:
    """Columns of one module's sheet; RRPL only for IATG modules, which carry it."""
    rrpl = ("rrpl",) if module.series == "iatg" else ()
    return ("id", "clause", "heading", "form", *rrpl, "text", "actors", "refs", *ASSESSMENT)


# The flat table (CSV, and the browser's CSV export/import): one row per requirement of any module.
FLAT = (
    "key",
    "module",
    "edition",
    "version",
    "id",
    "clause",
    "heading",
    "form",
    "rrpl",
    "text",
    "actors",
    "refs",
    *ASSESSMENT,
    "language",
    "generated",
    "commit",
)

HEADINGS = {
    "key": "cl_col_key",
    "module": "cl_col_module",
    "edition": "col_edition",
    "version": "col_version",
    "id": "cl_col_id",
    "clause": "cl_col_clause",
    "heading": "cl_col_heading",
    "form": "cl_col_form",
    "rrpl": "rrpl",
    "text": "cl_col_text",
    "actors": "actors",
    "refs": "cl_col_refs",
    "status": "cl_col_status",
    "evidence": "cl_col_evidence",
    "notes": "cl_col_notes",
    "owner": "cl_col_owner",
    "language": "cl_col_language",
    "generated": "cl_col_generated",
    "commit": "cl_col_commit",
}


def heading(lang: str, column: str) -> str:
    return t(lang, HEADINGS[column])


def commit_text(checklist: Checklist) -> str:
    return checklist.stamp.commit or t(checklist.lang, "cl_commit_unknown")


def row_values(checklist: Checklist, module: ModuleChecklist, row: Row, columns: tuple[str, ...]) -> list:
    """The values of a row's cells in `columns`: assessment columns are empty, RRPL a number or empty."""
    values = {
        "key": row.key,
        "module": module.label,
        "edition": module.edition,
        "version": module.version,
        "id": row.id,
        "clause": row.clause,
        "heading": row.clause_title,
        "form": row.verbal_form,
        "rrpl": row.rrpl if row.rrpl is not None else "",
        "text": row.text,
        "actors": ", ".join(label for _, label in row.actors),
        "refs": ", ".join(row.refs),
        "language": checklist.lang,
        "generated": checklist.stamp.generated.isoformat(),
        "commit": commit_text(checklist),
    }
    return [values.get(column, "") for column in columns]


def stamp_lines(checklist: Checklist, module: ModuleChecklist | None = None) -> list[str]:
    """The human-readable stamp: module edition/version (when one module), language, date, commit."""
    lang = checklist.lang
    lines = []
    if module is not None:
        lines.append(
            f"{t(lang, 'col_edition')}: {module.edition} · {t(lang, 'col_version')}: {module.version}"
            + (f" · {t(lang, 'col_date')}: {module.date}" if module.date else "")
            + f" · {t(lang, 'col_status')}: {t(lang, 'status_' + module.status)}"
        )
    lines.append(
        f"{t(lang, 'cl_col_language')}: {LANGUAGE_NAMES[lang]} · "
        f"{t(lang, 'cl_col_generated')}: {checklist.stamp.generated.isoformat()} · "
        f"{t(lang, 'cl_col_commit')}: {commit_text(checklist)}"
    )
    if module is not None and module.text_lang != lang:
        lines.append(t(lang, "cl_text_fallback"))
    lines.append(t(lang, "cl_illustrative"))
    return lines
