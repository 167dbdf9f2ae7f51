"""Validate stage: loaded data to the typed model, with every problem located and explained."""

from __future__ import annotations

import datetime
import difflib
import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pydantic

from generator.check import legacy, story
from generator.check.safety import check_article_safety, check_registry_safety, check_story_safety
from generator.check.story import StoryLedger
from generator.check.wording import closest_match, did_you_mean, format_path
from generator.domain.characters import find_hidden_characters, hidden_character_message, may_hide_characters
from generator.domain.dates import WAYS_TO_WRITE
from generator.domain.identifiers import CaseFoldIndex, reserved_reason
from generator.domain.kinds import (
    ARTICLE_MODEL,
    ENTITY_KINDS,
    KIND_NAMED,
    KIND_OF_REGISTRY,
    EntityKind,
    Reference,
    entity_references_of,
    id_field_names,
    in_words,
    involved_ids,
    join_words,
    nested_records_of,
    required_fields,
)
from generator.domain.model import (
    ID_MAX_LENGTH,
    ID_RE,
    Actor,
    Entity,
    Event,
    FrontMatter,
    Issue,
    Story,
    Venue,
)
from generator.domain.names import closest_name, spelling_key
from generator.domain.paths import ARTICLES_FOLDER, parse_date, split_name_date
from generator.load.loader import LoadedArticle, LoadedContent, LoadedDocument, locate
from generator.load.mentions import find_mentions
from generator.problems import Problem, Severity

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
    events: tuple[Event, ...]
    articles: tuple[Article, ...]
    registry_paths: dict[str, str] = field(default_factory=dict)
    """Registry name (`actors`) to its file (`content/actors.yml`), for edit links."""
    story: Story | None = None
    """`content/story.yml`: the summary the home page opens with and the grid's issues, if written."""
    story_path: str | None = None
    """The story file, relative to the project root, for the home page's edit link."""

    def entities_of(self, kind: EntityKind) -> tuple[Entity, ...]:
        """The entries of one kind, in registry order."""
        return getattr(self, kind.registry)  # type: ignore[no-any-return]

    @property
    def article_slugs(self) -> tuple[str, ...]:
        """The articles' slugs, in publication order."""
        return tuple(article.slug for article in self.articles)


@dataclass(frozen=True)
class Validated:
    """What valid content holds short of its articles' front matter and bodies: all `newsgen check` needs."""

    entities: dict[str, tuple[Entity, ...]]
    """Each registry's entries (by registry name), in registry order."""
    article_slugs: tuple[str, ...]
    """The articles' slugs, in file order."""

    def entities_of(self, kind: EntityKind) -> tuple[Entity, ...]:
        """The entries of one kind, in registry order."""
        return self.entities[kind.registry]


@dataclass(frozen=True)
class ArticleFacts:
    """What the rules across articles need of one valid article (a few ids, not its text)."""

    slug: str
    date: datetime.date
    uses: frozenset[str]
    """The registry ids it mentions or involves, with those its reported events involve."""
    issues_claimed: frozenset[str]
    """The issues its claims are on."""


@dataclass
class ArticleFindings:
    """What checking articles each on its own found, in the order they were checked."""

    problems: list[Problem] = field(default_factory=list)
    ledger: StoryLedger = field(default_factory=StoryLedger)
    """What the rules across articles need of where things are written."""
    slugs: list[tuple[str, str]] = field(default_factory=list)
    """Every article's (path, slug), valid or not."""
    facts: list[ArticleFacts] = field(default_factory=list)
    """Of each valid article."""
    articles: list[Article] = field(default_factory=list)
    """The valid articles, if they were kept."""

    def extend(self, later: ArticleFindings) -> None:
        """Add what checking the articles after these found, as if they had been checked in one run."""
        self.problems.extend(later.problems)
        self.ledger.extend(later.ledger)
        self.slugs.extend(later.slugs)
        self.facts.extend(later.facts)
        self.articles.extend(later.articles)


CheckArticles = Callable[[Iterable[LoadedArticle]], ArticleFindings]
"""Checks articles each on its own (model, references, mentions, safety) against the validated registries."""
CheckParts = Callable[[CheckArticles], Iterable[ArticleFindings]]
"""Has every article checked by the function it is given, in parts (in other processes, say); yields what
each part found, in article order."""


@dataclass
class _Checker:
    """Collects problems; knows how to locate a path in a document."""

    problems: list[Problem] = field(default_factory=list)
    story: StoryLedger = field(default_factory=StoryLedger)
    """What the rules across articles need of each article checked so far."""

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

    def reporter(self, document: LoadedDocument, prefix: Path = ()) -> story.Report:
        """A function that reports a problem at a path below `prefix` in `document`."""

        def report(path: Path, message: str, severity: Severity) -> None:
            self.report(document, (*prefix, *path), message, severity=severity)

        return report


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
        return path, f"{where}: {_explain_not_text(path, value)}", False
    if kind in ("tuple_type", "list_type"):
        if isinstance(value, str) and path and isinstance(path[-1], str):
            return (
                path,
                f"{where}: expected a list, got {describe_value(value)}; {_list_advice(path[-1], value)}",
                False,
            )
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


_FLOW_SPECIAL = re.compile(r"""[][{},#"'&*!|>%@`]|: |^[-?:]""")
"""What would change an item's meaning written unquoted in `[a, b]`: such an item goes in quotes."""


def _list_advice(field_name: str, written: str) -> str:
    """`write a list: issues: [ceasefire, sanctions]` for `issues: ceasefire, sanctions`."""
    items = [item.strip() for item in written.split(",") if item.strip()]
    shown = [json.dumps(item, ensure_ascii=False) if _FLOW_SPECIAL.search(item) else item for item in items]
    return f"write a list: {field_name}: [{', '.join(shown)}]"


def _missing_fields_message(model: type[pydantic.BaseModel], parent: Path, names: Sequence[str]) -> str:
    """One message for every required field missing from one record."""
    if model is ARTICLE_MODEL and not parent:
        return (
            f"front matter is missing {join_words(names)}: an article needs "
            f"{join_words(required_fields(ARTICLE_MODEL))}"
        )
    prefix = f"{format_path(parent)}: " if parent else ""
    quoted = [f"'{name}'" for name in names]
    plural = "s" if len(names) > 1 else ""
    return f"{prefix}missing required field{plural} {join_words(quoted)}"


def _explain_not_text(path: Path, value: Any) -> str:
    """Why a value that is not text was refused, with a fix that passes the next check too."""
    field_name = next((step for step in reversed(path) if isinstance(step, str)), "")
    written = describe_value(value)
    if field_name == "country":
        fix = ' (for Norway, write "NO" in quotes)' if value is False else ""
        return f'expected an ISO 3166-1 alpha-2 country code as text, such as "UA", got {written}{fix}'
    if field_name == "wikidata":
        fix = (
            f" (write it with its Q: Q{value})"
            if isinstance(value, int) and not isinstance(value, bool)
            else ""
        )
        return f"expected a Wikidata id such as Q7747, got {written}{fix}"
    if not isinstance(value, bool | int | float):
        return f"expected text, got {written}"
    if field_name in id_field_names():
        if ID_RE.fullmatch(written):
            return f"expected an id, got {written} (put it in quotes?)"
        return f"expected an id, got {written}: use lowercase letters, digits and single hyphens"
    return f"expected text, got {written} (put it in quotes?)"


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
        missing: dict[Path, list[str]] = {}
        dates_told: set[Path] = set()
        for error in failure.errors(include_url=False):
            if error["type"] == "missing":  # all of one record's missing fields in one message
                missing.setdefault(tuple(error["loc"][:-1]), []).append(str(error["loc"][-1]))
                continue
            location = tuple(error["loc"])
            if location[-1:] in (("date",), ("constrained-str",)) and location[-2:-1] == ("date",):
                # A claim's date: a day or text (a month, `before` a day); one message, not one per way.
                if location[:-1] not in dates_told:
                    dates_told.add(location[:-1])
                    checker.report(
                        document, prefix + location[:-1], _claim_date_message(location[:-1], error)
                    )
                continue
            path, message, at_key = explain_pydantic_error(error, model)
            checker.report(document, prefix + path, message, at_key=at_key)
        for parent, names in missing.items():
            checker.report(document, prefix + parent, _missing_fields_message(model, parent, names))
        return None


def _claim_date_message(path: Path, error: Any) -> str:
    """Why a claim's `date` was refused, with the ways to write one."""
    value = error.get("input")
    if isinstance(value, str) and parse_date(value) is not None:
        return f"{format_path(path)}: a day is written without quotes: date: {value}"
    return f"{format_path(path)}: {describe_value(value)} is not a date: write {WAYS_TO_WRITE}"


def _validate_registry(checker: _Checker, name: str, document: LoadedDocument) -> list[Entity]:
    model = KIND_OF_REGISTRY[name].model
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


_NAME_WORD_MIN_LENGTH = 4
"""Words of a name shorter than this are not matched on their own (`de`, `von`, `Al`)."""
_NAME_CUTOFF = 85.0
"""How alike (0-100, rapidfuzz ratio of spelling keys) a written id and a name must be to be suggested: one
slip in a name of about ten letters; a new entity's id is not mistaken for a known one."""


class _Registry:
    """All entity ids, their kinds and where each was defined."""

    def __init__(self, readable: Iterable[str] = tuple(KIND_NAMED)) -> None:
        self.kind_of: dict[str, str] = {}
        self.ids_by_kind: dict[str, set[str]] = {kind: set() for kind in KIND_NAMED}
        self.readable = frozenset(readable)
        """Kinds whose registry could be read: a reference to an unreadable one cannot be checked."""
        self.names_by_kind: dict[str, dict[str, str]] = {kind: {} for kind in KIND_NAMED}
        """Each kind's names as people write them (an entry's name, aliases and their words) to its id."""
        self.labels: dict[str, str] = {}
        """Each entry's name (or title), by id."""
        self.events: dict[str, Event] = {}
        """The valid entries of the events registry, by id."""

    def add_names(self, kind: str, entity: Entity) -> None:
        """Record how people may write `entity` instead of its id: its name and aliases, and each longer word
        of them (`Zelenskyy` for `volodymyr-zelenskyy`)."""
        self.labels[entity.id] = entity.label
        names = self.names_by_kind[kind]
        written = [entity.label, *getattr(entity, "aliases", ())]
        for name in written:
            names.setdefault(name, entity.id)
        for name in written:
            for word in name.split():
                if len(word) >= _NAME_WORD_MIN_LENGTH:
                    names.setdefault(word, entity.id)

    def suggest(self, written: str, kinds: Iterable[str]) -> str:
        """` Did you mean 'id'?` for the entry of one of `kinds` that `written` is most like: as an id written
        letter for letter, else as a name in another spelling (`zelensky`, `umierov`); or nothing."""
        kinds = tuple(kinds)
        found = closest_match(written, (entity_id for kind in kinds for entity_id in self.ids_by_kind[kind]))
        if found is not None:
            return f" Did you mean '{found}'?"
        names = {name: entity_id for kind in kinds for name, entity_id in self.names_by_kind[kind].items()}
        key = spelling_key(written)
        name = next((name for name in sorted(names) if spelling_key(name) == key), None)
        name = name or closest_name(written, names, cutoff=_NAME_CUTOFF)
        if name is None:
            return ""
        entity_id = names[name]
        return f" Did you mean '{entity_id}' ({self.labels[entity_id]})?"

    def add(self, kind: str, entity_id: str) -> None:
        """Record an id; `ids_by_kind[kind]` holds exactly the ids whose kind is `kind`."""
        previous = self.kind_of.get(entity_id)
        if previous is not None:  # not done by validate_content, which adds each id once
            self.ids_by_kind[previous].discard(entity_id)
        self.kind_of[entity_id] = kind
        self.ids_by_kind[kind].add(entity_id)

    def unknown_reference(self, entity_id: str, expected: str) -> str | None:
        """None if `entity_id` is a known entity of kind `expected`, else the message explaining why not."""
        actual = self.kind_of.get(entity_id)
        if actual == expected or (actual is None and expected not in self.readable):
            return None
        if actual is not None:
            return f"'{entity_id}' is {_article(actual)} {actual}, not {_article(expected)} {expected}"
        hint = self.suggest(entity_id, (expected,))
        if hint:
            return f"unknown {expected} '{entity_id}'.{hint}"
        message = (
            f"unknown {expected} '{entity_id}': add it to content/{KIND_NAMED[expected].registry}.yml first"
        )
        # Suggesting an id of another kind would only lead to the next error; say what it is instead.
        other = difflib.get_close_matches(entity_id, sorted(self.kind_of), n=1, cutoff=0.6)
        if other:
            kind = self.kind_of[other[0]]
            message += (
                f" (the similar '{other[0]}' is {_article(kind)} {kind}, not {_article(expected)} {expected})"
            )
        return message


def _article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"


def validate_content(loaded: LoadedContent) -> tuple[Content | None, list[Problem]]:
    """Validate everything loaded at once; return the content (None if there are errors) and all problems,
    sorted."""
    return validate_stream(loaded.registries, loaded.articles, loaded.problems, loaded.story)


def validate_stream(
    registries: Mapping[str, LoadedDocument],
    articles: Iterable[LoadedArticle],
    load_problems: Sequence[Problem],
    story_document: LoadedDocument | None = None,
) -> tuple[Content | None, list[Problem]]:
    """Validate the registries, then each article as `articles` hands it out, before asking for the next.

    Of an article only its `Article` and its path and slug are kept: its text and parsed data may be freed
    as soon as it is checked. `load_problems` (what could not be read or parsed) is read only once
    `articles` is exhausted, so it may grow while they are read. Return the content (None if there are
    errors) and all problems, sorted.
    """

    def check_in_one_part(check: CheckArticles) -> list[ArticleFindings]:
        return [check(articles)]

    found, entities, story_summary, problems = _validate(
        registries, check_in_one_part, load_problems, story_document, keep_articles=True
    )
    if any(problem.severity == "error" for problem in problems):
        return None, problems
    content = Content(
        **{name: tuple(group) for name, group in entities.items()},  # type: ignore[arg-type]
        articles=tuple(sorted(found.articles, key=lambda article: (article.front.date, article.slug))),
        registry_paths={name: document.source.path for name, document in registries.items()},
        story=story_summary,
        story_path=story_document.source.path if story_summary is not None and story_document else None,
    )
    return content, problems


def validate_in_parts(
    registries: Mapping[str, LoadedDocument],
    check_parts: CheckParts,
    load_problems: Sequence[Problem],
    story_document: LoadedDocument | None = None,
) -> tuple[Validated | None, list[Problem]]:
    """`validate_stream`, with the articles checked by `check_parts` (in several processes) and not kept.

    The problems are the same; instead of the content, what it holds short of the articles themselves (None
    if there are errors).
    """
    found, entities, _, problems = _validate(
        registries, check_parts, load_problems, story_document, keep_articles=False
    )
    if any(problem.severity == "error" for problem in problems):
        return None, problems
    validated = Validated(
        entities={name: tuple(group) for name, group in entities.items()},
        article_slugs=tuple(facts.slug for facts in found.facts),
    )
    return validated, problems


def _validate(
    registries: Mapping[str, LoadedDocument],
    check_parts: CheckParts,
    load_problems: Sequence[Problem],
    story_document: LoadedDocument | None,
    *,
    keep_articles: bool,
) -> tuple[ArticleFindings, dict[str, list[Entity]], Story | None, list[Problem]]:
    """Every check: the registries, each article (through `check_parts`), then the rules across them.

    Return what the articles' checks found, the entities, the story file's summary, and all problems,
    sorted."""
    checker = _Checker()
    registry, entities = _validate_registries(checker, registries)
    found = ArticleFindings(checker.problems, checker.story)
    for part in check_parts(functools.partial(_check_articles, registry, keep=keep_articles)):
        found.extend(part)
    # In the order `load_sources` sorts articles: which one is "first" depends on it.
    slugs = sorted(found.slugs, key=_first)
    _check_slugs(checker, slugs)
    # What the articles use is only known if every article was read and validated; otherwise an entity that
    # only a broken article mentions would be reported as "not mentioned by any article", and a report that
    # could not be read as "no report" where the story file cites it.
    usage_known = len(found.facts) == len(slugs) and not any(
        problem.severity == "error" for problem in load_problems
    )
    story_summary = None
    if story_document is not None:
        story_summary = _validate_story(checker, registry, story_document, found.facts, complete=usage_known)
    checker.problems.extend(check_registry_safety(registries))
    for document in registries.values():
        _check_hidden_characters(checker, document)
    checker.problems.extend(checker.story.problems(complete=usage_known))
    if usage_known:
        for name, document in registries.items():
            checker.problems.extend(
                story.check_updates_reports(document, entities[name], _positions(document), checker.story)
            )
    _warn_unused(checker, registries, entities, found.facts, usage_known=usage_known)
    for document in registries.values():
        _warn_todo(checker, document.source.path, document.source.text)
    problems = sorted({*load_problems, *checker.problems})
    return found, entities, story_summary, problems


def _validate_story(
    checker: _Checker,
    registry: _Registry,
    document: LoadedDocument,
    articles: Sequence[ArticleFacts],
    *,
    complete: bool,
) -> Story | None:
    """Check `content/story.yml`: its shape, the ids it names, its sources and its `updated` date (never after
    the latest report). With `complete` false (an article could not be read), what needs every report (a
    source's slug, the latest date) is not checked, so a broken article is not reported twice."""
    checker.problems.extend(check_story_safety(document))
    _check_hidden_characters(checker, document)
    _warn_todo(checker, document.source.path, document.source.text)
    data = document.data
    if not isinstance(data, dict):
        checker.report(
            document,
            (),
            f"the story file is a YAML mapping (updated: ..., sections: [...], grid_issues: [...]), got "
            f"{describe_value(data)}",
        )
        return None
    story_summary = _validate_record(checker, document, Story, data, ())
    for field_name, kind in (("grid_issues", "issue"), ("grid_actors", "actor")):
        for path, written in _written_ids(data.get(field_name), True):
            message = registry.unknown_reference(written, kind)
            if message is not None:
                checker.report(document, (field_name, *path), f"{field_name}{format_path(path)}: {message}")
    sections = data.get("sections")
    slugs = {article.slug: article for article in articles}
    for position, section in enumerate(sections if isinstance(sections, list) else ()):
        if not isinstance(section, dict):
            continue
        where = ("sections", position)
        sources = section.get("sources")
        if isinstance(sources, list) and not sources:
            checker.report(
                document,
                (*where, "sources"),
                f"{format_path((*where, 'sources'))}: list at least one source: the reports (their slugs) "
                "or pages (URLs) this section is written from",
            )
        for number, source in enumerate(sources if isinstance(sources, list) and complete else ()):
            if isinstance(source, str) and ID_RE.match(source) and source not in slugs:
                path = (*where, "sources", number)
                hint = did_you_mean(source, slugs) or " Write a report's file name without .md, or a URL."
                checker.report(document, path, f"{format_path(path)}: no report '{source}'.{hint}")
        text = section.get("text")
        for mention in find_mentions(text) if isinstance(text, str) else ():
            if mention.entity_id not in registry.kind_of and len(registry.readable) == len(ENTITY_KINDS):
                path = (*where, "text")
                hint = (
                    registry.suggest(mention.entity_id, KIND_NAMED)
                    or f" Mention an id from {_REGISTRY_FILES_IN_WORDS}."
                )
                checker.report(
                    document,
                    path,
                    f"{format_path(path)}: unknown id '{mention.entity_id}' in mention [[...]].{hint}",
                )
    updated = data.get("updated")
    if isinstance(updated, datetime.date) and articles and complete:
        latest = max(article.date for article in articles)
        if updated > latest:
            checker.report(
                document,
                ("updated",),
                f"updated: {updated} is after the latest report ({latest}): the story can only "
                "be brought up to date with what the reports say; write the date of the report it follows",
            )
    return story_summary if isinstance(story_summary, Story) else None


def _positions(document: LoadedDocument) -> dict[str, int]:
    """Each entry's id to its position in the registry as written."""
    records = document.data if isinstance(document.data, list) else []
    return {
        raw["id"]: index
        for index, raw in enumerate(records)
        if isinstance(raw, dict) and isinstance(raw.get("id"), str)
    }


def _first(pair: tuple[str, str]) -> str:
    return pair[0]


def _check_articles(registry: _Registry, articles: Iterable[LoadedArticle], *, keep: bool) -> ArticleFindings:
    """Check each article as it comes; `keep` the valid ones, or only their facts."""
    checker = _Checker()
    found = ArticleFindings(checker.problems, checker.story)
    for loaded in articles:
        found.slugs.append((loaded.document.source.path, loaded.slug))
        article = _check_article(checker, registry, loaded)
        del loaded  # before the next file is read: only the validated article is kept
        if article is not None:
            found.facts.append(_facts_of(article, registry))
            if keep:
                found.articles.append(article)
    return found


def _facts_of(article: Article, registry: _Registry) -> ArticleFacts:
    front = article.front
    uses = {*article.mentioned, *involved_ids(front)}
    for report in front.events:  # what a reported event involves, the report involves too
        event = registry.events.get(report.id)
        if event is not None:
            uses.update(involved_ids(event))
    issues = frozenset(issue for claim in front.claims for issue in claim.issues)
    return ArticleFacts(article.slug, front.date, frozenset(uses), issues)


def _check_article(checker: _Checker, registry: _Registry, loaded: LoadedArticle) -> Article | None:
    """Every check of one article on its own: model, references, mentions, safety, drafts."""
    article = _validate_article(checker, registry, loaded)
    checker.problems.extend(check_article_safety(loaded))
    _check_hidden_characters(checker, loaded.document)
    source = loaded.document.source
    _warn_todo(checker, source.path, source.text)
    return article


def _validate_registries(
    checker: _Checker, registries: Mapping[str, LoadedDocument]
) -> tuple[_Registry, dict[str, list[Entity]]]:
    """Validate the registries (entries, ids unique across them, parents); return the ids and entities."""
    # A registry that cannot be read is reported once; references to its ids are not errors on top of that.
    registry = _Registry(KIND_OF_REGISTRY[name].name for name in registries)
    entities: dict[str, list[Entity]] = {kind.registry: [] for kind in ENTITY_KINDS}
    for name, document in registries.items():
        entities[name].extend(_validate_registry(checker, name, document))
    _check_registry_ids(checker, registries, registry)
    for name, group in entities.items():
        for entity in group:
            registry.add_names(KIND_OF_REGISTRY[name].name, entity)
    registry.events = {event.id: event for event in entities["events"] if isinstance(event, Event)}
    for name, document in registries.items():
        positions = _positions(document)
        for entity in entities[name]:
            report = checker.reporter(document, (positions.get(entity.id, 0),))
            story.check_updates_order(report, entity)
            if isinstance(entity, Event):
                story.check_event_entry(report, entity)
    if "actors" in registries:
        actors = [actor for actor in entities["actors"] if isinstance(actor, Actor)]
        document = registries["actors"]
        checker.problems.extend(story.check_relations(document, actors, _positions(document)))
    for name, document in registries.items():
        kind = KIND_OF_REGISTRY[name]
        for reference in entity_references_of(kind.model):
            for entity in entities[name]:
                _check_registry_reference(checker, document, registry, entity, reference)
            if reference.kind == kind.name and not reference.many:
                _check_cycles(checker, document, entities[name], registry, kind, reference.field)
    return registry, entities


def _check_registry_ids(
    checker: _Checker, registries: Mapping[str, LoadedDocument], registry: _Registry
) -> None:
    """Report duplicate, case-clashing and reserved ids across registries; add the others to `registry`."""
    # Where each id was first written; located (the YAML composed again) only when a problem is reported.
    first_seen: dict[str, tuple[LoadedDocument, int]] = {}
    case_fold: CaseFoldIndex[tuple[LoadedDocument, int]] = CaseFoldIndex()

    def place(document: LoadedDocument, position: int) -> tuple[int, int]:
        return locate(document, (position, "id"))

    def named(document: LoadedDocument, position: int) -> str:
        line, column = place(document, position)
        return f"{document.source.path}:{line}:{column}"

    # Positions in the validated list are not positions in the file: this pass reads the data as written.
    for name, document in registries.items():
        if not isinstance(document.data, list):
            continue
        for position, raw in enumerate(document.data):
            entity_id = raw.get("id") if isinstance(raw, dict) else None
            if not isinstance(entity_id, str):
                continue
            entity_id = entity_id.strip()

            def report(message: str, document: LoadedDocument = document, position: int = position) -> None:
                line, column = place(document, position)
                checker.problems.append(Problem(document.source.path, line, column, "error", message))

            clash = case_fold.clash(entity_id, (document, position))
            if clash is not None:
                earlier, (earlier_document, earlier_position) = clash
                report(_case_clash_message(entity_id, earlier, named(earlier_document, earlier_position)))
                continue
            if not ID_RE.fullmatch(entity_id):
                continue
            reason = reserved_reason(entity_id)
            if reason is not None:
                report(f"id: {reason}; choose another id")
            if entity_id in first_seen:
                report(
                    f"duplicate id '{entity_id}': already used at {named(*first_seen[entity_id])}; "
                    f"ids must be unique across {in_words()}"
                )
                continue
            first_seen[entity_id] = (document, position)
            registry.add(KIND_OF_REGISTRY[name].name, entity_id)


def _check_registry_reference(
    checker: _Checker, document: LoadedDocument, registry: _Registry, entity: Entity, reference: Reference
) -> None:
    """Report each id in one reference field of a registry entry that names no entry of the expected kind."""
    value = getattr(entity, reference.field)
    named = list(enumerate(value)) if reference.many else [(None, value)] if value is not None else []
    for below, entity_id in named:
        message = registry.unknown_reference(entity_id, reference.kind)
        if message is None:
            continue
        data = document.data
        position = next(
            (index for index, raw in enumerate(data) if isinstance(raw, dict) and raw.get("id") == entity.id),
            0,
        )
        path: Path = (reference.field,) if below is None else (reference.field, below)
        checker.report(document, (position, *path), f"{format_path(path)}: {message}")


def _check_hidden_characters(checker: _Checker, document: LoadedDocument) -> None:
    """Refuse bidirectional controls, invisible and control characters in every key and text of the YAML.

    They reverse titles and hide differences between names (and in did-you-mean messages); a double-quoted
    string can write one as an escape (`"\\u202e"`), so the parsed text is checked, not only the file.
    """
    if not may_hide_characters(document.yaml_text):
        return  # nearly every file: nothing to walk
    # Joined by line breaks (no joiner sits between letters across them), the texts hold a hidden character
    # only if one of them does: one search finds that; each text is searched only if so.
    if next(find_hidden_characters("\n".join(_texts_in(document.data))), None) is None:
        return
    pending: list[tuple[Path, Any]] = [((), document.data)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, str):
            _report_hidden_character(checker, document, path, value, at_key=False)
        elif isinstance(value, dict):
            for key, item in value.items():
                _report_hidden_character(checker, document, (*path, key), key, at_key=True)
                pending.append(((*path, key), item))
        elif isinstance(value, list):
            pending.extend(((*path, position), item) for position, item in enumerate(value))


def _texts_in(data: Any) -> Iterator[str]:
    """Every key and text in parsed YAML data."""
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            yield from value
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)


def _report_hidden_character(
    checker: _Checker, document: LoadedDocument, path: Path, text: str, *, at_key: bool
) -> None:
    index = next(find_hidden_characters(text), None)
    if index is None:
        return
    # A registry's messages name the field within its entry (`name`), as the model's own do.
    where = format_path(path[1:] if path and isinstance(path[0], int) else path)
    prefix = f"{where}: " if where else ""
    checker.report(document, path, prefix + hidden_character_message(text, index), at_key=at_key)


_TODO = re.compile(r"\bTODO\b")


def _warn_todo(checker: _Checker, path: str, text: str) -> None:
    """Drafts from `newsgen new` and `newsgen import` mark what a human must still write with TODO."""
    if "TODO" not in text:
        return  # most files: no line to look at
    for number, line in enumerate(text.split("\n"), 1):
        found = _TODO.search(line)
        if found:
            checker.problems.append(
                Problem(
                    path,
                    number,
                    found.start() + 1,
                    "warning",
                    "unfinished draft: replace this TODO with what the report says, or remove it",
                )
            )


def _check_cycles(
    checker: _Checker,
    document: LoadedDocument,
    entities: Sequence[Entity],
    registry: _Registry,
    kind: EntityKind,
    field_name: str,
) -> None:
    """Each chain of a field naming an entry of the same kind (an issue's `parent`) must end: no entry may be
    its own parent, directly or through others."""
    if not entities:
        return
    parent_of: dict[str, str] = {}
    for entity in entities:
        parent = getattr(entity, field_name)
        if parent is not None and registry.kind_of.get(parent) == kind.name:
            parent_of[entity.id] = parent
    position = _positions(document)
    finished: set[str] = set()
    for entity in entities:
        chain: list[str] = []
        in_chain: set[str] = set()
        current: str | None = entity.id
        while current is not None and current not in finished and current not in in_chain:
            chain.append(current)
            in_chain.add(current)
            current = parent_of.get(current)
        finished.update(chain)
        if current is None or current not in in_chain:
            continue
        cycle = chain[chain.index(current) :]
        first = min(cycle, key=lambda entity_id: position.get(entity_id, 0))
        if len(cycle) == 1:
            message = (
                f"{field_name}: {kind.name} '{first}' cannot be its own {field_name}; "
                f"name a broader {kind.name} or remove '{field_name}'"
            )
        else:
            start = cycle.index(first)
            loop = " -> ".join([*cycle[start:], *cycle[:start], first])
            message = (
                f"{field_name}: the {kind.registry}' {field_name}s form a loop ({loop}); "
                f"remove '{field_name}' from one of them"
            )
        checker.report(document, (position.get(first, 0), field_name), message)


def _validate_article(checker: _Checker, registry: _Registry, loaded: LoadedArticle) -> Article | None:
    document = loaded.document
    if not ID_RE.fullmatch(loaded.slug) or len(loaded.slug) > ID_MAX_LENGTH:
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
    if document.data is None:
        needed = join_words(required_fields(ARTICLE_MODEL))
        checker.report(document, (), f"front matter is empty: an article needs {needed}")
        return None
    if not isinstance(document.data, dict):
        checker.report(
            document, (), f"front matter must be a mapping of fields, got {describe_value(document.data)}"
        )
        return None
    data = document.data
    definitions = legacy.event_definitions(data)  # events defined in the article, as v1.2 did
    for definition in definitions:
        checker.report(document, ("events", definition.index), definition.message())
    if definitions:
        data = legacy.without_definitions(data, definitions)
    front = _validate_record(checker, document, ARTICLE_MODEL, data, ())
    mentions = find_mentions(loaded.body)
    for mention in mentions:
        if mention.entity_id not in registry.kind_of and len(registry.readable) == len(ENTITY_KINDS):
            hint = registry.suggest(mention.entity_id, KIND_NAMED)
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
                        f"{_REGISTRY_FILES_IN_WORDS}"
                    ),
                )
            )
    defined_here = frozenset(definition.event_id for definition in definitions if definition.event_id)
    _check_article_references(checker, registry, document, data, defined_here)
    if front is None:
        return None
    assert isinstance(front, FrontMatter)
    _check_article_place(checker, document, front.date)
    mentioned = tuple(dict.fromkeys(mention.entity_id for mention in mentions))
    v1_2 = bool(definitions) or "event" not in registry.readable
    report = checker.reporter(document)
    story.check_article(report, front, registry.events, registry.kind_of, mentioned, v1_2=v1_2)
    checker.story.add(loaded.slug, document, front)
    return Article(
        slug=loaded.slug,
        path=document.source.path,
        front=front,
        body=loaded.body,
        body_line=loaded.body_line,
        mentioned=mentioned,
    )


def _check_article_place(checker: _Checker, document: LoadedDocument, date: datetime.date) -> None:
    """The article is in `articles/<year>/`, and its year folder and file name's date agree with `date`."""
    # Plain string operations on the POSIX path: this runs for every article.
    parts = document.source.path.split("/")
    if ARTICLES_FOLDER not in parts[:-1]:
        return  # read from elsewhere (a test's in-memory source): nothing to compare
    articles_at = len(parts) - 1 - parts[::-1].index(ARTICLES_FOLDER, 1)
    articles = "/".join(parts[: articles_at + 1])
    folders = parts[articles_at + 1 : -1]
    name = parts[-1]
    stem, dot, extension = name.rpartition(".")
    stem, suffix = (stem, dot + extension) if dot and stem else (name, "")
    name_date, rest = split_name_date(stem)
    if name_date is None and rest == stem:
        file_name = name  # no date in its name: it keeps its name (and URL)
    else:
        file_name = f"{date.isoformat()}{'-' if rest else ''}{rest}{suffix}"
    destination = f"{articles}/{date.year}/{file_name}"
    if len(folders) != 1 or not _YEAR_FOLDER.fullmatch(folders[0]):
        where = (
            f"'{'/'.join(folders)}' is not a year folder"
            if folders
            else "this article is not in a year folder"
        )
        checker.problems.append(
            Problem(
                document.source.path,
                1,
                1,
                "error",
                f"{where}: articles are read from {articles}/<year>/ (4 digits); move it to {destination}",
            )
        )
        return
    disagreeing = []
    if folders[0] != str(date.year):
        disagreeing.append(f"its year folder {folders[0]}")
    if file_name != name:
        disagreeing.append(f"the date in its file name {stem[:10]}")
    if disagreeing:
        renamed = " (its address changes with its name)" if file_name != name else ""
        checker.report(
            document,
            ("date",),
            f"date: {date.isoformat()} disagrees with {' and '.join(disagreeing)}: move the file to "
            f"{destination}{renamed}, or correct the date",
        )


_YEAR_FOLDER = re.compile("[0-9]{4}")

_REGISTRY_FILES_IN_WORDS = ", ".join(f"{kind.registry}.yml" for kind in ENTITY_KINDS[:-1]) + (
    f" or {ENTITY_KINDS[-1].registry}.yml"
)


def _written_ids(value: Any, many: bool) -> list[tuple[Path, str]]:
    """The well-formed ids in a raw field value, with their path below it (the model reports the others)."""
    if many:
        items = list(enumerate(value)) if isinstance(value, list) else []
        return [((position,), item.strip()) for position, item in items if _is_id(item)]
    return [((), value.strip())] if _is_id(value) else []


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and bool(ID_RE.fullmatch(value.strip()))


def _records(front: dict[str, Any], field_name: str) -> list[tuple[int, dict[str, Any]]]:
    records = front.get(field_name)
    if not isinstance(records, list):
        return []
    return [(index, record) for index, record in enumerate(records) if isinstance(record, dict)]


def _check_article_references(
    checker: _Checker,
    registry: _Registry,
    document: LoadedDocument,
    front: dict[str, Any],
    defined_here: frozenset[str] = frozenset(),
) -> None:
    """Check every reference as written, so a type error elsewhere in the article does not hide any.

    `defined_here` are events the article defines as v1.2 did: that is reported once, not at each use.
    """
    _check_record_references(checker, registry, document, (), front, ARTICLE_MODEL, defined_here)
    # Ids of the article's own lists of records (its event reports, its claims) are each written once.
    for nested in nested_records_of(ARTICLE_MODEL):
        if nested.many:
            _check_unique_ids(checker, document, nested.field, _records(front, nested.field))


def _check_record_references(
    checker: _Checker,
    registry: _Registry,
    document: LoadedDocument,
    prefix: Path,
    record: dict[str, Any],
    model: type[pydantic.BaseModel],
    defined_here: frozenset[str],
) -> None:
    """Each id in `record` (raw data of `model` at `prefix`) and in its nested records names an entry of the
    kind its field expects (or an event in `defined_here`)."""
    ids_by_kind = registry.ids_by_kind
    for reference in entity_references_of(model):
        value = record.get(reference.field)
        if value is None:
            continue
        # The common case first: only known ids of the expected kind, exactly as written.
        expected = reference.kind
        known = ids_by_kind[expected]
        try:
            if known.issuperset(value) if reference.many and type(value) is list else value in known:
                continue
        except TypeError:  # a list or mapping where an id belongs: said below, or by the model
            pass
        for below, entity_id in _written_ids(value, reference.many):
            message = registry.unknown_reference(entity_id, expected)
            if message is not None and not (expected == "event" and entity_id in defined_here):
                path = (*prefix, reference.field, *below)
                checker.report(document, path, f"{format_path(path)}: {message}")
    for nested in nested_records_of(model):
        if nested.many:  # (an article's `source` has no references)
            for index, nested_record in _records(record, nested.field):
                path = (*prefix, nested.field, index)
                _check_record_references(
                    checker, registry, document, path, nested_record, nested.model, defined_here
                )


def _check_unique_ids(
    checker: _Checker, document: LoadedDocument, field_name: str, records: list[tuple[int, dict[str, Any]]]
) -> None:
    seen: dict[str, int] = {}
    for index, record in records:
        record_id = record.get("id")
        if not isinstance(record_id, str):
            continue
        record_id = record_id.strip()
        if record_id in seen:
            line, _ = locate(document, (field_name, seen[record_id], "id"))
            where = (field_name, index, "id")
            checker.report(
                document,
                where,
                f"{format_path(where)}: duplicate id '{record_id}' (first used at line {line}); "
                f"ids of {field_name} must be unique within an article",
            )
        else:
            seen[record_id] = index


def _case_clash_message(name: str, earlier: str, where: str) -> str:
    return (
        f"'{name}' differs from '{earlier}' ({where}) only in letter case; both become the same URL on "
        f"some systems: use '{earlier}' or choose another name"
    )


def _check_slugs(checker: _Checker, articles: Sequence[tuple[str, str]]) -> None:
    """Slugs unique, not clashing in letter case, not reserved; `articles` are (path, slug) in path order."""
    first: dict[str, str] = {}
    case_fold: CaseFoldIndex[str] = CaseFoldIndex()
    for path, slug in articles:

        def report(message: str, path: str = path) -> None:
            checker.problems.append(Problem(path, 1, 1, "error", message))

        if slug in first:
            report(
                f"duplicate article slug '{slug}': {first[slug]} has the same file name; "
                "slugs are URLs and must be unique across year folders"
            )
            continue
        first[slug] = path
        clash = case_fold.clash(slug, path)
        if clash is not None:
            report(f"file name: {_case_clash_message(slug, *clash)}")
        reason = reserved_reason(slug)
        if reason is not None:
            report(f"file name: {reason}; rename the file")


def _warn_unused(
    checker: _Checker,
    registries: Mapping[str, LoadedDocument],
    entities: dict[str, list[Entity]],
    articles: Sequence[ArticleFacts],
    *,
    usage_known: bool,
) -> None:
    used: set[str] = set()
    issues_with_claims: set[str] = set()
    for article in articles:
        used.update(article.uses)
        issues_with_claims.update(article.issues_claimed)
    for name, document in registries.items():
        kind = KIND_OF_REGISTRY[name].name
        positions = _positions(document)
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
