"""PDF checklists are printed by Chromium with real fonts: Arabic shaped right-to-left, Chinese in a CJK
face embedded as a font (not Type 3 glyphs); module PDFs cut out of a printed bundle are the same as
printed alone; without Chromium the command says what to install."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from checklist_testkit import pdf_text, run_cli
from isacs.checklists import chromium, pdf
from isacs.checklists.filters import Filters
from isacs.checklists.rows import build_checklist
from isacs.checklists.stamp import make_stamp
from isacs.core.validate import check_repository

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None, reason="poppler-utils is not installed"
)


def fonts(path) -> str:
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout


def test_arabic_pdf_is_rtl_text_in_an_arabic_font(mini, tmp_path):
    output = tmp_path / "ar.pdf"
    assert run_cli("--root", str(mini), "--module", "isacs/05.30", "--lang", "ar", "-o", str(output))[0] == 0
    text = pdf_text(output)
    # Shaped text extracts back in logical order (pdftotext renders the lam-alef ligature as "ال", so the
    # words checked here avoid it).
    for words in ("قائمة التحقق", "نموذج الوسم", "ينبغي للدول", "☐ ممتثل", "☐ غير ممتثل"):
        assert words in text
    assert "NotoSansArabic" in fonts(output)


def test_chinese_pdf_uses_a_cjk_font(mini, tmp_path):
    output = tmp_path / "zh.pdf"
    assert run_cli("--root", str(mini), "--lang", "zh", "-o", str(output))[0] == 0
    text = pdf_text(output)
    for words in ("核对清单", "尚未翻译：要求文本为英文原文。", "☐ 部分符合", "☐ 不适用", "语言: 中文"):
        assert words in text
    listed = fonts(output)
    assert "WenQuanYiMicroHei" in listed and "Type 3" not in listed


def test_series_pdf_holds_each_module_with_its_own_stamp(mini, tmp_path):
    output = tmp_path / "all.pdf"
    assert run_cli("--root", str(mini), "-o", str(output))[0] == 0
    text = pdf_text(output)
    assert text.index("ISACS 05.30 — Marking fixture") < text.index("IATG 06.10 — Storage fixture")
    assert "Edition: 2026 · Version: 1.0" in text and "Edition: 2021 · Version: 3" in text
    assert "RRPL 3" in text  # IATG rows carry their level


def test_each_module_has_its_own_page_numbers_in_a_bundle(mini, tmp_path):
    output = tmp_path / "all.pdf"
    assert run_cli("--root", str(mini), "-o", str(output))[0] == 0
    pages = pdf_pages(output)
    footers = [" ".join(page.rstrip().splitlines()[-1].split()) for page in pages]
    # How many pages a module takes depends on the fonts; each module's pages count from 1 all the same.
    numbered = [re.fullmatch(r"(.+) Page (\d+)", footer).groups() for footer in footers]
    modules = [title for title, number in numbered if number == "1"]
    assert modules == ["ISACS 05.30 — Marking fixture", "IATG 06.10 — Storage fixture"]
    for (title, number), (previous_title, previous_number) in zip(numbered[1:], numbered):
        if number != "1":
            assert (title, int(number)) == (previous_title, int(previous_number) + 1)


def pdf_pages(path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


def test_module_cut_from_the_bundle_is_the_module_printed_alone(mini):
    corpus, _ = check_repository(mini)
    stamp = make_stamp(mini)
    bundle = build_checklist(corpus, Filters(lang="ar"), stamp)  # both modules of the corpus
    alone = build_checklist(corpus, Filters(lang="ar", modules=("isacs/05.30",)), stamp)
    iatg = build_checklist(corpus, Filters(lang="ar", modules=("iatg/06.10",)), stamp)
    shall = build_checklist(corpus, Filters(lang="ar", modules=("iatg/06.10",), levels=("shall",)), stamp)
    printed, cuts = pdf.plan([alone, bundle, iatg, shall])
    assert printed == [1, 3] and set(cuts) == {0, 2}  # a filtered list shows other rows: printed itself
    assert (cuts[2].first, cuts[2].count) == (1, 1)
    cut = pdf.render_many([alone, bundle])[0]
    assert text_of(cut) == text_of(pdf.render(alone))
    with pikepdf.open(io.BytesIO(cut)) as document:
        assert (str(document.docinfo["/Title"]), str(document.Root.Lang), len(document.pages)) == (
            "قائمة التحقق — ISACS 05.30 — نموذج الوسم",
            "ar",
            1,
        )


def text_of(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")


def test_without_chromium_the_command_says_what_to_install(mini, tmp_path, monkeypatch):
    monkeypatch.setenv("ISACS_CHROMIUM", str(tmp_path / "no-such-browser"))
    chromium.executable.cache_clear()
    try:
        output = tmp_path / "05.30.pdf"
        code, _, err = run_cli("--root", str(mini), "--module", "isacs/05.30", "-o", str(output))
    finally:
        chromium.executable.cache_clear()
    assert code == 1 and not output.exists() and not list(tmp_path.glob(".*.tmp"))
    assert err.startswith("isacs checklist: error: ISACS_CHROMIUM=") and "not an executable file" in err
    assert "Traceback" not in err


def test_with_no_browser_at_all_the_error_names_the_package_to_install(monkeypatch):
    monkeypatch.delenv("ISACS_CHROMIUM", raising=False)
    monkeypatch.setattr(chromium, "CANDIDATES", ("isacs-test-no-such-browser",))
    chromium.executable.cache_clear()
    try:
        with pytest.raises(chromium.PdfEngineError) as raised:
            chromium.executable()
    finally:
        chromium.executable.cache_clear()
    assert "apt-get install chromium-headless-shell" in str(raised.value)


HEADLESS_SHELL = Path("/usr/lib/chromium/chromium-headless-shell")


@pytest.mark.skipif(
    not HEADLESS_SHELL.exists(), reason="needs Debian's chromium-headless-shell (scripts/dev.py installs it)"
)
def test_debians_headless_shell_prints_when_installed_and_the_cache_key_names_it(monkeypatch):
    monkeypatch.delenv("ISACS_CHROMIUM", raising=False)
    chromium.executable.cache_clear()
    chromium.version.cache_clear()
    try:
        assert chromium.executable() == str(HEADLESS_SHELL)  # preferred over full chromium: half the CPU
        assert re.fullmatch(r"chromium-headless-shell: Chromium \d+(\.\d+)+", chromium.version())
    finally:
        chromium.executable.cache_clear()
        chromium.version.cache_clear()


SNIPPET = """
import os, subprocess, sys
from isacs.checklists import chromium

held = os.pipe()  # fds 3 and 4 are open while the browser's pipes are made (they get other numbers) ...
popen = subprocess.Popen

def closing_first(*args, **kwargs):  # ... and closed by the time it starts, as another thread may do
    for fd in held:
        os.close(fd)
    return popen(*args, **kwargs)

subprocess.Popen = closing_first
assert held == (3, 4), held
sys.stdout.write(str(len(chromium.print_pdfs(["<p>x</p>"])[0])))
"""


def test_the_browser_pipe_works_whatever_this_process_has_open_at_fds_3_and_4():
    # The browser reads its fds 3 and 4; what this process has at those numbers must not matter (an
    # earlier version passed them with pass_fds=(3, 4) and failed with EBADF in a fresh `mkdocs build`).
    done = subprocess.run([sys.executable, "-c", SNIPPET], capture_output=True, text=True, close_fds=True)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 500  # a PDF came back through the pipe


def test_a_browser_that_dies_gives_its_last_words_not_a_hang(tmp_path, monkeypatch):
    fake = tmp_path / "fake-chromium"
    fake.write_text("#!/bin/sh\necho 'fake-chromium: cannot start the renderer' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("ISACS_CHROMIUM", str(fake))
    chromium.executable.cache_clear()
    try:
        with pytest.raises(chromium.PdfEngineError) as raised:
            chromium.print_pdfs(["<p>x</p>"])
    finally:
        chromium.executable.cache_clear()
    assert str(raised.value) == f"Chromium ({fake}) stopped unexpectedly: fake-chromium: cannot start the renderer"


def test_series_pdf_has_a_bookmark_per_module_in_reading_order(mini, tmp_path):
    # Chromium writes right-to-left bookmark titles in visual order ("السجلات ... — ISACS 05.30"); the
    # module headings replace them, so an Arabic reader's bookmark panel reads as the page does.
    output = tmp_path / "all-ar.pdf"
    assert run_cli("--root", str(mini), "--lang", "ar", "-o", str(output))[0] == 0
    with pikepdf.open(output) as document, document.open_outline() as outline:
        titles = [entry.title for entry in outline.root]
    corpus, _ = check_repository(mini)
    marking, storage = corpus.modules["isacs/05.30"], corpus.modules["iatg/06.10"]
    assert re.search("[\u0600-\u06ff]", marking.title_in("ar"))
    assert titles == [f"ISACS 05.30 — {marking.title_in('ar')}", f"IATG 06.10 — {storage.title_in('ar')}"]
