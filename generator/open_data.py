"""Open data: the whole annotated dataset as JSON and CSV files under `data/`, as deterministic bytes."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from generator.index import Index
from generator.model import Actor, Venue

DATA_FOLDER = "data"
TABLES = ("actors", "venues", "issues", "articles", "events", "claims")
"""The tables, each written as `data/<table>.json` and `data/<table>.csv`."""

_LIST_SEPARATOR = ";"


def _place_or_actor_row(entity: Actor | Venue, **specific: Any) -> dict[str, Any]:
    """The fields actors and venues share, with the kind-specific ones after `kind`."""
    return {
        "id": entity.id,
        "name": entity.name,
        "kind": entity.kind,
        **specific,
        "aliases": list(entity.aliases),
        "wikidata": entity.wikidata,
        "summary": entity.summary,
        "sources": list(entity.sources),
    }


def _rows(index: Index) -> dict[str, list[dict[str, Any]]]:
    content = index.content
    actors = [_place_or_actor_row(actor, role=actor.role, country=actor.country) for actor in content.actors]
    venues = [
        _place_or_actor_row(
            venue,
            country=venue.country,
            lat=venue.location.lat if venue.location else None,
            lon=venue.location.lon if venue.location else None,
        )
        for venue in content.venues
    ]
    issues = [
        {
            "id": issue.id,
            "title": issue.title,
            "parent": issue.parent,
            "aliases": list(issue.aliases),
            "summary": issue.summary,
            "explainer": issue.explainer,
            "sources": list(issue.sources),
        }
        for issue in content.issues
    ]
    articles = [
        {
            "slug": article.slug,
            "url": f"articles/{article.slug}/",
            "title": article.title,
            "date": article.front.date.isoformat(),
            "publisher": article.front.source.publisher,
            "source_url": article.front.source.url,
            "summary": " ".join(article.front.summary.split()),
            "issues": list(article.front.issues),
            "entities": list(index.entities_by_article[article.slug]),
        }
        for article in content.articles
    ]
    events = [
        {
            "article": record.article.slug,
            "id": record.event.id,
            "url": f"articles/{record.article.slug}/#{record.anchor}",
            "date": record.event.date.isoformat(),
            "title": record.event.title,
            "kind": record.event.kind,
            "status": record.event.status,
            "venue": record.event.venue,
            "actors": list(record.event.actors),
            "issues": list(record.event.issues),
            "sources": list(record.event.sources),
        }
        for record in index.events
    ]
    claims = [
        {
            "article": record.article.slug,
            "id": record.claim.id,
            "url": f"articles/{record.article.slug}/#{record.anchor}",
            "date": record.date.isoformat(),
            "by": record.claim.by,
            "via": record.claim.via,
            "kind": record.claim.kind,
            "stance": record.claim.stance,
            "issues": list(record.claim.issues),
            "text": record.claim.text,
            "quote": record.claim.quote,
            "event": record.claim.event,
            "venue": record.claim.venue,
            "sources": list(record.claim.sources),
        }
        for record in index.claims
    ]
    return {
        "actors": actors,
        "venues": venues,
        "issues": issues,
        "articles": articles,
        "events": events,
        "claims": claims,
    }


def _json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _csv_bytes(rows: list[dict[str, Any]]) -> bytes:
    """One row per record; lists joined with `;`, missing values empty."""
    if not rows:
        return b""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                key: _LIST_SEPARATOR.join(value)
                if isinstance(value, list)
                else ("" if value is None else value)
                for key, value in row.items()
            }
        )
    return buffer.getvalue().encode("utf-8")


def build_open_data(index: Index) -> dict[str, bytes]:
    """`data/<table>.json` and `.csv` for every table, and `data/dataset.json` with all tables together."""
    tables = _rows(index)
    files = {f"{DATA_FOLDER}/dataset.json": _json_bytes(tables)}
    for name in TABLES:
        files[f"{DATA_FOLDER}/{name}.json"] = _json_bytes(tables[name])
        files[f"{DATA_FOLDER}/{name}.csv"] = _csv_bytes(tables[name])
    return {path: files[path] for path in sorted(files)}
