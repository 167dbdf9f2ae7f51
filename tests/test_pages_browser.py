"""Browser tests of every page kind on a phone: nothing fails to load, nothing comes from another host, axe
finds nothing, nothing is wider than the screen, and the pictures' links lead to pages of the site.

The shipped site is built once and served on 127.0.0.1 (an unknown address answered with the site's
404.html, as hosts do), and read in Debian's headless Chromium at 390 px. Without chromium these tests skip,
except under CI (CI=true), where a missing browser is a failure.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from chromium import launched_chromium, require_chromium, served_folder
from test_browser import AXE_SCRIPT, NotFoundPageHandler, failed_requests, outside_requests

PHONE = {"width": 390, "height": 844}
MISSING = "actors/nobody-by-that-name/"
"""An address the site does not have: the host answers it with the 404 page."""
PAGE_KINDS: dict[str, str] = {
    "home": "",
    "article": "articles/2025-05-20-trump-putin-call/",
    "actor": "actors/vladimir-putin/",
    "venue": "venues/istanbul/",
    "issue": "issues/ceasefire/",
    "event": "events/istanbul-talks-2025-05-16/",
    "actors-index": "actors/",
    "venues-index": "venues/",
    "issues-index": "issues/",
    "events-index": "events/",
    "articles-index": "articles/",
    "timeline": "timeline/",
    "about": "about/",
    "about-the-data": "data/",
    "404": MISSING,
}
"""One page of every kind in the shipped site."""

WIDER_THAN_THE_SCREEN = """() => {
  // Elements of the content that reach past either edge of the screen, unless a container inside the page
  // that fits the screen scrolls or clips them (a wide table scrolls inside its wrapper). The page itself
  // (html, body) does not count: clipping there hides content instead of letting it scroll.
  const width = document.documentElement.clientWidth;
  const outside = (rect) => rect.left < -0.5 || rect.right > width + 0.5;
  const contained = (element) => {
    for (let parent = element.parentElement; parent !== document.body; parent = parent.parentElement) {
      const overflow = getComputedStyle(parent).overflowX;
      if (overflow !== "visible" && !outside(parent.getBoundingClientRect())) return true;
    }
    return false;
  };
  const found = [];
  for (const element of document.querySelectorAll(".md-content *")) {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0 || !outside(rect) || contained(element)) continue;
    const name = `${element.tagName.toLowerCase()}.${element.getAttribute("class") || ""}`;
    found.push(`${name} ${Math.round(rect.left)}..${Math.round(rect.right)}`);
  }
  return found;
}"""

require_chromium()


@pytest.fixture(scope="module")
def base_url(shipped_site: Path) -> Iterator[str]:
    with served_folder(shipped_site, NotFoundPageHandler) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with launched_chromium() as launched:
        yield launched


@pytest.fixture
def phone(browser: object) -> Iterator[object]:
    """A phone-sized page that records every request it makes."""
    context = browser.new_context(viewport=PHONE)
    opened = context.new_page()
    opened.requests = []
    opened.on("request", lambda request: opened.requests.append(request.url))
    yield opened
    context.close()


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_every_page_kind_on_a_phone_loads_whole_fits_and_passes_axe(
    phone: object, base_url: str, kind: str
) -> None:
    if not AXE_SCRIPT.is_file():
        pytest.fail("axe-core is not installed: run `npm ci` (make test does)", pytrace=False)
    failed = failed_requests(phone)
    phone.goto(base_url + PAGE_KINDS[kind], wait_until="networkidle")
    expected = [f"404 {base_url}{MISSING}"] if kind == "404" else []  # the address itself, nothing else
    assert failed == expected, "a request failed"
    assert outside_requests(phone.requests, base_url) == [], "a request went to another host"
    assert phone.evaluate(WIDER_THAN_THE_SCREEN) == [], "wider than the screen"
    for picture in phone.locator(".md-content svg, .md-content figure, .md-content table").all():
        box = picture.bounding_box()
        if box is not None and box["width"] > 0:
            scrolled = picture.evaluate("element => !!element.closest('.md-typeset__scrollwrap')")
            assert scrolled or (box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]), kind
    phone.add_script_tag(path=str(AXE_SCRIPT))
    violations = phone.evaluate("async () => (await axe.run(document)).violations")
    found = [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']][:3]}"
        for violation in violations
    ]
    assert found == [], "\n".join(found)


def test_the_wideness_check_catches_a_picture_wider_than_the_screen(phone: object, base_url: str) -> None:
    phone.goto(base_url + "actors/", wait_until="networkidle")
    phone.add_style_tag(content=".md-typeset figure.actor-graph svg { min-width: 28rem; max-width: none; }")
    assert any(found.startswith("svg.") for found in phone.evaluate(WIDER_THAN_THE_SCREEN))


def pages_behind(phone: object, selector: str) -> dict[str, str]:
    """Each link of the elements matching `selector` on the open page: its name, and the address it leads
    to; every such address must answer 200."""
    links = phone.locator(selector).evaluate_all(
        "links => links.map(link => [link.getAttribute('aria-label'), link.getAttribute('href')])"
    )
    found = {name: urljoin(phone.url, href) for name, href in links}
    for url in found.values():
        assert phone.request.get(url).status == 200, url
    return found


def test_every_node_of_the_actors_picture_leads_to_the_actors_page(phone: object, base_url: str) -> None:
    phone.goto(base_url + "actors/", wait_until="networkidle")
    nodes = pages_behind(phone, "figure.actor-graph a")
    # Every actor shown (the key under the picture lists them by side) is a link named for them.
    listed = phone.locator("figure.actor-graph + ul li a").evaluate_all(
        "links => links.map(l => l.textContent)"
    )
    assert sorted(nodes) == sorted(listed) and "Vladimir Putin" in nodes and "Donald Trump" in nodes
    assert nodes["Vladimir Putin"] == base_url + "actors/vladimir-putin/"
    phone.locator("figure.actor-graph a[aria-label='Donald Trump']").click()
    assert phone.url == base_url + "actors/donald-trump/"
    assert phone.locator("h1").inner_text().rstrip("¶") == "Donald Trump"


def test_every_marker_of_the_map_leads_to_a_venues_page(phone: object, base_url: str) -> None:
    phone.goto(base_url + "venues/", wait_until="networkidle")
    markers = pages_behind(phone, "figure.venue-map a")
    assert markers and all(url.startswith(base_url + "venues/") for url in markers.values())


def test_the_actors_picture_is_readable_on_a_phone(phone: object, base_url: str) -> None:
    phone.goto(base_url + "actors/", wait_until="networkidle")
    picture = phone.locator("figure.actor-graph svg")
    box = picture.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # Names are drawn at least 12 px high on the screen: the picture shrinks only a little.
    heights = picture.locator("a text").evaluate_all(
        "texts => texts.map(t => t.getBoundingClientRect().height)"
    )
    assert min(heights) >= 12
