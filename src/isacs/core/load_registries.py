"""Loading the glossary concepts and the actor and instrument vocabularies."""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

from . import schema, yamlio
from .diagnostics import Diagnostic, Location, excerpt
from .model import Actor, Concept, Instrument, Provision, Term
from .sources import is_linked, read_text, real_entries


def _load_yaml_file(path: Path, display: str, schema_name: str, problems: list[Diagnostic]):
    text = read_text(path, display, problems)
    if text is None:
        return None
    data = yamlio.load_source(text, display, 0, problems)
    if data is None:
        if not any(p.location.path == display for p in problems):
            problems.append(Diagnostic(Location(display), "E002", "file holds no YAML data"))
        return None
    if not schema.check(schema_name, data, display, 0, problems):
        return None
    return data


def _line(data, *path) -> int:
    pos = yamlio.position(data, path)
    return pos[0] + 1 if pos else 1


def load_concepts(folder: Path, root: Path, problems: list[Diagnostic]) -> dict[str, Concept]:
    concepts: dict[str, Concept] = {}
    if is_linked(folder, root) or not folder.is_dir():  # a link is reported (E021), never followed
        return concepts
    for path in real_entries(folder):
        if not fnmatch(path.name, "*.y*ml"):
            continue
        display = path.relative_to(root).as_posix()
        data = _load_yaml_file(path, display, "concept", problems)
        if data is None:
            continue
        cid = str(data["id"])
        where = Location(display, _line(data, "id"), 1)
        if cid in concepts:
            problems.append(
                Diagnostic(
                    where, "E005", f"duplicate concept id '{excerpt(cid)}' (also in {concepts[cid].location.path})"
                )
            )
            continue
        if cid != path.stem:
            problems.append(
                Diagnostic(where, "E013", f"concept id '{excerpt(cid)}' differs from file name '{excerpt(path.stem)}'")
            )
            continue  # which of the two is meant is unknown: the loader declares the file name's ID, unread
        terms = {}
        for lang, entry in data["languages"].items():
            terms[str(lang)] = Term(
                lang=str(lang),
                designations=tuple(str(d) for d in entry["designations"]),
                definition=str(entry["definition"]).strip(),
                notes=tuple(str(n).strip() for n in entry.get("notes") or ()),
                abbreviation=str(entry["abbreviation"]) if entry.get("abbreviation") else None,
            )
        source = data.get("source")
        concepts[cid] = Concept(
            id=cid,
            source=str(source) if source else None,
            terms=terms,
            location=where,
            field_lines={str(key): _line(data, key) for key in data},
        )
    return dict(sorted(concepts.items()))


def load_actors(path: Path, root: Path, problems: list[Diagnostic]) -> dict[str, Actor]:
    display = path.relative_to(root).as_posix()
    if is_linked(path, root) or not path.exists():  # a link is reported (E021), never followed
        return {}
    data = _load_yaml_file(path, display, "actors", problems)
    if data is None:
        return {}
    return {
        str(key): Actor(
            id=str(key),
            labels={str(k): str(v) for k, v in labels.items()},
            location=Location(display, _line(data, key), 1),
        )
        for key, labels in data.items()
    }


def load_instruments(path: Path, root: Path, problems: list[Diagnostic]) -> dict[str, Instrument]:
    display = path.relative_to(root).as_posix()
    if is_linked(path, root) or not path.exists():  # a link is reported (E021), never followed
        return {}
    data = _load_yaml_file(path, display, "instruments", problems)
    if data is None:
        return {}
    instruments = {}
    for abbr, entry in data.items():
        provisions = {
            str(label): Provision(label=str(label), topic=str(p["topic"])) for label, p in entry["provisions"].items()
        }
        instruments[str(abbr)] = Instrument(
            abbreviation=str(abbr),
            titles={str(k): str(v) for k, v in entry["title"].items()},
            year=int(entry["year"]) if entry.get("year") else None,
            provisions=provisions,
            location=Location(display, _line(data, abbr), 1),
        )
    return instruments
