"""`term:`, `module:`, `req:` and `instrument:` links, resolved in the site's own Markdown parse.

A Python-Markdown extension: after inline parsing every link of the page is an `<a>` element, however it
was written (text wrapping over lines, reference-style `[text][ref]` with `[ref]: term:x`, in a table,
list, admonition or annex), and links in code are not links. Each one with one of these schemes gets the
relative `.md` address of its target in the page's language (the engine then turns `.md` addresses into
URLs and checks them). `isacs check` reads the links from the same parse (`isacs.core.markdown_parse`), so
what it validated is what is resolved here; a target it would have refused stops the build with the
source's file:line and is never written to a page.

Engine-independent: the adapter tells `PageLinks` which page is being rendered (`page`), and passes a
`fail` callable that turns an unresolved link into the engine's build error.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from ..core.languages import LANGUAGES
from ..core.markdown_parse import SCHEMES
from ..core.model import Corpus, InstrumentRef
from . import paths

XREF_INSTRUMENTS = "xref/instruments/index.md"


def title_attr(text: str) -> str:
    """Text for a Markdown link title in double quotes: one line, quotes and backslashes escaped."""
    return " ".join(text.split()).replace("\\", "\\\\").replace('"', "&quot;")


def instrument_anchor(abbreviation: str, provision: str | None = None) -> str:
    return InstrumentRef(abbreviation, provision).key if provision else abbreviation


@dataclass(frozen=True)
class Page:
    lang: str
    path: str  # language-neutral path in the docs folder, e.g. "isacs/05.30/index.md"
    module: str | None  # the module a module page shows (where `req:#r002` points), else None


class UnresolvedLink(ValueError):
    pass


class PageLinks:
    """Addresses of scheme links for the page being rendered."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.page: Page | None = None

    def target(self, scheme: str, target: str) -> tuple[str, str | None]:
        """(relative .md address, title or None) of a scheme link; UnresolvedLink if there is no such target."""
        corpus, page = self.corpus, self.page
        if page is None:
            raise UnresolvedLink("no page is being rendered")
        if scheme == "term" and target in corpus.concepts:
            definition = corpus.concepts[target].term(page.lang).definition
            return paths.relative(page.path, paths.GLOSSARY, target), " ".join(definition.split())
        if scheme == "module" and target in corpus.modules:
            return (
                paths.relative(page.path, paths.module_page(target)),
                " ".join(corpus.modules[target].title_in(page.lang).split()),
            )
        if scheme == "req":
            other, _, rid = target.partition("#")
            module = corpus.modules.get(other or page.module or "")
            if module is not None and rid and module.requirement(rid) is not None:
                return paths.relative(page.path, paths.module_page(module.id), rid), None
        if scheme == "instrument":
            abbr, _, provision = target.partition("#")
            if abbr in corpus.instruments:
                return paths.relative(page.path, XREF_INSTRUMENTS, instrument_anchor(abbr, provision or None)), None
        raise UnresolvedLink(f"{scheme}:{target}")

    def digest(self) -> str:
        """What resolved addresses and titles depend on: the concepts (definitions become titles), each module's
        titles and requirement IDs, the instruments. Not the modules' text: editing it changes no link."""
        corpus = self.corpus
        modules = [
            (m.id, [m.title_in(lang) for lang in LANGUAGES], [r.id for r in m.requirements])
            for m in corpus.modules.values()
        ]
        concepts = [
            (key, [c.term(lang).definition for lang in LANGUAGES]) for key, c in sorted(corpus.concepts.items())
        ]
        parts = (repr(concepts), repr(modules), repr(sorted(corpus.instruments)))
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def written_at(self, scheme: str, target: str) -> str:
        """file:line:col where the page's module writes this link (the page's own language first)."""
        module = self.corpus.modules.get(self.page.module or "") if self.page else None
        if module is not None:
            order = sorted(module.translations.values(), key=lambda t: t.lang != self.page.lang)
            for translation in order:
                for link in translation.links:
                    if (link.kind, link.target) == (scheme, target):
                        return str(link.location)
        return self.page.path if self.page else "?"


def _fail(message: str) -> NoReturn:
    raise UnresolvedLink(message)


class _ResolveLinks(Treeprocessor):
    def __init__(self, md: Markdown, links: PageLinks, fail: Callable[[str], NoReturn]) -> None:
        super().__init__(md)
        self.links, self.fail = links, fail

    def run(self, root) -> None:
        for element in root.iter("a"):
            href = element.get("href", "")
            scheme, colon, target = href.partition(":")
            if not colon or scheme not in SCHEMES:
                continue
            try:
                address, title = self.links.target(scheme, target)
            except UnresolvedLink:
                self.fail(
                    f"{self.links.written_at(scheme, target)}: the link {scheme}:{target} has no target "
                    "(run `isacs check`)"
                )
            element.set("href", address)
            if title and element.get("title") is None:
                element.set("title", title)


class SchemeLinksExtension(Extension):
    def __init__(self, links: PageLinks, fail: Callable[[str], NoReturn] = _fail, **kwargs) -> None:
        super().__init__(**kwargs)
        self.links, self.fail = links, fail

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # After inline parsing (20) has made the links, before the engine resolves `.md` addresses
        # (mkdocs' relpath runs at 0).
        md.treeprocessors.register(_ResolveLinks(md, self.links, self.fail), "isacs_scheme_links", 15)
