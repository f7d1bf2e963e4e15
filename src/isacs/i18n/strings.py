"""Translated interface strings, one YAML file per feature in isacs/i18n/."""

from __future__ import annotations

from functools import cache
from importlib import resources

from ruamel.yaml import YAML


@cache
def _table() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    yaml = YAML(typ="safe")
    for entry in sorted(resources.files("isacs.i18n").iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".yaml"):
            for key, values in (yaml.load(entry.read_text("utf-8")) or {}).items():
                if key in table:
                    raise ValueError(f"interface string '{key}' is defined twice ({entry.name})")
                table[key] = {str(k): str(v) for k, v in values.items()}
    return table


def t(lang: str, key: str, **values) -> str:
    """The string `key` in `lang` (English if not translated), with {placeholders} filled."""
    entry = _table()[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text
