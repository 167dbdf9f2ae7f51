"""Structured data: schema.org JSON-LD for each page, as text safe to place inside a `<script>` element.

The generator produces the data; the theme only places it (theme_overrides/main.html reads the page's
`structured_data` front matter).
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable
from json.encoder import encode_basestring
from typing import Any

from generator.index import ClaimRecord, EventRecord, Index, actors_in, venues_in
from generator.model import Actor, Issue, Venue
from generator.validate import Article

SCHEMA_CONTEXT = "https://schema.org"
WIKIDATA_URL = "https://www.wikidata.org/wiki/"

_ACTOR_TYPES = {"person": "Person", "organisation": "Organization", "group": "Organization"}
_EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "declined": "https://schema.org/EventCancelled",
}
# Characters that could end a <script> element or a line in a JavaScript string, written as JSON escapes.
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SCRIPT_UNSAFE_CHARACTER = re.compile("[<>&\u2028\u2029]")


def script_json(data: dict[str, Any]) -> str:
    """JSON for a `<script type="application/ld+json">`: sorted keys, and no `<` that could close it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for character, escaped in _SCRIPT_UNSAFE.items():
        text = text.replace(character, escaped)
    return text


def _same_as(entity: Actor | Venue) -> dict[str, Any]:
    return {"sameAs": [WIKIDATA_URL + entity.wikidata]} if entity.wikidata else {}


def _optional(**values: Any) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value}


def actor_thing(actor: Actor) -> dict[str, Any]:
    """An actor as a schema.org `Person`, `Organization` or (for a state) `GovernmentOrganization`."""
    thing_type = _ACTOR_TYPES.get(actor.kind, "GovernmentOrganization")
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
        "@type": "Place",
        "name": venue.name,
        **_optional(alternateName=list(venue.aliases), description=venue.summary),
        **geo,
        **_same_as(venue),
    }


def issue_thing(issue: Issue) -> dict[str, Any]:
    """An issue as a schema.org `Thing`."""
    return {"@type": "Thing", "name": issue.title, **_optional(description=issue.summary)}


def reference(entity: Actor | Venue | Issue, base: str = "../../") -> dict[str, Any]:
    """An entity named in an article's JSON-LD: its type and name, and as `@id` its own page (`base` leads
    from the article's URL to the site root), where its full description is. Wikidata keeps `sameAs`."""
    if isinstance(entity, Actor):
        thing_type, section = _ACTOR_TYPES.get(entity.kind, "GovernmentOrganization"), "actors"
    elif isinstance(entity, Venue):
        thing_type, section = "Place", "venues"
    else:
        return {"@id": f"{base}issues/{entity.id}/", "@type": "Thing", "name": entity.title}
    return {
        "@id": f"{base}{section}/{entity.id}/",
        "@type": thing_type,
        "name": entity.name,
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
            if not isinstance(entity, Actor | Venue | Issue):
                return None
            found = self._built[entity_id] = reference(entity)
        return found

    def issues(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        return [found for entity_id in ids if (found := self(entity_id)) and found["@type"] == "Thing"]

    def actors(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        return [self(actor.id) for actor in actors_in(self.index, ids)]  # type: ignore[misc]

    def node(self, entity_id: str) -> dict[str, Any]:
        """Only the `@id` of an entity the article's node names in full (its `about` or `mentions`)."""
        return {"@id": self(entity_id)["@id"]}  # type: ignore[index]

    def issue_nodes(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        return [{"@id": found["@id"]} for found in self.issues(ids)]

    def actor_nodes(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        return [{"@id": found["@id"]} for found in self.actors(ids)]


def event_thing(record: EventRecord, index: Index, references: _References | None = None) -> dict[str, Any]:
    """An event (talks, a call ...) as a schema.org `Event`, anchored on its article page.

    Its venue, attendees and issues are node references (`@id`) to the entities its article names in full.
    """
    references = references or _References(index)
    event = record.event
    venue = index.entities.get(event.venue) if event.venue else None
    return {
        "@type": "Event",
        "@id": f"#{record.anchor}",
        "name": event.title,
        "startDate": event.date.isoformat(),
        **_optional(eventStatus=_EVENT_STATUS.get(event.status)),
        **({"location": references.node(venue.id)} if isinstance(venue, Venue) else {}),
        **_optional(attendee=references.actor_nodes(event.actors)),
        "about": references.issue_nodes(event.issues),
    }


def claim_thing(record: ClaimRecord, index: Index, references: _References | None = None) -> dict[str, Any]:
    """A claim as a schema.org `Claim`: who made it, when, and where it appears (entities as in events)."""
    references = references or _References(index)
    claim = record.claim
    author = index.entities[claim.by]
    return {
        "@type": "Claim",
        "@id": f"#{record.anchor}",
        "text": claim.text,
        "dateCreated": record.date.isoformat(),
        "author": references.node(claim.by)
        if isinstance(author, Actor)
        else {"@type": "Thing", "name": claim.by},
        "about": references.issue_nodes(claim.issues),
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
        "about": references.issues(involved),
        "mentions": references.actors(involved)
        + [references(venue.id) for venue in venues_in(index, involved)],
        "sourceOrganization": {"@type": "Organization", "name": front.source.publisher},
        **_optional(isBasedOn=front.source.url),
    }
    graph = [
        news_article,
        *(event_thing(record, index, references) for record in index.events_by_article[article.slug]),
        *(claim_thing(record, index, references) for record in index.claims_by_article[article.slug]),
    ]
    return {"@context": SCHEMA_CONTEXT, "@graph": graph}


def entity_data(entity: Actor | Venue | Issue) -> dict[str, Any]:
    """The thing an entity page is about, as JSON-LD."""
    if isinstance(entity, Actor):
        thing = actor_thing(entity)
    elif isinstance(entity, Venue):
        thing = venue_thing(entity)
    else:
        thing = issue_thing(entity)
    return {"@context": SCHEMA_CONTEXT, **thing}


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
_json = _ENCODER.encode  # built once: json.dumps with options builds an encoder on every call
_text = encode_basestring
"""A string as JSON: what `_json` writes for one, without the encoder's dispatch."""


def _script_safe(text: str) -> str:
    for character, escaped in _SCRIPT_UNSAFE.items():
        if character in text:
            text = text.replace(character, escaped)
    return text


def _as_json_string_body(text: str) -> str:
    """What `encode_basestring` writes between its quotes for JSON text (which has no control characters)."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _unchanged(text: str) -> str:
    return text


class ArticleJson:
    """`script_json(article_data(...))` built as text: each entity's reference is serialized once per
    run, and each article fills pre-serialized pieces into templates (keys written in sorted order).

    With `quoted`, the text comes as a JSON string, as front matter holds it (what `encode_basestring`
    writes for it): built that way piece by piece, rather than escaping 6 KB of finished JSON per article.
    The characters that change (backslash, double quote) change alike wherever they stand, as do those
    `script_json` escapes, so each piece can be escaped on its own.
    """

    def __init__(self, index: Index, *, quoted: bool = False) -> None:
        self.index = index
        self.quoted = quoted
        self._escape = _as_json_string_body if quoted else _unchanged
        self._references: dict[str, str] = {}
        self._nodes: dict[str, str] = {}
        self._lists: dict[tuple[tuple[str, ...], str, bool], str] = {}
        self._named: dict[str, tuple[int, str]] = {}
        self._authors: dict[str, str] = {}
        self._issue_nodes: dict[tuple[str, ...], str] = {}
        self._dates: dict[datetime.date, str] = {}
        escape = self._escape
        # Templates in plain JSON (`{{` `}}` are braces, `{0}` ... are holes filled with pieces written in
        # the same mode); ids, anchors and dates have nothing to escape.
        quote = '"' if quoted else ""
        self._article = quote + escape(
            '{{"@context":"' + SCHEMA_CONTEXT + '","@graph":[{{"@type":"NewsArticle","about":[{0}],'
            '"datePublished":"{1}","description":{2},"headline":{3}{4},"mentions":[{5}],'
            '"sourceOrganization":{{"@type":"Organization","name":{6}}}}}'
        )
        self._article_end = escape("]}") + quote
        self._based_on = escape(',"isBasedOn":{0}')
        self._event_start = escape('{{"@id":"#{0}","@type":"Event","about":[{1}]')
        self._attendees = escape(',"attendee":[{0}]')
        self._status = {key: escape(f',"eventStatus":"{value}"') for key, value in _EVENT_STATUS.items()}
        self._location = escape(',"location":{0}')
        self._event_end = escape(',"name":{0},"startDate":"{1}"}}')
        self._claim = escape(
            ',{{"@id":"#{0}","@type":"Claim","about":[{1}],"appearance":{{"@id":"#{0}"}},"author":{2},'
            '"dateCreated":"{3}","text":{4}}}'
        )

    def _text(self, text: str) -> str:
        found = _text(text)
        if _SCRIPT_UNSAFE_CHARACTER.search(found) is not None:
            found = _script_safe(found)
        return self._escape(found)

    def _date(self, date: datetime.date) -> str:
        found = self._dates.get(date)
        if found is None:
            found = self._dates[date] = date.isoformat()
        return found

    def _reference(self, entity_id: str) -> str:
        found = self._references.get(entity_id)
        if found is None:
            entity = self.index.entities[entity_id]
            assert isinstance(entity, Actor | Venue | Issue)
            found = self._references[entity_id] = self._escape(_script_safe(_json(reference(entity))))
        return found

    def _node(self, entity_id: str) -> str:
        found = self._nodes.get(entity_id)
        if found is None:
            entity = self.index.entities[entity_id]
            assert isinstance(entity, Actor | Venue | Issue)
            found = self._nodes[entity_id] = self._escape(
                _script_safe(_json({"@id": reference(entity)["@id"]}))
            )
        return found

    def _list(self, ids: tuple[str, ...], kind: str, nodes: bool = False) -> str:
        # The same few issues and actors come back claim after claim: each list is written once per run.
        key = (ids, kind, nodes)
        found = self._lists.get(key)
        if found is None:
            found = self._lists[key] = self._join(ids, kind, nodes)
        return found

    def _join(self, ids: Iterable[str], kind: str, nodes: bool = False) -> str:
        kind_of = self.index.kind_of
        write = self._node if nodes else self._reference
        return ",".join([write(entity_id) for entity_id in ids if kind_of.get(entity_id) == kind])

    def __call__(self, article: Article) -> str:
        """The article's JSON-LD, safe inside a script element (with `quoted`, as a JSON string)."""
        index = self.index
        front = article.front
        slug = article.slug
        named = self._named
        issues: list[str] = []
        actors: list[str] = []
        venues: list[str] = []
        lists = (issues, actors, venues, [])
        for entity_id in index.entities_by_article[slug]:
            found = named.get(entity_id)
            if found is None:
                found = named[entity_id] = self._named_entity(entity_id)
            lists[found[0]].append(found[1])
        url = front.source.url
        pieces = [
            self._article.format(
                ",".join(issues),
                self._date(front.date),
                self._text(front.summary),
                self._text(article.title),
                self._based_on.format(self._text(url)) if url else "",
                ",".join(actors + venues),
                self._text(front.source.publisher),
            )
        ]
        pieces += [self._event(record) for record in index.events_by_article[slug]]
        pieces += [self._claim_text(record) for record in index.claims_by_article[slug]]
        pieces.append(self._article_end)
        return "".join(pieces)

    def _named_entity(self, entity_id: str) -> tuple[int, str]:
        """Where an id the article involves goes (issues, actors, venues; 3: nowhere), and its reference."""
        kind = self.index.kind_of.get(entity_id)
        if kind is None:
            return (3, "")
        return ({"issue": 0, "actor": 1, "venue": 2}[kind], self._reference(entity_id))

    def _event(self, record: EventRecord) -> str:
        event = record.event
        attendees = self._list(event.actors, "actor", nodes=True)
        status = self._status.get(event.status)
        venue = event.venue if event.venue and self.index.kind_of.get(event.venue) == "venue" else None
        return "".join(
            [
                ",",
                self._event_start.format(record.anchor, self._list(event.issues, "issue", nodes=True)),
                self._attendees.format(attendees) if attendees else "",
                status or "",
                self._location.format(self._node(venue)) if venue else "",
                self._event_end.format(self._text(event.title), event.date.isoformat()),
            ]
        )

    def _claim_text(self, record: ClaimRecord) -> str:
        # 80,000 claims at 10,000 articles: every per-run piece is one dictionary look-up.
        claim = record.claim
        author = self._authors.get(claim.by)
        if author is None:
            author = self._authors[claim.by] = self._author(claim.by)
        about = self._issue_nodes.get(claim.issues)
        if about is None:
            about = self._issue_nodes[claim.issues] = self._list(claim.issues, "issue", nodes=True)
        text = self._text(claim.text)
        return self._claim.format(record.anchor, about, author, self._date(record.date), text)

    def _author(self, speaker: str) -> str:
        if self.index.kind_of.get(speaker) == "actor":
            return self._node(speaker)
        return self._escape(_script_safe(_json({"@type": "Thing", "name": speaker})))
