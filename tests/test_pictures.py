"""Pictures: the relationship graph is accessible, escaped, deterministic SVG (the map: test_venue_map.py).

The drawings (where each line, dot and label goes) come from generator.render.pictures; the SVG is written by
the template macros, so these tests read it from the rendered pages, as readers get it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from conftest import ACTORS, ARTICLE, ARTICLE_PATH, VALID
from test_index import index_of

from generator.index import Index
from generator.render.pictures import format_coordinate, relationship_graph
from generator.render.render import render_site

SVG = "{http://www.w3.org/2000/svg}"
GRAPH_PAGE = "actors/index.md"


def svg_on(index: Index, page_path: str) -> str:
    """The one SVG element on a rendered page ("" if there is none)."""
    found = re.findall(r"<svg .*?</svg>", render_site(index)[page_path].markdown)
    assert len(found) <= 1
    return found[0] if found else ""


def texts_of(svg: str) -> list[str]:
    return [element.text or "" for element in ElementTree.fromstring(svg).iter(f"{SVG}text")]


def test_the_graph_names_every_linked_actor_and_draws_one_line_per_pair() -> None:
    svg = svg_on(index_of(VALID), GRAPH_PAGE)
    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "graph-title graph-desc"
    assert root.find(f"{SVG}title").text == "Who met, called or talked with whom"
    assert root.find(f"{SVG}desc").text.startswith("2 actors joined by 1 line")
    assert texts_of(svg) == ["Alice Example", "Bob Sample"]
    (line,) = root.iter(f"{SVG}line")
    assert (line.get("class"), line.get("stroke-width")) == ("link held", "1")


def test_a_link_never_held_is_drawn_dashed() -> None:
    index = index_of({**VALID, ARTICLE_PATH: ARTICLE.replace("status: held", "status: proposed")})
    (line,) = ElementTree.fromstring(svg_on(index, GRAPH_PAGE)).iter(f"{SVG}line")
    assert line.get("class") == "link not-held"


def test_names_are_escaped_for_xml_and_not_for_markdown() -> None:
    # Markdown does not read inside the figure's raw HTML block: a Markdown escape would show as written.
    name = 'name: "Bob <b>&amp; *Co* [x](y) \\\\"'
    texts = {**VALID, "content/actors.yml": ACTORS.replace("name: Bob Sample", name)}
    svg = svg_on(index_of(texts), GRAPH_PAGE)
    assert "Bob <b>&amp; *Co* [x](y) \\" in texts_of(svg)
    assert "<b>" not in svg


def test_no_links_draw_nothing() -> None:
    assert relationship_graph(()) is None


def test_coordinates_are_written_with_one_decimal_and_never_as_minus_zero() -> None:
    assert [format_coordinate(value) for value in (12.0, 12.34, -0.04, -3.25, 0)] == [
        "12",
        "12.3",
        "0",
        "-3.2",
        "0",
    ]


def test_the_graph_is_the_same_bytes_every_time() -> None:
    assert svg_on(index_of(VALID), GRAPH_PAGE) == svg_on(index_of(VALID), GRAPH_PAGE)
