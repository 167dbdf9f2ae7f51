"""Index stage: cross-references between entities, claims, events and articles, built in one pass."""

from __future__ import annotations

import datetime
import functools
import heapq
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, groupby, islice
from operator import attrgetter

from generator.check.validate import Article, Content
from generator.domain.dates import ClaimDate, claim_date
from generator.domain.kinds import ENTITY_KINDS, involved_ids, referenced_ids
from generator.domain.model import Actor, Claim, Entity, Event, EventStatus, Issue, Stance, Venue

SortKey = tuple[datetime.date, datetime.date, str, int]
"""Chronological order of claims and events together: latest possible day, earliest possible day, then the
article and place (claims) or nothing and registry place (events: before the claims of their day)."""

# Within one day, a neutral remark is taken as coming before a committed stance, so the committed one
# shows as the actor's current position.
_STANCE_ORDER = {"neutral": 0, "opposes": 1, "conditional": 2, "supports": 3}

RELATION_WORDS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "leads": (("leads", "leads"), ("led by", "is led by")),
    "speaks_for": (("speaks for", "speaks for"), ("spoken for by", "is spoken for by")),
    "part_of": (("part of", "is part of"), ("includes", "includes")),
}
"""Each actor relation field as (label, verb) from the actor that declares it, then from the actor it names:
a list says "Led by Putin", a sentence "Russia is led by Putin"."""


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """A claim, the article that writes it first, and every report that carries it."""

    claim: Claim
    article: Article
    """The report that writes the claim (the first to carry it)."""
    order: int
    """Position of the claim in its article (keeps sorting stable)."""
    reports: tuple[Article, ...] = field(compare=False, repr=False)
    """Every report that carries the claim, oldest first: `article`, then those that list it in `carries`."""
    date: datetime.date = field(compare=False, repr=False)
    """The day the claim was said, or for an approximate date the latest day it can have been said."""
    when: str = field(compare=False, repr=False)
    """The claim's date as a reader sees it: `2025-05-19`, `May 2025`, `on or before 19 May 2025`."""
    approximate: bool = field(compare=False, repr=False)
    said: ClaimDate = field(compare=False, repr=False)
    """When it was said, as exactly as it is known."""
    anchor: str = field(compare=False, repr=False)
    """Its anchor on its first article's page."""
    sort_key: SortKey = field(compare=False, repr=False)
    """Chronological order, stable across runs (on one day, a date known only roughly comes first)."""
    run_key: tuple[datetime.date, int, SortKey] = field(compare=False, repr=False)
    """The order of `_stance_runs`: by date, within a day by stance, then chronological."""

    @classmethod
    def build(
        cls,
        claim: Claim,
        article: Article,
        order: int,
        reports: tuple[Article, ...],
        event: Event | None,
    ) -> ClaimRecord:
        """The record, with what sorting and rendering read hundreds of thousands of times worked out once."""
        said = claim_date(claim.date, event.date if event else None)
        if said is None:  # neither a date nor a dated event (the check refuses it): on or before the report
            said = ClaimDate.on_or_before(article.front.date)
        when = said.latest.isoformat() if said.is_exact else said.words
        sort_key = (*said.sort_key, article.slug, order)
        run_key = (said.latest, _STANCE_ORDER[claim.stance], sort_key)
        return cls(
            claim,
            article,
            order,
            reports,
            said.latest,
            when,
            not said.is_exact,
            said,
            f"claim-{claim.id}",
            sort_key,
            run_key,
        )

    @property
    def day(self) -> str:
        """The day it shows under on the timeline: its date, or in words a date known only roughly."""
        return self.when

    @property
    def carried_by(self) -> tuple[Article, ...]:
        """The reports after the first that carry the claim too."""
        return self.reports[1:]


@dataclass(frozen=True, slots=True)
class StatusReport:
    """What one report says about an event: its status as of that report."""

    article: Article
    status: EventStatus
    reopened: bool = False

    @property
    def date(self) -> datetime.date:
        """The report's date."""
        return self.article.front.date


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One event of the registry with every report that tells of it: its lifecycle."""

    event: Event
    order: int
    """Its place in the registry."""
    reports: tuple[StatusReport, ...] = field(compare=False, repr=False)
    """What each report says about it, by report date (oldest first)."""
    date: datetime.date = field(compare=False, repr=False)
    """The event's (first) day; for an event without a date, its first report's date."""
    when: str = field(compare=False, repr=False)
    """Its date as a reader sees it: `2025-05-16`, `2025-05-23 to 2025-05-25`, `date not set`."""
    sort_key: SortKey = field(compare=False, repr=False)
    """Chronological order, stable across runs (an event before the claims of its day)."""
    changes: tuple[StatusReport, ...] = field(compare=False, repr=False)
    """Its lifecycle: the first report, then each report that changed its status or reopened it (a
    lifecycle is as long as the event's story, not as its number of reports)."""

    @classmethod
    def build(cls, event: Event, order: int, reports: tuple[StatusReport, ...]) -> EventRecord:
        """The record, with its date and sort key worked out once."""
        if event.date is None:
            date, when = (reports[0].date if reports else datetime.date.min), "date not set"
        elif event.end is not None and event.end != event.date:
            date, when = event.date, f"{event.date.isoformat()} to {event.end.isoformat()}"
        else:
            date, when = event.date, event.date.isoformat()
        changes: list[StatusReport] = []
        for report in reports:
            if not changes or report.status != changes[-1].status or report.reopened:
                changes.append(report)
        return cls(event, order, reports, date, when, (date, datetime.date.min, "", order), tuple(changes))

    @property
    def day(self) -> str:
        """The day it shows under on the timeline: its (first) day, or its first report's."""
        return self.date.isoformat()

    @property
    def status(self) -> EventStatus | None:
        """Its current status: what the latest report says (None while no report tells of it)."""
        return self.reports[-1].status if self.reports else None

    @property
    def articles(self) -> tuple[Article, ...]:
        """The reports that tell of it, oldest first."""
        return tuple(report.article for report in self.reports)


@dataclass(frozen=True, slots=True)
class ArticleEvent:
    """An event as one article reports it: the event's record and what this report says of it."""

    record: EventRecord
    report: StatusReport

    @property
    def event(self) -> Event:
        """The event itself."""
        return self.record.event


@dataclass(frozen=True)
class StanceRun:
    """Consecutive claims (by date) of one actor on one issue that take the same stance."""

    stance: Stance
    claims: tuple[ClaimRecord, ...]
    """Newest first."""

    @property
    def latest(self) -> datetime.date:
        """Date of the newest claim in the run."""
        return self.claims[0].date

    @property
    def earliest(self) -> datetime.date:
        """Date of the oldest claim in the run."""
        return self.claims[-1].date

    @property
    def when(self) -> str:
        """The run's dates as a reader sees them: one date, or `earliest to latest`."""
        newest, oldest = self.claims[0].when, self.claims[-1].when
        return newest if newest == oldest else f"{oldest} to {newest}"

    @property
    def wording(self) -> ClaimRecord | None:
        """The newest claim of the run that puts the position in words (`position` or `conditions`)."""
        for record in self.claims:
            if record.claim.position or record.claim.conditions:
                return record
        return None


@dataclass(frozen=True)
class Position:
    """Where one actor stands on one issue: their stance runs, newest first, so changes stay visible."""

    actor: Actor
    runs: tuple[StanceRun, ...]

    @property
    def current(self) -> StanceRun:
        """The newest run."""
        return self.runs[0]

    @property
    def changed(self) -> bool:
        """Whether the actor's stance on the issue has changed over time."""
        return len({run.stance for run in self.runs}) > 1

    @property
    def claim_count(self) -> int:
        """How many claims the position rests on."""
        return sum(len(run.claims) for run in self.runs)

    def newest_claims(self, count: int) -> list[ClaimRecord]:
        """The newest `count` claims behind the position, newest first."""
        return list(islice(chain.from_iterable(run.claims for run in self.runs), count))


@dataclass(frozen=True)
class PositionRow:
    """One row of an issue's positions table: an actor, their side, and their position or none recorded."""

    actor: Actor
    side: str | None
    position: Position | None
    """None: an actor of the grid (with a side) who has made no claim on the issue."""


@dataclass(frozen=True)
class Side:
    """Actors an editor grouped under one side (`side:` in actors.yml), in registry order."""

    name: str
    actors: tuple[Actor, ...]


@dataclass(frozen=True)
class Relation:
    """One relation of an actor to another, in words seen from the actor (`leads`, `led by` ...)."""

    words: str
    """As a label in a list: `leads`, `led by`."""
    verb: str
    """In a sentence: `leads`, `is led by`."""
    other: Actor
    field: str
    """The relation field (`leads`, `speaks_for`, `part_of`)."""
    declared: bool
    """True if the actor declares it (Putin `leads` Russia), False if the other actor does (Russia, led by
    Putin)."""


@dataclass(frozen=True)
class SummaryState:
    """What an entity's summary says as of the latest report that updated it, and what it said before."""

    text: str | None
    as_of: datetime.date | None
    """The date from which the text holds (None: the registry's own summary)."""
    report: Article | None
    """The report that says so (None for the registry's own summary, or an unknown report)."""
    history: tuple[SummaryState, ...] = ()
    """The earlier summaries, newest first, ending with the registry's own (if any)."""


@dataclass(frozen=True)
class LifecycleStep:
    """One event with the claims about it: those said on other days about it, and those said at it.

    Claims are not sorted into "backed" or "declined": a claim's stance is toward its issues, not toward the
    event (Ukraine refusing a territorial demand at the talks did not decline the talks)."""

    event: EventRecord
    about: tuple[ClaimRecord, ...]
    """Claims about it said on another day (`about:`): who proposed, offered or refused it; oldest first."""
    said_at: tuple[ClaimRecord, ...]
    """Claims said at it (`event:`), oldest first."""


@dataclass(frozen=True)
class Index:
    """Everything a page needs to look up, keyed by entity id. Lists are in display order."""

    content: Content
    entities: dict[str, Entity]
    kind_of: dict[str, str]
    claims: tuple[ClaimRecord, ...]
    """All claims, each once (whatever the number of reports carrying it), chronological."""
    events: tuple[EventRecord, ...]
    """All events of the registry, each once, chronological."""
    claims_by_entity: dict[str, tuple[ClaimRecord, ...]]
    """Actor (speaker or `via`), issue, venue or event id to its claims, newest first."""
    claims_by_article: dict[str, tuple[ClaimRecord, ...]]
    """Article slug to the claims it writes (first carries), in article order."""
    carried_by_article: dict[str, tuple[ClaimRecord, ...]]
    """Article slug to the claims written in earlier reports that it carries too, in `carries` order."""
    events_by_entity: dict[str, tuple[EventRecord, ...]]
    """Actor, issue or venue id to its events, newest first."""
    events_by_article: dict[str, tuple[ArticleEvent, ...]]
    """Article slug to the events it tells of, with the status it gives each, in article order."""
    event_records: dict[str, EventRecord]
    """Event id to its record."""
    articles_by_slug: dict[str, Article]
    articles_by_entity: dict[str, tuple[Article, ...]]
    """Entity id to the articles that involve it, newest first."""
    entities_by_article: dict[str, tuple[str, ...]]
    """Article slug to the ids it involves (claims, events, mentions, explicit lists), first seen first."""
    positions: dict[str, tuple[Position, ...]]
    """Issue id to one position per actor with claims on it, most claims first."""
    subissues: dict[str, tuple[Issue, ...]]
    claims_made: dict[str, int]
    """Actor id to the number of claims they made themselves."""
    actors_ranked: tuple[Actor, ...]
    """Actors by claims made, then events taken part in, then registry order."""
    issues_ranked: tuple[Issue, ...]
    """Issues by number of actors with a position, then registry order."""

    position_by_pair: dict[tuple[str, str], Position]
    """(issue id, actor id) to that actor's position on that issue."""
    claims_by_event: dict[str, tuple[ClaimRecord, ...]]
    """Event id to the claims made at it (their `event`), oldest first."""
    claims_about_event: dict[str, tuple[ClaimRecord, ...]]
    """Event id to the claims about it said on another day (their `about`), oldest first."""
    companions: dict[str, tuple[tuple[Actor, int], ...]]
    """Actor id to the actors who share events or claims with them, with how often, most often first."""
    sides: tuple[Side, ...] = ()
    """The grid: actors with a `side` of their own, grouped by side (sides in order of first appearance)."""
    side_of: dict[str, str] = field(default_factory=dict)
    """Actor id to its side, its own or inherited along `leads`, `speaks_for` and `part_of`."""
    relations: dict[str, tuple[Relation, ...]] = field(default_factory=dict)
    """Actor id to its relations both ways: those it declares first, then those naming it."""
    own_claims: dict[str, dict[str | None, tuple[ClaimRecord, ...]]] = field(default_factory=dict)
    """Speaker id to their claims by issue id (None: claims on no issue), newest first."""
    claims_via: dict[str, tuple[ClaimRecord, ...]] = field(default_factory=dict)
    """Actor id to the claims reported through them, newest first."""
    issue_order: dict[str, int] = field(default_factory=dict)
    """Issue id to its place in the registry."""

    def companions_of(self, actor_id: str) -> tuple[tuple[Actor, int], ...]:
        """The actors who appear with this one most, with the number of shared events and claims."""
        return self.companions.get(actor_id, ())

    def events_at(self, venue_id: str) -> list[EventRecord]:
        """The events at the venue itself (not those merely about it), newest first."""
        return [record for record in self.events_of(venue_id) if record.event.venue == venue_id]

    def lifecycle_of(self, venue_id: str, limit: int | None = None) -> tuple[LifecycleStep, ...]:
        """The venue's story, oldest first: each event there with who proposed, backed or declined it; only
        the newest `limit` events, if given."""
        return tuple(self.event_step(record) for record in reversed(self.events_at(venue_id)[:limit]))

    def event_step(self, record: EventRecord) -> LifecycleStep:
        """The event with the claims about it and those said at it."""
        event_id = record.event.id
        return LifecycleStep(
            record, self.claims_about_event.get(event_id, ()), self.claims_by_event.get(event_id, ())
        )

    @staticmethod
    def claims_outside(records: Sequence[ClaimRecord], steps: Iterable[LifecycleStep]) -> list[ClaimRecord]:
        """The claims among `records` that none of the steps lists (a venue page shows each claim once)."""
        shown = {claim.claim.id for step in steps for claim in (*step.about, *step.said_at)}
        return [record for record in records if record.claim.id not in shown]

    def issues_at(self, record: EventRecord) -> tuple[str, ...]:
        """The issue ids of an event and of the claims said at it, each once, the event's first."""
        found = dict.fromkeys(record.event.issues)
        for claim in self.claims_at(record):
            found.update(dict.fromkeys(claim.claim.issues))
        return tuple(found)

    def claims_at(self, record: EventRecord) -> tuple[ClaimRecord, ...]:
        """The claims said at an event, oldest first (the timeline lists them under it)."""
        return self.claims_by_event.get(record.event.id, ())

    def position_of(self, issue_id: str, actor_id: str) -> Position | None:
        """The actor's position on the issue, if they made a claim on it."""
        return self.position_by_pair.get((issue_id, actor_id))

    def position_rows(
        self, issue_id: str, limit: int | None = None
    ) -> tuple[tuple[PositionRow, ...], tuple[PositionRow, ...]]:
        """An issue's positions table in two parts: the grid (every actor with a side of their own, and
        every actor with a position whose side is inherited, grouped by side in side order, registry order
        within a side; "no position recorded" where a grid actor has none), then the other actors with a
        position (no side), most claims first.

        With a `limit`, the grid keeps at most that many rows: those with most claims on the issue, then
        those without a position in registry order (a story may give hundreds of actors a side; the page
        stays bounded). The others are not cut here: the caller shows as many as it lists.
        """
        positions = self.positions.get(issue_id, ())
        by_side: dict[str, list[PositionRow]] = {side.name: [] for side in self.sides}
        others = []
        shown: set[str] = set()
        for side in self.sides:
            for actor in side.actors:
                shown.add(actor.id)
                by_side[side.name].append(PositionRow(actor, side.name, self.position_of(issue_id, actor.id)))
        for position in positions:
            actor_id = position.actor.id
            if actor_id in shown:
                continue
            side_name = self.side_of.get(actor_id)
            if side_name is None:
                others.append(PositionRow(position.actor, None, position))
            else:
                by_side[side_name].append(PositionRow(position.actor, side_name, position))
        order = self.actor_order
        grid = [row for rows in by_side.values() for row in sorted(rows, key=lambda row: order[row.actor.id])]
        if limit is not None and len(grid) > limit:

            def most_claims_first(row: PositionRow) -> tuple[int, int]:
                return (-row.position.claim_count if row.position else 0, order[row.actor.id])

            kept = {row.actor.id for row in sorted(grid, key=most_claims_first)[:limit]}
            grid = [row for row in grid if row.actor.id in kept]
        return tuple(grid), tuple(others)

    @functools.cached_property
    def actor_order(self) -> dict[str, int]:
        """Actor id to its place in the registry."""
        return {actor.id: order for order, actor in enumerate(self.content.actors)}

    def relations_of(self, actor_id: str) -> tuple[Relation, ...]:
        """The actor's relations both ways: leads / led by, speaks for / spoken for by, part of / includes."""
        return self.relations.get(actor_id, ())

    def summary_of(self, entity: Entity) -> SummaryState:
        """The entity's summary as of its latest `updates` entry (else its own), with the earlier ones."""
        states = [SummaryState(entity.summary, None, None)] if entity.summary else []
        for update in entity.updates:
            states.append(SummaryState(update.summary, update.date, self.articles_by_slug.get(update.report)))
        if not states:
            return SummaryState(None, None, None)
        latest = states[-1]
        return SummaryState(latest.text, latest.as_of, latest.report, tuple(reversed(states[:-1])))

    def claims_of(self, entity_id: str) -> tuple[ClaimRecord, ...]:
        """Claims involving the entity, newest first."""
        return self.claims_by_entity.get(entity_id, ())

    def events_of(self, entity_id: str) -> tuple[EventRecord, ...]:
        """Events involving the entity, newest first."""
        return self.events_by_entity.get(entity_id, ())

    def has_timeline(self, entity_id: str) -> bool:
        """Whether any event or claim involves the entity: only then has an issue's page a Timeline section
        (links to `#timeline` must check this, or `mkdocs build --strict` fails on a missing anchor)."""
        return bool(self.events_of(entity_id) or self.claims_of(entity_id))

    @property
    def issues_on_timeline(self) -> tuple[Issue, ...]:
        """Issues a reader can follow on the timeline (with an event or a claim), most debated first."""
        return tuple(issue for issue in self.issues_ranked if self.has_timeline(issue.id))

    @property
    def timeline(self) -> tuple[EventRecord | ClaimRecord, ...]:
        """The timeline's entries, oldest first: every event (reported or dated), each with the claims said
        at it under it (`claims_at`), and every other claim on its own, each once."""
        events = [record for record in self.events if record.reports or record.event.date is not None]
        shown = {record.event.id for record in events}
        alone = [record for record in self.claims if record.claim.event not in shown]
        return tuple(heapq.merge(events, alone, key=_SORT_KEY))

    def articles_of(self, entity_id: str) -> tuple[Article, ...]:
        """Articles involving the entity, newest first."""
        return self.articles_by_entity.get(entity_id, ())

    def claims_reported_through(self, actor_id: str) -> tuple[ClaimRecord, ...]:
        """Claims others made that were reported through this actor (`via`), newest first."""
        return self.claims_via.get(actor_id, ())

    def venues_of_actor(self, actor_id: str, limit: int | None = None) -> list[Venue]:
        """Venues of the actor's events, then of their own claims, newest first, each once; the first
        `limit` only, if given (a leader's events alone may name every venue many times over)."""
        found: dict[str, None] = {}
        for venue_id in self._venue_ids_of_actor(actor_id):
            found[venue_id] = None
            if limit is not None and len(found) >= limit:
                break
        return venues_in(self, found)

    def _venue_ids_of_actor(self, actor_id: str) -> Iterator[str]:
        for event_record in self.events_of(actor_id):
            if event_record.event.venue:
                yield event_record.event.venue
        for claim_record in self.claims_of(actor_id):
            if claim_record.claim.venue and claim_record.claim.by == actor_id:
                yield claim_record.claim.venue

    def claims_by_issue_for(self, actor_id: str) -> list[tuple[Issue | None, tuple[ClaimRecord, ...]]]:
        """The actor's own claims grouped by issue (registry order), newest first; issue-less claims last."""
        groups = self.own_claims.get(actor_id, {})
        order = self.issue_order
        ordered: list[tuple[Issue | None, tuple[ClaimRecord, ...]]] = [
            (self.entities[issue_id], groups[issue_id])  # type: ignore[misc]
            for issue_id in sorted(filter(None, groups), key=order.__getitem__)
        ]
        if None in groups:
            ordered.append((None, groups[None]))
        return ordered


_SORT_KEY = attrgetter("sort_key")
_RUN_KEY = attrgetter("run_key")
_STANCE = attrgetter("claim.stance")


def _by_claim_count(item: tuple[str, list[ClaimRecord]]) -> tuple[int, str]:
    return (-len(item[1]), item[0])


def _stance_runs(records: Sequence[ClaimRecord]) -> tuple[StanceRun, ...]:
    """Split one actor's claims on one issue into runs of equal stance, by date.

    Claims of one day are grouped by stance first, so a day with two stances gives two runs, not a flip-flop
    that depends on the order the claims were written in.
    """
    if len(records) == 1:  # most actors say something on an issue once
        return (StanceRun(records[0].claim.stance, tuple(records)),)
    # Run keys are unique (they end in the sort key), so newest first is the reverse of oldest first, and
    # runs of equal stance are the same either way round.
    ordered = sorted(records, key=_RUN_KEY, reverse=True)
    return tuple([StanceRun(stance, tuple(run)) for stance, run in groupby(ordered, _STANCE)])


def _by_report_date(article: Article) -> tuple[datetime.date, str]:
    return (article.front.date, article.slug)


def build_index(content: Content) -> Index:
    """Cross-reference all content. Work is linear in the number of claims, events, reports and mentions."""
    entities: dict[str, Entity] = {}
    kind_of: dict[str, str] = {}
    for kind in ENTITY_KINDS:
        for entity in content.entities_of(kind):
            entities[entity.id] = entity
            kind_of[entity.id] = kind.name
    registry_events: dict[str, Event] = {event.id: event for event in content.events}

    # Oldest first, so each entity's list of articles and each event's reports are in order as they are built.
    articles = sorted(content.articles, key=_by_report_date)
    status_reports: dict[str, list[StatusReport]] = defaultdict(list)
    told_by: dict[str, list[tuple[str, StatusReport]]] = defaultdict(list)
    """Article slug to (event id, what it says of the event), in article order."""
    carriers: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        for told in article.front.events:
            report = StatusReport(article, told.status, told.reopened)
            status_reports[told.id].append(report)
            told_by[article.slug].append((told.id, report))
        for claim_id in article.front.carries:
            carriers[claim_id].append(article)

    event_records = {
        event.id: EventRecord.build(event, order, tuple(status_reports.get(event.id, ())))
        for order, event in enumerate(content.events)
    }
    claims_by_article: dict[str, tuple[ClaimRecord, ...]] = {}
    written: dict[str, ClaimRecord] = {}
    all_claims: list[ClaimRecord] = []
    for article in articles:
        records = []
        for at, claim in enumerate(article.front.claims):
            event = registry_events.get(claim.event) if claim.event else None
            reports = (article, *carriers.get(claim.id, ()))
            records.append(ClaimRecord.build(claim, article, at, reports, event))
        claims_by_article[article.slug] = tuple(records)
        for record in records:
            written[record.claim.id] = record
        all_claims += records

    articles_by_entity: dict[str, list[Article]] = defaultdict(list)
    entities_by_article: dict[str, tuple[str, ...]] = {}
    carried_by_article: dict[str, tuple[ClaimRecord, ...]] = {}
    events_by_article: dict[str, tuple[ArticleEvent, ...]] = {}
    for article in articles:
        front = article.front
        slug = article.slug
        carried = tuple(written[claim_id] for claim_id in front.carries if claim_id in written)
        carried_by_article[slug] = carried
        told = [
            ArticleEvent(event_records[event_id], report)
            for event_id, report in told_by.get(slug, ())
            if event_id in event_records
        ]
        events_by_article[slug] = tuple(told)
        # Every id the article involves (its events and theirs, its claims, the claims it carries, its own
        # lists and mentions), first seen first.
        involved = tuple(
            dict.fromkeys(
                [
                    *(
                        entity_id
                        for item in told
                        for entity_id in (item.event.id, *referenced_ids(item.event))
                    ),
                    *involved_ids(front),
                    *(entity_id for record in carried for entity_id in referenced_ids(record.claim)),
                    *article.mentioned,
                ]
            )
        )
        for entity_id in involved:
            articles_by_entity[entity_id].append(article)
        entities_by_article[slug] = involved

    # Sorted once; every per-entity list is then filled newest first, in that order, and needs no sorting
    # of its own (sort keys are unique: an article's slug and a position in it, or an event's id).
    claims = tuple(sorted(all_claims, key=_SORT_KEY))
    events = tuple(sorted(event_records.values(), key=_SORT_KEY))
    events_by_entity: dict[str, list[EventRecord]] = defaultdict(list)
    for event_record in reversed(events):
        for entity_id in set(referenced_ids(event_record.event)):
            events_by_entity[entity_id].append(event_record)
    claims_by_entity: dict[str, list[ClaimRecord]] = defaultdict(list)
    own_claims: dict[str, dict[str | None, list[ClaimRecord]]] = defaultdict(lambda: defaultdict(list))
    claims_via: dict[str, list[ClaimRecord]] = defaultdict(list)
    for record in reversed(claims):
        claim = record.claim
        by = claim.by
        if claim.via and claim.via != by:
            claims_via[claim.via].append(record)
        for entity_id in set(referenced_ids(claim)):
            claims_by_entity[entity_id].append(record)
        spoken = own_claims[by]
        for issue_id in claim.issues or (None,):
            spoken[issue_id].append(record)

    # An actor's claims on an issue are their own claims under it (an issue named twice counts twice).
    position_claims: dict[str, dict[str, list[ClaimRecord]]] = defaultdict(dict)
    for actor_id, groups in own_claims.items():
        for issue_id, records in groups.items():
            if issue_id is not None:
                position_claims[issue_id][actor_id] = records
    positions: dict[str, tuple[Position, ...]] = {}
    for issue in content.issues:
        by_actor = position_claims.get(issue.id, {})
        # Most claims first (a position's runs hold all of its claims), then by actor id.
        positions[issue.id] = tuple(
            [
                Position(entities[actor_id], _stance_runs(records))  # type: ignore[arg-type]
                for actor_id, records in sorted(by_actor.items(), key=_by_claim_count)
            ]
        )

    claims_made: dict[str, int] = defaultdict(int)
    for record in all_claims:
        claims_made[record.claim.by] += 1
    registry_order = {actor.id: order for order, actor in enumerate(content.actors)}
    actors_ranked = tuple(
        sorted(
            content.actors,
            key=lambda actor: (
                -claims_made.get(actor.id, 0),
                -len(events_by_entity.get(actor.id, ())),
                registry_order[actor.id],
            ),
        )
    )

    subissues: dict[str, list[Issue]] = defaultdict(list)
    for issue in content.issues:
        if issue.parent:
            subissues[issue.parent].append(issue)

    claims_by_event: dict[str, list[ClaimRecord]] = defaultdict(list)
    claims_about_event: dict[str, list[ClaimRecord]] = defaultdict(list)
    for record in claims:
        if record.claim.event:
            claims_by_event[record.claim.event].append(record)
        if record.claim.about and record.claim.about != record.claim.event:
            claims_about_event[record.claim.about].append(record)
    rank = {actor.id: order for order, actor in enumerate(actors_ranked)}

    return Index(
        content=content,
        entities=entities,
        kind_of=kind_of,
        claims=claims,
        events=events,
        claims_by_entity={key: tuple(value) for key, value in claims_by_entity.items()},
        claims_by_article=claims_by_article,
        carried_by_article=carried_by_article,
        events_by_entity={key: tuple(value) for key, value in events_by_entity.items()},
        events_by_article=events_by_article,
        event_records=event_records,
        articles_by_slug={article.slug: article for article in articles},
        articles_by_entity={key: tuple(reversed(value)) for key, value in articles_by_entity.items()},
        entities_by_article=entities_by_article,
        positions=positions,
        subissues={key: tuple(value) for key, value in subissues.items()},
        claims_made=dict(claims_made),
        actors_ranked=actors_ranked,
        issues_ranked=tuple(
            issue
            for _, issue in sorted(
                enumerate(content.issues), key=lambda pair: (-len(positions[pair[1].id]), pair[0])
            )
        ),
        position_by_pair={
            (issue_id, row.actor.id): row for issue_id, rows in positions.items() for row in rows
        },
        claims_by_event={key: tuple(value) for key, value in claims_by_event.items()},
        claims_about_event={key: tuple(value) for key, value in claims_about_event.items()},
        companions=_companions(events, claims, entities, rank),
        sides=_sides(content.actors),
        side_of=_side_of(content.actors),
        relations=_relations(content.actors, entities),
        own_claims={
            actor_id: {issue_id: tuple(records) for issue_id, records in groups.items()}
            for actor_id, groups in own_claims.items()
        },
        claims_via={key: tuple(value) for key, value in claims_via.items()},
        issue_order={issue.id: order for order, issue in enumerate(content.issues)},
    )


def _sides(actors: Sequence[Actor]) -> tuple[Side, ...]:
    """Actors with a side of their own, grouped by side, sides in order of first appearance."""
    grouped: dict[str, list[Actor]] = defaultdict(list)
    for actor in actors:
        if actor.side:
            grouped[actor.side].append(actor)
    return tuple(Side(name, tuple(members)) for name, members in grouped.items())


def _side_of(actors: Sequence[Actor]) -> dict[str, str]:
    """Each actor's side: its own, else the first found along its relations (breadth first, in the order
    they are written: `leads`, `speaks_for`, `part_of`). Cycles are refused by the check; a visited set
    keeps this finite anyway."""
    by_id = {actor.id: actor for actor in actors}
    found: dict[str, str] = {}
    for actor in actors:
        pending, seen = [actor.id], {actor.id}
        while pending:
            current = by_id.get(pending.pop(0))
            if current is None:
                continue
            if current.side:
                found[actor.id] = current.side
                break
            for other in (*current.leads, *current.speaks_for, *current.part_of):
                if other not in seen:
                    seen.add(other)
                    pending.append(other)
    return found


def _relations(actors: Sequence[Actor], entities: dict[str, Entity]) -> dict[str, tuple[Relation, ...]]:
    """Every actor's relations both ways: those it declares (in field order), then those naming it."""
    declared: dict[str, list[Relation]] = defaultdict(list)
    named: dict[str, list[Relation]] = defaultdict(list)
    for actor in actors:
        for field_name, (own, others) in RELATION_WORDS.items():
            for other_id in getattr(actor, field_name):
                other = entities.get(other_id)
                if isinstance(other, Actor) and other_id != actor.id:
                    declared[actor.id].append(Relation(*own, other, field_name, True))
                    named[other_id].append(Relation(*others, actor, field_name, False))
    return {
        actor.id: (*declared.get(actor.id, ()), *named.get(actor.id, ()))
        for actor in actors
        if actor.id in declared or actor.id in named
    }


def _actor_pairs(
    ids: Iterable[str], entities: dict[str, Entity], rank: dict[str, int]
) -> list[tuple[str, str]]:
    """Every unordered pair of distinct actors among `ids`, each written higher-ranked first."""
    # Every actor has a rank, and only actors do.
    actor_ids = sorted({entity_id for entity_id in ids if entity_id in rank}, key=rank.__getitem__)
    return [(first, second) for i, first in enumerate(actor_ids) for second in actor_ids[i + 1 :]]


def _companions(
    events: Iterable[EventRecord],
    claims: Iterable[ClaimRecord],
    entities: dict[str, Entity],
    rank: dict[str, int],
) -> dict[str, tuple[tuple[Actor, int], ...]]:
    """Each actor's companions with the number of events and relayed claims they share, most shared first.

    The order weighs each shared event by how few took part: two actors alone at a meeting share more than
    two of seven on one call (each pair of a group of n weighs 1/(n-1)), so one large call does not
    decide who an actor "appears most with"."""
    # Pairs per event are quadratic in that event's actors only, so work stays linear in the content.
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    weights: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    groups = [record.event.actors for record in events]
    groups += [(record.claim.by, record.claim.via) for record in claims if record.claim.via]
    for group in groups:
        pairs = _actor_pairs(group, entities, rank)
        if not pairs:
            continue
        weight = 1 / (len({actor_id for pair in pairs for actor_id in pair}) - 1)
        for first, second in pairs:
            counts[first][second] += 1
            counts[second][first] += 1
            weights[first][second] += weight
            weights[second][first] += weight
    return {
        actor_id: tuple(
            (entities[other], count)  # type: ignore[misc]
            for other, count in sorted(
                others.items(), key=lambda pair: (-weights[actor_id][pair[0]], -pair[1], rank[pair[0]])
            )
        )
        for actor_id, others in sorted(counts.items())
    }


def actors_in(index: Index, ids: Iterable[str]) -> list[Actor]:
    """The actors among `ids`, in the given order."""
    return [entity for entity_id in ids if isinstance(entity := index.entities.get(entity_id), Actor)]


def venues_in(index: Index, ids: Iterable[str]) -> list[Venue]:
    """The venues among `ids`, in the given order."""
    return [entity for entity_id in ids if isinstance(entity := index.entities.get(entity_id), Venue)]
