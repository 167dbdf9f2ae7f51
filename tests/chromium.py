"""Debian's headless Chromium for the browser tests: where it is, how it starts, what happens without it."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
"""Headless as root, with none of the background connections a closed network refuses."""


def require_chromium() -> None:
    """Skip the calling test module without chromium, except under CI (CI=true), where that is a failure."""
    if CHROMIUM is None:
        if os.environ.get("CI") == "true":
            message = "chromium is not installed; CI must install it (apt-get install chromium)"
            pytest.fail(message, pytrace=False)
        pytest.skip("chromium is not installed (CI installs it)", allow_module_level=True)


@contextmanager
def launched_chromium() -> Iterator[object]:
    """A running headless Chromium, driven by Playwright, closed afterwards."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder's files without logging each request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served_folder(folder: Path, handler: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """`folder` served on 127.0.0.1 (a free port) while the block runs; yields its base URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        thread.join()
