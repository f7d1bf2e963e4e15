"""`isacs diff OLD NEW`: requirement changes between two editions (folders or git revisions).

Markdown (for a pull-request comment) or JSON on standard output or -o; --json and --id-map write the
JSON report and the old->new requirement ID map as extra files, so one run feeds a CI job.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from ..core.diagnostics import Severity
from ..core.loader import load_corpus
from ..xref import diff_report
from ..xref.diff import diff
from ..xref.revisions import RevisionError, source_root
from .common import add_output, add_root, write_output


def register(sub) -> None:
    parser = sub.add_parser(
        "diff",
        help="requirement changes between two editions (folders or git revisions)",
        description="OLD and NEW are folders holding modules/ and glossary/, or git revisions "
        "of the repository at --root (e.g. HEAD~1, a tag, origin/main).",
    )
    add_root(parser)
    parser.add_argument("old", help="folder or git revision of the old edition")
    parser.add_argument("new", help="folder or git revision of the new edition")
    parser.add_argument("--format", choices=("markdown", "json"), default="markdown")
    add_output(parser)
    parser.add_argument("--json", type=Path, dest="json_file", help="also write the JSON report to this file")
    parser.add_argument("--id-map", type=Path, help="also write the old->new requirement ID map (JSON) to this file")
    parser.set_defaults(func=run)


def _load(root: Path, name: str):
    """The edition's model. Old revisions may predate today's rules (a link to a module added later):
    the diff only needs what loaded, so errors are a warning unless no module loaded at all."""
    corpus, problems = load_corpus(root)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors and not corpus.modules:
        print(f"isacs: {name}: {errors[0].format()}", file=sys.stderr)
        return None
    if errors:
        print(
            f"isacs: warning: {name}: {len(errors)} error(s) in the sources, first: {errors[0].format()}; "
            "modules that failed to load are missing from the diff",
            file=sys.stderr,
        )
    return corpus


def run(args) -> int:
    repo = args.root.resolve()
    with tempfile.TemporaryDirectory(prefix="isacs-diff-") as scratch:
        try:
            old_root = source_root(repo, args.old, Path(scratch))
            new_root = source_root(repo, args.new, Path(scratch))
        except RevisionError as exc:
            print(f"isacs: {exc}", file=sys.stderr)
            return 2
        old, new = _load(old_root, args.old), _load(new_root, args.new)
        if old is None or new is None:
            return 1
    result = diff(old, new, args.old, args.new)
    outputs = [(diff_report.to_json(result) if args.format == "json" else diff_report.to_markdown(result), args.output)]
    if args.json_file:
        outputs.append((diff_report.to_json(result), args.json_file))
    if args.id_map:
        outputs.append((diff_report.id_map_json(result), args.id_map))
    for text, path in outputs:  # everything rendered before anything is written
        write_output(text, path)
    return 0
