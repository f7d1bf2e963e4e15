"""Drives one self-assessment page (overrides/assets/assess.js) in a Playwright page and reads back what
the reader sees: answers in the form, progress, the summaries, localStorage, downloads and messages."""

from __future__ import annotations

import json
from pathlib import Path

STORAGE_KEY = "isacs-assess-v1"  # assess.js: every page's answers, by "<module>#<id>"

_SUMMARY = """root => ({
  progress: [Number(root.querySelector(".isacs-assess-progress progress").value),
             Number(root.querySelector(".isacs-assess-progress progress").max)],
  text: root.querySelector(".isacs-assess-progress-text").textContent.trim(),
  by_status: Object.fromEntries([...root.querySelectorAll(".isacs-assess-by-status li")].map(
    li => [li.dataset.status, Number(li.querySelector("strong").textContent)])),
  head: [...root.querySelectorAll(".isacs-assess-table thead th")].map(c => c.textContent),
  by_clause: [...root.querySelectorAll(".isacs-assess-table tbody tr")].map(
    tr => [...tr.children].map((c, i) => i ? Number(c.textContent) : c.textContent)),
})"""

_ANSWERS = """root => Object.fromEntries([...root.querySelectorAll(".isacs-assess-item")].map(f => [f.dataset.key, {
  status: (f.querySelector("input[type=radio]:checked") || {}).value || null,
  notes: f.querySelector("textarea").value}]))"""


class AssessPage:
    def __init__(self, page, errors: list[str]) -> None:
        self.page, self.errors = page, errors  # errors: uncaught script errors, recorded since before loading
        self.root = page.locator(".isacs-assess")
        page.locator(".isacs-assess-toolbar").wait_for(state="visible")  # the script has started

    def reload(self) -> None:
        self.page.reload()
        self.page.locator(".isacs-assess-toolbar").wait_for(state="visible")

    @property
    def config(self) -> dict:
        return json.loads(self.page.locator(".isacs-assess-config").text_content())

    def item(self, key: str):
        return self.page.locator(f'fieldset.isacs-assess-item[data-key="{key}"]')

    def set_status(self, key: str, status: str) -> None:
        self.item(key).locator(f'input[type=radio][value="{status}"]').check()

    def set_notes(self, key: str, notes: str) -> None:
        self.item(key).locator("textarea").fill(notes)

    def answers(self) -> dict[str, dict]:
        return self.root.evaluate(_ANSWERS)

    def summary(self) -> dict:
        return self.root.evaluate(_SUMMARY)

    def stored(self) -> dict[str, dict]:
        """localStorage answers without their timestamps."""
        raw = self.page.evaluate(f"localStorage.getItem({STORAGE_KEY!r})")
        return {k: {"status": v["status"], "notes": v["notes"]} for k, v in json.loads(raw or "{}").items()}

    def stored_raw(self) -> str | None:
        return self.page.evaluate(f"localStorage.getItem({STORAGE_KEY!r})")

    def export(self, kind: str) -> tuple[str, bytes]:
        """Clicks Export CSV/JSON; (suggested file name, bytes downloaded)."""
        with self.page.expect_download() as info:
            self.page.locator(f'.isacs-assess-toolbar [data-action="export-{kind}"]').click()
        download = info.value
        return download.suggested_filename, Path(download.path()).read_bytes()

    def import_file(self, name: str, data: bytes) -> str:
        """Chooses a file in the Import control; the message shown once the file has been read."""
        message = self.page.locator(".isacs-assess-message")
        self.page.evaluate("() => { document.querySelector('.isacs-assess-message').textContent = ''; }")
        mime = "application/json" if name.endswith(".json") else "text/csv"
        self.page.locator(".isacs-assess-toolbar input[type=file]").set_input_files(
            {"name": name, "mimeType": mime, "buffer": data}
        )
        self.page.wait_for_function("() => document.querySelector('.isacs-assess-message').textContent !== ''")
        return message.text_content()

    def clear(self, accept: bool = True) -> str:
        """Clicks Clear answers and answers the confirmation; the question asked."""
        asked = []

        def answer(dialog) -> None:
            asked.append(dialog.message)
            dialog.accept() if accept else dialog.dismiss()

        self.page.once("dialog", answer)
        self.page.locator('.isacs-assess-toolbar [data-action="clear"]').click()
        return asked[0]


def checklist_json(*requirements: dict, **fields) -> bytes:
    """An isacs-checklist JSON file of one module holding `requirements` as given (hand-made or tampered)."""
    data = {
        "format": "isacs-checklist",
        "format_version": 1,
        "language": "en",
        "modules": [{"id": "isacs/05.30", "requirements": list(requirements)}],
        **fields,
    }
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def checklist_csv(config: dict, *rows: dict) -> bytes:
    """A CSV with the page's columns and headings (as its export writes them), one line per dict of values
    by column name (missing columns empty)."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(config["csv_headings"])
    writer.writerows([row.get(column, "") for column in config["csv_columns"]] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def assert_import_refused(page: AssessPage, lang: str, name: str, data: bytes, reason: str, **values) -> None:
    """Importing the file shows one message, the reason in the page's language, and changes nothing: the
    form, the summaries and the browser storage (not even a timestamp), without a script error."""
    from isacs.i18n.strings import t

    answers, before = page.answers(), (page.stored_raw(), page.summary())
    message = page.import_file(name, data)
    assert message == t(lang, "as_import_failed", error=t(lang, reason, **values)), message
    assert page.answers() == answers
    assert (page.stored_raw(), page.summary()) == before
    assert page.errors == []


def put_stored(page: AssessPage, raw: str) -> None:
    """Writes `raw` as the browser's stored answers (as another script or a hand edit could) and reloads."""
    page.page.evaluate(f"raw => localStorage.setItem({STORAGE_KEY!r}, raw)", raw)
    page.reload()
