"""Proof in headless Chromium that what the audit refuses runs script in a browser.

Each page or file of test_audit.py that the old audit (Python's `HTMLParser`, no XML files) let through is
served on 127.0.0.1 as a static host serves it, opened, and must raise an `alert`. Without chromium these
tests skip, except under CI (CI=true), where a missing browser is a failure.
"""

from __future__ import annotations

import http.server
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from chromium import QuietHandler, launched_chromium, require_chromium, served_folder
from test_audit import PARSER_DISAGREEMENTS, URL_ANIMATIONS, XML_FILES

require_chromium()


class _StaticHostHandler(QuietHandler):
    """Serves files by extension, as a static host does (`.xht` as XHTML, like GitHub Pages)."""

    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".xht": "application/xhtml+xml",
    }


def write_page(folder: Path, name: str, body: str) -> str:
    (folder / f"{name}.html").write_text(
        f'<!doctype html>\n<meta charset="utf-8">\n<title>{name}</title>\n{body}\n', encoding="utf-8"
    )
    return f"{name}.html"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("hostile")
    for name, payload in {**PARSER_DISAGREEMENTS, **URL_ANIMATIONS}.items():
        write_page(folder, name, payload)
    for name, text in XML_FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    with served_folder(folder, _StaticHostHandler) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with launched_chromium() as launched:
        yield launched


def alerts_on_opening(browser: object, url: str, click: str | None = None) -> list[str]:
    page = browser.new_page()
    alerts: list[str] = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(url)
        if click is not None:
            page.click(f"text={click}")
        page.wait_for_timeout(300)
    finally:
        page.close()
    return alerts


@pytest.mark.parametrize("name", sorted(PARSER_DISAGREEMENTS))
def test_markup_pythons_parser_misreads_runs_script_in_chromium(
    browser: object, base_url: str, name: str
) -> None:
    assert alerts_on_opening(browser, f"{base_url}{name}.html") == ["1"]


def test_an_animated_link_runs_script_when_clicked(browser: object, base_url: str) -> None:
    assert alerts_on_opening(browser, f"{base_url}animate-href-values.html", click="click") == ["1"]


@pytest.mark.parametrize("name", sorted(XML_FILES))
def test_an_xml_file_opened_by_itself_runs_its_script(browser: object, base_url: str, name: str) -> None:
    assert alerts_on_opening(browser, f"{base_url}{name}") == ["1"]
