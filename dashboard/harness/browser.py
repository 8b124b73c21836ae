"""The system Chromium as the tests, benchmarks and screenshots start it: never a downloaded
browser, and without the background services a closed network refuses."""

from __future__ import annotations

from pathlib import Path

from dashboard import settings

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def chromium_path() -> str:
    """The Chromium the browser tests drive (CHROMIUM_PATH)."""
    return settings.value("CHROMIUM_PATH")


def missing_chromium(path: str) -> str | None:
    """Why Chromium cannot be used, or None when it is there."""
    return None if Path(path).exists() else f"Chromium not found at {path}"


def launch(playwright, path: str | None = None):
    """A headless Chromium browser through Playwright."""
    return playwright.chromium.launch(executable_path=path or chromium_path(), args=CHROMIUM_ARGS)
