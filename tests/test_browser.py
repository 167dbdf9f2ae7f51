"""Browser tests: what a reader does, in Debian's headless Chromium driven by Playwright.

The shipped site is built once and served on 127.0.0.1. Screenshots of every page kind at 390 px and
1280 px go to test-artifacts/screenshots/. Without chromium these tests skip, except under CI (CI=true),
where a missing browser is a failure.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from chromium import launched_chromium, require_chromium, served_folder
from test_build import ROOT, built_site

AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
PAGE_KINDS: dict[str, str] = {
    "home": "",
    "issue": "issues/ceasefire/",
    "event": "events/istanbul-talks-2025-05-16/",
    "actor": "actors/volodymyr-zelenskyy/",
    "venue": "venues/turkey/",
    "article": "articles/2025-05-19-trump-putin-call/",
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
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = built_site(tmp_path_factory.mktemp("browser"), ROOT / "content")
    with served_folder(site) as url:
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


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_axe_finds_no_serious_or_critical_violation(page: object, base_url: str, kind: str) -> None:
    if not AXE_SCRIPT.is_file():
        pytest.fail("axe-core is not installed: run `npm ci` (make test does)", pytrace=False)
    page.goto(base_url + PAGE_KINDS[kind])
    page.add_script_tag(path=str(AXE_SCRIPT))
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    serious = [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']][:3]}"
        for violation in violations
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == [], "\n".join(serious)


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
    page.locator("article h3 a", has_text="Ceasefire").first.click()
    assert page.url == base_url + "issues/ceasefire/"
    row = page.locator("article table tbody tr", has_text="Volodymyr Zelenskyy")
    assert "✓ supports" in row.inner_text()
    row.locator("a", has_text="Volodymyr Zelenskyy").click()
    assert page.url == base_url + "actors/volodymyr-zelenskyy/"
    assert page.locator("h1").inner_text().rstrip("¶") == "Volodymyr Zelenskyy"
    positions = page.locator("article table", has_text="Ceasefire")
    positions.locator("tr", has_text="Ceasefire").locator("td").nth(2).locator("a").click()
    assert page.url.startswith(base_url + "articles/2025-05-19-trump-putin-call/#claim-")
    claim_id = page.url.split("#", 1)[1]
    target = page.locator(f"[id='{claim_id}']")
    assert target.is_visible()
    assert "Volodymyr Zelenskyy" in target.inner_text()
    assert outside_requests(page.requests, base_url) == []


def test_search_finds_an_actor_by_alias_and_an_issue_and_a_venue_by_name(page: object, base_url: str) -> None:
    for query, expected in (
        ("Peskov", "actors/dmitry-peskov/"),
        ("Meloni's office", "actors/meloni-office/"),
        ("Vatican", "venues/vatican/"),
        ("memorandum", "issues/peace-memorandum/"),
    ):
        page.goto(base_url)  # a fresh page each time, so no result list is left from the query before
        page.locator("label.md-header__button[for='__search']").click()
        search = page.locator("input.md-search__input")
        search.press_sequentially(query)  # Material searches on key events, not on a programmatic fill
        results = page.locator(".md-search-result__list a")
        page.locator(".md-search-result__meta", has_text="matching").wait_for()
        hrefs = [urlsplit(href).path for href in results.evaluate_all("links => links.map(a => a.href)")]
        assert "/" + expected in hrefs[:5], (query, hrefs[:5])


def test_following_a_venue_lifecycle(page: object, base_url: str) -> None:
    page.goto(base_url + "venues/")
    page.locator("article li a", has_text="Turkey").first.click()
    assert page.url == base_url + "venues/turkey/"
    step = page.locator("article h3", has_text="offer to meet Putin")
    assert step.count() == 1
    body = page.locator("article").inner_text()
    assert "✗ declined" in body
    assert body.index("Proposed or pressed for by") < body.index("Declined or opposed by")
    refusal = page.locator("article li", has_text="Putin turned down").first
    refusal.locator("a", has_text="report").click()
    assert page.url == base_url + "articles/2025-05-19-trump-putin-call/#claim-putin-declines-turkey-meeting"
    assert page.locator("#claim-putin-declines-turkey-meeting").is_visible()


def test_timeline_filters_by_issue_in_the_page_and_in_the_address(page: object, base_url: str) -> None:
    page.goto(base_url + "timeline/")
    items = page.locator("p.timeline-item")
    total = items.count()
    page.select_option("#timeline-issue", "prisoner-exchange")
    visible = page.locator("p.timeline-item:not([hidden])")
    shown = visible.count()
    assert 0 < shown < total
    issues = visible.evaluate_all("items => items.map(item => item.dataset.issues.split(' '))")
    assert all("prisoner-exchange" in topics for topics in issues)
    assert page.locator(".timeline-count").inner_text() == f"Showing {shown} of {total} entries."
    assert page.url.endswith("#issue=prisoner-exchange")
    page.reload()
    assert page.locator("p.timeline-item:not([hidden])").count() == shown
    page.select_option("#timeline-issue", "")
    assert page.locator("p.timeline-item:not([hidden])").count() == total
