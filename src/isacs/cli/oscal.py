"""`isacs oscal`: an OSCAL catalog (JSON) of one series; groups = modules/clauses, controls = requirements."""

from __future__ import annotations

from ..core.languages import LANGUAGES, SOURCE_LANGUAGE
from ..core.model import SERIES
from ..xref import oscal
from .common import add_output, add_root, load_or_report, write_output


def register(sub) -> None:
    parser = sub.add_parser("oscal", help="OSCAL catalog (JSON) of one series")
    add_root(parser)
    parser.add_argument("--series", choices=SERIES, default="isacs")
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=SOURCE_LANGUAGE,
        help="language of titles and statements (English where not translated)",
    )
    add_output(parser)
    parser.set_defaults(func=run)


def run(args) -> int:
    corpus = load_or_report(args.root)
    if corpus is None:
        return 1
    write_output(oscal.to_json(corpus, args.series, args.lang), args.output)
    return 0
