"""Structured data: schema.org JSON-LD for articles and entities, safe inside a script element."""

from __future__ import annotations

import json

from conftest import ACTORS, ARTICLE, ARTICLE_PATH, EVENTS, VALID
from test_index import index_of

from generator.outputs.structured_data import actor_thing, article_data, entity_data, script_json


def test_script_json_cannot_close_the_script_element_and_reads_back_the_same() -> None:
    data = {"text": "</script><script>alert(1)</script> & \u2028"}
    text = script_json(data)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == data


def test_script_json_is_deterministic_with_sorted_keys() -> None:
    assert script_json({"b": 1, "a": 2}) == '{"a":2,"b":1}'


def test_actor_kinds_map_to_schema_types_with_wikidata_same_as() -> None:
    texts = {
        **VALID,
        "content/actors.yml": ACTORS.replace("  country: NO\n", '  country: "NO"\n  wikidata: Q42\n'),
    }
    index = index_of(texts)
    alice = actor_thing(index.entities["alice-example"])
    assert alice["@type"] == "Person"
    assert alice["jobTitle"] == "Mayor of Exampleton"
    assert alice["sameAs"] == ["https://www.wikidata.org/wiki/Q42"]
    assert actor_thing(index.entities["bob-sample"])["@type"] == "Organization"
    state = index.entities["bob-sample"].model_copy(update={"kind": "state"})
    assert actor_thing(state)["@type"] == "GovernmentOrganization"


def test_a_venue_is_a_place_with_coordinates() -> None:
    index = index_of(VALID)
    data = entity_data(index.entities["exampleton"], index)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Place"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 10.5, "longitude": -20.25}


def test_an_event_page_is_a_schema_org_event_with_its_latest_status_venue_and_attendees() -> None:
    later = (
        "---\ntitle: Later\ndate: 2025-05-25\nsource: {publisher: P}\nsummary: S.\n"
        "events:\n  - {id: harbour-meeting, status: cancelled}\n---\nBody.\n"
    )
    events = EVENTS.replace("  date: 2025-05-19\n", "  date: 2025-05-19\n  end: 2025-05-20\n")
    texts = {
        **VALID,
        ARTICLE_PATH: ARTICLE.replace("status: held", "status: scheduled"),
        "content/events.yml": events,
        "content/articles/2025/2025-05-25-later.md": later,
    }
    index = index_of(texts)
    data = entity_data(index.entities["harbour-meeting"], index)
    assert (data["@type"], data["name"], data["startDate"], data["endDate"]) == (
        "Event",
        "Alice meets Bob",
        "2025-05-19",
        "2025-05-20",
    )
    assert data["eventStatus"] == "https://schema.org/EventCancelled"  # the latest report's status
    assert data["location"]["@id"] == "../../venues/exampleton/"
    assert [person["name"] for person in data["attendee"]] == ["Alice Example", "Bob Sample"]
    assert data["description"] == "A fictional meeting."


def test_an_article_is_a_news_article_about_its_events_with_its_claims() -> None:
    index = index_of(VALID)
    data = article_data(index.content.articles[0], index)
    news, claim = data["@graph"]
    assert news["@type"] == "NewsArticle"
    assert news["headline"] == "Harbour talks begin"
    assert news["datePublished"] == "2025-05-19"
    # The events it tells of are about-references to their own pages, which describe them in full.
    assert [(thing["@type"], thing["name"], thing["@id"]) for thing in news["about"]] == [
        ("Thing", "Harbour deal", "../../issues/harbour-deal/"),
        ("Event", "Alice meets Bob", "../../events/harbour-meeting/"),
    ]
    assert [(thing["@type"], thing["name"]) for thing in news["mentions"]] == [
        ("Person", "Alice Example"),
        ("Organization", "Bob Sample"),
        ("Place", "Exampleton"),
    ]
    assert news["isBasedOn"] == "https://example.org/harbour"
    # Claims refer by @id to the entities the article's node names in full.
    named = {thing["@id"]: thing["name"] for thing in news["about"] + news["mentions"]}
    assert (claim["@type"], claim["@id"]) == ("Claim", "#claim-alice-offer")
    assert named[claim["author"]["@id"]] == "Alice Example"
    assert claim["text"] == "Alice offers to sell the harbour."
    assert claim["dateCreated"] == "2025-05-19"


def test_a_claim_known_only_roughly_has_no_exact_creation_date() -> None:
    texts = {**VALID, ARTICLE_PATH: ARTICLE.replace("    event: harbour-meeting\n", "    date: 2025-05\n")}
    texts[ARTICLE_PATH] = texts[ARTICLE_PATH].replace(
        "events:\n  - id: harbour-meeting\n    status: held\n", ""
    )
    index = index_of(texts)
    (_, claim) = article_data(index.content.articles[0], index)["@graph"]
    assert "dateCreated" not in claim


def test_article_json_is_script_safe() -> None:
    hostile_claim = 'text: "Quote \\" backslash \\\\ </script> & \\u2028 tab\\t end"'
    hostile = {
        **VALID,
        "content/actors.yml": ACTORS.replace("name: Alice Example", 'name: "</script> \\" \\\\ & \\u2028"'),
        ARTICLE_PATH: ARTICLE.replace("text: Alice offers to sell the harbour.", hostile_claim),
    }
    for texts in (VALID, hostile):
        index = index_of(texts)
        for article in index.content.articles:
            plain = script_json(article_data(article, index))
            assert not any(character in plain for character in "<>&\u2028\u2029")
            assert json.loads(plain) == article_data(article, index)
