"""Index stage: cross-references between entities, claims, events and articles, built in one pass."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, groupby, islice
from operator import attrgetter

from generator.check.validate import Article, Content
from generator.domain.kinds import ENTITY_KINDS, involved_ids, referenced_ids
from generator.domain.model import Actor, Claim, Entity, Event, Issue, Stance, Venue

# Within one day, a neutral remark is taken as coming before a committed stance, so the committed one
# shows as the actor's current position.
_STANCE_ORDER = {"neutral": 0, "opposes": 1, "supports": 2}


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """A claim together with the article that reports it."""

    claim: Claim
    article: Article
    order: int
    """Position of the claim in its article (keeps sorting stable)."""
    date: datetime.date = field(compare=False, repr=False)
    """The claim's date, defaulting to its article's."""
    anchor: str = field(compare=False, repr=False)
    """Its anchor on the article page."""
    sort_key: tuple[datetime.date, str, int] = field(compare=False, repr=False)
    """Chronological order, stable across runs."""
    run_key: tuple[datetime.date, int, tuple[datetime.date, str, int]] = field(compare=False, repr=False)
    """The order of `_stance_runs`: by date, within a day by stance, then chronological."""

    @classmethod
    def build(cls, claim: Claim, article: Article, order: int) -> ClaimRecord:
        """The record, with what sorting and rendering read hundreds of thousands of times worked out once."""
        date = claim.date or article.front.date
        sort_key = (date, article.slug, order)
        run_key = (date, _STANCE_ORDER[claim.stance], sort_key)
        return cls(claim, article, order, date, f"claim-{claim.id}", sort_key, run_key)


@dataclass(frozen=True, slots=True)
class EventRecord:
    """An event together with the article that reports it."""

    event: Event
    article: Article
    order: int
    date: datetime.date = field(compare=False, repr=False)
    """The event's date."""
    anchor: str = field(compare=False, repr=False)
    """Its anchor on the article page."""
    sort_key: tuple[datetime.date, str, int] = field(compare=False, repr=False)
    """Chronological order, stable across runs."""

    @classmethod
    def build(cls, event: Event, article: Article, order: int) -> EventRecord:
        """The record, with its date, anchor and sort key worked out once."""
        return cls(event, article, order, event.date, f"event-{event.id}", (event.date, article.slug, order))


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


INTERACTION_KINDS: frozenset[str] = frozenset({"call", "meeting", "talks"})
"""Event kinds in which actors meet, call or answer each other: the edges of the relationship graph."""


@dataclass(frozen=True)
class ActorLink:
    """Two actors who took part in the same calls, meetings or talks (any status)."""

    first: Actor
    second: Actor
    events: tuple[EventRecord, ...]
    """Oldest first."""

    @property
    def held(self) -> bool:
        """Whether at least one of the shared events actually took place."""
        return any(record.event.status == "held" for record in self.events)


@dataclass(frozen=True)
class LifecycleStep:
    """One event at a venue, with the claims about it sorted by the part they play."""

    event: EventRecord
    proposed: tuple[ClaimRecord, ...]
    """Offers and demands that back it."""
    backed: tuple[ClaimRecord, ...]
    """Other claims that support it (accepting, welcoming)."""
    declined: tuple[ClaimRecord, ...]
    """Refusals and claims that oppose it."""
    remarks: tuple[ClaimRecord, ...]
    """Neutral claims about it."""


_PROPOSING_KINDS = frozenset({"offer", "demand"})


def lifecycle_role(claim: Claim) -> str:
    """The part a claim about an event plays: `proposed`, `backed`, `declined` or `remarks`."""
    if claim.kind == "refusal" or claim.stance == "opposes":
        return "declined"
    if claim.stance == "supports":
        return "proposed" if claim.kind in _PROPOSING_KINDS else "backed"
    return "remarks"


@dataclass(frozen=True)
class Index:
    """Everything a page needs to look up, keyed by entity id. Lists are in display order."""

    content: Content
    entities: dict[str, Entity]
    kind_of: dict[str, str]
    claims: tuple[ClaimRecord, ...]
    """All claims, chronological."""
    events: tuple[EventRecord, ...]
    """All events, chronological."""
    claims_by_entity: dict[str, tuple[ClaimRecord, ...]]
    """Actor (speaker or `via`), issue or venue id to its claims, newest first."""
    claims_by_article: dict[str, tuple[ClaimRecord, ...]]
    events_by_entity: dict[str, tuple[EventRecord, ...]]
    """Actor, issue or venue id to its events, newest first."""
    events_by_article: dict[str, tuple[EventRecord, ...]]
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
    claims_by_event: dict[tuple[str, str], tuple[ClaimRecord, ...]]
    """(article slug, event id) to the claims that point at that event, oldest first."""
    companions: dict[str, tuple[tuple[Actor, int], ...]]
    """Actor id to the actors who share events or claims with them, with how often, most often first."""
    actor_links: tuple[ActorLink, ...]
    """Pairs of actors in the same calls, meetings or talks, by first actor's rank then second's."""
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
        steps = []
        for record in reversed(self.events_at(venue_id)[:limit]):
            roles: dict[str, list[ClaimRecord]] = defaultdict(list)
            for claim in self.claims_by_event.get((record.article.slug, record.event.id), ()):
                roles[lifecycle_role(claim.claim)].append(claim)
            steps.append(
                LifecycleStep(
                    record,
                    tuple(roles["proposed"]),
                    tuple(roles["backed"]),
                    tuple(roles["declined"]),
                    tuple(roles["remarks"]),
                )
            )
        return tuple(steps)

    def position_of(self, issue_id: str, actor_id: str) -> Position | None:
        """The actor's position on the issue, if they made a claim on it."""
        return self.position_by_pair.get((issue_id, actor_id))

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


def build_index(content: Content) -> Index:
    """Cross-reference all content. Work is linear in the number of claims, events and mentions."""
    entities: dict[str, Entity] = {}
    kind_of: dict[str, str] = {}
    for kind in ENTITY_KINDS:
        for entity in content.entities_of(kind):
            entities[entity.id] = entity
            kind_of[entity.id] = kind.name

    articles_by_entity: dict[str, list[Article]] = defaultdict(list)
    claims_by_article: dict[str, tuple[ClaimRecord, ...]] = {}
    events_by_article: dict[str, tuple[EventRecord, ...]] = {}
    entities_by_article: dict[str, tuple[str, ...]] = {}
    all_claims: list[ClaimRecord] = []
    all_events: list[EventRecord] = []

    # Oldest first, so each entity's list of articles is in order as it is built.
    for article in sorted(content.articles, key=lambda article: (article.front.date, article.slug)):
        front = article.front
        event_records = tuple(
            [EventRecord.build(event, article, at) for at, event in enumerate(front.events)]
        )
        claim_records = tuple(
            [ClaimRecord.build(claim, article, at) for at, claim in enumerate(front.claims)]
        )
        # Every id the article involves (its events', claims', own lists and mentions), first seen first.
        involved = tuple(dict.fromkeys([*involved_ids(front), *article.mentioned]))
        for entity_id in involved:
            articles_by_entity[entity_id].append(article)
        slug = article.slug
        claims_by_article[slug] = claim_records
        events_by_article[slug] = event_records
        entities_by_article[slug] = involved
        all_claims += claim_records
        all_events += event_records

    # Sorted once; every per-entity list is then filled newest first, in that order, and needs no sorting
    # of its own (sort keys are unique: an article's slug and a position in it).
    claims = tuple(sorted(all_claims, key=_SORT_KEY))
    events = tuple(sorted(all_events, key=_SORT_KEY))
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

    claims_by_event: dict[tuple[str, str], list[ClaimRecord]] = defaultdict(list)
    for record in claims:
        if record.claim.event:
            claims_by_event[(record.article.slug, record.claim.event)].append(record)
    rank = {actor.id: order for order, actor in enumerate(actors_ranked)}

    return Index(
        content=content,
        entities=entities,
        kind_of=kind_of,
        claims=claims,
        events=events,
        claims_by_entity={key: tuple(value) for key, value in claims_by_entity.items()},
        claims_by_article=claims_by_article,
        events_by_entity={key: tuple(value) for key, value in events_by_entity.items()},
        events_by_article=events_by_article,
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
        companions=_companions(events, claims, entities, rank),
        actor_links=_actor_links(events, entities, rank),
        own_claims={
            actor_id: {issue_id: tuple(records) for issue_id, records in groups.items()}
            for actor_id, groups in own_claims.items()
        },
        claims_via={key: tuple(value) for key, value in claims_via.items()},
        issue_order={issue.id: order for order, issue in enumerate(content.issues)},
    )


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
    # Pairs per event are quadratic in that event's actors only, so work stays linear in the content.
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    groups = [record.event.actors for record in events]
    groups += [(record.claim.by, record.claim.via) for record in claims if record.claim.via]
    for group in groups:
        for first, second in _actor_pairs(group, entities, rank):
            counts[first][second] += 1
            counts[second][first] += 1
    return {
        actor_id: tuple(
            (entities[other], count)  # type: ignore[misc]
            for other, count in sorted(others.items(), key=lambda pair: (-pair[1], rank[pair[0]]))
        )
        for actor_id, others in sorted(counts.items())
    }


def _actor_links(
    events: Iterable[EventRecord], entities: dict[str, Entity], rank: dict[str, int]
) -> tuple[ActorLink, ...]:
    shared: dict[tuple[str, str], list[EventRecord]] = defaultdict(list)
    for record in events:  # oldest first
        if record.event.kind in INTERACTION_KINDS:
            for pair in _actor_pairs(record.event.actors, entities, rank):
                shared[pair].append(record)
    return tuple(
        ActorLink(entities[first], entities[second], tuple(records))  # type: ignore[arg-type]
        for (first, second), records in sorted(
            shared.items(), key=lambda item: (rank[item[0][0]], rank[item[0][1]])
        )
    )


def actors_in(index: Index, ids: Iterable[str]) -> list[Actor]:
    """The actors among `ids`, in the given order."""
    return [entity for entity_id in ids if isinstance(entity := index.entities.get(entity_id), Actor)]


def venues_in(index: Index, ids: Iterable[str]) -> list[Venue]:
    """The venues among `ids`, in the given order."""
    return [entity for entity_id in ids if isinstance(entity := index.entities.get(entity_id), Venue)]
