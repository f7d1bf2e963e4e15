"""Module PDFs (isacs.checklists.module_print, module_pdf), printed from the bundled corpus (modules/): the
text reads back in Latin, Arabic and Chinese script; a bookmark per clause with the site's clause numbers;
tagged, with the document language; every font embedded; the fallback notice over an untranslated module;
title page, running header and page numbers; the same bytes when printed again; scheme links never leak;
a second build prints nothing."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import pikepdf
import pytest
from ruamel.yaml import YAML

from checklist_testkit import BIDI_CONTROLS, EPOCH
from isacs.checklists import chromium, module_pdf, module_print
from isacs.checklists.stamp import make_stamp
from isacs.core import module_body
from isacs.core.languages import LANGUAGES
from isacs.core.validate import check_repository
from isacs.i18n.strings import t
from isacs.render import module_page

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")

REPO = Path(__file__).resolve().parents[2]
MARKING, TRANSFERS, STORAGE, DESTRUCTION = "isacs/05.30", "isacs/03.20", "iatg/06.10", "isacs/05.50"
# (module, language): 05.30 in three scripts, 03.20 (English only) in French, an IATG module (RRPL), a
# module with a withdrawn requirement.
PRINTED = [(MARKING, "en"), (MARKING, "ar"), (MARKING, "zh"), (TRANSFERS, "fr"), (STORAGE, "en"), (DESTRUCTION, "es")]


@pytest.fixture(scope="module")
def corpus():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        corpus, _ = check_repository(REPO)
        stamp = make_stamp(REPO)
    return corpus, stamp


def documents(corpus, stamp) -> list[module_print.PrintedModule]:
    return [module_print.document(corpus, corpus.modules[m], lang, stamp) for m, lang in PRINTED]


@pytest.fixture(scope="module")
def pdfs(corpus) -> dict[tuple[str, str], bytes]:
    """The PDFs of PRINTED, printed in one batch."""
    corpus, stamp = corpus
    return dict(zip(PRINTED, module_pdf.render_many(documents(corpus, stamp), stamp)))


def text(data: bytes, *pages: int) -> str:
    """pdftotext of the PDF (or of its pages first..last), bidi controls removed."""
    limits = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *limits, "-", "-"], input=data, capture_output=True, check=True
    )
    return BIDI_CONTROLS.sub("", done.stdout.decode("utf-8"))


def flat(value: str) -> str:
    return " ".join(value.split())


def outline(data: bytes) -> list[tuple[int, str]]:
    """(depth, title) of every bookmark, in document order."""
    out: list[tuple[int, str]] = []

    def walk(items, depth):
        for item in items:
            out.append((depth, item.title))
            walk(item.children, depth + 1)

    with pikepdf.open(io.BytesIO(data)) as pdf, pdf.open_outline() as tree:
        walk(tree.root, 0)
    return out


def test_english_pdf_reads_back_title_requirement_ids_and_text(corpus, pdfs):
    corpus, _ = corpus
    module = corpus.modules[MARKING]
    found = flat(text(pdfs[(MARKING, "en")]))
    assert "ISACS 05.30 — Marking and recordkeeping" in found
    for req in module.requirements:
        if not req.is_tombstone:  # each requirement: its ID, its level, its sentence
            assert f"{req.id} {t('en', 'level_' + req.level)}" in found, req.id
            assert flat(req.texts["en"].plain) in found, req.id


def test_arabic_pdf_reads_back_in_arabic_script(corpus, pdfs):
    corpus, _ = corpus
    module = corpus.modules[MARKING]
    found = flat(text(pdfs[(MARKING, "ar")]))
    # pdftotext splits the lam-alef ligature and misreads a final alef maksura: the words here avoid both.
    sentence = "جهة مصنعة أن تضع"
    assert sentence in flat(module.requirements[0].texts["ar"].plain)  # r001's own words
    assert sentence in found
    assert "الوسم وحفظ" in found  # the title
    assert [r.id for r in module.requirements if r.id in found] == [r.id for r in module.requirements]
    assert re.search(rf"r001\s*{t('ar', 'level_shall')}", found)  # pdftotext may drop the space at the bidi seam


def test_chinese_pdf_reads_back_in_chinese_script(corpus, pdfs):
    corpus, _ = corpus
    module = corpus.modules[MARKING]
    found = text(pdfs[(MARKING, "zh")])
    dense = re.sub(r"\s+", "", found)  # a Chinese line breaks anywhere: compare without the breaks
    assert "标识和记录保存" in found
    for req in module.requirements:
        assert req.id in found
        assert re.sub(r"\s+", "", req.texts["zh"].plain) in dense, req.id


def test_iatg_requirements_carry_their_rrpl_and_actors(corpus, pdfs):
    corpus, _ = corpus
    found = flat(text(pdfs[(STORAGE, "en")]))
    for req in corpus.modules[STORAGE].requirements:
        if req.is_tombstone:
            continue
        actors = ", ".join(corpus.actors[a].label("en") for a in req.actors)
        assert f"{req.id} {t('en', 'level_' + req.level)} · RRPL {req.rrpl} · Actors: {actors}" in found, req.id


@pytest.mark.parametrize(
    "key", [(MARKING, "en"), (MARKING, "ar"), (MARKING, "zh"), (TRANSFERS, "fr"), (DESTRUCTION, "es")]
)
def test_a_bookmark_per_clause_numbered_as_on_the_site(corpus, pdfs, key):
    corpus, _ = corpus
    module, lang = corpus.modules[key[0]], key[1]
    text_lang = lang if lang in module.translations else "en"
    expected = [(0, f"{module.label} — {module.title_in(lang)}")] + [
        (clause.depth, module_body.heading_text(clause, text_lang, clause.title(text_lang)))
        for clause in module.all_clauses()
    ]
    withdrawn = [(1, t(lang, "withdrawn_requirements"))] if any(r.is_tombstone for r in module.requirements) else []
    assert outline(pdfs[key]) == expected + withdrawn
    assert any(re.match(r"\d+\.\d+ ", title) for _, title in expected)  # numbered sub-clauses are there


def test_withdrawn_requirements_are_listed_after_the_body(corpus, pdfs):
    corpus, _ = corpus
    dead = next(r for r in corpus.modules[DESTRUCTION].requirements if r.is_tombstone)
    found = flat(text(pdfs[(DESTRUCTION, "es")]))
    line = t("es", "withdrawn_requirement", id=dead.id, edition=dead.withdrawn)
    assert found.index(t("es", "withdrawn_requirements")) < found.index(line)
    assert f"{line} {t('es', 'replaced_by', target=dead.replaced_by)}" in found


def test_clause_numbers_are_the_sites(corpus):
    # the PDF's body and the site's page number every heading alike, in every language (fallbacks included)
    corpus, _ = corpus
    for module in corpus.modules.values():
        for lang in LANGUAGES:
            printed = module_print.body_markdown(corpus, module, lang)
            page = module_page.render(corpus, module, lang)
            headings = [line for line in printed.split("\n") if line.startswith("#")]
            assert len(headings) == len(list(module.all_clauses())) > 0
            assert [line for line in page.split("\n") if line in headings] == headings


@pytest.mark.parametrize("key", PRINTED)
def test_tagged_with_the_document_language(pdfs, key):
    with pikepdf.open(io.BytesIO(pdfs[key])) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in pdf.Root and len(pdf.Root.StructTreeRoot.K) > 0
        assert str(pdf.Root.Lang) == key[1]


def _fonts(pdf: pikepdf.Pdf):
    for page in pdf.pages:
        for font in page.Resources.get("/Font", {}).values():
            yield font
            yield from font.get("/DescendantFonts", [])


@pytest.mark.parametrize("key", PRINTED)
def test_every_font_is_embedded(pdfs, key):
    with pikepdf.open(io.BytesIO(pdfs[key])) as pdf:
        fonts = list(_fonts(pdf))
        assert fonts
        names = set()
        for font in fonts:
            if font.Subtype == "/Type0":
                continue  # its descendant holds the glyphs
            assert font.Subtype != "/Type3", "glyphs drawn as Type 3 procedures, not a font"
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(font.FontDescriptor.keys()), font.BaseFont
            names.add(str(font.BaseFont))
    face = {"ar": "NotoSansArabic", "zh": "WenQuanYiMicroHei"}.get(key[1], "NotoSans")
    assert any(face in name for name in names), names


def test_untranslated_module_is_english_under_the_fallback_notice(corpus, pdfs):
    corpus, _ = corpus
    module = corpus.modules[TRANSFERS]
    assert "fr" not in module.translations  # the bundled corpus' English-only module
    found = flat(text(pdfs[(TRANSFERS, "fr")]))
    assert flat(t("fr", "fallback_notice")) in found
    first = next(r for r in module.requirements if not r.is_tombstone)
    assert flat(first.texts["en"].plain) in found  # the English original
    assert f"{first.id} {t('fr', 'level_' + first.level)}" in found  # under the French interface
    doc = module_print.document(corpus, module, "fr", make_stamp(REPO))
    assert '<div class="body" lang="en" dir="ltr">' in doc.html


def test_title_page_running_header_and_page_numbers(corpus, pdfs):
    corpus, _ = corpus
    module, data = corpus.modules[MARKING], pdfs[(MARKING, "en")]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        count = len(pdf.pages)
    assert count > 2
    title_page = flat(text(data, 1))
    for label, value in [
        ("Edition", module.edition),
        ("Version", module.version),
        ("Date", module.date.isoformat()),
        ("Status", "Published"),
    ]:
        assert f"{label} {value}" in title_page
    assert "Generated: 2026-01-01" in title_page and "Generator: isacs-toolchain" in title_page
    assert f"Page 1 of {count}" in title_page
    running = f"{module.label} — {module.title}"
    footer = f"Edition: {module.edition} · Version: {module.version}"
    assert footer not in title_page  # the title page has no running header or footer line
    for number in range(2, count + 1):
        page = flat(text(data, number))
        assert page.startswith(running), number  # the running header heads every later page
        assert f"Page {number} of {count}" in page and footer in page, number


def test_arabic_page_numbers_are_in_arabic(pdfs):
    data = pdfs[(MARKING, "ar")]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        count = len(pdf.pages)
    # "الصفحة 2 من 6": pdftotext loses the space between a number and the Arabic word after it
    assert re.search(rf"الصفحة\s*2\s*من\s*{count}\b", text(data, 2))


def test_same_input_gives_the_same_bytes(corpus, pdfs):
    # Printed again in a smaller batch: the Arabic module is now the first document its tab prints, not the
    # second (Chromium numbers the tagged structure after DOM nodes, counted across a tab's documents).
    corpus, stamp = corpus
    again = module_pdf.render_many(documents(corpus, stamp)[:2], stamp)
    assert again == [pdfs[PRINTED[0]], pdfs[PRINTED[1]]]
    with pikepdf.open(io.BytesIO(again[0])) as pdf:
        assert str(pdf.docinfo.CreationDate) == "D:20260101000000Z"
        assert str(pdf.docinfo.Title) == "ISACS 05.30 — Marking and recordkeeping"


def test_scheme_links_become_anchors_or_text(corpus, pdfs):
    corpus, stamp = corpus
    module = corpus.modules[MARKING]
    assert {link.kind for link in module.translations["en"].links} >= {"term", "module", "req"}
    html = module_print.document(corpus, module, "en", stamp).html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert "#r002" in hrefs  # `req:#r002` in the body: a link to the requirement in this document
    assert not [h for h in hrefs if not h.startswith("#")]
    assert re.search(r'id="r002"', html)
    with pikepdf.open(io.BytesIO(pdfs[(MARKING, "en")])) as pdf:
        links = [a for page in pdf.pages for a in page.get("/Annots", []) if a.Subtype == "/Link"]
        assert links  # the in-document link survived printing
        uris = [str(a.A.URI) for a in links if "/A" in a and "/URI" in a.A]
    assert not [u for u in uris if u.split(":")[0] in ("term", "req", "module", "instrument")]


def test_markup_smuggled_into_a_body_is_removed(corpus):
    corpus, stamp = corpus
    module = corpus.modules[MARKING]
    hostile = "\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n"
    english = dataclasses.replace(module.translations["en"], body=module.translations["en"].body + hostile)
    forged = dataclasses.replace(module, translations={**module.translations, "en": english})
    html = module_print.document(corpus, forged, "en", stamp).html
    body = html[html.index("<body>") :]
    assert "x" in body[body.rindex("</p>") - 40 :]  # the link's text stays, as text
    for smuggled in ("<script", "alert(1)</script>", "<img", "onerror", "javascript:"):
        assert smuggled not in body, smuggled


def test_a_second_build_reads_every_pdf_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = tmp_path / "mini"
    shutil.copytree(REPO / "tests" / "fixtures" / "mini", root)
    corpus, _ = check_repository(root)
    stamp = make_stamp(root)
    cache = tmp_path / "cache"
    planned, files = module_pdf.build(corpus, ["ar"], stamp, cache)
    assert [item.path for item in planned["ar"]] == [
        "downloads/isacs-05-30-ar-module.pdf",
        "downloads/iatg-06-10-ar-module.pdf",
    ]
    assert all(files[item.path].startswith(b"%PDF-") for item in planned["ar"])

    def no_printing(*args, **kwargs):
        raise AssertionError("a module PDF was printed again instead of read from the cache")

    monkeypatch.setattr(chromium, "print_pdfs", no_printing)
    monkeypatch.setattr(module_pdf, "document", lambda *args: pytest.fail("a print document was written"))
    assert module_pdf.build(corpus, ["ar"], stamp, cache) == (planned, files)


LANGS = ["fr", "en", "es"]


def rebuilt_after_edit(tmp_path, monkeypatch, text_file: str, sentence: str):
    """Module PDFs of the mini corpus in LANGS, built, then built again after `sentence` is added to 05.30's
    `text_file`: (PDFs before, PDFs after, the (module, language) pairs printed again)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = tmp_path / "mini"
    shutil.copytree(REPO / "tests" / "fixtures" / "mini", root)
    corpus, _ = check_repository(root)
    stamp, cache = make_stamp(root), tmp_path / "cache"
    _, before = module_pdf.build(corpus, LANGS, stamp, cache)
    source = root / "modules" / "isacs" / "05.30" / text_file
    source.write_text(source.read_text("utf-8") + f"\n{sentence}\n", "utf-8")
    corpus, _ = check_repository(root)
    printed: list[tuple[str, str]] = []
    document = module_pdf.document
    monkeypatch.setattr(
        module_pdf, "document", lambda c, m, lang, s: printed.append((m.id, lang)) or document(c, m, lang, s)
    )
    _, after = module_pdf.build(corpus, LANGS, stamp, cache)
    return before, after, printed


def test_an_edited_module_is_printed_again_and_only_it(tmp_path, monkeypatch):
    # keyed by the inputs: a changed module text (or anything else the document shows) is a new PDF,
    # the other modules' PDFs come from the cache
    before, after, printed = rebuilt_after_edit(tmp_path, monkeypatch, "index.fr.md", "Une phrase ajoutée.")
    # the French text changed: the French PDF alone (English and Spanish do not show it)
    assert printed == [(MARKING, "fr")]
    assert after["downloads/isacs-05-30-en-module.pdf"] == before["downloads/isacs-05-30-en-module.pdf"]
    assert "Une phrase ajoutée" in flat(text(after["downloads/isacs-05-30-fr-module.pdf"]))
    assert after["downloads/iatg-06-10-fr-module.pdf"] == before["downloads/iatg-06-10-fr-module.pdf"]


def test_an_english_edit_reprints_english_and_the_languages_shown_in_english(tmp_path, monkeypatch):
    # the mini corpus' 05.30 has no Spanish text: its Spanish PDF shows the English one under the notice
    _, _, printed = rebuilt_after_edit(tmp_path, monkeypatch, "index.en.md", "One more sentence.")
    assert sorted(printed) == [(MARKING, "en"), (MARKING, "es")]


def test_every_module_in_every_language_is_planned_with_its_language_in_the_name(corpus):
    corpus, _ = corpus
    module = corpus.modules[MARKING]
    names = {module_pdf.site_path(module, lang) for lang in LANGUAGES}
    assert names == {f"downloads/isacs-05-30-{lang}-module.pdf" for lang in LANGUAGES}


def test_interface_strings_in_six_languages_with_the_same_placeholders():
    table = YAML(typ="safe").load(resources.files("isacs.i18n").joinpath("module_pdf.yaml").read_text("utf-8"))
    assert set(table) >= {"mp_pdf_link", "mp_pdf_link_size", "mp_page_n_of", "mp_col_module_pdf"}
    for key, values in table.items():
        assert key.startswith("mp_") and set(values) == set(LANGUAGES), key
        placeholders = set(re.findall(r"\{(\w+)\}", values["en"]))
        assert all(set(re.findall(r"\{(\w+)\}", str(values[lang]))) == placeholders for lang in LANGUAGES), key


def test_documents_written_by_forked_processes_are_the_ones_written_here(corpus):
    corpus, stamp = corpus
    wanted = [(m, lang) for m, lang in PRINTED]
    here = module_pdf.documents(corpus, wanted, stamp, jobs=1)
    forked = module_pdf.documents(corpus, wanted, stamp, jobs=2, min_chars=0)
    assert forked == here
    assert [(d.module, d.lang) for d in forked] == wanted
