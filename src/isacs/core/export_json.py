"""The whole model as JSON: a stable, documented shape (schemas/export.schema.json), sorted and
deterministic so two exports of the same sources are byte-identical."""

from __future__ import annotations

import json
from typing import Any

from .model import Clause, Corpus, Module, Requirement

FORMAT_VERSION = 1


def _clause(clause: Clause) -> dict[str, Any]:
    return {
        "number": clause.number,
        "anchor": clause.anchor,
        "kind": clause.kind,
        "titles": dict(clause.titles),
        "requirements": list(clause.requirement_ids),
        "clauses": [_clause(c) for c in clause.children],
    }


def requirement_dict(req: Requirement, languages=None) -> dict[str, Any]:
    texts = {
        lang: {"markdown": t.markdown, "text": t.plain, "digest": t.digest}
        for lang, t in req.texts.items()
        if languages is None or lang in languages
    }
    return {
        "id": req.id,
        "key": req.key,
        "module": req.module,
        "clause": req.clause,
        "level": req.level,
        "actors": list(req.actors),
        "refs": [{"instrument": r.instrument, "provision": r.provision, "label": r.label} for r in req.refs],
        "rrpl": req.rrpl,
        "withdrawn": req.withdrawn,
        "replaced_by": req.replaced_by,
        "texts": texts,
    }


def module_dict(module: Module, languages=None) -> dict[str, Any]:
    keep = (lambda lang: True) if languages is None else (lambda lang: lang in languages)
    return {
        "id": module.id,
        "series": module.series,
        "number": module.number,
        "label": module.label,
        "titles": {lang: t for lang, t in module.titles().items() if keep(lang)},
        "edition": module.edition,
        "version": module.version,
        "date": module.date.isoformat() if module.date else None,
        "status": module.status,
        "related": list(module.related),
        "instruments": list(module.instruments),
        "languages": list(module.languages),
        "clauses": [_clause(c) for c in module.clauses],
        "requirements": [requirement_dict(r, languages) for r in module.requirements],
    }


def corpus_dict(corpus: Corpus, languages=None) -> dict[str, Any]:
    """`languages` restricts every per-language field (the site publishes one file per language)."""
    keep = (lambda lang: True) if languages is None else (lambda lang: lang in languages)
    return {
        "format": "isacs-model",
        "format_version": FORMAT_VERSION,
        "languages": [lang for lang in corpus.languages if keep(lang)],
        "modules": [module_dict(m, languages) for m in corpus.modules.values()],
        "concepts": [
            {
                "id": c.id,
                "source": c.source,
                "terms": {
                    lang: {
                        "designations": list(t.designations),
                        "abbreviation": t.abbreviation,
                        "definition": t.definition,
                        "notes": list(t.notes),
                    }
                    for lang, t in c.terms.items()
                    if keep(lang)
                },
            }
            for c in corpus.concepts.values()
        ],
        "instruments": [
            {
                "abbreviation": i.abbreviation,
                "year": i.year,
                "titles": {lang: t for lang, t in i.titles.items() if keep(lang)},
                "provisions": [{"label": p.label, "topic": p.topic} for p in i.provisions.values()],
            }
            for i in corpus.instruments.values()
        ],
        "actors": [
            {"id": a.id, "labels": {lang: t for lang, t in a.labels.items() if keep(lang)}}
            for a in corpus.actors.values()
        ],
    }


def json_text(data, compact: bool = False) -> str:
    """JSON text of every export: indented for people (CLI), or `compact` for the site's downloads
    (smaller, and json's C encoder, which does not indent, makes it several times faster)."""
    if compact:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_json(corpus: Corpus, languages=None, compact: bool = False) -> str:
    return json_text(corpus_dict(corpus, languages), compact)
