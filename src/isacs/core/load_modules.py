"""Loading one module folder: the English source (metadata + text) and its translations (text only)."""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from . import schema, yamlio
from .clauses import NumberedHeading, build_tree, number_headings, same_shape
from .diagnostics import Diagnostic, Location, excerpt
from .languages import LANGUAGES, SOURCE_LANGUAGE
from .markdown_parse import ScannedBody, scan_body
from .markdown_source import digest, split_front_matter, unsplit_problem
from .model import InstrumentRef, Module, Requirement, RequirementText, Translation
from .parse_cache import ParseCache
from .sources import read_text, real_entries

FILE_NAME = re.compile(r"^index\.([A-Za-z_-]+)\.md$")
ENGLISH_ONLY_KEYS = frozenset(schema.schema("module")["properties"]) - {"title"}


@dataclass
class _Parsed:
    """A language file read and scanned, before it is combined with the others."""

    lang: str
    display: str
    meta: object  # ruamel mapping
    fm_line: int
    body: str
    body_line: int
    scanned: ScannedBody
    numbered: list[NumberedHeading]


def language_files(folder: Path, root: Path, problems: list[Diagnostic]) -> dict[str, Path]:
    files: dict[str, Path] = {}
    for path in real_entries(folder):  # symbolic links are left out: `sources.report_links` reports them (E021)
        if path.suffix != ".md":
            continue
        match = FILE_NAME.match(path.name)
        display = path.relative_to(root).as_posix()
        if not match:
            problems.append(
                Diagnostic(Location(display), "E019", "module text files are named index.<lang>.md (e.g. index.fr.md)")
            )
        elif match.group(1) not in LANGUAGES:
            problems.append(
                Diagnostic(
                    Location(display),
                    "E019",
                    f"unknown language '{excerpt(match.group(1))}' (expected one of {', '.join(LANGUAGES)})",
                )
            )
        else:
            files[match.group(1)] = path
    return files


def _parse(
    path: Path, lang: str, root: Path, problems: list[Diagnostic], cache: ParseCache | None = None
) -> _Parsed | None:
    display = path.relative_to(root).as_posix()
    text = read_text(path, display, problems)
    if text is None:
        return None
    split = split_front_matter(text)
    if (problem := unsplit_problem(text, split, display)) is not None:
        problems.append(problem)
        return None
    meta = yamlio.load_source(split.front_matter, display, split.fm_line - 1, problems)
    if meta is None:
        if not any(p.location.path == display for p in problems):
            problems.append(Diagnostic(Location(display, split.fm_line), "E004", "front matter is empty"))
        return None
    if not isinstance(meta, dict):
        problems.append(Diagnostic(Location(display, split.fm_line), "E004", "front matter must be a YAML mapping"))
        return None
    if lang == SOURCE_LANGUAGE:
        valid = schema.check("module", meta, display, split.fm_line - 1, problems)
    else:
        for key in meta:
            if key in ENGLISH_ONLY_KEYS:
                pos = yamlio.position(meta, (key,))
                problems.append(
                    Diagnostic(
                        Location(display, pos[0] + split.fm_line, 1),
                        "E015",
                        f"`{key}` is module metadata: it belongs in index.en.md only",
                    )
                )
        valid = schema.check("translation", meta, display, split.fm_line - 1, problems, ignore=ENGLISH_ONLY_KEYS)
    if not valid:
        return None
    scanned = scan_body(split.body, display, split.body_line, problems, cache)
    numbered = number_headings(scanned.headings, display, problems)
    return _Parsed(lang, display, meta, split.fm_line, split.body, split.body_line, scanned, numbered)


def _meta_line(parsed: _Parsed, *path) -> int:
    pos = yamlio.position(parsed.meta, path)
    return (pos[0] + parsed.fm_line) if pos else parsed.fm_line


def _check_ids(parsed: _Parsed, problems: list[Diagnostic]) -> dict[str, object]:
    """Requirement blocks by ID; a second block with the same ID is reported and ignored."""
    blocks = {}
    for block in parsed.scanned.requirements:
        if block.id in blocks:
            problems.append(
                Diagnostic(
                    block.location,
                    "E005",
                    f"duplicate requirement ID {excerpt(block.id)} (first at line {blocks[block.id].location.line})",
                )
            )
        else:
            blocks[block.id] = block
    return blocks


def _positions(parsed: _Parsed, blocks) -> dict[str, int]:
    """Requirement ID -> index (into parsed.numbered) of the clause its paragraph sits in; -1 before any."""
    index_of = {id(nh.heading): i for i, nh in enumerate(parsed.numbered)}
    headings = parsed.scanned.headings
    out = {}
    for rid, block in blocks.items():
        h = block.heading_index
        while h >= 0 and id(headings[h]) not in index_of:  # skip headings numbering rejected (level 1)
            h -= 1
        out[rid] = index_of[id(headings[h])] if h >= 0 else -1
    return out


def load_module(folder: Path, root: Path, problems: list[Diagnostic], cache: ParseCache | None = None) -> Module | None:
    files = language_files(folder, root, problems)
    folder_display = folder.relative_to(root).as_posix()
    if SOURCE_LANGUAGE not in files:
        # A linked index.en.md is left out of `files` and already reported (E021): one error, not two.
        if files and not os.path.islink(folder / f"index.{SOURCE_LANGUAGE}.md"):
            problems.append(
                Diagnostic(
                    Location(files[next(iter(files))].relative_to(root).as_posix()),
                    "E020",
                    f"module {folder_display} has no English source file index.en.md",
                )
            )
        return None
    en = _parse(files[SOURCE_LANGUAGE], SOURCE_LANGUAGE, root, problems, cache)
    if en is None:
        # The English file's own errors are reported. The module still exists (the loader declares it from its
        # folder); its translations are read for their own problems, but not compared with an English text
        # that could not be read (no E008/E009/W102 against an unknown tree).
        for lang in LANGUAGES:
            if lang != SOURCE_LANGUAGE and lang in files:
                parsed = _parse(files[lang], lang, root, problems, cache)
                if parsed is not None:
                    _check_ids(parsed, problems)
        return None
    meta = en.meta
    module_id = f"{meta['series']}/{meta['number']}"
    expected = folder.relative_to(root / "modules").as_posix() if (root / "modules") in folder.parents else None
    if expected and expected != module_id:
        wrong = "series" if expected.split("/")[0] != str(meta["series"]) else "number"
        problems.append(
            Diagnostic(
                Location(en.display, _meta_line(en, wrong)),
                "E013",
                f"front matter says {module_id} but the folder is modules/{expected}",
            )
        )

    en_blocks = _check_ids(en, problems)
    en_position = _positions(en, en_blocks)
    req_meta = meta.get("requirements") or {}
    for rid, block in en_blocks.items():
        entry = req_meta.get(rid)
        if entry is None:
            problems.append(
                Diagnostic(
                    block.location,
                    "E007",
                    f"requirement {excerpt(rid)} has text but no entry under `requirements:` in the front matter",
                )
            )
        elif entry.get("withdrawn") is not None:
            problems.append(
                Diagnostic(
                    block.location,
                    "E007",
                    f"requirement {excerpt(rid)} is withdrawn (a tombstone) but still has text; remove the "
                    "paragraph or the `withdrawn` key",
                )
            )

    parsed_translations: dict[str, _Parsed] = {SOURCE_LANGUAGE: en}
    translation_blocks: dict[str, dict] = {SOURCE_LANGUAGE: en_blocks}
    for lang in LANGUAGES:
        if lang == SOURCE_LANGUAGE or lang not in files:
            continue
        parsed = _parse(files[lang], lang, root, problems, cache)
        if parsed is None:
            continue
        blocks = _check_ids(parsed, problems)
        for rid, block in blocks.items():
            if rid not in en_blocks:
                problems.append(
                    Diagnostic(
                        block.location, "E009", f"requirement {excerpt(rid)} is not in the English text ({en.display})"
                    )
                )
        last_line = parsed.body_line + parsed.body.count("\n")
        for rid in en_blocks:
            if rid not in blocks:
                problems.append(
                    Diagnostic(
                        Location(parsed.display, _nearest_line(parsed, en_position, rid, last_line)),
                        "E008",
                        f"requirement {excerpt(rid)} of the English text is missing in this translation",
                    )
                )
        where = same_shape(en.numbered, parsed.numbered)
        if where is not None:
            problems.append(
                Diagnostic(
                    where,
                    "W102",
                    "clause tree differs from the English text (headings must match in number, level and kind)",
                )
            )
        parsed_translations[lang] = parsed
        translation_blocks[lang] = blocks

    requirements = []
    for rid, entry in req_meta.items():
        location = Location(en.display, _meta_line(en, "requirements", rid), 3)
        texts = {}
        for lang, blocks in translation_blocks.items():
            block = blocks.get(rid)
            if block is not None:
                texts[lang] = RequirementText(
                    lang, block.markdown, block.plain, digest(block.markdown), block.location, block.reading
                )
        tombstone = entry.get("withdrawn") is not None
        if not tombstone and SOURCE_LANGUAGE not in texts:
            problems.append(
                Diagnostic(
                    location,
                    "E006",
                    f"requirement {excerpt(rid)} has metadata but no text in {en.display} "
                    f"(add a paragraph ending with {{: #{excerpt(rid)} }})",
                )
            )
        refs = []
        for ref in entry.get("refs") or ():
            instrument, _, provision = str(ref).partition(" ")
            refs.append(InstrumentRef(instrument, provision))
        requirements.append(
            Requirement(
                id=str(rid),
                module=module_id,
                level=str(entry["level"]) if entry.get("level") else None,
                actors=tuple(str(a) for a in entry.get("actors") or ()),
                refs=tuple(refs),
                rrpl=int(entry["rrpl"]) if entry.get("rrpl") is not None else None,
                clause=_number(en, en_position[rid]) if rid in en_position else None,
                texts=texts,
                location=location,
                withdrawn=str(entry["withdrawn"]) if tombstone else None,
                replaced_by=str(entry["replaced_by"]) if entry.get("replaced_by") else None,
            )
        )

    translations = {}
    for lang, parsed in parsed_translations.items():
        translations[lang] = Translation(
            lang=lang,
            path=parsed.display,
            title=str(parsed.meta["title"]),
            body=parsed.body,
            body_line=parsed.body_line,
            headings=tuple(nh.heading for nh in parsed.numbered),
            requirement_ids=tuple(translation_blocks[lang]),
            links=parsed.scanned.links,
            prose=parsed.scanned.prose,
            translation_of={str(k): str(v) for k, v in (parsed.meta.get("translation_of") or {}).items()},
        )

    titles_by_lang = {
        lang: [nh.heading.title for nh in parsed.numbered] for lang, parsed in parsed_translations.items()
    }
    by_heading: dict[int, list[str]] = {}
    for rid, position in en_position.items():
        by_heading.setdefault(position, []).append(rid)
    clauses = build_tree(en.numbered, titles_by_lang, by_heading)

    date = meta.get("date")
    return Module(
        id=module_id,
        series=str(meta["series"]),
        number=str(meta["number"]),
        title=str(meta["title"]),
        edition=str(meta["edition"]),
        version=str(meta["version"]),
        date=date if isinstance(date, _dt.date) else None,
        status=str(meta["status"]),
        related=tuple(str(r) for r in meta.get("related") or ()),
        instruments=tuple(str(i) for i in meta.get("instruments") or ()),
        requirements=tuple(requirements),
        clauses=clauses,
        translations=translations,
        folder=folder_display,
        field_lines={str(key): _meta_line(en, key) for key in meta},
    )


def _number(parsed: _Parsed, position: int) -> str:
    return parsed.numbered[position].number if position >= 0 else ""


def _nearest_line(parsed: _Parsed, en_position: dict[str, int], rid: str, fallback: int) -> int:
    """Where a missing requirement would go: the translation's heading matching the English clause."""
    position = en_position.get(rid, -1)
    if 0 <= position < len(parsed.numbered):
        return parsed.numbered[position].heading.location.line
    return fallback
