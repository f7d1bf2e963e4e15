"""`isacs linkcheck [--site DIR]`: every internal link and anchor of a built site, checked by linkchecker.

The site is served over loopback (as readers get it: directory URLs, index.html), every language is
reached from the root through the language switcher, and linkchecker follows every internal link in
parallel; every `#anchor` is then looked up in the ids of its target page (`anchors.py`: one parse per
page). The sitemap and the search index are not crawled: they are generated whole and tested on their own.
Each problem is printed as
`site/<page>:<line>:<col>: error L001|L002 ...`, naming the page that holds the link; exit 1 if any.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

from .anchors import unknown_anchors

# Not crawled: generated wholesale (tested elsewhere) and large; the checklist files are leaves and are
# still checked as link targets by their downloads pages.
IGNORED = (r"/pagefind/", r"/sitemap\.xml", r"/search/search_index\.json")

CONFIG = """[checking]
threads={threads}
maxrequestspersecond=1000
[filtering]
checkextern=0
ignore=
{ignore}
"""


@dataclass(frozen=True)
class BrokenLink:
    page: str  # path of the page in the site folder, e.g. isacs/05.30/index.html
    line: int
    col: int
    url: str
    code: str  # L001 broken link, L002 unknown anchor
    reason: str

    def format(self, site: str) -> str:
        return f"{site}/{self.page}:{self.line}:{self.col}: error {self.code} {self.url}: {self.reason}"


def register(sub) -> None:
    parser = sub.add_parser(
        "linkcheck",
        help="check every internal link and anchor of a built site",
        description=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument("--site", type=Path, default=Path("site"), help="built site folder (default: site)")
    parser.add_argument("-j", "--threads", type=int, default=8, help="parallel checks (default: 8)")
    parser.set_defaults(func=run)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def end_headers(self) -> None:
        # linkchecker keeps to 10 requests a second per host (about 3 on average) unless the server
        # answers with a `LinkChecker` header: ours is a loopback server made for it, so it may go faster.
        self.send_header("LinkChecker", "allow")
        super().end_headers()


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # linkchecker closes a connection once it has what it needs (a broken pipe here): not a problem


def _page_of(url: str) -> str:
    """The site file that a served URL is: /isacs/05.30/ -> isacs/05.30/index.html."""
    path = unquote(urlsplit(url).path).lstrip("/")
    return path + "index.html" if not path or path.endswith("/") else path


def _linkchecker() -> list[str]:
    beside = Path(sys.executable).with_name("linkchecker")  # the one installed with this package
    return [str(beside)] if beside.exists() else ["linkchecker"]


def check_site(site: Path, threads: int = 8) -> list[BrokenLink]:
    """Serve `site` on loopback and return every broken link and unknown anchor linkchecker finds."""
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with tempfile.TemporaryDirectory(prefix="isacs-linkcheck-") as tmp:
            # linkchecker run as root drops to `nobody` before reading its configuration: make it readable.
            os.chmod(tmp, 0o755)
            config = Path(tmp) / "linkcheckerrc"
            config.write_text(CONFIG.format(threads=threads, ignore="\n".join(f"  {p}" for p in IGNORED)))
            config.chmod(0o644)
            result = subprocess.run(
                [*_linkchecker(), "--config", str(config), "--no-status", "--output", "xml", f"{origin}/"],
                capture_output=True,
                text=True,
                cwd=tmp,
            )
    finally:
        server.shutdown()
        server.server_close()
    if result.returncode not in (0, 1):  # 1: problems found; anything else: linkchecker itself failed
        raise RuntimeError(f"linkchecker exited {result.returncode}: {result.stderr.strip()[-500:]}")
    found = _problems(result.stdout, origin)
    for page, link, why in unknown_anchors(site):
        found.append(BrokenLink(page, link.line, link.col, link.href, "L002", why))
    return sorted(set(found), key=lambda b: (b.page, b.line, b.col, b.url, b.code))


def _problems(output: str, origin: str) -> list[BrokenLink]:
    """Broken links from linkchecker's XML output."""
    found = []
    for entry in ElementTree.fromstring(output).iter("urldata"):
        parent = entry.find("parent")
        real = entry.findtext("realurl") or entry.findtext("url") or ""
        page = _page_of(parent.text if parent is not None and parent.text else real)
        line = int(parent.get("line") or 1) if parent is not None else 1
        col = int(parent.get("column") or 1) if parent is not None else 1
        url = real[len(origin) :] if real.startswith(origin) else real
        valid = entry.find("valid")
        if valid is not None and valid.text != "1":
            found.append(BrokenLink(page, line, col, url, "L001", " ".join(valid.get("result", "broken").split())))
    return found


def run(args) -> int:
    site = args.site
    if not (site / "index.html").is_file():
        print(
            f"isacs linkcheck: error: {site}/index.html not found: build the site first "
            "(python3 scripts/dev.py build, or isacs build-site -d DIR)",
            file=sys.stderr,
        )
        return 2
    try:
        broken = check_site(site, args.threads)
    except (OSError, RuntimeError) as exc:
        print(f"isacs linkcheck: error: {exc}", file=sys.stderr)
        return 2
    for link in broken:
        print(link.format(site.as_posix().rstrip("/")))
    pages = len({b.page for b in broken})
    print(
        f"isacs linkcheck: {len(broken)} broken link(s) on {pages} page(s)"
        if broken
        else "isacs linkcheck: no broken links",
        file=sys.stderr,
    )
    return 1 if broken else 0
