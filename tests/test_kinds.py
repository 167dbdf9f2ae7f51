"""The content model's table (generator/domain/kinds.py) agrees with the model it is read from."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from generator.domain.kinds import (
    ARTICLE_MODEL,
    ENTITY_KINDS,
    FIRST_SEEN_ORDER,
    KIND_NAMED,
    EntityKind,
    Reference,
    all_models,
    entity_references_of,
    id_field_names,
    in_words,
    involved_ids,
    is_id_field,
    markdown_fields,
    nested_records_of,
    references_of,
)
from generator.domain.model import ActorId, Claim, Entity, Event, EventReport, FrontMatter, Issue
from generator.domain.paths import entity_feed_path, entity_page_path, entity_page_url
from generator.tools.schema import build_schemas

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "generator" / "render" / "templates"


@pytest.mark.parametrize("model", all_models(), ids=lambda model: model.__name__)
def test_every_id_field_declares_what_it_names(model: type) -> None:
    """An id field is the record's own `id` or says which kind it refers to; nothing else holds ids."""
    references = {reference.field: reference for reference in references_of(model)}
    for name, info in model.model_fields.items():
        if not is_id_field(info):
            assert name not in references, f"{model.__name__}.{name} refers to something but holds no id"
            continue
        if name == "id":
            # A record's own id, except in a report of a registry entry (an article's event: its `id`).
            assert name not in references or model is EventReport, model
            continue
        assert name in references, f"{model.__name__}.{name} holds ids: mark it RefersTo(<kind>)"


@pytest.mark.parametrize("model", all_models(), ids=lambda model: model.__name__)
def test_every_reference_names_a_kind_that_exists(model: type) -> None:
    """A registry reference names an entity kind; a reference within the story names an article or a record
    articles hold."""
    article_records = {nested.model.__name__.lower() for nested in nested_records_of(ARTICLE_MODEL)}
    for reference in references_of(model):
        if reference.within is None:
            assert reference.kind in KIND_NAMED, reference
        else:
            assert reference.within == "story" and reference.kind in {*article_records, "article"}, reference


def test_references_read_from_the_model_are_those_written_by_hand_before() -> None:
    """The tables validation and editor schemas used to spell out, now derived from the annotations."""
    derived = {
        model.__name__: {(ref.field, ref.kind, ref.many) for ref in entity_references_of(model)}
        for model in all_models()
        if entity_references_of(model)
    }
    assert derived == {
        "FrontMatter": {("issues", "issue", True), ("actors", "actor", True), ("venues", "venue", True)},
        "Event": {("venue", "venue", False), ("actors", "actor", True), ("issues", "issue", True)},
        "EventReport": {("id", "event", False)},
        "Claim": {
            ("by", "actor", False),
            ("via", "actor", False),
            ("venue", "venue", False),
            ("issues", "issue", True),
            ("event", "event", False),
            ("about", "event", False),
        },
        "Actor": {("leads", "actor", True), ("speaks_for", "actor", True), ("part_of", "actor", True)},
        "Issue": {("parent", "issue", False)},
    }
    assert references_of(Claim)[2] == Reference("event", "event", many=False)
    assert references_of(FrontMatter)[-1] == Reference("carries", "claim", many=True, within="story")
    assert id_field_names() == {
        *("id", "by", "via", "venue", "event", "parent", "issues", "actors", "venues"),
        *("leads", "speaks_for", "part_of", "carries", "report", "about"),
    }


def test_first_seen_order_lists_only_reference_fields() -> None:
    """The order kept for published data names real reference fields of each record, each once."""
    for model, order in FIRST_SEEN_ORDER.items():
        fields = {reference.field for reference in entity_references_of(model)}
        assert set(order) <= fields and len(set(order)) == len(order), model.__name__


def test_involved_ids_walk_events_then_claims_then_the_article_lists() -> None:
    # An event's own references (its actors, venue) are the registry entry's: see the event, not the report.
    front = FrontMatter.model_validate(
        {
            "title": "T",
            "date": datetime.date(2025, 5, 19),
            "source": {"publisher": "P"},
            "summary": "S",
            "issues": ["ceasefire"],
            "venues": ["rome"],
            "events": [{"id": "call", "status": "held"}],
            "claims": [
                {"id": "c", "by": "putin", "via": "peskov", "kind": "statement", "text": "x", "venue": "rome"}
            ],
        }
    )
    assert involved_ids(front) == [
        "call",
        *("putin", "peskov", "rome"),
        *("ceasefire", "rome"),
    ]


@pytest.mark.parametrize("kind", ENTITY_KINDS, ids=lambda kind: kind.name)
def test_every_kind_has_its_model_fields_template_registry_and_schema(kind: EntityKind) -> None:
    assert issubclass(kind.model, Entity)
    assert kind.label_field in kind.model.model_fields
    assert set(kind.markdown_fields) <= set(kind.model.model_fields)
    assert (TEMPLATES / f"{kind.name}.md.j2").is_file()
    assert (ROOT / "content" / f"{kind.registry}.yml").is_file()
    assert f"{kind.registry}.schema.json" in build_schemas({})
    assert entity_page_path(kind.name, "x") == f"{kind.registry}/x.md"
    assert entity_page_url(kind.name, "x") == f"{kind.registry}/x/"
    assert entity_feed_path(kind.name, "x") == f"feeds/{kind.registry}/x.xml"


def test_markdown_fields_are_marked_on_the_model() -> None:
    assert markdown_fields(Issue) == ("explainer",)
    assert [kind.markdown_fields for kind in ENTITY_KINDS] == [(), (), ("explainer",), ()]


def test_a_reference_field_is_declared_once_on_the_model() -> None:
    """What adding a field touches: the model. The table, validation's checks and the schemas follow."""

    class WitnessedEvent(Event):
        witness: ActorId | None = None

    assert entity_references_of(WitnessedEvent)[-1] == Reference("witness", "actor", many=False)
    event = WitnessedEvent.model_validate(
        {"id": "e", "date": datetime.date(2025, 1, 1), "title": "E", "kind": "call"}
        | {"actors": ["trump"], "witness": "vance"}
    )
    assert involved_ids(event) == ["trump", "vance"]


def test_registries_in_words() -> None:
    assert in_words() == "actors, venues, issues and events"
    assert in_words(ENTITY_KINDS[:1]) == "actors"
