"""`isacs export --format json`: the documented shape (schemas/export.schema.json), counts, determinism.
The published schema is checked on the fixture corpus and on the bundled corpus (modules/, glossary/),
whole and one language at a time (`--lang`, and the site's per-language data/model.json)."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from jsonschema import Draft202012Validator

from core_testkit import EN, MINI, REPO, assert_clean_failure, copy_mini, isacs, sub
from isacs import FORMAT_VERSION, LANGUAGES, SOURCE_LANGUAGE, corpus_dict, load_corpus, to_json


@pytest.fixture(scope="module")
def export_schema() -> dict:
    schema = json.loads(resources.files("isacs.schemas").joinpath("export.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return schema


@pytest.fixture(scope="module")
def bundled(tmp_path_factory) -> tuple[bytes, dict]:
    out = tmp_path_factory.mktemp("export") / "model.json"
    run = isacs("export", "--format", "json", "-o", str(out))
    assert run.returncode == 0, run.stderr
    data = out.read_bytes()
    return data, json.loads(data)


def _errors(schema: dict, data: dict) -> list[str]:
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def test_bundled_export_matches_schema(bundled, export_schema):
    assert _errors(export_schema, bundled[1]) == []


@pytest.fixture(scope="module")
def bundled_corpus():
    corpus, problems = load_corpus(REPO)
    assert not [p.format() for p in problems if p.severity.value == "error"]
    return corpus


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bundled_export_of_one_language_matches_schema(bundled_corpus, export_schema, lang):
    """`isacs export --lang L` ({L}) and the site's data/model.json of language L ({L, en})."""
    for languages in ({lang}, {lang, SOURCE_LANGUAGE}):
        data = json.loads(to_json(bundled_corpus, languages))
        assert _errors(export_schema, data) == []
        assert data["languages"] == [code for code in LANGUAGES if code in languages]


def test_bundled_export_counts(bundled):
    data = bundled[1]
    assert data["format"] == "isacs-model" and data["format_version"] == FORMAT_VERSION
    assert len(data["modules"]) >= 6
    assert {m["series"] for m in data["modules"]} == {"isacs", "iatg"}
    assert sum(len(m["requirements"]) for m in data["modules"]) >= 90
    assert data["languages"] == ["en", "fr", "es", "ar", "ru", "zh"]
    assert len(data["concepts"]) >= 40
    assert len(data["instruments"]) >= 5 and data["actors"]
    everywhere = [c for c in data["concepts"] if set(c["terms"]) == set(data["languages"])]
    assert len(everywhere) >= 10


def test_bundled_export_is_deterministic(bundled):
    run = isacs("export", "--format", "json")
    assert run.returncode == 0
    assert run.stdout.encode("utf-8") == bundled[0]


def test_export_content_of_fixture(export_schema):
    corpus, _ = load_corpus(MINI)
    data = json.loads(to_json(corpus))
    assert _errors(export_schema, data) == []
    module = data["modules"][0]
    assert module["id"] == "isacs/05.30" and module["date"] == "2026-01-15" and module["label"] == "ISACS 05.30"
    assert module["languages"] == ["en", "fr", "ar"]
    annex = module["clauses"][-1]
    assert (annex["number"], annex["kind"], annex["requirements"]) == ("A", "annex", ["r003"])
    r001 = module["requirements"][0]
    assert r001["key"] == "isacs/05.30#r001" and r001["clause"] == "2.1"
    assert r001["refs"] == [{"instrument": "ITI", "provision": "8(a)", "label": "ITI 8(a)"}]
    assert r001["texts"]["fr"]["text"] == "Le fabricant doit marquer chaque article lors de sa fabrication."
    tombstone = module["requirements"][3]
    assert (tombstone["withdrawn"], tombstone["replaced_by"], tombstone["texts"]) == ("2026", "r002", {})


def test_export_one_language(export_schema):
    corpus, _ = load_corpus(MINI)
    data = corpus_dict(corpus, {"fr"})
    assert _errors(export_schema, data) == []
    assert data["languages"] == ["fr"]
    assert all(set(r["texts"]) <= {"fr"} for m in data["modules"] for r in m["requirements"])
    assert set(data["modules"][0]["titles"]) == {"fr"}


def test_export_refuses_broken_sources_and_writes_nothing(tmp_path):
    root = copy_mini(tmp_path)
    sub(EN, "level: may", "level: must")(root)
    out = tmp_path / "model.json"
    run = isacs("export", "--root", str(root), "--format", "json", "-o", str(out))
    assert_clean_failure(run)
    assert run.returncode == 1
    assert f"{EN}:21:5: error E004" in run.stderr
    assert not out.exists()
