"""Every validator rule, one broken copy of the fixture corpus each: `isacs check` must print the problem at
the exact `path:line:col` with its code, exit 1 on an error (0 on warnings only) and never show a traceback."""

from __future__ import annotations

import pytest

from core_testkit import (
    ACTORS,
    AR,
    EN,
    FR,
    IATG,
    INSTRUMENTS,
    MARKING,
    assert_clean_failure,
    copy,
    copy_mini,
    delete,
    isacs,
    rename,
    stamp,
    steps,
    sub,
    write,
)

R001_EN = "The manufacturer shall mark each item at the time of [manufacture](term:marking).\n{: #r001 }\n"
ANNEX_EN = "## Model table {: .annex }\n"
ANNEX_FR = "## Tableau modèle {: .annex }\n"

# (case id, edit of the fixture corpus, diagnostic line that must be printed)
CASES = [
    # E001 invalid UTF-8: the position of the first bad byte
    ("E001-module", write(FR, b"---\ntitle: x\n---\n\n## Caf\xe9\n"), f"{FR}:5:7: error E001"),
    ("E001-glossary", write(MARKING, b"id: marking\nsource: isacs/05.30\n# \xff\n"), f"{MARKING}:3:3: error E001"),
    # E002 empty file
    ("E002-module", write(FR, ""), f"{FR}:1:1: error E002"),
    ("E002-blank-module", write(FR, "\n   \n"), f"{FR}:1:1: error E002"),
    ("E002-glossary", write(ACTORS, ""), f"{ACTORS}:1:1: error E002"),
    (
        "E002-yaml-comment-only",
        write("glossary/concepts/empty.yaml", "# nothing yet\n"),
        "glossary/concepts/empty.yaml:1:1: error E002",
    ),
    # E003 invalid YAML: file line = front matter line + 1 (the `---`), column of the problem
    ("E003-front-matter", sub(EN, "title: Marking fixture", "title: Marking: fixture"), f"{EN}:4:15: error E003"),
    (
        "E003-front-matter-indent",
        sub(EN, "status: published", "status: published\n  bad: indent"),
        f"{EN}:9:6: error E003",
    ),
    ("E003-front-matter-date", sub(EN, "date: 2026-01-15", "date: 2026-13-45"), f"{EN}:7:7: error E003"),
    (
        "E003-translation",
        sub(FR, "title: Fixture de marquage", "title: Fixture: de marquage"),
        f"{FR}:2:15: error E003",
    ),
    (
        "E003-glossary",
        sub(
            MARKING,
            "definition: Applying an identifying mark to an item.",
            "definition: Applying: an identifying mark.",
        ),
        f"{MARKING}:7:25: error E003",
    ),
    ("E003-instruments", sub(INSTRUMENTS, "  year: 2001", "  year: 2001\n - x"), f"{INSTRUMENTS}:14:2: error E003"),
    # E004 schema violations, at the offending key
    ("E004-bad-level", sub(EN, "level: may", "level: must"), f"{EN}:21:5: error E004"),
    ("E004-unknown-key", sub(EN, "status: published", "status: published\ncolour: red"), f"{EN}:9:1: error E004"),
    (
        "E004-unknown-requirement-key",
        sub(EN, "    level: may\n", "    level: may\n    owner: me\n"),
        f"{EN}:22:5: error E004",
    ),
    ("E004-missing-actors", sub(EN, "    actors: [national-authority]\n", ""), f"{EN}:20:3: error E004"),
    ("E004-bad-requirement-id", sub(EN, "  r003:", "  x003:"), f"{EN}:20:3: error E004"),
    ("E004-bad-status", sub(EN, "status: published", "status: public"), f"{EN}:8:1: error E004"),
    (
        "E004-tombstone-with-level",
        sub(EN, '    withdrawn: "2026"', '    withdrawn: "2026"\n    level: shall'),
        f"{EN}:24:3: error E004",
    ),
    ("E004-rrpl-outside-iatg", sub(EN, "    refs: []\n", "    refs: []\n    rrpl: 2\n"), f"{EN}:20:3: error E004"),
    ("E004-iatg-without-rrpl", sub(IATG, "    rrpl: 1\n", ""), f"{IATG}:12:3: error E004"),
    ("E004-no-front-matter", write(FR, "## Avant-propos\n"), f"{FR}:1:1: error E004"),
    ("E004-unclosed-front-matter", write(FR, "---\ntitle: x\n\n## Avant-propos\n"), f"{FR}:1:1: error E004"),
    ("E004-translation-key", sub(FR, "translation_of: {}", "translation_of: {}\nnote: x"), f"{FR}:4:1: error E004"),
    ("E004-translation-digest", sub(FR, "translation_of: {}", "translation_of: {r001: xyz}"), f"{FR}:3:18: error E004"),
    ("E004-concept-language", sub(MARKING, "  fr:", "  de:"), f"{MARKING}:9:3: error E004"),
    ("E004-concept-key", sub(MARKING, "    abbreviation: null", "    abbrev: null"), f"{MARKING}:6:5: error E004"),
    (
        "E004-actor-language",
        sub(ACTORS, "  fr: Fabricant\n", "  fr: Fabricant\n  de: Hersteller\n"),
        f"{ACTORS}:4:3: error E004",
    ),
    ("E004-instrument-year", sub(INSTRUMENTS, "year: 2005", "year: recent"), f"{INSTRUMENTS}:6:3: error E004"),
    # E005 duplicates: YAML key, body marker, module, concept
    (
        "E005-duplicate-yaml-key",
        sub(EN, "  r003:\n    level: may", "  r001:\n    level: may"),
        f"{EN}:20:3: error E005",
    ),
    ("E005-duplicate-marker", sub(EN, "{: #r003 }", "{: #r001 }"), f"{EN}:51:1: error E005"),
    (
        "E005-duplicate-module",
        copy("modules/isacs/05.30", "modules/isacs/05.31"),
        "modules/isacs/05.31/index.en.md:3:1: error E005",
    ),
    (
        "E005-duplicate-module-sorted-first",
        copy("modules/isacs/05.30", "modules/isacs/05.20"),
        "modules/isacs/05.20/index.en.md:3:1: error E005",
    ),
    (
        "E005-duplicate-concept",
        copy(MARKING, "glossary/concepts/marking2.yaml"),
        "glossary/concepts/marking2.yaml:1:1: error E005",
    ),
    # E006 / E007 metadata and English text must match
    ("E006-metadata-without-text", sub(EN, R001_EN, ""), f"{EN}:12:3: error E006"),
    (
        "E007-text-without-metadata",
        sub(EN, ANNEX_EN, ANNEX_EN + "\nThe authority shall file it.\n{: #r009 }\n"),
        f"{EN}:51:1: error E007",
    ),
    (
        "E007-text-of-tombstone",
        sub(EN, ANNEX_EN, ANNEX_EN + "\nThe authority shall file it.\n{: #r004 }\n"),
        f"{EN}:51:1: error E007",
    ),
    # E008 / E009 translations have exactly the English IDs
    ("E008-translation-missing-id", sub(FR, "{: #r002 }\n", ""), f"{FR}:21:1: error E008"),
    ("E009-translation-extra-id", sub(FR, ANNEX_FR, ANNEX_FR + "\nTexte.\n{: #r009 }\n"), f"{FR}:28:1: error E009"),
    # E010 unknown link targets
    ("E010-term", sub(EN, "[marking](term:marking)", "[marking](term:markng)"), f"{EN}:35:21: error E010"),
    ("E010-module", sub(EN, "(module:iatg/06.10)", "(module:iatg/06.11)"), f"{EN}:51:40: error E010"),
    ("E010-req-short", sub(EN, "(req:#r001)", "(req:#r099)"), f"{EN}:51:76: error E010"),
    (
        "E010-req-other-module",
        sub(IATG, "(req:isacs/05.30#r001)", "(req:isacs/05.30#r042)"),
        f"{IATG}:33:114: error E010",
    ),
    ("E010-req-without-id", sub(EN, "(req:#r001)", "(req:isacs/05.30)"), f"{EN}:51:76: error E010"),
    ("E010-instrument", sub(EN, "(instrument:ITI#12)", "(instrument:ATT#12)"), f"{EN}:46:65: error E010"),
    ("E010-instrument-provision", sub(EN, "(instrument:ITI#12)", "(instrument:ITI#99)"), f"{EN}:46:65: error E010"),
    ("E010-in-translation", sub(AR, "(term:record)", "(term:registry)"), f"{AR}:23:26: error E010"),
    ("E010-replaced-by", sub(EN, "replaced_by: r002", "replaced_by: r099"), f"{EN}:24:3: error E010"),
    # E011 unknown instrument or provision in metadata
    ("E011-provision", sub(EN, 'refs: ["ITI 12"]', 'refs: ["ITI 99"]'), f"{EN}:16:3: error E011"),
    ("E011-instrument-in-refs", sub(EN, 'refs: ["ITI 12"]', 'refs: ["ATT 12"]'), f"{EN}:16:3: error E011"),
    ("E011-instruments-list", sub(EN, "instruments: [ITI]", "instruments: [ITI, ATT]"), f"{EN}:10:1: error E011"),
    # E012 unknown actor
    (
        "E012-actor",
        sub(EN, "actors: [national-authority]\n    refs: []", "actors: [customs]\n    refs: []"),
        f"{EN}:20:3: error E012",
    ),
    # E013 folder / file name and content disagree
    ("E013-number", sub(EN, 'number: "05.30"', 'number: "05.40"'), f"{EN}:3:1: error E013"),
    ("E013-series", sub(EN, "series: isacs", "series: iatg"), f"{EN}:2:1: error E013"),
    ("E013-concept-id", sub(MARKING, "id: marking", "id: marks"), f"{MARKING}:1:1: error E013"),
    # E014 unknown related module (front matter and concept source)
    ("E014-related", sub(EN, "related: [iatg/06.10]", "related: [iatg/09.99]"), f"{EN}:9:1: error E014"),
    ("E014-concept-source", sub(MARKING, "source: isacs/05.30", "source: isacs/09.99"), f"{MARKING}:2:1: error E014"),
    # E015 English-only metadata in a translation
    (
        "E015-translation-metadata",
        sub(FR, "translation_of: {}", "translation_of: {}\nstatus: draft"),
        f"{FR}:4:1: error E015",
    ),
    (
        "E015-translation-requirements",
        sub(FR, "translation_of: {}", "translation_of: {}\nrequirements: {}"),
        f"{FR}:4:1: error E015",
    ),
    # E016 misplaced requirement marker
    (
        "E016-inline-marker",
        sub(EN, "Fixture text written", "Fixture text {: #r005 } written"),
        f"{EN}:31:14: error E016",
    ),
    ("E016-marker-without-paragraph", sub(EN, "\n{: #r003 }", "\n\n{: #r003 }"), f"{EN}:53:1: error E016"),
    # E017 / E018 headings
    ("E017-level-1-heading", sub(EN, "## Foreword", "# Foreword"), f"{EN}:29:1: error E017"),
    ("E018-skipped-level", sub(EN, "#### Detail", "##### Detail"), f"{EN}:44:1: error E018"),
    # E019 / E020 files
    (
        "E019-unknown-language",
        rename(FR, "modules/isacs/05.30/index.de.md"),
        "modules/isacs/05.30/index.de.md:1:1: error E019",
    ),
    ("E019-bad-file-name", rename(FR, "modules/isacs/05.30/fr.md"), "modules/isacs/05.30/fr.md:1:1: error E019"),
    ("E020-missing-english", delete(EN), f"{AR}:1:1: error E020"),
    ("E020-no-modules-folder", delete("modules"), "modules:1:1: error E020"),
    # Warnings
    ("W101-wording", sub(EN, "manufacturer shall mark", "manufacturer must mark"), f"{EN}:41:1: warning W101"),
    ("W101-may", sub(EN, "The authority may publish", "The authority can publish"), f"{EN}:51:1: warning W101"),
    ("W102-level", sub(FR, "#### Détail", "### Détail"), f"{FR}:21:1: warning W102"),
    ("W102-kind", sub(FR, ANNEX_FR, "## Tableau modèle\n"), f"{FR}:26:1: warning W102"),
    (
        "W102-missing-heading",
        sub(FR, "## Avant-propos {: .unnumbered }\n\nTexte de fixture rédigé pour les tests.\n", ""),
        f"{FR}:7:1: warning W102",
    ),
    # W103: stamped, then the English r002 changes; the stale paragraph moved 2 lines down with the digests
    (
        "W103-stale",
        steps(stamp(FR), sub(EN, "States should keep each", "States should keep every")),
        f"{FR}:26:1: warning W103",
    ),
]


@pytest.mark.parametrize("edit, expected", [pytest.param(e, x, id=i) for i, e, x in CASES])
def test_check_reports_problem_at_exact_location(tmp_path, edit, expected):
    root = copy_mini(tmp_path)
    edit(root)
    run = isacs("check", "--root", str(root))
    assert_clean_failure(run)
    assert any(line.startswith(expected + " ") for line in run.lines), (
        f"expected a line starting with {expected!r}, got:\n{run.stdout}{run.stderr}"
    )
    assert run.returncode == (1 if " error " in expected else 0), run.stdout


def test_case_ids_cover_every_documented_code():
    codes = {case_id.split("-")[0] for case_id, _, _ in CASES}
    expected = {f"E{n:03d}" for n in range(1, 21)} | {"W101", "W102", "W103"}
    assert codes == expected


def test_fixture_corpus_is_clean():
    run = isacs("check", "--root", "tests/fixtures/mini")
    assert run.returncode == 0, run.stdout
    assert run.stdout == ""
    assert "2 modules, 6 requirements, 3 concepts: 0 error(s), 0 warning(s)" in run.stderr


def test_bundled_corpus_is_clean():
    run = isacs("check")
    assert run.returncode == 0, run.stdout
    assert run.stdout == ""


def test_github_format_annotates_the_line(tmp_path):
    root = copy_mini(tmp_path)
    sub(EN, "level: may", "level: must")(root)
    run = isacs("check", "--root", str(root), "--format", "github")
    assert run.returncode == 1
    assert any(line.startswith(f"::error file={EN},line=21,col=5,title=E004::") for line in run.lines), run.stdout


def test_missing_root_is_a_one_line_error(tmp_path):
    run = isacs("check", "--root", str(tmp_path / "nowhere"))
    assert_clean_failure(run)
    assert run.returncode != 0
    assert "no such folder" in run.stderr


def test_diagnostics_are_sorted_and_unique(tmp_path):
    root = copy_mini(tmp_path)
    # Independent mistakes in three files (a translation of the broken EN is not compared with it: no E008 there).
    steps(
        sub(EN, "level: may", "level: must"),
        sub(IATG, "A form for inspectors.", "A form {: #r001 } for inspectors."),
        sub(MARKING, "id: marking", "id: marks"),
    )(root)
    run = isacs("check", "--root", str(root))
    keys = []
    for line in run.lines:
        path, lineno, col, _ = line.split(":", 3)
        keys.append((path, int(lineno), int(col)))
    assert keys == sorted(keys) and len(run.lines) == len(set(run.lines)) >= 3


def test_messages_name_the_problem(tmp_path):
    root = copy_mini(tmp_path)
    steps(
        sub(EN, "  r003:\n    level: may", "  r001:\n    level: may"),
        sub(MARKING, "    abbreviation: null", "    abbrev: null"),
        sub(IATG, "A form for inspectors.", "A form {: #r001 } for inspectors."),
    )(root)
    out = isacs("check", "--root", str(root)).stdout
    assert f'{EN}:20:3: error E005 duplicate key "r001" (first at line 12)' in out
    assert f"{MARKING}:6:5: error E004 languages/en: unknown key ('abbrev' was unexpected)" in out
    assert (
        f"{IATG}:38:8: error E016 requirement marker {{: #r001 }} must be alone on the line after its paragraph" in out
    )
