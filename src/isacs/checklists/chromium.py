"""Chromium prints the PDF checklists: a real browser layout engine (HarfBuzz shaping, bidi, the system's
fonts), run headless from the system's package (nothing is downloaded).

Debian's chromium-headless-shell is preferred: the same Blink layout and PDF output without the full
browser's machinery, it needs about half the CPU of `chromium --headless` for the site's batch (0.3
instead of 0.7 CPU-s to start, 2.1 instead of 3.9 CPU-s for the site's 12 prints, measured with
ISACS_CHROMIUM set to each). Full Chromium is the fallback.

It is driven over the DevTools protocol on a pipe (--remote-debugging-pipe: JSON messages ending in a
NUL byte, commands on the browser's fd 3, replies on its fd 4), which needs no driver process and no
network port. One browser prints a whole batch, several documents at once: Chromium lays out and prints
in its own processes, so a batch keeps every core busy.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")

EXECUTABLE_ENV = "ISACS_CHROMIUM"  # path of a Chrome/Chromium to use instead of the one on PATH
# Debian's headless shell binary itself (its /usr/bin entry is a shell script that would stay between us
# and the browser), then names on PATH.
CANDIDATES = (
    "/usr/lib/chromium/chromium-headless-shell",
    "chromium-headless-shell",
    "chromium",
    "chromium-browser",
    "google-chrome-stable",
    "google-chrome",
)
# Headless, and no traffic of the browser's own (updates, sync, safe browsing): the documents are
# self-contained, each page is offline too, and any other request meets a closed proxy.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--mute-audio",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--disable-default-apps",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
]
TIMEOUT = 120  # seconds for one command (a large document's print included)
PRINT = {
    "preferCSSPageSize": True,
    "printBackground": True,
    # Tagged PDF (structure for screen readers) with an outline made from the headings: bookmarks
    # for readers, and where each module starts for pdfpages.module_starts.
    "generateTaggedPDF": True,
    "generateDocumentOutline": True,
}


class PdfEngineError(Exception):
    """Chromium is missing or failed: the message says what to do."""


@lru_cache(maxsize=1)
def executable() -> str:
    configured = os.environ.get(EXECUTABLE_ENV, "").strip()
    if configured:
        if not os.access(configured, os.X_OK):
            raise PdfEngineError(f"{EXECUTABLE_ENV}={configured}: not an executable file")
        return configured
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise PdfEngineError(
        "PDF checklists need Chromium, and none was found on PATH: install Debian's "
        "chromium-headless-shell (`apt-get install chromium-headless-shell`; "
        f"`python3 scripts/dev.py build` does it) or set {EXECUTABLE_ENV} to a Chrome/Chromium "
        "executable"
    )


@lru_cache(maxsize=1)
def version() -> str:
    """ "chromium-headless-shell: Chromium 150.0.7871.100": part of the checklist cache key, as the layout
    depends on it (the program's name too: both Debian binaries report the same version)."""
    try:
        result = subprocess.run([executable(), "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        raise PdfEngineError(f"{executable()} --version failed: {exc}") from exc
    return f"{os.path.basename(executable())}: {result.stdout.strip()}"


class _Browser:
    """A headless Chromium and its DevTools pipe; `call` is safe from several threads."""

    def __init__(self) -> None:
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()

        def child_fds() -> None:
            # In the child, before exec: the pipe ends become its fds 3 and 4 (inheritable). Copied above
            # 9 first, so neither source is 3 or 4 whatever the parent had open.
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (commands_read, replies_write)]
            for fd, target in zip(high, (3, 4)):
                os.dup2(fd, target)
                os.close(fd)

        self._profile = tempfile.mkdtemp(prefix="isacs-chromium-")
        self._log = os.path.join(self._profile, "stderr.log")  # its last line explains a crash
        try:
            with open(self._log, "wb") as log:
                self._process = subprocess.Popen(
                    [executable(), "--remote-debugging-pipe", f"--user-data-dir={self._profile}", *ARGS, "about:blank"],
                    # close_fds=False: the fds 3 and 4 made in child_fds must survive; every other fd of
                    # this process is close-on-exec (Python's default), so nothing else leaks.
                    close_fds=False,
                    preexec_fn=child_fds,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=log,
                )
        except OSError as exc:
            shutil.rmtree(self._profile, ignore_errors=True)
            os.close(self._commands)
            os.close(self._replies)
            raise PdfEngineError(f"cannot start {executable()}: {exc}") from exc
        finally:
            os.close(commands_read)
            os.close(replies_write)
        self._lock = threading.Lock()
        self._gone = False  # set when the pipe closed: no reply will come any more
        self._pending: dict[int, Future] = {}
        self._next_id = 0
        self._reader = threading.Thread(target=self._read_replies, name="isacs-chromium-pipe", daemon=True)
        self._reader.start()

    def _read_replies(self) -> None:
        buffer = b""
        try:
            with os.fdopen(self._replies, "rb", buffering=0) as replies:
                while chunk := replies.read(1 << 20):
                    buffer += chunk
                    *messages, buffer = buffer.split(b"\0")
                    for message in messages:
                        self._dispatch(json.loads(message))
        finally:
            with self._lock:  # the browser is gone (or spoke nonsense): nothing more will answer
                self._gone = True
                for future in self._pending.values():
                    future.set_exception(PdfEngineError(self._stopped()))
                self._pending.clear()

    def _dispatch(self, reply: dict) -> None:
        with self._lock:
            future = self._pending.pop(reply["id"], None) if "id" in reply else None
        if future is None:
            return  # an event: nothing here waits for events
        if "error" in reply:
            future.set_exception(PdfEngineError(f"Chromium: {reply['error'].get('message')}"))
        else:
            future.set_result(reply.get("result", {}))

    def _stopped(self) -> str:
        try:
            with open(self._log, encoding="utf-8", errors="replace") as log:
                lines = [line.strip() for line in log if line.strip()]
        except OSError:
            lines = []
        return f"Chromium ({executable()}) stopped unexpectedly" + (f": {lines[-1]}" if lines else "")

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        future: Future = Future()
        with self._lock:
            if self._gone:
                raise PdfEngineError(self._stopped())
            self._next_id += 1
            self._pending[self._next_id] = future
            message = {"id": self._next_id, "method": method, "params": params or {}}
            if session:
                message["sessionId"] = session
            try:
                os.write(self._commands, json.dumps(message).encode("utf-8") + b"\0")
            except OSError as exc:
                # A broken pipe: the browser is gone, whether or not the reader has seen the end of its
                # replies yet. Its last words say why (a race lost here used to hide them).
                self._pending.pop(self._next_id, None)
                raise PdfEngineError(self._stopped()) from exc
        try:
            return future.result(timeout=TIMEOUT)
        except TimeoutError:
            raise PdfEngineError(f"Chromium did not answer {method} within {TIMEOUT} s") from None

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except PdfEngineError:
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._commands)
        self._reader.join(timeout=10)
        shutil.rmtree(self._profile, ignore_errors=True)


def _print_in_one_tab(
    browser: _Browser, batch: list[tuple[int, str]], then: Callable[[int, bytes], T]
) -> list[tuple[int, T]]:
    target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    browser.call("Emulation.setScriptExecutionDisabled", {"value": True}, session)
    browser.call("Network.enable", {}, session)
    browser.call(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        session,
    )
    frame = browser.call("Page.getFrameTree", {}, session)["frameTree"]["frame"]["id"]
    out = []
    for index, html in batch:
        browser.call("Page.setDocumentContent", {"frameId": frame, "html": html}, session)
        data = base64.b64decode(browser.call("Page.printToPDF", PRINT, session)["data"])
        out.append((index, then(index, data)))  # here, while the browser prints the next document
    browser.call("Target.closeTarget", {"targetId": target})
    return out


def print_pdfs(
    documents: list[str], jobs: int | None = None, then: Callable[[int, bytes], T] = lambda index, data: data
) -> list[T]:
    """`then(index, pdf)` of each self-contained HTML document (page size and margins from its CSS), in
    order; by default the PDF itself. `then` runs as each print arrives, while the browser prints on."""
    if not documents:
        return []
    jobs = max(1, min(jobs or (os.cpu_count() or 1), len(documents)))
    # Largest first, dealt round-robin to the tabs, so the tabs finish at about the same time.
    order = sorted(range(len(documents)), key=lambda i: -len(documents[i]))
    batches = [[(i, documents[i]) for i in order[tab::jobs]] for tab in range(jobs)]
    browser = _Browser()
    try:
        with ThreadPoolExecutor(jobs, thread_name_prefix="isacs-pdf-tab") as tabs:
            printed = dict(
                pair for batch in tabs.map(lambda b: _print_in_one_tab(browser, b, then), batches) for pair in batch
            )
    finally:
        browser.close()
    return [printed[i] for i in range(len(documents))]
