"""What changed between two editions of the corpus, requirement by requirement.

Requirements are matched by key (`module#id`): IDs are never reused, so the same key is the same
requirement. A requirement that disappears is either withdrawn (a tombstone, maybe with a replacement)
or removed (the tombstone rule was broken); the old->new ID map follows replacement chains.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..core.languages import SOURCE_LANGUAGE
from ..core.model import Corpus, Module, Requirement

# Order in which change kinds are listed and counted.
KINDS = ("added", "removed", "withdrawn", "reused", "level", "text", "moved", "metadata")
STRENGTH = {"may": 1, "should": 2, "shall": 3}
MODULE_FIELDS = ("title", "edition", "version", "date", "status")


@dataclass(frozen=True)
class RequirementChange:
    module: str
    id: str
    kinds: tuple[str, ...]  # from KINDS
    old_clause: str | None = None
    new_clause: str | None = None
    old_level: str | None = None
    new_level: str | None = None
    metadata: tuple[str, ...] = ()  # which of actors / refs / rrpl changed
    replaced_by: str | None = None  # full key of the replacement (withdrawn requirements)
    old_text: str | None = None  # English, plain
    new_text: str | None = None

    @property
    def key(self) -> str:
        return f"{self.module}#{self.id}"

    @property
    def strengthened(self) -> bool:
        """A should/may that became a shall (or a may that became a should): the change not to miss."""
        return "level" in self.kinds and STRENGTH[self.new_level] > STRENGTH[self.old_level]

    @property
    def weakened(self) -> bool:
        return "level" in self.kinds and STRENGTH[self.new_level] < STRENGTH[self.old_level]


@dataclass(frozen=True)
class ModuleDiff:
    module: str
    label: str
    title: str
    state: str  # added | removed | changed
    fields: tuple[tuple[str, str, str], ...] = ()  # (front matter key, old, new)
    changes: tuple[RequirementChange, ...] = ()


@dataclass(frozen=True)
class EditionDiff:
    old: str  # how the user named each side: a folder or a git revision
    new: str
    modules: tuple[ModuleDiff, ...]  # only modules with a change
    id_map: Mapping[str, str | None] = field(default_factory=dict)  # every old key -> its key now, or None

    def changes(self):
        for module in self.modules:
            yield from module.changes

    def totals(self) -> dict[str, int]:
        out = {kind: 0 for kind in KINDS}
        for change in self.changes():
            for kind in change.kinds:
                out[kind] += 1
        return out


def _text(req: Requirement | None) -> str | None:
    text = req.texts.get(SOURCE_LANGUAGE) if req else None
    return text.plain if text else None


def _digest(req: Requirement) -> str | None:
    text = req.texts.get(SOURCE_LANGUAGE)
    return text.digest if text else None


def _full(module_id: str, ref: str | None) -> str | None:
    if not ref:
        return None
    return ref if "#" in ref else f"{module_id}#{ref}"


def requirement_change(module_id: str, old: Requirement | None, new: Requirement | None) -> RequirementChange | None:
    if old is None and new is None:
        return None
    base = dict(
        module=module_id,
        id=(new or old).id,
        old_text=_text(old),
        new_text=_text(new),
        old_level=old.level if old else None,
        new_level=new.level if new else None,
        old_clause=old.clause if old else None,
        new_clause=new.clause if new else None,
    )
    if new is None:
        return RequirementChange(kinds=("removed",), **base)
    if old is None:
        if new.is_tombstone:  # born withdrawn: a placeholder for an ID, nothing a reader loses
            return None
        return RequirementChange(kinds=("added",), **base)
    if old.is_tombstone and new.is_tombstone:
        return None
    if new.is_tombstone:
        return RequirementChange(kinds=("withdrawn",), replaced_by=_full(module_id, new.replaced_by), **base)
    kinds = ["reused"] if old.is_tombstone else []  # a withdrawn ID given to new text: IDs are never reused
    if not old.is_tombstone:
        if old.level != new.level:
            kinds.append("level")
        if _digest(old) != _digest(new):
            kinds.append("text")
        if (old.clause or "") != (new.clause or ""):
            kinds.append("moved")
    metadata = tuple(
        name for name in ("actors", "refs", "rrpl") if not old.is_tombstone and getattr(old, name) != getattr(new, name)
    )
    if metadata:
        kinds.append("metadata")
    if not kinds:
        return None
    return RequirementChange(kinds=tuple(kinds), metadata=metadata, **base)


def _fields(old: Module, new: Module) -> tuple[tuple[str, str, str], ...]:
    out = []
    for name in MODULE_FIELDS:
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            out.append((name, "" if a is None else str(a), "" if b is None else str(b)))
    return tuple(out)


def module_diff(module_id: str, old: Module | None, new: Module | None) -> ModuleDiff | None:
    shown = new or old
    old_reqs = {r.id: r for r in old.requirements} if old else {}
    new_reqs = {r.id: r for r in new.requirements} if new else {}
    order = list(new_reqs) + [rid for rid in old_reqs if rid not in new_reqs]
    changes = tuple(
        c for c in (requirement_change(module_id, old_reqs.get(rid), new_reqs.get(rid)) for rid in order) if c
    )
    state = "added" if old is None else "removed" if new is None else "changed"
    fields = _fields(old, new) if old and new else ()
    if state == "changed" and not changes and not fields:
        return None
    return ModuleDiff(module_id, shown.label, shown.title, state, fields, changes)


def resolve(new: Corpus, key: str) -> str | None:
    """Where an old requirement key lives now: itself, or the end of its replacement chain."""
    seen = set()
    while key not in seen:
        seen.add(key)
        req = new.requirement(key)
        if req is None:
            return None
        if not req.is_tombstone:
            return key
        if not req.replaced_by:
            return None
        key = _full(req.module, req.replaced_by)
    return None  # a replacement cycle leads nowhere


def diff(old: Corpus, new: Corpus, old_name: str = "old", new_name: str = "new") -> EditionDiff:
    ids = list(new.modules) + [mid for mid in old.modules if mid not in new.modules]
    modules = tuple(d for d in (module_diff(mid, old.modules.get(mid), new.modules.get(mid)) for mid in ids) if d)
    id_map = {req.key: resolve(new, req.key) for req in old.requirements()}
    return EditionDiff(old_name, new_name, modules, id_map)
