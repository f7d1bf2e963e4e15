"""Suite-wide: the report header names the browsers and fonts the tests ran with, so that a failure can be
tied to a Debian security update of Chromium or a font package (they change every few weeks); and the one
switch of every golden test, `--update-goldens` (goldens.py)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

pytest.register_assert_rewrite("goldens")  # a failed comparison shows the diff

import goldens  # noqa: E402 - after the rewrite hook above


def pytest_addoption(parser) -> None:
    parser.addoption(
        goldens.OPTION,
        action="store_true",
        default=False,
        help="rewrite the golden files the selected tests compare with (then review the diff)",
    )


def pytest_configure(config) -> None:
    goldens.UPDATE = config.getoption(goldens.OPTION)


# Debian packages whose updates change what the browser and PDF tests see.
_PACKAGES = (
    "chromium",
    "chromium-headless-shell",
    "fonts-noto-core",
    "fonts-noto-cjk",
    "fonts-wqy-microhei",
    "poppler-utils",
    "libreoffice-calc-nogui",
)


def _version(command: list[str]) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"unavailable ({error.__class__.__name__})"
    output = (result.stdout or result.stderr).strip()
    return output.splitlines()[0] if output else f"exit {result.returncode}"


def _debian_versions() -> str:
    if not shutil.which("dpkg-query"):
        return "dpkg-query not found"
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package} ${Version}\\n", *_PACKAGES], capture_output=True, text=True
    )
    found = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    return ", ".join(f"{p} {found.get(p) or 'not installed'}" for p in _PACKAGES)


def pytest_report_header(config) -> list[str]:
    browser = "/usr/bin/chromium"
    lines = [f"browser: {_version([browser, '--version']) if shutil.which(browser) else 'no ' + browser}"]
    try:
        from importlib.metadata import version

        lines.append(f"playwright: {version('playwright')}")
    except Exception:  # noqa: BLE001 - the header never fails the run
        lines.append("playwright: not installed")
    lines.append(f"debian packages: {_debian_versions()}")
    return lines


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium through Playwright, one per test module (tests/site/browser_testkit.py:
    the launch flags, no download; tests/site is on the path of every test that asks for it)."""
    from browser_testkit import chromium  # not at the top: the suite's other tests run without a browser

    with chromium() as launched:
        yield launched
