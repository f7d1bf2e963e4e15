"""An OSCAL catalog (JSON) per series: groups = modules and their clauses, controls = requirements.

Controls carry the verbal form, actors and RRPL as props, the English (or translated) text as the
`statement` part, and instrument references as links to back-matter resources (one per provision).
Withdrawn requirements stay as controls with status `withdrawn`, as OSCAL catalogs do, linked to their
replacement. Everything is derived deterministically (UUIDs are name-based) so rebuilds are identical.

OSCAL lets a group hold sub-groups or controls, never both (the NIST JSON schema's `group` is a choice
of the two; compliance-trestle rejects a group with both). A clause often has both: requirements of its
own and sub-clauses with theirs. Such a clause's own requirements go into a first child group of class
`requirements` (ID `<clause group>.requirements`, the clause's number and title), before its
sub-clause groups, which is where they stand in the text. Clauses without requirement-holding
sub-clauses keep their controls directly. So every requirement stays one control with its own ID and
props, and the clause tree reads back from the `clause` groups (a `requirements` group is the text of
its parent clause; each control also names its clause in its `clause` prop). The other options were
rejected: sub-clauses as controls would make headings look like requirements to a profile selecting
controls, and a flat list of clause groups would lose the nesting.

A module group holds only groups: its requirements written before the first heading, if any (a
`requirements` group), its clauses, and last its withdrawn requirements (a group of class `withdrawn`,
ID `<module>.withdrawn`), which have no clause any more.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from functools import lru_cache
from typing import Any

from ..core.export_json import json_text
from ..core.languages import SOURCE_LANGUAGE
from ..core.model import SERIES_NAMES, Clause, Corpus, InstrumentRef, Module, Requirement
from ..i18n.strings import t

OSCAL_VERSION = "1.2.1"  # the version compliance-trestle 5.2 models, which the tests load the catalogs with
NS = "https://standards.example.org/ns/isacs"  # namespace of our own prop names (OSCAL requires a URI)
UUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, NS)


@lru_cache(maxsize=4096)  # the same clause anchors and module IDs come back in every language
def token(text: str) -> str:
    """An OSCAL token (letters, digits, `.`, `-`, `_`; not starting with a digit)."""
    out = "".join(c if c.isalnum() or c in "._-" else "-" for c in text)
    return out if out[:1].isalpha() or out[:1] == "_" else "_" + out


def module_token(module_id: str) -> str:
    return token(module_id.replace("/", "-"))  # isacs/05.30 -> isacs-05.30


def control_id(key: str) -> str:
    module_id, _, rid = key.partition("#")
    return f"{module_token(module_id)}_{rid}"  # isacs-05.30_r001


def _uuid(name: str) -> str:
    return str(uuid.uuid5(UUID_NAMESPACE, name))


def _prop(name: str, value: Any, ns: bool = True) -> dict:
    prop = {"name": name, "value": str(value)}
    if ns:
        prop["ns"] = NS
    return prop


def _text(req: Requirement, lang: str) -> str:
    text = req.texts.get(lang) or req.texts.get(SOURCE_LANGUAGE)
    return text.plain if text else ""


def control(corpus: Corpus, module: Module, req: Requirement, lang: str) -> dict:
    cid = control_id(req.key)
    out: dict[str, Any] = {"id": cid, "class": "requirement", "title": f"{module.label} {req.id}"}
    props = [_prop("label", f"{module.label} {req.id}", ns=False), _prop("requirement-key", req.key)]
    if req.is_tombstone:
        props += [_prop("status", "withdrawn", ns=False), _prop("withdrawn-in", req.withdrawn)]
        out["props"] = props
        if req.replaced_by:
            target = req.replaced_by if "#" in req.replaced_by else f"{module.id}#{req.replaced_by}"
            out["links"] = [{"href": f"#{control_id(target)}", "rel": "incorporated-into"}]
        return out
    props += [_prop("verbal-form", req.level), _prop("clause", req.clause or "-")]
    props += [_prop("actor", actor) for actor in req.actors]
    if req.rrpl is not None:
        props.append(_prop("rrpl", req.rrpl))
    out["props"] = props
    if req.refs:
        out["links"] = [
            {"href": f"#{_uuid('provision/' + ref.key)}", "rel": "reference", "text": ref.label} for ref in req.refs
        ]
    out["parts"] = [{"id": f"{cid}_smt", "name": "statement", "prose": _text(req, lang)}]
    return out


def _has_requirements(clause: Clause) -> bool:
    return any(c.requirement_ids for c in clause.walk())


def _requirements_by_id(module: Module) -> dict[str, Requirement]:
    """Requirement ID -> requirement, the first of an ID as `Module.requirement` finds it (which scans the
    module: once per control made the catalog quadratic in a module's requirements)."""
    found: dict[str, Requirement] = {}
    for req in module.requirements:
        found.setdefault(req.id, req)
    return found


def _controls(corpus: Corpus, module: Module, ids, lang: str, by_id: dict[str, Requirement]) -> list[dict]:
    return [control(corpus, module, by_id[rid], lang) for rid in ids if rid in by_id]


def _requirements_group(parent: dict, controls: list[dict]) -> dict:
    """The group holding a clause's (or module's) own requirements, titled and labelled as its parent."""
    group = {"id": f"{parent['id']}.requirements", "class": "requirements", "title": parent["title"]}
    if "props" in parent:
        group["props"] = [p for p in parent["props"] if p["name"] == "label"]
    group["controls"] = controls
    return group


def clause_group(corpus: Corpus, module: Module, clause: Clause, lang: str, by_id: dict[str, Requirement]) -> dict:
    title = clause.title(lang)
    group: dict[str, Any] = {
        "id": f"{module_token(module.id)}_{token(clause.anchor)}",
        "class": "clause",
        "title": f"{clause.number} {title}".strip() or clause.anchor,
    }
    if clause.number:
        group["props"] = [_prop("label", clause.number, ns=False)]
    controls = _controls(corpus, module, clause.requirement_ids, lang, by_id)
    groups = [clause_group(corpus, module, child, lang, by_id) for child in clause.children if _has_requirements(child)]
    if groups:  # never groups and controls side by side (see the module docstring)
        group["groups"] = ([_requirements_group(group, controls)] if controls else []) + groups
    elif controls:
        group["controls"] = controls
    return group


def module_group(corpus: Corpus, module: Module, lang: str) -> dict:
    title = module.title_in(lang)
    group: dict[str, Any] = {
        "id": module_token(module.id),
        "class": "module",
        "title": f"{module.label} {title}",
        "props": [
            _prop("label", module.label, ns=False),
            _prop("edition", module.edition),
            _prop("version", module.version),
            _prop("status", module.status),
        ],
    }
    by_id = _requirements_by_id(module)
    placed = {rid for c in module.clauses for cl in c.walk() for rid in cl.requirement_ids}
    before = [r.id for r in module.requirements if not r.is_tombstone and r.id not in placed]
    groups = []
    if before:  # requirements written before the first heading
        groups.append(
            _requirements_group(
                {"id": group["id"], "title": group["title"]}, _controls(corpus, module, before, lang, by_id)
            )
        )
    groups += [clause_group(corpus, module, c, lang, by_id) for c in module.clauses if _has_requirements(c)]
    dead = [control(corpus, module, r, lang) for r in module.requirements if r.is_tombstone]
    if dead:  # tombstones have no clause any more: they sit in their module's `withdrawn` group
        groups.append(
            {
                "id": f"{group['id']}.withdrawn",
                "class": "withdrawn",
                "title": f"{module.label} {t(lang, 'withdrawn_requirements')}",
                "controls": dead,
            }
        )
    if groups:
        group["groups"] = groups
    return group


def _resources(corpus: Corpus, modules: list[Module], lang: str) -> list[dict]:
    cited: dict[str, InstrumentRef] = {}
    for module in modules:
        for req in module.requirements:
            for ref in req.refs:
                cited.setdefault(ref.key, ref)
    out = []
    for instrument in corpus.instruments.values():
        for provision in instrument.provisions.values():
            ref = cited.get(InstrumentRef(instrument.abbreviation, provision.label).key)
            if ref is None:
                continue
            out.append(
                {
                    "uuid": _uuid("provision/" + ref.key),
                    "title": f"{instrument.title(lang)}, {ref.label}",
                    "description": provision.topic,
                    "props": [_prop("instrument", instrument.abbreviation), _prop("provision", provision.label)],
                }
            )
    return out


def catalog(corpus: Corpus, series: str, lang: str = SOURCE_LANGUAGE) -> dict:
    modules = [m for m in corpus.modules.values() if m.series == series]
    groups = [module_group(corpus, m, lang) for m in modules]
    resources = _resources(corpus, modules, lang)
    body = json.dumps([groups, resources], sort_keys=True, ensure_ascii=False)
    dates = [m.date for m in modules if m.date]
    last = max(dates).isoformat() if dates else "1970-01-01"
    metadata = {
        "title": f"{SERIES_NAMES.get(series, series.upper())} requirements (illustrative corpus)",
        "last-modified": f"{last}T00:00:00Z",
        # Content-derived: changes exactly when a requirement, clause or reference changes.
        "version": f"{last}+{hashlib.sha256(body.encode('utf-8')).hexdigest()[:12]}",
        "oscal-version": OSCAL_VERSION,
        "props": [_prop("language", lang)],
    }
    out: dict[str, Any] = {
        "uuid": _uuid(f"catalog/{series}/{lang}/{metadata['version']}"),
        "metadata": metadata,
        "groups": groups,
    }
    if resources:
        out["back-matter"] = {"resources": resources}
    return {"catalog": out}


def to_json(corpus: Corpus, series: str, lang: str = SOURCE_LANGUAGE, compact: bool = False) -> str:
    return json_text(catalog(corpus, series, lang), compact)
