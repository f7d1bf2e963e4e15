"""Where each generated page lives in the staging docs folder, and relative links between them.

Paths are language-neutral (`glossary/index.md`); the staging writer adds the `.<lang>` suffix that
mkdocs-static-i18n expects, and the i18n plugin resolves a neutral link to the reader's language.
"""

from __future__ import annotations

import posixpath

HOME = "index.md"
MODULE_INDEX = "modules/index.md"
GLOSSARY = "glossary/index.md"


def module_page(module_id: str) -> str:
    return f"{module_id}/index.md"  # isacs/05.30/index.md -> URL isacs/05.30/


def relative(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """Markdown link target from one page's source file to another's (mkdocs checks these in strict mode)."""
    path = relpath(to_page, posixpath.dirname(from_page))
    return f"{path}#{anchor}" if anchor else path


def relpath(target: str, start: str) -> str:
    """posixpath.relpath for site paths (relative, no ".."), without its getcwd() per call: the site
    makes tens of thousands of links, and getcwd was a tenth of rendering them."""
    to, base = _segments(target), _segments(start)
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def _segments(path: str) -> list[str]:
    return [part for part in path.split("/") if part not in ("", ".")]
