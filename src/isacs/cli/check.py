"""`isacs check`: validate every source file; GCC-style diagnostics, exit 1 on any error."""

from __future__ import annotations

import os
import sys

from ..core.codes import CODES, explain
from ..core.diagnostics import Severity, excerpt, has_errors
from ..core.validate import check_repository
from .common import add_root, print_diagnostics


def register(sub) -> None:
    parser = sub.add_parser("check", help="validate modules, translations, glossary and registries")
    add_root(parser)
    parser.add_argument(
        "--format",
        choices=("gcc", "github"),
        default=None,
        help="gcc (default) or github (workflow annotations; default when GITHUB_ACTIONS=true)",
    )
    parser.add_argument(
        "--explain",
        metavar="CODE",
        help="print what a code (e.g. E005) means, an example of the mistake and how to fix it",
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    if args.explain is not None:
        return _explain(args.explain)
    if not args.root.is_dir():
        print(f"isacs: {args.root}: no such folder", file=sys.stderr)
        return 2
    corpus, problems = check_repository(args.root)
    github = (args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "gcc")) == "github"
    print_diagnostics(problems, sys.stdout, github=github)
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    requirements = sum(len(m.requirements) for m in corpus.modules.values())
    unread = f" ({len(corpus.unread_modules)} not read: errors above)" if corpus.unread_modules else ""
    print(
        f"{len(corpus.modules)} modules{unread}, {requirements} requirements, {len(corpus.concepts)} concepts: "
        f"{errors} error(s), {warnings} warning(s)",
        file=sys.stderr,
    )
    seen = sorted({p.code for p in problems if p.code in CODES})
    if seen and not github:
        print(f"run `isacs check --explain CODE` for how to fix ({', '.join(seen)})", file=sys.stderr)
    return 1 if has_errors(problems) else 0


def _explain(code: str) -> int:
    text = explain(code)
    if text is None:
        first, last = min(CODES), max(c for c in CODES if c.startswith("E"))
        warnings = sorted(c for c in CODES if c.startswith("W"))
        print(
            f"isacs: unknown code '{excerpt(code.strip(), 20)}': codes are {first}–{last} (errors) and "
            f"{warnings[0]}–{warnings[-1]} (warnings)",
            file=sys.stderr,
        )
        return 2
    sys.stdout.write(text)
    return 0
