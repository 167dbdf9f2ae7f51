"""The content model in one table: each entity kind, its registry, pages and types, and every reference field.

Every stage reads this module instead of spelling kinds out: validation (which id a field must name), the
index (what an article involves), paths and URLs, feeds, open data, editor schemas, scaffolding, the importer
and structured data. Which fields refer to which kind is read from the model's own annotations
(`Annotated[Id, RefersTo("actor")]` in `generator.domain.model`), so a new reference field is declared once,
on the model. A new kind is one more `EntityKind` row (with its model class and a template `<name>.md.j2`).
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import pydantic
from pydantic import StringConstraints

from generator.domain.model import (
    ID_PATTERN,
    Actor,
    Claim,
    Entity,
    Event,
    EventReport,
    FrontMatter,
    Issue,
    MarkdownText,
    RefersTo,
    Venue,
)


@dataclass(frozen=True)
class EntityKind:
    """One kind of registry entry: where it is written, where its pages live and how it is described."""

    name: str
    """The kind as messages and templates say it: `actor` (its page template is `actor.md.j2`)."""
    model: type[Entity]
    """The model class of its entries."""
    registry: str
    """`actors`: its registry is `content/actors.yml`, its pages `actors/<id>/`, its feeds `feeds/actors/`,
    its open-data table `data/actors.json`; also its plural in messages."""
    schema_type: str
    """Its schema.org type in JSON-LD."""
    article_property: Literal["about", "mentions"]
    """How a schema.org `NewsArticle` names it: what it is `about`, or whom and where it `mentions`."""
    summary_hint: str
    """What `newsgen new` asks a contributor to write as the entry's summary (after `TODO `)."""
    schema_types_by_kind: Mapping[str, str] = field(default_factory=dict)
    """A more precise schema.org type for some values of the entry's `kind` field (a person is a `Person`)."""
    named_in_reports: bool = False
    """Whether `newsgen import` looks for its entries' names and aliases in a report's text."""
    introduced_in: str | None = None
    """The content model version that added this registry (`v2`), if not the first: content written for an
    earlier one lacks it, and `newsgen migrate` writes it."""

    @property
    def label_field(self) -> str:
        """The field that names an entry (`name`, `title`), declared on the model."""
        return self.model.label_field

    @property
    def markdown_fields(self) -> tuple[str, ...]:
        """The entry's fields that are Markdown (`explainer`), marked `Markdown` on the model."""
        return markdown_fields(self.model)

    @property
    def kinds_of_entry(self) -> tuple[str, ...]:
        """The values its entries' `kind` field allows (`person`, `state` ...); none without such a field."""
        found = self.model.model_fields.get("kind")
        return _literal_values(found.annotation) if found is not None else ()

    def schema_type_of(self, entity: Entity) -> str:
        """The schema.org type of one entry (`Person` for an actor whose kind is `person`)."""
        return self.schema_types_by_kind.get(getattr(entity, "kind", ""), self.schema_type)


ENTITY_KINDS: tuple[EntityKind, ...] = (
    EntityKind(
        name="actor",
        model=Actor,
        registry="actors",
        schema_type="GovernmentOrganization",
        schema_types_by_kind={"person": "Person", "organisation": "Organization", "group": "Organization"},
        article_property="mentions",
        summary_hint="one sentence on who this is and why it matters to the story.",
        named_in_reports=True,
    ),
    EntityKind(
        name="venue",
        model=Venue,
        registry="venues",
        schema_type="Place",
        article_property="mentions",
        summary_hint="one sentence on what this place is and why it matters to the story.",
        named_in_reports=True,
    ),
    EntityKind(
        name="issue",
        model=Issue,
        registry="issues",
        schema_type="Thing",
        article_property="about",
        summary_hint="one line that explains the issue to a newcomer.",
    ),
    EntityKind(
        name="event",
        model=Event,
        registry="events",
        schema_type="Event",
        article_property="about",
        summary_hint="one sentence on what happened (or was proposed) and why it matters to the story.",
        introduced_in="v2",
    ),
)
"""Every entity kind, in the order registries are read, pages listed and tables written."""

KIND_NAMED: dict[str, EntityKind] = {kind.name: kind for kind in ENTITY_KINDS}
"""`actor` to its row."""

KIND_OF_REGISTRY: dict[str, EntityKind] = {kind.registry: kind for kind in ENTITY_KINDS}
"""`actors` to its row."""

KIND_OF_MODEL: dict[type[Entity], EntityKind] = {kind.model: kind for kind in ENTITY_KINDS}
"""`Actor` to its row."""

ARTICLE_MODEL: type[pydantic.BaseModel] = FrontMatter
"""An article's front matter; its events and claims are records nested in it."""

FIRST_SEEN_ORDER: dict[type[pydantic.BaseModel], tuple[str, ...]] = {
    Event: ("actors", "issues", "venue"),
    EventReport: ("id",),
    Claim: ("by", "via", "venue", "issues"),
}
"""The order in which a record's references are taken when the ids an article involves are listed first
seen first (open data's `entities` column, the order of names on an article page); fields not listed follow
in model order. Kept as it was when each was written by hand, so published data does not reorder."""


@dataclass(frozen=True)
class Reference:
    """A field of a model that names another entry."""

    field: str
    kind: str
    """The kind named (`actor`)."""
    many: bool
    """A list of ids (`issues: [a, b]`) rather than one id."""
    within: str | None = None
    """`story` if the id names a claim written in an article, or an article; not a registry entry."""


@dataclass(frozen=True)
class NestedRecords:
    """A field of a model that holds records of another model (an article's `claims`)."""

    field: str
    model: type[pydantic.BaseModel]
    many: bool


def _metadata(annotation: Any) -> Iterator[Any]:
    """Every `Annotated` mark anywhere inside a type (`tuple[Annotated[str, x], ...] | None` gives `x`)."""
    if typing.get_origin(annotation) is typing.Annotated:
        yield from annotation.__metadata__
    for argument in typing.get_args(annotation):
        yield from _metadata(argument)


def _field_marks(info: pydantic.fields.FieldInfo) -> list[Any]:
    # pydantic lifts the marks of a field's outermost `Annotated` into `metadata`.
    return [*info.metadata, *_metadata(info.annotation)]


def _is_many(annotation: Any) -> bool:
    if typing.get_origin(annotation) in (tuple, list):
        return True
    return any(_is_many(argument) for argument in typing.get_args(annotation) if argument is not type(None))


def _literal_values(annotation: Any) -> tuple[str, ...]:
    if typing.get_origin(annotation) is Literal:
        return typing.get_args(annotation)
    return ()


def _nested_model(annotation: Any) -> type[pydantic.BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _nested_model(argument)
        if found is not None:
            return found
    return None


@functools.cache
def references_of(model: type[pydantic.BaseModel]) -> tuple[Reference, ...]:
    """The fields of `model` that name other entries, in model order (nested records not included)."""
    found = []
    for name, info in model.model_fields.items():
        for mark in _field_marks(info):
            if isinstance(mark, RefersTo):
                found.append(Reference(name, mark.kind, _is_many(info.annotation), mark.within))
                break
    return tuple(found)


@functools.cache
def entity_references_of(model: type[pydantic.BaseModel]) -> tuple[Reference, ...]:
    """The fields of `model` that name registry entries (not records of the same article)."""
    return tuple(reference for reference in references_of(model) if reference.within is None)


@functools.cache
def nested_records_of(model: type[pydantic.BaseModel]) -> tuple[NestedRecords, ...]:
    """The fields of `model` that hold records of another model, in model order."""
    found = []
    for name, info in model.model_fields.items():
        nested = _nested_model(info.annotation)
        if nested is not None:
            found.append(NestedRecords(name, nested, _is_many(info.annotation)))
    return tuple(found)


@functools.cache
def markdown_fields(model: type[pydantic.BaseModel]) -> tuple[str, ...]:
    """The fields of `model` marked as Markdown."""
    return tuple(
        name
        for name, info in model.model_fields.items()
        if any(isinstance(mark, MarkdownText) for mark in _field_marks(info))
    )


@functools.cache
def required_fields(model: type[pydantic.BaseModel]) -> tuple[str, ...]:
    """The fields of `model` that must be written, in model order (an article's `title`, `date` ...)."""
    return tuple(name for name, info in model.model_fields.items() if info.is_required())


def is_id_field(info: pydantic.fields.FieldInfo) -> bool:
    """Whether a field holds ids (one or a list)."""
    return any(
        isinstance(mark, StringConstraints) and mark.pattern == ID_PATTERN for mark in _field_marks(info)
    )


def all_models() -> tuple[type[pydantic.BaseModel], ...]:
    """Every model of the content: the entity models, front matter and every record nested in them."""
    found: dict[type[pydantic.BaseModel], None] = {}
    pending: list[type[pydantic.BaseModel]] = [*(kind.model for kind in ENTITY_KINDS), ARTICLE_MODEL]
    while pending:
        model = pending.pop(0)
        if model in found:
            continue
        found[model] = None
        pending.extend(nested.model for nested in nested_records_of(model))
    return tuple(found)


@functools.cache
def id_field_names() -> frozenset[str]:
    """The names of every field, in any model, that holds ids (to explain a number written as an id)."""
    return frozenset(
        name for model in all_models() for name, info in model.model_fields.items() if is_id_field(info)
    )


@functools.cache
def _first_seen_getters(model: type[pydantic.BaseModel]) -> tuple[tuple[str, bool], ...]:
    references = {reference.field: reference for reference in entity_references_of(model)}
    order = [name for name in FIRST_SEEN_ORDER.get(model, ()) if name in references]
    order += [name for name in references if name not in order]
    return tuple((name, references[name].many) for name in order)


def referenced_ids(record: pydantic.BaseModel) -> list[str]:
    """The registry ids `record` names in its own fields (not in nested records), in `FIRST_SEEN_ORDER`."""
    ids: list[str] = []
    for name, many in _first_seen_getters(type(record)):
        value = getattr(record, name)
        if many:
            ids += value
        elif value is not None:
            ids.append(value)
    return ids


def involved_ids(record: pydantic.BaseModel) -> list[str]:
    """The registry ids `record` names: in its nested records first (an article's events, then its claims),
    then in its own fields; repeated as often as they are named."""
    ids: list[str] = []
    for nested in nested_records_of(type(record)):
        value = getattr(record, nested.field)
        for item in value if nested.many else (value,):
            if item is not None:
                ids += involved_ids(item)
    ids += referenced_ids(record)
    return ids


def in_words(kinds: tuple[EntityKind, ...] = ENTITY_KINDS, last: str = "and") -> str:
    """The registries named in a sentence: `actors, venues, issues and events`."""
    return join_words([kind.registry for kind in kinds], last)


def join_words(words: Sequence[str], last: str = "and") -> str:
    """Words in a sentence: `a`, `a and b`, `a, b and c`."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"
