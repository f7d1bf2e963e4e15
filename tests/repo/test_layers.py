"""The package's layers run one way: i18n <- core <- (checklists, xref) <- render <- (mkdocs_adapter, cli),
read from the imports of every module (tests/layers_testkit.py has the rule). No upward import, no cycle
between modules or packages, no import hidden in a function; and the check does fail when one is planted."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from layers_testkit import LAYERS, SKIPPED, SRC, layer_problems, read_imports, source_files


def test_the_package_keeps_its_layers():
    assert layer_problems() == []


def test_every_package_is_in_a_layer_and_says_what_it_may_import():
    packages = {p.name for p in SRC.iterdir() if p.is_dir() and any(p.glob("*.py")) and p.name not in SKIPPED}
    modules = {p.stem for p in SRC.glob("*.py") if p.name != "__init__.py"}
    assert packages | modules == {name for layer in LAYERS for name in layer}
    for path in [SRC / "__init__.py"] + [SRC / name / "__init__.py" for name in packages]:
        doc = ast.get_docstring(ast.parse(path.read_text("utf-8"))) or ""
        assert "import" in doc, f"{path.relative_to(SRC.parent)}: its docstring says what it may import"


def test_the_scan_sees_every_module_and_resolves_relative_imports():
    files = source_files()
    assert len(files) >= 60
    site = read_imports(SRC / "render" / "site.py", modules=frozenset({"isacs.render.paths"}))
    assert "isacs.render.paths" in {i.target for i in site}  # `from . import paths`: the module, not the package
    assert "isacs.core.model" in {i.target for i in site}  # `from ..core.model import Corpus`


@pytest.fixture
def copy(tmp_path) -> Path:
    root = tmp_path / "isacs"
    shutil.copytree(SRC, root, ignore=shutil.ignore_patterns("__pycache__", *SKIPPED))
    assert layer_problems(root) == []
    return root


def _plant(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + "\n" + text + "\n", encoding="utf-8")


def test_a_planted_upward_import_fails(copy):
    _plant(copy / "core" / "model.py", "from ..render import paths")
    line = len((copy / "core" / "model.py").read_text("utf-8").splitlines())
    assert f"isacs/core/model.py:{line}: core imports isacs.render.paths, a layer above it" in layer_problems(copy)


def test_ui_strings_stay_below_the_core(copy):
    _plant(copy / "i18n" / "strings.py", "from ..core.languages import LANGUAGES")
    assert [p for p in layer_problems(copy) if "i18n imports isacs.core.languages, a layer above it" in p]


def test_a_planted_cycle_fails(copy):
    _plant(copy / "render" / "paths.py", "from . import site")  # site imports paths
    problems = layer_problems(copy)
    assert [
        p
        for p in problems
        if p.startswith("import cycle between modules:") and "isacs.render.paths" in p and "isacs.render.site" in p
    ], problems


def test_packages_of_one_layer_import_each_other_one_way_only(copy):
    _plant(copy / "checklists" / "rows.py", "from ..xref import tables")  # xref.flat imports checklists.csvfile
    assert "packages import each other: checklists <-> xref" in layer_problems(copy)


def test_an_import_hidden_in_a_function_fails(copy):
    _plant(copy / "render" / "paths.py", "def later():\n    from .site import render_site\n    return render_site")
    assert [p for p in layer_problems(copy) if "imports isacs.render.site inside a function" in p]


def test_a_lazy_library_import_must_say_why(copy):
    _plant(copy / "render" / "paths.py", "def later():\n    import markdown\n    return markdown")
    assert [p for p in layer_problems(copy) if "imports markdown inside a function without a comment" in p]
    _plant(copy / "render" / "markup.py", "def later():\n    import markdown  # heavy: only when used\n    return 1")
    assert not [p for p in layer_problems(copy) if "markup.py" in p]


def test_the_public_api_imports_the_core_only(copy):
    _plant(copy / "__init__.py", "from .render.site import render_site")
    assert [p for p in layer_problems(copy) if "the public API imports isacs.render.site" in p]
