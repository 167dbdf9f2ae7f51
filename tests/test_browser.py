"""Browser tests: what a reader does, in Debian's headless Chromium driven by Playwright.

The shipped site is built once and served on 127.0.0.1. Screenshots of every page kind at 390 px and
1280 px go to test-artifacts/screenshots/. Without chromium these tests skip, except under CI (CI=true),
where a missing browser is a failure.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from chromium import QuietHandler, launched_chromium, require_chromium, served_folder
from test_build import ROOT

AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
PAGE_KINDS: dict[str, str] = {
    "home": "",
    "issue": "issues/ceasefire/",
    "event": "events/istanbul-talks-2025-05-16/",
    "actor": "actors/volodymyr-zelenskyy/",
    "venue": "venues/turkey/",
    "article": "articles/2025-05-20-trump-putin-call/",
    "issues-index": "issues/",
    "actors-index": "actors/",
    "venues-index": "venues/",
    "articles-index": "articles/",
    "timeline": "timeline/",
    "events-index": "events/",
    "about": "about/",
    "about-the-data": "data/",
}
"""One page of each kind in the shipped site."""
WIDTHS = (390, 1280)

require_chromium()


@pytest.fixture(scope="module")
def base_url(shipped_site: Path) -> Iterator[str]:
    with served_folder(shipped_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with launched_chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: object, base_url: str) -> Iterator[object]:
    """A phone-sized page that records every request it makes."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    opened = context.new_page()
    opened.requests = []
    opened.on("request", lambda request: opened.requests.append(request.url))
    yield opened
    context.close()


def outside_requests(urls: list[str], base_url: str) -> list[str]:
    """Requests to anything but this site (data: and blob: URLs are in the page itself)."""
    return [
        url for url in urls if not url.startswith(base_url) and urlsplit(url).scheme not in ("data", "blob")
    ]


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_every_page_kind_loads_nothing_from_outside_and_is_screenshotted(
    browser: object, base_url: str, kind: str
) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request, requests=requests: requests.append(request.url))
        page.goto(base_url + PAGE_KINDS[kind], wait_until="networkidle")
        page.screenshot(path=str(ARTIFACTS / f"{kind}-{width}.png"), full_page=True)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        context.close()
        assert outside_requests(requests, base_url) == [], (kind, width)
        assert any(url.startswith(base_url) for url in requests)
        assert overflow <= 0, f"{kind} scrolls sideways at {width} px"


def test_the_outside_request_check_catches_a_request_to_another_host(page: object, base_url: str) -> None:
    page.route("http://cdn.example/**", lambda route: route.abort())
    page.goto(base_url)
    page.evaluate("fetch('http://cdn.example/x.js').catch(() => null)")
    page.wait_for_timeout(100)
    assert outside_requests(page.requests, base_url) == ["http://cdn.example/x.js"]


# Failed requests, other hosts, axe and width on a phone, for one page of every kind: test_pages_browser.py.


@pytest.mark.parametrize("kind", ["home", "issue", "actor", "venue", "article", "timeline"])
def test_keyboard_reaches_every_link_in_the_content(page: object, base_url: str, kind: str) -> None:
    page.goto(base_url + PAGE_KINDS[kind])
    wanted = set(
        page.eval_on_selector_all(
            "article a[href]",
            "links => links.filter(link => link.offsetParent !== null).map(link => link.href)",
        )
    )
    # Enough presses to pass every focusable element once (a link to the same place may appear many times).
    stops = page.evaluate("document.querySelectorAll('a[href], button, input, select, [tabindex]').length")
    reached: set[str] = set()
    for _ in range(stops + 20):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement && document.activeElement.href || null")
        if focused:
            reached.add(focused)
        if wanted <= reached:
            break
    assert wanted - reached == set()


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_landmarks_and_headings_are_in_order(page: object, base_url: str, kind: str) -> None:
    page.goto(base_url + PAGE_KINDS[kind])
    assert page.locator("header").count() >= 1
    assert page.locator("main").count() == 1
    assert page.locator("nav").count() >= 1
    levels = page.eval_on_selector_all(
        "article h1, article h2, article h3, article h4", "hs => hs.map(h => Number(h.tagName[1]))"
    )
    assert levels[0] == 1 and levels.count(1) == 1, levels
    skips = [(before, after) for before, after in itertools.pairwise(levels) if after > before + 1]
    assert skips == []


def test_journey_home_to_issue_to_actor_to_the_claims_article(page: object, base_url: str) -> None:
    page.goto(base_url)
    # The grid answers on the home page: Zelenskyy's card, its ceasefire cell, the claim behind it.
    card = page.locator("table.stance-grid tr", has_text="Volodymyr Zelenskyy")
    cell = card.locator("td", has_text="Ceasefire")
    assert "✓ supports" in cell.inner_text() and "full and unconditional" in cell.inner_text()
    cell.locator("a.grid-claim").click()
    assert page.url.startswith(base_url + "articles/2025-06-01-zelenskyy-confirms-istanbul-talks/#claim-")
    page.goto(base_url)
    page.locator("article a", has_text="Every issue, with every position").click()
    page.locator("article li a", has_text="Ceasefire").first.click()
    assert page.url == base_url + "issues/ceasefire/"
    row = page.locator("article table tbody tr", has_text="Volodymyr Zelenskyy")
    assert "✓ supports" in row.inner_text()
    row.locator("a", has_text="Volodymyr Zelenskyy").click()
    assert page.url == base_url + "actors/volodymyr-zelenskyy/"
    assert page.locator("h1").inner_text().rstrip("¶") == "Volodymyr Zelenskyy"
    positions = page.locator("article table", has_text="Ceasefire")
    positions.locator("tr", has_text="Ceasefire").locator("td").nth(2).locator("a").click()
    # His latest claim on the ceasefire: the priorities he set on 1 June.
    assert page.url.startswith(base_url + "articles/2025-06-01-zelenskyy-confirms-istanbul-talks/#claim-")
    claim_id = page.url.split("#", 1)[1]
    target = page.locator(f"[id='{claim_id}']")
    assert target.is_visible()
    assert "Volodymyr Zelenskyy" in target.inner_text()
    assert outside_requests(page.requests, base_url) == []


def test_following_a_venue_lifecycle(page: object, base_url: str) -> None:
    page.goto(base_url + "venues/")
    page.locator("article li a", has_text="Turkey").first.click()
    assert page.url == base_url + "venues/turkey/"
    step = page.locator("article h3", has_text="offer to meet Putin")
    assert step.count() == 1
    body = page.locator("article").inner_text()
    assert "✗ declined" in body
    # Zelenskyy's offer of the meeting (11 May) is about it (`about:`), listed before what was said at it.
    offer = body.index("Zelenskyy offered to meet Putin in Turkey.")
    assert body.index("Proposed, offered or answered before it:") < offer < body.index("Said at it:")
    refusal = page.locator("article li", has_text="Putin turned down").first
    refusal.locator("a", has_text="source").click()
    assert page.url == base_url + "articles/2025-05-20-trump-putin-call/#claim-putin-declines-turkey-meeting"
    card = page.locator("#claim-putin-declines-turkey-meeting")
    assert card.is_visible()
    # The card adds what the line did not: the report that carries it and where it was published.
    assert "Reported by this report (Publisher unknown, 20 May 2025)" in card.inner_text()


def test_timeline_filters_by_issue_in_the_page_and_in_the_address(page: object, base_url: str) -> None:
    page.goto(base_url + "timeline/")
    items = page.locator(".timeline-item")
    total = items.count()
    page.select_option("#timeline-issue", "prisoner-exchange")
    visible = page.locator(".timeline-item:not([hidden])")
    shown = visible.count()
    assert 0 < shown < total
    issues = visible.evaluate_all("items => items.map(item => item.dataset.issues.split(' '))")
    assert all("prisoner-exchange" in topics for topics in issues)
    assert page.locator(".timeline-count").inner_text() == f"Showing {shown} of {total} entries."
    assert page.url.endswith("#issue=prisoner-exchange")
    page.reload()
    # Under an event that stays, the claims said at it on other issues are hidden.
    nested = page.locator(".timeline-event li:not([hidden])")
    topics = nested.evaluate_all("items => items.map(item => item.dataset.issues.split(' '))")
    assert topics and all("prisoner-exchange" in issues for issues in topics)
    assert page.locator(".timeline-event li[hidden]").count() > 0
    assert page.locator(".timeline-item:not([hidden])").count() == shown
    page.select_option("#timeline-issue", "")
    assert page.locator(".timeline-item:not([hidden])").count() == total
    assert page.locator(".timeline-event li[hidden]").count() == 0


def test_the_timeline_fits_a_phone_and_is_axe_clean(page: object, base_url: str) -> None:
    page.goto(base_url + "timeline/")
    wider = page.evaluate(
        """() => Array.from(document.querySelectorAll('article *'))
            .filter(element => { const box = element.getBoundingClientRect();
                                 return box.width > 0 && (box.left < 0 || box.right > 390); })
            .map(element => element.tagName + '.' + element.className)"""
    )
    assert wider == []
    # Events carry the claims said at them; key events are set apart.
    assert page.locator(".timeline-event li").count() > 10
    assert page.locator(".timeline-key").count() == 4
    page.add_script_tag(path=str(AXE_SCRIPT))
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    assert [
        violation["id"] for violation in violations if violation["impact"] in ("serious", "critical")
    ] == []


def failed_requests(page: object) -> list[str]:
    """Start recording what the page asked for and did not get (refused, or answered 400 or more)."""
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(f"failed {request.url}"))
    page.on(
        "response",
        lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"),
    )
    return failed


class NotFoundPageHandler(QuietHandler):
    """Answers an address it does not have with the site's 404.html, as GitHub Pages and most hosts do."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_the_404_page_at_any_depth_leads_back_without_a_failed_request(
    browser: object, shipped_site: Path
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    failed = failed_requests(page)
    with served_folder(shipped_site, NotFoundPageHandler) as url:
        page.goto(url + "actors/nobody-by-that-name/", wait_until="networkidle")
        assert page.locator("article h1").inner_text().rstrip("¶") == "Page not found"
        assert failed == [f"404 {url}actors/nobody-by-that-name/"]  # the address itself, nothing else
        page.locator("article a", has_text="Venues").click()
        assert page.url == url + "venues/"
    context.close()


def test_the_map_fits_a_phone_and_its_markers_lead_to_venue_pages(page: object, base_url: str) -> None:
    page.goto(base_url + "venues/")
    figure = page.locator("figure.venue-map svg")
    box = figure.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    names = figure.locator("a").evaluate_all("links => links.map(link => link.getAttribute('aria-label'))")
    assert "Istanbul: held" in names and "Vatican City: proposed or scheduled" in names
    # The key below says the same as the markers, in words.
    key = page.locator("figure.venue-map + ul li").first.inner_text()
    assert key == "● held: Çırağan Palace · Sochi · Istanbul · Belarus"
    figure.locator("a[aria-label='Istanbul: held']").click()
    assert page.url == base_url + "venues/istanbul/"


def test_the_story_opens_the_home_page_on_a_phone_first_screen(page: object, base_url: str) -> None:
    page.goto(base_url)
    heading = page.locator("article h2").first
    assert heading.inner_text().startswith("What happened")
    text = page.locator("article h2 + p").first.bounding_box()
    assert text["y"] + 40 < 844, "the first lines of 'What happened' are on the first screen"


def test_no_element_of_the_home_page_is_wider_than_a_phone(page: object, base_url: str) -> None:
    page.goto(base_url)
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(element => element.getBoundingClientRect().right > 390.5)
            .map(element => element.tagName + '.' + element.className)"""
    )
    assert wide == []


@pytest.mark.parametrize("path", ["", "issues/"])
def test_the_grid_cells_link_to_claims_that_exist_on_the_target_page(
    page: object, base_url: str, path: str
) -> None:
    page.goto(base_url + path)
    grid = page.locator("table.stance-grid")
    # The five questions of the home page, as columns, and at least one cell per actor.
    headings = grid.locator("thead th").all_inner_texts()
    assert headings[1:] == [
        "Ceasefire",
        "Where peace talks are held",
        "Prisoner exchange",
        "Sanctions on Russia",
        "Territorial demands",
    ]
    targets = sorted(set(grid.locator("td a").evaluate_all("links => links.map(link => link.href)")))
    assert len(targets) > 10
    for target in targets:
        address, anchor = target.split("#")
        assert anchor.startswith("claim-")
        page.goto(target)
        assert page.url.split("#")[0] == address
        assert page.locator(f"[id='{anchor}']").count() == 1, target
