"""`isacs stamp FILE...`: record the English digests a translation is up to date with."""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.files import write_atomically
from ..core.load_modules import FILE_NAME
from ..core.stamp import stamp_text
from .common import add_root, load_or_report


def register(sub) -> None:
    parser = sub.add_parser("stamp", help="mark translations as translating the current English text")
    add_root(parser)
    parser.add_argument("files", nargs="+", type=Path, help="translation files, e.g. modules/isacs/05.30/index.fr.md")
    parser.set_defaults(func=run)


def run(args) -> int:
    corpus = load_or_report(args.root)
    if corpus is None:
        return 1
    root = args.root.resolve()
    by_folder = {m.folder: m for m in corpus.modules.values()}
    plans = []
    for path in args.files:
        match = FILE_NAME.match(path.name)
        try:
            folder = path.resolve().parent.relative_to(root).as_posix()
        except ValueError:
            folder = None
        module = by_folder.get(folder)
        if not match or match.group(1) == "en" or module is None or not path.exists():
            print(f"isacs: {path}: not a translation file of a module under {root}", file=sys.stderr)
            return 2
        plans.append((path, module, match.group(1)))
    for path, module, lang in plans:  # all checked before any file is written
        write_atomically(path, stamp_text(path.read_text("utf-8"), module, lang))
        print(f"stamped {path}")
    return 0
