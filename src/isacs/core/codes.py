"""What every diagnostic code means and how to fix it: the text `isacs check --explain CODE` prints.

One entry per code `isacs check` can print (the table in README.md "Checking"); a test keeps this table, the
README's and the codes used in the source the same.
"""

from __future__ import annotations

import textwrap
from typing import NamedTuple


class Code(NamedTuple):
    meaning: str  # one line, as in the README's table
    example: str  # a small piece of source showing the mistake (several lines allowed)
    fix: str  # what to do


CODES: dict[str, Code] = {
    "E001": Code(
        "file is not valid UTF-8 (or cannot be read)",
        "index.fr.md saved as Latin-1 or Windows-1252: `Caf\\xe9` instead of `Café`",
        'Save the file as UTF-8 in your editor ("Save with encoding" / "Reopen with encoding"), then fix the '
        "characters at the line and column printed.",
    ),
    "E002": Code(
        "file is empty",
        "glossary/concepts/new-term.yaml holding only a comment, or index.es.md with nothing in it",
        "Write the file's content (see the Editor's guide for its format), or delete the file.",
    ),
    "E003": Code(
        "invalid YAML (front matter, glossary, registry)",
        "title: Marking: a guide          # a second `: ` in a plain value\n"
        "<TAB>level: shall                # indented with a tab character",
        'Quote values holding `: ` or `#` (title: "Marking: a guide"), indent with spaces (never tabs), and '
        "check the line printed and the one above it.",
    ),
    "E004": Code(
        "schema violation (a key or value the format does not allow, or front matter missing or not closed)",
        "requirements:\n  r001:\n    level: must          # not one of shall | should | may",
        "Use a value the format allows (the message lists them), remove or correct unknown keys, and start and "
        "end the front matter with a `---` line. The Editor's guide shows every key; the JSON Schemas in "
        "src/isacs/schemas/ give your editor autocompletion.",
    ),
    "E005": Code(
        "duplicate module ID or duplicate requirement ID",
        "requirements:\n  r001:\n    level: shall\n  r001:               # the same key again\n    level: should",
        "Give the second one a new ID: the next unused rNNN of the module (IDs are never reused, not even those "
        "of withdrawn requirements). For a module, check `series` and `number` in the front matter.",
    ),
    "E006": Code(
        "requirement in metadata has no text in English",
        "requirements:\n  r004:\n    level: shall\n    ...\n(and no paragraph ending with {: #r004 } in the body)",
        "Add the requirement's paragraph with `{: #r004 }` alone on the line after it, or, if it was withdrawn, "
        'make it a tombstone (`withdrawn: "2026"`, optional `replaced_by`).',
    ),
    "E007": Code(
        "requirement marker in English text has no metadata",
        "The authority shall file it.\n{: #r009 }          # no r009 under `requirements:`",
        "Add the requirement under `requirements:` in the front matter (level, actors, refs), or correct the "
        "marker's ID. A withdrawn requirement keeps its metadata but loses its text.",
    ),
    "E008": Code(
        "translation is missing a requirement that English has",
        "index.fr.md has no paragraph ending with {: #r002 }, index.en.md has one",
        "Translate the requirement and end its paragraph with the same marker ({: #r002 }) at the same place in "
        "the clause tree, then run `isacs stamp` on the file.",
    ),
    "E009": Code(
        "translation has a requirement English does not have",
        "index.fr.md ends a paragraph with {: #r009 }, index.en.md has no r009",
        "Correct the marker to the English requirement's ID, or remove the paragraph (translations follow the "
        "English text).",
    ),
    "E010": Code(
        "unknown link target (term, module, requirement, instrument)",
        "[marking](term:markng)  [ISACS 05.31](module:isacs/05.13)  [r099](req:#r099)",
        "Correct the target: a concept ID (file name in glossary/concepts/), a module ID (series/number), a "
        "requirement (req:series/number#rNNN or req:#rNNN), an instrument abbreviation and provision from "
        "glossary/instruments.yaml. `replaced_by` must name an existing requirement too.",
    ),
    "E011": Code(
        "unknown instrument or provision in `refs` or `instruments`",
        'refs: ["ITI 99"]           # ITI has no provision 99\ninstruments: [ITI, ATT]     # ATT not in '
        "glossary/instruments.yaml",
        "Use `<abbreviation> <provision>` exactly as in glossary/instruments.yaml, or add the instrument or "
        "provision there.",
    ),
    "E012": Code(
        "unknown actor",
        "actors: [customs]           # not a key of glossary/actors.yaml",
        "Use a key of glossary/actors.yaml (e.g. importing-state), or add the actor there with its label in "
        "every language.",
    ),
    "E013": Code(
        "folder and front matter disagree (series/number), or a concept's id differs from its file name",
        'modules/isacs/05.30/index.en.md with `number: "05.40"`; glossary/concepts/marking.yaml with `id: marks`',
        "Make them agree: correct the front matter (or `id`), or move the file to the folder (file name) its "
        'ID says. Quote numbers: number: "05.30".',
    ),
    "E014": Code(
        "unknown related module (`related:` or a concept's `source:`)",
        "related: [isacs/09.99]      # no folder modules/isacs/09.99/",
        "Name an existing module as series/number (e.g. isacs/05.31), or remove the entry.",
    ),
    "E015": Code(
        "metadata in a translation that belongs to English only",
        "index.fr.md front matter:\n  title: Marquage\n  status: draft          # module metadata",
        "Keep only `title` and `translation_of` in a translation's front matter; move the rest to index.en.md "
        "(if it is not there already).",
    ),
    "E016": Code(
        "requirement marker not alone on the line after its paragraph",
        "Each manufacturer shall mark {: #r001 } every arm.\n\n{: #r002 }           # blank line before it",
        "Put `{: #rNNN }` alone on the line right after the last line of the requirement's paragraph, with no "
        "blank line between them; the paragraph must be at the top level of the page (not inside a list, quote, "
        "table or admonition).",
    ),
    "E017": Code(
        "level-1 heading in a module body (the title comes from the front matter)",
        "# Marking and recordkeeping",
        "Remove the `#` heading (the page title is `title:` in the front matter) or make it `##` (a clause).",
    ),
    "E018": Code(
        "heading skips a level",
        "## Scope\n#### Detail             # ### missing in between",
        "Use the next level down (`###` under `##`): clause numbers are derived from the heading levels.",
    ),
    "E019": Code(
        "file name is not `index.<lang>.md` with one of the six languages",
        "modules/isacs/05.30/index.de.md, modules/isacs/05.30/fr.md",
        "Rename the file index.<lang>.md with lang one of en, fr, es, ar, ru, zh; move other files out of modules/.",
    ),
    "E020": Code(
        "module folder without `index.en.md`, or no `modules/` folder",
        "modules/isacs/05.30/ holding index.fr.md but no index.en.md",
        "Add the English source file index.en.md (it holds the module's metadata), or check that --root names "
        "the repository (the folder holding modules/ and glossary/).",
    ),
    "E021": Code(
        "symlink in the sources (file or folder anywhere under `modules/` or `glossary/`; its target is never read)",
        "modules/isacs/05.30/index.en.md -> ../../../drafts/marking.md",
        "Replace the link with the file or folder itself (`cp --remove-destination` the target over it).",
    ),
    "E022": Code(
        "source file larger than 2 MiB (refused unread; the message gives its size)",
        "an index.en.md of 3,145,728 bytes (a pasted image or generated text)",
        "Split the module or remove what does not belong in the source (images go elsewhere); a real module is "
        "well under 200 KiB.",
    ),
    "E023": Code(
        "YAML anchor or alias (`&name`, `*name`, `<<: *name`) in front matter or glossary YAML",
        "  r001: &shall\n    level: shall\n  r002: *shall",
        "Write each value out in full: the sources are plain YAML.",
    ),
    "E024": Code(
        "YAML tag (`!!python/…`, `!custom`, `!!str`) or `%TAG` directive in front matter or glossary YAML",
        "version: !!str 1.1",
        'Remove the tag and quote the value instead (version: "1.1").',
    ),
    "E025": Code(
        "raw HTML in module text or in a glossary definition or note",
        "Marks shall be <b>permanent</b>.<br>",
        "Write Markdown instead (**permanent**, a blank line for a new paragraph); write a literal `<` as "
        "`&lt;` or put it in a code span.",
    ),
    "E026": Code(
        "link or image to a `javascript:`, `vbscript:`, `data:` or `file:` URL (however spelt)",
        "[see annex](javascript:alert(1))   ![map](data:image/png;base64,...)",
        "Link to pages of the site (term:, module:, req:, instrument: or a relative path), or to http(s): or "
        "mailto: URLs.",
    ),
    "E027": Code(
        "attribute list other than the format's: `{: #rNNN }` after a requirement, `{: .unnumbered }` / "
        "`{: .annex }` (and an `#anchor`) on a heading",
        '## Scope {: style="color:red" onclick="..." }',
        "Remove the attribute list, or keep only `{: #rNNN }` alone after a requirement's paragraph and "
        "`{: .unnumbered }` / `{: .annex }` at the end of a heading; write `\\{` for a literal brace.",
    ),
    "W101": Code(
        "English requirement text does not use the verbal form of its level",
        'level: shall  ...  "The manufacturer must mark each item."',
        "Use the ISO verbal form of the level in the text (shall / should / may), or change `level:` if the "
        "text says what is meant.",
    ),
    "W102": Code(
        "translation clause tree differs from English",
        "index.en.md: ## Scope / ### Marking      index.fr.md: ## Domaine / ## Marquage",
        "Give the translation the same headings as English: same number, levels and kinds ({: .unnumbered }, "
        "{: .annex }).",
    ),
    "W103": Code(
        "translation is stale (English changed since `translation_of`)",
        "translation_of:\n  r002: 91c3d7e0       # the English text of r002 has changed since",
        "Update the translated paragraph to the new English text, then run `isacs stamp <file>` to record it.",
    ),
    "W104": Code(
        "translated requirement does not use the verbal form of its level in its language",
        'level: shall  ...  index.fr.md: "Le fabricant marque chaque article." (no « doit »)',
        "Use the verbal form of the level in the translation's language (the table is "
        "src/isacs/i18n/verbal_forms.yaml), e.g. « doit » for shall in French.",
    ),
    "W105": Code(
        "English `shall` / `should` in running text, outside any requirement paragraph",
        "Importers shall keep records.     (a paragraph with no {: #rNNN } marker)",
        "Make the paragraph a requirement ({: #rNNN } and its metadata) or reword it as information "
        '("Importers keep records", "are expected to").',
    ),
    "W106": Code(
        "the text of a `[text](term:id)` link is not a designation of that concept in the file's language",
        "[manufacture](term:marking)        # marking's designations: marking",
        "Check the link target, or add the wording to the concept's designations in glossary/concepts/<id>.yaml.",
    ),
    "W107": Code(
        "glossary concept that no module links to",
        "glossary/concepts/stockpile.yaml with no [..](term:stockpile) anywhere in modules/",
        "Link the concept where a module uses the term ([stockpile](term:stockpile)), or remove the concept.",
    ),
    "W108": Code(
        "Markdown the site would render differently from GitHub's preview (list, fence or block quote structure)",
        "- Item text\n      ```\n      code\n      ```          # fence indented 4+ past the item, under its text\n"
        "- Item text\n  ---              # read as a heading underline by one reader, as text by the other",
        "Put a blank line before the fence and indent it as the item's text; write headings with `#` and escape "
        "a literal `---` line as `\\---`.",
    ),
    "F001": Code(
        "`isacs fmt` / `isacs new` cannot rewrite the YAML without losing a comment",
        "actors: [manufacturer,   # who marks\n         importer]",
        "Move the comment out of the flow list `[...]` (above the key, or write the list one item per line); the "
        "file is left untouched until then.",
    ),
}


def explain(code: str) -> str | None:
    """The text `isacs check --explain CODE` prints, or None for an unknown code."""
    entry = CODES.get(code.strip().upper())
    if entry is None:
        return None
    code = code.strip().upper()
    kind = "warning" if code.startswith("W") else "error"
    example = "\n".join("    " + line for line in entry.example.split("\n"))
    fix = textwrap.fill(
        entry.fix,
        width=100,
        initial_indent="    ",
        subsequent_indent="    ",
        break_long_words=False,
        break_on_hyphens=False,
    )
    return f"{code} ({kind}): {entry.meaning}\n\nExample of the mistake:\n{example}\n\nHow to fix it:\n{fix}\n"
