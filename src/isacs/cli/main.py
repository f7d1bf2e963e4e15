"""`isacs` command line: one sub-command per module in this package, each with `register(subparsers)`."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

# Sub-command modules (isacs.cli.<name>); each defines register(subparsers) and sets `func` on its parser.
COMMANDS = (
    "check",
    "export",
    "stamp",
    "build-site",
    "site-shards",
    "linkcheck",
    "xref",
    "status",
    "diff",
    "oscal",
    "checklist",
    "fmt",
    "new",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="isacs", description="ISACS/IATG standards toolchain")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"isacs.cli.{name.replace('-', '_')}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: bad input must never show a traceback
        if os.environ.get("ISACS_DEBUG"):
            raise
        print(f"isacs: internal error: {type(exc).__name__}: {exc} (set ISACS_DEBUG=1 for details)", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
