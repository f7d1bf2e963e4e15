"""The glossary page of one language: every concept, with the English term where not yet translated."""
from __future__ import annotations

import html

from ..core.model import Corpus
from . import paths
from .strings import t


def render(corpus: Corpus, lang: str) -> str:
    page = paths.GLOSSARY
    out = ["---", f"title: {t(lang, 'glossary')}", "---", "", f"# {t(lang, 'glossary')}", ""]
    concepts = sorted(corpus.concepts.values(), key=lambda c: c.term(lang).preferred.casefold())
    for concept in concepts:
        term = concept.term(lang)
        translated = lang in concept.terms
        attrs = "" if translated else ' lang="en" dir="ltr"'
        out.append(f'<div class="isacs-concept" id="{concept.id}" markdown>')
        out.append(f'<p class="isacs-designation"{attrs}><dfn>{html.escape(term.preferred)}</dfn>'
                   + "".join(f"; <span>{html.escape(d)}</span>" for d in term.designations[1:])
                   + (f' <span class="isacs-abbr">({html.escape(term.abbreviation)})</span>' if term.abbreviation else "")
                   + (f' <span class="isacs-untranslated">{t(lang, "term_not_translated")}</span>' if not translated else "")
                   + f' <a class="headerlink" href="#{concept.id}">¶</a></p>')
        out.append(f'<p class="isacs-definition"{attrs}>{html.escape(term.definition)}</p>')
        for note in term.notes:
            out.append(f'<p class="isacs-note"{attrs}><em>{t(lang, "note")}:</em> {html.escape(note)}</p>')
        if concept.source and concept.source in corpus.modules:
            source = corpus.modules[concept.source]
            out += ["", f"{t(lang, 'source_module')}: [{source.label}]"
                        f"({paths.relative(page, paths.module_page(source.id))})"]
        out += ["</div>", ""]
    return "\n".join(out)
