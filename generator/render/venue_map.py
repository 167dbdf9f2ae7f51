"""The venues map drawn at build time: country outlines, a marker for each venue with an event, by status.

Pure functions from the index to a drawing: which venues are marked and how (`map_venues`), where the
outlines, markers and labels go (`venue_map`). The SVG is written by the template macro `draw_venue_map`.
Outlines come from Natural Earth's 1:110m countries shipped with the package (generator/render/data/, public
domain): the map loads nothing at view time. Every list is in a fixed order and every number is rounded by
the `coordinate` filter, so the same content gives the same bytes.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Literal

from generator.domain.model import EventStatus, Venue
from generator.domain.paths import entity_page_url
from generator.index import Index
from generator.render.pictures import Label, format_coordinate

MapStatus = Literal["held", "proposed", "declined"]
"""What a venue's marker shows: the furthest any event there got."""

MAP_STATUS_WORDS: dict[MapStatus, str] = {
    "held": "held",
    "proposed": "proposed or scheduled",
    "declined": "declined or cancelled",
}
"""The legend's words for each marker, strongest first (a venue shows the first that applies)."""

_MAP_STATUS_OF_EVENT: dict[EventStatus, MapStatus] = {
    "held": "held",
    "scheduled": "proposed",
    "proposed": "proposed",
    "declined": "declined",
    "cancelled": "declined",
}

MAP_WIDTH = 420
"""The viewBox width: at 390 px the picture is drawn at about 0.85 of its size, so labels stay readable."""
LABEL_SIZE = 14
"""Label font size in viewBox units (the stylesheet's `.venue-map .label`)."""
MARGIN_DEGREES = 3.0
MINIMUM_SPAN_DEGREES = (16.0, 10.0)
"""The smallest longitude and latitude spans shown: a lone venue still has countries around it."""
TALLEST = 0.9
"""The map is at most this many times as tall as it is wide: more longitude is shown instead."""
OUTLINE_STEP = 1.5
"""Outline points closer than this (viewBox units) to the previous one are dropped: no visible change."""
COUNTRIES_FILE = "countries-110m.json"


def venue_status(index: Index, venue_id: str) -> MapStatus | None:
    """The status a venue's marker shows: held if any event at it was held as of its latest report, else
    proposed (or scheduled), else declined (or cancelled); None when no reported event names it as its venue.

    The one place the map reads event status (each event's current status, from its lifecycle).
    """
    found = {
        _MAP_STATUS_OF_EVENT[record.status]
        for record in index.events_at(venue_id)
        if record.status is not None
    }
    return next((status for status in MAP_STATUS_WORDS if status in found), None)


@dataclass(frozen=True)
class Country:
    """A country's outline rings as (longitude, latitude) points, and a point to mark it by."""

    code: str | None
    name: str
    label: tuple[float, float]
    """(latitude, longitude) inside its largest part."""
    rings: tuple[tuple[tuple[float, float], ...], ...]


@functools.cache
def countries() -> tuple[Country, ...]:
    """Natural Earth's 1:110m countries (Antarctica left out), as shipped in generator/render/data/."""
    text = resources.files("generator.render").joinpath("data", COUNTRIES_FILE).read_text(encoding="utf-8")
    return tuple(
        Country(
            entry["code"],
            entry["name"],
            (entry["label"][1], entry["label"][0]),
            tuple(tuple(zip(ring[0::2], ring[1::2], strict=True)) for ring in entry["rings"]),
        )
        for entry in json.loads(text)["countries"]
    )


@functools.cache
def _country_points() -> dict[str, tuple[float, float]]:
    return {country.code: country.label for country in countries() if country.code}


@dataclass(frozen=True)
class MapVenue:
    """A venue with an event at it: its marker's status, and where it goes (None: no single point)."""

    venue: Venue
    status: MapStatus
    point: tuple[float, float] | None
    """(latitude, longitude): its coordinates, or for a country without them, a point inside its outline."""
    events: int


def map_venues(index: Index, limit: int) -> tuple[MapVenue, ...]:
    """Every venue that has an event at it, strongest status first, then most events, then registry order;
    at most `limit` of them."""
    found = []
    for venue in index.content.venues:
        status = venue_status(index, venue.id)
        if status is None:
            continue
        if venue.location is not None:
            point: tuple[float, float] | None = (venue.location.lat, venue.location.lon)
        elif venue.kind == "country" and venue.country is not None:
            point = _country_points().get(venue.country)
        else:
            point = None
        found.append(MapVenue(venue, status, point, len(index.events_at(venue.id))))
    rank = {status: order for order, status in enumerate(MAP_STATUS_WORDS)}
    found.sort(key=lambda mapped: (rank[mapped.status], -mapped.events))
    return tuple(found[:limit])


@dataclass(frozen=True)
class Marker:
    """A venue on the map: a link to its page (`url` from the site root) named `name` for screen readers."""

    x: float
    y: float
    status: MapStatus
    url: str
    name: str
    label: Label | None
    """None when every place for it would cover another label."""


@dataclass(frozen=True)
class VenueMap:
    """The map's size, accessible name and text alternative, country outlines (SVG path data) and markers."""

    width: int
    height: int
    title: str
    description: str
    outlines: tuple[str, ...]
    markers: tuple[Marker, ...]


Bounds = tuple[float, float, float, float]
"""West, south, east, north, in degrees."""


def venue_map(venues: Sequence[MapVenue]) -> VenueMap | None:
    """The marked venues on their region's country outlines. None when no venue has a point."""
    placed = [mapped for mapped in venues if mapped.point is not None]
    if not placed:
        return None
    west, south, east, north = _region([mapped.point for mapped in placed if mapped.point])
    squeeze = math.cos(math.radians((south + north) / 2))
    scale = MAP_WIDTH / ((east - west) * squeeze)
    height = math.ceil((north - south) * scale)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return round((lon - west) * squeeze * scale, 1), round((north - lat) * scale, 1)

    outlines = []
    for country in countries():
        rings = [_clip(ring, (west, south, east, north)) for ring in country.rings]
        path = "".join(_path([project(lon, lat) for lon, lat in ring]) for ring in rings if ring)
        if path:
            outlines.append(path)
    markers = _markers(placed, project, height)
    return VenueMap(
        MAP_WIDTH,
        height,
        "Where talks and meetings were held, proposed or declined",
        _description(venues, (west, south, east, north)),
        tuple(outlines),
        markers,
    )


def _region(points: Iterable[tuple[float, float]]) -> Bounds:
    """The venues' bounds with a margin, at least the minimum spans, whole degrees, never too tall."""
    latitudes, longitudes = zip(*points, strict=True)
    west, east = min(longitudes) - MARGIN_DEGREES * 1.5, max(longitudes) + MARGIN_DEGREES * 1.5
    south, north = min(latitudes) - MARGIN_DEGREES, max(latitudes) + MARGIN_DEGREES
    west, east = _widen(west, east, MINIMUM_SPAN_DEGREES[0], -180, 180)
    south, north = _widen(south, north, MINIMUM_SPAN_DEGREES[1], -85, 85)
    squeeze = math.cos(math.radians((south + north) / 2))
    west, east = _widen(west, east, (north - south) / squeeze / TALLEST, -180, 180)
    return math.floor(west), math.floor(south), math.ceil(east), math.ceil(north)


def _widen(low: float, high: float, span: float, floor: float, ceiling: float) -> tuple[float, float]:
    """(low, high) grown evenly to at least `span`, kept within (floor, ceiling)."""
    grow = max(0.0, span - (high - low)) / 2
    low, high = low - grow, high + grow
    if low < floor:
        low, high = floor, min(ceiling, high + floor - low)
    if high > ceiling:
        low, high = max(floor, low - (high - ceiling)), ceiling
    return low, high


def _clip(ring: Sequence[tuple[float, float]], bounds: Bounds) -> list[tuple[float, float]]:
    """The ring cut to the bounds (Sutherland-Hodgman, one edge of the rectangle at a time)."""
    west, south, east, north = bounds
    longitudes = [lon for lon, _ in ring]
    latitudes = [lat for _, lat in ring]
    if max(longitudes) < west or min(longitudes) > east or max(latitudes) < south or min(latitudes) > north:
        return []
    points = list(ring)
    for axis, limit, keep_below in ((0, west, False), (0, east, True), (1, south, False), (1, north, True)):
        if not points:
            break
        kept: list[tuple[float, float]] = []
        for start, end in zip(points[-1:] + points[:-1], points, strict=True):
            start_inside = (start[axis] <= limit) == keep_below or start[axis] == limit
            end_inside = (end[axis] <= limit) == keep_below or end[axis] == limit
            if end_inside != start_inside:
                share = (limit - start[axis]) / (end[axis] - start[axis])
                crossing = (start[0] + share * (end[0] - start[0]), start[1] + share * (end[1] - start[1]))
                kept.append((limit, crossing[1]) if axis == 0 else (crossing[0], limit))
            if end_inside:
                kept.append(end)
        points = kept
    return points


def _path(points: Sequence[tuple[float, float]]) -> str:
    """SVG path data for a closed ring, dropping points too close to the last one kept."""
    kept = [points[0]]
    for point in points[1:]:
        if math.dist(point, kept[-1]) >= OUTLINE_STEP:
            kept.append(point)
    if len(kept) < 3:
        return ""
    numbers = " ".join(f"{format_coordinate(x)} {format_coordinate(y)}" for x, y in kept)
    return f"M{numbers}Z"


def _markers(
    placed: Sequence[MapVenue], project: Callable[[float, float], tuple[float, float]], height: int
) -> tuple[Marker, ...]:
    """A marker per venue, labelled where its name covers no other label or marker and stays on the map."""
    positions = [project(mapped.point[1], mapped.point[0]) for mapped in placed if mapped.point]
    taken = [(x - 8, y - 8, x + 8, y + 8) for x, y in positions]
    markers = []
    for mapped, (x, y) in zip(placed, positions, strict=True):
        label = None
        width = 0.55 * LABEL_SIZE * len(mapped.venue.name)
        candidates = (
            (x + 11, y + 5, "start", (x + 10, y - 10, x + 12 + width, y + 8)),
            (x - 11, y + 5, "end", (x - 12 - width, y - 10, x - 10, y + 8)),
            (x, y - 12, "middle", (x - width / 2, y - 26, x + width / 2, y - 9)),
            (x, y + 22, "middle", (x - width / 2, y + 9, x + width / 2, y + 26)),
        )
        for label_x, label_y, anchor, box in candidates:
            inside = box[0] >= 0 and box[1] >= 0 and box[2] <= MAP_WIDTH and box[3] <= height
            if inside and not any(_overlap(box, other) for other in taken):
                label = Label(label_x, label_y, mapped.venue.name, anchor)
                taken.append(box)
                break
        url = entity_page_url("venue", mapped.venue.id)
        name = f"{mapped.venue.name}: {MAP_STATUS_WORDS[mapped.status]}"
        markers.append(Marker(x, y, mapped.status, url, name, label))
    return tuple(markers)


def _overlap(first: tuple[float, ...], second: tuple[float, ...]) -> bool:
    return first[0] < second[2] and second[0] < first[2] and first[1] < second[3] and second[1] < first[3]


def _description(venues: Sequence[MapVenue], bounds: Bounds) -> str:
    """The map in words: its region, and the venues under each status."""
    west, south, east, north = bounds
    parts = []
    for status, words in MAP_STATUS_WORDS.items():
        names = [mapped.venue.name for mapped in venues if mapped.status == status and mapped.point]
        if names:
            parts.append(f"{words}: {', '.join(names)}")
    unplaced = [mapped.venue.name for mapped in venues if mapped.point is None]
    region = f"{_degrees(west, 'E', 'W')} to {_degrees(east, 'E', 'W')}, {_degrees(south, 'N', 'S')} to "
    region += f"{_degrees(north, 'N', 'S')}"
    text = f"Country outlines from {region}, with a marker for each venue: {'; '.join(parts)}."
    if unplaced:
        text += f" Not on the map (no single point): {', '.join(unplaced)}."
    return text


def _degrees(value: float, positive: str, negative: str) -> str:
    return f"{abs(round(value))}°{positive if value >= 0 else negative}"
