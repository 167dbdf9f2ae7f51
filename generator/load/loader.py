"""Read stage: content files to plain data, with a strict YAML loader and located errors."""

from __future__ import annotations

import datetime
import functools
import re
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.domain.kinds import ENTITY_KINDS, KIND_OF_REGISTRY
from generator.domain.paths import ARTICLE_EXTENSION, STORY_FILE, is_system_file
from generator.load.yaml_syntax import diagnose, read_tokens, split_lines
from generator.problems import Problem

REGISTRY_NAMES: tuple[str, ...] = tuple(kind.registry for kind in ENTITY_KINDS)
"""The registries, in the order they are read: `content/<name>.yml`."""

MAX_FILE_BYTES = 1_000_000
"""A content file larger than this is refused (a hand-written article is a few kilobytes)."""

MAX_REGISTRY_BYTES = 20_000_000
"""A registry (`actors.yml` ...) larger than this is refused. A registry holds every entry of its kind in the
story: at 10,000 articles the benchmark's `events.yml` is 1.7 MB (5,000 events)."""

MAX_CONTENT_BYTES = 200_000_000
"""All content files together may not be larger than this: about 35,000 articles of 600 words with their
annotations (10,000 such articles, the scale the benchmark aims at, are about 55 MB). A bound on what a
pull request can make CI load, not a product limit; past it, split the story into several sites
(docs/SCALING.md)."""

MAX_NESTING_DEPTH = 20
"""Mappings and lists nested deeper than this are refused (an article needs five levels)."""

_FRONT_MATTER_FENCE = "---"

try:  # libyaml's parser is several times faster; PyYAML's pure-Python one yields the same events.
    from yaml import CSafeLoader as _ComposingLoader
    from yaml._yaml import CParser as _EventParser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _ComposingLoader  # type: ignore[assignment]

    class _EventParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):  # type: ignore[no-redef]
        """PyYAML's pure-Python event parser, for when its C extension is not installed."""

        def __init__(self, text: str) -> None:
            yaml.reader.Reader.__init__(self, text)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)


class YamlProblem(Exception):
    """A YAML document that cannot be read: where and why, and any further problems found in it."""

    def __init__(self, line: int, column: int, message: str, others: Sequence[YamlProblem] = ()) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message
        self.others = tuple(others)
        """Further problems in the same text, in the order they were found."""

    def moved(self, lines: int) -> YamlProblem:
        """The same problems, `lines` further down (the text was cut from a larger file)."""
        return YamlProblem(
            self.line + lines, self.column, self.message, [other.moved(lines) for other in self.others]
        )


def _to_bool(value: str) -> bool:
    return value.lower() == "true"


def _to_null(value: str) -> None:
    return None


_PLAIN_SCALARS: tuple[tuple[str, str, Callable[[str], Any]], ...] = (
    ("tTfF", "true|True|TRUE|false|False|FALSE", _to_bool),
    ("-+0123456789", "[-+]?(?:0|[1-9][0-9]*)", int),
    ("-+0123456789.", r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?", float),
    ("~nN", "~|null|Null|NULL", _to_null),
    ("0123456789", "[0-9]{4}-[0-9]{2}-[0-9]{2}", datetime.date.fromisoformat),
)
"""What an unquoted value may mean besides text: (first characters, pattern, conversion), tried in order.

Only `true`/`false` are booleans, only plain decimal numbers are numbers, only `YYYY-MM-DD` is a date:
`NO`, `off`, `12:30` and `010` stay text (YAML 1.1 would guess false, false, 750 and 8)."""

_RESOLVERS: dict[str, tuple[tuple[re.Pattern[str], Callable[[str], Any]], ...]] = {
    first: tuple(
        (re.compile(pattern), convert) for firsts, pattern, convert in _PLAIN_SCALARS if first in firsts
    )
    for first in {character for firsts, _, _ in _PLAIN_SCALARS for character in firsts}
}
"""`_PLAIN_SCALARS` by first character: a value starting with any other character is text."""
_RESOLVERS[""] = ((re.compile(""), _to_null),)  # `key:` with nothing after it


def _plain_scalar(value: str) -> Any:
    """An unquoted value as written: the first pattern that matches all of it converts it (ValueError for
    an impossible date)."""
    for pattern, convert in _RESOLVERS.get(value[:1], ()):
        if pattern.fullmatch(value):
            return convert(value)
    return value


_DEPTH_MESSAGE = f"nested more than {MAX_NESTING_DEPTH} levels deep: flatten this part of the file"
_ALIAS_ADVICE = "anchors and aliases are not allowed; write the value out in full"
_DIRECTIVE_ADVICE = "directives are not allowed; remove this line"
_TAG_ADVICE = "tags are not allowed; remove it (to keep a value as text, put it in quotes)"
_TAG = re.compile(r"![^ \n\r\x85\u2028\u2029]*")
"""A tag as written: from its `!` to the next space or line break."""
_DIRECTIVE_NAME = re.compile(r"[0-9A-Za-z_-]*")
"""A directive's name, after its `%`."""
_DIRECTIVE_LINE = re.compile("^%", re.MULTILINE)
"""A `%` that starts a line: a directive wherever no document is open."""
_LEADING_DIRECTIVE = re.compile(r"(?:[ ]*(?:#[^\n]*)?\n)*%")
"""A directive before anything else but blank lines and comments."""

_NO_KEY = object()
"""In a mapping, the next node is a key (not the value of one)."""
_DISCARDED = object()
"""In a mapping, the next node is the value of a refused key: read it, keep nothing."""


class _DocumentReader:
    """Builds the data of one YAML document from the parser's events, without recursion, and collects a
    located problem for everything the content model refuses."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.problems: list[YamlProblem] = []
        self.aliases_refused = False
        """Whether an anchor or alias was refused: the first one says it all (an alias bomb has hundreds)."""

    def refuse(self, mark: Any, message: str) -> None:
        """Note a problem at `mark` (0-based, as the parser gives it) and read on."""
        self.problems.append(YamlProblem(mark.line + 1, mark.column + 1, message))

    def refuse_node(self, event: Any) -> None:
        """Refuse the anchor or tag of a node: the one written first."""
        mark = event.start_mark
        if self.text.startswith("&", mark.index):
            self.refuse_alias(mark, f"anchor '&{event.anchor}'")
        else:
            self.refuse(mark, f"tag '{self.written_tag(event)}': {_TAG_ADVICE}")

    def refuse_alias(self, mark: Any, written: str) -> None:
        """Refuse an anchor or alias, unless one was refused already."""
        if not self.aliases_refused:
            self.aliases_refused = True
            self.refuse(mark, f"{written}: {_ALIAS_ADVICE}")

    def written_tag(self, event: Any) -> str:
        """The tag of `event` as its author wrote it (`!!str`, `!foo`, `!<tag:x>`)."""
        # It starts the event and ends at a space or line break, or where the event ends (`[!foo, b]`).
        start = event.start_mark.index
        tag = _TAG.match(self.text, start, max(event.end_mark.index, start + 1))
        written = tag.group() if tag else "!"
        if written.startswith("!<") or written == "!":
            return f"!<{written[2:-1] or '!'}>"
        return urllib.parse.unquote(written)

    def directive_at(self, mark: Any) -> YamlProblem:
        """The problem of the directive (`%YAML`, `%TAG`, ...) that starts at `mark`."""
        name = _DIRECTIVE_NAME.match(self.text, mark.index + 1)
        message = f"directive '%{name.group() if name else ''}': {_DIRECTIVE_ADVICE}"
        return YamlProblem(mark.line + 1, mark.column + 1, message)

    def read(self, get_event: Callable[[], Any]) -> Any:
        """The data of the document `get_event` yields events for; refused nodes are left out."""
        get_event()  # StreamStartEvent
        event = get_event()
        if type(event) is yaml.StreamEndEvent:
            return None  # no document at all
        if self.text.startswith("%", event.start_mark.index):
            self.problems.append(self.directive_at(event.start_mark))
        data, end = self.read_document(get_event)
        if end is None:
            return data
        try:
            event = get_event()
        except yaml.MarkedYAMLError as error:  # a directive after the document, without a '---' after it
            directive = _DIRECTIVE_LINE.search(self.text, end.index)
            stopped_at = error.problem_mark.index if error.problem_mark else -1
            if directive is None or stopped_at < directive.start():
                raise
            index = directive.start()
            line = end.line + self.text.count("\n", end.index, index)
            self.problems.append(self.directive_at(yaml.Mark("", index, line, 0, None, None)))
            return data
        if type(event) is yaml.StreamEndEvent:
            return data
        if self.text.startswith("%", event.start_mark.index):
            self.problems.append(self.directive_at(event.start_mark))
        else:
            self.refuse(
                event.start_mark,
                "a second YAML document: a file holds one document; remove this '---' line and what "
                "follows, or merge it into the first",
            )
        return data

    def read_document(self, get_event: Callable[[], Any]) -> tuple[Any, Any]:
        """The data of the document and where it ends (None if reading stopped inside it), from events up to
        its end (the hot loop, hence the locals)."""
        scalar_event, mapping_start, sequence_start = (
            yaml.ScalarEvent,
            yaml.MappingStartEvent,
            yaml.SequenceStartEvent,
        )
        mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        resolvers, plain_scalar, no_key, discarded = _RESOLVERS, _plain_scalar, _NO_KEY, _DISCARDED
        root: Any = None
        parents: list[tuple[Any, bool, Any]] = []
        """The collections enclosing `top`: (collection, is a mapping, key after `top` ends)."""
        top: Any = None
        """The open mapping or list values go into; None at document level."""
        in_mapping = False
        key: Any = no_key
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event:
                if event.anchor is not None or event.tag is not None:
                    self.refuse_node(event)
                value = event.value
                if value[:1] in resolvers and event.implicit[0]:
                    try:
                        value = plain_scalar(value)
                    except ValueError:
                        self.refuse(
                            event.start_mark,
                            f"'{value}' is not a real date: write an existing date as YYYY-MM-DD",
                        )
                if in_mapping:
                    if key is no_key:
                        key = self.checked_key(event, value, top)
                    else:
                        if key is not discarded:
                            top[key] = value
                        key = no_key
                elif top is not None:
                    top.append(value)
                else:
                    root = value
            elif kind is mapping_start or kind is sequence_start:
                if event.anchor is not None or event.tag is not None:
                    self.refuse_node(event)
                opened: Any = {} if kind is mapping_start else []
                after = no_key
                if in_mapping:
                    if key is no_key:
                        written = "a mapping" if kind is mapping_start else "a list"
                        self.refuse(event.start_mark, f"keys must be plain words, got {written}")
                        after = discarded  # its value is read and left out
                    elif key is not discarded:
                        top[key] = opened
                elif top is not None:
                    top.append(opened)
                else:
                    root = opened
                parents.append((top, in_mapping, after))
                if len(parents) > MAX_NESTING_DEPTH:
                    self.refuse(event.start_mark, _DEPTH_MESSAGE)
                    return root, None  # deeper still, the parser's own limit would meet it first
                top, in_mapping, key = opened, kind is mapping_start, no_key
            elif kind is mapping_end or kind is sequence_end:
                top, in_mapping, key = parents.pop()
            elif kind is yaml.AliasEvent:
                self.refuse_alias(event.start_mark, f"alias '*{event.anchor}'")
                if in_mapping:
                    key = discarded if key is no_key else no_key
                elif top is None:
                    root = None
            else:  # DocumentEndEvent
                return root, event.end_mark

    def checked_key(self, event: Any, key: Any, mapping: dict[str, Any]) -> Any:
        """`key` if the mapping may take it; otherwise `_DISCARDED`, with the problem noted."""
        if type(key) is not str:
            self.refuse(event.start_mark, f"keys must be plain words, got {event.value or 'an empty key'}")
        elif key in mapping:
            self.refuse(
                event.start_mark,
                f"duplicate key '{key}': each key may appear once in a mapping; remove or rename one",
            )
        else:
            return key
        return _DISCARDED


def parse_yaml(text: str) -> Any:
    """Parse one YAML document strictly, in one pass over libyaml's events.

    Raise `YamlProblem` (with 1-based line and column) for the first problem, every other one in `others`:
    tabs, anchors and aliases (an alias bomb expands a few lines into billions of nodes), tags and directives
    (they change what a value means), keys that are not text, duplicate keys, impossible dates, more than one
    document, nesting deeper than `MAX_NESTING_DEPTH`, and YAML syntax errors (reading stops at those).
    """
    _refuse_tabs(text)
    reader = _DocumentReader(text)
    try:
        data = reader.read(_EventParser(text).get_event)
    except yaml.MarkedYAMLError as error:
        reader.problems.append(_syntax_problem(reader, error))
    except yaml.reader.ReaderError as error:  # its position counts bytes: find the character itself
        index = text.find(chr(error.character)) if isinstance(error.character, int) else -1
        line = text.count("\n", 0, index) + 1 if index >= 0 else 1
        column = index - text.rfind("\n", 0, index) if index >= 0 else 1
        reader.problems.append(
            YamlProblem(line, column, f"character U+{error.character:04X} is not allowed in YAML: remove it")
        )
    except yaml.YAMLError as error:  # pragma: no cover - the parser raises only the two above
        reader.problems.append(YamlProblem(1, 1, f"YAML syntax: {error}"))
    if reader.problems:
        first, *others = reader.problems
        raise YamlProblem(first.line, first.column, first.message, others)
    return data


def _syntax_problem(reader: _DocumentReader, error: yaml.MarkedYAMLError) -> YamlProblem:
    """A problem the parser met, in the contributor's words."""
    directive = error.context_mark if error.context == "while scanning a directive" else error.problem_mark
    if directive is not None and directive.column == 0 and reader.text.startswith("%", directive.index):
        return reader.directive_at(directive)  # a directive where a document is open
    mark = error.problem_mark or error.context_mark
    leading = _LEADING_DIRECTIVE.match(reader.text)
    if leading and mark is not None and mark.index >= leading.end() - 1:  # `%YAML 1.2` without a `---`
        index = leading.end() - 1
        return reader.directive_at(yaml.Mark("", index, reader.text.count("\n", 0, index), 0, None, None))
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    reason = error.problem or str(error)
    if "maximum nesting depth" in reason:  # libyaml's own limit, met while scanning ahead
        return YamlProblem(line, column, _DEPTH_MESSAGE)
    if mark is not None:
        tokens = read_tokens(_EventParser(reader.text).get_token, mark.index)
        diagnosis = diagnose(reader.text, tokens, error)
        if diagnosis is not None:
            return YamlProblem(diagnosis.line + 1, diagnosis.column + 1, diagnosis.message)
    return YamlProblem(line, column, f"YAML syntax: {reason}")


_TAB_IN_INDENTATION = "tab character: indent YAML with spaces only"
_TAB_ELSEWHERE = "tab character: replace it with a space (YAML files here take spaces only)"


def _refuse_tabs(text: str) -> None:
    """Refuse every line with a tab, at its first tab (YAML reads a tab in the indentation as nothing)."""
    if "\t" not in text:
        return
    problems = [
        YamlProblem(
            number,
            line.index("\t") + 1,
            _TAB_IN_INDENTATION if not line[: line.index("\t")].strip(" -") else _TAB_ELSEWHERE,
        )
        for number, line in enumerate(split_lines(text), 1)
        if "\t" in line
    ]
    first, *others = problems
    raise YamlProblem(first.line, first.column, first.message, others)


@functools.lru_cache(maxsize=1 << 16)
def _parse_yaml_once(text: str) -> Any:
    # Keyed by the text itself: a rebuild in the same process (`mkdocs serve`) parses only what changed.
    # Errors are not cached. Callers never modify the parsed data.
    return parse_yaml(text)


@dataclass(frozen=True)
class SourceFile:
    """One content file as read from disk."""

    path: str
    """Path relative to the project root, POSIX form; used in every message about this file."""
    text: str


@dataclass(frozen=True)
class LoadedDocument:
    """The data of one YAML document, with what is needed to locate its nodes later."""

    source: SourceFile
    data: Any
    yaml_text: str
    """The YAML text itself (for an article, only its front matter)."""
    line_offset: int = 0
    """Lines in the file before `yaml_text` starts (1 for an article's opening `---`)."""


@dataclass(frozen=True)
class LoadedArticle:
    """An article split into its front matter data and its Markdown body."""

    document: LoadedDocument
    slug: str
    body: str
    body_line: int
    """1-based line of the file on which the body starts."""


@dataclass
class LoadedContent:
    """Everything read from `content/`, plus the problems found while reading."""

    registries: dict[str, LoadedDocument] = field(default_factory=dict)
    articles: list[LoadedArticle] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    story: LoadedDocument | None = None
    """`content/story.yml`, if it exists and could be parsed."""


def split_front_matter(source: SourceFile) -> tuple[str, str, int]:
    """Split an article into (front matter YAML, body, 1-based body start line).

    Raises `YamlProblem` if the file does not open with a `---` line or the front matter is never closed.
    """
    text = source.text
    first_end = text.find("\n")
    if (text if first_end < 0 else text[:first_end]).rstrip() != _FRONT_MATTER_FENCE:
        raise YamlProblem(
            1, 1, "missing front matter: an article starts with a line '---', its YAML, then another '---'"
        )
    # A closing fence is a later line that starts with '---' and has nothing but white space after it.
    start = first_end
    while start >= 0:
        start = text.find("\n" + _FRONT_MATTER_FENCE, start)
        if start < 0:
            break
        end = text.find("\n", start + 1)
        if (text[start + 1 :] if end < 0 else text[start + 1 : end]).rstrip() == _FRONT_MATTER_FENCE:
            front = text[first_end + 1 : start] + "\n"
            body = "" if end < 0 else text[end + 1 :]
            return front, body, text.count("\n", 0, start + 1) + 2
        start += 1
    raise YamlProblem(
        1, 1, "unterminated front matter: add a line '---' after the article's YAML, before the body"
    )


def load_document(
    source: SourceFile, yaml_text: str | None = None, line_offset: int = 0, *, cache: bool = True
) -> LoadedDocument:
    """Parse a YAML document of `source` (its whole text unless `yaml_text` is given).

    With `cache`, the parsed data is kept for the next parse of the same text (`mkdocs serve`'s rebuilds).
    """
    text = source.text if yaml_text is None else yaml_text
    try:
        data = _parse_yaml_once(text) if cache else parse_yaml(text)
    except YamlProblem as problem:
        raise problem.moved(line_offset) from None
    return LoadedDocument(source=source, data=data, yaml_text=text, line_offset=line_offset)


def load_article(source: SourceFile, *, cache: bool = True) -> LoadedArticle:
    """Parse an article file: front matter YAML and Markdown body."""
    front, body, body_line = split_front_matter(source)
    document = load_document(source, front, line_offset=1, cache=cache)
    slug = Path(source.path).stem
    return LoadedArticle(document=document, slug=slug, body=body, body_line=body_line)


def _problems_in(source: SourceFile, problem: YamlProblem) -> list[Problem]:
    return [
        Problem(source.path, each.line, each.column, "error", each.message)
        for each in (problem, *problem.others)
    ]


def _load_registries(
    registries: dict[str, SourceFile], problems: list[Problem], cache: bool
) -> dict[str, LoadedDocument]:
    """Parse the registries in name order; each unreadable one becomes a problem in `problems`."""
    loaded: dict[str, LoadedDocument] = {}
    for name, source in sorted(registries.items()):
        try:
            loaded[name] = load_document(source, cache=cache)
        except YamlProblem as problem:
            problems.extend(_problems_in(source, problem))
    return loaded


def _load_story(source: SourceFile | None, problems: list[Problem], cache: bool) -> LoadedDocument | None:
    """Parse `content/story.yml` if there is one; if it cannot be read, a problem in `problems`."""
    if source is None:
        return None
    try:
        return load_document(source, cache=cache)
    except YamlProblem as problem:
        problems.extend(_problems_in(source, problem))
        return None


def _load_article_or_report(source: SourceFile, problems: list[Problem], cache: bool) -> LoadedArticle | None:
    try:
        return load_article(source, cache=cache)
    except YamlProblem as problem:
        problems.extend(_problems_in(source, problem))
        return None


def load_sources(
    registries: dict[str, SourceFile], articles: Sequence[SourceFile], story: SourceFile | None = None
) -> LoadedContent:
    """Parse in-memory sources; every unreadable file becomes a problem, the rest is still loaded."""
    content = LoadedContent()
    content.registries = _load_registries(registries, content.problems, cache=True)
    content.story = _load_story(story, content.problems, cache=True)
    for source in sorted(articles, key=lambda article: article.path):
        article = _load_article_or_report(source, content.problems, cache=True)
        if article is not None:
            content.articles.append(article)
    return content


class _SourceReader:
    """Reads content files from disk one at a time (the only disk access of this stage).

    Paths in messages are relative to `display_root` (default: the current directory) where possible. Every
    file that cannot be read becomes a problem in `problems`; past `MAX_CONTENT_BYTES` no file is read.
    """

    def __init__(self, content_dir: Path, display_root: Path | None = None) -> None:
        self.content_dir = content_dir
        self.problems: list[Problem] = []
        self.total_bytes = 0
        self.root = (display_root or Path.cwd()).resolve()
        self.shown_folders: dict[Path, str | None] = {}

    def shown(self, path: Path) -> str:
        """`path` as messages show it."""
        # Resolve the folder only: a symbolic link must be reported where it is, not where it points.
        folder = path.parent
        if folder not in self.shown_folders:
            self.shown_folders[folder] = _shown_folder(folder.resolve(), self.root)
        prefix = self.shown_folders[folder]
        # Outside the root, so is every file in it (a name found in a folder never leads out of it).
        return path.as_posix() if prefix is None else prefix + path.name

    def _refuse(self, display: str, message: str, line: int = 1, column: int = 1) -> None:
        self.problems.append(Problem(display, line, column, "error", message))

    def read(self, path: Path, limit: int = MAX_FILE_BYTES) -> SourceFile | None:
        """The file at `path`, or None (with a problem reported, unless past the total size limit): at most
        `limit` bytes."""
        display = self.shown(path)
        if self.total_bytes > MAX_CONTENT_BYTES:
            return None  # already reported once, at the file that crossed the limit
        if path.is_symlink():
            self._refuse(display, "symbolic links are not allowed under content/")
            return None
        try:
            raw = path.read_bytes()
        except OSError as error:  # a folder named like a content file, no permission, ...
            self._refuse(display, f"cannot read this file: {error.strerror or str(error)}")
            return None
        if len(raw) > limit:
            self._refuse(display, f"file is {len(raw):,} bytes; the limit is {limit:,}")
            return None
        self.total_bytes += len(raw)
        if self.total_bytes > MAX_CONTENT_BYTES:
            self._refuse(
                display,
                f"content/ holds more than {MAX_CONTENT_BYTES:,} bytes with this file; the files after "
                "it were not read: split the story into several sites or remove files",
            )
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            line, column = locate_decode_error(raw, error)
            self._refuse(display, "not valid UTF-8: save the file with UTF-8 encoding", line, column)
            return None
        return SourceFile(display, text.removeprefix("\ufeff").replace("\r\n", "\n"))

    def read_registries(self) -> dict[str, SourceFile]:
        """The registries that exist and can be read, by name, in `REGISTRY_NAMES` order."""
        registries: dict[str, SourceFile] = {}
        for name in REGISTRY_NAMES:
            path = self.content_dir / f"{name}.yml"
            if not path.exists():
                self._refuse(self.shown(path), missing_registry_message(name))
                continue
            source = self.read(path, MAX_REGISTRY_BYTES)
            if source is not None:
                registries[name] = source
        return registries

    def read_story(self) -> SourceFile | None:
        """`content/story.yml`, if it exists (it is optional) and can be read."""
        path = self.content_dir / STORY_FILE
        return self.read(path) if path.exists() or path.is_symlink() else None

    def article_paths(self) -> list[Path]:
        """Every article file's path, sorted as paths sort (part by part); nothing is read yet."""
        articles_dir = self.content_dir / "articles"
        if not articles_dir.is_dir():
            return []
        # The parts are worked out once per path, not per comparison. What systems and editors write unasked
        # (macOS's `._name.md`, a hidden folder) is not an article.
        found = (
            path
            for path in articles_dir.rglob(f"*{ARTICLE_EXTENSION}")
            if not any(map(is_system_file, path.relative_to(articles_dir).parts))
        )
        return sorted(found, key=_path_parts)


def missing_registry_message(name: str) -> str:
    """What to do when `content/<name>.yml` does not exist."""
    message = f"missing registry: create {name}.yml"
    version = KIND_OF_REGISTRY[name].introduced_in
    if version is not None:
        message += (
            f" (content model {version} added it; to bring content written for an earlier model up to "
            f"{version}, run `newsgen migrate`)"
        )
    return message


def locate_decode_error(raw: bytes, error: UnicodeDecodeError) -> tuple[int, int]:
    """The line and column (1-based) of the first byte of `raw` that is not UTF-8."""
    line = raw[: error.start].count(b"\n") + 1
    line_start = raw.rfind(b"\n", 0, error.start) + 1
    # Count characters, not bytes, as YAML marks and editors do; what precedes the error decodes.
    before = raw[line_start : error.start].decode("utf-8")
    return line, len(before.removeprefix("\ufeff") if line == 1 else before) + 1


def read_sources(
    content_dir: Path, display_root: Path | None = None
) -> tuple[dict[str, SourceFile], list[SourceFile], list[Problem]]:
    """Read the registries and articles under `content_dir` from disk (the only disk access of this stage).

    Paths in messages are relative to `display_root` (default: the current directory) where possible.
    """
    registries, articles, _story, problems = read_all_sources(content_dir, display_root)
    return registries, articles, problems


def read_all_sources(
    content_dir: Path, display_root: Path | None = None
) -> tuple[dict[str, SourceFile], list[SourceFile], SourceFile | None, list[Problem]]:
    """`read_sources`, and `content/story.yml` if there is one."""
    reader = _SourceReader(content_dir, display_root)
    registries = reader.read_registries()
    story = reader.read_story()
    articles = [source for path in reader.article_paths() if (source := reader.read(path)) is not None]
    return registries, articles, story, reader.problems


def _path_parts(path: Path) -> tuple[str, ...]:
    return path.parts


def _shown_folder(folder: Path, root: Path) -> str | None:
    """How paths in the resolved `folder` start when shown relative to `root`, if `folder` is inside it."""
    if not folder.is_relative_to(root):
        return None
    relative = folder.relative_to(root).as_posix()
    return "" if relative == "." else f"{relative}/"


def load_content(content_dir: Path, display_root: Path | None = None) -> LoadedContent:
    """Read and parse everything under `content_dir`, all at once (see `stream_content` for one at a time)."""
    registries, articles, story, problems = read_all_sources(content_dir, display_root)
    content = load_sources(registries, articles, story)
    content.problems[:0] = problems
    return content


@dataclass
class ContentStream:
    """Content read lazily: the registries already parsed, the articles read and parsed one at a time."""

    registries: dict[str, LoadedDocument]
    articles: Iterator[LoadedArticle]
    """Each article is read from disk and parsed only when asked for, after the previous one was handed out;
    nothing here keeps it (drop it once used, and its text and parsed data are freed)."""
    problems: list[Problem]
    """Files that could not be read or parsed, in no particular order; complete once `articles` is
    exhausted."""
    story: LoadedDocument | None = None
    """`content/story.yml`, if it exists and could be parsed."""
    article_paths: tuple[Path, ...] = ()
    """Every article file, in the order `articles` reads them."""
    reader: _SourceReader | None = None
    cache: bool = False

    def read_articles(self, paths: Sequence[Path]) -> Iterator[LoadedArticle]:
        """The articles at `paths` (some of `article_paths`, in order), read and parsed one at a time as
        `articles` reads them; what cannot be read or parsed becomes a problem in `problems`."""
        assert self.reader is not None
        return _iter_articles(self.reader, paths, self.cache)

    @property
    def bytes_read(self) -> int:
        """Bytes of content read so far (past `MAX_CONTENT_BYTES`, no more are read)."""
        return self.reader.total_bytes if self.reader is not None else 0


def stream_content(
    content_dir: Path, display_root: Path | None = None, *, cache: bool = False
) -> ContentStream:
    """Read and parse the registries under `content_dir` now, its articles as they are iterated.

    Articles come in path order part by part (as `read_sources` reads them), not in `load_content`'s order.
    With `cache`, the parsed data is kept for the next run in this process (`mkdocs serve`); without it, an
    article's data lives only as long as its consumer keeps it.
    """
    reader = _SourceReader(content_dir, display_root)
    registries = _load_registries(reader.read_registries(), reader.problems, cache)
    story = _load_story(reader.read_story(), reader.problems, cache)
    paths = tuple(reader.article_paths())
    articles = _iter_articles(reader, paths, cache)
    return ContentStream(registries, articles, reader.problems, story, paths, reader, cache)


def _iter_articles(reader: _SourceReader, paths: Sequence[Path], cache: bool) -> Iterator[LoadedArticle]:
    for path in paths:
        source = reader.read(path)
        article = None if source is None else _load_article_or_report(source, reader.problems, cache)
        del source  # while the consumer works on this article, only it may keep the file's text alive
        if article is not None:
            yield article
        article = None


Location = tuple[int, int]


@functools.lru_cache(maxsize=32)
def _compose(yaml_text: str) -> yaml.Node | None:
    # Errors are usually several per file: compose each file once, not once per error.
    return yaml.compose(yaml_text, Loader=_ComposingLoader)


def locate(document: LoadedDocument, path: Sequence[str | int], *, key: bool = False) -> Location:
    """1-based (line, column) of the node at `path` in `document`, composing the YAML only now.

    With `key=True` and a mapping key as the last step, point at the key rather than its value. A path that
    goes beyond what exists points at the deepest node that does.
    """
    node = _compose(document.yaml_text)
    mark = node.start_mark if node is not None else None
    last = len(path) - 1
    for position, step in enumerate(path):
        if node is None:
            break
        found = None
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            for key_node, value_node in node.value:
                if key_node.value == step:
                    found = value_node
                    mark = key_node.start_mark if key and position == last else value_node.start_mark
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            found = node.value[step]
            mark = found.start_mark
        if found is None:
            break
        node = found
    if mark is None:
        return (1 + document.line_offset, 1)
    return (mark.line + 1 + document.line_offset, mark.column + 1)


def item_places(document: LoadedDocument, field_name: str, count: int) -> list[Location]:
    """1-based (line, column) of each of the `count` items of the top-level list `field_name`.

    Read from the lines, not by composing the YAML (which costs as much as parsing it again, for every
    article): a block list (`- id: x` lines) or a flow list on the key's line (`[a, b]`); any other shape,
    or a count that does not match, is left to `locate`.
    """
    found = _scanned_item_places(document.yaml_text, field_name)
    if found is None or len(found) != count:
        return [locate(document, (field_name, index)) for index in range(count)]
    return [(line + 1 + document.line_offset, column + 1) for line, column in found]


_FLOW_ITEM_SPECIAL = re.compile(r"""['"{}\[]""")
_NEXT_TOP_LEVEL_KEY = re.compile(r"\n[^ \n#-]")
"""The start of the next line at the margin that is not a list item or a comment: the list ends there."""
_BLOCK_ITEM = re.compile(r"\n( *)- ")
"""A block list item, at any indentation."""
_SPACES = re.compile(" *")


def _scanned_item_places(text: str, field_name: str) -> list[tuple[int, int]] | None:
    """0-based (line, column) of the items of top-level list `field_name` in `text`, or None."""
    key = f"{field_name}:"
    start = 0 if text.startswith(key) else text.find(f"\n{key}") + 1
    if start == 0 and not text.startswith(key):
        return None
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    rest = text[start + len(key) : line_end]
    written = rest.strip()
    line = text.count("\n", 0, start)
    if written.startswith("["):
        opening = len(key) + rest.index("[")
        closing = text.find("]", start + opening, line_end)
        inside = text[start + opening + 1 : closing]
        if closing < 0 or _FLOW_ITEM_SPECIAL.search(inside):
            return None
        places, offset = [], opening + 1
        for item in inside.split(","):
            if item.strip():
                places.append((line, offset + len(item) - len(item.lstrip())))
            offset += len(item) + 1
        return places
    if written and not written.startswith("#"):
        return None
    following = _NEXT_TOP_LEVEL_KEY.search(text, line_end)
    end = following.start() if following else len(text)
    places = []
    indent: int | None = None
    counted_to, counted_line = start, line
    for item in _BLOCK_ITEM.finditer(text, line_end, end):
        depth = len(item.group(1))
        if indent is None:
            indent = depth
        if depth != indent:
            continue
        counted_line += text.count("\n", counted_to, item.start() + 1)
        counted_to = item.start() + 1
        places.append((counted_line, _SPACES.match(text, item.end()).end() - item.end() + depth + 2))
    return places
