"""Structured data: schema.org JSON-LD for each page, as text safe to place inside a `<script>` element.

The generator produces the data; the theme only places it (theme_overrides/main.html reads the page's
`structured_data` front matter).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from generator.check.validate import Article
from generator.domain.kinds import ENTITY_KINDS, KIND_OF_MODEL
from generator.domain.model import Actor, Entity, Event, Issue, Venue
from generator.domain.paths import entity_page_url
from generator.index import ClaimRecord, Index, actors_in

SCHEMA_CONTEXT = "https://schema.org"
WIKIDATA_URL = "https://www.wikidata.org/wiki/"

_EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "declined": "https://schema.org/EventCancelled",
}
# Characters that could end a <script> element or a line in a JavaScript string, written as JSON escapes.
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: dict[str, Any]) -> str:
    """JSON for a `<script type="application/ld+json">`: sorted keys, and no `<` that could close it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for character, escaped in _SCRIPT_UNSAFE.items():
        text = text.replace(character, escaped)
    return text


def _same_as(entity: Entity) -> dict[str, Any]:
    wikidata = getattr(entity, "wikidata", None)
    return {"sameAs": [WIKIDATA_URL + wikidata]} if wikidata else {}


def _optional(**values: Any) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value}


def actor_thing(actor: Actor) -> dict[str, Any]:
    """An actor as a schema.org `Person`, `Organization` or (for a state) `GovernmentOrganization`."""
    thing_type = KIND_OF_MODEL[Actor].schema_type_of(actor)
    extra = {"jobTitle": actor.role} if thing_type == "Person" and actor.role else {}
    return {
        "@type": thing_type,
        "name": actor.name,
        **_optional(alternateName=list(actor.aliases), description=actor.summary),
        **extra,
        **_same_as(actor),
    }


def venue_thing(venue: Venue) -> dict[str, Any]:
    """A venue as a schema.org `Place`, with its coordinates when known."""
    geo = (
        {"geo": {"@type": "GeoCoordinates", "latitude": venue.location.lat, "longitude": venue.location.lon}}
        if venue.location
        else {}
    )
    return {
        "@type": KIND_OF_MODEL[Venue].schema_type,
        "name": venue.name,
        **_optional(alternateName=list(venue.aliases), description=venue.summary),
        **geo,
        **_same_as(venue),
    }


def issue_thing(issue: Issue) -> dict[str, Any]:
    """An issue as a schema.org `Thing`."""
    return {
        "@type": KIND_OF_MODEL[Issue].schema_type,
        "name": issue.title,
        **_optional(description=issue.summary),
    }


def reference(entity: Entity, base: str = "../../") -> dict[str, Any]:
    """An entity named in an article's JSON-LD: its type and name, and as `@id` its own page (`base` leads
    from the article's URL to the site root), where its full description is. Wikidata keeps `sameAs`."""
    kind = KIND_OF_MODEL[type(entity)]
    return {
        "@id": base + entity_page_url(kind.name, entity.id),
        "@type": kind.schema_type_of(entity),
        "name": entity.label,
        **_same_as(entity),
    }


class _References:
    """Each entity's reference built once per article (a leader may be named by most of its claims)."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self._built: dict[str, dict[str, Any]] = {}

    def __call__(self, entity_id: str) -> dict[str, Any] | None:
        found = self._built.get(entity_id)
        if found is None:
            entity = self.index.entities.get(entity_id)
            if entity is None:
                return None
            found = self._built[entity_id] = reference(entity)
        return found

    def named_as(self, article_property: str, ids: Sequence[str]) -> list[dict[str, Any]]:
        """The entities among `ids` an article names as `article_property` (`about`, `mentions`), kind by kind
        in table order, each kind in the order of `ids`."""
        kind_of = self.index.kind_of
        return [
            self(entity_id)  # type: ignore[misc]
            for kind in ENTITY_KINDS
            if kind.article_property == article_property
            for entity_id in ids
            if kind_of.get(entity_id) == kind.name
        ]

    def node(self, entity_id: str) -> dict[str, Any]:
        """Only the `@id` of an entity the article's node names in full (its `about` or `mentions`)."""
        return {"@id": self(entity_id)["@id"]}  # type: ignore[index]

    def nodes(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        """The `@id` of each known entity among `ids` (`node` for each)."""
        return [{"@id": found["@id"]} for entity_id in ids if (found := self(entity_id))]


def claim_thing(record: ClaimRecord, index: Index, references: _References | None = None) -> dict[str, Any]:
    """A claim as a schema.org `Claim`: who made it, when, and where it appears (entities as in events)."""
    references = references or _References(index)
    claim = record.claim
    author = index.entities[claim.by]
    return {
        "@type": "Claim",
        "@id": f"#{record.anchor}",
        "text": claim.text,
        **({"dateCreated": record.date.isoformat()} if not record.approximate else {}),
        "author": references.node(claim.by)
        if isinstance(author, Actor)
        else {"@type": "Thing", "name": claim.by},
        "about": references.nodes(claim.issues),
        "appearance": {"@id": f"#{record.anchor}"},
    }


def article_data(article: Article, index: Index) -> dict[str, Any]:
    """A `NewsArticle` about its issues and mentioning its actors and venues, with its events and claims.

    Entities are named once, in the article's node (type, name, their page as `@id`; their pages describe
    them in full); its events and claims refer to them by `@id` alone.
    """
    front = article.front
    involved = index.entities_by_article[article.slug]
    references = _References(index)
    news_article = {
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": front.date.isoformat(),
        "description": front.summary,
        "about": references.named_as("about", involved),
        "mentions": references.named_as("mentions", involved),
        "sourceOrganization": {"@type": "Organization", "name": front.source.publisher},
        **_optional(isBasedOn=front.source.url),
    }
    graph = [
        news_article,
        *(claim_thing(record, index, references) for record in index.claims_by_article[article.slug]),
    ]
    return {"@context": SCHEMA_CONTEXT, "@graph": graph}


def entity_thing(entity: Entity) -> dict[str, Any]:
    """Any entry as its kind's schema.org type, with its name, aliases, summary and Wikidata item."""
    return {
        "@type": KIND_OF_MODEL[type(entity)].schema_type_of(entity),
        "name": entity.label,
        **_optional(alternateName=list(entity.aliases), description=entity.summary),
        **_same_as(entity),
    }


_THINGS: dict[type[Entity], Callable[[Any], dict[str, Any]]] = {
    Actor: actor_thing,
    Venue: venue_thing,
    Issue: issue_thing,
}
"""Kinds whose pages describe more than `entity_thing` does (a person's job, a place's coordinates)."""


def event_thing(event: Event, index: Index) -> dict[str, Any]:
    """An event (talks, a call ...) as a schema.org `Event` on its own page: its dates, its status as of the
    latest report, and its venue, attendees and issues as references to their pages."""
    record = index.event_records[event.id]
    base = "../../"
    venue = index.entities.get(event.venue) if event.venue else None
    return {
        **entity_thing(event),
        **({"startDate": event.date.isoformat()} if event.date else {}),
        **({"endDate": event.end.isoformat()} if event.end else {}),
        **_optional(eventStatus=_EVENT_STATUS.get(record.status or "")),
        **({"location": reference(venue, base)} if isinstance(venue, Venue) else {}),
        **_optional(
            attendee=[reference(actor, base) for actor in actors_in(index, event.actors)],
            about=[
                reference(issue, base)
                for issue_id in event.issues
                if isinstance(issue := index.entities.get(issue_id), Issue)
            ],
        ),
    }


def entity_data(entity: Entity, index: Index) -> dict[str, Any]:
    """The thing an entity page is about, as JSON-LD."""
    if isinstance(entity, Event):
        return {"@context": SCHEMA_CONTEXT, **event_thing(entity, index)}
    return {"@context": SCHEMA_CONTEXT, **_THINGS.get(type(entity), entity_thing)(entity)}
