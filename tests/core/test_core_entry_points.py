"""Every entry point the package declares (console script, mkdocs plugin) names an object that exists.

A dangling one installs without complaint and fails only when a user's tool looks it up.
"""

from __future__ import annotations

import importlib
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def _entry_points() -> dict[str, str]:
    project = tomllib.loads(PYPROJECT.read_text("utf-8"))["project"]
    groups = {"console_scripts": project.get("scripts", {}), **project.get("entry-points", {})}
    return {f"{group}:{name}": target for group, entries in groups.items() for name, target in entries.items()}


def test_every_declared_entry_point_resolves():
    points = _entry_points()
    assert {"console_scripts:isacs", "mkdocs.plugins:isacs"} <= set(points)
    unresolved = []
    for name, target in points.items():
        module_name, _, attribute = target.partition(":")
        try:
            obj = importlib.import_module(module_name)
            for part in attribute.split("."):
                obj = getattr(obj, part)
        except (ImportError, AttributeError) as exc:
            unresolved.append(f"{name} = {target}: {exc}")
        else:
            assert callable(obj), name
    assert unresolved == []
