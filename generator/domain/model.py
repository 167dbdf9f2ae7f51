"""The typed content model: registries' entities, articles, events and claims (see docs/CONTENT_MODEL.md)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, StringConstraints

from generator.domain.web import describe_user_info, url_user_info

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_MAX_LENGTH = 64
ID_RE = re.compile(ID_PATTERN)


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("expected an http(s) URL such as https://example.org/page")
    user_info = url_user_info(value)
    if user_info is not None:
        raise ValueError(describe_user_info(*user_info))
    return value


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
Text = Annotated[str, StringConstraints(min_length=1)]
Url = Annotated[str, AfterValidator(_check_url)]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
WikidataId = Annotated[str, StringConstraints(pattern=r"^Q[1-9][0-9]*$")]
Date = Annotated[datetime.date, Strict()]
"""A date written unquoted as YYYY-MM-DD (the loader turns exactly that into a date)."""
Degrees = Annotated[float, Strict()]


@dataclass(frozen=True)
class RefersTo:
    """Marks an id field as naming an entry of another kind: `by: Annotated[Id, RefersTo("actor")]`.

    Validation, the index, editor schemas and open data read these marks (through `generator.domain.kinds`),
    so a new reference field is declared here and nowhere else.
    """

    kind: str
    """The kind of entry named: an entity kind of `generator.domain.kinds` (`actor`), or with `within` a
    record kind (`event`)."""
    within: str | None = None
    """`article` if the id names a record of the same article (a claim's event), not a registry entry."""


@dataclass(frozen=True)
class MarkdownText:
    """Marks a text field that is Markdown, rendered on pages and checked like an article's body."""


ActorId = Annotated[Id, RefersTo("actor")]
VenueId = Annotated[Id, RefersTo("venue")]
IssueId = Annotated[Id, RefersTo("issue")]
ArticleEventId = Annotated[Id, RefersTo("event", within="article")]
Markdown = Annotated[Text, MarkdownText()]

ActorKind = Literal["person", "organisation", "state", "group"]
VenueKind = Literal["city", "country", "building", "region"]
EventKind = Literal[
    "call", "meeting", "talks", "press-conference", "statement", "attack", "prisoner-exchange", "other"
]
EventStatus = Literal["held", "proposed", "scheduled", "declined", "cancelled"]
ClaimKind = Literal[
    "statement", "demand", "offer", "pledge", "refusal", "threat", "assessment", "prediction", "warning"
]
Stance = Literal["supports", "opposes", "neutral"]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Entity(_Record):
    """Fields every registry entry has."""

    id: Id
    aliases: tuple[Text, ...] = ()
    summary: Text | None = None
    sources: tuple[Url, ...] = ()

    label_field: ClassVar[str] = "name"
    """The field that names the entry on pages, in links and in feeds."""

    @property
    def label(self) -> str:
        """The display name of the entity (its `label_field`)."""
        return getattr(self, self.label_field)  # type: ignore[no-any-return]


class Actor(Entity):
    """A person, organisation, state or group (`content/actors.yml`)."""

    name: Text
    kind: ActorKind
    role: Text | None = None
    country: CountryCode | None = None
    wikidata: WikidataId | None = None


class Location(_Record):
    """Coordinates in decimal degrees."""

    lat: Degrees = Field(ge=-90, le=90)
    lon: Degrees = Field(ge=-180, le=180)


class Venue(Entity):
    """A place where something happened, was proposed or declined (`content/venues.yml`)."""

    name: Text
    kind: VenueKind
    country: CountryCode | None = None
    location: Location | None = None
    wikidata: WikidataId | None = None


class Issue(Entity):
    """A topic of the story (`content/issues.yml`)."""

    title: Text
    explainer: Markdown | None = None
    parent: IssueId | None = None

    label_field: ClassVar[str] = "title"


class ArticleSource(_Record):
    """Where an article's reporting comes from."""

    publisher: Text
    url: Url | None = None


class Event(_Record):
    """Something that happened, or was proposed, scheduled, declined or cancelled."""

    id: Id
    date: Date
    title: Text
    kind: EventKind
    status: EventStatus
    venue: VenueId | None = None
    actors: tuple[ActorId, ...] = ()
    issues: tuple[IssueId, ...] = ()
    sources: tuple[Url, ...] = ()


class Claim(_Record):
    """Something an actor said, demanded, offered, refused or threatened, about some issues."""

    id: Id
    by: ActorId
    kind: ClaimKind
    text: Text
    quote: Text | None = None
    issues: tuple[IssueId, ...] = ()
    stance: Stance = "neutral"
    event: ArticleEventId | None = None
    venue: VenueId | None = None
    via: ActorId | None = None
    date: Date | None = None
    sources: tuple[Url, ...] = ()


class FrontMatter(_Record):
    """An article's YAML front matter."""

    title: Text
    date: Date
    source: ArticleSource
    summary: Text
    issues: tuple[IssueId, ...] = ()
    actors: tuple[ActorId, ...] = ()
    venues: tuple[VenueId, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
