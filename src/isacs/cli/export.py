"""`isacs export --format json`: the whole model (shape: isacs/schemas/export.schema.json)."""

from __future__ import annotations

from ..core.export_json import to_json
from ..core.languages import LANGUAGES
from .common import add_output, add_root, load_or_report, write_output


def register(sub) -> None:
    parser = sub.add_parser("export", help="export the whole model")
    add_root(parser)
    parser.add_argument("--format", choices=("json",), default="json")
    parser.add_argument("--lang", choices=LANGUAGES, help="only this language's texts")
    add_output(parser)
    parser.set_defaults(func=run)


def run(args) -> int:
    corpus = load_or_report(args.root)
    if corpus is None:
        return 1
    write_output(to_json(corpus, {args.lang} if args.lang else None), args.output)
    return 0
