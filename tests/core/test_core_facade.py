"""The public API (`isacs.__all__`) and the architecture rule that the core never depends on an engine
(the imports are read by tests/layers_testkit.py, which tests/repo/test_layers.py uses for every layer)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import isacs
from layers_testkit import imports

CORE = Path(isacs.__file__).parent / "core"
# Modules whose public names are the API: the model, its diagnostics and languages.
API_MODULES = ("isacs.core.model", "isacs.core.diagnostics", "isacs.core.languages")
REQUIRED = {
    "load_corpus",
    "check_repository",
    "validate",
    "Diagnostic",
    "Location",
    "to_json",
    "corpus_dict",
    "LANGUAGES",
    "Corpus",
    "Module",
    "Clause",
    "Requirement",
    "RequirementText",
    "Concept",
    "Instrument",
    "Actor",
    "Translation",
}


def _defined_names(module_name: str) -> set[str]:
    """Public names a module defines itself (classes, functions, constants), not the ones it imports."""
    tree = ast.parse(Path(importlib.import_module(module_name).__file__).read_text("utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {n for n in names if not n.startswith("_")}


@pytest.mark.parametrize("module_name", API_MODULES)
def test_all_lists_every_public_name(module_name):
    missing = _defined_names(module_name) - set(isacs.__all__)
    assert not missing, f"add to isacs.__all__: {sorted(missing)}"


def test_all_has_the_core_api_and_no_duplicates():
    assert REQUIRED <= set(isacs.__all__)
    assert len(isacs.__all__) == len(set(isacs.__all__))


def test_every_name_in_all_is_importable_and_is_the_core_object():
    namespace: dict = {}
    exec("from isacs import *", namespace)
    for name in isacs.__all__:
        assert name in namespace, name
        obj = namespace[name]
        if callable(obj):  # classes and functions are the core's own, not copies
            assert obj.__module__.startswith("isacs.core."), (name, obj.__module__)
    assert namespace["load_corpus"] is importlib.import_module("isacs.core.loader").load_corpus


def test_core_never_imports_an_engine_or_the_site():
    files = sorted(CORE.rglob("*.py"))
    assert len(files) >= 10
    offending = [
        (f.name, name)
        for f in files
        for name in imports(f)
        if name.split(".")[0] in {"mkdocs", "material", "mkdocs_static_i18n"}
        or name.startswith(("isacs.render", "isacs.mkdocs_adapter", "isacs.cli"))
    ]
    assert offending == []


def test_import_scanner_resolves_relative_imports():
    """The scan above can only fail if it sees what a file imports, relative imports included."""
    names = imports(CORE / "model.py")
    assert {"isacs.core.diagnostics", "isacs.core.languages", "dataclasses"} <= set(names)
