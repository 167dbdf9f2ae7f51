"""Search in a browser: a first page view loads no index; a search finds leaders by name, alias and issue.

The shipped site is built once (with its Pagefind index) and served on 127.0.0.1; a phone-sized headless
Chromium opens pages, the search dialog, and types. Without chromium these tests skip, except under CI.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from chromium import launched_chromium, require_chromium, served_folder
from test_build_safety import HOSTILE, build_hostile_site

PHONE = {"width": 390, "height": 844}
RESULT_TIMEOUT_MS = 15_000

require_chromium()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with launched_chromium() as launched:
        yield launched


class Recorder:
    """Every request a page makes, and the ones that failed or were answered with an error."""

    def __init__(self, page: object) -> None:
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfailed", lambda request: self.failed.append(request.url))
        page.on("response", lambda response: response.status >= 400 and self.failed.append(response.url))
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))

    def search_requests(self) -> list[str]:
        return [url for url in self.requests if "/pagefind/" in url or "search_index" in url]


@pytest.fixture
def phone(browser: object, shipped_site: Path) -> Iterator[tuple[object, Recorder, str]]:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    recorder = Recorder(page)
    with served_folder(shipped_site) as base:
        yield page, recorder, base
    context.close()


def search(page: object, query: str) -> list[str]:
    """Open the dialog, type `query`, wait for its results; their paths, best first."""
    if not page.is_visible("#site-search"):
        page.click("[data-site-search-open]")
    page.fill("[data-site-search-input]", "")
    page.locator("[data-site-search-input]").press_sequentially(query)
    page.wait_for_function(
        """(query) => {
            const input = document.querySelector("[data-site-search-input]");
            const status = document.querySelector("[data-site-search-status]").textContent;
            return input.value === query && /matching page/.test(status);
        }""",
        arg=query,
        timeout=RESULT_TIMEOUT_MS,
    )
    links = page.eval_on_selector_all(".site-search__title", "links => links.map(link => link.href)")
    return [urlsplit(link).path for link in links]


@pytest.mark.parametrize("path", ["", "actors/vladimir-putin/", "articles/2025-05-19-trump-putin-call/"])
def test_first_view_requests_no_search_index(phone: tuple[object, Recorder, str], path: str) -> None:
    page, recorder, base = phone
    page.goto(base + path, wait_until="networkidle")
    assert page.is_visible("[data-site-search-open]")
    assert recorder.search_requests() == []
    assert recorder.failed == []
    assert all(url.startswith(base) for url in recorder.requests), recorder.requests


@pytest.mark.parametrize(
    ("query", "expected", "within"),
    [
        ("Vladimir Putin", "/actors/vladimir-putin/", 1),  # a leader's name
        ("Kremlin", "/actors/kremlin/", 1),  # an alias
        ("Peskov", "/actors/dmitry-peskov/", 1),  # an alias that is a surname
        ("Meloni's office", "/actors/meloni-office/", 1),  # an alias of several words
        # an issue word: Trump, who threatened them, among the five results the dialog shows (the issue's
        # page, the European leaders who demanded them and their call with Trump rank above him)
        ("sanctions", "/actors/donald-trump/", 5),
        ("Vatican", "/venues/vatican/", 2),  # a venue (after the proposed talks there, its event)
        ("prisoner exchange", "/issues/prisoner-exchange/", 1),  # an issue
        ("memorandum", "/issues/peace-memorandum/", 3),  # a word of an issue's title
    ],
)
def test_a_search_finds_the_expected_page(
    phone: tuple[object, Recorder, str], query: str, expected: str, within: int
) -> None:
    page, recorder, base = phone
    page.goto(base + "about/", wait_until="networkidle")
    found = search(page, query)
    assert expected in found[:within], found
    assert recorder.search_requests(), "the search loaded no index"
    assert recorder.failed == []
    assert all(url.startswith(base) for url in recorder.requests), recorder.requests


def test_a_leaders_result_shows_their_positions_and_fits_a_phone(phone: tuple[object, Recorder, str]) -> None:
    page, _, base = phone
    page.goto(base, wait_until="networkidle")
    search(page, "sanctions")
    result = page.locator(".site-search__result", has=page.locator("a[href$='/actors/donald-trump/']"))
    assert "sanctions" in result.inner_text().lower()
    assert result.locator("mark").count() > 0  # the words found are highlighted
    dialog = page.locator("#site-search").bounding_box()
    assert dialog["x"] >= 0 and dialog["x"] + dialog["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # Sections of a result are parts of its page below the title, never the page again under its title.
    for shown in page.locator(".site-search__result").all():
        title = shown.locator(".site-search__title").inner_text()
        assert title not in shown.locator(".site-search__sections a").all_inner_texts()
    # The result link opens the page.
    result.locator(".site-search__title").click()
    page.wait_for_url("**/actors/donald-trump/")


def test_search_opens_with_the_slash_key_and_closes_with_escape(phone: tuple[object, Recorder, str]) -> None:
    page, _, base = phone
    page.goto(base, wait_until="networkidle")
    page.keyboard.press("/")
    assert page.is_visible("#site-search")
    assert page.evaluate("document.activeElement.matches('[data-site-search-input]')")
    page.keyboard.press("Escape")
    assert not page.is_visible("#site-search")


def test_hostile_text_in_results_is_shown_as_text_and_never_runs(browser: object, tmp_path: Path) -> None:
    hostile_site = build_hostile_site(tmp_path)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    recorder = Recorder(page)
    with served_folder(hostile_site) as base:
        page.goto(base, wait_until="networkidle")
        search(page, "onerror")
        titles = page.locator(".site-search__title").all_inner_texts()
        assert f"Name {HOSTILE}" in titles
        assert page.locator("#site-search img, #site-search script").count() == 0
        excerpts = " ".join(page.locator(".site-search__excerpt").all_inner_texts())
        assert "<img src=x onerror=alert(1)>" in excerpts  # shown, as text
    context.close()
    assert recorder.dialogs == []
    assert recorder.failed == []
