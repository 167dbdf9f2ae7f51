"""Pictures: the relationship graph and the venues map are accessible, escaped, deterministic SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from conftest import ACTORS, ARTICLE, ARTICLE_PATH, VALID, VENUES
from test_index import index_of

from generator.render.pictures import relationship_graph, venue_map

SVG = "{http://www.w3.org/2000/svg}"


def texts_of(svg: str) -> list[str]:
    return [element.text or "" for element in ElementTree.fromstring(svg).iter(f"{SVG}text")]


def test_the_graph_names_every_linked_actor_and_draws_one_line_per_pair() -> None:
    svg = relationship_graph(index_of(VALID).actor_links)
    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Who met, called or talked with whom"
    assert texts_of(svg) == ["Alice Example", "Bob Sample"]
    (line,) = root.iter(f"{SVG}line")
    assert line.get("class") == "link held"


def test_a_link_never_held_is_drawn_dashed() -> None:
    index = index_of({**VALID, ARTICLE_PATH: ARTICLE.replace("status: held", "status: proposed")})
    (line,) = ElementTree.fromstring(relationship_graph(index.actor_links)).iter(f"{SVG}line")
    assert line.get("class") == "link not-held"


def test_names_are_escaped_for_xml() -> None:
    texts = {**VALID, "content/actors.yml": ACTORS.replace("name: Bob Sample", 'name: "Bob <b>&amp; Co"')}
    svg = relationship_graph(index_of(texts).actor_links)
    assert "Bob <b>&amp; Co" in texts_of(svg)
    assert "<b>" not in svg


def test_no_links_and_no_coordinates_draw_nothing() -> None:
    assert relationship_graph(()) == ""
    texts = {**VALID, "content/venues.yml": VENUES.replace("  location: {lat: 10.5, lon: -20.25}\n", "")}
    assert venue_map(index_of(texts).content.venues) == ""


def test_the_map_labels_each_located_venue_and_its_grid() -> None:
    venues = index_of(VALID).content.venues
    svg = venue_map(venues)
    root = ElementTree.fromstring(svg)
    assert len(list(root.iter(f"{SVG}circle"))) == 1
    labels = texts_of(svg)
    assert "Exampleton" in labels
    assert "10°N" in labels and "20°W" in labels


def test_pictures_are_the_same_bytes_every_time() -> None:
    index = index_of(VALID)
    assert relationship_graph(index.actor_links) == relationship_graph(index_of(VALID).actor_links)
    assert venue_map(index.content.venues) == venue_map(index_of(VALID).content.venues)
