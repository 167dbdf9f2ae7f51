"""Read stage: content files to plain data, with a strict YAML loader and located errors."""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from generator.problems import Problem

try:  # The C loader is several times faster; the pure-Python one behaves the same.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

REGISTRY_NAMES: tuple[str, ...] = ("actors", "venues", "issues")
"""The registries, in the order they are read: `content/<name>.yml`."""

MAX_FILE_BYTES = 1_000_000
"""A content file larger than this is refused (a hand-written article is a few kilobytes)."""

MAX_CONTENT_BYTES = 200_000_000
"""All content files together may not be larger than this: about 35,000 articles of 600 words with their
annotations (10,000 such articles, the scale the benchmark aims at, are about 55 MB). A bound on what a
pull request can make CI load, not a product limit; past it, split the story into several sites
(docs/SCALING.md)."""

MAX_NESTING_DEPTH = 20
"""Mappings and lists nested deeper than this are refused (an article needs five levels)."""

_FRONT_MATTER_FENCE = "---"


class StrictLoader(_BaseLoader):
    """A safe YAML loader that never guesses.

    Only `true`/`false` are booleans, only plain decimal numbers are numbers, only `YYYY-MM-DD` is a date:
    `NO`, `off`, `12:30` and `010` stay strings. Duplicate keys are an error.
    """

    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {}


def _add_resolver(tag: str, pattern: str, first: str) -> None:
    StrictLoader.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))


_add_resolver("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_add_resolver("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789")
_add_resolver(
    "tag:yaml.org,2002:float",
    r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$",
    "-+0123456789.",
)
_add_resolver("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""])  # type: ignore[arg-type]
_add_resolver("tag:yaml.org,2002:timestamp", r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "0123456789")


class YamlProblem(Exception):
    """A YAML document that cannot be read; carries where and why."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


def _construct_mapping(loader: StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if not isinstance(key, str):
            raise YamlProblem(
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
                f"keys must be plain words, got {_describe_key(key_node)}",
            )
        if key in mapping:
            raise YamlProblem(
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
                f"duplicate key '{key}': each key may appear once in a mapping; remove or rename one",
            )
        mapping[key] = loader.construct_object(value_node, deep=deep)
    return mapping


def _describe_key(node: yaml.Node) -> str:
    # As the contributor wrote it (`null`, `1`, `2025-01-01`), not as Python shows the value (`None`).
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    return str(node.value) or "an empty key"


def _construct_date(loader: StrictLoader, node: yaml.ScalarNode) -> datetime.date:
    value = loader.construct_scalar(node)
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise YamlProblem(
            node.start_mark.line + 1,
            node.start_mark.column + 1,
            f"'{value}' is not a real date: write an existing date as YYYY-MM-DD",
        ) from None


StrictLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)  # type: ignore[arg-type]
StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date)  # type: ignore[arg-type]


_DEPTH_MESSAGE = f"nested more than {MAX_NESTING_DEPTH} levels deep: flatten this part of the file"
_OPENING_TOKENS = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken)
_FLOW_OPENING_TOKENS = (yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
_FLOW_CLOSING_TOKENS = (yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def _problem_at(token: yaml.Token, message: str) -> YamlProblem:
    return YamlProblem(token.start_mark.line + 1, token.start_mark.column + 1, message)


def _written_tag(value: tuple[str | None, str]) -> str:
    handle, suffix = value
    return f"{handle}{suffix}" if handle is not None else f"!<{suffix}>"


def check_tokens(text: str) -> None:
    """Refuse what the model never needs before anything is built from it, in one linear scan.

    Anchors and aliases (an alias bomb expands a few lines into billions of nodes), explicit tags and
    directives (they change what a value means), and nesting deeper than `MAX_NESTING_DEPTH`.
    """
    # "mapping", "sequence", "flow", or "indentless": a list written at the indentation of its key.
    open_blocks: list[str] = []
    for token in yaml.scan(text, Loader=StrictLoader):
        if isinstance(token, yaml.AnchorToken):
            raise _problem_at(
                token,
                f"anchor '&{token.value}': anchors and aliases are not allowed; write the value out in full",
            )
        if isinstance(token, yaml.AliasToken):
            raise _problem_at(
                token,
                f"alias '*{token.value}': anchors and aliases are not allowed; write the value out in full",
            )
        if isinstance(token, yaml.TagToken):
            raise _problem_at(
                token,
                f"tag '{_written_tag(token.value)}': tags are not allowed; remove it "
                "(to keep a value as text, put it in quotes)",
            )
        if isinstance(token, yaml.DirectiveToken):
            raise _problem_at(
                token, f"directive '%{token.name}': directives are not allowed; remove this line"
            )
        if isinstance(token, _OPENING_TOKENS):
            open_blocks.append("mapping" if isinstance(token, yaml.BlockMappingStartToken) else "sequence")
        elif isinstance(token, _FLOW_OPENING_TOKENS):
            open_blocks.append("flow")
        elif isinstance(token, yaml.BlockEntryToken) and open_blocks and open_blocks[-1] == "mapping":
            open_blocks.append("indentless")
        elif isinstance(token, yaml.KeyToken) and open_blocks and open_blocks[-1] == "indentless":
            open_blocks.pop()
            continue
        elif isinstance(token, yaml.BlockEndToken):
            if open_blocks and open_blocks[-1] == "indentless":
                open_blocks.pop()
            if open_blocks:
                open_blocks.pop()
            continue
        elif isinstance(token, _FLOW_CLOSING_TOKENS):
            if open_blocks:
                open_blocks.pop()
            continue
        else:
            continue
        if len(open_blocks) > MAX_NESTING_DEPTH:
            raise _problem_at(token, _DEPTH_MESSAGE)


def parse_yaml(text: str) -> Any:
    """Parse one YAML document strictly; raise `YamlProblem` (with 1-based line and column) on any error."""
    _refuse_tabs(text)
    if not _may_hold_directive(text):
        try:
            return read_simple_yaml(text)
        except Exception:  # not in the line reader's style: the event reader decides
            pass
        try:
            return build_data(_EventParser(text))
        except Exception:  # refused or unreadable: the reference reader explains it (or reads it after all)
            pass
    return parse_yaml_reference(text)


def parse_yaml_reference(text: str) -> Any:
    """What `parse_yaml` answers, the slow way: a token scan, then PyYAML's constructor.

    The fast reader hands every text it refuses to this one, so errors and their places are this one's.
    """
    _refuse_tabs(text)
    try:
        check_tokens(text)
        return yaml.load(text, Loader=StrictLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = error.problem or str(error)
        if "maximum nesting depth" in reason:  # libyaml's own limit, met while scanning ahead
            raise YamlProblem(line, column, _DEPTH_MESSAGE) from None
        raise YamlProblem(line, column, f"YAML syntax: {reason}") from None
    except yaml.YAMLError as error:
        raise YamlProblem(1, 1, f"YAML syntax: {error}") from None


def _refuse_tabs(text: str) -> None:
    if "\t" in text:
        line_number, line = next((n, line) for n, line in enumerate(text.splitlines(), 1) if "\t" in line)
        raise YamlProblem(line_number, line.index("\t") + 1, "tab character: indent YAML with spaces only")


# --- the fast reader: one pass over the parser's events ---------------------------------------------------


class _PythonEventParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's pure-Python event parser, for when its C extension is not installed."""

    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


try:  # libyaml's events, several times cheaper than its tokens plus PyYAML's constructor
    from yaml._yaml import CParser as _EventParser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _EventParser = _PythonEventParser  # type: ignore[assignment,misc]


class _Refused(Exception):
    """The fast reader cannot vouch for this text; the reference reader decides."""


_DIRECTIVE = re.compile("(?:^|[\n\r\x85\u2028\u2029])%")
"""A `%` at the start of a line: a directive to the scanner (even one the parser then ignores)."""


def _may_hold_directive(text: str) -> bool:
    return "%" in text and _DIRECTIVE.search(text) is not None


def _to_bool(value: str) -> bool:
    return value.lower() == "true"


def _to_null(value: str) -> None:
    return None


def _to_date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)  # ValueError: refused, the reference reader explains it


_CONVERTERS: dict[str, Callable[[str], Any]] = {
    "tag:yaml.org,2002:bool": _to_bool,
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:null": _to_null,
    "tag:yaml.org,2002:timestamp": _to_date,
}
_RESOLVERS: dict[str, tuple[tuple[re.Pattern[str], Callable[[str], Any]], ...]] = {
    first: tuple((pattern, _CONVERTERS[tag]) for tag, pattern in resolvers)
    for first, resolvers in StrictLoader.yaml_implicit_resolvers.items()
    if first is not None
}
"""`StrictLoader`'s own resolvers by a plain scalar's first character (`""` for an empty one)."""


def _plain_scalar(value: str) -> Any:
    """A plain (unquoted) scalar as `StrictLoader` reads it: the first resolver that matches decides."""
    for pattern, convert in _RESOLVERS.get(value[:1], ()):
        if pattern.match(value):
            return convert(value)
    return value


_NO_KEY = object()
"""In a mapping, the next scalar is a key (not the value of one)."""


def build_data(parser: Any) -> Any:
    """Build the data of the single document `parser` yields events for, without recursion.

    Raise `_Refused` at anything `parse_yaml_reference` might refuse: anchors, aliases, tags, directives,
    nesting deeper than `MAX_NESTING_DEPTH`, keys that are not text, duplicate keys, impossible dates, more
    than one document. YAML syntax errors propagate as PyYAML raises them.
    """
    get_event = parser.get_event
    get_event()  # StreamStartEvent
    event = get_event()
    if type(event) is yaml.StreamEndEvent:
        return None  # no document at all
    if type(event) is not yaml.DocumentStartEvent or event.version is not None or event.tags:
        raise _Refused
    return _build_document(get_event)


def _build_document(get_event: Callable[[], Any]) -> Any:
    """The body of `build_data`: events up to the end of the document (the hot loop, hence the locals)."""
    scalar_event, mapping_start, sequence_start = (
        yaml.ScalarEvent,
        yaml.MappingStartEvent,
        yaml.SequenceStartEvent,
    )
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    resolvers, plain_scalar, no_key = _RESOLVERS, _plain_scalar, _NO_KEY
    root: Any = None
    parents: list[tuple[Any, bool]] = []
    top: Any = None
    """The open mapping or list values go into; None at document level."""
    in_mapping = False
    key: Any = no_key
    while True:
        event = get_event()
        kind = type(event)
        if kind is scalar_event:
            if event.anchor is not None or event.tag is not None:
                raise _Refused
            value = event.value
            if value[:1] in resolvers and event.implicit[0]:
                value = plain_scalar(value)
            if in_mapping:
                if key is no_key:
                    if type(value) is not str or value in top:
                        raise _Refused
                    key = value
                else:
                    top[key] = value
                    key = no_key
            elif top is not None:
                top.append(value)
            else:
                root = value
        elif kind is mapping_start or kind is sequence_start:
            if event.anchor is not None or event.tag is not None:
                raise _Refused
            opened: Any = {} if kind is mapping_start else []
            if in_mapping:
                if key is no_key:
                    raise _Refused  # a mapping or list as a key
                top[key] = opened
            elif top is not None:
                top.append(opened)
            else:
                root = opened
            parents.append((top, in_mapping))
            if len(parents) > MAX_NESTING_DEPTH:
                raise _Refused
            top, in_mapping, key = opened, kind is mapping_start, no_key
        elif kind is mapping_end or kind is sequence_end:
            (top, in_mapping), key = parents.pop(), no_key
        elif kind is yaml.DocumentEndEvent:
            if type(get_event()) is not yaml.StreamEndEvent:
                raise _Refused  # another document follows
            return root
        else:  # an alias
            raise _Refused


# --- the line reader: block mappings and lists of simple values, one regular expression per line ---------

_LINE_FIRST = "A-Za-z0-9\u00c0-\u1fff\u2070-\ud7ff\ue000-\ufefe\uff00-\ufffd"
"""What a plain value may start with here: no indicator, no space, no character YAML treats specially."""
_LINE_OTHER = "\\x00-\\x1f\\x7f-\\x9f#:\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff"
"""What a plain value may not hold here (`:` is allowed where no space or line end follows)."""
_LINE_FLOW_ITEM = "[A-Za-z0-9][A-Za-z0-9._-]{0,200}"
_LINE_VALUE = (
    f"[{_LINE_FIRST}][^{_LINE_OTHER}]*(?::(?=[^ \\n])[^{_LINE_OTHER}]*)*"
    f"|\\[(?:{_LINE_FLOW_ITEM}(?:, {_LINE_FLOW_ITEM})*)?\\]"
)
_LINE = re.compile(
    f"^( *)(- )?(?:([A-Za-z_][A-Za-z0-9_-]{{0,100}}):(?: ({_LINE_VALUE}))?|(?<=- )({_LINE_VALUE})|)(?<! )\\n",
    re.MULTILINE,
)
"""One line the line reader takes, in parts (indentation, dash, key, value, item): blank, or one of
`key: value`, `key:`, `- value`, `- key: value`, where a value is a plain one-line scalar without trailing
space or a flow list of plain words (`[a, b]`). Each match is one whole line."""


def read_simple_yaml(text: str) -> Any:
    """The data of `text` if it is written in the plain block style articles use, as `parse_yaml_reference`
    would read it; raise `_Refused` at anything else (comments, quotes, multi-line values, anchors ...).

    A line regular expression decides what is taken; the nesting follows from the indentation alone.
    """
    lines = _LINE.findall(text)
    if len(lines) != text.count("\n") or not text.endswith("\n"):
        raise _Refused  # a line that is not in this style
    plain_scalar, resolvers = _plain_scalar, _RESOLVERS
    # Open collections, innermost last: (indentation of their entries, collection, is a mapping).
    stack: list[tuple[int, Any, bool]] = []
    pending: Any = None
    """The mapping whose last key has no value yet (`key:` at the end of a line)."""
    pending_key = ""
    pending_indent = -1
    for indent_text, dash, key, value, item in lines:
        if not dash and not key:
            continue  # a blank line
        indent = len(indent_text)
        if pending is not None:
            if indent > pending_indent:  # the key's value is the block below it
                if len(stack) >= MAX_NESTING_DEPTH - 1:
                    raise _Refused
                opened: Any = [] if dash else {}
                pending[pending_key] = opened
                stack.append((indent, opened, not dash))
            else:
                pending[pending_key] = None
            pending = None
        elif not stack:
            if indent:
                raise _Refused
            stack.append((0, [] if dash else {}, not dash))
        while stack[-1][0] > indent:
            stack.pop()
        top_indent, top, is_mapping = stack[-1]
        if top_indent != indent:
            raise _Refused
        if dash:
            if is_mapping:
                raise _Refused
            if len(stack) >= MAX_NESTING_DEPTH - 1:
                raise _Refused
            if not key:
                top.append(_line_value(item, plain_scalar, resolvers))
                continue
            opened = {}
            top.append(opened)
            indent += 2
            stack.append((indent, opened, True))
            top = opened
        elif not is_mapping or not key:
            raise _Refused
        if key in top or (key[:1] in resolvers and type(plain_scalar(key)) is not str):
            raise _Refused
        if value:
            if value[0] == "[" and len(stack) >= MAX_NESTING_DEPTH - 1:
                raise _Refused
            top[key] = _line_value(value, plain_scalar, resolvers)
        else:
            top[key] = None  # filled in by the next line
            pending, pending_key, pending_indent = top, key, indent
    if not stack:
        raise _Refused  # nothing but blank lines: the reference reader answers
    return stack[0][1]


def _line_value(value: str, plain_scalar: Callable[[str], Any], resolvers: dict[str, Any]) -> Any:
    """A value `_LINE` matched: a plain scalar, or a flow list of them."""
    if value[0] == "[":
        inner = value[1:-1]
        if not inner:
            return []
        return [plain_scalar(word) if word[:1] in resolvers else word for word in inner.split(", ")]
    return plain_scalar(value) if value[:1] in resolvers else value


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
        raise YamlProblem(problem.line + line_offset, problem.column, problem.message) from None
    return LoadedDocument(source=source, data=data, yaml_text=text, line_offset=line_offset)


def load_article(source: SourceFile, *, cache: bool = True) -> LoadedArticle:
    """Parse an article file: front matter YAML and Markdown body."""
    front, body, body_line = split_front_matter(source)
    document = load_document(source, front, line_offset=1, cache=cache)
    slug = Path(source.path).stem
    return LoadedArticle(document=document, slug=slug, body=body, body_line=body_line)


def _problem_in(source: SourceFile, problem: YamlProblem) -> Problem:
    return Problem(source.path, problem.line, problem.column, "error", problem.message)


def _load_registries(
    registries: dict[str, SourceFile], problems: list[Problem], cache: bool
) -> dict[str, LoadedDocument]:
    """Parse the registries in name order; each unreadable one becomes a problem in `problems`."""
    loaded: dict[str, LoadedDocument] = {}
    for name, source in sorted(registries.items()):
        try:
            loaded[name] = load_document(source, cache=cache)
        except YamlProblem as problem:
            problems.append(_problem_in(source, problem))
    return loaded


def _load_article_or_report(source: SourceFile, problems: list[Problem], cache: bool) -> LoadedArticle | None:
    try:
        return load_article(source, cache=cache)
    except YamlProblem as problem:
        problems.append(_problem_in(source, problem))
        return None


def load_sources(registries: dict[str, SourceFile], articles: Sequence[SourceFile]) -> LoadedContent:
    """Parse in-memory sources; every unreadable file becomes a problem, the rest is still loaded."""
    content = LoadedContent()
    content.registries = _load_registries(registries, content.problems, cache=True)
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

    def read(self, path: Path) -> SourceFile | None:
        """The file at `path`, or None (with a problem reported, unless past the total size limit)."""
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
        if len(raw) > MAX_FILE_BYTES:
            self._refuse(display, f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}")
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
                self._refuse(self.shown(path), f"missing registry: create {name}.yml")
                continue
            source = self.read(path)
            if source is not None:
                registries[name] = source
        return registries

    def article_paths(self) -> list[Path]:
        """Every article file's path, sorted as paths sort (part by part); nothing is read yet."""
        articles_dir = self.content_dir / "articles"
        if not articles_dir.is_dir():
            return []
        # The parts are worked out once per path, not per comparison.
        return sorted(articles_dir.rglob("*.md"), key=_path_parts)


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
    reader = _SourceReader(content_dir, display_root)
    registries = reader.read_registries()
    articles = [source for path in reader.article_paths() if (source := reader.read(path)) is not None]
    return registries, articles, reader.problems


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
    registries, articles, problems = read_sources(content_dir, display_root)
    content = load_sources(registries, articles)
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
    return ContentStream(registries, _iter_articles(reader, cache), reader.problems)


def _iter_articles(reader: _SourceReader, cache: bool) -> Iterator[LoadedArticle]:
    for path in reader.article_paths():
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
    return yaml.compose(yaml_text, Loader=StrictLoader)


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
