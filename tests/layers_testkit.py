"""The package's imports, read from its sources (ast; relative imports resolved), and its layer rule.

Shared by tests/repo/test_layers.py (the whole package: layers, cycles) and tests/core/test_core_facade.py
(the core never imports an engine). The layers, lowest first; a package may import its own layer and the
layers below it, never one above, and packages of one layer may import each other only one way:

    i18n, templating, schemas  <-  core  <-  checklists, xref  <-  render  <-  mkdocs_adapter, cli

(a layer's name is a package, isacs/<name>/, or a module of its own, isacs/<name>.py).

`isacs/__init__.py` (the public API) may import the core only. An import inside a function must not be
used to hide a cycle: one of an isacs module is refused, one of a third-party library (to keep a heavy
import off the path of commands that do not need it) must say why in a comment.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

import isacs

SRC = Path(isacs.__file__).parent  # src/isacs
LAYERS: tuple[tuple[str, ...], ...] = (
    ("i18n", "templating", "schemas"),  # neutral: the standard library and third-party libraries only
    ("core",),
    ("checklists", "xref"),
    ("render",),
    ("mkdocs_adapter", "cli"),
)
FACADE_MAY_IMPORT = ("core",)  # what isacs/__init__.py may import
SKIPPED = ("bench",)  # being moved out of the package (benchmarks/); not part of the layers


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, e.g. "isacs.render.site"
    target: str  # what it imports, resolved: `from . import paths` in isacs/render/site.py -> "isacs.render.paths"
    line: int
    in_function: bool
    commented: bool  # a comment on the import's line or on the line just above it


def module_name(path: Path, root: Path = SRC) -> str:
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def source_files(root: Path = SRC) -> list[Path]:
    return sorted(
        p for p in root.rglob("*.py") if "__pycache__" not in p.parts and p.relative_to(root).parts[0] not in SKIPPED
    )


def read_imports(path: Path, root: Path = SRC, modules: frozenset[str] = frozenset()) -> list[Import]:
    """Every import statement of `path`. `from X import name` is an import of the module X.name when that is
    one of `modules` (a submodule), else of X."""
    text = path.read_text("utf-8")
    lines = text.splitlines()
    source = module_name(path, root)
    package = source.split(".") if path.name == "__init__.py" else source.split(".")[:-1]
    out: list[Import] = []

    def commented(node: ast.stmt) -> bool:
        line, above = lines[node.lineno - 1], lines[node.lineno - 2].strip() if node.lineno > 1 else ""
        return "#" in line or above.startswith("#")

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                out.extend(
                    Import(source, alias.name, child.lineno, in_function, commented(child)) for alias in child.names
                )
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:  # relative: resolve against the file's package
                    base = ".".join(package[: len(package) - child.level + 1] + ([base] if base else []))
                targets = {f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in child.names}
                out.extend(
                    Import(source, target, child.lineno, in_function, commented(child)) for target in sorted(targets)
                )
            else:
                visit(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

    visit(ast.parse(text), False)
    return out


def imports(path: Path, root: Path = SRC) -> list[str]:
    """The names `path` imports (relative imports resolved against its package)."""
    return [i.target for i in read_imports(path, root)]


def package_of(module: str) -> str:
    """A module's layer name: "isacs.render.site" -> "render", "isacs.templating" -> "templating", "isacs" -> ""."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def rank(package: str) -> int | None:
    return next((i for i, layer in enumerate(LAYERS) if package in layer), None)


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (and nodes that import themselves), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:  # Tarjan's algorithm; the graphs here are small enough for recursion
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in edges.get(node, ()):
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return sorted(found)


def layer_problems(root: Path = SRC) -> list[str]:
    """What breaks the layer rule in the package at `root` (its folder name is the package's name), one line
    each: upward imports, imports between modules or packages that go both ways (cycles), imports hidden in
    functions, packages in no layer. Empty when the package keeps its layers."""
    files = source_files(root)
    modules = frozenset(module_name(p, root) for p in files)
    problems: list[str] = []
    module_edges: dict[str, set[str]] = {m: set() for m in modules}
    package_edges: dict[str, set[str]] = {}
    for path in files:
        where = path.relative_to(root.parent).as_posix()
        for imp in read_imports(path, root, modules):
            top = imp.target.split(".")[0]
            if imp.in_function and top == root.name:
                problems.append(
                    f"{where}:{imp.line}: imports {imp.target} inside a function (import it at the "
                    "top; if that makes a cycle, move the shared code down a layer)"
                )
            elif imp.in_function and top not in sys.stdlib_module_names and not imp.commented:
                problems.append(
                    f"{where}:{imp.line}: imports {imp.target} inside a function without a comment saying why"
                )
            if top != root.name:
                continue
            source_package, target_package = package_of(imp.source), package_of(imp.target)
            if target_package in SKIPPED:
                problems.append(f"{where}:{imp.line}: imports {imp.target}, which is leaving the package")
                continue
            if imp.target in modules and imp.target != imp.source:
                module_edges[imp.source].add(imp.target)
            if not source_package:  # the facade
                if target_package not in FACADE_MAY_IMPORT:
                    problems.append(
                        f"{where}:{imp.line}: the public API imports {imp.target} (only "
                        f"{', '.join(FACADE_MAY_IMPORT)} allowed)"
                    )
                continue
            if not target_package:
                problems.append(f"{where}:{imp.line}: imports the package facade {imp.target}; import the module")
                continue
            source_rank, target_rank = rank(source_package), rank(target_package)
            if source_rank is None or target_rank is None:
                unknown = source_package if source_rank is None else target_package
                problems.append(
                    f"{where}:{imp.line}: package {unknown!r} is in no layer (add it to LAYERS in "
                    "tests/layers_testkit.py and to the package docstrings)"
                )
            elif target_rank > source_rank:
                problems.append(f"{where}:{imp.line}: {source_package} imports {imp.target}, a layer above it")
            if source_package != target_package:
                package_edges.setdefault(source_package, set()).add(target_package)
    problems += [f"import cycle between modules: {' <-> '.join(c)}" for c in cycles(module_edges)]
    problems += [f"packages import each other: {' <-> '.join(c)}" for c in cycles(package_edges)]
    return problems
