"""The site's Content-Security-Policy: in a <meta> at the top of every built page, the same in `_headers`
(plus frame-ancestors), allowing no other origin and no inline script but the hashed ones. The browser
tests (test_browser.py, tests/checklists/test_assess_browser.py) fail on any violation in use."""
from __future__ import annotations

import re

from isacs.mkdocs_adapter.csp import inline_script_hashes
from site_testkit import html_pages

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        assert name not in out, f"{name} twice"
        out[name] = sources
    return out


def site_policy(site) -> str:
    policies = {META.search(page.read_text(encoding="utf-8")).group(1) for page in html_pages(site)}
    assert len(policies) == 1, "one policy for the whole site"
    return policies.pop()


def test_every_page_has_the_policy_before_any_script_or_stylesheet(site):
    pages = html_pages(site)
    assert len(pages) > 50 and {p.relative_to(site).as_posix() for p in pages} >= {"404.html", "fr/404.html",
                                                                                   "index.html", "zh/index.html"}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert len(META.findall(text)) == 1, page
        head = text[:text.index("</head>")]
        tag = META.search(head)
        assert tag, f"{page}: the policy is not in <head>"
        before = head[:tag.start()]
        assert "<script" not in before and "<link" not in before and "<style" not in before, page
        assert head.index('<meta charset="utf-8">') < tag.start(), page


def test_the_policy_allows_no_other_origin_and_only_the_hashed_inline_scripts(site):
    policy = directives(site_policy(site))
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
    assert policy["style-src"] == ["'self'"] and policy["font-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert "frame-ancestors" not in policy  # ignored in a meta tag: only in _headers
    script = policy["script-src"]
    assert script[:2] == ["'self'", "'wasm-unsafe-eval'"]  # Pagefind's WebAssembly
    hashes = script[2:]
    assert hashes and all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", h) for h in hashes)
    assert hashes == sorted(hashes)
    # nothing a browser would reach elsewhere, nor run inline without a hash
    for sources in policy.values():
        assert not [s for s in sources if s.startswith(("http", "*", "blob:")) or s == "'unsafe-inline'"
                    or s == "'unsafe-eval'"], sources
    needed = set().union(*(inline_script_hashes(p.read_text(encoding="utf-8")) for p in html_pages(site)))
    assert {f"'sha256-{h}'" for h in needed} == set(hashes)


def test_only_the_themes_inline_scripts_are_hashed_never_one_in_the_content():
    script = "<script>alert(1)</script>"
    theme = "<script>var theme = 1</script>"
    page = (f"<html><head>{theme}<script src=a.js></script><script type=application/json>{{}}</script></head>"
            f"<body><article class=md-content__inner>{script}<article>{script}</article></article>"
            f"<script type='module'>var m = 2</script></body></html>")
    assert len(inline_script_hashes(page)) == 2  # the theme's and the module; not the JSON, not the content
    assert inline_script_hashes(page) == inline_script_hashes(f"{theme}<script type='module'>var m = 2</script>")


def test_no_page_has_inline_styles_or_event_handler_attributes(site):
    # style-src 'self' blocks style="" and <style>; script-src blocks onclick="" (no 'unsafe-hashes').
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=", text), page


def test_headers_file_gives_hosts_the_same_policy(site):
    lines = (site / "_headers").read_text(encoding="utf-8").splitlines()
    rules = [line for line in lines if line and not line.startswith("#")]
    assert rules[0] == "/*"
    headers = dict(line.strip().split(": ", 1) for line in rules[1:])
    assert all(line.startswith("  ") for line in rules[1:])
    header = directives(headers["Content-Security-Policy"])
    assert header.pop("frame-ancestors") == ["'none'"]
    assert header == directives(site_policy(site))
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_applying_the_policy_again_changes_nothing_and_serve_goes_without(tmp_path):
    from isacs.mkdocs_adapter.csp import apply_csp, meta_tag, remove_csp

    page = tmp_path / "fr" / "index.html"
    page.parent.mkdir()
    page.write_text(f'<html><head><meta charset="utf-8">{meta_tag()}<script>var a = 1</script></head></html>',
                    encoding="utf-8")
    (tmp_path / "404.html").write_text("<html><head><title>no policy</title></head></html>", encoding="utf-8")
    hashes = apply_csp(tmp_path)
    assert len(hashes) == 1 and f"'sha256-{hashes[0]}'" in page.read_text(encoding="utf-8")
    first = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert apply_csp(tmp_path) == hashes  # `isacs build-site` finishes each language, then the merged site
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == first
    assert (tmp_path / "404.html").read_text(encoding="utf-8") == "<html><head><title>no policy</title></head></html>"
    remove_csp(tmp_path)  # mkdocs serve: its live reload is an inline script
    assert "Content-Security-Policy" not in page.read_text(encoding="utf-8")
