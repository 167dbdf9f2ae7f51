"""The venues map: country outlines, a linked, named marker per venue with an event, by status, and its key.

The drawing comes from generator.render.venue_map; the SVG is written by the template macro, so these tests
read it from the rendered venues index, as readers get it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from conftest import ARTICLE, ARTICLE_PATH, EVENTS, VALID, VENUES
from generated_html import links_of, page_tree, section, text_of
from test_index import index_of

from generator.build.sanitize import sanitize_html
from generator.index import Index
from generator.render.render import render_site
from generator.render.venue_map import countries, map_venues, venue_map, venue_status

SVG = "{http://www.w3.org/2000/svg}"
MAP_PAGE = "venues/index.md"

MORE_VENUES = """\
- id: senegal
  name: Senegal
  kind: country
  country: "SN"
  summary: A country without coordinates of its own.
- id: the-coast
  name: The Coast
  kind: region
  summary: A region, no single point.
- id: quiet-town
  name: Quiet Town
  kind: city
  location: {lat: 12.0, lon: -16.0}
  summary: No event here.
"""

MORE_EVENTS = """\
- id: senegal-talks
  date: 2025-05-19
  title: Talks in Senegal offered
  kind: talks
  venue: senegal
- id: coast-summit
  date: 2025-05-19
  title: A summit on the coast, refused
  kind: meeting
  venue: the-coast
- id: exampleton-summit
  date: 2025-05-19
  title: A summit in Exampleton, cancelled
  kind: meeting
  venue: exampleton
"""

MORE_REPORTS = """\
  - id: senegal-talks
    status: proposed
  - id: coast-summit
    status: declined
  - id: exampleton-summit
    status: cancelled
"""


def with_more_venues() -> dict[str, str]:
    """VALID plus a country, a region and a city without events, and events proposed, declined, cancelled."""
    article = ARTICLE.replace("claims:\n", MORE_REPORTS + "claims:\n")
    return {
        **VALID,
        "content/venues.yml": VENUES + MORE_VENUES,
        "content/events.yml": EVENTS + MORE_EVENTS,
        ARTICLE_PATH: article,
    }


def page_of(index: Index) -> str:
    return render_site(index)[MAP_PAGE].markdown


def map_svg(markdown: str) -> ElementTree.Element:
    (svg,) = re.findall(r"<svg .*?</svg>", markdown)
    return ElementTree.fromstring(svg)


def markers(svg: ElementTree.Element) -> dict[str, ElementTree.Element]:
    """The marker links by their accessible name."""
    return {link.get("aria-label"): link for link in svg.iter(f"{SVG}a")}


def test_every_venue_with_an_event_is_a_named_link_to_its_page_coded_by_status() -> None:
    svg = map_svg(page_of(index_of(with_more_venues())))
    found = markers(svg)
    assert set(found) == {"Exampleton: held", "Senegal: proposed or scheduled"}
    exampleton = found["Exampleton: held"]
    # The page is served at venues/: raw HTML is not rewritten by MkDocs, so the link climbs from there.
    assert exampleton.get("href") == "../venues/exampleton/"
    assert exampleton.get("class") == "marker held"
    assert exampleton.find(f"{SVG}circle").get("r") == "7"
    assert exampleton.find(f"{SVG}text").text == "Exampleton"
    senegal = found["Senegal: proposed or scheduled"]
    assert senegal.get("class") == "marker proposed" and senegal.find(f"{SVG}circle") is not None
    assert svg.get("role") == "group" and svg.get("aria-labelledby") == "map-title map-desc"


def test_a_venue_shows_the_furthest_its_events_got() -> None:
    index = index_of(with_more_venues())
    # Exampleton: one meeting held and one cancelled; the coast: only declined; the quiet town: no event.
    assert [venue_status(index, venue) for venue in ("exampleton", "the-coast", "senegal", "quiet-town")] == [
        "held",
        "declined",
        "proposed",
        None,
    ]
    only_declined = with_more_venues()
    only_declined[ARTICLE_PATH] = only_declined[ARTICLE_PATH].replace("status: held", "status: declined")
    found = markers(map_svg(page_of(index_of(only_declined))))
    cross = found["Exampleton: declined or cancelled"]
    assert cross.get("class") == "marker declined"
    assert cross.find(f"{SVG}path") is not None and cross.find(f"{SVG}circle") is None


def test_a_country_without_coordinates_is_marked_inside_its_outline() -> None:
    mapped_venues = map_venues(index_of(with_more_venues()), 40)
    (senegal,) = [mapped for mapped in mapped_venues if mapped.venue.id == "senegal"]
    latitude, longitude = senegal.point
    assert 12 < latitude < 17 and -18 < longitude < -11


def test_the_key_says_what_the_map_shows_and_lists_what_it_cannot() -> None:
    markdown = page_of(index_of(with_more_venues()))
    page = page_tree(markdown)
    key = page.css_first("figure + ul")  # the key, right under the map
    items = key.css("li")
    assert [text_of(item) for item in items] == [
        "● held: Exampleton",
        "○ proposed or scheduled: Senegal",
        "Not on the map (no single point): The Coast (declined or cancelled)",
    ]
    assert [item.css_first("strong").attributes.get("class") for item in items] == [
        "status status-held",
        "status status-proposed",
        None,
    ]
    assert links_of(key, MAP_PAGE) == [
        ("Exampleton", "venues/exampleton/"),
        ("Senegal", "venues/senegal/"),
        ("The Coast", "venues/the-coast/"),
    ]
    assert "Quiet Town" not in section(page, "Map").text()  # no event: neither on the map nor in its key
    description = map_svg(markdown).find(f"{SVG}desc").text
    assert "held: Exampleton; proposed or scheduled: Senegal." in description
    assert description.endswith("Not on the map (no single point): The Coast.")


def test_outlines_are_clipped_to_the_picture() -> None:
    svg = map_svg(page_of(index_of(with_more_venues())))
    width, height = (float(number) for number in svg.get("viewBox").split()[2:])
    outlines = [path.get("d") for path in svg.iter(f"{SVG}path") if path.get("class") == "land"]
    assert len(outlines) >= 3  # Senegal, The Gambia, Mauritania, ... around the venues
    numbers = [float(number) for outline in outlines for number in re.findall(r"-?[0-9.]+", outline)]
    xs, ys = numbers[0::2], numbers[1::2]
    assert min(xs) >= 0 and max(xs) <= width
    assert min(ys) >= 0 and max(ys) <= height


def test_a_phone_shows_it_whole() -> None:
    # The viewBox scales to the screen; the picture is never given a width wider than a phone's.
    drawing = venue_map(map_venues(index_of(VALID), 40))
    assert drawing is not None and drawing.width <= 420 and drawing.height <= drawing.width


def test_venue_names_are_escaped_and_survive_the_sanitizer_as_text() -> None:
    script, image = "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'
    texts = with_more_venues()
    texts["content/venues.yml"] = (
        texts["content/venues.yml"]
        .replace("name: Exampleton", f"name: '{script}'")
        .replace("name: Senegal", f"name: '{image}'")
    )
    markdown = page_of(index_of(texts))
    svg = map_svg(markdown)  # well-formed: quotes and brackets escaped in attributes and text
    assert set(markers(svg)) == {f"{script}: held", f"{image}: proposed or scheduled"}
    assert sorted(text.text for text in svg.iter(f"{SVG}text")) == sorted([script, image])
    figure = markdown[markdown.index("<figure") : markdown.index("</figure>") + len("</figure>")]
    cleaned = sanitize_html(figure)
    assert "<script" not in cleaned and "<img" not in cleaned
    assert 'href="../venues/exampleton/"' in cleaned and "<path" in cleaned


def test_no_venue_with_an_event_and_a_point_draws_no_map() -> None:
    texts = {**VALID, "content/events.yml": EVENTS.replace("  venue: exampleton\n", "")}
    index = index_of(texts)
    assert map_venues(index, 40) == ()
    assert venue_map(()) is None
    assert "<svg" not in page_of(index)


def test_the_map_is_the_same_bytes_every_time() -> None:
    assert page_of(index_of(with_more_venues())) == page_of(index_of(with_more_venues()))


def test_the_shipped_outlines_are_natural_earths_countries() -> None:
    shipped = {country.code: country for country in countries()}
    assert len(shipped) > 150
    latitude, longitude = shipped["TR"].label
    assert 37 < latitude < 41 and 30 < longitude < 40
    assert shipped["FR"].name == "France" and shipped["NO"].name == "Norway"
