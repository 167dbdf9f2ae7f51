"""Inline entity mentions in Markdown bodies: `[[id]]` and `[[Label|id]]`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

_MENTION = re.compile(r"\[\[(?:(?P<label>[^\[\]|\n]+)\|)?(?P<id>[^\[\]|\n]+)\]\]")
_FENCE_OPEN = re.compile(r"^ {0,3}(?P<fence>`{3,}(?=[^`]*$)|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|[0-9]+[.)])(?: |$)")
_CODE_INDENT = 4
"""Columns of indentation that make a line after a blank line code (Python-Markdown, CommonMark)."""


@dataclass(frozen=True)
class Mention:
    """One `[[...]]` in a body; line and column are 1-based within the body."""

    entity_id: str
    label: str | None
    line: int
    column: int
    id_column: int
    """Column where the id itself starts (what an error about the id points at)."""


def _indentation(line: str) -> int:
    if "\t" in line:
        line = line.expandtabs(4)
    return len(line) - len(line.lstrip(" "))


def _closes(line: str, fence: str) -> bool:
    """Whether `line` closes a block opened by `fence`: same character, at least as long, nothing after."""
    stripped = line.strip(" ")
    return _indentation(line) <= 3 and len(stripped) >= len(fence) and stripped == fence[0] * len(stripped)


def _prose_lines(body: str) -> Iterator[tuple[int, str]]:
    """Lines outside code blocks (fenced or indented), with inline code spans blanked.

    Mentions in code stay literal.
    """
    for number, line in _lines_outside_code_blocks(body):
        yield number, _blank_code_spans(line)


def _blank_code_spans(line: str) -> str:
    if "`" not in line:
        return line
    return _CODE_SPAN.sub(lambda match: " " * len(match.group(0)), line)


def _lines_outside_code_blocks(body: str) -> Iterator[tuple[int, str]]:
    """Non-blank lines outside code blocks (fenced or indented), as written.

    A fence closes only on a line of its own character, at least as long; an indented line is code only
    after a blank line and outside a list (inside one it continues the item).
    """
    fence: str | None = None
    previous_blank = True
    in_code = in_list = False
    for number, line in enumerate(body.split("\n"), 1):
        blank = not line.strip()
        if fence is not None:
            if _closes(line, fence):
                fence = None
            previous_blank = False
            continue
        opening = _FENCE_OPEN.match(line) if "`" in line or "~" in line else None
        if opening:
            fence = opening.group("fence")
            in_code = False
            continue
        if not blank:
            indent = _indentation(line)
            in_code = indent >= _CODE_INDENT * (2 if in_list else 1) and (previous_blank or in_code)
            if _LIST_ITEM.match(line):
                in_list = True
            elif indent == 0 and previous_blank:
                in_list = False
        previous_blank = blank
        if not in_code and not blank:
            yield number, line


_CODE_MARKERS = ("`", "~", "\t", "\n    ")
"""What could start code in Markdown: where none occurs, no line of a body is code."""


def may_have_code(text: str) -> bool:
    """Whether `text` could hold code (fence, code span, indented block); False means it holds none."""
    # Plain substring tests: far quicker on a long body than one regular expression with `^` alternatives.
    return text.startswith("    ") or any(marker in text for marker in _CODE_MARKERS)


def find_mentions(body: str) -> list[Mention]:
    """Every mention in `body`, in order."""
    if "[[" not in body:
        return []
    if not may_have_code(body):  # every line is prose: no fence, code span or indented line to skip
        return [
            _mention(match, number)
            for number, line in enumerate(body.split("\n"), 1)
            if "[[" in line
            for match in _MENTION.finditer(line)
        ]
    return [
        _mention(match, number)
        for number, line in _lines_outside_code_blocks(body)
        if "[[" in line
        for match in _MENTION.finditer(_blank_code_spans(line))
    ]


def _mention(match: re.Match[str], line: int) -> Mention:
    label = match.group("label")
    written_id = match.group("id")
    return Mention(
        entity_id=match.group("id").strip(),
        label=label.strip() if label else None,
        line=line,
        column=match.start() + 1,
        id_column=match.start("id") + len(written_id) - len(written_id.lstrip()) + 1,
    )


def replace_mentions(body: str, link: Callable[[Mention], str]) -> str:
    """Replace each mention outside code with `link(mention)`."""
    lines = body.split("\n")
    for number, prose in _prose_lines(body):
        matches = list(_MENTION.finditer(prose))
        if not matches:
            continue
        original = lines[number - 1]
        pieces, end = [], 0
        for match in matches:
            pieces.append(original[end : match.start()])
            pieces.append(link(_mention(match, number)))
            end = match.end()
        pieces.append(original[end:])
        lines[number - 1] = "".join(pieces)
    return "\n".join(lines)
