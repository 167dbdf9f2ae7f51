"""Pictures drawn at build time as inline SVG: the actors' relationship graph (the venues map: venue_map.py).

Pure functions from the index to drawings: where each line, dot and label goes, and the words that describe
the picture. The SVG itself is written by the template macro `draw_svg`. Coordinates are
rounded to one decimal by the `coordinate` filter and every list is in a fixed order, so the same content
gives the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from generator.domain.model import Actor
from generator.index import ActorLink

GRAPH_WIDTH = 720
GRAPH_HEIGHT = 560


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


@dataclass(frozen=True)
class Line:
    """A straight line from (x1, y1) to (x2, y2)."""

    x1: float
    y1: float
    x2: float
    y2: float
    css_class: str
    weight: int | None = None


@dataclass(frozen=True)
class Dot:
    """A labelled circle of radius `r` at (x, y)."""

    x: float
    y: float
    r: int
    css_class: str
    label: Label


@dataclass(frozen=True)
class Drawing:
    """A picture's size, its accessible name (`title`) and text alternative (`description`), and its shapes.

    `name` prefixes the ids of the title and description (`graph-title`); `lines` are drawn before `dots`,
    so the dots stay on top.
    """

    name: str
    width: int
    height: int
    title: str
    description: str
    lines: tuple[Line, ...] = ()
    dots: tuple[Dot, ...] = ()


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def relationship_graph(links: Sequence[ActorLink]) -> Drawing | None:
    """Actors on a circle, a line for every pair that shared a call, meeting or talks.

    A solid line means at least one shared event was held; a dashed one that it was only proposed,
    scheduled, declined or cancelled. None when no actors are linked.
    """
    actors: dict[str, Actor] = {}
    for link in links:
        actors.setdefault(link.first.id, link.first)
        actors.setdefault(link.second.id, link.second)
    if not actors:
        return None
    centre_x, centre_y = GRAPH_WIDTH / 2, GRAPH_HEIGHT / 2
    radius = min(centre_x, centre_y) - 70
    points: dict[str, tuple[float, float]] = {}
    for order, actor_id in enumerate(actors):
        angle = -math.pi / 2 + 2 * math.pi * order / len(actors)
        points[actor_id] = (centre_x + radius * math.cos(angle), centre_y + radius * math.sin(angle))
    lines = []
    for link in links:
        (x1, y1), (x2, y2) = points[link.first.id], points[link.second.id]
        style = "link held" if link.held else "link not-held"
        lines.append(Line(x1, y1, x2, y2, style, weight=min(len(link.events), 4)))
    dots = []
    for actor_id, actor in actors.items():
        x, y = points[actor_id]
        dx, dy = x - centre_x, y - centre_y
        anchor = "middle" if abs(dx) < 20 else ("start" if dx > 0 else "end")
        label_x = x + (10 if anchor == "start" else -10 if anchor == "end" else 0)
        label_y = y + (22 if dy > 20 else -12 if dy < -20 else 5)
        dots.append(Dot(x, y, 7, "node", Label(label_x, label_y, actor.name, anchor)))
    held = sum(link.held for link in links)
    description = (
        f"{_count(len(actors), 'actor')} joined by {_count(len(links), 'line')}, one for each pair who took "
        f"part in the same call, meeting or talks; {_count(held, 'solid line')} for events held, "
        f"{_count(len(links) - held, 'dashed line')} for events only proposed, scheduled, declined "
        "or cancelled."
    )
    title = "Who met, called or talked with whom"
    return Drawing("graph", GRAPH_WIDTH, GRAPH_HEIGHT, title, description, tuple(lines), tuple(dots))
