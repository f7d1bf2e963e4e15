"""The README shows each practitioner feature with a screenshot (issue 14): every screenshot the script
takes is in docs/screenshots/, is a real image of a reader's screen, and the README shows it with a text
alternative; nothing in docs/screenshots/ is left unused."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "docs" / "screenshots"
IMAGE = re.compile(r"!\[([^\]]*)\]\((docs/screenshots/[^)]+)\)")

sys.path.insert(0, str(REPO / "scripts"))
import screenshots  # noqa: E402  (scripts/ is not a package)


def shown() -> dict[str, str]:
    """README image path -> its alternative text."""
    return {path: alt for alt, path in IMAGE.findall((REPO / "README.md").read_text(encoding="utf-8"))}


def test_every_feature_the_script_shoots_is_shown_in_the_readme():
    expected = {f"docs/screenshots/{name}.jpg" for name in [*screenshots.SHOTS, "module-pdf"]}
    assert expected <= set(shown()), sorted(expected - set(shown()))
    assert {f"docs/screenshots/{p.name}" for p in SHOTS.iterdir()} == expected  # no stale file


def test_each_screenshot_is_an_image_with_a_text_alternative():
    for path, alt in shown().items():
        assert len(alt.split()) >= 3, f"{path}: the alternative text says too little: {alt!r}"
        with Image.open(REPO / path) as image:
            image.verify()
        with Image.open(REPO / path) as image:
            assert image.format == "JPEG" and image.width >= 390 and image.height >= 300, (path, image.size)
            # a screen, not a blank page: more than a handful of distinct shades
            assert len(image.convert("L").getcolors(maxcolors=256) or range(256)) > 16, path
        assert (REPO / path).stat().st_size < 200 * 1024, f"{path}: over 200 KiB"
