"""The OSCAL catalogs against NIST's own OSCAL JSON schema, offline: every catalog of the fixture corpora
and of the bundled corpus, in both series and every language, validates with zero errors against the
catalog model of NIST's complete OSCAL 1.2.3 JSON schema (vendored as test data in `schemas/`, see its
README), and mutated catalogs prove the validator does fail.

The schema is draft-07, validated with jsonschema's Draft7Validator extended so `pattern` uses the
`regex` module: NIST's patterns use Unicode property classes (`\\p{L}`, `\\p{N}`) that Python's `re`
cannot compile. The schema has no `patternProperties`, so `pattern` is the only regex keyword.

Format checking is on for `email` only. The schema uses four formats: `email` is checked by jsonschema
itself (offline, no extra package); `date-time`, `uri` and `uri-reference` would need the optional
`rfc3339-validator` / `rfc3987` packages, which are not dependencies. NIST's datatypes carry their own
patterns for date-time (`DateTimeWithTimezoneDatatype`, calendar-aware, timezone required) and URIs
(`URIDatatype`), which are checked; `uri-reference` (link `href`) has none, and test_oscal.py checks
that every link resolves inside the document.

The complete schema's root is a `oneOf` over all OSCAL models, so a document is validated against the
root branch that requires the top-level `catalog` key (and allows nothing else but `$schema`), not
against the root: a profile would pass the root.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from pathlib import Path

import jsonschema
import pytest
import regex
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from isacs.core.languages import LANGUAGES
from isacs.xref import oscal

SCHEMA_FILE = Path(__file__).resolve().parent / "schemas" / "oscal_complete_schema.json"
SCHEMA_VERSION = "1.2.3"
COMPLETE = json.loads(SCHEMA_FILE.read_text("utf-8"))
# The root `oneOf` branch for catalogs: {"catalog": ...} required, nothing else but `$schema`.
CATALOG_BRANCH = next(i for i, branch in enumerate(COMPLETE["oneOf"]) if branch.get("required") == ["catalog"])
CATALOG_SCHEMA = {"$schema": COMPLETE["$schema"], "$ref": f"{COMPLETE['$id']}#/oneOf/{CATALOG_BRANCH}"}
FORMATS = ("email",)  # see the module docstring


@functools.cache
def _compiled(pattern: str):
    return regex.compile(pattern)


def _pattern(validator, pattern, instance, schema):
    """jsonschema's `pattern` keyword with the `regex` module (ECMA 262 `\\p{..}` classes)."""
    if validator.is_type(instance, "string") and not _compiled(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


BASE = jsonschema.validators.validator_for(COMPLETE)
OscalValidator = jsonschema.validators.extend(BASE, {"pattern": _pattern})


def make_validator(schema=CATALOG_SCHEMA):
    registry = Registry().with_resource(COMPLETE["$id"], Resource.from_contents(COMPLETE))
    return OscalValidator(schema, registry=registry, format_checker=jsonschema.FormatChecker(formats=FORMATS))


@pytest.fixture(scope="session")
def validator():
    """Built once per session (per xdist worker): the schema is 270 kB and its refs resolve lazily."""
    return make_validator()


def errors(validator, document) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"[:300]
        for e in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    ]


def leaves(validator, document):
    """Every error, with the alternatives' errors under `anyOf`/`oneOf` (a group is a choice of two)."""

    def flat(errs):
        for err in errs:
            yield err
            yield from flat(err.context)

    return list(flat(validator.iter_errors(document)))


def walk(node):
    for group in node.get("groups", ()):
        yield "group", group
        yield from walk(group)
    for control in node.get("controls", ()):
        yield "control", control
        yield from walk(control)


# --- the schema file and the validator ----------------------------------------------------------------


def test_vendored_schema_is_nists_complete_oscal_schema():
    assert COMPLETE["$id"] == f"http://csrc.nist.gov/ns/oscal/1.0/{SCHEMA_VERSION}/oscal-complete-schema.json"
    assert COMPLETE["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert BASE is jsonschema.Draft7Validator
    BASE.check_schema(COMPLETE, format_checker=None)  # the metaschema's `regex` format is `re`: see below
    branch = COMPLETE["oneOf"][CATALOG_BRANCH]
    assert branch["properties"]["catalog"] == {"$ref": "#/definitions/oscal-complete-oscal-catalog:catalog"}
    assert branch["additionalProperties"] is False and set(branch["properties"]) == {"$schema", "catalog"}


def _schema_values(node, key):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key and isinstance(v, str):  # a keyword, not a property of that name
                yield v
            yield from _schema_values(v, key)
    elif isinstance(node, list):
        for v in node:
            yield from _schema_values(v, key)


def test_patterns_need_regex_and_formats_are_known():
    patterns = set(_schema_values(COMPLETE, "pattern"))
    assert not list(_schema_values(COMPLETE, "patternProperties"))  # else it would need `regex` too
    for pattern in patterns:
        regex.compile(pattern)
    unsupported = []
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error:
            unsupported.append(pattern)
    assert any(r"\p{L}" in p for p in unsupported), "no pattern needs `regex` any more: simplify the validator"
    assert set(_schema_values(COMPLETE, "format")) == {"date-time", "email", "uri", "uri-reference"}


def test_token_pattern_is_unicode_aware(validator):
    """The schema's TokenDatatype (`^(\\p{L}|_)(\\p{L}|\\p{N}|[.\\-_])*$`) through the regex-based keyword."""
    token = make_validator({"$ref": f"{COMPLETE['$id']}#/definitions/TokenDatatype"})
    for good in ("isacs-05.30_r001", "_9", "clause-é", "条款.1", "بند_٣"):
        assert not errors(token, good), good
    for bad in ("r 001", "9a", "-a", "", "a:b", "a/b"):
        assert [e.validator for e in token.iter_errors(bad)] == ["pattern"], bad


def test_email_format_is_checked():
    email = make_validator({"$ref": f"{COMPLETE['$id']}#/definitions/EmailAddressDatatype"})
    assert sorted(e.validator for e in email.iter_errors("not-an-address")) == ["format", "pattern"]
    assert not errors(email, "someone@example.org")


def test_a_profile_is_not_a_catalog(validator):
    """The root of the complete schema accepts any OSCAL model; the catalog branch does not."""
    metadata = {"title": "P", "last-modified": "2024-01-01T00:00:00Z", "version": "1", "oscal-version": "1.2.3"}
    profile = {
        "profile": {
            "uuid": "8f0a7c1e-7b6a-4c4e-9a2b-2d9a0d3f1b11",
            "metadata": metadata,
            "imports": [{"href": "#x", "include-all": {}}],
        }
    }
    assert not errors(make_validator(COMPLETE), profile)
    assert errors(validator, profile)


# --- every catalog validates ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("series", ["isacs", "iatg"])
@pytest.mark.parametrize("corpus_name", ["mini", "edition2", "bundled"])
def test_every_catalog_validates_against_nist_schema(request, validator, corpus_name, series, lang):
    data = oscal.catalog(request.getfixturevalue(corpus_name), series, lang)
    assert any(kind == "control" for kind, _ in walk(data["catalog"]))  # not vacuous
    found = errors(validator, data)
    assert not found, f"{len(found)} schema errors, first: {found[:10]}"


def test_cli_output_validates(paths, tmp_path, validator):
    from isacs.cli.main import main

    out = tmp_path / "isacs.json"
    assert main(["oscal", "--root", str(paths["edition-2"]), "--series", "isacs", "-o", str(out)]) == 0
    assert not errors(validator, json.loads(out.read_text("utf-8")))


# --- the validator fails where it must ------------------------------------------------------------------


@pytest.fixture
def good(edition2, validator):
    data = oscal.catalog(edition2, "isacs")
    assert not errors(validator, data)
    return copy.deepcopy(data)


def _first(data, kind, test=lambda obj: True):
    return next(obj for k, obj in walk(data["catalog"]) if k == kind and test(obj))


def _mutate_group_with_groups_and_controls(data):
    group = _first(data, "group", lambda g: "groups" in g)
    group["controls"] = copy.deepcopy(_first(data, "group", lambda g: "controls" in g)["controls"])
    return "additionalProperties", "controls"


def _mutate_control_id_with_space(data):
    _first(data, "control")["id"] = "isacs-05.30 r001"
    return "pattern", "isacs-05.30 r001"


def _mutate_control_id_starting_with_digit(data):
    _first(data, "control")["id"] = "05.30_r001"
    return "pattern", "05.30_r001"


def _mutate_missing_metadata_title(data):
    del data["catalog"]["metadata"]["title"]
    return "required", "title"


def _mutate_bad_uuid(data):
    data["catalog"]["uuid"] = "6ba7b810-9dad-11d1-80b4-00c04fd430c8"  # a version 1 UUID: OSCAL wants 4 or 5
    return "pattern", "6ba7b810-9dad-11d1-80b4-00c04fd430c8"


def _mutate_prop_name_with_space(data):
    _first(data, "control")["props"][0]["name"] = "verbal form"
    return "pattern", "verbal form"


def _mutate_bad_last_modified(data):
    data["catalog"]["metadata"]["last-modified"] = "2021-02-29T00:00:00Z"  # not a leap year
    return "pattern", "2021-02-29T00:00:00Z"


def _mutate_unknown_field(data):
    _first(data, "control")["statement"] = "a field OSCAL does not have"
    return "additionalProperties", "statement"


def _mutate_extra_top_level_key(data):
    data["profile"] = {}
    return "additionalProperties", "profile"


def _mutate_empty_controls(data):
    _first(data, "group", lambda g: "controls" in g)["controls"] = []
    return "minItems", None


MUTATIONS = {name.removeprefix("_mutate_"): f for name, f in globals().items() if name.startswith("_mutate_")}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_mutated_catalog_fails(good, validator, name):
    keyword, detail = MUTATIONS[name](good)
    found = leaves(validator, good)
    assert found, "the schema accepted it"
    hits = [e for e in found if e.validator == keyword and (detail is None or detail in e.message)]
    assert hits, [(e.validator, e.message[:120]) for e in found]
    if name == "group_with_groups_and_controls":  # neither alternative of NIST's group takes both
        assert any(e.validator == "additionalProperties" and "'groups'" in e.message for e in found)
    if keyword == "pattern" and name not in ("bad_uuid", "bad_last_modified"):
        assert any(r"\p{L}" in e.validator_value for e in hits)  # NIST's TokenDatatype, through `regex`
