"""The site's Content-Security-Policy: nothing from a third-party origin, no inline script but Material's own.

Every page carries the policy in a `<meta http-equiv="Content-Security-Policy">` right after its charset
(overrides/main.html writes it without hashes, before any script), and `_headers` at the site root gives
hosts that read it (Netlify, Cloudflare Pages) the same policy as an HTTP header, plus what a meta tag
cannot say (frame-ancestors). Once every language is on disk, `apply_csp` hashes the theme's inline
scripts in all built pages (Material's: its `__md_scope` line differs with the page's depth) and writes
the one site-wide policy into every page and into `_headers`: both are enforced together, so they must
agree. Only scripts outside the page content (<article>) are hashed: a script that reached the content
from the sources (which the content sanitiser should never let through) stays blocked.

Running it again over a site it has already finished gives the same bytes (the merge of
`isacs build-site` finishes each language, then the merged site).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

# The directives, in order. script-src gains the sha256 of each inline script at post-build.
#   default-src 'self'      everything else (fetch/XHR, workers, frames, media, manifest) from the site only
#   script-src 'self'       the theme's and the site's script files; 'wasm-unsafe-eval' lets Pagefind
#                           compile its WebAssembly search engine (no eval() of JavaScript)
#   style-src 'self'        stylesheets from the site: no inline <style> and no style="" attribute in
#                           the built pages; scripts style elements through the CSSOM, which CSP allows
#   img-src 'self' data:    Material's icons are SVG data: URIs in its CSS (masks)
#   font-src 'self'         system fonts (theme font: false); nothing from a font CDN
#   object-src 'none'       no plugins (<object>, <embed>)
#   base-uri 'self'         an injected <base> cannot redirect relative URLs elsewhere
#   form-action 'self'      a form can only submit to the site
DIRECTIVES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("default-src", ("'self'",)),
    ("script-src", ("'self'", "'wasm-unsafe-eval'")),
    ("style-src", ("'self'",)),
    ("img-src", ("'self'", "data:")),
    ("font-src", ("'self'",)),
    ("object-src", ("'none'",)),
    ("base-uri", ("'self'",)),
    ("form-action", ("'self'",)),
)
# Only in the HTTP header: browsers ignore frame-ancestors in a meta tag. No site may frame the pages
# (clickjacking); the PDFs and spreadsheets are downloads, never framed.
HEADER_ONLY: tuple[tuple[str, tuple[str, ...]], ...] = (("frame-ancestors", ("'none'",)),)
# Other headers of every response: no MIME sniffing (a JSON or CSV download is never run as a script).
EXTRA_HEADERS = (("X-Content-Type-Options", "nosniff"),)

HEADERS_FILE = "_headers"
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.I)
# Inline scripts the browser runs (and CSP checks): no type, a JavaScript type, a module or an import
# map. JSON data blocks (Material's __config, the self-assessment's) are never run and need no hash.
_RUN_TYPES = {"", "text/javascript", "application/javascript", "module", "importmap"}
# The page content, rendered from the sources: from the first <article> to the last </article>.
_CONTENT = re.compile(r"<article\b.*</article>", re.S | re.I)


def policy(hashes: list[str] = (), header: bool = False) -> str:
    """The policy text: the meta tag's, or with `header` the `_headers` one (adds frame-ancestors)."""
    parts = []
    for name, sources in DIRECTIVES + (HEADER_ONLY if header else ()):
        if name == "script-src":
            sources = (*sources, *(f"'sha256-{h}'" for h in hashes))
        parts.append(" ".join((name, *sources)))
    return "; ".join(parts)


def meta_tag(hashes: list[str] = ()) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'


def inline_script_hashes(html: str) -> set[str]:
    """base64 sha256 of each inline script of the theme (outside the page content) that the browser would
    run, as CSP hashes them (the text as is)."""
    out = set()
    for attrs, body in _SCRIPT.findall(_CONTENT.sub("", html)):
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        kind = _TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") in _RUN_TYPES:
            out.add(base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii"))
    return out


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*.html") if p.is_file())


def headers_file(hashes: list[str]) -> str:
    """`_headers` (Netlify / Cloudflare Pages): the policy and the extra headers on every path."""
    lines = [
        "# Security headers for every response (Netlify and Cloudflare Pages read this file).",
        "# The same Content-Security-Policy is in each page's <meta>, plus frame-ancestors.",
        "/*",
        f"  Content-Security-Policy: {policy(hashes, header=True)}",
    ]
    lines += [f"  {name}: {value}" for name, value in EXTRA_HEADERS]
    return "\n".join(lines) + "\n"


def apply_csp(site_dir: Path) -> list[str]:
    """Write the site-wide policy into every built page that has the meta tag, and `_headers`; returns
    the script hashes. Pages without the tag (none from this theme) are left alone."""
    pages = {path: path.read_text(encoding="utf-8") for path in html_pages(site_dir)}
    hashes = sorted(set().union(*map(inline_script_hashes, pages.values())))
    tag = meta_tag(hashes)
    for path, text in pages.items():
        new = META.sub(lambda _: tag, text, count=1)
        if new != text:
            path.write_bytes(new.encode("utf-8"))
    (site_dir / HEADERS_FILE).write_bytes(headers_file(hashes).encode("utf-8"))
    return hashes


def remove_csp(site_dir: Path) -> None:
    """Take the policy out of every page (`mkdocs serve`, whose live-reload script is inline)."""
    for path in html_pages(site_dir):
        text = path.read_text(encoding="utf-8")
        new = META.sub("", text, count=1)
        if new != text:
            path.write_bytes(new.encode("utf-8"))
