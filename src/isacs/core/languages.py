"""The six UN languages; English is the source language of every module."""

from __future__ import annotations

SOURCE_LANGUAGE = "en"
# Order used everywhere a list of languages is shown (the UN's alphabetical order in English).
LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "ar", "ru", "zh")
RTL_LANGUAGES = frozenset({"ar"})

LANGUAGE_NAMES = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "ar": "العربية",
    "ru": "Русский",
    "zh": "中文",
}


def is_rtl(lang: str) -> bool:
    return lang in RTL_LANGUAGES
