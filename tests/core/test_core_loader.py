"""The loader on the fixture corpus: every part of the model as the sources define it."""

from __future__ import annotations

import datetime as dt

import pytest

from core_testkit import AR, EN, FR, MINI, copy_mini, steps, sub
from isacs import Location, load_corpus
from isacs.core.loader import load_modules, module_folders
from isacs.core.markdown_source import digest


@pytest.fixture(scope="module")
def loaded():
    corpus, problems = load_corpus(MINI)
    return corpus, problems


@pytest.fixture(scope="module")
def corpus(loaded):
    return loaded[0]


@pytest.fixture(scope="module")
def marking(corpus):
    return corpus.modules["isacs/05.30"]


def test_fixture_loads_without_problems(loaded):
    assert loaded[1] == []


def test_modules_sorted_isacs_first(corpus):
    assert list(corpus.modules) == ["isacs/05.30", "iatg/06.10"]
    assert corpus.languages == ("en", "fr", "ar")


def test_module_metadata(marking):
    assert (marking.series, marking.number, marking.label) == ("isacs", "05.30", "ISACS 05.30")
    assert marking.title == "Marking fixture"
    assert (marking.edition, marking.version, marking.status) == ("2026", "1.0", "published")
    assert marking.date == dt.date(2026, 1, 15)
    assert marking.related == ("iatg/06.10",)
    assert marking.instruments == ("ITI",)
    assert marking.folder == "modules/isacs/05.30"
    assert marking.languages == ("en", "fr", "ar")
    assert marking.titles() == {"en": "Marking fixture", "fr": "Fixture de marquage", "ar": "نموذج الوسم"}
    assert marking.field_lines["related"] == 9 and marking.field_lines["requirements"] == 11


def test_clause_tree_numbers_kinds_and_depths(marking):
    flat = [(c.number, c.anchor, c.depth, c.kind, c.requirement_ids) for c in marking.all_clauses()]
    assert flat == [
        ("", "foreword", 1, "unnumbered", ()),
        ("1", "clause-1", 1, "numbered", ()),
        ("2", "clause-2", 1, "numbered", ()),
        ("2.1", "clause-2-1", 2, "numbered", ("r001",)),
        ("2.1.1", "clause-2-1-1", 3, "numbered", ("r002",)),
        ("A", "annex-a", 1, "annex", ("r003",)),
    ]
    assert [c.number for c in marking.clauses] == ["", "1", "2", "A"]  # roots; the rest are nested
    assert marking.clauses[2].children[0].children[0].number == "2.1.1"


def test_clause_titles_per_language(marking):
    scope = marking.clauses[1]
    assert dict(scope.titles) == {"en": "Scope", "fr": "Domaine d'application", "ar": "النطاق"}
    assert scope.title("zh") == "Scope"  # falls back to English
    assert marking.clauses[3].titles["fr"] == "Tableau modèle"  # the `{: .annex }` attribute is not in the title
    assert marking.clauses[1].location == Location(EN, 33, 1)


def test_annex_subclauses_and_unnumbered_children(tmp_path):
    root = copy_mini(tmp_path)
    steps(
        sub(
            EN,
            "Fixture text written for the tests.\n",
            "Fixture text written for the tests.\n\n### History\n\nOlder text.\n",
        ),
        sub(
            EN,
            "## Model table {: .annex }\n",
            "## Model table {: .annex }\n\n### Columns\n\nText.\n\n#### Widths\n\nText.\n\n",
        ),
        sub(EN, "{: #r003 }\n", "{: #r003 }\n\n## Second annex {: .annex }\n\n### Notes\n\nText.\n"),
    )(root)
    corpus, problems = load_corpus(root)
    module = corpus.modules["isacs/05.30"]
    flat = [(c.number, c.anchor, c.kind) for c in module.all_clauses()]
    assert flat == [
        ("", "foreword", "unnumbered"),
        ("", "history", "unnumbered"),  # children of an unnumbered heading stay unnumbered
        ("1", "clause-1", "numbered"),
        ("2", "clause-2", "numbered"),
        ("2.1", "clause-2-1", "numbered"),
        ("2.1.1", "clause-2-1-1", "numbered"),
        ("A", "annex-a", "annex"),
        ("A.1", "annex-a-1", "annex"),
        ("A.1.1", "annex-a-1-1", "annex"),
        ("B", "annex-b", "annex"),
        ("B.1", "annex-b-1", "annex"),
    ]
    assert module.requirement("r003").clause == "A.1.1"
    # The translations no longer have the English clause tree.
    assert {d.code for d in problems} == {"W102"}


def test_requirement_metadata(marking, corpus):
    r001, r002, r003, r004 = marking.requirements
    assert [r.id for r in marking.requirements] == ["r001", "r002", "r003", "r004"]
    assert (r001.level, r001.actors, r001.rrpl) == ("shall", ("manufacturer",), None)
    assert [(ref.instrument, ref.provision, ref.label, ref.key) for ref in r001.refs] == [
        ("ITI", "8(a)", "ITI 8(a)", "ITI-8a")
    ]
    assert r002.actors == ("national-authority", "manufacturer")
    assert (r003.level, r003.refs) == ("may", ())
    assert r001.key == "isacs/05.30#r001"
    assert r001.location == Location(EN, 12, 3)
    assert corpus.requirement("isacs/05.30#r002") is r002
    assert corpus.requirement("isacs/05.99#r002") is None
    iatg = corpus.modules["iatg/06.10"]
    assert [(r.id, r.level, r.rrpl, r.clause) for r in iatg.requirements] == [
        ("r001", "shall", 1, "2"),
        ("r002", "should", 3, "2"),
    ]


def test_clause_number_of_each_requirement(marking):
    assert {r.id: r.clause for r in marking.requirements} == {"r001": "2.1", "r002": "2.1.1", "r003": "A", "r004": None}


def test_tombstone(marking):
    r004 = marking.requirement("r004")
    assert r004.is_tombstone and not marking.requirement("r001").is_tombstone
    assert (r004.withdrawn, r004.replaced_by, r004.level, r004.actors) == ("2026", "r002", None, ())
    assert r004.texts == {}


def test_requirement_texts_per_language(marking):
    r001 = marking.requirement("r001")
    assert list(r001.texts) == ["en", "fr", "ar"]
    en = r001.texts["en"]
    assert en.markdown == "The manufacturer shall mark each item at the time of [manufacture](term:marking)."
    assert en.plain == "The manufacturer shall mark each item at the time of manufacture."
    assert en.location == Location(EN, 41, 1)
    assert en.digest == digest(en.markdown) and len(en.digest) == 8
    fr = r001.texts["fr"]
    assert fr.plain == "Le fabricant doit marquer chaque article lors de sa fabrication."
    assert fr.location == Location(FR, 18, 1)
    ar = marking.requirement("r002").texts["ar"]
    assert ar.plain == "ينبغي للدول الاحتفاظ بكل سجل للمدة المحددة في الصك."
    assert ar.location == Location(AR, 23, 1)
    assert "{:" not in ar.markdown  # the marker is not part of the text


def test_digest_ignores_whitespace_only_changes():
    assert digest("States should keep\nrecords.") == digest("States  should keep records.")
    assert digest("States should keep records.") != digest("States shall keep records.")


def test_translations(marking):
    fr = marking.translations["fr"]
    assert (fr.lang, fr.path, fr.title) == ("fr", FR, "Fixture de marquage")
    assert fr.requirement_ids == ("r001", "r002", "r003")
    assert fr.translation_of == {}
    assert fr.body_line == 5
    assert [h.title for h in fr.headings][:2] == ["Avant-propos", "Domaine d'application"]
    en = marking.translations["en"]
    assert [(link.kind, link.target, link.location.line) for link in en.links] == [
        ("term", "marking", 35),
        ("term", "marking", 41),
        ("term", "record", 46),
        ("instrument", "ITI#12", 46),
        ("module", "iatg/06.10", 51),
        ("req", "#r001", 51),
    ]
    assert en.links[0].text == "marking" and en.links[0].location.col == 21


def test_concepts(corpus):
    assert list(corpus.concepts) == ["marking", "record", "stockpile"]
    marking = corpus.concepts["marking"]
    assert marking.source == "isacs/05.30"
    assert list(marking.terms) == ["en", "fr", "ar"]
    assert marking.term("fr").preferred == "marquage"
    assert marking.term("en").notes == ("Fixture definition.",)
    assert marking.term("en").abbreviation is None
    assert marking.term("zh").lang == "en"  # falls back to English
    assert corpus.concepts["record"].term("en").designations == ("record", "register entry")
    assert marking.location == Location("glossary/concepts/marking.yaml", 1, 1)
    assert marking.field_lines["source"] == 2


def test_instruments(corpus):
    assert list(corpus.instruments) == ["ITI", "PoA"]
    iti = corpus.instruments["ITI"]
    assert iti.year == 2005
    assert list(iti.provisions) == ["8(a)", "12"]
    assert iti.provisions["12"].topic == "Retention periods for records"
    assert iti.title("fr") == "Instrument international de traçage"
    assert corpus.instruments["PoA"].title("fr") == "UN Programme of Action"  # English fallback
    assert list(corpus.instruments["PoA"].provisions) == ["II.10"]
    assert corpus.instruments["PoA"].location == Location("glossary/instruments.yaml", 10, 1)


def test_actors(corpus):
    assert list(corpus.actors) == ["manufacturer", "national-authority", "stockpile-manager"]
    manager = corpus.actors["stockpile-manager"]
    assert manager.label("fr") == "Gestionnaire de stocks"
    assert manager.label("ar") == "Stockpile manager"  # English fallback
    assert manager.location == Location("glossary/actors.yaml", 9, 1)


def test_model_is_frozen(marking):
    with pytest.raises(AttributeError):
        marking.title = "changed"  # type: ignore[misc]


def test_crlf_and_bom_sources_load_the_same(tmp_path):
    root = copy_mini(tmp_path)
    path = root / FR
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    corpus, problems = load_corpus(root)
    assert problems == []
    fr = corpus.modules["isacs/05.30"].requirement("r002").texts["fr"]
    assert fr.location == Location(FR, 23, 1) and "\r" not in fr.markdown


def test_parallel_load_gives_the_serial_result_in_the_same_order(tmp_path):
    # A large corpus is parsed by several processes: the modules and every problem are the same, in the same
    # order, as one process reads them (here forced on the small fixture, a problem planted in each of two
    # modules so the order of problems shows).
    root = copy_mini(tmp_path)
    sources = sorted((root / "modules").rglob("index.en.md"))
    for source in sources:  # a lazy setext underline in a list item: W108, found by the load's parse
        source.write_text(source.read_text("utf-8") + "\n- item\n===\n", "utf-8")
    folders = module_folders(root)
    serial_problems, parallel_problems = [], []
    serial = load_modules(folders, root, serial_problems, jobs=1)
    parallel = load_modules(folders, root, parallel_problems, jobs=2, min_bytes=0)
    assert len(serial) == len(folders) >= 2 and all(serial)
    assert parallel == serial
    assert parallel_problems == serial_problems
    assert sorted(p.location.path for p in serial_problems if p.code == "W108") == sorted(
        s.relative_to(root).as_posix() for s in sources
    )
