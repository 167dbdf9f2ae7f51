"""Pictures drawn at build time as inline SVG: the actors' graph by side (the venues map: venue_map.py).

Pure functions from the index to drawings: who is shown and what joins them (`actor_graph`), where each
node, line and label goes (`relationship_graph`). The SVG itself is written by the template macro
`draw_actor_graph`. Coordinates are rounded to one decimal by the `coordinate` filter and every list is in
a fixed order, so the same content gives the same bytes.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass

from generator.domain.model import Actor
from generator.domain.names import NameFinder
from generator.domain.paths import entity_page_url
from generator.index import ClaimRecord, Index, Relation


def format_coordinate(value: float) -> str:
    """One decimal, no trailing `.0`, no `-0`: stable text for coordinates."""
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


@dataclass(frozen=True)
class Label:
    """A text on the picture, anchored at (x, y): `start`, `middle` or `end`."""

    x: float
    y: float
    text: str
    anchor: str
    css_class: str = "label"


NO_SIDE = "No side given"
"""The heading of the actors an editor has not put on a side (nor have they one through a relation)."""

GRAPH_WIDTH = 400
"""The viewBox width: at 390 px the picture is drawn at almost its own size, so labels stay readable."""
NODE_X = 150
"""The column of dots: lines bow out to its left, names are written to its right."""
ROW_HEIGHT = 26
LINE_HEIGHT = 15
"""A second line of a long name adds this much to its row."""
SIDE_HEADING_HEIGHT = 30
SIDE_GAP = 10
LEGEND_HEIGHT = 62
LABEL_CHARACTERS = 30
"""A name longer than this is written on two lines (the viewBox has room for about 32 at 13 px)."""
HEAVIEST = 5
"""Lines grow thicker with each claim up to this many (classes `w1` to `w5`), so no pair dominates."""


@dataclass(frozen=True)
class Exchange:
    """What one actor said about another: its claims that name them, and their claims it relayed (`via`)."""

    speaker: Actor
    other: Actor
    named: tuple[ClaimRecord, ...]
    """The speaker's claims whose text, position or quote names the other actor, oldest first."""
    relayed: tuple[ClaimRecord, ...]
    """The other actor's claims reported through the speaker, oldest first."""

    @property
    def count(self) -> int:
        """How many claims join them."""
        return len(self.named) + len(self.relayed)


@dataclass(frozen=True)
class GraphSide:
    """The actors of one side shown in the picture (`name` is `NO_SIDE` for those without one)."""

    name: str
    actors: tuple[Actor, ...]


@dataclass(frozen=True)
class ActorGraph:
    """Who the actors' picture shows, grouped by side, and what joins them."""

    sides: tuple[GraphSide, ...]
    exchanges: tuple[Exchange, ...]
    """In the order of the speakers, then of the actors spoken about, as shown."""
    relations: tuple[tuple[Actor, Relation], ...]
    """Relations (`leads`, `speaks for`, `part of`) between shown actors, as the actor declaring it has it."""


def actor_graph(index: Index, limit: int) -> ActorGraph | None:
    """The `limit` highest-ranked actors (those that have a side or made or relayed a claim first), grouped
    by side, and the claims that join them; an actor without a side is left out when nothing joins it.

    A claim joins its speaker to every shown actor its text, position or quote names (by name or alias as
    the registry writes them, `NameFinder`), except its own: two actors that lead, speak for or are part
    of the same actor (directly or through others), or one the other (Lavrov naming Russia, the Kremlin
    naming Putin), are joined by their relations instead. A claim reported `via` another actor joins the
    relayer to the speaker. Each claim counts once per pair, however many reports carry it. None when no
    actor is shown.
    """

    def speaks_or_has_a_side(actor: Actor) -> bool:
        speaks = bool(index.claims_made.get(actor.id)) or actor.id in index.claims_via
        return speaks or actor.id in index.side_of

    candidates = sorted(index.actors_ranked, key=lambda actor: not speaks_or_has_a_side(actor))  # stable
    shown = {actor.id: actor for actor in candidates[:limit]}

    @functools.cache
    def own(actor_id: str) -> frozenset[str]:
        """The actor and every actor it leads, speaks for or is part of, directly or through others."""
        found, waiting = {actor_id}, [actor_id]
        while waiting:
            for relation in index.relations_of(waiting.pop()):
                if relation.declared and relation.other.id not in found:
                    found.add(relation.other.id)
                    waiting.append(relation.other.id)
        return frozenset(found)

    finder = NameFinder((actor.id, (actor.name, *actor.aliases)) for actor in shown.values())
    named: dict[tuple[str, str], list[ClaimRecord]] = defaultdict(list)
    relayed: dict[tuple[str, str], list[ClaimRecord]] = defaultdict(list)
    for record in index.claims:
        claim = record.claim
        if claim.via in shown and claim.by in shown and claim.via != claim.by:
            relayed[(claim.via, claim.by)].append(record)
        if claim.by not in shown:
            continue
        text = "\n".join(part for part in (claim.text, claim.position, claim.quote) if part)
        for other in finder.ids(text):
            if not own(claim.by) & own(other):
                named[(claim.by, other)].append(record)
    relations = tuple(
        (actor, relation)
        for actor in shown.values()
        for relation in index.relations_of(actor.id)
        if relation.declared and relation.other.id in shown
    )
    joined = {actor_id for pair in (*named, *relayed) for actor_id in pair}
    joined |= {actor.id for pair in relations for actor in (pair[0], pair[1].other)}
    order = index.actor_order
    groups: dict[str, list[Actor]] = {side.name: [] for side in index.sides}
    for actor in sorted(shown.values(), key=lambda actor: order[actor.id]):
        side = index.side_of.get(actor.id)
        if side is not None or actor.id in joined:
            groups.setdefault(side or NO_SIDE, []).append(actor)
    if NO_SIDE in groups:
        groups[NO_SIDE] = groups.pop(NO_SIDE)  # last
    sides = tuple(GraphSide(name, tuple(actors)) for name, actors in groups.items() if actors)
    if not sides:
        return None
    place = {
        actor.id: number for number, actor in enumerate(actor for side in sides for actor in side.actors)
    }
    exchanges = [
        Exchange(shown[speaker], shown[other], tuple(named.get(pair, ())), tuple(relayed.get(pair, ())))
        for pair in {**named, **relayed}
        for speaker, other in [pair]
        if speaker in place and other in place
    ]
    exchanges.sort(key=lambda exchange: (place[exchange.speaker.id], place[exchange.other.id]))
    return ActorGraph(sides, tuple(exchanges), relations)


@dataclass(frozen=True)
class Node:
    """An actor on the picture: a dot and its name, a link to its page (`url` from the site root)."""

    x: float
    y: float
    url: str
    name: str
    labels: tuple[Label, ...]
    """One line, or two for a long name."""


@dataclass(frozen=True)
class Curve:
    """A line of the picture as SVG path data; its classes say how it is drawn (`said w3`, `relation`)."""

    path: str
    css_class: str


@dataclass(frozen=True)
class Band:
    """The shaded strip behind one side's actors, with the side's name at its top."""

    y: float
    height: float
    label: Label


@dataclass(frozen=True)
class GraphDrawing:
    """The picture's size, accessible name (`title`) and short description, and its shapes in drawing order:
    bands, the legend, curves, nodes (so dots and names stay on top)."""

    width: int
    height: int
    title: str
    description: str
    bands: tuple[Band, ...]
    legend: tuple[tuple[Curve, Label], ...]
    curves: tuple[Curve, ...]
    nodes: tuple[Node, ...]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _label_lines(name: str) -> tuple[str, ...]:
    """A name on one line, or on two split at the last space that keeps the first short enough."""
    if len(name) <= LABEL_CHARACTERS:
        return (name,)
    cut = name.rfind(" ", 0, LABEL_CHARACTERS + 1)
    return (name,) if cut <= 0 else (name[:cut], name[cut + 1 :])


def _arc(top: float, bottom: float, widest: float, farthest: float) -> str:
    """Half an ellipse from (NODE_X, top) to (NODE_X, bottom), bowing out to the left: the farther apart the
    two ends, the wider, `widest` for ends `farthest` apart, so lines between different pairs stay apart."""
    bulge = 8 + (widest - 8) * (bottom - top) / max(farthest, 1)
    x = format_coordinate(NODE_X)
    return (
        f"M{x} {format_coordinate(top)}A{format_coordinate(bulge)} {format_coordinate((bottom - top) / 2)} "
        f"0 0 0 {x} {format_coordinate(bottom)}"
    )


def relationship_graph(graph: ActorGraph | None) -> GraphDrawing | None:
    """The actors in a column, grouped by side under the side's name, each a link to its page; a line bows
    out to the left between two actors for the claims that join them, either way (thicker for more, class
    `w1` to `w5`), and, dashed, for their relations. None when there is nothing to draw."""
    if graph is None:
        return None
    legend = (
        (
            Curve("M8 18H52", "said w3"),
            Label(62, 23, "spoke about the other, or relayed them", "start", "legend-label"),
        ),
        (
            Curve("M8 44H52", "relation"),
            Label(62, 49, "leads, speaks for or is part of", "start", "legend-label"),
        ),
    )
    bands, nodes = [], []
    y: float = LEGEND_HEIGHT
    where: dict[str, float] = {}
    for side in graph.sides:
        top = y
        y += SIDE_HEADING_HEIGHT
        for actor in side.actors:
            lines = _label_lines(actor.name)
            centre = y + ROW_HEIGHT / 2
            where[actor.id] = centre
            labels = tuple(
                Label(NODE_X + 14, centre + 5 + LINE_HEIGHT * number, line, "start")
                for number, line in enumerate(lines)
            )
            nodes.append(Node(NODE_X, centre, entity_page_url("actor", actor.id), actor.name, labels))
            y += ROW_HEIGHT + LINE_HEIGHT * (len(lines) - 1)
        bands.append(Band(top, y - top, Label(NODE_X + 14, top + 20, side.name, "start", "side-label")))
        y += SIDE_GAP
    curves = []
    farthest = max(where.values()) - min(where.values())
    for actor, relation in graph.relations:
        top, bottom = sorted((where[actor.id], where[relation.other.id]))
        curves.append(Curve(_arc(top, bottom, NODE_X / 3, farthest), "relation"))
    pairs: dict[tuple[str, str], list[Exchange]] = defaultdict(list)
    for exchange in graph.exchanges:
        pairs[tuple(sorted((exchange.speaker.id, exchange.other.id), key=where.__getitem__))].append(exchange)
    for (upper, lower), exchanges in pairs.items():
        count = sum(exchange.count for exchange in exchanges)
        curves.append(
            Curve(_arc(where[upper], where[lower], NODE_X - 12, farthest), f"said w{min(count, HEAVIEST)}")
        )
    actors = len(nodes)
    claims = len(
        {record.claim.id for exchange in graph.exchanges for record in (*exchange.named, *exchange.relayed)}
    )
    description = (
        f"{_count(actors, 'actor')} in {_count(len(graph.sides), 'group')} by side; "
        f"{_count(len(pairs), 'pair')} of actors joined by {_count(claims, 'claim')} in which one names or "
        f"relays the other; {_count(len(graph.relations), 'relation')} (leads, speaks for, part of). "
        "The list below says the same."
    )
    return GraphDrawing(
        GRAPH_WIDTH,
        round(y),
        "Sides, and who said what about whom",
        description,
        tuple(bands),
        legend,
        tuple(curves),
        tuple(nodes),
    )
