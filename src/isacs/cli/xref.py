"""`isacs xref`: the cross-reference tables (provisions, requirements, modules, concepts, counts, status)."""

from __future__ import annotations

import sys

from ..core.languages import LANGUAGES, SOURCE_LANGUAGE
from ..xref import flat
from .common import add_output, add_root, load_or_report, write_output

FORMATS = {"markdown": flat.to_markdown, "csv": flat.to_csv, "json": flat.to_json}


def register(sub) -> None:
    parser = sub.add_parser("xref", help="cross-reference tables (instrument provisions, modules, concepts, counts)")
    add_root(parser)
    parser.add_argument(
        "table",
        choices=tuple(flat.TABLES),
        nargs="?",
        default="provisions",
        help="provisions (provision -> requirements, gaps), requirements (the reverse), modules "
        "(references between modules), concepts, counts, status (default: provisions)",
    )
    parser.add_argument("--format", choices=tuple(FORMATS), default="markdown")
    parser.add_argument("--lang", choices=LANGUAGES, default=SOURCE_LANGUAGE, help="language of headers and terms")
    parser.add_argument("--gaps", action="store_true", help="provisions table: only provisions no requirement cites")
    add_output(parser)
    parser.set_defaults(func=run)


def run(args) -> int:
    corpus = load_or_report(args.root)
    if corpus is None:
        return 1
    table = flat.TABLES[args.table](corpus, args.lang)
    if args.gaps:
        if "gap" not in table.columns:
            print(f"isacs: --gaps applies to the provisions table, not '{args.table}'", file=sys.stderr)
            return 2
        gap = table.columns.index("gap")
        table = flat.FlatTable(table.name, table.columns, tuple(r for r in table.rows if r[gap]))
    write_output(FORMATS[args.format](table, args.lang), args.output)
    return 0
