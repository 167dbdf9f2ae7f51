"""The stance grid: where each main actor stands on each main issue, one cell per actor and issue."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain

from generator.domain.model import Actor, Issue
from generator.index import ClaimRecord, Index, Position

GRID_ISSUE_LIMIT = 5
"""Without a story file naming them, the grid shows this many issues, those with most positions first."""

GRID_ACTOR_LIMIT = 20
"""Without a story file naming them, the grid shows at most this many actors: those with most claims on its
issues (a story may give hundreds of actors a side; the home page stays bounded)."""

SHORT_TEXT_LIMIT = 90
"""A claim without position words is shown in the grid by its text, cut to about this many characters."""


def short_form(text: str, limit: int = SHORT_TEXT_LIMIT) -> str:
    """`text` cut at a word to about `limit` characters, with an ellipsis if anything was cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.")
    return f"{cut}…"


def position_in_words(record: ClaimRecord) -> str:
    """What a claim says about the speaker's position: its `position` words, else a short form of its text."""
    return record.claim.position or short_form(record.claim.text)


@dataclass(frozen=True)
class GridCell:
    """One actor's position on one issue: the newest claim, and the one before a change, if any."""

    issue: Issue
    record: ClaimRecord | None
    """The actor's newest claim on the issue; None: no position recorded."""
    earlier: ClaimRecord | None = None
    """The newest earlier claim whose stance or position words differ from `record`'s (a change)."""

    @property
    def words(self) -> str:
        """The position in words."""
        return position_in_words(self.record) if self.record else ""

    @property
    def earlier_words(self) -> str:
        """The earlier position in words."""
        return position_in_words(self.earlier) if self.earlier else ""


@dataclass(frozen=True)
class GridRow:
    """One actor and their cells, in the grid's issue order."""

    actor: Actor
    cells: tuple[GridCell, ...]


@dataclass(frozen=True)
class GridSide:
    """The rows of one side (None: actors without a side)."""

    name: str | None
    rows: tuple[GridRow, ...]


@dataclass(frozen=True)
class StanceGrid:
    """Actors grouped by side, by issues."""

    issues: tuple[Issue, ...]
    sides: tuple[GridSide, ...]


def changed_from(position: Position) -> ClaimRecord | None:
    """The newest claim before the current one that takes another stance or puts the position in other
    words: what the actor's position changed from (None: it has not changed)."""
    claims = chain.from_iterable(run.claims for run in position.runs)
    newest = next(claims)
    for record in claims:
        claim = record.claim
        if claim.stance != newest.claim.stance:
            return record
        if claim.position and newest.claim.position and claim.position != newest.claim.position:
            return record
    return None


def grid_cell(index: Index, issue: Issue, actor: Actor) -> GridCell:
    """The actor's cell for the issue."""
    position = index.position_of(issue.id, actor.id)
    if position is None:
        return GridCell(issue, None)
    return GridCell(issue, position.current.claims[0], changed_from(position))


def grid_issues(index: Index) -> tuple[Issue, ...]:
    """The story file's `grid_issues`, else the issues with most positions."""
    story = index.content.story
    if story is not None and story.grid_issues:
        issues = {issue.id: issue for issue in index.content.issues}
        return tuple(issues[issue_id] for issue_id in story.grid_issues)
    return index.issues_ranked[:GRID_ISSUE_LIMIT]


def grid_actors(index: Index, issues: Sequence[Issue]) -> tuple[Actor, ...]:
    """The story file's `grid_actors` in its order, else the actors of the issues' positions tables (each
    actor with a side of their own, and those with an inherited side and a position), in registry order: at
    most `GRID_ACTOR_LIMIT`, those with most claims on the issues."""
    story = index.content.story
    if story is not None and story.grid_actors:
        return tuple(index.entities[actor_id] for actor_id in story.grid_actors)  # type: ignore[misc]
    found: dict[str, Actor] = {}
    claims: dict[str, int] = {}
    for issue in issues:
        for row in index.position_rows(issue.id)[0]:
            found.setdefault(row.actor.id, row.actor)
            claims[row.actor.id] = claims.get(row.actor.id, 0) + (
                row.position.claim_count if row.position else 0
            )
    order = index.actor_order
    chosen = sorted(found, key=lambda actor_id: (-claims[actor_id], order[actor_id]))[:GRID_ACTOR_LIMIT]
    return tuple(sorted((found[actor_id] for actor_id in chosen), key=lambda actor: order[actor.id]))


def _grouped(index: Index, actors: Iterable[Actor]) -> list[tuple[str | None, list[Actor]]]:
    """`actors` grouped by side, sides in the index's order, actors without one last; order kept within."""
    groups: dict[str | None, list[Actor]] = {side.name: [] for side in index.sides}
    for actor in actors:
        groups.setdefault(index.side_of.get(actor.id), []).append(actor)
    ordered = [(name, members) for name, members in groups.items() if name is not None and members]
    if groups.get(None):
        ordered.append((None, groups[None]))
    return ordered


def stance_grid(index: Index) -> StanceGrid | None:
    """The grid of the home page and the issues index; None if there is no issue or no actor to show."""
    issues = grid_issues(index)
    actors = grid_actors(index, issues)
    if not issues or not actors:
        return None
    sides = tuple(
        GridSide(
            name,
            tuple(
                GridRow(actor, tuple(grid_cell(index, issue, actor) for issue in issues)) for actor in members
            ),
        )
        for name, members in _grouped(index, actors)
    )
    return StanceGrid(issues, sides)
