"""The rules of a story told by many reports: claims dated when said, shared events and their lifecycle,
claims carried by later reports, what an article lists, actor relations and dated summaries.

Rules that need one article are checked while it is validated (`check_article`); rules across articles
are checked once all are read (`StoryLedger.problems`), from what each article left in the ledger: ids,
dates and where they are written, not the article itself (articles are validated as a stream).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from generator.check import legacy
from generator.check.wording import did_you_mean, format_path
from generator.domain.dates import WAYS_TO_WRITE, ClaimDate, DateNotUnderstood, parse_date
from generator.domain.kinds import join_words
from generator.domain.model import Actor, Entity, Event, EventStatus, FrontMatter
from generator.load.loader import LoadedDocument, Location, item_places, locate
from generator.problems import Problem, Severity

Path = tuple[str | int, ...]
Report = Callable[[Path, str, Severity], None]
"""Reports a problem at a path of the document being checked."""

FINAL_STATUSES: frozenset[str] = frozenset({"held", "declined", "cancelled"})
"""Statuses after which an event only changes again if a report says it is back on (`reopened`)."""
STATUS_ORDER: dict[str, int] = {"proposed": 0, "scheduled": 1, "held": 2, "declined": 2, "cancelled": 2}
"""How far along an event is: a report may not say less than an earlier one."""
RELATION_FIELDS: tuple[str, ...] = ("leads", "speaks_for", "part_of")
"""An actor's relations to other actors, in the order messages name them."""
RELATION_WORDS: dict[str, str] = {"leads": "leads", "speaks_for": "speaks for", "part_of": "is part of"}


def _error(report: Report, path: Path, message: str) -> None:
    report(path, f"{format_path(path)}: {message}", "error")


# --- one article --------------------------------------------------------------------------------------


def check_article(
    report: Report,
    front: FrontMatter,
    events: Mapping[str, Event],
    kind_of: Mapping[str, str],
    mentioned: Iterable[str],
    *,
    v1_2: bool = False,
) -> None:
    """Every rule of one article's front matter that needs no other article; `v1_2` if it (or the content)
    is written for content model v1.2, whose rules messages then explain.

    `events` are the registry's events, `kind_of` every registry id's kind (`issue`): an id that names no
    entry of its kind is reported once, by the reference check, not again here.
    """
    reported = {entry.id for entry in front.events}
    for index, claim in enumerate(front.claims):
        where: Path = ("claims", index)
        event = events.get(claim.event) if claim.event is not None else None
        if v1_2 and claim.date is None and claim.event is None:
            report(where, legacy.undated_claim_message(index, front.date.isoformat()), "error")
        else:
            _check_claim_date(report, where, claim.date, claim.event, event, front.date)
        if claim.event is not None and event is not None and claim.event not in reported:
            _error(
                report,
                (*where, "event"),
                f"event '{claim.event}' is not listed under this report's `events`: add "
                f"`- {{id: {claim.event}, status: ...}}` there with its status as of this report",
            )
        if claim.about is not None and claim.about == claim.event:
            _error(
                report,
                (*where, "about"),
                f"the claim was said at event '{claim.event}' (`event:`), so `about:` naming it too adds "
                "nothing: remove `about:` (use it only for an event the claim is about but was not said at)",
            )
        if claim.stance == "conditional" and not claim.conditions:
            _error(
                report,
                (*where, "stance"),
                "a conditional stance needs the conditions the actor attaches: add `conditions: [...]` "
                "(in a few words each), or choose supports, opposes or neutral",
            )
        elif claim.conditions and claim.stance != "conditional":
            path = (*where, "conditions")
            report(
                path,
                f"{format_path(path)}: conditions go with a conditional stance, and this claim's stance is "
                f"{claim.stance}. Did you mean stance: conditional?",
                "warning",
            )
    _check_carries(report, front)
    _check_listed_issues(report, front, events, kind_of)
    _check_listed_venues(report, front, events, kind_of, mentioned)


def _check_claim_date(
    report: Report,
    where: Path,
    written: datetime.date | str | None,
    event_id: str | None,
    event: Event | None,
    report_date: datetime.date,
) -> None:
    """A claim is dated (by itself or its event), not after its report, and on its event's day(s)."""
    reported_on = f"this report's date ({report_date.isoformat()})"
    if written is None:
        if event_id is None:
            _error(
                report,
                where,
                f"when was this said? add `date:` ({WAYS_TO_WRITE}), or the `event:` it was said at",
            )
        elif event is not None and event.date is None:
            _error(
                report,
                where,
                f"its event '{event_id}' has no date yet, so the claim needs its own `date:` "
                f"({WAYS_TO_WRITE})",
            )
        elif event is not None and event.date is not None and event.date > report_date:
            _error(
                report,
                (*where, "event"),
                f"the claim takes the date of event '{event_id}', {event.date.isoformat()}, which is after "
                f"{reported_on}: give the claim its own `date:` (when it was said), or name the event it "
                "was said at",
            )
        return
    try:
        date = parse_date(written)
    except DateNotUnderstood as error:
        _error(report, (*where, "date"), str(error))
        return
    if date.may_be_after(report_date):
        shown = date.written if date.is_exact else f"{date.written} ({date.words})"
        _error(
            report,
            (*where, "date"),
            f"{shown} is after {reported_on}: a report cannot carry what was said later; correct the date "
            f"(write 'before {report_date.isoformat()}' if only that is known)",
        )
        return
    if date.is_exact and event is not None and event.date is not None:
        _check_date_within_event(report, where, date, event)


def _check_date_within_event(report: Report, where: Path, date: ClaimDate, event: Event) -> None:
    assert event.date is not None
    last = event.end if event.end is not None and event.end >= event.date else event.date
    if event.date <= date.latest <= last:
        return
    days = event.date.isoformat() if last == event.date else f"{event.date.isoformat()} to {last.isoformat()}"
    _error(
        report,
        (*where, "date"),
        f"{date.written} is not on the day of its event '{event.id}' ({days}): correct the date, or if it "
        f"was not said there but is about it (an offer of it, a refusal), write `about: {event.id}` instead "
        "of `event:`",
    )


def _check_carries(report: Report, front: FrontMatter) -> None:
    own = {claim.id for claim in front.claims}
    seen: set[str] = set()
    for index, claim_id in enumerate(front.carries):
        path: Path = ("carries", index)
        if claim_id in own:
            _error(
                report,
                path,
                f"'{claim_id}' is written in this report's own `claims`: remove it from `carries`",
            )
        elif claim_id in seen:
            _error(report, path, f"'{claim_id}' is listed twice: remove one")
        seen.add(claim_id)


def _check_listed_issues(
    report: Report, front: FrontMatter, events: Mapping[str, Event], kind_of: Mapping[str, str]
) -> None:
    """`issues` lists exactly the issues the article's claims and events are about."""
    if any(kind_of.get(issue_id) != "issue" for issue_id in front.issues):
        return  # the reference check says what to write instead; its fix may well complete the list
    if any(entry.id not in events for entry in front.events):
        return  # an unknown event (or an events registry that could not be read): its issues are unknown
    used: dict[str, None] = {}
    for claim in front.claims:
        used.update(dict.fromkeys(claim.issues))
    for entry in front.events:
        event = events.get(entry.id)
        if event is not None:
            used.update(dict.fromkeys(event.issues))
    listed = set(front.issues)
    for index, issue_id in enumerate(front.issues):
        if issue_id not in used:
            _error(
                report,
                ("issues", index),
                f"no claim or event of this report is about '{issue_id}': remove it, or add it to the "
                "`issues` of the claim (or event) that is about it",
            )
    missing = [issue_id for issue_id in used if issue_id not in listed]
    if missing:
        quoted = join_words([f"'{issue_id}'" for issue_id in missing])
        complete = ", ".join([*front.issues, *missing])
        plural = "s" if len(missing) > 1 else ""
        report(
            ("issues",),
            f"issues: this report's claims or events are about {quoted} too: add the issue{plural} "
            f"(issues: [{complete}])",
            "error",
        )


def _check_listed_venues(
    report: Report,
    front: FrontMatter,
    events: Mapping[str, Event],
    kind_of: Mapping[str, str],
    mentioned: Iterable[str],
) -> None:
    """Each venue of `venues` is where a claim or event of the article is, or is mentioned in its body."""
    if any(entry.id not in events for entry in front.events):
        return  # an unknown event (or an events registry that could not be read): its venue is unknown
    used = set(mentioned)
    used.update(claim.venue for claim in front.claims if claim.venue is not None)
    for entry in front.events:
        event = events.get(entry.id)
        if event is not None and event.venue is not None:
            used.add(event.venue)
    for index, venue_id in enumerate(front.venues):
        if venue_id not in used and kind_of.get(venue_id) == "venue":
            _error(
                report,
                ("venues", index),
                f"nothing in this report is at '{venue_id}' (no claim, event or mention): remove it, or "
                f"mention it in the text as [[{venue_id}]]",
            )


# --- registries ---------------------------------------------------------------------------------------


def check_event_entry(report: Report, event: Event) -> None:
    """An event's `end` is on or after its `date`, which it needs."""
    if event.end is None:
        return
    if event.date is None:
        _error(report, ("end",), "an event with an `end` needs a `date` (its first day): add it")
    elif event.end < event.date:
        _error(
            report,
            ("end",),
            f"{event.end.isoformat()} is before the event's date {event.date.isoformat()}: correct one of "
            "them",
        )


def check_updates_order(report: Report, entity: Entity) -> None:
    """An entry's `updates` are oldest first."""
    for index in range(1, len(entity.updates)):
        before, after = entity.updates[index - 1].date, entity.updates[index].date
        if after < before:
            _error(
                report,
                ("updates", index, "date"),
                f"{after.isoformat()} is before the update above it ({before.isoformat()}): list updates "
                "oldest first",
            )


def check_relations(
    document: LoadedDocument, actors: Sequence[Actor], positions: Mapping[str, int]
) -> list[Problem]:
    """No actor relates to itself, and the relations (leads, speaks for, part of) never loop."""
    problems: list[Problem] = []

    def report(actor_id: str, path: Path, message: str) -> None:
        line, column = locate(document, (positions.get(actor_id, 0), *path))
        problems.append(Problem(document.source.path, line, column, "error", message))

    known = {actor.id for actor in actors}
    targets: dict[str, list[tuple[str, str]]] = {}
    for actor in actors:
        for name in RELATION_FIELDS:
            for index, other in enumerate(getattr(actor, name)):
                if other == actor.id:
                    report(
                        actor.id,
                        (name, index),
                        f"{name}[{index}]: an actor cannot be related to itself: remove '{other}'",
                    )
                elif other in known:
                    targets.setdefault(actor.id, []).append((name, other))
    for loop in _loops(targets, [actor.id for actor in actors]):
        first_name = loop[0][1]
        steps = ", ".join(f"{actor_id} {RELATION_WORDS[name]} {other}" for actor_id, name, other in loop)
        report(
            loop[0][0],
            (first_name,),
            f"{first_name}: the actors' relations go round in a loop ({steps}): remove one of them",
        )
    return problems


def _loops(
    targets: Mapping[str, list[tuple[str, str]]], order: Sequence[str]
) -> list[list[tuple[str, str, str]]]:
    """Each loop of relations once, as (actor, relation, other) steps from its first actor in `order`."""
    rank = {actor_id: index for index, actor_id in enumerate(order)}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    loops: list[list[tuple[str, str, str]]] = []
    for start in order:
        if state.get(start):
            continue
        path: list[tuple[str, str, str]] = []
        stack: list[tuple[str, int]] = [(start, 0)]
        state[start] = 1
        while stack:
            actor_id, next_index = stack[-1]
            edges = targets.get(actor_id, [])
            if next_index >= len(edges):
                stack.pop()
                state[actor_id] = 2
                if path:
                    path.pop()
                continue
            stack[-1] = (actor_id, next_index + 1)
            name, other = edges[next_index]
            if state.get(other) == 1:
                steps = [*path, (actor_id, name, other)]
                begin = next(index for index, step in enumerate(steps) if step[0] == other)
                loop = steps[begin:]
                first = min(range(len(loop)), key=lambda index: rank.get(loop[index][0], 0))
                loops.append(loop[first:] + loop[:first])
            elif not state.get(other):
                state[other] = 1
                path.append((actor_id, name, other))
                stack.append((other, 0))
    return loops


# --- across articles ----------------------------------------------------------------------------------


class _Placed(NamedTuple):
    """Something written in an article, and where (a tuple: tens of thousands are made)."""

    path: str
    line: int
    column: int

    @property
    def shown(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class _ArticleEntry(NamedTuple):
    slug: str
    path: str
    date: datetime.date

    @property
    def order(self) -> tuple[datetime.date, str]:
        """Reports in the order they were published (same day: by slug)."""
        return (self.date, self.slug)


@dataclass
class StoryLedger:
    """What the cross-article rules need of each article, collected as articles are validated."""

    articles: dict[str, _ArticleEntry] = field(default_factory=dict)
    """By slug."""
    claims: dict[str, list[tuple[_ArticleEntry, _Placed]]] = field(default_factory=dict)
    """Each claim id: the articles that write it, with where."""
    carried: list[tuple[_ArticleEntry, str, _Placed]] = field(default_factory=list)
    event_reports: dict[str, list[tuple[_ArticleEntry, EventStatus, bool, _Placed]]] = field(
        default_factory=dict
    )

    def add(self, slug: str, document: LoadedDocument, front: FrontMatter) -> None:
        """Note one valid article, while its document is still at hand to find places in."""
        entry = _ArticleEntry(slug, document.source.path, front.date)
        self.articles.setdefault(slug, entry)
        path = document.source.path

        def places(field_name: str, count: int) -> list[_Placed]:
            if not count:
                return []
            return [_Placed(path, *place) for place in item_places(document, field_name, count)]

        for claim, place in zip(front.claims, places("claims", len(front.claims)), strict=True):
            self.claims.setdefault(claim.id, []).append((entry, place))
        for claim_id, place in zip(front.carries, places("carries", len(front.carries)), strict=True):
            self.carried.append((entry, claim_id, place))
        for report, place in zip(front.events, places("events", len(front.events)), strict=True):
            self.event_reports.setdefault(report.id, []).append(
                (entry, report.status, report.reopened, place)
            )

    def extend(self, later: StoryLedger) -> None:
        """Add what `later` noted of the articles after these, as if this ledger had noted them itself (its
        lists become this one's: `later` is not to be used after)."""
        for slug, entry in later.articles.items():
            self.articles.setdefault(slug, entry)
        _extend_lists(self.claims, later.claims)
        self.carried.extend(later.carried)
        _extend_lists(self.event_reports, later.event_reports)

    def problems(self, *, complete: bool) -> list[Problem]:
        """Every cross-article problem: claim ids used twice, carried claims, event lifecycles.

        Unless `complete` (every article was read and valid), a carried claim no article writes is not
        reported: it may be written in an article that could not be checked.
        """
        problems: list[Problem] = []

        def error(place: _Placed, message: str) -> None:
            problems.append(Problem(place.path, place.line, place.column, "error", message))

        self._check_claim_ids(error)
        self._check_carried(error, complete)
        self._check_lifecycles(error)
        return problems

    def _check_claim_ids(self, error: Callable[[_Placed, str], None]) -> None:
        for claim_id, written in self.claims.items():  # problems are sorted once all are found
            # Twice in one article is that article's own problem (validate's duplicate id), told once.
            by_article = {entry.path: (entry, place) for entry, place in reversed(written)}
            if len(by_article) < 2:
                continue
            ordered = sorted(by_article.values(), key=lambda pair: pair[0].order)
            first = ordered[0][1]
            for _, place in ordered[1:]:
                error(
                    place,
                    f"claim id '{claim_id}' is already used at {first.shown}; claim ids are unique across "
                    "the story: rename one, or, if it is the same statement, remove it here and add "
                    f"'{claim_id}' to this report's `carries`",
                )

    def _check_carried(self, error: Callable[[_Placed, str], None], complete: bool) -> None:
        for entry, claim_id, place in self.carried:
            written = self.claims.get(claim_id)
            if not written and not complete:
                continue
            if not written:
                hint = did_you_mean(claim_id, self.claims)
                error(
                    place,
                    f"carries: no report has a claim '{claim_id}'.{hint}"
                    if hint
                    else f"carries: no report has a claim '{claim_id}': write it in the `claims` of the "
                    "report that first carries it",
                )
                continue
            first, first_place = min(written, key=lambda pair: pair[0].order)
            if first.date > entry.date:  # the same day is not later: which came first is not known
                error(
                    place,
                    f"carries: '{claim_id}' is written in a later report ({first_place.shown}, "
                    f"{first.date.isoformat()}); a report can only carry a claim of an earlier one: move "
                    f"the claim into this report's `claims`, and carry it in {first.slug}",
                )

    def _check_lifecycles(self, error: Callable[[_Placed, str], None]) -> None:
        for event_id, reports in self.event_reports.items():
            ordered = sorted(reports, key=lambda report: (report[0].order, report[3].line))
            previous: tuple[_ArticleEntry, EventStatus, bool, _Placed] | None = None
            for report in ordered:
                _, status, reopened, place = report
                before = previous[1] if previous else None
                said = f"{previous[0].slug}, {previous[0].date.isoformat()}" if previous else ""
                if reopened and before not in FINAL_STATUSES:
                    reason = (
                        f"the report before it ({said}) says '{before}'"
                        if previous
                        else "no earlier report tells of this event"
                    )
                    error(
                        place,
                        f"events: '{event_id}' is reopened, but {reason}, so there is nothing to reopen: "
                        "remove `reopened: true`",
                    )
                elif before is not None and not reopened and _goes_backwards(before, status):
                    error(
                        place,
                        f"events: '{event_id}' is '{status}' here, but an earlier report ({said}) says "
                        f"'{before}': an event goes proposed, scheduled, held, and held, declined and "
                        "cancelled are final; correct the status, or if this report says the event is back "
                        "on, add `reopened: true`",
                    )
                previous = report


def _extend_lists(lists: dict[str, list[Any]], later: dict[str, list[Any]]) -> None:
    """Add `later`'s items to the list of the same key, or as a new list (taken over, not copied)."""
    for key, items in later.items():
        mine = lists.get(key)
        if mine is None:
            lists[key] = items
        else:
            mine.extend(items)


def _goes_backwards(before: str, after: str) -> bool:
    if before == after:
        return False
    if before in FINAL_STATUSES:
        return True
    return STATUS_ORDER[after] < STATUS_ORDER[before]


def check_updates_reports(
    document: LoadedDocument,
    entities: Sequence[Entity],
    positions: Mapping[str, int],
    ledger: StoryLedger,
) -> list[Problem]:
    """Each update names an existing report, and holds from no later than that report's date."""
    problems: list[Problem] = []
    for entity in entities:
        for index, update in enumerate(entity.updates):
            base = (positions.get(entity.id, 0), "updates", index)
            article = ledger.articles.get(update.report)
            if article is None:
                hint = did_you_mean(update.report, ledger.articles)
                message = f"updates[{index}].report: no article '{update.report}'." + (
                    hint or " Name a report by its file name without .md (2025-05-20-second-round)"
                )
                place: Location = locate(document, (*base, "report"))
            elif update.date > article.date:
                message = (
                    f"updates[{index}].date: {update.date.isoformat()} is after the date of its report "
                    f"{update.report} ({article.date.isoformat()}): a summary holds from when a report says "
                    "so; correct the date"
                )
                place = locate(document, (*base, "date"))
            else:
                continue
            problems.append(Problem(document.source.path, *place, "error", message))
    return problems
