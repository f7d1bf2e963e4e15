"""`isacs new module|requirement`: scaffold a draft module, or add a requirement to a module's front matter.

`isacs new module --series isacs --number 05.70 --title "..."` writes modules/isacs/05.70/index.en.md, a
draft that passes `isacs check` with one example requirement (r001) to replace.

`isacs new requirement --module isacs/05.30 --level shall [--actor A]... [--rrpl N]` adds the next free ID
(never one used before, tombstones included) to the English front matter, and prints the marker line
`{: #rNNN }` to put under the requirement's paragraph. Until that paragraph is written `isacs check` reports
E006 for the new ID: a reminder, by design (a placeholder paragraph could be published by mistake)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..core import schema
from ..core.diagnostics import Diagnostic
from ..core.files import write_atomically
from ..core.load_modules import FILE_NAME
from ..core.load_registries import load_actors
from ..core.scaffold import EXAMPLE_ACTOR, LEVELS, NUMBER, add_requirement, module_text, today
from ..core.sources import read_text, real_entries
from .common import add_root, print_diagnostics


def register(sub) -> None:
    parser = sub.add_parser("new", help="scaffold a new module, or add a requirement to a module")
    kinds = parser.add_subparsers(dest="kind", required=True, metavar="WHAT")

    module = kinds.add_parser(
        "module", help="create modules/<series>/<number>/index.en.md, a draft that passes `isacs check`"
    )
    add_root(module)
    module.add_argument("--series", required=True, help="isacs or iatg")
    module.add_argument("--number", required=True, help='module number, e.g. "05.70"')
    module.add_argument("--title", required=True, help="English title")
    module.set_defaults(func=run_module)

    req = kinds.add_parser(
        "requirement",
        help="add the next free requirement ID to a module's English front matter and print its marker line",
    )
    add_root(req)
    req.add_argument("--module", required=True, help="module ID, e.g. isacs/05.30")
    req.add_argument("--level", required=True, choices=LEVELS, help="shall, should or may")
    req.add_argument(
        "--actor", action="append", default=[], help="actor addressed (key of glossary/actors.yaml); repeat for several"
    )
    req.add_argument(
        "--rrpl", type=int, choices=(1, 2, 3), help="IATG risk-reduction process level (IATG only; required there)"
    )
    req.set_defaults(func=run_requirement)


def _refuse(message: str) -> int:
    print(f"isacs new: {message}", file=sys.stderr)
    return 2


def _actors(root: Path) -> dict | None:
    """Actor keys of glossary/actors.yaml, or None when the file is missing or broken (`isacs check` says why)."""
    root = root.resolve()
    path = root / "glossary" / "actors.yaml"
    if not path.is_file():
        return None
    problems: list[Diagnostic] = []
    actors = load_actors(path, root, problems)
    return actors or None


def run_module(args) -> int:
    series_known = schema.schema("module")["properties"]["series"]["enum"]
    if args.series not in series_known:
        return _refuse(f"unknown series '{args.series}' (expected one of {', '.join(series_known)})")
    if not NUMBER.match(args.number):
        return _refuse(f"invalid module number '{args.number}': two digits, a dot, two digits (e.g. 05.70)")
    title = " ".join(args.title.split())
    if not title:
        return _refuse("the title is empty")
    if not (args.root / "modules").is_dir():
        return _refuse(f"{args.root}: no modules/ folder (use --root to point at the repository)")
    folder = args.root / "modules" / args.series / args.number
    if folder.exists():
        return _refuse(f"module {args.series}/{args.number} already exists ({folder})")
    actors = _actors(args.root)
    actor = EXAMPLE_ACTOR if actors is None or EXAMPLE_ACTOR in actors else next(iter(actors))
    folder.mkdir(parents=True)
    path = folder / "index.en.md"
    write_atomically(path, module_text(args.series, args.number, title, today(), actor))
    print(f"created {path}")
    print("  a draft with a Foreword, a Scope and one example requirement (r001) to replace;")
    print(
        f"  add requirements with `isacs new requirement --module {args.series}/{args.number} --level shall|should|may`"
    )
    return 0


def run_requirement(args) -> int:
    module_id = args.module.strip().strip("/")
    parts = module_id.split("/")
    if len(parts) != 2 or not NUMBER.match(parts[1]):
        return _refuse(f"invalid module ID '{args.module}' (expected <series>/<number>, e.g. isacs/05.30)")
    series, number = parts
    folder = args.root / "modules" / series / number
    path = folder / "index.en.md"
    if not path.is_file() or path.is_symlink():
        return _refuse(f"no module {module_id} (no file {path})")
    if series == "iatg" and args.rrpl is None:
        return _refuse("IATG requirements need --rrpl 1, 2 or 3")
    if series != "iatg" and args.rrpl is not None:
        return _refuse("--rrpl applies to IATG modules only")
    actors = _actors(args.root)
    unknown = [a for a in args.actor if actors is not None and a not in actors]
    if unknown:
        return _refuse(f"unknown actor(s) {', '.join(unknown)} (see glossary/actors.yaml)")
    if len(set(args.actor)) != len(args.actor):
        return _refuse("the same --actor is given twice")

    root = args.root.resolve()
    display = path.resolve().relative_to(root).as_posix()
    problems: list[Diagnostic] = []
    text = read_text(path, display, problems)
    others, languages = [], []
    for other in real_entries(folder):  # markers in translations count as used IDs too
        match = FILE_NAME.match(other.name)
        if other != path and match and other.is_file():
            languages.append(match.group(1))
            try:
                others.append(other.read_text("utf-8", errors="replace"))
            except OSError:
                pass
    added = add_requirement(text, display, args.level, args.actor, args.rrpl, others, problems) if text else None
    if added is None:
        print_diagnostics(problems, sys.stdout)
        print(f"isacs new: {display}: the front matter cannot be read; fix it first (`isacs check`)", file=sys.stderr)
        return 1
    write_atomically(path, added.text)
    who = f", actors: {', '.join(args.actor)}" if args.actor else ", no actor yet (add `actors:`)"
    print(f"{display}: added {added.id} ({args.level}{who}) to the front matter")
    print(
        f"Write its English text as one paragraph in the clause where it belongs, using the verbal form "
        f"'{args.level}', and end the paragraph with this line:"
    )
    print(f"{{: #{added.id} }}")
    print(f"Until then `isacs check` reports E006 for {added.id}.")
    if languages:
        print(
            f"Then each translation ({', '.join(sorted(languages))}) needs the paragraph too, with the same marker "
            "(E008 until it has it); `isacs stamp` it once translated."
        )
    return 0
