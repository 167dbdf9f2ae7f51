"""Validate stage: loaded data to the typed model, with every problem located and explained."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pydantic

from generator.loader import LoadedArticle, LoadedContent, LoadedDocument, locate
from generator.mentions import find_mentions
from generator.model import (
    ENTITY_KIND_OF_REGISTRY,
    ENTITY_TYPES,
    ID_MAX_LENGTH,
    ID_RE,
    Actor,
    Claim,
    Entity,
    Event,
    FrontMatter,
    Issue,
    Venue,
)
from generator.problems import Problem, Severity
from generator.safety import check_content_safety

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Article:
    """A validated article: its front matter, Markdown body and where it came from."""

    slug: str
    path: str
    """Source file, relative to the project root."""
    front: FrontMatter
    body: str
    body_line: int
    mentioned: tuple[str, ...]
    """Entity ids mentioned inline in the body, in order of first mention."""

    @property
    def title(self) -> str:
        """The article's title."""
        return self.front.title


@dataclass(frozen=True)
class Content:
    """All validated content; the input of the index stage."""

    actors: tuple[Actor, ...]
    venues: tuple[Venue, ...]
    issues: tuple[Issue, ...]
    articles: tuple[Article, ...]
    registry_paths: dict[str, str] = field(default_factory=dict)
    """Registry name (`actors`) to its file (`content/actors.yml`), for edit links."""


@dataclass
class _Checker:
    """Collects problems; knows how to locate a path in a document."""

    problems: list[Problem] = field(default_factory=list)

    def report(
        self,
        document: LoadedDocument,
        path: Path,
        message: str,
        *,
        severity: Severity = "error",
        at_key: bool = False,
    ) -> None:
        line, column = locate(document, path, key=at_key)
        self.problems.append(Problem(document.source.path, line, column, severity, message))


def describe_value(value: Any) -> str:
    """How a YAML value reads to a contributor: `false`, `42`, `'text'`, `a list`, `nothing`."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return str(value)


def format_path(path: Sequence[str | int]) -> str:
    """`('claims', 0, 'by')` as `claims[0].by`."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """` Did you mean 'x'?` for the closest candidate, or nothing."""
    matches = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return f" Did you mean '{matches[0]}'?" if matches else ""


def suggest_id(text: str) -> str:
    """A valid id made from `text`, to suggest in messages (never applied silently)."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:ID_MAX_LENGTH].strip("-") or "an-id"


_PATTERN_HINTS = {
    r"^[A-Z]{2}$": 'expected an ISO 3166-1 alpha-2 country code such as "UA"',
    r"^Q[1-9][0-9]*$": "expected a Wikidata id such as Q7747",
}


def explain_pydantic_error(error: Any, model: type[pydantic.BaseModel]) -> tuple[Path, str, bool]:
    """Translate one pydantic error into (path, contributor-facing message, points at key?)."""
    path: Path = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    context = error.get("ctx") or {}
    where = format_path(path)
    if kind == "missing":
        parent, name = path[:-1], path[-1]
        prefix = f"{format_path(parent)}: " if parent else ""
        return parent, f"{prefix}missing required field '{name}'", False
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, path[:-1])
        hint = did_you_mean(str(path[-1]), allowed)
        listed = ", ".join(sorted(allowed))
        return path, f"{where}: unknown field '{path[-1]}'.{hint or ''} Allowed fields: {listed}", True
    if kind == "literal_error":
        expected = re.findall(r"'([^']*)'", context.get("expected", ""))
        hint = did_you_mean(value, expected) if isinstance(value, str) else ""
        allowed = ", ".join(expected)
        return path, f"{where}: {describe_value(value)} is not allowed; use one of: {allowed}.{hint}", False
    if kind == "string_pattern_mismatch":
        pattern = context.get("pattern", "")
        if pattern == ID_RE.pattern and isinstance(value, str):
            return (
                path,
                f"{where}: {describe_value(value)} is not a valid id: use lowercase letters, digits "
                f"and single hyphens (e.g. '{suggest_id(value)}')",
                False,
            )
        hint = _PATTERN_HINTS.get(pattern, f"expected text matching {pattern}")
        return path, f"{where}: {hint}, got {describe_value(value)}", False
    if kind == "string_type":
        quoted = " (put it in quotes?)" if isinstance(value, bool | int | float) else ""
        return path, f"{where}: expected text, got {describe_value(value)}{quoted}", False
    if kind in ("tuple_type", "list_type"):
        return path, f"{where}: expected a list (e.g. [a, b]), got {describe_value(value)}", False
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        # Only a registry entry can be the whole record here: front matter is checked for a mapping first.
        return path, f"{where or 'entry'}: expected a mapping of fields, got {describe_value(value)}", False
    if kind in ("date_type", "date_from_datetime_parsing", "date_parsing"):
        return (
            path,
            f"{where}: expected a date written YYYY-MM-DD without quotes, got {describe_value(value)}",
            False,
        )
    if kind in ("float_type", "float_parsing"):
        return path, f"{where}: expected a number, got {describe_value(value)}", False
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = "latitude" if path[-1] == "lat" else "longitude"
        limit = 90 if path[-1] == "lat" else 180
        return (
            path,
            f"{where}: {bound} must be between -{limit} and {limit}, got {describe_value(value)}",
            False,
        )
    if kind == "string_too_short":
        return path, f"{where}: must not be empty", False
    if kind == "string_too_long":
        return path, f"{where}: is longer than {context.get('max_length')} characters", False
    if kind == "value_error":
        reason = str(error["msg"]).removeprefix("Value error, ")
        return path, f"{where}: {reason}, got {describe_value(value)}", False
    return path, f"{where}: {error['msg']} (got {describe_value(value)})", False


def _allowed_fields(model: type[pydantic.BaseModel], path: Path) -> list[str]:
    """Field names allowed at `path` below `model` (follows nested models and tuples of models)."""
    current: Any = model
    for step in path:
        if isinstance(step, int):
            continue
        annotation = current.model_fields[step].annotation
        current = _nested_model(annotation)
        if current is None:
            return []
    return list(current.model_fields)


def _nested_model(annotation: Any) -> type[pydantic.BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _nested_model(argument)
        if found is not None:
            return found
    return None


def _validate_record(
    checker: _Checker, document: LoadedDocument, model: type[pydantic.BaseModel], data: Any, prefix: Path
) -> Any:
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as failure:
        for error in failure.errors(include_url=False):
            path, message, at_key = explain_pydantic_error(error, model)
            checker.report(document, prefix + path, message, at_key=at_key)
        return None


def _validate_registry(checker: _Checker, name: str, document: LoadedDocument) -> list[Entity]:
    model = ENTITY_TYPES[name]
    data = document.data
    if data is None:
        return []
    if not isinstance(data, list):
        checker.report(
            document, (), f"a registry is a YAML list of entries ('- id: ...'), got {describe_value(data)}"
        )
        return []
    entries = []
    for position, raw in enumerate(data):
        entry = _validate_record(checker, document, model, raw, (position,))
        if entry is not None:
            entries.append(entry)
    return entries


class _Registry:
    """All entity ids, their kinds and where each was defined."""

    def __init__(self) -> None:
        self.kind_of: dict[str, str] = {}
        self.ids_by_kind: dict[str, set[str]] = {"actor": set(), "venue": set(), "issue": set()}

    def add(self, kind: str, entity_id: str) -> None:
        self.kind_of[entity_id] = kind
        self.ids_by_kind[kind].add(entity_id)

    def unknown_reference(self, entity_id: str, expected: str) -> str | None:
        """None if `entity_id` is a known entity of kind `expected`, else the message explaining why not."""
        actual = self.kind_of.get(entity_id)
        if actual == expected:
            return None
        if actual is not None:
            return f"'{entity_id}' is {_article(actual)} {actual}, not {_article(expected)} {expected}"
        hint = did_you_mean(entity_id, self.ids_by_kind[expected])
        if not hint:
            hint = did_you_mean(entity_id, self.kind_of)
        return (
            f"unknown {expected} '{entity_id}'.{hint}"
            if hint
            else (f"unknown {expected} '{entity_id}': add it to content/{expected}s.yml first")
        )


def _article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"


def validate_content(loaded: LoadedContent) -> tuple[Content | None, list[Problem]]:
    """Validate everything; return the content (None if there are errors) and all problems, sorted."""
    checker = _Checker(list(loaded.problems))
    registry = _Registry()
    first_seen: dict[str, tuple[str, int, int]] = {}
    entities: dict[str, list[Entity]] = {name: [] for name in ENTITY_TYPES}

    for name, document in loaded.registries.items():
        entities[name].extend(_validate_registry(checker, name, document))
    # Second pass for duplicates: positions in the validated list are not positions in the file.
    for name, document in loaded.registries.items():
        if not isinstance(document.data, list):
            continue
        for position, raw in enumerate(document.data):
            entity_id = raw.get("id") if isinstance(raw, dict) else None
            if not isinstance(entity_id, str) or not ID_RE.match(entity_id):
                continue
            line, column = locate(document, (position, "id"))
            if entity_id in first_seen:
                path, first_line, first_column = first_seen[entity_id]
                checker.problems.append(
                    Problem(
                        document.source.path,
                        line,
                        column,
                        "error",
                        f"duplicate id '{entity_id}': already used at {path}:{first_line}:{first_column}; "
                        "ids must be unique across actors, venues and issues",
                    )
                )
                continue
            first_seen[entity_id] = (document.source.path, line, column)
            registry.add(ENTITY_KIND_OF_REGISTRY[name], entity_id)

    for issue in entities["issues"]:
        if issue.parent is not None:
            assert isinstance(issue, Issue)
            _check_reference(checker, loaded.registries["issues"], registry, issue.parent, "issue", issue.id)

    articles = [_validate_article(checker, registry, article) for article in loaded.articles]
    valid_articles = [article for article in articles if article is not None]
    _check_unique_slugs(checker, loaded.articles)
    checker.problems.extend(check_content_safety(loaded))
    # What the articles use is only known if every article was read and validated; otherwise an entity that
    # only a broken article mentions would be reported as "not mentioned by any article".
    usage_known = len(valid_articles) == len(loaded.articles) and not any(
        problem.severity == "error" for problem in loaded.problems
    )
    _warn_unused(checker, loaded, entities, valid_articles, usage_known=usage_known)

    problems = sorted(set(checker.problems))
    if any(problem.severity == "error" for problem in problems):
        return None, problems
    content = Content(
        actors=tuple(entity for entity in entities["actors"] if isinstance(entity, Actor)),
        venues=tuple(entity for entity in entities["venues"] if isinstance(entity, Venue)),
        issues=tuple(entity for entity in entities["issues"] if isinstance(entity, Issue)),
        articles=tuple(sorted(valid_articles, key=lambda article: (article.front.date, article.slug))),
        registry_paths={name: document.source.path for name, document in loaded.registries.items()},
    )
    return content, problems


def _check_reference(
    checker: _Checker,
    document: LoadedDocument,
    registry: _Registry,
    entity_id: str,
    expected: str,
    owner: str,
) -> None:
    message = registry.unknown_reference(entity_id, expected)
    if message is None:
        return
    data = document.data
    position = next(
        (index for index, raw in enumerate(data) if isinstance(raw, dict) and raw.get("id") == owner), 0
    )
    checker.report(document, (position, "parent"), f"parent: {message}")


def _validate_article(checker: _Checker, registry: _Registry, loaded: LoadedArticle) -> Article | None:
    document = loaded.document
    if not ID_RE.match(loaded.slug) or len(loaded.slug) > ID_MAX_LENGTH:
        checker.problems.append(
            Problem(
                document.source.path,
                1,
                1,
                "error",
                f"file name '{loaded.slug}.md' is not a valid article slug: rename it to "
                f"'{suggest_id(loaded.slug)}.md' (lowercase letters, digits and single hyphens)",
            )
        )
    if not isinstance(document.data, dict):
        checker.report(
            document, (), f"front matter must be a mapping of fields, got {describe_value(document.data)}"
        )
        return None
    front = _validate_record(checker, document, FrontMatter, document.data, ())
    mentions = find_mentions(loaded.body)
    for mention in mentions:
        if mention.entity_id not in registry.kind_of:
            hint = did_you_mean(mention.entity_id, registry.kind_of)
            checker.problems.append(
                Problem(
                    document.source.path,
                    loaded.body_line + mention.line - 1,
                    mention.id_column,
                    "error",
                    f"unknown id '{mention.entity_id}' in mention [[...]].{hint}"
                    if hint
                    else (
                        f"unknown id '{mention.entity_id}' in mention [[...]]: mention an id from "
                        "actors.yml, venues.yml or issues.yml"
                    ),
                )
            )
    if front is None:
        return None
    assert isinstance(front, FrontMatter)
    _check_article_references(checker, registry, document, front)
    mentioned = tuple(dict.fromkeys(mention.entity_id for mention in mentions))
    return Article(
        slug=loaded.slug,
        path=document.source.path,
        front=front,
        body=loaded.body,
        body_line=loaded.body_line,
        mentioned=mentioned,
    )


def _check_article_references(
    checker: _Checker, registry: _Registry, document: LoadedDocument, front: FrontMatter
) -> None:
    def check(path: Path, entity_id: str | None, expected: str) -> None:
        if entity_id is None:
            return
        message = registry.unknown_reference(entity_id, expected)
        if message is not None:
            checker.report(document, path, f"{format_path(path)}: {message}")

    for field_name, expected in (("issues", "issue"), ("actors", "actor"), ("venues", "venue")):
        for position, entity_id in enumerate(getattr(front, field_name)):
            check((field_name, position), entity_id, expected)

    event_ids = _check_unique_ids(checker, document, "events", front.events)
    _check_unique_ids(checker, document, "claims", front.claims)
    for index, event in enumerate(front.events):
        _check_event(check, index, event)
    for index, claim in enumerate(front.claims):
        _check_claim(check, index, claim)
        if claim.event is not None and claim.event not in event_ids:
            hint = did_you_mean(claim.event, event_ids)
            where = ("claims", index, "event")
            known = ", ".join(sorted(event_ids)) or "none yet"
            checker.report(
                document,
                where,
                f"{format_path(where)}: unknown event '{claim.event}' in this article.{hint}"
                if hint
                else f"{format_path(where)}: unknown event '{claim.event}'; this article's events: {known}",
            )


def _check_event(check: Any, index: int, event: Event) -> None:
    check(("events", index, "venue"), event.venue, "venue")
    for position, actor_id in enumerate(event.actors):
        check(("events", index, "actors", position), actor_id, "actor")
    for position, issue_id in enumerate(event.issues):
        check(("events", index, "issues", position), issue_id, "issue")


def _check_claim(check: Any, index: int, claim: Claim) -> None:
    check(("claims", index, "by"), claim.by, "actor")
    check(("claims", index, "via"), claim.via, "actor")
    check(("claims", index, "venue"), claim.venue, "venue")
    for position, issue_id in enumerate(claim.issues):
        check(("claims", index, "issues", position), issue_id, "issue")


def _check_unique_ids(
    checker: _Checker, document: LoadedDocument, field_name: str, records: Sequence[Event | Claim]
) -> set[str]:
    seen: dict[str, int] = {}
    for index, record in enumerate(records):
        if record.id in seen:
            line, _ = locate(document, (field_name, seen[record.id], "id"))
            where = (field_name, index, "id")
            checker.report(
                document,
                where,
                f"{format_path(where)}: duplicate id '{record.id}' (first used at line {line}); "
                f"ids of {field_name} must be unique within an article",
            )
        else:
            seen[record.id] = index
    return set(seen)


def _check_unique_slugs(checker: _Checker, articles: Sequence[LoadedArticle]) -> None:
    first: dict[str, str] = {}
    for article in articles:
        path = article.document.source.path
        if article.slug in first:
            checker.problems.append(
                Problem(
                    path,
                    1,
                    1,
                    "error",
                    f"duplicate article slug '{article.slug}': {first[article.slug]} has the same file name; "
                    "slugs are URLs and must be unique across year folders",
                )
            )
        else:
            first[article.slug] = path


def _warn_unused(
    checker: _Checker,
    loaded: LoadedContent,
    entities: dict[str, list[Entity]],
    articles: Sequence[Article],
    *,
    usage_known: bool,
) -> None:
    used: set[str] = set()
    issues_with_claims: set[str] = set()
    for article in articles:
        front = article.front
        used.update(article.mentioned, front.issues, front.actors, front.venues)
        for event in front.events:
            used.update(event.actors, event.issues)
            used.update(filter(None, [event.venue]))
        for claim in front.claims:
            used.update(claim.issues)
            used.update(filter(None, [claim.by, claim.via, claim.venue]))
            issues_with_claims.update(claim.issues)
    for name, document in loaded.registries.items():
        kind = ENTITY_KIND_OF_REGISTRY[name]
        records = document.data if isinstance(document.data, list) else []
        positions = {
            raw["id"]: index
            for index, raw in enumerate(records)
            if isinstance(raw, dict) and isinstance(raw.get("id"), str)
        }
        for entity in entities[name]:
            position = positions.get(entity.id, 0)
            if entity.summary is None:
                checker.report(
                    document,
                    (position, "id"),
                    f"{kind} '{entity.id}' has no summary: add one sentence saying who or what it is",
                    severity="warning",
                )
            if not usage_known:
                continue
            if entity.id not in used:
                checker.report(
                    document,
                    (position, "id"),
                    f"{kind} '{entity.id}' is not mentioned by any article: mention it or remove it",
                    severity="warning",
                )
            elif kind == "issue" and entity.id not in issues_with_claims:
                checker.report(
                    document,
                    (position, "id"),
                    f"issue '{entity.id}' has no claims: its positions table will be empty",
                    severity="warning",
                )
