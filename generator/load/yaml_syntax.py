"""YAML syntax errors in the contributor's words: which slip it was, where to edit and how to fix it."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from generator.domain.kinds import all_models

_KEY_WORD = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")
"""A key as content files write them: one word (`kind`, `by`, `published_at`)."""
_NO_SPACE_AFTER_DASH = re.compile(r"-[A-Za-z0-9_]")
"""A list item written `-id: a`, without the space after its dash."""
_KEY_LINE = re.compile(r"[ ]*(?:-[ ]+)*[A-Za-z0-9_-]+:(?:[ ]|$)")
"""A line that starts with `key:` (in a list item or not)."""
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML reads as a line break: its marks count lines so."""


def split_lines(text: str) -> list[str]:
    """The lines of `text` as YAML counts them (`\\x85` and `\\u2028` break lines too)."""
    return _LINE_BREAK.split(text)


@functools.cache
def field_names() -> frozenset[str]:
    """Every field any content file may hold (`title`, `kind`, `by` ...), read from the model."""
    return frozenset(name for model in all_models() for name in model.model_fields)


@dataclass(frozen=True)
class Diagnosis:
    """A syntax error explained: 0-based line and column where the contributor must edit, and the message."""

    line: int
    column: int
    message: str


@dataclass(frozen=True)
class _Key:
    """A mapping key met before the error, as written."""

    name: str
    line: int
    column: int


def read_tokens(get_token: Callable[[], Any], stop: int) -> list[Any]:
    """The scanner's tokens that start before index `stop` of the text (the error), in order."""
    tokens: list[Any] = []
    try:
        while (token := get_token()) is not None and token.start_mark.index <= stop:
            tokens.append(token)
    except yaml.YAMLError:
        pass  # the scanner stops here itself: every token before the error has been read
    return tokens


def diagnose(text: str, tokens: Sequence[Any], error: yaml.MarkedYAMLError) -> Diagnosis | None:
    """What the slip behind `error` most likely is, from the tokens before it; None if no rule applies."""
    problem, context = error.problem or "", error.context or ""
    mark, context_mark = error.problem_mark, error.context_mark
    if mark is None:
        return None
    lines = split_lines(text)
    if problem == "mapping values are not allowed in this context":
        return _colon_after_text(lines, tokens, mark)
    if problem == "found unknown escape character":
        return _unknown_escape(lines, mark)
    if context == "while scanning a quoted scalar" and context_mark is not None:
        quote = text[context_mark.index]
        return Diagnosis(
            context_mark.line,
            context_mark.column,
            f"this text opens with {quote} but never closes it: "
            f"add the closing {quote} at the end of the text",
        )
    if problem in ("did not find expected key", "did not find expected '-' indicator"):
        return _quotes_or_indentation(lines, tokens, mark)
    if problem == "could not find expected ':'" and context_mark is not None:
        return _line_without_colon(lines, tokens, context_mark)
    if problem == "did not find expected ',' or ']'" and context_mark is not None:
        return Diagnosis(
            context_mark.line,
            context_mark.column,
            "this list opens with '[' but does not close: end it with ']' after its last item, "
            "as in issues: [ceasefire, sanctions]",
        )
    if problem == "did not find expected ',' or '}'" and context_mark is not None:
        return Diagnosis(
            context_mark.line,
            context_mark.column,
            "this mapping opens with '{' but does not close: end it with '}' after its last field",
        )
    return None


def _keys(text_lines: Sequence[str], tokens: Sequence[Any]) -> list[_Key]:
    """Every block mapping key among `tokens`, as written."""
    keys = []
    for position, token in enumerate(tokens[:-1]):
        if isinstance(token, yaml.KeyToken) and isinstance(tokens[position + 1], yaml.ScalarToken):
            written = tokens[position + 1]
            start, end = written.start_mark, written.end_mark
            name = (
                text_lines[start.line][start.column : end.column] if start.line == end.line else written.value
            )
            keys.append(_Key(name, start.line, start.column))
    return keys


def _open_levels(keys: Sequence[_Key]) -> list[_Key]:
    """The last key at each indentation still open after `keys`: the last key, its parent's, and so on."""
    levels: list[_Key] = []
    for key in reversed(keys):
        if not levels or key.column < levels[-1].column:
            levels.append(key)
    return levels


def _indent_advice(key: str, sibling: _Key) -> str:
    """`indent `kind:` 4 spaces like `by:` above`."""
    if sibling.column == 0:
        return f"start `{key}:` at the beginning of the line, like `{sibling.name}:` above"
    spaces = "1 space" if sibling.column == 1 else f"{sibling.column} spaces"
    return f"indent `{key}:` {spaces} like `{sibling.name}:` above"


def _in_double_quotes(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _in_single_quotes(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _colon_after_text(lines: Sequence[str], tokens: Sequence[Any], mark: Any) -> Diagnosis | None:
    """A `: ` after text: a key indented too deep (it continues the text above) or a colon in a text."""
    if not tokens or not isinstance(tokens[-1], yaml.ScalarToken):
        return None
    text = tokens[-1]
    start = text.start_mark
    line = lines[mark.line]
    indent = len(line) - len(line.lstrip(" "))
    keys = _keys(lines, tokens)
    before_colon = line[indent : mark.column]
    if start.line < mark.line and _KEY_WORD.fullmatch(before_colon):
        # `kind:` deeper than `by:` above reads as more of by's text, until its colon.
        owner = next((key for key in reversed(keys) if key.line <= start.line), None)
        if owner is not None and owner.column < indent:
            earlier = keys[: keys.index(owner)]
            if earlier and earlier[-1].column == indent and earlier[-1].line < owner.line:
                # The key above is the odd one: it went back a level too far, and this line did not.
                return Diagnosis(
                    owner.line,
                    owner.column,
                    f"`{owner.name}:` is indented less than the fields around it: "
                    + _indent_advice(owner.name, earlier[-1]),
                )
            return Diagnosis(
                mark.line,
                indent,
                f"`{before_colon}:` is indented more than `{owner.name}:` above, so it reads as more of "
                f"its text: {_indent_advice(before_colon, owner)}",
            )
    advice = "this text contains ': ' — put the whole text in double quotes"
    if start.line == mark.line:
        written = line[start.column :].rstrip()
        return Diagnosis(
            start.line, start.column, f"{advice}: {line[indent : start.column]}{_in_double_quotes(written)}"
        )
    return Diagnosis(start.line, start.column, f"{advice} (its ': ' is {_below(mark.line - start.line)})")


def _below(lines: int) -> str:
    """Where a later line is, said so that it holds wherever the YAML was cut from (an article)."""
    return "on the next line" if lines == 1 else f"{lines} lines below"


def _quotes_or_indentation(lines: Sequence[str], tokens: Sequence[Any], mark: Any) -> Diagnosis | None:
    """More text after a quoted text ends, or a key indented to no open level."""
    at = next(
        (position for position, token in enumerate(tokens) if token.start_mark.index >= mark.index), None
    )
    before = tokens[at - 1] if at else None
    if isinstance(before, yaml.ScalarToken) and before.style in ('"', "'"):
        return _quotes_inside_quotes(lines, before)
    line = lines[mark.line]
    indent = len(line) - len(line.lstrip(" "))
    if mark.column != indent:
        return None
    if _NO_SPACE_AFTER_DASH.match(line, indent):
        return Diagnosis(
            mark.line,
            indent,
            f"a list item starts with '- ', a dash and a space: - {line[indent + 1 :].strip()}",
        )
    word = _KEY_WORD.match(line, indent)
    if word is None or not line.startswith(":", word.end()):
        return None
    levels = _open_levels(_keys(lines, tokens[:at]))
    deeper = [key for key in levels if key.column > indent]
    if not deeper:
        return None
    sibling = deeper[-1]
    if _in_item_already(tokens[:at], word.group(), indent, sibling):
        return Diagnosis(
            mark.line,
            indent,
            f"`{word.group()}:` is written already in the item above, so this starts a new item: "
            f"begin it with '- ': - {line[indent:].strip()}",
        )
    return Diagnosis(
        mark.line,
        indent,
        f"`{word.group()}:` is indented less than `{sibling.name}:` above: "
        + _indent_advice(word.group(), sibling),
    )


def _line_without_colon(lines: Sequence[str], tokens: Sequence[Any], start: Any) -> Diagnosis | None:
    """A line where a field was expected that has no ': ': a field without its colon, or text wrapped onto
    a new line no further right than its field."""
    line = lines[start.line]
    word = _KEY_WORD.match(line, start.column)
    if word is None or start.column != len(line) - len(line.lstrip(" ")):
        return None
    rest = line[word.end() :].strip()
    if word.group() in field_names() and line.startswith(" ", word.end()) and rest:
        return Diagnosis(
            start.line, word.end(), f"`{word.group()}` needs a ':' after it: {word.group()}: {rest}"
        )
    owner = next((key for key in reversed(_keys(lines, tokens)) if key.column <= start.column), None)
    if owner is None or owner.line >= start.line:
        return None
    return Diagnosis(
        start.line,
        start.column,
        f"this line has no ':', so it is not a field; if it goes on with the text of `{owner.name}:` above, "
        f"indent it {owner.column + 2} spaces (more than `{owner.name}:`) or join it to that line",
    )


def _in_item_already(tokens: Sequence[Any], name: str, dash_column: int, sibling: _Key) -> bool:
    """Whether the list item above, whose dash is at `dash_column`, has a field `name` beside `sibling`."""
    dashes = [
        token.start_mark.line
        for token in tokens
        if isinstance(token, yaml.BlockEntryToken) and token.start_mark.column == dash_column
    ]
    if not dashes:
        return False
    return any(
        isinstance(token, yaml.KeyToken)
        and token.start_mark.line >= dashes[-1]
        and token.start_mark.column == sibling.column
        and isinstance(following, yaml.ScalarToken)
        and following.value == name
        for token, following in itertools.pairwise(tokens)
    )


def _quotes_inside_quotes(lines: Sequence[str], quoted: Any) -> Diagnosis:
    """A quoted text with more text after its closing quote: quotes inside it, or one never closed."""
    start, end = quoted.start_mark, quoted.end_mark
    quote = lines[start.line][start.column]
    if start.line != end.line:
        closes = _below(end.line - start.line)
        if any(_KEY_LINE.match(lines[number]) for number in range(start.line + 1, end.line + 1)):
            return Diagnosis(
                start.line,
                start.column,
                f"this text opens with {quote} but does not close it on this line (the {quote} {closes} "
                f"does): add the closing {quote} at the end of the text",
            )
        return Diagnosis(
            start.line,
            start.column,
            f"quotes inside quotes: this text ends at the {quote} {closes}; put the whole text in "
            + ('single quotes, or write \\" for each " inside' if quote == '"' else "double quotes"),
        )
    written = lines[start.line][start.column :].rstrip()
    inner = written[1:-1] if len(written) > 1 and written.endswith(quote) else written
    prefix = lines[start.line][: start.column].lstrip(" ")
    if quote == '"':
        fix = (
            f"put single quotes around it: {prefix}{_in_single_quotes(inner)} "
            f'(or write \\" for each " inside: {prefix}{_in_double_quotes(inner)})'
        )
    else:
        fix = (
            f"put double quotes around it: {prefix}{_in_double_quotes(inner)} "
            f"(or write '' for each ' inside: {prefix}{_in_single_quotes(inner)})"
        )
    return Diagnosis(
        start.line, start.column, f"quotes inside quotes: this text ends at its second {quote}; {fix}"
    )


def _unknown_escape(lines: Sequence[str], mark: Any) -> Diagnosis:
    """A backslash in double quotes that is not an escape YAML knows (`"C:\\path"`)."""
    line = lines[mark.line]
    backslash = line.rfind("\\", 0, mark.column + 1)
    column = backslash if backslash >= 0 else mark.column
    written = line[column : column + 2]
    return Diagnosis(
        mark.line,
        column,
        f"'{written}' is not an escape YAML knows in double quotes: write \\\\ for a backslash, or put the "
        "text in single quotes",
    )
