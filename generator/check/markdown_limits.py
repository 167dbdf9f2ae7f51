"""Limits on contributor Markdown, checked before rendering, so hostile Markdown cannot stall a build.

Python-Markdown re-reads the rest of a paragraph for every `[` that is not closed (and every `(` after `]`),
so 20 KB of `[` take minutes; it rebuilds a paragraph's text after each inline match, so 50,000 code spans in
one paragraph take 13 s; raw-HTML-looking `<a:<a:...`, repeated headings and footnote references grow with the
square of their number too. Nested quotes, lists, indented blocks and emphasis recurse: about 330 nested
admonitions, 495 nested lists or 990 nested emphases raise `RecursionError`. The limits below sit far under
these thresholds and far above real prose; the scan is one linear pass, never a render.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

MAX_CHARACTERS = 200_000
"""Characters in one article body, explainer or page: about 30,000 words, several times the longest report."""
MAX_NESTING = 32
"""Levels of quotes, list items and indented blocks on a line, and of emphasis open at once in a paragraph."""
MAX_OPEN_BRACKETS = 16
"""`[` (and link targets `](`) open at once in a paragraph; an unclosed one stays open to its end."""
MAX_PARAGRAPH_WORK = 10_000_000
"""Inline matches (links, emphases, code spans, entities ...) times characters, in one paragraph: a
paragraph of 10,000 characters may hold 1,000 of them; one of 2,000 characters, 5,000."""
MAX_HTML_TAGS = 16
"""Raw-HTML-looking `<tag` starts in one text (raw HTML is refused anyway)."""
MAX_HEADINGS = 500
"""Headings in one text."""
MAX_FOOTNOTE_REFERENCES = 500
"""Footnote references (`[^1]`) in one text."""


@dataclass(frozen=True)
class Excess:
    """Where a text first goes past one limit, and what to do about it."""

    offset: int
    """Position in the text (0-based) where the excess starts."""
    message: str


_CONTAINER = re.compile(r" {0,3}>[ ]?| {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)|\t| {4}")
"""One level of nesting at the start of a line: a quote marker, a list marker, or an indentation step."""
_FENCE_OPENING = re.compile(r"(`{3,}|~{3,})[ ]*(?:\{[^\n]*\}|\.?[\w#.+-]*[ ]*(?:hl_lines=(\"|').*?\2[ ]*)?)$")
"""A fenced code block's first line, as Python-Markdown's fenced_code reads it (at the line's very start)."""
_BLANK = re.compile(r"[ \t>]*$")
_HEADING = re.compile(r"[ \t>]*(?:#{1,6}(?:[ \t]|$)|(?:=+|-+)[ \t]*$)")
_MARK = re.compile(r"\\.|`+|\[\^[^\]\s]+\](?!:)|[\[\]()&]|<[A-Za-z/!?]|[*_]+| {2,}\n")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")


def find_excesses(text: str) -> list[Excess]:
    """Where `text` first goes past each limit; a text past the size limit is not scanned further."""
    if len(text) > MAX_CHARACTERS:
        message = (
            f"this text is {len(text):,} characters long, more than the {MAX_CHARACTERS:,} allowed: "
            "split it into several articles or pages"
        )
        return [Excess(MAX_CHARACTERS, message)]
    scan = _Scan(text)
    lines = text.split("\n")
    closings = _fence_closings(lines)
    paragraph_start: int | None = None
    position = 0
    index = 0
    while index < len(lines):
        line = lines[index]
        opening = _FENCE_OPENING.match(line)
        closing = _next_closing(closings, opening.group(1), index) if opening else None
        if closing is not None or _BLANK.match(line):
            if paragraph_start is not None:
                scan.paragraph(paragraph_start, position)
                paragraph_start = None
            if closing is not None:  # code: nothing inside is Markdown
                position += sum(len(skipped) + 1 for skipped in lines[index : closing + 1])
                index = closing + 1
                continue
        else:
            scan.line(line, position)
            if paragraph_start is None:
                paragraph_start = position
        position += len(line) + 1
        index += 1
    if paragraph_start is not None:
        scan.paragraph(paragraph_start, len(text))
    return sorted(scan.first.values(), key=lambda excess: excess.offset)


def _fence_closings(lines: list[str]) -> dict[str, list[int]]:
    # Lines that can close a fence, by fence: one pass, so finding each block's end never re-reads the text.
    closings: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        stripped = line.rstrip(" ")
        if stripped[:3] in ("```", "~~~") and stripped == stripped[0] * len(stripped):
            closings.setdefault(stripped, []).append(index)
    return closings


def _next_closing(closings: dict[str, list[int]], fence: str, index: int) -> int | None:
    candidates = closings.get(fence, [])
    found = bisect_right(candidates, index)
    return candidates[found] if found < len(candidates) else None


_SIMPLE_MARKS = ("[", "]", "(", ")", "&", "`", "\\", "*", "_")
"""Characters that start a mark of `_MARK` (each at most one) when the text has no `<` or `[^`."""


def _within_limits_at_a_glance(paragraph: str, most: int) -> bool:
    """Whether counting characters alone proves the paragraph within every per-paragraph limit.

    Most prose, [[mentions]], links and emphasis included, needs no walk mark by mark: with no tags or
    footnote references, brackets open at once are at most the `[` and `(` it holds, emphasis levels at most
    its `*` and `_`, and its marks at most the characters that can start one.
    """
    if "<" in paragraph or "[^" in paragraph:
        return False
    if paragraph.count("[") + paragraph.count("(") > MAX_OPEN_BRACKETS:
        return False
    if paragraph.count("*") + paragraph.count("_") > MAX_NESTING:
        return False
    marks = sum(map(paragraph.count, _SIMPLE_MARKS)) + paragraph.count("  \n")
    return marks <= most


class _Scan:
    """What one pass over a text has counted, and the first excess of each limit."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.first: dict[str, Excess] = {}
        self.counts: Counter[str] = Counter()
        self.cleared = _within_limits_at_a_glance(text, MAX_PARAGRAPH_WORK // max(len(text), 1))
        """Whether counting the whole text's characters proves every paragraph within the limits (a
        paragraph holds no more of them than the whole, and is no longer)."""

    def report(self, kind: str, offset: int, message: str) -> None:
        self.first.setdefault(kind, Excess(offset, message))

    def line(self, line: str, offset: int) -> None:
        depth = position = 0
        while (match := _CONTAINER.match(line, position)) and match.end() > position:
            depth += 1
            if depth > MAX_NESTING:
                message = (
                    f"quotes, lists and indented blocks are nested more than {MAX_NESTING} levels deep here: "
                    "flatten them"
                )
                self.report("nesting", offset + position, message)
                break
            position = match.end()
        if _HEADING.match(line):
            self.count("headings", offset)

    def paragraph(self, start: int, end: int) -> None:
        text = self.text
        most = MAX_PARAGRAPH_WORK // (end - start)
        if self.cleared or _within_limits_at_a_glance(text[start:end], most):
            return
        brackets = parentheses = emphasis = matches = 0
        for mark in _MARK.finditer(text, start, end):
            kind, at = mark.group(), mark.start()
            first = kind[0]
            if kind.startswith("[^"):
                matches += 1
                self.count("references", at)
            elif first == "[":
                matches += 1
                brackets += 1
                self._check_brackets(brackets + parentheses, at)
            elif first == "]":
                if brackets:
                    brackets -= 1
                    if text.startswith("(", mark.end()):
                        parentheses += 1  # a link target: read to its `)`, or to the paragraph's end
                        self._check_brackets(brackets + parentheses, at)
            elif first == "(":
                if parentheses and not text.startswith("](", at - 1):
                    parentheses += 1
                    self._check_brackets(brackets + parentheses, at)
            elif first == ")":
                parentheses = max(parentheses - 1, 0)
            elif first in "*_":
                deeper = _emphasis_depth(text, at, mark.end(), emphasis)
                matches += deeper > emphasis
                emphasis = deeper
                if emphasis > MAX_NESTING:
                    message = (
                        f"emphasis ('*' or '_') is nested more than {MAX_NESTING} levels deep here: close it "
                        "sooner, or write \\* for a literal asterisk"
                    )
                    self.report("emphasis", at, message)
            else:  # an escape, a code span's backticks, an entity, a tag or a line break: one match each
                matches += 1
                if first == "<" and not _AUTOLINK.match(text, at):
                    self.count("tags", at)
            if matches > most:
                # Python-Markdown rebuilds the paragraph's text after each match: stop before that is slow.
                message = (
                    f"this paragraph of {end - start:,} characters has more than {most:,} links, emphases, "
                    "code spans or other marks, more than Markdown renders quickly: split it with blank lines"
                )
                self.report("work", start, message)
                return

    def _check_brackets(self, depth: int, at: int) -> None:
        if depth > MAX_OPEN_BRACKETS:
            message = (
                f"more than {MAX_OPEN_BRACKETS} brackets '[' or '](' are open here (an unclosed one stays "
                "open to the end of its paragraph): close them, or write \\[ for a literal bracket"
            )
            self.report("brackets", at, message)

    def count(self, kind: str, at: int) -> None:
        """Count one more heading, footnote reference or tag, and report the first past its limit."""
        limit, message = _COUNTED[kind]
        self.counts[kind] += 1
        if self.counts[kind] > limit:
            self.report(kind, at, message)


_COUNTED = {
    "headings": (MAX_HEADINGS, f"more than {MAX_HEADINGS} headings in one text: split it into several"),
    "references": (
        MAX_FOOTNOTE_REFERENCES,
        f"more than {MAX_FOOTNOTE_REFERENCES} footnote references in one text: cite fewer, or split the text",
    ),
    "tags": (
        MAX_HTML_TAGS,
        f"more than {MAX_HTML_TAGS} raw HTML tags: raw HTML is not allowed in Markdown; write it in Markdown "
        "instead, or '&lt;' for a literal '<'",
    ),
}
"""What `_Scan.count` counts in a whole text: its limit, and what the contributor is told past it."""


def _emphasis_depth(text: str, start: int, end: int, depth: int) -> int:
    """The emphasis depth after the `*`/`_` run at `start:end`: an opener adds one, a closer ends one."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    opens, closes = not after.isspace(), not before.isspace()
    if text[start] == "_" and before.isalnum() and after.isalnum():
        return depth  # snake_case: Markdown leaves underscores inside words alone
    if opens and (not closes or depth == 0):
        return depth + 1
    if closes:
        return max(depth - 1, 0)
    return depth
