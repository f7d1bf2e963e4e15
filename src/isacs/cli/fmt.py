"""`isacs fmt [--check] [PATH...]`: rewrite module front matter and glossary YAML in the canonical form.

The canonical form is described in `isacs.core.fmt`. Without PATH: every module file under modules/ and every
YAML file under glossary/ of --root. A file that cannot be read or parsed is reported with the line `isacs check`
prints for it and left untouched (exit 1); files are rewritten atomically, and only when they change."""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.files import write_atomically
from ..core.fmt import format_file
from ..core.load_modules import FILE_NAME
from ..core.sources import real_entries
from .common import add_root, print_diagnostics

YAML_SUFFIXES = (".yaml", ".yml")


def register(sub) -> None:
    parser = sub.add_parser("fmt", help="put module front matter and glossary YAML in the canonical form")
    add_root(parser)
    parser.add_argument(
        "--check", action="store_true", help="change nothing; list the files that would be reformatted (exit 1 if any)"
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders (default: modules/ and glossary/ under --root)",
    )
    parser.set_defaults(func=run)


def _walk(folder: Path, yaml_only: bool) -> list[Path]:
    out = []
    for path in real_entries(folder):  # symbolic links are never followed (`isacs check` reports them)
        if path.is_dir():
            out += _walk(path, yaml_only)
        elif path.suffix in YAML_SUFFIXES or (not yaml_only and FILE_NAME.match(path.name)):
            out.append(path)
    return out


def collect(paths: list[Path], root: Path) -> tuple[list[Path], list[str]]:
    """(files to format, sorted and unique; error messages for paths that are not sources)."""
    files: list[Path] = []
    errors: list[str] = []
    if not paths:
        for name, yaml_only in (("modules", False), ("glossary", True)):
            if (root / name).is_dir() and not (root / name).is_symlink():
                files += [p for p in _walk(root / name, yaml_only) if p.suffix == ".md" or name == "glossary"]
        if not files:
            errors.append(f"isacs: {root}: no modules/ or glossary/ folder to format")
    for path in paths:
        if path.is_symlink():
            errors.append(f"isacs: {path}: is a symbolic link; not formatted")
        elif path.is_dir():
            files += _walk(path, yaml_only=False)
        elif not path.exists():
            errors.append(f"isacs: {path}: no such file or folder")
        elif path.suffix == ".md" or path.suffix in YAML_SUFFIXES:
            files.append(path)
        else:
            errors.append(f"isacs: {path}: not a module Markdown file or a YAML file")
    seen, unique = set(), []
    for path in files:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique, errors


def display(path: Path, root: Path) -> str:
    """The path as `isacs check` prints it (relative to --root) when it is under --root, else as given."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def run(args) -> int:
    files, errors = collect(list(args.paths), args.root)
    if errors:
        for message in errors:
            print(message, file=sys.stderr)
        return 2
    failed = 0
    changed: list[str] = []
    for path in files:
        name = display(path, args.root)
        result = format_file(path, name)
        if result.problems:
            print_diagnostics(list(result.problems), sys.stdout)
        if result.text is None:
            failed += 1
            continue
        if not result.changed:
            continue
        changed.append(name)
        if args.check:
            print(f"{name}: would be reformatted")
        else:
            write_atomically(path, result.text)
            print(f"{name}: reformatted")
    verb = "would be reformatted" if args.check else "reformatted"
    summary = f"{len(files)} file(s) checked, {len(changed)} {verb}"
    if failed:
        summary += f", {failed} with errors left untouched"
    print(summary, file=sys.stderr)
    return 1 if failed or (args.check and changed) else 0
