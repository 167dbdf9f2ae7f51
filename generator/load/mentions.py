"""Inline entity mentions in Markdown bodies: `[[id]]` and `[[Label|id]]`."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.load.markdown_code import prose_lines

_MENTION = re.compile(r"\[\[(?:(?P<label>[^\[\]|\n]+)\|)?(?P<id>[^\[\]|\n]+)\]\]")


@dataclass(frozen=True)
class Mention:
    """One `[[...]]` in a body; line and column are 1-based within the body."""

    entity_id: str
    label: str | None
    line: int
    column: int
    id_column: int
    """Column where the id itself starts (what an error about the id points at)."""


def find_mentions(body: str) -> list[Mention]:
    """Every mention in `body` outside code, in order."""
    if "[[" not in body:
        return []
    return [
        _mention(match, number)
        for number, line in prose_lines(body)
        if "[[" in line
        for match in _MENTION.finditer(line)
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
    for number, prose in prose_lines(body):
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
