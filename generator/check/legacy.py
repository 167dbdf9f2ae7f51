"""Content written for model v1.2, recognised and explained: what to change, and `newsgen migrate`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.domain.kinds import join_words
from generator.domain.model import Event, EventReport

MIGRATE = "`newsgen migrate` does this for the whole story"
"""How every message about v1.2 content ends."""

DEFINITION_FIELDS: frozenset[str] = frozenset(Event.model_fields) - frozenset(EventReport.model_fields)
"""Fields that define an event (`title`, `kind`, `date` ...): v1.2 wrote them in the article, v2 in
`content/events.yml`."""

MISSING_EVENTS_REGISTRY = (
    "missing registry: create events.yml; since content model v2 every event is defined there once and "
    f"articles list only its id and status (content written for v1.2 defines events in articles: {MIGRATE})"
)


@dataclass(frozen=True)
class EventDefinition:
    """An event defined in an article's `events`, as v1.2 did."""

    index: int
    """Its position in the article's `events`."""
    event_id: str | None
    fields: tuple[str, ...]
    """The defining fields written, in the order written."""

    def message(self) -> str:
        """What to change, in the contributor's words."""
        named = f"'{self.event_id}'" if self.event_id else "this event"
        moved = join_words([f"`{name}`" for name in self.fields])
        return (
            f"events[{self.index}]: {named} is defined here as in content model v1.2; since v2 an event is "
            f"defined once in content/events.yml and each report says only its `id` and `status`: move "
            f"{moved} to its entry in content/events.yml and keep `id` and `status` here; {MIGRATE}"
        )


def event_definitions(front: dict[str, Any]) -> list[EventDefinition]:
    """The v1.2 event definitions in an article's front matter (raw data)."""
    events = front.get("events")
    if not isinstance(events, list):
        return []
    found = []
    for index, entry in enumerate(events):
        if not isinstance(entry, dict):
            continue
        fields = tuple(name for name in entry if name in DEFINITION_FIELDS)
        if fields:
            event_id = entry.get("id")
            found.append(EventDefinition(index, event_id if isinstance(event_id, str) else None, fields))
    return found


def without_definitions(front: dict[str, Any], definitions: list[EventDefinition]) -> dict[str, Any]:
    """The front matter with each v1.2 event definition cut to what v2 keeps (`id`, `status` ...), so the
    rest of the article is checked as v2 without a message per moved field."""
    events = list(front["events"])
    for definition in definitions:
        entry = events[definition.index]
        events[definition.index] = {
            name: value for name, value in entry.items() if name not in DEFINITION_FIELDS
        }
    return {**front, "events": events}


def undated_claim_message(index: int, article_date: str) -> str:
    """What to change in a claim that v1.2 dated by its article (it has neither `date` nor `event`)."""
    return (
        f"claims[{index}]: content model v1.2 dated a claim without `date` by its article; since v2 a claim "
        f"is dated when it was said: add `date: {article_date}` if it was said that day, else the day, month "
        f"(2025-05) or 'before {article_date}'; {MIGRATE}, with a TODO to check each date"
    )
