"""Declared dependencies are exactly the used ones, and the package data pyproject.toml lists is there.

Used means: imported by src/isacs (read from the source, not from what a run happens to import), run by it
(`python -m MODULE`, or a console script the distribution installs), or named by the site's mkdocs.yml that
`isacs build-site` and `mkdocs build` build (the theme, the plugins, the Markdown extensions).
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from functools import cache
from importlib.metadata import PackageNotFoundError, distribution, entry_points, packages_distributions
from pathlib import Path

import pytest
from mkdocs.utils.yaml import yaml_load

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "src" / "isacs"
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
OWN = "isacs-toolchain"


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> dict[str, str]:
    """Runtime dependencies: normalised distribution name -> the requirement as written."""
    return {
        normalise(re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", spec).group(0)): spec
        for spec in PROJECT["project"]["dependencies"]
    }


def sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


@cache
def trees() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8"), str(path)) for path in sources()}


def third_party_imports() -> dict[str, set[str]]:
    """Absolute imports of anything but the standard library and isacs: module -> files importing it."""
    found: dict[str, set[str]] = {}
    for path, tree in trees().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top not in sys.stdlib_module_names and top != "isacs":
                    found.setdefault(module, set()).add(str(path.relative_to(REPO)))
    return found


@cache
def _packages_distributions() -> dict[str, list[str]]:
    return packages_distributions()  # reads every installed distribution's metadata: once


@cache
def distributions_of(module: str) -> frozenset[str]:
    """The installed distributions providing `module` (normalised names). A namespace shared by several
    (ruamel: ruamel.yaml and ruamel.yaml.clib) is narrowed to the one holding the module's own file."""
    names = _packages_distributions().get(module.split(".")[0], [])
    if len(names) > 1:
        stem = module.replace(".", "/")
        owners = [
            name
            for name in names
            if any(str(f) in (f"{stem}.py", f"{stem}/__init__.py") for f in distribution(name).files or ())
        ]
        names = owners or names
    return frozenset(normalise(name) for name in names)


def commands_run() -> set[str]:
    """Modules run as `python -m MODULE` and words that may be commands (string constants) in src/isacs."""
    modules, words = set(), set()
    for tree in trees().values():
        for node in ast.walk(tree):
            if isinstance(node, (ast.List, ast.Tuple)):
                items = [e.value if isinstance(e, ast.Constant) else None for e in node.elts]
                modules |= {after for before, after in zip(items, items[1:]) if before == "-m" and after}
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                words.add(node.value)
    return {f"-m {m}" for m in modules} | words


def run_by_the_package() -> set[str]:
    """Declared distributions src/isacs runs rather than imports: `python -m` modules, console scripts."""
    run = commands_run()
    used = set()
    for name in declared():
        dist = distribution(name)
        scripts = {ep.name for ep in dist.entry_points if ep.group == "console_scripts"}
        tops = (dist.read_text("top_level.txt") or "").split() or [name.replace("-", "_")]
        if scripts & run or any(f"-m {top}" in run for top in tops):
            used.add(name)
    return used


def site_config() -> dict:
    return yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))


def named_by_the_site() -> dict[str, set[str]]:
    """What mkdocs.yml names (theme, plugins, Markdown extensions) -> the distributions providing it."""
    config = site_config()
    by_entry_point = {
        (ep.group, ep.name): normalise(ep.dist.name)
        for group in ("mkdocs.themes", "mkdocs.plugins")
        for ep in entry_points(group=group)
    }
    named: dict[str, set[str]] = {}
    theme = config["theme"]["name"] if isinstance(config["theme"], dict) else config["theme"]
    named[f"theme {theme}"] = {by_entry_point.get(("mkdocs.themes", theme), "?")}
    for plugin in config.get("plugins", []):
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        named[f"plugin {name}"] = {by_entry_point.get(("mkdocs.plugins", name), "?")}
    for extension in config.get("markdown_extensions", []):
        name = extension if isinstance(extension, str) else next(iter(extension))
        module = name if "." in name else f"markdown.extensions.{name}"  # Markdown's own, by short name
        named[f"markdown extension {name}"] = set(distributions_of(module)) or {"?"}
    return named


def test_every_third_party_import_is_a_declared_dependency():
    wanted = set(declared())
    undeclared = {
        module: sorted(files)
        for module, files in third_party_imports().items()
        if not distributions_of(module) & wanted
    }
    assert not undeclared, f"imported by src/isacs but not in pyproject's dependencies: {undeclared}"


def test_everything_the_site_config_names_is_a_declared_dependency():
    wanted = set(declared()) | {OWN}
    missing = {what: sorted(dists) for what, dists in named_by_the_site().items() if not dists & wanted}
    assert not missing, f"mkdocs.yml needs these; declare their distributions in pyproject.toml: {missing}"


def test_every_declared_dependency_is_used():
    used = {d for module in third_party_imports() for d in distributions_of(module)}
    used |= run_by_the_package()
    used |= {d for dists in named_by_the_site().values() for d in dists}
    unused = {name: spec for name, spec in declared().items() if name not in used}
    assert not unused, f"declared in pyproject.toml but never imported, run or named by mkdocs.yml: {unused}"


def test_every_declared_dependency_is_installed():
    """(What the two tests above read: a dependency missing from .venv would look unused.)"""
    missing = []
    for name in declared():
        try:
            distribution(name)
        except PackageNotFoundError:
            missing.append(name)
    assert not missing, f"not installed: {missing}; run `.venv/bin/pip install -e '.[test]'`"


def package_data() -> list[str]:
    return PROJECT["tool"]["setuptools"]["package-data"]["isacs"]


@pytest.mark.parametrize("pattern", package_data())
def test_every_package_data_glob_matches_a_file(pattern):
    assert any(path.is_file() for path in PACKAGE.glob(pattern)), f"src/isacs/{pattern} matches no file"


def test_every_data_file_of_the_package_is_packaged():
    """A file in src/isacs that no glob names would be missing from the installed package (wheel)."""
    covered = {path for pattern in package_data() for path in PACKAGE.glob(pattern) if path.is_file()}
    data = {
        path
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    }
    assert not data - covered, sorted(str(p.relative_to(PACKAGE)) for p in data - covered)


def test_the_installed_package_has_no_benchmarks():
    """The benchmarks and their corpus generator are dev-only (benchmarks/ at the repository's root)."""
    assert not (PACKAGE / "bench").exists()
    assert (REPO / "benchmarks" / "generate.py").is_file()
