"""Pictures drawn at build time as inline SVG: the actors' relationship graph and the venues map.

Pure functions from the index to SVG text. Names are SVG `<text>` (escaped for XML), numbers are rounded
to one decimal, and every list is iterated in a fixed order, so the same content gives the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

from generator.domain.model import Actor, Venue
from generator.index import ActorLink

GRAPH_WIDTH = 720
GRAPH_HEIGHT = 560
MAP_WIDTH = 720
MAP_PADDING_DEGREES = 4.0
GRATICULE_DEGREES = 10


def _number(value: float) -> str:
    """One decimal, no trailing `.0`, no `-0`: stable text for coordinates."""
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _svg(width: int, height: int, title: str, description: str, name: str, body: Iterable[str]) -> str:
    """An accessible SVG element: role img, named by its title and described by its description."""
    return "".join(
        [
            f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" ',
            f'role="img" aria-labelledby="{name}-title {name}-desc" xmlns="http://www.w3.org/2000/svg">',
            f'<title id="{name}-title">{escape(title)}</title>',
            f'<desc id="{name}-desc">{escape(description)}</desc>',
            *body,
            "</svg>",
        ]
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _label(x: float, y: float, text: str, anchor: str, css_class: str = "label") -> str:
    return (
        f'<text class="{css_class}" x="{_number(x)}" y="{_number(y)}" text-anchor="{anchor}">'
        f"{escape(text)}</text>"
    )


def relationship_graph(links: Sequence[ActorLink]) -> str:
    """Actors on a circle, a line for every pair that shared a call, meeting or talks.

    A solid line means at least one shared event was held; a dashed one that it was only proposed,
    scheduled, declined or cancelled. Returns "" when no actors are linked.
    """
    actors: dict[str, Actor] = {}
    for link in links:
        actors.setdefault(link.first.id, link.first)
        actors.setdefault(link.second.id, link.second)
    if not actors:
        return ""
    centre_x, centre_y = GRAPH_WIDTH / 2, GRAPH_HEIGHT / 2
    radius = min(centre_x, centre_y) - 70
    points: dict[str, tuple[float, float]] = {}
    for order, actor_id in enumerate(actors):
        angle = -math.pi / 2 + 2 * math.pi * order / len(actors)
        points[actor_id] = (centre_x + radius * math.cos(angle), centre_y + radius * math.sin(angle))
    body = []
    for link in links:
        (x1, y1), (x2, y2) = points[link.first.id], points[link.second.id]
        style = "link held" if link.held else "link not-held"
        weight = min(len(link.events), 4)
        body.append(
            f'<line class="{style}" x1="{_number(x1)}" y1="{_number(y1)}" x2="{_number(x2)}" '
            f'y2="{_number(y2)}" stroke-width="{weight}"/>'
        )
    for actor_id, actor in actors.items():
        x, y = points[actor_id]
        dx, dy = x - centre_x, y - centre_y
        anchor = "middle" if abs(dx) < 20 else ("start" if dx > 0 else "end")
        label_x = x + (10 if anchor == "start" else -10 if anchor == "end" else 0)
        label_y = y + (22 if dy > 20 else -12 if dy < -20 else 5)
        body.append(f'<circle class="node" cx="{_number(x)}" cy="{_number(y)}" r="7"/>')
        body.append(_label(label_x, label_y, actor.name, anchor))
    held = sum(link.held for link in links)
    description = (
        f"{_count(len(actors), 'actor')} joined by {_count(len(links), 'line')}, one for each pair who took "
        f"part in the same call, meeting or talks; {_count(held, 'solid line')} for events held, "
        f"{_count(len(links) - held, 'dashed line')} for events only proposed, scheduled, declined "
        "or cancelled."
    )
    return _svg(GRAPH_WIDTH, GRAPH_HEIGHT, "Who met, called or talked with whom", description, "graph", body)


def venue_map(venues: Sequence[Venue]) -> str:
    """The venues with coordinates on a plain longitude/latitude grid, each dot labelled with its name.

    Equirectangular, scaled by the cosine of the middle latitude so distances look right near the venues.
    Returns "" when no venue has coordinates.
    """
    located = [venue for venue in venues if venue.location is not None]
    if not located:
        return ""
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

    body = [f'<rect class="sea" x="0" y="0" width="{MAP_WIDTH}" height="{height}"/>']
    for lon in _grid_lines(west, east):
        x, _ = project(north, lon)
        body.append(f'<line class="grid" x1="{_number(x)}" y1="0" x2="{_number(x)}" y2="{height}"/>')
        body.append(
            _label(x + 3, height - 6, f"{abs(lon)}°{'E' if lon >= 0 else 'W'}", "start", "grid-label")
        )
    for lat in _grid_lines(south, north):
        _, y = project(lat, west)
        body.append(f'<line class="grid" x1="0" y1="{_number(y)}" x2="{MAP_WIDTH}" y2="{_number(y)}"/>')
        body.append(_label(4, y - 4, f"{abs(lat)}°{'N' if lat >= 0 else 'S'}", "start", "grid-label"))
    for venue in sorted(located, key=lambda venue: (-venue.location.lat, venue.id)):  # type: ignore[union-attr]
        x, y = project(venue.location.lat, venue.location.lon)  # type: ignore[union-attr]
        anchor = "end" if x > MAP_WIDTH * 0.7 else "start"
        body.append(f'<circle class="venue" cx="{_number(x)}" cy="{_number(y)}" r="6"/>')
        body.append(_label(x + (-10 if anchor == "end" else 10), y + 5, venue.name, anchor))
    names = ", ".join(venue.name for venue in located)
    description = f"A longitude and latitude grid with a labelled dot for each venue: {names}."
    return _svg(MAP_WIDTH, height, "Where the venues are", description, "map", body)


def _grid_lines(low: float, high: float) -> range:
    """Whole multiples of the graticule step strictly inside (low, high)."""
    return range(
        math.floor(low / GRATICULE_DEGREES + 1) * GRATICULE_DEGREES, math.ceil(high), GRATICULE_DEGREES
    )
