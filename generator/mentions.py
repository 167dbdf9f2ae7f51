"""Inline entity mentions in Markdown bodies: `[[id]]` and `[[Label|id]]`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

_MENTION = re.compile(r"\[\[(?:(?P<label>[^\[\]|\n]+)\|)?(?P<id>[^\[\]|\n]+)\]\]")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


@dataclass(frozen=True)
class Mention:
    """One `[[...]]` in a body; line and column are 1-based within the body."""

    entity_id: str
    label: str | None
    line: int
    column: int
    id_column: int
    """Column where the id itself starts (what an error about the id points at)."""


def _prose_lines(body: str) -> Iterator[tuple[int, str]]:
    """Lines outside fenced code blocks, with inline code spans blanked (mentions in code stay literal)."""
    in_fence = False
    for number, line in enumerate(body.split("\n"), 1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield number, _CODE_SPAN.sub(lambda match: " " * len(match.group(0)), line)


def find_mentions(body: str) -> list[Mention]:
    """Every mention in `body`, in order."""
    return [
        _mention(match, number) for number, line in _prose_lines(body) for match in _MENTION.finditer(line)
    ]


def _mention(match: re.Match[str], line: int) -> Mention:
    label = match.group("label")
    return Mention(
        entity_id=match.group("id").strip(),
        label=label.strip() if label else None,
        line=line,
        column=match.start() + 1,
        id_column=match.start("id") + 1,
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
