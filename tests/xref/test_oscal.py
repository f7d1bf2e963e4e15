"""The OSCAL catalogs against the structure OSCAL 1.1 requires of a catalog: required fields, field
names, token/UUID/date-time formats, unique IDs, and links that resolve inside the document."""
from __future__ import annotations

import json
import re

import jsonschema
import pytest

from isacs.cli.main import main
from isacs.xref import oscal

TOKEN = r"^[A-Za-z_][A-Za-z0-9_.\-]*$"  # OSCAL's token, restricted to ASCII (stricter)
STRING = r"^\S(.*\S)?$"  # OSCAL string: no leading/trailing whitespace, not empty
UUID = r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$"
DATETIME_TZ = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"

SCHEMA = {
    "type": "object", "required": ["catalog"], "additionalProperties": False,
    "properties": {"catalog": {
        "type": "object", "required": ["uuid", "metadata"], "additionalProperties": False,
        "properties": {
            "uuid": {"type": "string", "pattern": UUID},
            "metadata": {
                "type": "object", "required": ["title", "last-modified", "version", "oscal-version"],
                "additionalProperties": False,
                "properties": {"title": {"type": "string", "pattern": STRING},
                               "last-modified": {"type": "string", "pattern": DATETIME_TZ},
                               "version": {"type": "string", "pattern": STRING},
                               "oscal-version": {"type": "string", "pattern": r"^1\.\d+\.\d+$"},
                               "props": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/prop"}}}},
            "groups": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/group"}},
            "controls": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/control"}},
            "back-matter": {"type": "object", "additionalProperties": False, "properties": {"resources": {
                "type": "array", "minItems": 1, "items": {
                    "type": "object", "required": ["uuid"], "additionalProperties": False,
                    "properties": {"uuid": {"type": "string", "pattern": UUID},
                                   "title": {"type": "string", "pattern": STRING},
                                   "description": {"type": "string", "pattern": STRING},
                                   "props": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/prop"}}}}}}},
        }}},
    "$defs": {
        "prop": {"type": "object", "required": ["name", "value"], "additionalProperties": False,
                 "properties": {"name": {"type": "string", "pattern": TOKEN},
                                "value": {"type": "string", "pattern": STRING},
                                "ns": {"type": "string", "format": "uri", "pattern": r"^https?://"},
                                "class": {"type": "string", "pattern": TOKEN}}},
        "link": {"type": "object", "required": ["href"], "additionalProperties": False,
                 "properties": {"href": {"type": "string", "pattern": r"^\S+$"},
                                "rel": {"type": "string", "pattern": TOKEN},
                                "text": {"type": "string", "pattern": STRING}}},
        "part": {"type": "object", "required": ["name"], "additionalProperties": False,
                 "properties": {"id": {"type": "string", "pattern": TOKEN}, "name": {"type": "string", "pattern": TOKEN},
                                "prose": {"type": "string", "pattern": STRING}}},
        "group": {"type": "object", "required": ["title"], "additionalProperties": False,
                  "properties": {"id": {"type": "string", "pattern": TOKEN}, "class": {"type": "string", "pattern": TOKEN},
                                 "title": {"type": "string", "pattern": STRING},
                                 "props": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/prop"}},
                                 "groups": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/group"}},
                                 "controls": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/control"}}}},
        "control": {"type": "object", "required": ["id", "title"], "additionalProperties": False,
                    "properties": {"id": {"type": "string", "pattern": TOKEN},
                                   "class": {"type": "string", "pattern": TOKEN},
                                   "title": {"type": "string", "pattern": STRING},
                                   "props": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/prop"}},
                                   "links": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/link"}},
                                   "parts": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/part"}},
                                   "controls": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/control"}}}},
    },
}


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
    jsonschema.validate(catalog, SCHEMA)


def test_ids_are_unique_and_links_resolve(catalog):
    ids = [obj["id"] for _, obj in walk(catalog["catalog"]) if "id" in obj]
    assert len(ids) == len(set(ids))
    uuids = {catalog["catalog"]["uuid"]} | {r["uuid"] for r in catalog["catalog"].get("back-matter", {}).get("resources", ())}
    for kind, obj in walk(catalog["catalog"]):
        for link in obj.get("links", ()):
            assert link["href"].startswith("#") and link["href"][1:] in set(ids) | uuids, link


def test_controls_carry_requirements(edition2):
    data = oscal.catalog(edition2, "isacs")["catalog"]
    controls = {c["id"]: c for kind, c in walk(data) if kind == "control"}
    assert set(controls) == {"isacs-05.30_r001", "isacs-05.30_r002", "isacs-05.30_r003", "isacs-05.30_r004",
                             "isacs-05.30_r005"}
    r002 = controls["isacs-05.30_r002"]
    props = {(p["name"], p["value"]) for p in r002["props"]}
    assert {("verbal-form", "shall"), ("actor", "national-authority"), ("actor", "manufacturer"),
            ("clause", "2.1.1")} <= props
    assert r002["parts"] == [{"id": "isacs-05.30_r002_smt", "name": "statement",
                              "prose": "States shall keep each record for the period in ITI."}]
    assert [link["text"] for link in r002["links"]] == ["ITI 12"]
    tombstone = controls["isacs-05.30_r004"]
    assert ("status", "withdrawn") in {(p["name"], p["value"]) for p in tombstone["props"]}
    assert tombstone["links"] == [{"href": "#isacs-05.30_r002", "rel": "incorporated-into"}]
    # modules and clauses are groups: 05.30 > clause 2 > 2.1 > 2.1.1 holds r002
    module = data["groups"][0]
    assert (module["id"], module["class"]) == ("isacs-05.30", "module")
    clause2 = next(g for g in module["groups"] if g["title"].startswith("2 "))
    assert clause2["groups"][0]["groups"][0]["controls"][0]["id"] == "isacs-05.30_r002"


def test_iatg_controls_have_rrpl_and_metadata(edition2):
    data = oscal.catalog(edition2, "iatg")["catalog"]
    assert data["metadata"]["oscal-version"] == oscal.OSCAL_VERSION
    assert data["metadata"]["last-modified"] == "2021-06-01T00:00:00Z"
    r003 = next(c for kind, c in walk(data) if kind == "control" and c["id"] == "iatg-06.10_r003")
    assert ("rrpl", "2") in {(p["name"], p["value"]) for p in r003["props"]}


def test_deterministic_and_content_versioned(mini, edition2):
    assert oscal.to_json(edition2, "isacs") == oscal.to_json(edition2, "isacs")
    assert (oscal.catalog(mini, "isacs")["catalog"]["metadata"]["version"]
            != oscal.catalog(edition2, "isacs")["catalog"]["metadata"]["version"])


def test_translated_catalog_uses_translation(mini):
    data = oscal.catalog(mini, "isacs", "fr")["catalog"]
    prose = [p["prose"] for kind, p in walk(data) if kind == "part"]
    assert "Le fabricant doit marquer chaque article lors de sa fabrication." in prose


def test_cli_writes_catalog(paths, tmp_path):
    out = tmp_path / "iatg.json"
    assert main(["oscal", "--root", str(paths["mini"]), "--series", "iatg", "-o", str(out)]) == 0
    jsonschema.validate(json.loads(out.read_text("utf-8")), SCHEMA)


def test_token_helper():
    assert re.match(TOKEN, oscal.token("9 (a)")) and oscal.token("clause-5-1") == "clause-5-1"
