"""What the render step makes: one file of the staged site, in one language."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GeneratedFile:
    path: str  # language-neutral path in the docs folder, e.g. "glossary/index.md"
    lang: str
    content: str | bytes

    @property
    def staged_path(self) -> str:
        """Path with the mkdocs-static-i18n suffix: glossary/index.fr.md, downloads/x.fr.xlsx."""
        stem, dot, ext = self.path.rpartition(".")
        return f"{stem}.{self.lang}.{ext}" if dot else f"{self.path}.{self.lang}"
