"""An EditionDiff as Markdown (a pull-request comment), as JSON, and the old->new ID map file."""

from __future__ import annotations

import difflib
import json
from dataclasses import asdict

from .diff import KINDS, EditionDiff, ModuleDiff, RequirementChange

KIND_LABELS = {
    "added": "added",
    "removed": "removed (no tombstone)",
    "withdrawn": "withdrawn",
    "reused": "ID reused",
    "level": "verbal form",
    "text": "text changed",
    "moved": "moved",
    "metadata": "metadata",
}


def _cell(text: str | None) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")


def word_diff(old: str, new: str) -> str:
    """Old and new wording in one line: ~~deleted~~ and **inserted** words."""
    a, b = old.split(), new.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            out.append("~~" + " ".join(a[i1:i2]) + "~~")
        if op in ("insert", "replace"):
            out.append("**" + " ".join(b[j1:j2]) + "**")
        if op == "equal":
            out.append(" ".join(a[i1:i2]))
    return _cell(" ".join(out))


def _level(change: RequirementChange) -> str:
    if "level" in change.kinds:
        arrow = f"{change.old_level} → {change.new_level}"
        return f"**{arrow}** ⚠️" if change.strengthened else f"**{arrow}**"
    return change.new_level or change.old_level or ""


def _clause(change: RequirementChange) -> str:
    if "moved" in change.kinds:
        return f"{change.old_clause or '—'} → {change.new_clause or '—'}"
    return (change.new_clause if change.new_text is not None else change.old_clause) or ""


def _details(change: RequirementChange) -> str:
    if "withdrawn" in change.kinds:
        return f"replaced by `{change.replaced_by}`" if change.replaced_by else "no replacement"
    if "text" in change.kinds and change.old_text is not None and change.new_text is not None:
        detail = word_diff(change.old_text, change.new_text)
    elif "added" in change.kinds or "reused" in change.kinds:
        detail = _cell(change.new_text)
    elif "removed" in change.kinds:
        detail = _cell(change.old_text)
    else:
        detail = ""
    if change.metadata:
        detail = (detail + "; " if detail else "") + "changed: " + ", ".join(change.metadata)
    return detail


def _module(module: ModuleDiff) -> list[str]:
    out = [f"### {module.label} — {_cell(module.title)} ({module.state})", ""]
    for name, old, new in module.fields:
        out.append(f"- {name}: {old or '—'} → {new or '—'}")
    if module.fields:
        out.append("")
    if module.changes:
        out += ["| Requirement | Change | Clause | Verbal form | Details |", "|---|---|---|---|---|"]
        for change in module.changes:
            kinds = ", ".join(KIND_LABELS[k] for k in change.kinds)
            out.append(f"| `{change.id}` | {kinds} | {_clause(change)} | {_level(change)} | {_details(change)} |")
        out.append("")
    return out


def to_markdown(result: EditionDiff) -> str:
    totals = result.totals()
    out = [f"## Requirement changes: `{result.old}` → `{result.new}`", ""]
    if not result.modules:
        return "\n".join(out + ["No module or requirement changed.", ""])
    out.append(
        f"{len(result.modules)} module(s) changed: "
        + ", ".join(f"{n} {KIND_LABELS[k]}" for k, n in totals.items() if n)
        + "."
    )
    out.append("")
    stronger = [c for c in result.changes() if c.strengthened]
    weaker = [c for c in result.changes() if c.weakened]
    if stronger or weaker:
        out += ["> [!WARNING]", "> **Verbal form changes** — check that each one is intended:"]
        for c in stronger + weaker:
            effect = "now a stronger obligation" if c.strengthened else "now a weaker obligation"
            out.append(f"> - `{c.key}` (clause {c.new_clause or '—'}): **{c.old_level} → {c.new_level}** — {effect}")
        out.append("")
    broken = [c for c in result.changes() if {"removed", "reused"} & set(c.kinds)]
    if broken:
        out += ["> [!CAUTION]", "> **Requirement IDs must never be removed or reused** (withdraw them as tombstones):"]
        out += [f"> - `{c.key}`: {', '.join(KIND_LABELS[k] for k in c.kinds)}" for c in broken]
        out.append("")
    for module in result.modules:
        out += _module(module)
    return "\n".join(out)


def to_dict(result: EditionDiff) -> dict:
    modules = []
    for module in result.modules:
        entry = asdict(module)
        entry["fields"] = [{"field": f, "old": o, "new": n} for f, o, n in module.fields]
        for change, data in zip(module.changes, entry["changes"]):
            data["key"] = change.key
            data["strengthened"] = change.strengthened
            data["weakened"] = change.weakened
        modules.append(entry)
    return {
        "format": "isacs-diff",
        "format_version": 1,
        "old": result.old,
        "new": result.new,
        "kinds": list(KINDS),
        "totals": result.totals(),
        "modules": modules,
    }


def to_json(result: EditionDiff) -> str:
    return json.dumps(to_dict(result), ensure_ascii=False, indent=2) + "\n"


def id_map_json(result: EditionDiff) -> str:
    """Every requirement key of the old edition -> its key in the new one (null: gone, no replacement)."""
    return (
        json.dumps(
            {
                "format": "isacs-id-map",
                "format_version": 1,
                "old": result.old,
                "new": result.new,
                "map": dict(result.id_map),
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )
