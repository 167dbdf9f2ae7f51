"""Where contributor Markdown holds code: fenced and indented blocks and code spans, found in one scan.

Mentions (`[[id]]`) and headings are looked for only outside code, with these same rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_FENCE_OPEN = re.compile(r"^ {0,3}(?P<fence>`{3,}(?=[^`]*$)|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|[0-9]+[.)])(?: |$)")
_CODE_INDENT = 4
"""Columns of indentation that make a line after a blank line code (Python-Markdown, CommonMark)."""
_CODE_MARKERS = ("`", "~", "\t", "\n    ")
"""What could start code in Markdown: where none occurs, no line of a text is code."""


def may_have_code(text: str) -> bool:
    """Whether `text` could hold code (fence, code span, indented block); False means it holds none."""
    # Plain substring tests: far quicker on a long body than one regular expression with `^` alternatives.
    return text.startswith("    ") or any(marker in text for marker in _CODE_MARKERS)


def _indentation(line: str) -> int:
    if "\t" in line:
        line = line.expandtabs(4)
    return len(line) - len(line.lstrip(" "))


def _closes(line: str, fence: str) -> bool:
    """Whether `line` closes a block opened by `fence`: same character, at least as long, nothing after."""
    stripped = line.strip(" ")
    return _indentation(line) <= 3 and len(stripped) >= len(fence) and stripped == fence[0] * len(stripped)


def lines_outside_code(text: str) -> Iterator[tuple[int, str]]:
    """The non-blank lines of `text` outside code blocks (fenced or indented), as written, numbered from 1.

    A fence (three or more backticks or tildes) closes only on a line of its own character, at least as
    long: a ```` block may show ``` lines. An indented line is code only after a blank line and outside a
    list (inside one it continues the item).
    """
    fence: str | None = None
    previous_blank = True
    in_code = in_list = False
    for number, line in enumerate(text.split("\n"), 1):
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


def blank_code_spans(line: str) -> str:
    """`line` with each inline code span (`` `code` ``) replaced by as many spaces: columns stay put."""
    if "`" not in line:
        return line
    return _CODE_SPAN.sub(lambda match: " " * len(match.group(0)), line)


def prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """`lines_outside_code`, with code spans blanked: what a reader sees as prose, line by line."""
    if not may_have_code(text):  # most bodies: every line is prose, as written
        yield from enumerate(text.split("\n"), 1)
        return
    for number, line in lines_outside_code(text):
        yield number, blank_code_spans(line)
