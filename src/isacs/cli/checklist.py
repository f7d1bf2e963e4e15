"""`isacs checklist`: requirements pulled from the model into an XLSX, CSV, JSON or PDF checklist.

    isacs checklist --module isacs/05.30 --lang fr -o 05.30-fr.xlsx
    isacs checklist --series iatg --level shall --rrpl 1 --format pdf -o iatg-shall.pdf
    isacs checklist --level shall --actor manufacturer --format csv          (CSV/JSON may go to stdout)

Bad filters (unknown module, actor, language ...) exit 2 with one line and write nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..checklists.chromium import PdfEngineError
from ..checklists.filters import FilterError, Filters
from ..checklists.formats import FORMATS, render
from ..checklists.rows import build_checklist
from ..checklists.stamp import make_stamp
from ..core.files import write_atomically
from .common import add_root, load_or_report

USAGE_ERROR = 2
TEXT_FORMATS = ("csv", "json")


def register(sub) -> None:
    parser = sub.add_parser(
        "checklist",
        help="write a checklist (XLSX, CSV, JSON or PDF) from the requirements",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_root(parser)
    parser.add_argument(
        "--module",
        action="append",
        default=[],
        metavar="ID",
        help="module ID, e.g. isacs/05.30 (repeatable; default: every module)",
    )
    parser.add_argument("--series", action="append", default=[], metavar="SERIES", help="isacs or iatg (repeatable)")
    parser.add_argument("--lang", default="en", help="language of the checklist (default: en)")
    parser.add_argument(
        "--level", action="append", default=[], metavar="FORM", help="verbal form: shall, should or may (repeatable)"
    )
    parser.add_argument(
        "--actor",
        action="append",
        default=[],
        metavar="ACTOR",
        help="actor ID from glossary/actors.yaml (repeatable; any of them matches)",
    )
    parser.add_argument(
        "--rrpl", action="append", default=[], metavar="N", help="IATG RRPL level 1, 2 or 3 (repeatable)"
    )
    parser.add_argument(
        "--format",
        dest="fmt",
        metavar="FORMAT",
        help=f"{', '.join(FORMATS)} (default: from the output file's extension)",
    )
    parser.add_argument("-o", "--output", type=Path, help="file to write (CSV and JSON: default standard output)")
    parser.set_defaults(func=run)


def _fail(message: str, code: int = USAGE_ERROR) -> int:
    print(f"isacs checklist: error: {message}", file=sys.stderr)
    return code


def _format(args) -> str:
    fmt = (args.fmt or (args.output.suffix.lstrip(".") if args.output else "")).lower()
    if not fmt:
        raise FilterError(f"give --format ({', '.join(FORMATS)}) or an output file with one of those extensions")
    if fmt not in FORMATS:
        raise FilterError(f"unknown format '{fmt}' (known: {', '.join(FORMATS)})")
    if fmt not in TEXT_FORMATS and args.output is None:
        raise FilterError(f"{fmt.upper()} is binary: give an output file with -o")
    return fmt


def _rrpl(values: list[str]) -> tuple[int, ...]:
    levels = []
    for value in values:
        if not value.strip().isdigit():
            raise FilterError(f"unknown RRPL level '{value}' (known: 1, 2, 3)")
        levels.append(int(value))
    return tuple(levels)


def _write(data: bytes, output: Path) -> None:
    """Atomically: an interrupted run never leaves half a checklist behind."""
    output.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(output, data)


def run(args) -> int:
    try:
        fmt = _format(args)
        filters = Filters(
            lang=args.lang,
            modules=tuple(args.module),
            series=tuple(args.series),
            levels=tuple(args.level),
            actors=tuple(args.actor),
            rrpl=_rrpl(args.rrpl),
        )
    except FilterError as exc:
        return _fail(str(exc))
    corpus = load_or_report(args.root)
    if corpus is None:
        return 1
    try:
        checklist = build_checklist(corpus, filters, make_stamp(args.root))
    except FilterError as exc:
        return _fail(str(exc))
    try:
        data = render(checklist, fmt)
    except PdfEngineError as exc:  # an environment problem, not a usage error: exit 1
        return _fail(str(exc), code=1)
    if args.output is None:
        sys.stdout.write(data.decode("utf-8"))  # only CSV and JSON get here: UTF-8 text
    else:
        _write(data, args.output)
        print(f"isacs checklist: wrote {args.output} ({sum(1 for _ in checklist.rows)} requirements)", file=sys.stderr)
    return 0
