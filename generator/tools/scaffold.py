"""Scaffolding: `newsgen new` stubs for registry entries and articles, written without touching what exists.

A stub is valid content (it builds), and every part a human must still write carries a `TODO` marker, which
`newsgen check` reports as a warning, so `newsgen check --strict` (CI) refuses it until it is finished.
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pydantic

from generator.domain.identifiers import reserved_reason
from generator.domain.kinds import ENTITY_KINDS, KIND_NAMED, in_words
from generator.domain.model import ID_MAX_LENGTH, ID_RE
from generator.domain.paths import article_source_path
from generator.load.loader import YamlProblem, parse_yaml

COUNTRY_CODE = re.compile(r"[A-Z]{2}")
"""An ISO 3166-1 alpha-2 country code, as the registries write it."""

ENTITY_REGISTRY = {kind.name: kind.registry for kind in ENTITY_KINDS}
"""Kind of entity to the registry (`content/<name>.yml`) it is added to."""


class ScaffoldError(Exception):
    """A stub that cannot be written: bad arguments or a file or id that exists already."""


@dataclass(frozen=True)
class Written:
    """What a scaffolding command wrote."""

    path: Path
    appended: bool
    """True if the stub was added at the end of an existing file (registries), False for a new file."""


def check_new_id(entity_id: str, existing: set[str]) -> None:
    """Raise `ScaffoldError` unless `entity_id` is a well-formed, free, unreserved id."""
    if not ID_RE.fullmatch(entity_id) or len(entity_id) > ID_MAX_LENGTH:
        raise ScaffoldError(
            f"'{entity_id}' is not a valid id: use lowercase letters, digits and single hyphens, "
            f"at most {ID_MAX_LENGTH} characters"
        )
    reason = reserved_reason(entity_id)
    if reason is not None:
        raise ScaffoldError(f"{reason}; choose another id")
    if entity_id in existing:
        raise ScaffoldError(f"id '{entity_id}' exists already; ids are unique across {in_words()}")


def entity_stub(
    kind: str,
    entity_id: str,
    label: str,
    entity_kind: str | None = None,
    *,
    role: str | None = None,
    country: str | None = None,
    aliases: str | None = None,
    summary: str | None = None,
    date: datetime.date | None = None,
    end: datetime.date | None = None,
) -> str:
    """The YAML of one new registry entry (a list item), ending with a newline.

    `aliases` is comma-separated; `country` an ISO 3166 alpha-2 code; `date` and `end` an event's days.
    Each is checked as the registry checks it, and a field the kind does not have is refused.
    """
    row = KIND_NAMED[kind]
    lines = [f"- id: {entity_id}", f"  {row.label_field}: {yaml_quoted(one_line(label))}"]
    allowed = row.kinds_of_entry
    if allowed:
        chosen = entity_kind or allowed[0]
        if chosen not in allowed:
            raise ScaffoldError(
                f"kind '{chosen}' is not allowed for {row.registry}; use one of: {', '.join(allowed)}"
            )
        lines.append(f"  kind: {chosen}  # {' | '.join(allowed)}")
    given = {
        "role": role,
        "country": country,
        "aliases": aliases,
        "summary": summary,
        "date": date,
        "end": end,
    }
    for name, value in given.items():
        if value is not None and name not in row.model.model_fields:
            raise ScaffoldError(f"--{name}: {row.registry} have no {name}")
    if role is not None:
        lines.append(f"  role: {yaml_quoted(role)}")
    if country is not None:
        if not COUNTRY_CODE.fullmatch(country):
            raise ScaffoldError(
                f"--country '{country}' is not a country code: "
                "give the two capital letters of ISO 3166, e.g. UA"
            )
        lines.append(f'  country: "{country}"')
    if aliases is not None:
        names = [one_line(alias) for alias in aliases.split(",") if alias.strip()]
        if not names:
            raise ScaffoldError(
                "--aliases is empty: give other names separated by commas, e.g. 'Zelensky,Zelenskiy'"
            )
        lines.append(f"  aliases: [{', '.join(yaml_quoted(name) for name in names)}]")
    if "date" in row.model.model_fields:  # an event: its days, then where and who, to fill in
        if end is not None and date is None:
            raise ScaffoldError("--end needs --date: give the event's first day too")
        if date is not None and end is not None and end < date:
            raise ScaffoldError(f"--end {end.isoformat()} is before --date {date.isoformat()}")
        if date is not None:
            lines.append(f"  date: {date.isoformat()}")
        else:
            lines.append("  # date: YYYY-MM-DD   (when it happens or happened; leave out while none is set)")
        if end is not None:
            lines.append(f"  end: {end.isoformat()}")
        lines += [
            "  # venue: an id from content/venues.yml",
            "  actors: []  # ids from content/actors.yml",
            "  issues: []  # ids from content/issues.yml",
        ]
    summary_text = (
        yaml_quoted(summary) if summary is not None and summary.strip() else f"TODO {row.summary_hint}"
    )
    lines.append(f"  summary: {summary_text}")
    stub = "\n".join(lines) + "\n"
    _check_stub(row.model, stub)
    return stub


def _check_stub(model: type[pydantic.BaseModel], stub: str) -> None:
    """Raise `ScaffoldError` if the entry `stub` is not one the registry accepts."""
    try:
        model.model_validate(parse_yaml(stub)[0])
    except pydantic.ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(step) for step in first["loc"])
        raise ScaffoldError(f"--{field}: {first['msg']}") from None


def append_entity(registry_path: Path, stub: str) -> Written:
    """Add `stub` at the end of a registry, keeping every existing byte; replaced atomically."""
    try:
        existing = registry_path.read_text(encoding="utf-8")
    except OSError as error:
        raise ScaffoldError(f"cannot read {registry_path}: {error.strerror or error}") from None
    separator = (
        "" if not existing or existing.endswith("\n\n") else ("\n" if existing.endswith("\n") else "\n\n")
    )
    text = existing + separator + stub
    try:
        parse_yaml(text)
    except YamlProblem as problem:
        raise ScaffoldError(
            f"{registry_path}:{problem.line}:{problem.column}: {problem.message}; fix the registry first"
        ) from None
    temporary = registry_path.with_name(f".{registry_path.name}.new")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, registry_path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise ScaffoldError(f"cannot write {registry_path}: {error.strerror or error}") from None
    return Written(registry_path, appended=True)


def article_path(content_dir: Path, date: datetime.date, name: str) -> Path:
    """`content/articles/<year>/<yyyy-mm-dd>-<name>.md`."""
    return content_dir / article_source_path(date, name)


def article_stub(date: datetime.date, title: str | None) -> str:
    """A new article: valid front matter with TODO markers, and a body to write."""
    headline = yaml_quoted(one_line(title)) if title else "TODO the article's headline"
    return (
        "---\n"
        f"title: {headline}\n"
        f"date: {date.isoformat()}  # when the report was published\n"
        "source:\n"
        "  publisher: TODO who published the report\n"
        "  # url: https://...   (the report's address, if it has one)\n"
        "summary: TODO two sentences for listings and feeds.\n"
        "issues: []    # every issue its claims and events are about: ids from content/issues.yml\n"
        "events: []    # events of content/events.yml it tells of: - {id: ..., status: held}\n"
        "claims: []    # who said, demanded, offered, refused or threatened what, and when they said it\n"
        "carries: []   # claims an earlier report wrote that this one carries too (their ids)\n"
        "---\n"
        "TODO: the article in your own words, crediting the report. Mention entities as `[[id]]`.\n"
    )


def write_new_file(path: Path, text: str, existing_slugs: dict[str, Path]) -> Written:
    """Create `path` with `text`; refuse if it, or an article with the same slug, exists."""
    existing = existing_slugs.get(path.stem)
    if existing is not None and existing != path:
        raise ScaffoldError(
            f"{existing} has the same slug; slugs are unique across years: choose another name; "
            "nothing written"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as file:  # "x": never overwrite, even in a race
            file.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} exists already; nothing written") from None
    except OSError as error:
        raise ScaffoldError(f"cannot write {path}: {error.strerror or error}") from None
    return Written(path, appended=False)


def check_article_name(name: str) -> None:
    """Raise `ScaffoldError` unless `name` can follow the date in an article's file name."""
    if not ID_RE.fullmatch(name) or len(name) > ID_MAX_LENGTH - len("yyyy-mm-dd-"):
        raise ScaffoldError(
            f"'{name}' is not a valid article name: use a few lowercase words joined by hyphens, "
            "e.g. 'trump-putin-call'"
        )


def one_line(text: str) -> str:
    """`text` with every run of white space, line breaks included, made one space."""
    return " ".join(text.split())


def yaml_quoted(text: str) -> str:
    """`text` on one line as a YAML double-quoted scalar (always quoted: `NO` or `12:30` stays text)."""
    escaped = one_line(text).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
