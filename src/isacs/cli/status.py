"""`isacs status`: the translation status matrix (module x language) in the terminal; always exit 0."""

from __future__ import annotations

import json
import sys

from ..core.languages import LANGUAGES
from ..xref import status
from .common import add_root, load_or_report

MARKS = {"complete": "ok", "stale": "stale", "missing": "-"}


def register(sub) -> None:
    parser = sub.add_parser("status", help="translation status: complete / stale / missing per module and language")
    add_root(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--lang", choices=status.TRANSLATED_LANGUAGES, action="append", help="only these languages (repeatable)"
    )
    parser.set_defaults(func=run)


def text(rows, languages) -> str:
    width = max([len("module")] + [len(row[0].module) for row in rows])
    lines = ["module".ljust(width) + "  " + "  ".join(lang.ljust(9) for lang in languages)]
    for row in rows:
        cells = [
            (MARKS[c.state] + (f" {len(c.stale_requirements)}" if c.state == "stale" else "")).ljust(9) for c in row
        ]
        lines.append(row[0].module.ljust(width) + "  " + "  ".join(cells).rstrip())
    details = []
    for row in rows:
        for c in row:
            if c.changed:
                details.append(f"{c.module} [{c.lang}] English changed: {', '.join(c.changed)}")
            if c.unstamped:
                details.append(f"{c.module} [{c.lang}] not stamped: {', '.join(c.unstamped)}")
    totals = status.summary(rows)
    lines += [""] + details + ([""] if details else [])
    lines.append(
        ", ".join(f"{n} {state}" for state, n in totals.items()) + " (ok = complete; stale N = requirements "
        "to review; - = no translation)"
    )
    return "\n".join(lines) + "\n"


def run(args) -> int:
    corpus = load_or_report(args.root)
    if corpus is None:
        return 1
    languages = tuple(lang for lang in LANGUAGES if lang in (args.lang or status.TRANSLATED_LANGUAGES))
    rows = status.matrix(corpus, languages)
    if args.format == "json":
        data = {
            "format": "isacs-status",
            "languages": list(languages),
            "totals": status.summary(rows),
            "modules": [
                {
                    "module": row[0].module,
                    "languages": {
                        c.lang: {"state": c.state, "changed": list(c.changed), "unstamped": list(c.unstamped)}
                        for c in row
                    },
                }
                for row in rows
            ],
        }
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(text(rows, languages))
    return 0
