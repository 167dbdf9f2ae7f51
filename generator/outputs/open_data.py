"""Open data: the whole annotated dataset as JSON and CSV files under `data/`, as deterministic bytes."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from typing import Any

from generator.domain.kinds import ENTITY_KINDS, KIND_OF_REGISTRY
from generator.domain.model import Actor, Entity, Issue, Venue
from generator.domain.paths import article_page_url, entity_page_url
from generator.index import Index

DATA_FOLDER = "data"
RECORD_TABLES = ("articles", "claims")
"""The tables of what articles report, after one table per registry (`events` is a registry's table, with
each event's lifecycle: the status every report gives it)."""
TABLES = (*(kind.registry for kind in ENTITY_KINDS), *RECORD_TABLES)
"""The tables, each written as `data/<table>.json` and `data/<table>.csv`."""

_LIST_SEPARATOR = ";"

FORMULA_STARTS = frozenset("=+-@\t\r\0")
"""A spreadsheet reads a cell that starts with one of these as a formula (OWASP "CSV Injection"; the tab,
carriage return and NUL as in ASVS 1.2.10): `=HYPERLINK(...)` in a claim would run on a reader's machine."""


def neutralise_cell(text: str) -> str:
    """`text` as a CSV cell a spreadsheet shows as text: a `'` before a formula start, as OWASP advises."""
    return "'" + text if text[:1] in FORMULA_STARTS else text


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


def _actor_row(actor: Actor) -> dict[str, Any]:
    return _place_or_actor_row(
        actor,
        role=actor.role,
        country=actor.country,
        side=actor.side,
        leads=list(actor.leads),
        speaks_for=list(actor.speaks_for),
        part_of=list(actor.part_of),
    )


def _venue_row(venue: Venue) -> dict[str, Any]:
    return _place_or_actor_row(
        venue,
        country=venue.country,
        lat=venue.location.lat if venue.location else None,
        lon=venue.location.lon if venue.location else None,
    )


def _issue_row(issue: Issue) -> dict[str, Any]:
    return {
        "id": issue.id,
        "title": issue.title,
        "question": issue.question,
        "parent": issue.parent,
        "aliases": list(issue.aliases),
        "summary": issue.summary,
        "explainer": issue.explainer,
        "sources": list(issue.sources),
    }


def _entity_row(entity: Entity) -> dict[str, Any]:
    """Any entry's fields in model order, for a kind without a column order of its own."""
    return entity.model_dump(mode="json")


_ENTITY_ROW: dict[type[Entity], Callable[[Any], dict[str, Any]]] = {
    Actor: _actor_row,
    Venue: _venue_row,
    Issue: _issue_row,
}
"""The published column order of each kind's table (CSV headers are a contract with the data's readers)."""


def _entity_rows(index: Index, table: str) -> list[dict[str, Any]]:
    kind = KIND_OF_REGISTRY[table]
    row = _ENTITY_ROW.get(kind.model, _entity_row)
    return [row(entity) for entity in index.content.entities_of(kind)]


def _article_rows(index: Index) -> list[dict[str, Any]]:
    return [
        {
            "slug": article.slug,
            "url": article_page_url(article.slug),
            "title": article.title,
            "date": article.front.date.isoformat(),
            "publisher": article.front.source.publisher,
            "source_url": article.front.source.url,
            "summary": " ".join(article.front.summary.split()),
            "issues": list(article.front.issues),
            "entities": list(index.entities_by_article[article.slug]),
        }
        for article in index.content.articles
    ]


def _event_rows(index: Index) -> list[dict[str, Any]]:
    """The events registry in registry order, each with its lifecycle: `reports`, `report_dates` and
    `statuses` are parallel lists, oldest report first; `status` is the latest report's."""
    rows = []
    for event in index.content.events:
        record = index.event_records[event.id]
        rows.append(
            {
                "id": event.id,
                "url": entity_page_url("event", event.id),
                "title": event.title,
                "kind": event.kind,
                "date": event.date.isoformat() if event.date else None,
                "end": event.end.isoformat() if event.end else None,
                "status": record.status,
                "venue": event.venue,
                "actors": list(event.actors),
                "issues": list(event.issues),
                "reports": [report.article.slug for report in record.reports],
                "report_dates": [report.date.isoformat() for report in record.reports],
                "statuses": [report.status for report in record.reports],
                "reopened": [report.article.slug for report in record.reports if report.reopened],
                "aliases": list(event.aliases),
                "summary": index.summary_of(event).text,
                "sources": list(event.sources),
            }
        )
    return rows


def _claim_rows(index: Index) -> list[dict[str, Any]]:
    return [
        {
            "article": record.article.slug,
            "id": record.claim.id,
            "url": f"{article_page_url(record.article.slug)}#{record.anchor}",
            "date": record.said.written,
            "latest_date": record.date.isoformat(),
            "reports": [article.slug for article in record.reports],
            "by": record.claim.by,
            "via": record.claim.via,
            "kind": record.claim.kind,
            "stance": record.claim.stance,
            "position": record.claim.position,
            "conditions": list(record.claim.conditions),
            "issues": list(record.claim.issues),
            "text": record.claim.text,
            "quote": record.claim.quote,
            "event": record.claim.event,
            "venue": record.claim.venue,
            "sources": list(record.claim.sources),
        }
        for record in index.claims
    ]


_RECORD_ROWS: dict[str, Callable[[Index], list[dict[str, Any]]]] = {
    "articles": _article_rows,
    "events": _event_rows,
    "claims": _claim_rows,
}
"""How each record table's rows are built, in the order of `RECORD_TABLES`."""


_ENCODER = json.JSONEncoder(ensure_ascii=False)
"""Compact, so the C encoder writes it (`indent` would select the pure-Python one: seconds at 10,000)."""


def _table_json(rows: list[dict[str, Any]]) -> str:
    """A table as a JSON array with one record per line: greppable and diffable, and quick to write."""
    if not rows:
        return "[]"
    return "[\n" + ",\n".join(map(_ENCODER.encode, rows)) + "\n]"


def _csv_bytes(rows: list[dict[str, Any]]) -> bytes:
    """One row per record; lists joined with `;`, missing values empty (the csv module writes None so).

    Text a spreadsheet would run as a formula gets a leading `'` (`neutralise_cell`), and so does each item
    of a list (a spreadsheet's "text to columns" makes cells of them). Numbers stay numbers: a longitude of
    -20.25 is data, and a number Python writes is never a formula.
    """
    if not rows:
        return b""
    fields = list(rows[0])
    # Every row of a table is built by the same code: a field holds a list in all rows or in none.
    lists = [number for number, field in enumerate(fields) if isinstance(rows[0][field], list)]
    starts = FORMULA_STARTS
    values = []
    for row in rows:
        # `neutralise_cell`, written out: this runs for every cell of every table.
        cells = [
            "'" + value if type(value) is str and value[:1] in starts else value
            for value in map(row.__getitem__, fields)
        ]
        for number in lists:
            cells[number] = _LIST_SEPARATOR.join(map(neutralise_cell, cells[number]))
        values.append(cells)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    writer.writerows(values)
    return buffer.getvalue().encode("utf-8")


def iter_open_data(index: Index) -> Iterator[tuple[str, bytes]]:
    """`data/<table>.json` and `.csv` for every table, then `data/dataset.json` with all tables together.

    One table's rows exist at a time: at 10,000 articles the tables are hundreds of megabytes of objects.
    """
    texts: dict[str, str] = {}
    for name in TABLES:
        rows = _RECORD_ROWS[name](index) if name in _RECORD_ROWS else _entity_rows(index, name)
        texts[name] = _table_json(rows)
        yield f"{DATA_FOLDER}/{name}.json", (texts[name] + "\n").encode()
        yield f"{DATA_FOLDER}/{name}.csv", _csv_bytes(rows)
        del rows
    dataset = ",\n".join(f"{_ENCODER.encode(name)}: {texts[name]}" for name in TABLES)
    yield f"{DATA_FOLDER}/dataset.json", f"{{\n{dataset}\n}}\n".encode()


def build_open_data(index: Index) -> dict[str, bytes]:
    """Every open-data file by path, in sorted order (see `iter_open_data`)."""
    return dict(sorted(iter_open_data(index)))
