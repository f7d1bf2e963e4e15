"""The GitHub workflows hold to the rules of a repository whose pull requests come from many people:
no `pull_request_target`, least-privilege tokens per job, every action pinned to a commit SHA, one
deployment at a time; and the pull-request gate runs every step of `dev.py gate` and publishes a preview."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

WORKFLOWS = Path(__file__).resolve().parents[2] / ".github" / "workflows"
SHA = re.compile(r"^[^@\s]+@[0-9a-f]{40}$")
# The only write scopes a job may hold, and only in a job that deploys the site.
DEPLOY_SCOPES = {"pages": "write", "id-token": "write"}


def load(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def steps(job: dict) -> list[dict]:
    return job.get("steps") or []


def problems(workflow: dict) -> list[str]:
    """Every breach of the rules in one parsed workflow."""
    found = []
    triggers = workflow.get("on") or {}
    if "pull_request_target" in (triggers if isinstance(triggers, (dict, list)) else [triggers]):
        found.append("pull_request_target runs with a write token on a fork's pull request")
    top = workflow.get("permissions")
    if top not in ({"contents": "read"}, {}):
        found.append(f"workflow permissions must be read-only, not {top!r}")
    for name, job in (workflow.get("jobs") or {}).items():
        scopes = job.get("permissions")
        if not isinstance(scopes, dict):
            found.append(f"job {name}: no permissions of its own")
        for scope, level in (scopes if isinstance(scopes, dict) else {}).items():
            if level not in ("read", "none") and DEPLOY_SCOPES.get(scope) != level:
                found.append(f"job {name}: {scope}: {level} is more than it needs")
        for step in steps(job):
            uses = step.get("uses")
            if uses and not uses.startswith("./") and not SHA.match(uses):
                found.append(f"job {name}: {uses} is not pinned to a commit SHA")
            if (
                uses
                and uses.startswith("actions/checkout@")
                and (step.get("with") or {}).get("persist-credentials") is not False
            ):
                found.append(f"job {name}: checkout keeps the token in .git/config (persist-credentials: false)")
        if any((step.get("uses") or "").startswith("actions/deploy-pages@") for step in steps(job)):
            concurrency = workflow.get("concurrency") or job.get("concurrency") or {}
            if not concurrency.get("group") or concurrency.get("cancel-in-progress") is not False:
                found.append(f"job {name}: deploys without a concurrency group that never cancels a deployment")
    return found


def all_workflows() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.y*ml"))


@pytest.mark.parametrize("path", all_workflows(), ids=lambda p: p.name)
def test_workflow_follows_the_rules(path):
    assert problems(load(path)) == []


def test_the_rules_catch_each_breach():
    bad = {
        "on": {"pull_request_target": {}},
        "permissions": "write-all",
        "jobs": {
            "a": {"steps": [{"uses": "actions/checkout@v4"}]},
            "b": {
                "permissions": {"contents": "write"},
                "steps": [{"uses": "actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e"}],
            },
        },
    }
    found = problems(bad)
    assert len(found) == 7, found
    for words in (
        "pull_request_target",
        "read-only",
        "job a: no permissions",
        "job b: contents: write",
        "job a: actions/checkout@v4 is not pinned",
        "job a: checkout keeps the token",
        "job b: deploys without a concurrency group",
    ):
        assert any(words in f for f in found), (words, found)


def test_pull_requests_run_the_whole_gate_and_upload_a_preview():
    ci = load(WORKFLOWS / "ci.yml")
    assert "pull_request" in ci["on"] and "pull_request_target" not in ci["on"]
    gate = ci["jobs"]["gate"]
    commands = " ".join(step.get("run", "") for step in steps(gate))
    for step in ("check --format github", "fmt", "build", "linkcheck", "diff"):
        assert f"dev.py gate --only {step}" in commands, step
    assert "GITHUB_STEP_SUMMARY" in commands
    assert any(
        (s.get("uses") or "").startswith("actions/upload-artifact@") and s["with"]["path"] == "site/"
        for s in steps(gate)
    )
    assert "python3 scripts/dev.py test" in " ".join(s.get("run", "") for s in steps(ci["jobs"]["test"]))


def test_main_deploys_to_github_pages_one_at_a_time():
    deploy = load(WORKFLOWS / "deploy.yml")
    assert deploy["on"]["push"]["branches"] == ["main"]
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    job = deploy["jobs"]["deploy"]
    assert job["permissions"] == DEPLOY_SCOPES and job["environment"]["name"] == "github-pages"
    build = deploy["jobs"]["build"]
    assert any((s.get("uses") or "").startswith("actions/upload-pages-artifact@") for s in steps(build))
