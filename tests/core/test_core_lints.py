"""Editorial lints (src/isacs/core/lints.py): each one planted in a copy of a corpus and found at its exact
`path:line:col`; the bundled corpus gives none of them (no false positives)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core_testkit import AR, EN, FR, IATG, MARKING, REPO, copy_mini, isacs, steps, sub, write
from isacs.core.languages import LANGUAGES
from isacs.core.lints import (
    EXCEPTIONS_FILE,
    LINT_RULES,
    _raw_table,
    check_normative_prose,
    check_term_link_text,
    check_translated_forms,
    check_unused_concepts,
    designates,
    form_table,
)
from isacs.core.loader import load_corpus
from isacs.core.validate import check_repository

ES_0530 = "modules/isacs/05.30/index.es.md"
FR_0550 = "modules/isacs/05.50/index.fr.md"
RU_0530 = "modules/isacs/05.30/index.ru.md"
ZH_0530 = "modules/isacs/05.30/index.zh.md"


def copy_bundled(tmp_path: Path) -> Path:
    root = tmp_path / "bundled"
    for name in ("modules", "glossary"):
        shutil.copytree(REPO / name, root / name)
    return root


def lines_of(root: Path, code: str) -> list[str]:
    _, problems = check_repository(root)
    return [d.format() for d in problems if d.code == code]


def col(root: Path, path: str, lineno: int, word: str) -> int:
    """1-based column of `word` on a line of a corpus file (so the tests need no hand-counted columns)."""
    return (root / path).read_text("utf-8").split("\n")[lineno - 1].index(word) + 1


# --- W104: verbal forms of translated requirements -------------------------------------------------------


def test_w104_french_shall_weakened_to_may(tmp_path):
    root = copy_mini(tmp_path)
    sub(FR, "Le fabricant doit marquer", "Le fabricant peut marquer")(root)
    found = lines_of(root, "W104")
    assert found == [
        f"{FR}:18:{col(root, FR, 18, 'peut')}: warning W104 r001 is a 'shall' requirement but its "
        "French text does not use 'doit', 'doivent', 'devra', 'devront', …; it says 'peut', a form "
        "of 'may'"
    ]


@pytest.mark.parametrize(
    "path, old, new, line, word",
    [
        (AR, "يجب على الجهة", "يجوز للجهة", 18, "يجوز"),  # shall -> may
        (AR, "ينبغي للدول", "يجب على الدول", 23, "يجب"),  # should -> shall
        (AR, "يجوز للسلطة", "لا يجوز للسلطة", 28, "لا يجوز"),  # may -> "is not permitted", a prohibition
        (FR, "Les États devraient conserver", "Les États doivent conserver", 23, "doivent"),
    ],
)
def test_w104_other_levels_and_arabic(tmp_path, path, old, new, line, word):
    root = copy_mini(tmp_path)
    sub(path, old, new)(root)
    found = lines_of(root, "W104")
    assert len(found) == 1 and found[0].startswith(f"{path}:{line}:{col(root, path, line, word)}: warning W104 ")


@pytest.mark.parametrize(
    "path, old, new, word",
    [
        (ZH_0530, "每个制造商应在其生产", "每个制造商可在其生产", "可"),
        (RU_0530, "Каждый производитель должен наносить", "Каждый производитель может наносить", "может"),
        (ES_0530, "Cada fabricante deberá aplicar", "Cada fabricante debería aplicar", "debería"),
    ],
)
def test_w104_bundled_translations(tmp_path, path, old, new, word):
    root = copy_bundled(tmp_path)
    sub(path, old, new)(root)
    line, text = next((i, t) for i, t in enumerate((root / path).read_text("utf-8").split("\n"), 1) if new in t)
    assert [x.split(" ", 1)[0] for x in lines_of(root, "W104")] == [
        f"{path}:{line}:{text.index(new) + new.index(word) + 1}:"
    ]


def test_w104_form_on_a_later_line_and_no_form_at_all(tmp_path):
    root = copy_mini(tmp_path)
    steps(
        sub(
            FR,
            "Le fabricant doit marquer chaque article lors de sa",
            "Le fabricant marque chaque article\nlors de sa fabrication, comme il peut, lors de sa",
        ),
        sub(FR, "L'autorité peut publier", "L'autorité publie"),
    )(root)
    found = lines_of(root, "W104")
    assert found[0].startswith(f"{FR}:19:{col(root, FR, 19, 'peut')}: warning W104 r001 ")
    assert found[1] == (
        f"{FR}:29:1: warning W104 r003 is a 'may' requirement but its French text does not use "
        "'peut', 'peuvent', 'pourra', 'pourront'; it uses no verbal form"
    )


@pytest.mark.parametrize(
    "lang, text, level, ok",
    [
        ("fr", "Il devra", "shall", True),
        ("fr", "Il devrait", "shall", False),
        ("fr", "Il convient de", "should", True),
        ("fr", "Il ne doit pas", "shall", True),
        ("fr", "Il n'est pas tenu de", "may", True),
        ("es", "Debe", "shall", True),
        ("es", "Deberá", "should", False),
        ("es", "No es necesario", "may", True),
        ("ar", "فينبغي للجهة", "should", True),
        ("ar", "ويجب ألا", "shall", True),
        ("ar", "لا يجوز", "may", False),
        ("ar", "يتعيّن على", "shall", True),
        ("ar", "يُستحسن", "should", True),
        ("ru", "должен", "shall", True),
        ("ru", "должным образом", "shall", False),
        ("ru", "не допускается", "shall", True),
        ("ru", "не допускается", "may", False),
        ("ru", "допускается", "may", True),
        ("ru", "ДОЛЖНЫ", "shall", True),
        ("zh", "应该", "shall", True),
        ("zh", "应该", "should", False),
        ("zh", "供应方", "shall", False),
        ("zh", "不得", "shall", True),
        ("zh", "无须", "may", True),
        ("zh", "无须", "shall", False),
        ("zh", "出口许可证", "may", False),
        ("zh", "宜", "should", True),
        ("zh", "适宜", "should", False),
        ("en", "need not", "may", True),
        ("en", "Shall", "shall", True),
        ("en", "shallow", "shall", False),
    ],
)
def test_verbal_form_table(lang, text, level, ok):
    assert form_table(lang).says(text, level)[0] is ok


def test_verbal_form_table_covers_six_languages_and_is_an_interface_string_file():
    raw = _raw_table()
    for key in ("vf_shall", "vf_shall_not", "vf_should", "vf_should_not", "vf_may", "vf_may_not", "vf_match"):
        assert set(raw[key]) == set(LANGUAGES), key
    assert all(key.startswith("vf_") for key in raw)
    from isacs.i18n.strings import _table  # every i18n/*.yaml is read as interface strings: still loads

    _table.cache_clear()
    assert "vf_shall" in _table()


# --- W105: English normative wording outside requirements ------------------------------------------------


def test_w105_shall_in_running_text(tmp_path):
    root = copy_mini(tmp_path)
    sub(EN, "Fixture text written for the tests.", "Fixture text shall be written for the tests.")(root)
    assert lines_of(root, "W105") == [
        f"{EN}:31:{col(root, EN, 31, 'shall')}: warning W105 'shall' in text that is not a requirement: make the "
        "paragraph a requirement ({: #rNNN } and metadata) or reword it as information"
    ]


def test_w105_one_per_sentence_and_not_in_quotes_code_headings_or_requirements(tmp_path):
    root = copy_mini(tmp_path)
    steps(
        sub(
            EN,
            "This fixture covers [marking](term:marking).",
            'In this module "shall" means a requirement; `shall` is a keyword. See [what r001 shall\n'
            "say](req:#r001).\n\n```\nshall\n```\n\nStates shall, and should, act.\nThey should.",
        ),
        sub(EN, "## Marking\n", "## What shall be marked\n"),
    )(root)
    found = [x.split(" ", 1)[0] for x in lines_of(root, "W105")]
    assert found == [f"{EN}:42:{col(root, EN, 42, 'shall')}:", f"{EN}:43:{col(root, EN, 43, 'should')}:"]


def test_w105_english_only(tmp_path):
    root = copy_mini(tmp_path)
    sub(FR, "Texte de fixture rédigé pour les tests.", "Texte (the text shall be French).")(root)
    assert lines_of(root, "W105") == []


# --- W106: term link text and designations ---------------------------------------------------------------


def test_w106_small_arms_light_weapons_swap(tmp_path):
    root = copy_bundled(tmp_path)
    sub(FR_0550, "[armes de petit calibre](term:small-arm)", "[armes légères](term:small-arm)")(root)
    assert lines_of(root, "W106") == [
        f"{FR_0550}:52:37: warning W106 term link text 'armes légères' is not a designation of 'small-arm' in "
        "French (arme de petit calibre): check the link target, or add the wording to "
        "glossary/concepts/small-arm.yaml as a designation"
    ]


def test_w106_in_the_mini_fixture_without_its_exceptions(tmp_path):
    root = copy_mini(tmp_path)
    (root / EXCEPTIONS_FILE).unlink()
    found = [x.split(" warning ")[0] for x in lines_of(root, "W106")]
    assert found == [f"{AR}:18:38:", f"{EN}:41:54:", f"{FR}:18:53:"]


@pytest.mark.parametrize(
    "lang, text, designation, ok",
    [
        ("en", "small arms", "small arm", True),
        ("en", "Proof marks", "proof mark", True),
        ("en", "risk-reduction process levels", "risk reduction process level", True),
        ("en", "the stockpile", "stockpile", True),
        ("en", "manufacture", "marking", False),
        ("fr", "armes de petit calibre", "arme de petit calibre", True),
        ("fr", "armes légères", "arme de petit calibre", False),
        ("fr", "arme légère illicite", "arme de petit calibre illicite", False),
        ("fr", "poinçons d'épreuve", "poinçon d'épreuve", True),
        ("fr", "arme", "arme de petit calibre", True),
        ("es", "armas pequeñas", "arma pequeña", True),
        ("es", "localización", "rastreo", False),
        ("ru", "стрелкового оружия", "стрелковое оружие", True),
        ("ru", "стрелковым оружием", "стрелковое оружие", True),
        ("ru", "учет", "учёт", True),
        ("ru", "легких вооружений", "лёгкое вооружение", True),
        ("ar", "السلاح الناري", "سلاح ناري", True),
        ("ar", "للضبط", "ضبط", True),
        ("ar", "صنعه", "الوسم", False),
        ("zh", "标识", "唯一标识", True),
        ("zh", "轻武器", "小武器", False),
    ],
)
def test_designation_matching(lang, text, designation, ok):
    assert designates(lang, text, designation) is ok


def test_w106_abbreviation_and_missing_language(tmp_path):
    root = copy_bundled(tmp_path)
    steps(
        sub(
            "modules/iatg/06.10/index.en.md",
            "[net explosive quantity](term:net-explosive-quantity) —",
            "[NEQ](term:net-explosive-quantity) —",
        ),
        # A concept with no French designation is skipped, not compared with English: the French text of
        # 10.10 links `quantity-distance`, which has none.
        sub("modules/iatg/10.10/index.fr.md", "[distances de sécurité]", "[n'importe quoi]"),
    )(root)
    assert lines_of(root, "W106") == []


# --- W107: unused concepts --------------------------------------------------------------------------------


def test_w107_unused_concept(tmp_path):
    root = copy_mini(tmp_path)
    text = (root / MARKING).read_text("utf-8").replace("id: marking", "id: orphan")
    write("glossary/concepts/orphan.yaml", text)(root)
    assert lines_of(root, "W107") == [
        "glossary/concepts/orphan.yaml:1:1: warning W107 concept 'orphan' is not linked from any module: link it "
        "where a module uses the term ([text](term:orphan)), or remove it"
    ]


def test_w107_a_link_in_any_language_counts(tmp_path):
    root = copy_mini(tmp_path)
    steps(
        sub(IATG, "[stockpile](term:stockpile).", "stockpile."),
        sub(IATG, "each [stockpile](term:stockpile) yearly", "each stockpile yearly"),
    )(root)
    assert lines_of(root, "W107") == [
        "glossary/concepts/stockpile.yaml:1:1: warning W107 concept 'stockpile' is "
        "not linked from any module: link it where a module uses the term "
        "([text](term:stockpile)), or remove it"
    ]
    sub(
        FR,
        "Cette fixture couvre le [marquage](term:marking).",
        "Cette fixture couvre le [stock](term:stockpile) et le [marquage](term:marking).",
    )(root)
    assert lines_of(root, "W107") == []


# --- W103 already names the stale requirement ------------------------------------------------------------


def test_w103_names_the_requirement(tmp_path):
    root = copy_mini(tmp_path)
    steps(sub(FR, "translation_of: {}", "translation_of: {r001: '00000000'}"))(root)
    found = lines_of(root, "W103")
    assert len(found) == 1 and found[0].startswith(
        f"{FR}:18:1: warning W103 stale translation: the English text of r001 changed"
    )


# --- accepted exceptions ------------------------------------------------------------------------------------


def test_exception_file_problems_are_errors(tmp_path):
    root = copy_mini(tmp_path)
    write(EXCEPTIONS_FILE, "- {code: W106, file: x}\n- {code: E010, file: x, text: y}\n")(root)
    _, problems = check_repository(root)
    assert [d.format() for d in problems if d.location.path == EXCEPTIONS_FILE] == [
        f"{EXCEPTIONS_FILE}:1:3: error E004 an exception is {{code: W104|W105|W106|W107, file: <path>, text: <what "
        "the warning quotes>}",
        f"{EXCEPTIONS_FILE}:2:3: error E004 an exception is {{code: W104|W105|W106|W107, file: <path>, text: <what "
        "the warning quotes>}",
    ]
    write(EXCEPTIONS_FILE, "- &a {code: W106, file: x, text: y}\n")(root)
    _, problems = check_repository(root)
    assert [d.code for d in problems if d.location.path == EXCEPTIONS_FILE] == ["E023"]


# --- the bundled corpus and the command line -------------------------------------------------------------


def test_bundled_corpus_has_no_lint_warnings():
    corpus, problems = load_corpus(REPO)
    for rule in (check_translated_forms, check_normative_prose, check_term_link_text, check_unused_concepts):
        assert list(rule(corpus)) == [], rule.__name__
    assert len(LINT_RULES) == 5


def test_cli_prints_the_lint_and_exits_0(tmp_path):
    root = copy_mini(tmp_path)
    sub(FR, "Le fabricant doit marquer", "Le fabricant peut marquer")(root)
    run = isacs("check", "--root", str(root))
    assert run.returncode == 0, run.stdout + run.stderr
    assert [line.split(" ", 3)[:3] for line in run.lines] == [[f"{FR}:18:14:", "warning", "W104"]]


def test_w105_not_for_a_requirement_with_a_misplaced_marker(tmp_path):
    root = copy_mini(tmp_path)
    sub(EN, "Fixture text written for the tests.", "The authority shall file it. {: #r003 }")(root)
    _, problems = check_repository(root)
    assert [d.code for d in problems if d.location.path == EN and d.location.line == 31] == ["E016"]
