"""Options and helpers shared by sub-commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.diagnostics import Diagnostic, has_errors
from ..core.files import write_atomically
from ..core.model import Corpus
from ..core.validate import check_repository


def add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root", default=".", type=Path, help="repository holding modules/ and glossary/ (default: current folder)"
    )


def add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")


def load_or_report(root: Path, stream=None) -> Corpus | None:
    """The validated corpus, or None after printing its errors (commands refuse to export broken sources)."""
    stream = stream or sys.stderr  # resolved per call: sys.stderr may be replaced (pytest capture)
    corpus, problems = check_repository(root)
    if has_errors(problems):
        print_diagnostics(problems, stream)
        print(f"isacs: {root}: the sources have errors; run `isacs check` and fix them first", file=stream)
        return None
    return corpus


def print_diagnostics(problems: list[Diagnostic], stream=None, github: bool = False) -> None:
    stream = stream or sys.stdout
    for problem in problems:
        print(problem.github_annotation() if github else problem.format(), file=stream)


def write_output(text: str, output: Path | None) -> None:
    """Write to a file atomically, or to stdout when no file is given."""
    if output is None:
        sys.stdout.write(text)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(output, text)
