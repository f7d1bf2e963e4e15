"""The editor's guide and the GitHub templates name only what exists: every `isacs` sub-command and
`dev.py` command they show is a real one, and the issue forms are valid YAML with the fields GitHub needs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from isacs.cli.main import COMMANDS

REPO = Path(__file__).resolve().parents[2]
GUIDE = REPO / "CONTRIBUTING.md"


def test_the_guide_shows_only_commands_that_exist():
    text = GUIDE.read_text(encoding="utf-8")
    shown = set(re.findall(r"\bisacs ([a-z][a-z-]+)", text))
    assert shown and shown <= set(COMMANDS), shown - set(COMMANDS)
    dev = (REPO / "scripts" / "dev.py").read_text(encoding="utf-8")
    for command in set(re.findall(r"scripts/dev\.py ([a-z]+)", text)):
        assert f'"{command}": {command}' in dev, command


@pytest.mark.parametrize("path", sorted((REPO / ".github" / "ISSUE_TEMPLATE").glob("*.yml")), ids=lambda p: p.name)
def test_issue_forms_are_valid(path):
    form = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    if path.name == "config.yml":
        assert form == {"blank_issues_enabled": False}
        return
    assert form["name"] and form["description"] and form["body"]
    ids = [field["id"] for field in form["body"]]
    assert len(ids) == len(set(ids))
    assert all(field["type"] in ("input", "textarea", "dropdown", "checkboxes", "markdown") for field in form["body"])


def test_the_pull_request_template_asks_for_the_gate():
    assert "scripts/dev.py gate" in (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
