"""JSON checklist: the same content with stable keys, and the format the self-assessment page imports
and exports (statuses as keys from rows.STATUSES, `null` until assessed)."""

from __future__ import annotations

import json
from typing import Any

from .rows import STATUSES, Checklist, ModuleChecklist, Row

FORMAT = "isacs-checklist"
FORMAT_VERSION = 1


def _row(row: Row) -> dict[str, Any]:
    return {
        "key": row.key,
        "id": row.id,
        "clause": row.clause,
        "clause_title": row.clause_title,
        "level": row.level,
        "verbal_form": row.verbal_form,
        "rrpl": row.rrpl,
        "text": row.text,
        "actors": [{"id": actor, "label": label} for actor, label in row.actors],
        "refs": list(row.refs),
        "status": None,
        "evidence": "",
        "notes": "",
        "owner": "",
    }


def _module(module: ModuleChecklist) -> dict[str, Any]:
    return {
        "id": module.id,
        "label": module.label,
        "title": module.title,
        "edition": module.edition,
        "version": module.version,
        "date": module.date or None,
        "status": module.status,
        "text_language": module.text_lang,
        "requirements": [_row(r) for r in module.rows],
    }


def checklist_dict(checklist: Checklist) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "title": checklist.title,
        "language": checklist.lang,
        "generated": checklist.stamp.generated.isoformat(),
        "source_commit": checklist.stamp.commit,
        "tool": checklist.stamp.tool,
        "filters": checklist.filters.as_dict(),
        "statuses": list(STATUSES),
        "modules": [_module(m) for m in checklist.modules],
    }


def render(checklist: Checklist) -> bytes:
    return (json.dumps(checklist_dict(checklist), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
