"""Record in a translation which English wording it translates (requirement ID -> English digest).

The front matter is edited through ruamel.yaml's round-trip mode so the translator's formatting and
comments stay; the file is replaced atomically so an interrupted run never leaves half a file.
"""

from __future__ import annotations

from ruamel.yaml.comments import CommentedMap

from . import yamlio
from .markdown_source import split_front_matter
from .model import Module


def stamp_text(text: str, module: Module, lang: str) -> str:
    split = split_front_matter(text)
    meta = yamlio.load(split.front_matter or "", "", 0, [], roundtrip=True) if split.front_matter else None
    if not isinstance(meta, dict):
        raise ValueError("translation has no front matter to stamp")
    digests = CommentedMap()
    translated = set(module.translations[lang].requirement_ids) if lang in module.translations else set()
    for req in module.requirements:
        if "en" in req.texts and req.id in translated:
            digests[req.id] = req.texts["en"].digest
    meta["translation_of"] = digests
    return "---\n" + yamlio.dump(meta) + "---\n" + split.body
