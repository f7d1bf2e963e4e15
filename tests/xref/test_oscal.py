"""The OSCAL catalogs against OSCAL 1.x: every catalog of the fixture corpora and of the bundled corpus,
in every language, loads in compliance-trestle (its pydantic models are generated from NIST's OSCAL
JSON schema; NIST's schema file itself is test_oscal_schema.py's), and against a hand-written subset of
that schema, whose failures read more plainly: required fields,
field names, token/UUID/date-time formats, unique IDs, no group holding both groups and controls,
links that resolve inside the document. Clauses with requirements of their own and sub-clauses (which
OSCAL groups cannot mirror directly) are tested on a fixture module and on generated clause trees:
every requirement stays a control, and the clause tree reads back from the groups."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import textwrap
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from trestle.oscal.catalog import Catalog

from isacs.cli.main import main
from isacs.core.languages import LANGUAGES
from isacs.core.validate import check_repository
from isacs.xref import oscal

TOKEN = r"^[A-Za-z_][A-Za-z0-9_.\-]*$"  # OSCAL's token, restricted to ASCII (stricter)
STRING = r"^\S(.*\S)?$"  # OSCAL string: no leading/trailing whitespace, not empty
UUID = r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$"
DATETIME_TZ = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"

SCHEMA = {
    "type": "object",
    "required": ["catalog"],
    "additionalProperties": False,
    "properties": {
        "catalog": {
            "type": "object",
            "required": ["uuid", "metadata"],
            "additionalProperties": False,
            "properties": {
                "uuid": {"type": "string", "pattern": UUID},
                "metadata": {
                    "type": "object",
                    "required": ["title", "last-modified", "version", "oscal-version"],
                    "additionalProperties": False,
                    "properties": {
                        "title": {"type": "string", "pattern": STRING},
                        "last-modified": {"type": "string", "pattern": DATETIME_TZ},
                        "version": {"type": "string", "pattern": STRING},
                        "oscal-version": {"type": "string", "pattern": r"^1\.\d+\.\d+$"},
                        "props": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/prop"}},
                    },
                },
                "groups": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/group"}},
                "controls": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/control"}},
                "back-matter": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "resources": {
                            "type": "array",
                            "minItems": 1,
                            "items": {
                                "type": "object",
                                "required": ["uuid"],
                                "additionalProperties": False,
                                "properties": {
                                    "uuid": {"type": "string", "pattern": UUID},
                                    "title": {"type": "string", "pattern": STRING},
                                    "description": {"type": "string", "pattern": STRING},
                                    "props": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/prop"}},
                                },
                            },
                        }
                    },
                },
            },
        }
    },
    "$defs": {
        "prop": {
            "type": "object",
            "required": ["name", "value"],
            "additionalProperties": False,
            "properties": {
                "name": {"type": "string", "pattern": TOKEN},
                "value": {"type": "string", "pattern": STRING},
                "ns": {"type": "string", "format": "uri", "pattern": r"^https?://"},
                "class": {"type": "string", "pattern": TOKEN},
            },
        },
        "link": {
            "type": "object",
            "required": ["href"],
            "additionalProperties": False,
            "properties": {
                "href": {"type": "string", "pattern": r"^\S+$"},
                "rel": {"type": "string", "pattern": TOKEN},
                "text": {"type": "string", "pattern": STRING},
            },
        },
        "part": {
            "type": "object",
            "required": ["name"],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "string", "pattern": TOKEN},
                "name": {"type": "string", "pattern": TOKEN},
                "prose": {"type": "string", "pattern": STRING},
            },
        },
        "group": {
            "type": "object",
            "required": ["title"],
            "additionalProperties": False,
            "not": {"required": ["groups", "controls"]},  # OSCAL: sub-groups or controls, never both
            "properties": {
                "id": {"type": "string", "pattern": TOKEN},
                "class": {"type": "string", "pattern": TOKEN},
                "title": {"type": "string", "pattern": STRING},
                "props": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/prop"}},
                "groups": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/group"}},
                "controls": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/control"}},
            },
        },
        "control": {
            "type": "object",
            "required": ["id", "title"],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "string", "pattern": TOKEN},
                "class": {"type": "string", "pattern": TOKEN},
                "title": {"type": "string", "pattern": STRING},
                "props": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/prop"}},
                "links": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/link"}},
                "parts": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/part"}},
                "controls": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/control"}},
            },
        },
    },
}

VALIDATOR = jsonschema.validators.validator_for(SCHEMA)(SCHEMA)  # built once: jsonschema.validate rechecks the schema


def walk(node, kind="catalog"):
    """(kind, object) for every group, control and part."""
    for group in node.get("groups", ()):
        yield "group", group
        yield from walk(group, "group")
    for control in node.get("controls", ()):
        yield "control", control
        for part in control.get("parts", ()):
            yield "part", part
        yield from walk(control, "control")


@pytest.fixture(params=["isacs", "iatg"])
def catalog(request, edition2):
    return oscal.catalog(edition2, request.param)


def test_structure_matches_oscal_catalog(catalog):
    VALIDATOR.validate(catalog)


def test_ids_are_unique_and_links_resolve(catalog):
    ids = [obj["id"] for _, obj in walk(catalog["catalog"]) if "id" in obj]
    assert len(ids) == len(set(ids))
    uuids = {catalog["catalog"]["uuid"]} | {
        r["uuid"] for r in catalog["catalog"].get("back-matter", {}).get("resources", ())
    }
    for _kind, obj in walk(catalog["catalog"]):
        for link in obj.get("links", ()):
            assert link["href"].startswith("#") and link["href"][1:] in set(ids) | uuids, link


def test_controls_carry_requirements(edition2):
    data = oscal.catalog(edition2, "isacs")["catalog"]
    controls = {c["id"]: c for kind, c in walk(data) if kind == "control"}
    assert set(controls) == {
        "isacs-05.30_r001",
        "isacs-05.30_r002",
        "isacs-05.30_r003",
        "isacs-05.30_r004",
        "isacs-05.30_r005",
    }
    r002 = controls["isacs-05.30_r002"]
    props = {(p["name"], p["value"]) for p in r002["props"]}
    assert {
        ("verbal-form", "shall"),
        ("actor", "national-authority"),
        ("actor", "manufacturer"),
        ("clause", "2.1.1"),
    } <= props
    assert r002["parts"] == [
        {
            "id": "isacs-05.30_r002_smt",
            "name": "statement",
            "prose": "States shall keep each record for the period in ITI.",
        }
    ]
    assert [link["text"] for link in r002["links"]] == ["ITI 12"]
    tombstone = controls["isacs-05.30_r004"]
    assert ("status", "withdrawn") in {(p["name"], p["value"]) for p in tombstone["props"]}
    assert tombstone["links"] == [{"href": "#isacs-05.30_r002", "rel": "incorporated-into"}]
    # modules and clauses are groups: 05.30 > clause 2 > 2.1 > 2.1.1 holds r002; 2.1's own r001 and r005
    # are in its `requirements` group, before the sub-clause; the tombstone r004 in the `withdrawn` group
    module = data["groups"][0]
    assert (module["id"], module["class"]) == ("isacs-05.30", "module")
    clause2 = next(g for g in module["groups"] if g["title"].startswith("2 "))
    own, detail = clause2["groups"][0]["groups"]
    assert (own["id"], own["class"], own["title"]) == (
        "isacs-05.30_clause-2-1.requirements",
        "requirements",
        "2.1 At manufacture",
    )
    assert [c["id"] for c in own["controls"]] == ["isacs-05.30_r001", "isacs-05.30_r005"]
    assert detail["controls"][0]["id"] == "isacs-05.30_r002"
    assert module["groups"][-1]["id"] == "isacs-05.30.withdrawn"
    assert [c["id"] for c in module["groups"][-1]["controls"]] == ["isacs-05.30_r004"]


def test_iatg_controls_have_rrpl_and_metadata(edition2):
    data = oscal.catalog(edition2, "iatg")["catalog"]
    assert data["metadata"]["oscal-version"] == oscal.OSCAL_VERSION
    assert data["metadata"]["last-modified"] == "2021-06-01T00:00:00Z"
    r003 = next(c for kind, c in walk(data) if kind == "control" and c["id"] == "iatg-06.10_r003")
    assert ("rrpl", "2") in {(p["name"], p["value"]) for p in r003["props"]}


def test_deterministic_and_content_versioned(mini, edition2):
    assert oscal.to_json(edition2, "isacs") == oscal.to_json(edition2, "isacs")
    assert (
        oscal.catalog(mini, "isacs")["catalog"]["metadata"]["version"]
        != oscal.catalog(edition2, "isacs")["catalog"]["metadata"]["version"]
    )


def test_translated_catalog_uses_translation(mini):
    data = oscal.catalog(mini, "isacs", "fr")["catalog"]
    prose = [p["prose"] for kind, p in walk(data) if kind == "part"]
    assert "Le fabricant doit marquer chaque article lors de sa fabrication." in prose


def test_cli_writes_catalog(paths, tmp_path):
    out = tmp_path / "iatg.json"
    assert main(["oscal", "--root", str(paths["mini"]), "--series", "iatg", "-o", str(out)]) == 0
    data = json.loads(out.read_text("utf-8"))
    VALIDATOR.validate(data)
    loaded = Catalog.oscal_read(out)  # trestle's own file loader
    assert _trestle_control_ids(loaded) == {c["id"] for kind, c in walk(data["catalog"]) if kind == "control"}


def test_hand_written_schema_is_a_json_schema():
    type(VALIDATOR).check_schema(SCHEMA)


def test_token_helper():
    assert re.match(TOKEN, oscal.token("9 (a)")) and oscal.token("clause-5-1") == "clause-5-1"


# --- compliance-trestle: the catalogs load in the most used OSCAL library --------------------------------


def trestle_catalog(data: dict):
    """The catalog through trestle's pydantic models (pydantic 2 in trestle 4+, `parse_obj` before)."""
    validate = getattr(Catalog, "model_validate", None) or Catalog.parse_obj
    return validate(data["catalog"])


def _trestle_control_ids(node) -> set[str]:
    ids = set()
    for group in getattr(node, "groups", None) or ():
        ids |= _trestle_control_ids(group)
    for control in getattr(node, "controls", None) or ():
        ids |= {control.id} | _trestle_control_ids(control)
    return ids


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("series", ["isacs", "iatg"])
@pytest.mark.parametrize("corpus_name", ["mini", "edition2", "bundled"])
def test_every_catalog_loads_in_trestle(request, corpus_name, series, lang):
    corpus = request.getfixturevalue(corpus_name)
    data = oscal.catalog(corpus, series, lang)
    VALIDATOR.validate(data)
    loaded = trestle_catalog(data)
    keys = {r.key for m in corpus.modules.values() if m.series == series for r in m.requirements}
    assert _trestle_control_ids(loaded) == {oscal.control_id(key) for key in keys}  # every requirement


# --- clauses with requirements of their own and sub-clauses -------------------------------------------

MIXED = textwrap.dedent("""\
    ---
    series: isacs
    number: "05.40"
    title: Mixed clauses fixture
    edition: "2026"
    version: "1.0"
    date: 2026-02-01
    status: draft
    related: []
    instruments: [ITI]
    requirements:
      r001:
        level: shall
        actors: [manufacturer]
        refs: ["ITI 8(a)"]
      r002:
        level: shall
        actors: [national-authority]
        refs: ["ITI 12"]
      r003:
        level: should
        actors: [manufacturer, national-authority]
        refs: []
      r004:
        level: may
        actors: [national-authority]
        refs: []
      r005:
        level: shall
        actors: [manufacturer]
        refs: []
      r006:
        withdrawn: "2026"
        replaced_by: r003
    ---

    The manufacturer shall read this module before its first clause.
    {: #r001 }

    ## General

    The authority shall keep a register.
    {: #r002 }

    ### Records

    The register should name each manufacturer.
    {: #r003 }

    #### Retention

    The authority may destroy records older than the period in [ITI](instrument:ITI#12).
    {: #r004 }

    ### Notes

    Notes without requirements.

    ## Model register {: .annex }

    ### Columns

    The manufacturer shall fill in every column.
    {: #r005 }
    """)


def _corpus_with(module_text: str, root: Path):
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "mini", root)
    (root / "modules" / "isacs" / "05.40").mkdir()
    (root / "modules" / "isacs" / "05.40" / "index.en.md").write_text(module_text, "utf-8")
    corpus, problems = check_repository(root)
    assert not [p.format() for p in problems if p.severity.value == "error"]
    return corpus


def _module_group(data: dict, module_id: str) -> dict:
    return next(g for g in data["catalog"]["groups"] if g["id"] == oscal.module_token(module_id))


def _shape(group: dict) -> list:
    """A group's content as [class/id, ...] with controls by requirement ID, nested."""
    if "controls" in group:
        return [c["id"].rpartition("_")[2] for c in group["controls"]]
    return [(g["class"], g["id"].partition("_")[2] or g["id"], _shape(g)) for g in group["groups"]]


def _tree_from_catalog(group: dict, number: str = "") -> tuple:
    """The clause tree as the catalog gives it: (requirement IDs directly in the clause, [(number, subtree)]),
    in document order; a `requirements` group is its parent clause's own text. Checks on the way that each
    control names the clause it is read back into."""
    own: list[str] = []
    children: list[tuple] = []
    for control in group.get("controls", ()):
        own.append(control["id"].rpartition("_")[2])
        assert ("clause", number or "-") in {(p["name"], p["value"]) for p in control["props"]}, control
    for child in group.get("groups", ()):
        if child["class"] == "clause":
            label = next((p["value"] for p in child.get("props", ()) if p["name"] == "label"), "")
            children.append((label, _tree_from_catalog(child, label)))
        elif child["class"] == "requirements":
            assert not children and "groups" not in child  # first, and a leaf
            own += _tree_from_catalog(child, number)[0]
        else:  # tombstones: no clause
            assert child["class"] == "withdrawn" and "groups" not in child and group["class"] == "module"
    return own, children


def _tree_from_model(module) -> tuple:
    def tree(clause):
        return list(clause.requirement_ids), [
            (c.number, tree(c)) for c in clause.children if any(c2.requirement_ids for c2 in c.walk())
        ]

    placed = {rid for c in module.clauses for c2 in c.walk() for rid in c2.requirement_ids}
    before = [r.id for r in module.requirements if not r.is_tombstone and r.id not in placed]
    return before, [(c.number, tree(c)) for c in module.clauses if any(c2.requirement_ids for c2 in c.walk())]


def _check_catalog(corpus, module_id: str) -> dict:
    """What every catalog must satisfy, old structure or new: loads in trestle, no group mixes groups and
    controls, every requirement is one control, the clause tree reads back."""
    data = oscal.catalog(corpus, "isacs")
    trestle_catalog(data)
    VALIDATOR.validate(data)
    for kind, obj in walk(data["catalog"]):
        assert not (kind == "group" and "groups" in obj and "controls" in obj), obj["id"]
    module = corpus.modules[module_id]
    group = _module_group(data, module_id)
    controls = [c["id"] for kind, c in walk(group) if kind == "control"]
    assert sorted(controls) == sorted(oscal.control_id(r.key) for r in module.requirements)
    assert _tree_from_catalog(group) == _tree_from_model(module)
    return group


def test_clause_with_own_requirements_and_subclauses(tmp_path):
    corpus = _corpus_with(MIXED, tmp_path / "corpus")
    group = _check_catalog(corpus, "isacs/05.40")
    assert _shape(group) == [
        ("requirements", "isacs-05.40.requirements", ["r001"]),  # before the first heading
        (
            "clause",
            "clause-1",
            [
                ("requirements", "clause-1.requirements", ["r002"]),  # 1's own, before its sub-clauses
                (
                    "clause",
                    "clause-1-1",
                    [("requirements", "clause-1-1.requirements", ["r003"]), ("clause", "clause-1-1-1", ["r004"])],
                ),
                # 1.2 has no requirements: no group
            ],
        ),
        ("clause", "annex-a", [("clause", "annex-a-1", ["r005"])]),
        ("withdrawn", "isacs-05.40.withdrawn", ["r006"]),
    ]
    own = group["groups"][1]["groups"][0]
    assert (own["title"], own["props"]) == ("1 General", [{"name": "label", "value": "1"}])
    r003 = next(c for kind, c in walk(group) if kind == "control" and c["id"] == "isacs-05.40_r003")
    props = {(p["name"], p["value"]) for p in r003["props"]}
    assert {
        ("verbal-form", "should"),
        ("clause", "1.1"),
        ("actor", "manufacturer"),
        ("actor", "national-authority"),
    } <= props
    r001 = next(c for kind, c in walk(group) if kind == "control" and c["id"] == "isacs-05.40_r001")
    assert [link["text"] for link in r001["links"]] == ["ITI 8(a)"]
    assert oscal.to_json(corpus, "isacs") == oscal.to_json(corpus, "isacs")


def _module_text(events: list, tombstones: int) -> str:
    """A module from a heading/requirement sequence: ("h", depth) with depth 2..4, or ("r",)."""
    body, requirements, n = [], [], 0
    for event in events:
        if event[0] == "h":
            body.append(f"{'#' * event[1]} Heading {len(body)}\n")
        else:
            n += 1
            requirements.append(f"  r{n:03d}:\n    level: shall\n    actors: [manufacturer]\n    refs: []\n")
            body.append(f"The manufacturer shall do thing {n}.\n{{: #r{n:03d} }}\n")
    for _ in range(tombstones):
        n += 1
        requirements.append(f'  r{n:03d}:\n    withdrawn: "2026"\n')
    front = (
        '---\nseries: isacs\nnumber: "05.40"\ntitle: Generated\nedition: "2026"\nversion: "1"\n'
        "date: 2026-02-01\nstatus: draft\nrelated: []\ninstruments: []\nrequirements:\n"
        + "".join(requirements)
        + "---\n\n"
    )
    return front + "\n".join(body)


@st.composite
def clause_trees(draw):
    """Heading levels that never skip one (## -> #### is an error), requirements anywhere between."""
    events, depth = [], 1
    for _ in range(draw(st.integers(0, 14))):
        if draw(st.booleans()):
            depth = draw(st.integers(2, min(depth + 1, 4)))
            events.append(("h", depth))
        else:
            events.append(("r",))
    if not any(e[0] == "r" for e in events):
        events.append(("r",))
    return events


@settings(max_examples=30, deadline=None, database=None)
@given(events=clause_trees(), tombstones=st.integers(0, 2))
def test_any_clause_tree_makes_a_valid_catalog(events, tombstones):
    with tempfile.TemporaryDirectory() as tmp:
        corpus = _corpus_with(_module_text(events, tombstones), Path(tmp) / "corpus")
    _check_catalog(corpus, "isacs/05.40")
