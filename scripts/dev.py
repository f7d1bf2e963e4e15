#!/usr/bin/env python3
"""Set up and run the project on a fresh machine that has only Python 3.11+.

    python3 scripts/dev.py build   # .venv + install, `isacs check`, build the six-language site into site/
    python3 scripts/dev.py test    # .venv + install + Debian packages the tests need, ruff (lint, format
                                   # check), then the whole suite; `test --no-lint` skips ruff
    python3 scripts/dev.py gate    # the pull-request gate, in CI's order: check, fmt --check, strict build,
                                   # link check, requirement changes against the base branch

Idempotent: the venv is (re)installed only when pyproject.toml changed; Debian packages only when missing.
Standard library only, because it runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"


def run(*cmd, **kw) -> None:
    print("+ " + " ".join(str(c) for c in cmd), file=sys.stderr, flush=True)
    result = subprocess.run([str(c) for c in cmd], cwd=kw.pop("cwd", ROOT), **kw)
    if result.returncode != 0:
        sys.exit(result.returncode)


def ensure_venv(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs under whichever python3 there is
        sys.exit(f"Python 3.11+ is needed (this is {sys.version.split()[0]})")
    if not PY.exists():
        run(sys.executable, "-m", "venv", VENV)
    stamp = VENV / ".installed"
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    if stamp.exists() and stamp.read_text() == want:
        return
    run(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PY, "-m", "pip", "install", "--quiet", "-e", f".{extras}")
    stamp.write_text(want)


def system_packages(sections: tuple[str, ...]) -> list[str]:
    packages, section = [], None
    for line in (ROOT / "scripts" / "system-packages.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
        elif line and section in sections:
            packages.append(line)
    return packages


def ensure_system_packages(sections: tuple[str, ...], required: bool) -> None:
    """Install missing Debian packages (needs root or passwordless sudo).

    `required=False` (the build) only warns when it cannot install; the build then says what is missing
    (Chromium for the PDF checklists) in one line, or its PDFs may lack Arabic/Chinese fonts.
    """
    wanted = system_packages(sections)
    if not shutil.which("dpkg-query") or not shutil.which("apt-get"):
        print("! not a Debian-like system: install the equivalents of:", *wanted)
        return
    missing = [
        p
        for p in wanted
        if subprocess.run(["dpkg-query", "-W", "-f=${Status}", p], capture_output=True, text=True).stdout.strip()
        != "install ok installed"
    ]
    if not missing:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    if sudo and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode != 0:
        message = "! cannot install Debian packages (not root, no passwordless sudo): " + " ".join(missing)
        if required:
            sys.exit(message)
        print(message)
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(*sudo, "apt-get", "update", "-qq", env=env)
    run(*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing, env=env)


def build(args: list[str]) -> None:
    ensure_venv("")
    ensure_system_packages(("build",), required=False)
    run(BIN / "isacs", "check")
    run(BIN / "isacs", "build-site", *args)


def lint() -> None:
    """ruff, configured in pyproject.toml: the lint rules, then the formatting (checked, never rewritten
    here: `.venv/bin/ruff format` and `.venv/bin/ruff check --fix` do that). Both run before failing."""
    failed = [
        step
        for step in (("check",), ("format", "--check"))
        if subprocess.run([str(BIN / "ruff"), *step, "."], cwd=ROOT).returncode != 0
    ]
    if failed:
        sys.exit(f"ruff {' and '.join(' '.join(step) for step in failed)} failed: see above")


def test(args: list[str]) -> None:
    ensure_venv("[test]")
    if "--no-lint" in args:
        args = [arg for arg in args if arg != "--no-lint"]
    else:
        print("+ ruff check; ruff format --check", file=sys.stderr, flush=True)
        lint()
    ensure_system_packages(("build", "test"), required=True)
    workers = ["-n", "auto"] if "-n" not in args else []
    run(PY, "-m", "pytest", *workers, *args)


GATE_STEPS = ("check", "fmt", "build", "linkcheck", "diff")


def gate(args: list[str]) -> None:
    """The pull-request gate, each step as CI runs it (.github/workflows/ci.yml runs them one by one with
    --only, so each gets its own line in the pull request's checks); stops at the first failing step."""
    import argparse

    parser = argparse.ArgumentParser(prog="dev.py gate")
    parser.add_argument("--only", choices=GATE_STEPS, help="run one step")
    parser.add_argument("--format", choices=("text", "github"), default="text", help="isacs check's output")
    parser.add_argument("--base", default=None, help="base revision for the diff (default: origin/main, else main)")
    options = parser.parse_args(args)
    ensure_venv("")
    steps = [options.only] if options.only else list(GATE_STEPS)
    for step in steps:
        print(f"== gate: {step}", file=sys.stderr, flush=True)
        if step == "check":
            run(BIN / "isacs", "check", *(["--format", "github"] if options.format == "github" else []))
        elif step == "fmt":
            run(BIN / "isacs", "fmt", "--check")
        elif step == "build":
            ensure_system_packages(("build",), required=False)
            run(BIN / "isacs", "build-site")
        elif step == "linkcheck":
            run(BIN / "isacs", "linkcheck", "--site", ROOT / "site")
        elif step == "diff":
            base = options.base or next(
                (
                    ref
                    for ref in ("origin/main", "main")
                    if subprocess.run(
                        ["git", "rev-parse", "--verify", "-q", ref], cwd=ROOT, capture_output=True
                    ).returncode
                    == 0
                ),
                None,
            )
            if base is None:
                print(
                    "== gate: diff: no base branch (origin/main or main) in this checkout; pass --base REV",
                    file=sys.stderr,
                )
                sys.exit(2)
            run(BIN / "isacs", "diff", "--root", ROOT, base, ROOT)  # the working tree, uncommitted edits included


def main() -> None:
    commands = {"build": build, "test": test, "gate": gate}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(f"usage: python3 scripts/dev.py {{{'|'.join(commands)}}} [args...]")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
