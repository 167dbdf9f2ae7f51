"""Pictures: the actors' graph by side is accessible, escaped, deterministic SVG (the map: test_venue_map.py).

What the graph shows comes from generator.render.pictures (`actor_graph`, `relationship_graph`); the SVG is
written by the template macros, so these tests read it from the rendered pages, as readers get it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from conftest import ACTORS, VALID
from generated_html import element_with_text, links_of, page_tree, section, text_of
from test_index import index_of, with_second_article

from generator.index import Index
from generator.render.pictures import (
    GRAPH_WIDTH,
    HEAVIEST,
    NO_SIDE,
    actor_graph,
    format_coordinate,
    relationship_graph,
)
from generator.render.render import render_site

SVG = "{http://www.w3.org/2000/svg}"
GRAPH_PAGE = "actors/index.md"

SIDED_ACTORS = (
    ACTORS.replace(
        "  summary: A fictional mayor.\n",
        "  summary: A fictional mayor.\n  side: Sellers\n  leads: [harbour-town]\n",
    )
    + """\
- id: harbour-town
  name: Harbour Town
  kind: state
  aliases: [the Town]
  side: Sellers
  summary: A fictional town.
- id: carol-buyer
  name: Carol Buyer
  kind: person
  aliases: [Carol]
  side: Buyers
  summary: A fictional buyer.
- id: dan-quiet
  name: Dan Quiet
  kind: person
  summary: A fictional bystander who says nothing about anyone.
"""
)


def claim(claim_id: str, by: str, text: str, more: str = "") -> str:
    fields = f"    by: {by}\n    kind: statement\n    text: {text}\n    date: 2025-05-24\n"
    return f"  - id: {claim_id}\n{fields}{more}"


def graph_texts(claims: str, actors: str = SIDED_ACTORS) -> dict[str, str]:
    """VALID with sides and relations, and a second report with these claims."""
    return with_second_article(
        claims,
        body="[[harbour-town]] [[carol-buyer]] [[dan-quiet]]",
        issues="[]",
        texts={**VALID, "content/actors.yml": actors},
    )


TALK = (
    claim("carol-on-alice", "carol-buyer", "Carol said Alice Example asks too much.")
    + claim(
        "carol-on-alice-again",
        "carol-buyer",
        "Carol said the price is high.",
        "    position: less than Alice Example wants\n",
    )
    + claim("alice-on-bob", "alice-example", "Alice said Bob Sample will decide.")
    + claim("alice-on-her-town", "alice-example", "Alice said the Town needs the money.")
    + claim("carol-via-bob", "carol-buyer", "Carol will pay in cash.", "    via: bob-sample\n")
    + claim("dan-says-nothing", "dan-quiet", "Dan said nothing of note.")
)


def svg_on(index: Index, page_path: str = GRAPH_PAGE) -> str:
    """The one SVG element on a rendered page ("" if there is none)."""
    found = re.findall(r"<svg .*?</svg>", render_site(index)[page_path].markdown)
    assert len(found) <= 1
    return found[0] if found else ""


def texts_of(svg: str) -> list[str]:
    return [element.text or "" for element in ElementTree.fromstring(svg).iter(f"{SVG}text")]


def test_actors_are_grouped_by_side_and_those_without_one_only_when_something_joins_them() -> None:
    graph = actor_graph(index_of(graph_texts(TALK)), limit=24)
    assert graph is not None
    sides = [(side.name, [actor.id for actor in side.actors]) for side in graph.sides]
    # Bob has no side but is spoken about and relays Carol;
    # Dan has no side and nothing joins him to anyone, so he is left out.
    assert sides == [
        ("Sellers", ["alice-example", "harbour-town"]),
        ("Buyers", ["carol-buyer"]),
        (NO_SIDE, ["bob-sample"]),
    ]


def test_a_claim_joins_its_speaker_to_whom_it_names_or_relays_once_each_but_not_to_its_own() -> None:
    graph = actor_graph(index_of(graph_texts(TALK)), limit=24)
    assert graph is not None
    found = {
        (exchange.speaker.id, exchange.other.id): (
            [record.claim.id for record in exchange.named],
            [record.claim.id for record in exchange.relayed],
        )
        for exchange in graph.exchanges
    }
    assert found == {
        # By name and by alias, in the text or in the position; each claim once.
        ("carol-buyer", "alice-example"): (["carol-on-alice", "carol-on-alice-again"], []),
        ("alice-example", "bob-sample"): (["alice-on-bob"], []),
        ("bob-sample", "carol-buyer"): ([], ["carol-via-bob"]),
    }  # "the Town" Alice leads is her own: that is the relation, drawn dashed
    assert [(actor.id, relation.words, relation.other.id) for actor, relation in graph.relations] == [
        ("alice-example", "leads", "harbour-town")
    ]


def test_each_actor_is_a_link_to_its_page_named_for_screen_readers() -> None:
    svg = svg_on(index_of(graph_texts(TALK)))
    root = ElementTree.fromstring(svg)
    assert root.get("role") == "group"
    assert root.get("aria-labelledby") == "graph-title graph-desc"
    assert root.find(f"{SVG}title").text == "Sides, and who said what about whom"
    links = {link.get("aria-label"): link.get("href") for link in root.iter(f"{SVG}a")}
    assert links == {
        "Alice Example": "../actors/alice-example/",
        "Harbour Town": "../actors/harbour-town/",
        "Carol Buyer": "../actors/carol-buyer/",
        "Bob Sample": "../actors/bob-sample/",
    }
    side_labels = [text.text for text in root.iter(f"{SVG}text") if text.get("class") == "side-label"]
    assert side_labels == ["Sellers", "Buyers", NO_SIDE]


def test_lines_are_thicker_for_more_claims_up_to_a_limit_and_relations_are_drawn_apart() -> None:
    many = "".join(
        claim(f"carol-{number}", "carol-buyer", "Carol said Alice Example is wrong.") for number in range(9)
    )
    root = ElementTree.fromstring(svg_on(index_of(graph_texts(many + TALK))))
    classes = sorted(path.get("class") for path in root.iter(f"{SVG}path"))
    # The legend's two samples, the relation, then one line per pair: 11 claims draw no thicker than 5.
    assert classes == ["relation", "relation", "said w1", "said w1", "said w3", f"said w{HEAVIEST}"]
    assert [path.get("stroke-width") for path in root.iter(f"{SVG}path")] == [None] * 6  # the stylesheet's


def test_the_picture_fits_a_phone_by_its_viewbox() -> None:
    root = ElementTree.fromstring(svg_on(index_of(graph_texts(TALK))))
    assert root.get("viewBox").startswith(f"0 0 {GRAPH_WIDTH} ")
    assert GRAPH_WIDTH <= 420  # drawn at 390 px, names stay readable (at least 0.9 of their size)


def test_the_text_alternative_says_the_same_per_side_and_pair_with_counts_and_the_claims() -> None:
    page = render_site(index_of(graph_texts(TALK)))[GRAPH_PAGE].markdown
    key = section(page_tree(page), "Sides, and who said what about whom")
    key.css_first("figure").decompose()  # the picture; what follows it says the same in words
    said = {text_of(item): links_of(item, GRAPH_PAGE) for item in key.css("li")}
    alice, bob = ("Alice Example", "actors/alice-example/"), ("Bob Sample", "actors/bob-sample/")
    carol, town = ("Carol Buyer", "actors/carol-buyer/"), ("Harbour Town", "actors/harbour-town/")
    assert said["Sellers: Alice Example · Harbour Town"] == [alice, town]
    assert said[f"{NO_SIDE}: Bob Sample"] == [bob]
    assert said["Carol Buyer → Alice Example: named in 2 claims (2025-05-24, 2025-05-24)"] == [
        carol,
        alice,
        ("2025-05-24", "articles/later/#claim-carol-on-alice"),
        ("2025-05-24", "articles/later/#claim-carol-on-alice-again"),
    ]
    assert said["Bob Sample → Carol Buyer: relayed 1 claim of theirs (2025-05-24)"] == [
        bob,
        carol,
        ("2025-05-24", "articles/later/#claim-carol-via-bob"),
    ]
    dashed = element_with_text(key, "p", "Relations drawn dashed: Alice Example leads Harbour Town.")
    assert links_of(dashed, GRAPH_PAGE) == [alice, town]


def test_names_and_sides_are_escaped_for_xml_and_not_for_markdown() -> None:
    # Markdown does not read inside the figure's raw HTML block: a Markdown escape would show as written.
    name = '"Bob <b>&amp; *Co* [x](y) \\\\ \\"><img src=x onerror=alert(1)>"'
    side = '"<script>alert(1)</script>"'
    actors = SIDED_ACTORS.replace("name: Bob Sample", f"name: {name}").replace(
        "side: Buyers", f"side: {side}"
    )
    svg = svg_on(index_of(graph_texts(TALK.replace("Bob Sample", "Bob"), actors)))
    assert "<script>alert(1)</script>" in texts_of(svg)
    assert "<b>" not in svg and "<img" not in svg and "<script>" not in svg
    (link,) = [
        link for link in ElementTree.fromstring(svg).iter(f"{SVG}a") if "bob-sample" in link.get("href")
    ]
    shown = 'Bob <b>&amp; *Co* [x](y) \\ "><img src=x onerror=alert(1)>'
    assert link.get("aria-label") == shown
    assert " ".join(text.text for text in link.iter(f"{SVG}text")) == shown  # on two lines


def test_a_long_name_is_written_on_two_lines() -> None:
    actors = SIDED_ACTORS.replace("name: Carol Buyer", "name: Carol Buyer of the Northern Harbour Consortium")
    root = ElementTree.fromstring(svg_on(index_of(graph_texts(TALK, actors))))
    (link,) = [link for link in root.iter(f"{SVG}a") if link.get("href").endswith("carol-buyer/")]
    assert [text.text for text in link.iter(f"{SVG}text")] == [
        "Carol Buyer of the Northern",
        "Harbour Consortium",
    ]


def test_no_actor_to_show_draws_nothing() -> None:
    assert relationship_graph(None) is None
    no_actors = {path: text for path, text in VALID.items() if path.endswith(".yml")}
    no_actors |= {"content/actors.yml": "[]\n", "content/events.yml": "[]\n"}
    assert actor_graph(index_of(no_actors), limit=24) is None


def test_coordinates_are_written_with_one_decimal_and_never_as_minus_zero() -> None:
    assert [format_coordinate(value) for value in (12.0, 12.34, -0.04, -3.25, 0)] == [
        "12",
        "12.3",
        "0",
        "-3.2",
        "0",
    ]


def test_the_graph_is_the_same_bytes_every_time() -> None:
    assert svg_on(index_of(graph_texts(TALK))) == svg_on(index_of(graph_texts(TALK)))
