"""`newsgen rename`: a new id for an entry (an event too) or a claim, or a new name for an article, everywhere
at once.

Every reference (the fields the model marks `RefersTo`) and every `[[mention]]` is rewritten where it is
written, so comments and formatting stay; the whole change is checked in memory before anything is written,
then each file is replaced whole; the old page's address is kept in `content/redirects.yml`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydantic
import yaml

from generator.check.validate import validate_stream
from generator.check.wording import did_you_mean
from generator.domain.kinds import (
    ARTICLE_MODEL,
    ENTITY_KINDS,
    KIND_NAMED,
    KIND_OF_REGISTRY,
    all_models,
    markdown_fields,
    nested_records_of,
    references_of,
)
from generator.domain.model import Story, StorySection
from generator.domain.paths import REDIRECTS_FILE
from generator.load.loader import (
    LoadedArticle,
    LoadedContent,
    LoadedDocument,
    SourceFile,
    load_content,
    load_sources,
    locate,
)
from generator.load.mentions import find_mentions
from generator.outputs.redirects import (
    ARTICLE_KIND,
    check_redirects,
    existing_pages,
    parse_redirects,
    renamed,
    render_redirects,
)
from generator.problems import Problem, count_errors
from generator.tools.scaffold import ScaffoldError, check_article_name, check_new_id

RECORD_KINDS: dict[str, str] = {
    reference.kind: nested.field
    for model in all_models()
    for reference in references_of(model)
    if reference.within == "story"
    for nested in nested_records_of(ARTICLE_MODEL)
    if nested.model.__name__.lower() == reference.kind
}
"""Record kinds written in one article that others name (`claim`, which later reports `carries`), to the
front matter field that lists them."""

RENAMED_KINDS: tuple[str, ...] = (*(kind.name for kind in ENTITY_KINDS), *RECORD_KINDS, ARTICLE_KIND)
"""What `newsgen rename` renames."""

_DATE_PREFIX = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}-")


class RenameError(Exception):
    """A rename that cannot be done; nothing was written."""


@dataclass
class Rename:
    """What a rename changes: each file's new text (None: the file goes), before anything is written."""

    kind: str
    old: str
    new: str
    texts: dict[Path, str | None] = field(default_factory=dict)
    references: int = 0
    """How many ids and mentions were rewritten (the renamed id itself not counted)."""


@dataclass
class _FileEdits:
    """Replacements in one file's text: (start, length, new text)."""

    text: str
    replacements: set[tuple[int, int, str]] = field(default_factory=set)

    def offset(self, line: int, column: int) -> int:
        """The index in `text` of a 1-based line and column."""
        start = 0
        for _ in range(line - 1):
            start = self.text.index("\n", start) + 1
        return start + column - 1

    def replace_id(self, line: int, column: int, old: str, new: str, where: str) -> None:
        """Replace the id `old` written (plain or quoted) at `line:column`."""
        offset = self.offset(line, column)
        quote = self.text[offset] if self.text[offset : offset + 1] in ("'", '"') else ""
        start = offset + len(quote)
        after = self.text[start + len(old) : start + len(old) + 1]
        ends = after == quote if quote else not (after.isalnum() or after == "-")
        if not (self.text.startswith(old, start) and ends):
            raise RenameError(
                f"{where}:{line}:{column}: '{old}' is not written here as an id alone; rename it by hand"
            )
        self.replacements.add((start, len(old), new))

    def edited(self) -> str:
        """The text with every replacement made."""
        text = self.text
        for start, length, new in sorted(self.replacements, reverse=True):
            text = text[:start] + new + text[start + length :]
        return text


def plan_rename(content_dir: Path, kind: str, old: str, new: str, *, article: str | None = None) -> Rename:
    """Work out every change of renaming `old` to `new` (of `kind`) and check the result; write nothing.

    `article` picks the article of an event whose id several articles use. Raise `RenameError`.
    """
    if kind not in RENAMED_KINDS:
        raise RenameError(f"cannot rename a '{kind}': rename one of {', '.join(RENAMED_KINDS)}")
    root = content_dir.resolve().parent
    loaded = load_content(content_dir, root)
    _refuse_errors(loaded, content_dir, root)
    redirects_text = _read_optional(content_dir / REDIRECTS_FILE)
    edits: dict[str, _FileEdits] = {}
    moves: dict[str, str] = {}
    plan = Rename(kind, old, new)
    if kind == ARTICLE_KIND:
        old, new = _plan_article(loaded, old, new, moves)
        plan.old, plan.new = old, new
        plan.references = _edit_everywhere(loaded, edits, kind, old, new)
    elif kind in RECORD_KINDS:
        plan.references = _plan_record(loaded, kind, old, new, article, edits)
    else:
        plan.references = _plan_entity(loaded, kind, old, new, edits)
    redirects = None
    if kind == ARTICLE_KIND or kind in KIND_NAMED:
        source = SourceFile(f"{content_dir.name}/{REDIRECTS_FILE}", redirects_text or "")
        existing, problems = parse_redirects(source)
        if count_errors(problems):
            raise RenameError(_listed(problems, "content/redirects.yml has errors; fix them first"))
        redirects = render_redirects(renamed(existing, kind, old, new))
    new_texts = {path: each.edited() for path, each in edits.items()}
    _check_result(loaded, new_texts, moves, redirects, content_dir)
    for path, text in new_texts.items():
        plan.texts[root / path] = text
    for old_path, new_path in moves.items():
        plan.texts[root / new_path] = _text_of(loaded, old_path)
        plan.texts[root / old_path] = None
    if redirects is not None:
        plan.texts[root / content_dir.name / REDIRECTS_FILE] = redirects
    return plan


def apply_rename(plan: Rename) -> None:
    """Write every changed file to a temporary file beside it, then put each in place; on any failure,
    put back what was already replaced and raise `RenameError`."""
    temporaries: dict[Path, Path] = {}
    try:
        for path, text in plan.texts.items():
            if text is not None:
                temporary = path.with_name(f".{path.name}.rename")
                temporary.write_text(text, encoding="utf-8")
                temporaries[path] = temporary
    except OSError as error:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)
        raise RenameError(f"cannot write {error.filename}: {error.strerror}; nothing was changed") from None
    originals: dict[Path, bytes | None] = {}
    try:
        for path, text in plan.texts.items():
            originals[path] = path.read_bytes() if path.exists() else None
            if text is None:
                path.unlink()
            else:
                os.replace(temporaries.pop(path), path)
    except OSError as error:
        for path, data in originals.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(data)
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)
        raise RenameError(
            f"cannot write {error.filename}: {error.strerror}; every file was put back"
        ) from None


def _plan_entity(loaded: LoadedContent, kind: str, old: str, new: str, edits: dict[str, _FileEdits]) -> int:
    """Rename the entry, every reference to it and every mention of it; return how many were rewritten."""
    registry = KIND_NAMED[kind].registry
    documents = loaded.registries
    ids = {
        entry.get("id"): (name, index)
        for name, document in documents.items()
        for index, entry in enumerate(document.data or [])
        if isinstance(entry, dict)
    }
    if old not in ids or ids[old][0] != registry:
        known = [entity_id for entity_id, (name, _) in ids.items() if name == registry]
        raise RenameError(f"no {kind} '{old}' in content/{registry}.yml.{did_you_mean(old, known)}")
    try:
        check_new_id(new, set(ids))
    except ScaffoldError as error:
        raise RenameError(str(error)) from None
    document = documents[registry]
    _edit_id(edits, document, (ids[old][1], "id"), old, new)
    count = _edit_everywhere(loaded, edits, kind, old, new)
    for article in loaded.articles:
        count += _edit_body_mentions(edits, article, old, new)
    return count


def _edit_everywhere(
    loaded: LoadedContent, edits: dict[str, _FileEdits], kind: str, old: str, new: str
) -> int:
    """Rewrite every reference of `kind` to `old`, in every registry and article; return how many."""
    count = 0
    for name, document in loaded.registries.items():
        model = KIND_OF_REGISTRY[name].model
        for index, entry in enumerate(document.data or []):
            if isinstance(entry, dict):
                count += _edit_references(edits, document, entry, model, (index,), kind, old, new)
    for each in loaded.articles:
        count += _edit_references(edits, each.document, each.document.data, ARTICLE_MODEL, (), kind, old, new)
    story = loaded.story
    if story is not None and isinstance(story.data, dict):
        # The grid's ids and the sections' sources (nested records), then the mentions in the sections' text.
        count += _edit_references(edits, story, story.data, Story, (), kind, old, new)
        sections = story.data.get("sections")
        for index, section in enumerate(sections if isinstance(sections, list) else []):
            if isinstance(section, dict) and kind in KIND_NAMED:
                prefix = ("sections", index)
                count += _edit_markdown_mentions(edits, story, section, StorySection, prefix, old, new)
    return count


def _plan_record(
    loaded: LoadedContent, kind: str, old: str, new: str, article: str | None, edits: dict[str, _FileEdits]
) -> int:
    """Rename a record written in one article (a claim) and every reference to it in any article."""
    records_field = RECORD_KINDS[kind]
    having = [each for each in loaded.articles if old in _record_ids(each, records_field)]
    if article is not None:
        having = [each for each in having if article in (each.slug, _DATE_PREFIX.sub("", each.slug))]
    if not having:
        known = {record_id for each in loaded.articles for record_id in _record_ids(each, records_field)}
        raise RenameError(f"no {kind} '{old}' in any article.{did_you_mean(old, known)}")
    if len(having) > 1:
        slugs = ", ".join(each.slug for each in having)
        raise RenameError(f"several articles have a {kind} '{old}' ({slugs}): say which with --article SLUG")
    found = having[0]
    ids = _record_ids(found, records_field)
    try:
        check_new_id(new, set(ids))
    except ScaffoldError as error:
        raise RenameError(f"{error} in {found.document.source.path}") from None
    every = {record_id for each in loaded.articles for record_id in _record_ids(each, records_field)}
    if new in every:
        raise RenameError(f"{kind} id '{new}' exists already; {kind} ids are unique across the story")
    _edit_id(edits, found.document, (records_field, ids[old], "id"), old, new)
    return _edit_everywhere(loaded, edits, kind, old, new)


def _plan_article(loaded: LoadedContent, old: str, new: str, moves: dict[str, str]) -> tuple[str, str]:
    """Move the article to its new name (keeping its date); return its old and new slug."""
    slugs = {each.slug: each for each in loaded.articles}
    by_name = {_DATE_PREFIX.sub("", slug): each for slug, each in slugs.items()}
    found = slugs.get(old) or by_name.get(old)
    if found is None:
        raise RenameError(f"no article '{old}'.{did_you_mean(old, [*slugs, *by_name])}")
    prefix = found.slug[: len(found.slug) - len(_DATE_PREFIX.sub("", found.slug))]
    name = new.removeprefix(prefix)
    try:
        check_article_name(name)
    except ScaffoldError as error:
        raise RenameError(str(error)) from None
    new_slug = prefix + name
    if new_slug in slugs:
        raise RenameError(f"article '{new_slug}' exists already ({slugs[new_slug].document.source.path})")
    old_path = found.document.source.path
    moves[old_path] = Path(old_path).with_name(f"{new_slug}.md").as_posix()
    return found.slug, new_slug


def _edit_references(
    edits: dict[str, _FileEdits],
    document: LoadedDocument,
    record: dict[str, Any],
    model: type[pydantic.BaseModel],
    prefix: tuple[str | int, ...],
    kind: str,
    old: str,
    new: str,
) -> int:
    count = 0
    for path in _reference_paths(record, model, prefix, kind, old):
        _edit_id(edits, document, path, old, new)
        count += 1
    if kind in KIND_NAMED:
        count += _edit_markdown_mentions(edits, document, record, model, prefix, old, new)
    return count


def _reference_paths(
    record: Any, model: type[pydantic.BaseModel], prefix: tuple[str | int, ...], kind: str, old: str
) -> Iterator[tuple[str | int, ...]]:
    """Where in `record` (data of `model` at `prefix`) the fields of `kind` name `old`."""
    if not isinstance(record, dict):
        return
    for reference in references_of(model):
        if reference.kind != kind:
            continue
        value = record.get(reference.field)
        if reference.many and isinstance(value, list):
            yield from ((*prefix, reference.field, index) for index, item in enumerate(value) if item == old)
        elif value == old:
            yield (*prefix, reference.field)
    for nested in nested_records_of(model):
        value = record.get(nested.field)
        if nested.many and isinstance(value, list):
            for index, item in enumerate(value):
                yield from _reference_paths(item, nested.model, (*prefix, nested.field, index), kind, old)
        else:
            yield from _reference_paths(value, nested.model, (*prefix, nested.field), kind, old)


def _edit_markdown_mentions(
    edits: dict[str, _FileEdits],
    document: LoadedDocument,
    record: dict[str, Any],
    model: type[pydantic.BaseModel],
    prefix: tuple[str | int, ...],
    old: str,
    new: str,
) -> int:
    """Rename mentions of `old` in the Markdown fields of `record` (an issue's `explainer`)."""
    count = 0
    for name in markdown_fields(model):
        value = record.get(name)
        if not isinstance(value, str) or not any(each.entity_id == old for each in find_mentions(value)):
            continue
        node = _scalar_node(document.yaml_text, (*prefix, name))
        file_edits = _edits_of(edits, document)
        start = file_edits.offset(node.start_mark.line + 1 + document.line_offset, node.start_mark.column + 1)
        written = file_edits.text[start : start + node.end_mark.index - node.start_mark.index]
        for match in _mention_of(old).finditer(written):
            file_edits.replacements.add((start + match.start("id"), len(old), new))
            count += 1
    return count


def _edit_body_mentions(edits: dict[str, _FileEdits], article: LoadedArticle, old: str, new: str) -> int:
    mentions = [each for each in find_mentions(article.body) if each.entity_id == old]
    file_edits = _edits_of(edits, article.document)
    for mention in mentions:
        line = article.body_line + mention.line - 1
        file_edits.replace_id(line, mention.id_column, old, new, article.document.source.path)
    return len(mentions)


def _mention_of(entity_id: str) -> re.Pattern[str]:
    return re.compile(r"\[\[(?:[^\[\]|\n]+\|)?\s*(?P<id>" + re.escape(entity_id) + r")\s*\]\]")


def _scalar_node(yaml_text: str, path: Sequence[str | int]) -> yaml.Node:
    node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next(value for key, value in node.value if key.value == step)
        else:
            node = node.value[step]
    return node


def _edit_id(
    edits: dict[str, _FileEdits], document: LoadedDocument, path: Sequence[str | int], old: str, new: str
) -> None:
    line, column = locate(document, path)
    _edits_of(edits, document).replace_id(line, column, old, new, document.source.path)


def _edits_of(edits: dict[str, _FileEdits], document: LoadedDocument) -> _FileEdits:
    source = document.source
    return edits.setdefault(source.path, _FileEdits(source.text))


def _record_ids(article: LoadedArticle, records_field: str) -> dict[str, int]:
    records = (article.document.data or {}).get(records_field) or []
    return {record.get("id"): index for index, record in enumerate(records) if isinstance(record, dict)}


def _text_of(loaded: LoadedContent, path: str) -> str:
    return next(each.document.source.text for each in loaded.articles if each.document.source.path == path)


def _read_optional(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise RenameError(f"cannot read {path}: {error}") from None


def _refuse_errors(loaded: LoadedContent, content_dir: Path, root: Path) -> None:
    problems = validate_stream(loaded.registries, iter(loaded.articles), loaded.problems, loaded.story)[1]
    if count_errors(problems):
        raise RenameError(_listed(problems, f"{content_dir} has errors; fix them first (`newsgen check`)"))


def _check_result(
    loaded: LoadedContent,
    new_texts: dict[str, str],
    moves: dict[str, str],
    redirects: str | None,
    content_dir: Path,
) -> None:
    """Validate the renamed content in memory; raise `RenameError` if it would have any error."""
    registries = {
        name: SourceFile(document.source.path, new_texts.get(document.source.path, document.source.text))
        for name, document in loaded.registries.items()
    }
    articles = [
        SourceFile(
            moves.get(each.document.source.path, each.document.source.path),
            new_texts.get(each.document.source.path, each.document.source.text),
        )
        for each in loaded.articles
    ]
    story = None
    if loaded.story is not None:
        path = loaded.story.source.path
        story = SourceFile(path, new_texts.get(path, loaded.story.source.text))
    after = load_sources(registries, articles, story)
    content, problems = validate_stream(after.registries, iter(after.articles), after.problems, after.story)
    if content is not None and redirects is not None:
        source = SourceFile(f"{content_dir.name}/{REDIRECTS_FILE}", redirects)
        pages = existing_pages(content)
        problems = [*problems, *check_redirects(source.path, parse_redirects(source)[0], pages)]
    if count_errors(problems):
        raise RenameError(_listed(problems, "the renamed content would have errors; nothing was written"))


def _listed(problems: Sequence[Problem], summary: str) -> str:
    errors = [problem.format() for problem in problems if problem.severity == "error"]
    return "\n".join([*errors[:10], summary])
