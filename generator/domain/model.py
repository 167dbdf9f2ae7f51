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
ApproximateDate = Annotated[
    str, StringConstraints(pattern=r"^(?:[0-9]{4}-[0-9]{2}|before [0-9]{4}-[0-9]{2}-[0-9]{2})$")
]
"""A date known only roughly, written as text: a month (`2025-05`) or `before 2025-05-19` (said on or
before that day: typically the date of the first report that carries it)."""


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
    """`story` if the id names a record written in any article (a claim an article `carries`), not a
    registry entry."""


@dataclass(frozen=True)
class MarkdownText:
    """Marks a text field that is Markdown, rendered on pages and checked like an article's body."""


ActorId = Annotated[Id, RefersTo("actor")]
VenueId = Annotated[Id, RefersTo("venue")]
IssueId = Annotated[Id, RefersTo("issue")]
EventId = Annotated[Id, RefersTo("event")]
ClaimId = Annotated[Id, RefersTo("claim", within="story")]
ArticleSlug = Annotated[Id, RefersTo("article", within="story")]
Markdown = Annotated[Text, MarkdownText()]

ActorKind = Literal["person", "organisation", "state", "group"]
VenueKind = Literal["city", "country", "building", "region"]
EventKind = Literal[
    "call", "meeting", "talks", "press-conference", "statement", "attack", "prisoner-exchange", "other"
]
EventStatus = Literal["proposed", "scheduled", "held", "declined", "cancelled"]
"""An event's status as of one report; `proposed` → `scheduled` → `held`, or `declined`/`cancelled`."""
ClaimKind = Literal[
    "statement", "demand", "offer", "pledge", "refusal", "threat", "assessment", "prediction", "warning"
]
Stance = Literal["supports", "opposes", "conditional", "neutral"]
"""A claim's stance toward its issues; `conditional` is support on conditions, which the claim lists."""


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class SummaryUpdate(_Record):
    """A later summary of a registry entry, true from `date` on, as a later report tells it."""

    date: Date
    """The day from which the new summary holds."""
    summary: Text
    report: ArticleSlug
    """The article (its slug) that says so."""
    sources: tuple[Url, ...] = ()


class Entity(_Record):
    """Fields every registry entry has."""

    id: Id
    aliases: tuple[Text, ...] = ()
    summary: Text | None = None
    """What is true as of the first reports; `updates` holds what later reports changed."""
    updates: tuple[SummaryUpdate, ...] = ()
    """Later summaries, oldest first: the page shows the newest and keeps the others as history."""
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
    side: Text | None = None
    """The side an editor groups the actor with in tables and pictures ("Ukraine and its allies"); an
    actor without one takes the side of the actor it leads, speaks for or is part of."""
    leads: tuple[ActorId, ...] = ()
    """States, governments or groups this actor leads (Putin leads Russia)."""
    speaks_for: tuple[ActorId, ...] = ()
    """Actors this one speaks for (Peskov speaks for the Kremlin; Meloni's office for Meloni)."""
    part_of: tuple[ActorId, ...] = ()
    """Actors this one belongs to (a correspondent is part of a broadcaster; the Kremlin of Russia)."""


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
    question: Text | None = None
    """The issue as a question a reader has ("Should a ceasefire come before talks?")."""
    explainer: Markdown | None = None
    parent: IssueId | None = None

    label_field: ClassVar[str] = "title"


class ArticleSource(_Record):
    """Where an article's reporting comes from."""

    publisher: Text
    url: Url | None = None


class Event(Entity):
    """One real event, however many reports tell of it (`content/events.yml`): something that happened, or
    was proposed, scheduled, declined or cancelled. Its status is not written here: each report says what
    it was as of that report (`EventReport`), and the event's lifecycle is built from those."""

    title: Text
    kind: EventKind
    date: Date | None = None
    """The day it happened or is planned for; absent while no date is set (a proposal)."""
    end: Date | None = None
    """The last day of an event that lasts several days (a prisoner exchange over 23 to 25 May)."""
    venue: VenueId | None = None
    actors: tuple[ActorId, ...] = ()
    issues: tuple[IssueId, ...] = ()
    key: bool = False
    """Set by an editor on the events the story turns on: the timeline sets them apart."""

    label_field: ClassVar[str] = "title"


class EventReport(_Record):
    """What one article tells about an event of the registry: its status as of the report."""

    id: EventId
    status: EventStatus
    reopened: bool = False
    """Set when the report says an event that was held, declined or cancelled is back on the table."""


class Claim(_Record):
    """Something an actor said, demanded, offered, refused or threatened, about some issues."""

    id: Id
    by: ActorId
    kind: ClaimKind
    text: Text
    quote: Text | None = None
    issues: tuple[IssueId, ...] = ()
    stance: Stance = "neutral"
    position: Text | None = None
    """What exactly the actor wants, in a few words ("immediate and unconditional")."""
    conditions: tuple[Text, ...] = ()
    """The conditions the actor attaches (required when the stance is `conditional`)."""
    event: EventId | None = None
    """The event it was said at (its date is the claim's default date)."""
    about: EventId | None = None
    """The event it is about, said on another day: an offer or proposal of a meeting, a refusal of it."""
    venue: VenueId | None = None
    via: ActorId | None = None
    date: Date | ApproximateDate | None = None
    """When it was said: defaults to its event's date; otherwise required (exact or approximate)."""
    sources: tuple[Url, ...] = ()


class FrontMatter(_Record):
    """An article's YAML front matter."""

    title: Text
    date: Date
    """When the report was published (not when what it reports happened)."""
    source: ArticleSource
    summary: Text
    issues: tuple[IssueId, ...] = ()
    actors: tuple[ActorId, ...] = ()
    venues: tuple[VenueId, ...] = ()
    events: tuple[EventReport, ...] = ()
    claims: tuple[Claim, ...] = ()
    """Claims this report is the first (or only) to carry; ids are unique across the story."""
    carries: tuple[ClaimId, ...] = ()
    """Claims written in an earlier report that this report carries too."""


def _check_story_source(value: str) -> str:
    if ID_RE.match(value):
        return value
    if value.startswith(("http://", "https://")):
        return _check_url(value)
    raise ValueError("expected a report's slug (its file name without .md) or an http(s) URL")


StorySource = Annotated[
    str,
    StringConstraints(min_length=1),
    AfterValidator(_check_story_source),
    RefersTo("article", within="story"),
]
"""Where a story section's facts come from: a report's slug (`2025-05-25-russia-ukraine-complete-prisoner-
swap`) or an http(s) URL."""


class StorySection(_Record):
    """A short section of the story summary ("What happened"), written only from the reports."""

    title: Text
    text: Markdown
    """A few sentences of Markdown; `[[id]]` mentions become links."""
    sources: tuple[StorySource, ...]
    """The reports (slugs) and pages (URLs) the section is written from; at least one."""


class Story(_Record):
    """The story as a whole (`content/story.yml`): the summary the home page opens with, and the grid."""

    updated: Date
    """When the summary was last brought up to date; never after the latest report."""
    sections: tuple[StorySection, ...] = ()
    grid_issues: tuple[IssueId, ...] = ()
    """The issues of the stance grid (home page, issues index), in this order."""
    grid_actors: tuple[ActorId, ...] = ()
    """The actors of the grid, if not every actor with a side (grouped by side either way)."""
