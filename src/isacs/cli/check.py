"""`isacs check`: validate every source file; GCC-style diagnostics, exit 1 on any error."""
from __future__ import annotations

import os
import sys

from ..core.diagnostics import Severity, has_errors
from ..core.validate import check_repository
from .common import add_root, print_diagnostics


def register(sub) -> None:
    parser = sub.add_parser("check", help="validate modules, translations, glossary and registries")
    add_root(parser)
    parser.add_argument("--format", choices=("gcc", "github"), default=None,
                        help="gcc (default) or github (workflow annotations; default when GITHUB_ACTIONS=true)")
    parser.set_defaults(func=run)


def run(args) -> int:
    if not args.root.is_dir():
        print(f"isacs: {args.root}: no such folder", file=sys.stderr)
        return 2
    corpus, problems = check_repository(args.root)
    github = (args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "gcc")) == "github"
    print_diagnostics(problems, sys.stdout, github=github)
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    requirements = sum(len(m.requirements) for m in corpus.modules.values())
    print(f"{len(corpus.modules)} modules, {requirements} requirements, {len(corpus.concepts)} concepts: "
          f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if has_errors(problems) else 0
