"""Pictures drawn at build time as inline SVG: the actors' relationship graph and the venues map.

Pure functions from the index to drawings: where each line, dot and label goes, and the words that describe
the picture. The SVG itself is written by the template macros `draw_graph` and `draw_map`. Coordinates are
rounded to one decimal by the `coordinate` filter and every list is in a fixed order, so the same content
gives the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from generator.domain.model import Actor, Venue
from generator.index import ActorLink

GRAPH_WIDTH = 720
GRAPH_HEIGHT = 560
MAP_WIDTH = 720
MAP_PADDING_DEGREES = 4.0
GRATICULE_DEGREES = 10


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

    `name` prefixes the ids of the title and description (`graph-title`); `grid` holds a map's graticule,
    each line with its label; `lines` are drawn before `dots`, so the dots stay on top.
    """

    name: str
    width: int
    height: int
    title: str
    description: str
    lines: tuple[Line, ...] = ()
    dots: tuple[Dot, ...] = ()
    grid: tuple[tuple[Line, Label], ...] = ()
    background: str | None = None
    """The class of a rectangle under everything (the map's sea), or None."""


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


def venue_map(venues: Sequence[Venue]) -> Drawing | None:
    """The venues with coordinates on a plain longitude/latitude grid, each dot labelled with its name.

    Equirectangular, scaled by the cosine of the middle latitude so distances look right near the venues.
    None when no venue has coordinates.
    """
    located = [venue for venue in venues if venue.location is not None]
    if not located:
        return None
    lats = [venue.location.lat for venue in located]  # type: ignore[union-attr]
    lons = [venue.location.lon for venue in located]  # type: ignore[union-attr]
    south = max(-90.0, math.floor((min(lats) - MAP_PADDING_DEGREES) / 5) * 5)
    north = min(90.0, math.ceil((max(lats) + MAP_PADDING_DEGREES) / 5) * 5)
    west = max(-180.0, math.floor((min(lons) - MAP_PADDING_DEGREES * 2) / 5) * 5)
    east = min(180.0, math.ceil((max(lons) + MAP_PADDING_DEGREES * 2) / 5) * 5)
    squeeze = math.cos(math.radians((south + north) / 2))
    scale = MAP_WIDTH / ((east - west) * squeeze)
    height = round((north - south) * scale)

    def project(lat: float, lon: float) -> tuple[float, float]:
        return (lon - west) * squeeze * scale, (north - lat) * scale

    grid = []
    for lon in _grid_lines(west, east):
        x, _ = project(north, lon)
        label = Label(x + 3, height - 6, f"{abs(lon)}°{'E' if lon >= 0 else 'W'}", "start", "grid-label")
        grid.append((Line(x, 0, x, height, "grid"), label))
    for lat in _grid_lines(south, north):
        _, y = project(lat, west)
        label = Label(4, y - 4, f"{abs(lat)}°{'N' if lat >= 0 else 'S'}", "start", "grid-label")
        grid.append((Line(0, y, MAP_WIDTH, y, "grid"), label))
    dots = []
    for venue in sorted(located, key=lambda venue: (-venue.location.lat, venue.id)):  # type: ignore[union-attr]
        x, y = project(venue.location.lat, venue.location.lon)  # type: ignore[union-attr]
        anchor = "end" if x > MAP_WIDTH * 0.7 else "start"
        dots.append(
            Dot(x, y, 6, "venue", Label(x + (-10 if anchor == "end" else 10), y + 5, venue.name, anchor))
        )
    names = ", ".join(venue.name for venue in located)
    description = f"A longitude and latitude grid with a labelled dot for each venue: {names}."
    return Drawing(
        "map",
        MAP_WIDTH,
        height,
        "Where the venues are",
        description,
        dots=tuple(dots),
        grid=tuple(grid),
        background="sea",
    )


def _grid_lines(low: float, high: float) -> range:
    """Whole multiples of the graticule step strictly inside (low, high)."""
    return range(
        math.floor(low / GRATICULE_DEGREES + 1) * GRATICULE_DEGREES, math.ceil(high), GRATICULE_DEGREES
    )
