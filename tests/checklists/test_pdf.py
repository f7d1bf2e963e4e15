"""PDF checklists are laid out with real fonts: Arabic shaped right-to-left, Chinese in a CJK face."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from checklist_testkit import pdf_text, run_cli

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
                                reason="poppler-utils is not installed")


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
    assert "Noto-Sans-Arabic" in fonts(output)


def test_chinese_pdf_uses_a_cjk_font(mini, tmp_path):
    output = tmp_path / "zh.pdf"
    assert run_cli("--root", str(mini), "--lang", "zh", "-o", str(output))[0] == 0
    text = pdf_text(output)
    for words in ("核对清单", "尚未翻译：要求文本为英文原文。", "☐ 部分符合", "☐ 不适用", "语言: 中文"):
        assert words in text
    assert "Noto-Sans-CJK-SC" in fonts(output)


def test_series_pdf_holds_each_module_with_its_own_stamp(mini, tmp_path):
    output = tmp_path / "all.pdf"
    assert run_cli("--root", str(mini), "-o", str(output))[0] == 0
    text = pdf_text(output)
    assert text.index("ISACS 05.30 — Marking fixture") < text.index("IATG 06.10 — Storage fixture")
    assert "Edition: 2026 · Version: 1.0" in text and "Edition: 2021 · Version: 3" in text
    assert "RRPL 3" in text  # IATG rows carry their level
