"""Editor support: JSON Schemas (Draft 2020-12) of the registries and of article front matter.

Built from the pydantic model, with the registries' ids as enums so an editor completes `by:` with actor ids.
The schemas are committed under `schemas/`; `newsgen schema` rewrites them when the model or the ids change.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pydantic

from generator.domain.kinds import (
    ARTICLE_MODEL,
    ENTITY_KINDS,
    KIND_NAMED,
    KIND_OF_REGISTRY,
    all_models,
    entity_references_of,
)
from generator.domain.model import ID_PATTERN, ID_RE, Story, StorySection
from generator.domain.paths import STORY_FILE
from generator.load.loader import LoadedContent

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = Path("schemas")
ARTICLE_SCHEMA = "article.schema.json"
STORY_SCHEMA = "story.schema.json"

_ID_REFERENCES: dict[str, dict[str, str]] = {
    model.__name__: {reference.field: reference.kind for reference in entity_references_of(model)}
    for model in (*all_models(), Story, StorySection)
}
"""Per model, the fields that name a registry entry, and of which kind (read from the model)."""

_URL_FIELDS = frozenset({"url", "sources"})
_URL_SCHEMA = {"type": "string", "format": "uri", "pattern": "^https?://[^/]"}


def schema_comment(registry: str) -> str:
    """The first line of `content/<registry>.yml`, which points YAML editors at its schema."""
    return f"# yaml-language-server: $schema=../{SCHEMA_DIR.as_posix()}/{schema_file_name(registry)}"


def schema_file_name(registry: str) -> str:
    """`actors` -> `actors.schema.json`."""
    return f"{registry}.schema.json"


def registry_ids(loaded: LoadedContent) -> dict[str, list[str]]:
    """Well-formed ids in each registry, by kind (`actor`), sorted; an unreadable registry gives none."""
    ids: dict[str, list[str]] = {kind: [] for kind in KIND_NAMED}
    for name, document in loaded.registries.items():
        entries = document.data if isinstance(document.data, list) else []
        written = (entry.get("id") for entry in entries if isinstance(entry, dict))
        ids[KIND_OF_REGISTRY[name].name] = sorted(
            {entity_id for entity_id in written if isinstance(entity_id, str) and ID_RE.fullmatch(entity_id)}
        )
    return ids


def build_schemas(ids: Mapping[str, Iterable[str]]) -> dict[str, dict[str, Any]]:
    """Every schema, by file name: one per registry and `article.schema.json` for front matter."""
    schemas = {}
    for kind in ENTITY_KINDS:
        name, model = kind.registry, kind.model
        entry = _model_schema(model, ids)
        definitions = entry.pop("$defs", {})
        definitions[model.__name__] = entry
        schemas[schema_file_name(name)] = _document(
            f"content/{name}.yml",
            f"The {name} registry: a list of entries.",
            {"type": "array", "items": {"$ref": f"#/$defs/{model.__name__}"}},
            definitions,
            ids,
        )
    front = _model_schema(ARTICLE_MODEL, ids)
    definitions = front.pop("$defs", {})
    schemas[ARTICLE_SCHEMA] = _document(
        "content/articles/<year>/<slug>.md (front matter)",
        "An article's YAML front matter, between the two '---' lines.",
        front,
        definitions,
        ids,
    )
    story = _model_schema(Story, ids)
    definitions = story.pop("$defs", {})
    # A story section's source is a report's slug or a URL (everywhere else `sources` are URLs only).
    section = definitions[StorySection.__name__]["properties"]
    section["sources"] = {
        "description": "The reports (their slugs) and pages (URLs) the section is written from.",
        "type": "array",
        "minItems": 1,
        "items": {"anyOf": [{"type": "string", "pattern": ID_PATTERN}, _URL_SCHEMA]},
    }
    schemas[STORY_SCHEMA] = _document(
        f"content/{STORY_FILE}",
        "The story as a whole: the summary the home page opens with, its date and the stance grid.",
        story,
        definitions,
        ids,
    )
    return schemas


def render_schema(schema: Mapping[str, Any]) -> str:
    """The committed text of a schema: stable key order, two-space indent, final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def stale_schemas(schema_dir: Path, schemas: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """File names under `schema_dir` that are missing or differ from `schemas`."""
    stale = []
    for file_name, schema in sorted(schemas.items()):
        path = schema_dir / file_name
        if not path.is_file() or path.read_text(encoding="utf-8") != render_schema(schema):
            stale.append(file_name)
    return stale


def write_schemas(schema_dir: Path, schemas: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Write the schemas that changed (each replaced atomically); return their file names."""
    changed = stale_schemas(schema_dir, schemas)
    schema_dir.mkdir(parents=True, exist_ok=True)
    for file_name in changed:
        target = schema_dir / file_name
        temporary = target.with_name(f".{file_name}.tmp")
        temporary.write_text(render_schema(schemas[file_name]), encoding="utf-8")
        temporary.replace(target)
    return changed


def _document(
    title: str,
    description: str,
    root: dict[str, Any],
    definitions: dict[str, Any],
    ids: Mapping[str, Iterable[str]],
) -> dict[str, Any]:
    used = json.dumps([root, definitions])
    for kind, known in sorted(ids.items()):
        if f"#/$defs/{kind.capitalize()}Id" not in used:
            continue
        definitions[f"{kind.capitalize()}Id"] = {
            "description": f"The id of {'an' if kind[0] in 'aeiou' else 'a'} {kind} in "
            f"content/{KIND_NAMED[kind].registry}.yml.",
            "type": "string",
            "enum": list(known),
        }
    body = {key: value for key, value in root.items() if key not in ("title", "description")}
    return {
        "$schema": DIALECT,
        "title": title,
        "description": description,
        **body,
        "$defs": dict(sorted(definitions.items())),
    }


def _model_schema(model: type[pydantic.BaseModel], ids: Mapping[str, Iterable[str]]) -> dict[str, Any]:
    schema = model.model_json_schema()
    for name, definition in [(model.__name__, schema), *schema.get("$defs", {}).items()]:
        properties = definition.get("properties", {})
        for field_name, kind in _ID_REFERENCES.get(name, {}).items():
            if field_name in properties:
                properties[field_name] = _replace_strings(
                    properties[field_name], {"$ref": f"#/$defs/{kind.capitalize()}Id"}
                )
        for field_name in _URL_FIELDS & set(properties):
            properties[field_name] = _replace_strings(properties[field_name], _URL_SCHEMA)
    return schema


def _replace_strings(schema: dict[str, Any], replacement: dict[str, Any]) -> dict[str, Any]:
    """`schema` with every plain string branch (also inside lists and `anyOf`) replaced by `replacement`."""
    if "anyOf" in schema:
        return {**schema, "anyOf": [_replace_strings(branch, replacement) for branch in schema["anyOf"]]}
    if schema.get("type") == "array":
        return {**schema, "items": _replace_strings(schema["items"], replacement)}
    if schema.get("type") == "string":
        kept = {key: value for key, value in schema.items() if key in ("title", "default", "description")}
        return {**kept, **replacement}
    return schema
