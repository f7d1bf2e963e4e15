"""The self-assessment's OSCAL export, in a real browser (Debian's chromium through Playwright) on the
site built from the mini fixture: answers filled in on the page come out as an OSCAL 1.2.1
assessment-results document that validates against NIST's complete OSCAL JSON schema (the validator of
tests/xref/test_oscal_schema.py) and loads in compliance-trestle's AssessmentResults model: a finding per
answered requirement with its status, the notes as observations, every requirement of the page reviewed,
and the site's catalog it assesses (its URL served by the site, its statement IDs the findings' targets).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import urllib.request
import uuid
from pathlib import Path

import pytest

from browser_testkit import needs_chromium
from isacs.checklists.rows import status_label
from isacs.i18n.strings import t
from isacs.xref import oscal

if str(XREF_TESTS := Path(__file__).resolve().parents[1] / "xref") not in sys.path:
    sys.path.append(str(XREF_TESTS))

import test_assess_browser as assess_tests  # noqa: E402
from test_oscal_schema import COMPLETE, errors, make_validator  # noqa: E402

pytestmark = needs_chromium

# The site, server, browser and page fixtures of the self-assessment's browser tests, and its example.
assess_site, origin = assess_tests.assess_site, assess_tests.origin  # `browser`: tests/conftest.py
context, requests, open_page = assess_tests.context, assess_tests.requests, assess_tests.open_page
KEYS, NOTES, R1, R2, R3 = assess_tests.KEYS, assess_tests.NOTES, assess_tests.R1, assess_tests.R2, assess_tests.R3
fill_example = assess_tests.fill_example

# The root `oneOf` branch for assessment results, as test_oscal_schema.py picks the catalogs' one.
AR_BRANCH = next(i for i, b in enumerate(COMPLETE["oneOf"]) if b.get("required") == ["assessment-results"])
AR_SCHEMA = {"$schema": COMPLETE["$schema"], "$ref": f"{COMPLETE['$id']}#/oneOf/{AR_BRANCH}"}


@pytest.fixture(scope="module")
def ar_validator():
    return make_validator(AR_SCHEMA)


def export_oscal(page) -> tuple[str, dict, bytes]:
    """Clicks Export OSCAL; (file name, document, bytes)."""
    name, data = page.export("oscal")
    return name, json.loads(data.decode("utf-8")), data


def trestle_results(document: dict):
    from trestle.oscal.assessment_results import AssessmentResults

    validate = getattr(AssessmentResults, "model_validate", None) or AssessmentResults.parse_obj
    return validate(document["assessment-results"])


def _uuid5(name: str) -> str:
    return str(uuid.uuid5(oscal.UUID_NAMESPACE, name))


def _parts(node):
    for part in node.get("parts", ()):
        yield part
        yield from _parts(part)
    for child in (*node.get("groups", ()), *node.get("controls", ())):
        yield from _parts(child)


def _when(text: str) -> dt.datetime:
    when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert when.tzinfo is not None
    return when


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_oscal_button_stands_with_the_exports(open_page, lang):
    page = open_page(lang)
    actions = page.page.locator(".isacs-assess-toolbar [data-action]")
    names = [a.get_attribute("data-action") for a in actions.all()]
    assert "export-oscal" in names, "partials/assess_form.html has no export-oscal button"
    assert names.index("export-oscal") == names.index("export-json") + 1
    button = page.page.locator('.isacs-assess-toolbar [data-action="export-oscal"]')
    assert button.text_content().strip() == t(lang, "as_export_oscal")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_oscal_export_is_valid_assessment_results_that_load_in_trestle(open_page, origin, ar_validator, lang):
    page = open_page(lang)
    fill_example(page)  # r001 compliant, r002 not compliant with notes, r003 notes only
    name, document, data = export_oscal(page)
    assert name == f"assessment-isacs-05.30-{lang}.oscal.json"
    assert errors(ar_validator, document) == []  # NIST's schema, zero errors
    loaded = trestle_results(document)  # compliance-trestle's pydantic model
    assert [f.target.target_id for f in loaded.results[0].findings] == ["isacs-05.30_r001_smt", "isacs-05.30_r002_smt"]

    ar = document["assessment-results"]
    assert ar["metadata"]["oscal-version"] == oscal.OSCAL_VERSION
    assert {"name": "language", "ns": oscal.NS, "value": lang} in ar["metadata"]["props"]
    [result] = ar["results"]
    # every requirement of the page is reviewed, as the catalog's controls
    assert result["reviewed-controls"] == {
        "control-selections": [{"include-controls": [{"control-id": oscal.control_id(key)} for key in KEYS]}]
    }
    # a finding per answered requirement, its status as OSCAL says it and as the page does
    findings = {f["uuid"]: f for f in result["findings"]}
    assert list(findings) == [_uuid5(f"finding/{R1}"), _uuid5(f"finding/{R2}")]  # uuid5 of the key
    f1, f2 = findings.values()
    assert f1["target"] == {
        "type": "statement-id",
        "target-id": "isacs-05.30_r001_smt",
        "status": {"state": "satisfied", "reason": "pass"},
        "implementation-status": {"state": "implemented"},
    }
    assert f2["target"] == {
        "type": "statement-id",
        "target-id": "isacs-05.30_r002_smt",
        "status": {"state": "not-satisfied", "reason": "fail"},
    }
    assert f1["title"] == "ISACS 05.30 r001"
    assert f2["description"] == f"ISACS 05.30 r002: {status_label(lang, 'not-compliant')}"
    assert {p["name"]: p["value"] for p in f2["props"] if p["ns"] == oscal.NS} == {
        "requirement-key": R2,
        "assessment-status": "not-compliant",
    }
    # the notes as observations, the finding pointing to its requirement's
    observations = {o["uuid"]: o for o in result["observations"]}
    assert list(observations) == [_uuid5(f"observation/{R2}"), _uuid5(f"observation/{R3}")]
    assert [o["description"] for o in observations.values()] == [NOTES, "to check with the authority"]
    assert f2["related-observations"] == [{"observation-uuid": _uuid5(f"observation/{R2}")}]
    assert "related-observations" not in f1
    # results start when the first answer was saved, and end at the export
    stored = json.loads(page.stored_raw())
    start, end = _when(result["start"]), _when(result["end"])
    assert start == min(_when(stored[k]["updated"]) for k in KEYS) and start <= end
    assert _when(ar["metadata"]["last-modified"]) == end
    assert [_when(o["collected"]) for o in observations.values()] == [_when(stored[k]["updated"]) for k in (R2, R3)]

    # The plan is the site's catalog: import-ap -> a back-matter resource -> the catalog's URL, served
    # by the site in the page's language, holding every statement the findings target.
    href = ar["import-ap"]["href"]
    [resource] = [r for r in ar["back-matter"]["resources"] if "#" + r["uuid"] == href]
    [rlink] = resource["rlinks"]
    assert rlink["media-type"] == "application/oscal.catalog+json"
    assert rlink["href"] == f"{origin}/{'' if lang == 'en' else lang + '/'}data/oscal/isacs.json"
    with urllib.request.urlopen(rlink["href"]) as response:
        catalog = json.loads(response.read().decode("utf-8"))["catalog"]
    assert {"name": "language", "ns": oscal.NS, "value": lang} in catalog["metadata"]["props"]
    statements = {p["id"] for p in _parts(catalog) if p["name"] == "statement"}
    assert {f["target"]["target-id"] for f in findings.values()} <= statements
    assert {oscal.control_id(k) + "_smt" for k in KEYS} <= statements
    assert page.errors == []


def test_oscal_export_maps_every_status_and_is_stable_but_new(open_page, ar_validator, tmp_path):
    page = open_page("fr")
    page.set_status(R1, "partially")
    page.set_status(R2, "not-applicable")
    _, first, data = export_oscal(page)
    _, second, _ = export_oscal(page)
    assert errors(ar_validator, first) == []
    targets = [f["target"] for f in first["assessment-results"]["results"][0]["findings"]]
    assert targets == [
        {
            "type": "statement-id",
            "target-id": "isacs-05.30_r001_smt",
            "status": {"state": "not-satisfied", "reason": "fail"},
            "implementation-status": {"state": "partial"},
        },
        {
            "type": "statement-id",
            "target-id": "isacs-05.30_r002_smt",
            "status": {"state": "satisfied", "reason": "other"},
            "implementation-status": {"state": "not-applicable"},
        },
    ]
    assert "observations" not in first["assessment-results"]["results"][0]  # no notes, no observation
    # a new document each time, the same result and findings (name-based UUIDs)
    a, b = first["assessment-results"], second["assessment-results"]
    assert a["uuid"] != b["uuid"] and uuid.UUID(a["uuid"]).version == 4
    assert [f["uuid"] for f in a["results"][0]["findings"]] == [f["uuid"] for f in b["results"][0]["findings"]]
    assert a["results"][0]["uuid"] == b["results"][0]["uuid"]
    # trestle's own file loader reads the downloaded file
    from trestle.oscal.assessment_results import AssessmentResults

    path = tmp_path / "assessment.json"
    path.write_bytes(data)
    assert AssessmentResults.oscal_read(path).uuid == a["uuid"]


def test_oscal_export_of_an_empty_assessment_is_valid(open_page, ar_validator):
    # Nothing answered: every requirement reviewed, no finding, no observation, started at the export.
    page = open_page("en")
    _, document, _ = export_oscal(page)
    assert errors(ar_validator, document) == []
    trestle_results(document)
    [result] = document["assessment-results"]["results"]
    assert "findings" not in result and "observations" not in result
    assert result["start"] == result["end"]
    assert len(result["reviewed-controls"]["control-selections"][0]["include-controls"]) == len(KEYS)
    # and the validator does see a broken one: no start, a state OSCAL does not have
    del result["start"]
    document["assessment-results"]["results"][0]["reviewed-controls"] = {}
    assert len(errors(ar_validator, document)) >= 2
