"""`newsgen migrate`: rewrite content written for model v1.2 as v2, in place, keeping comments and order.

What changes (docs/CONTENT_MODEL.md, "Changes from v1.2"): each event an article defines moves to
`content/events.yml` (one entry per id; identical definitions in several articles become one, differing ones
are reported and nothing is written), and the article keeps `{id, status}`; a claim with neither `date` nor
`event`, which v1.2 dated by its article, gets that date written out, marked `# TODO check when this was
said` (so `newsgen check --strict` fails until someone has looked); claim ids used by several articles (v2
wants them unique across the story) are reported. Files are rewritten, never deleted; round-trip YAML
(ruamel.yaml) keeps comments, key order, quotes and flow lists.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from generator.check.legacy import DEFINITION_FIELDS
from generator.domain.paths import ARTICLE_EXTENSION
from generator.load.loader import SourceFile, YamlProblem, split_front_matter
from generator.tools.schema import schema_comment

TODO_CLAIM_DATE = "TODO check when this was said"
"""The comment beside each claim date the migration writes: v1.2 dated the claim by its article."""

EVENTS_HEADER = (
    f"{schema_comment('events')}\n"
    "# Events: one entry per real event, shared by every report that tells of it (content model v2).\n"
    "# Each article lists the events it reports as {id, status}: the status as of that report.\n"
)


class MigrationError(Exception):
    """The content cannot be migrated as it is; the message says why and what to do."""


@dataclass
class ArticleChange:
    """What the migration changes in one article."""

    path: Path
    text: str
    """The article's new text."""
    moved_events: list[str] = field(default_factory=list)
    dated_claims: list[str] = field(default_factory=list)
    added_issues: list[str] = field(default_factory=list)
    """Issues its claims or events are about that its `issues` did not list (v2 wants them all)."""


@dataclass
class Migration:
    """Everything `newsgen migrate` would write, and what it found that a person must decide."""

    content_dir: Path
    articles: list[ArticleChange] = field(default_factory=list)
    events_text: str | None = None
    """The new text of `content/events.yml`, if it changes."""
    new_events: list[str] = field(default_factory=list)
    merged_events: list[str] = field(default_factory=list)
    """Event ids defined identically in several articles, written once."""
    to_do: list[str] = field(default_factory=list)
    """What a person must decide, one line each: claim ids written in several articles, claims dated off
    the day of the event they name."""

    @property
    def events_path(self) -> Path:
        """`content/events.yml`."""
        return self.content_dir / "events.yml"

    def describe(self, root: Path) -> list[str]:
        """What the migration changes, one line each, paths shown relative to `root` where possible."""
        lines = []
        for change in self.articles:
            parts = []
            if change.moved_events:
                parts.append(
                    f"events {', '.join(change.moved_events)} moved to events.yml, {{id, status}} kept"
                )
            if change.dated_claims:
                parts.append(
                    f"claims {', '.join(change.dated_claims)} dated by the article, marked "
                    f"'{TODO_CLAIM_DATE}'"
                )
            if change.added_issues:
                parts.append(f"issues {', '.join(change.added_issues)} added to its `issues`")
            lines.append(f"{_shown(change.path, root)}: {'; '.join(parts)}")
        if self.events_text is not None:
            action = "added to" if self.events_path.exists() else "created with"
            lines.append(f"{_shown(self.events_path, root)}: {action} {len(self.new_events)} events")
        for event_id in self.merged_events:
            lines.append(f"event '{event_id}': defined the same way in several articles, written once")
        return lines


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _yaml(*, registry: bool = False) -> YAML:
    """Round-trip YAML written as content is: `events:\n  - id: x` in articles, `- id: x` in registries."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the contributor wrote on one
    if registry:
        yaml.indent(mapping=2, sequence=2, offset=0)
    else:
        yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _dump(yaml: YAML, data: Any) -> str:
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


@dataclass
class _Definition:
    event_id: str
    fields: CommentedMap
    """The event as v2 writes it in events.yml: the article's entry without its status."""
    first_path: Path
    count: int = 1
    """How many articles define it (the same way)."""


def plan_migration(content_dir: Path) -> Migration:
    """Work out the migration of `content_dir`; write nothing.

    Raises `MigrationError` if the content is v2 already, or has event definitions that disagree.
    """
    yaml = _yaml()
    migration = Migration(content_dir)
    articles = sorted((content_dir / "articles").rglob(f"*{ARTICLE_EXTENSION}"))
    existing = _existing_events(yaml, migration.events_path)
    definitions: dict[str, _Definition] = {}
    conflicts: list[str] = []
    claim_places: dict[str, list[Path]] = {}
    at_events: list[tuple[Path, str, datetime.date, str]] = []
    for path in articles:
        change = _migrate_article(yaml, path, definitions, existing, conflicts)
        for claim_id in change.claim_ids:
            claim_places.setdefault(claim_id, []).append(path)
        at_events += [(path, *claim) for claim in change.claims_at_events]
        if change.moved_events or change.dated_claims or change.added_issues:
            migration.articles.append(
                ArticleChange(
                    path, change.text, change.moved_events, change.dated_claims, change.added_issues
                )
            )
    if conflicts:
        raise MigrationError(
            "\n".join([*conflicts, "nothing written: make the definitions agree, then run again"])
        )
    written_for_v2 = migration.events_path.exists() and not any(
        change.moved_events for change in migration.articles
    )
    if written_for_v2 or not migration.articles:
        raise MigrationError(
            f"{content_dir} is written for content model v2 already (it has events.yml and no article "
            "defines an event): nothing to migrate; `newsgen check` says what to correct"
        )
    root = content_dir.resolve().parent
    for claim_id, paths in sorted(claim_places.items()):
        if len(paths) > 1:
            shown = ", ".join(_shown(path, root) for path in paths)
            migration.to_do.append(
                f"claim id '{claim_id}' is written in {shown}: since v2 claim ids are unique across the "
                "story; rename all but one, or, if it is the same statement, keep it in the earliest report "
                f"and list '{claim_id}' under `carries` in the others"
            )
    for path, claim_id, date, event_id in at_events:
        known = definitions.get(event_id)
        event = known.fields if known is not None else existing.get(event_id)
        days = _event_days(event) if event is not None else None
        if days is not None and not days[0] <= date <= days[1]:
            shown = days[0].isoformat() if days[0] == days[1] else f"{days[0]} to {days[1]}"
            migration.to_do.append(
                f"{_shown(path, root)}: claim '{claim_id}' is dated {date.isoformat()}, not on the day of "
                f"its event '{event_id}' ({shown}): since v2 `event` is where a claim was said; remove it if "
                "the claim was said elsewhere (name the event in the claim's text), or correct the date"
            )
    new = [definition for definition in definitions.values() if definition.event_id not in existing]
    migration.new_events = [definition.event_id for definition in new]
    migration.merged_events = sorted(
        definition.event_id for definition in definitions.values() if definition.count > 1
    )
    if new:
        entries = [definition.fields for definition in new]
        migration.events_text = _events_text(_yaml(registry=True), migration.events_path, entries)
    return migration


@dataclass
class _ArticleResult:
    text: str
    moved_events: list[str]
    dated_claims: list[str]
    claim_ids: list[str]
    added_issues: list[str] = field(default_factory=list)
    claims_at_events: list[tuple[str, datetime.date, str]] = field(default_factory=list)
    """(claim id, its own date, its event) of each claim that has both."""


def _read_front(yaml: YAML, path: Path) -> tuple[str, CommentedMap | None, str, str, str]:
    """(text, front matter data, opening fence line, closing fence line, body) of an article."""
    text = path.read_text(encoding="utf-8")
    try:
        front, body, _ = split_front_matter(SourceFile(path.as_posix(), text))
    except YamlProblem as problem:
        raise MigrationError(f"{path}:{problem.line}:{problem.column}: {problem.message}") from None
    head = text[: len(text) - len(body)] if body else text
    opening, _, rest = head.partition("\n")
    closing = rest[len(front) :] if front != "\n" else rest  # `front` ends with the line break before it
    try:
        data = yaml.load(front)
    except YAMLError as error:
        raise MigrationError(f"{path}: the front matter is not YAML ({error}); run `newsgen check`") from None
    return text, data if isinstance(data, CommentedMap) else None, opening + "\n", closing, body


def _migrate_article(
    yaml: YAML,
    path: Path,
    definitions: dict[str, _Definition],
    existing: dict[str, CommentedMap],
    conflicts: list[str],
) -> _ArticleResult:
    text, data, opening, closing, body = _read_front(yaml, path)
    if data is None:
        return _ArticleResult(text, [], [], [])
    moved: list[str] = []
    events = data.get("events")
    for entry in events if isinstance(events, CommentedSeq) else ():
        if not isinstance(entry, CommentedMap) or not any(name in DEFINITION_FIELDS for name in entry):
            continue
        event_id = entry.get("id")
        if not isinstance(event_id, str):
            conflicts.append(f"{path}: an event without an `id`: give it one, then run again")
            continue
        definition = _without_status(entry)
        known = definitions.get(event_id)
        earlier = known.fields if known is not None else existing.get(event_id)
        if earlier is not None and _plain(earlier) != _plain(definition):
            where = known.first_path if known is not None else "content/events.yml"
            conflicts.append(
                f"{path}: event '{event_id}' is defined differently in {where}: "
                f"{_difference(earlier, definition)}; make them agree (or give one another id)"
            )
            continue
        if known is not None:
            known.count += 1
        elif event_id not in existing:
            definitions[event_id] = _Definition(event_id, definition, path)
        for name in [name for name in entry if name in DEFINITION_FIELDS]:
            del entry[name]
        moved.append(event_id)
    dated: list[str] = []
    claim_ids: list[str] = []
    at_events: list[tuple[str, datetime.date, str]] = []
    claims = data.get("claims")
    article_date = data.get("date")
    for claim in claims if isinstance(claims, CommentedSeq) else ():
        if not isinstance(claim, CommentedMap):
            continue
        if isinstance(claim.get("id"), str):
            claim_ids.append(claim["id"])
            if isinstance(claim.get("date"), datetime.date) and isinstance(claim.get("event"), str):
                at_events.append((claim["id"], claim["date"], claim["event"]))
        if (
            claim.get("date") is None
            and claim.get("event") is None
            and isinstance(article_date, datetime.date)
        ):
            # A new date object: the same one twice would be written as an anchor and an alias.
            claim.insert(
                len(claim),
                "date",
                datetime.date.fromisoformat(article_date.isoformat()),
                comment=TODO_CLAIM_DATE,
            )
            dated.append(str(claim.get("id")))
    if not moved and not dated:
        return _ArticleResult(text, [], [], claim_ids, claims_at_events=at_events)
    added = _complete_issues(data, definitions, existing)
    new_text = opening + _dump(yaml, data) + closing + body
    return _ArticleResult(new_text, moved, dated, claim_ids, added, at_events)


def _event_days(event: CommentedMap) -> tuple[datetime.date, datetime.date] | None:
    """An event's first and last day as written, if it has a date."""
    date, end = event.get("date"), event.get("end")
    if not isinstance(date, datetime.date):
        return None
    return date, end if isinstance(end, datetime.date) and end >= date else date


def _complete_issues(
    data: CommentedMap, definitions: dict[str, _Definition], existing: dict[str, CommentedMap]
) -> list[str]:
    """Add to the article's `issues` those its claims and events are about and it does not list."""
    used: dict[str, None] = {}
    for claim in data.get("claims") or ():
        if isinstance(claim, CommentedMap) and isinstance(claim.get("issues"), list):
            used.update(dict.fromkeys(claim["issues"]))
    for entry in data.get("events") or ():
        event_id = entry.get("id") if isinstance(entry, CommentedMap) else None
        known = definitions.get(event_id) if isinstance(event_id, str) else None
        event = known.fields if known is not None else existing.get(str(event_id))
        if event is not None and isinstance(event.get("issues"), list):
            used.update(dict.fromkeys(event["issues"]))
    listed = data.get("issues")
    if listed is not None and not isinstance(listed, list):
        return []  # not a list: `newsgen check` says so
    missing = [issue for issue in used if isinstance(issue, str) and issue not in (listed or ())]
    if not missing:
        return []
    if listed is None:
        listed = CommentedSeq()
        listed.fa.set_flow_style()
        data.insert(len(data), "issues", listed)
    listed.extend(missing)
    return missing


def _without_status(entry: CommentedMap) -> CommentedMap:
    """An article's event entry as events.yml writes it: without `status`, with the comments it had."""
    definition = CommentedMap()
    for name, value in entry.items():
        if name != "status":
            definition[name] = value
            if name in entry.ca.items:
                definition.ca.items[name] = entry.ca.items[name]
    return definition


def _plain(value: Any) -> Any:
    """`value` as plain data, to compare two definitions whatever their comments and styles."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _difference(earlier: CommentedMap, later: CommentedMap) -> str:
    names = sorted({*earlier, *later} - {"id"})
    differing = [name for name in names if _plain(earlier.get(name)) != _plain(later.get(name))]
    return "; ".join(
        f"{name}: {_plain(earlier.get(name))!r} there, {_plain(later.get(name))!r} here" for name in differing
    )


def _existing_events(yaml: YAML, path: Path) -> dict[str, CommentedMap]:
    """The entries of an existing `events.yml`, by id (none if it does not exist)."""
    if not path.exists():
        return {}
    try:
        data = yaml.load(path.read_text(encoding="utf-8"))
    except YAMLError as error:
        raise MigrationError(f"{path}: not YAML ({error}); run `newsgen check`") from None
    if data is None:
        return {}
    if not isinstance(data, CommentedSeq):
        raise MigrationError(f"{path}: a registry is a YAML list of entries; run `newsgen check`")
    return {
        entry["id"]: entry
        for entry in data
        if isinstance(entry, CommentedMap) and isinstance(entry.get("id"), str)
    }


def _events_text(yaml: YAML, path: Path, entries: Sequence[CommentedMap]) -> str:
    """`events.yml` with `entries` added at its end (a new file opens with a comment saying what it is)."""
    added = _dump(yaml, CommentedSeq(entries))
    if not path.exists():
        return EVENTS_HEADER + added
    text = path.read_text(encoding="utf-8")
    if text and not text.endswith("\n"):
        text += "\n"
    return text + added


def apply_migration(migration: Migration) -> None:
    """Write what `migration` changes: the articles, then `events.yml`. Nothing is deleted."""
    for change in migration.articles:
        change.path.write_text(change.text, encoding="utf-8")
    if migration.events_text is not None:
        migration.events_path.write_text(migration.events_text, encoding="utf-8")
