"""`mkdocs serve` as a contributor uses it: a content error shows in the page being viewed, then clears.

Runs the real `mkdocs serve --livereload --dirty` on a copy of the test story, on a free port, and watches the
page in Debian's headless Chromium (skipped without it, except under CI, as in test_browser.py).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import launched_chromium, require_chromium
from test_build import FIXTURE, make_project

require_chromium()

ARTICLE = "content/articles/2024/2024-03-10-south-accepts.md"
RELOAD_TIMEOUT_MS = 60_000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_served(url: str, server: subprocess.Popen[str], deadline: float) -> None:
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"mkdocs serve stopped:\n{server.stdout.read() if server.stdout else ''}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail("mkdocs serve did not answer within a minute")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A copy of the test story served by `mkdocs serve --livereload --dirty`, and its URL."""
    project = make_project(tmp_path, FIXTURE / "content")
    port = free_port()
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dirty", "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        command, cwd=project, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_served(url, server, time.monotonic() + 60)
        yield project, url
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stdout:
            server.stdout.close()
        shutil.rmtree(project / "site", ignore_errors=True)


def test_a_content_error_shows_in_the_page_being_viewed_and_clears_when_fixed(
    served: tuple[Path, str],
) -> None:
    project, url = served
    article = project / ARTICLE
    original = article.read_text(encoding="utf-8")
    with launched_chromium() as browser:
        page = browser.new_page()
        scripts_run: list[str] = []
        page.on("dialog", lambda dialog: (scripts_run.append(dialog.message), dialog.dismiss()))
        page.goto(url + "actors/ada-north/")
        assert page.locator("h1").inner_text().rstrip("¶") == "Ada North"

        article.write_text(original.replace("by: bo-south", 'by: "<img src=x onerror=alert(1)>"', 1))
        heading = page.locator("article h1", has_text="The content has errors")
        heading.wait_for(timeout=RELOAD_TIMEOUT_MS)
        listed = page.locator("article ol li").all_inner_texts()
        assert page.url == url + "actors/ada-north/"  # the page being viewed, not another
        assert listed == [
            f"{ARTICLE}:13:9: error: claims[0].by: '<img src=x onerror=alert(1)>' is not a valid id: use "
            "lowercase letters, digits and single hyphens (e.g. 'img-src-x-onerror-alert-1')"
        ]

        article.write_text(original)
        page.locator("article h1", has_text="Ada North").wait_for(timeout=RELOAD_TIMEOUT_MS)
        assert page.locator("article h1", has_text="The content has errors").count() == 0
        browser.close()
    assert scripts_run == []  # the problem's text was shown, never run
