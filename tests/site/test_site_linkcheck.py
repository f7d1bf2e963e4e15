"""`isacs linkcheck`: linkchecker over a served site finds a broken link and an unknown anchor, each with the
page that holds it, and the built fixture site has neither."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from isacs.cli.linkcheck import check_site
from isacs.cli.main import main

PAGES = {
    "index.html": '<html lang="en"><body><h1 id="top">Home</h1>'
                  '<a href="fr/">French</a> <a href="isacs/05.30/#r001">r001</a> <a href="#top">top</a>\n'
                  '<a href="isacs/05.30/#r404">gone</a></body></html>',
    "fr/index.html": '<html lang="fr"><body><a href="../">English</a>\n'
                     '<a href="../isacs/05.31/">missing module</a></body></html>',
    "isacs/05.30/index.html": '<html><body><p id="r001">text</p>\n\n<a href="#r099">unknown anchor</a>'
                              '<a href="../../">home</a></body></html>',
    "pagefind/pagefind.js": "not crawled",
}


@pytest.fixture
def planted(tmp_path) -> Path:
    site = tmp_path / "site"
    for name, text in PAGES.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    return site


def test_a_planted_broken_link_and_unknown_anchor_are_reported_on_their_pages(planted):
    broken = check_site(planted, threads=4)
    assert [(b.page, b.line, b.code, b.url) for b in broken] == [
        ("fr/index.html", 2, "L001", "/isacs/05.31/"),  # a page that does not exist
        ("index.html", 2, "L002", "isacs/05.30/#r404"),  # an id another page does not have
        ("isacs/05.30/index.html", 3, "L002", "#r099"),  # an id the page itself does not have
    ], broken
    assert "404" in broken[0].reason and "'r404'" in broken[1].reason


def test_the_command_prints_file_line_and_code_and_fails(planted, capsys):
    assert main(["linkcheck", "--site", str(planted)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].startswith(f"{planted.as_posix()}/fr/index.html:2:") and " error L001 " in lines[0]
    assert lines[2].startswith(f"{planted.as_posix()}/isacs/05.30/index.html:3:") and " error L002 " in lines[2]
    assert "3 broken link(s) on 3 page(s)" in err


def test_a_site_without_problems_passes_and_a_missing_site_is_a_clear_error(planted, tmp_path, capsys):
    (planted / "fr" / "index.html").write_text('<a href="../">English</a>', encoding="utf-8")
    (planted / "index.html").write_text('<a href="fr/">fr</a><a href="isacs/05.30/#r001">r001</a>', encoding="utf-8")
    (planted / "isacs" / "05.30" / "index.html").write_text('<p id="r001">text</p><a href="#r001">here</a>',
                                                           encoding="utf-8")
    assert main(["linkcheck", "--site", str(planted)]) == 0
    assert main(["linkcheck", "--site", str(tmp_path / "nothing")]) == 2
    assert "build the site first" in capsys.readouterr().err


def test_the_built_fixture_site_has_no_broken_links(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    assert check_site(copy) == []
