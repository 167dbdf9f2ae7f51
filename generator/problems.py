"""Problems found in content: located, collected, and printed compiler style."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from generator.domain.characters import escape_unprintable

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, at a place in a file (line and column are 1-based)."""

    path: str
    """The file, relative to the project root, in POSIX form (`content/actors.yml`)."""
    line: int
    column: int
    severity: Severity
    message: str
    """What is wrong and how to fix it, in the contributor's words."""

    def format(self) -> str:
        """Render as `path:line:col: severity: message`, one line that no CI runner reads as a command."""
        return escape_line(f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}")

    def format_github(self) -> str:
        """Render as a GitHub Actions workflow command, escaped so content cannot forge another.

        Path and message read as in `format` (a line break shown as `\\n`), then escaped for the runner.
        """
        command = "error" if self.severity == "error" else "warning"
        path, message = escape_line(self.path), escape_line(self.message)
        properties = f"file={_escape_property(path)},line={self.line},col={self.column}"
        return f"::{command} {properties}::{_escape_data(message)}"


class ContentError(Exception):
    """Raised when content has errors; carries every problem found, warnings included."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(problems))
        super().__init__(summarize(self.problems, nothing_written=True))

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Only the problems of severity `error`."""
        return tuple(problem for problem in self.problems if problem.severity == "error")


def count_errors(problems: Iterable[Problem]) -> int:
    """How many of the problems are errors."""
    return sum(1 for problem in problems if problem.severity == "error")


def summarize(problems: Iterable[Problem], *, nothing_written: bool = False) -> str:
    """One summary line: `check: 2 errors, 1 warning in 2 files`."""
    problems = tuple(problems)
    errors = count_errors(problems)
    warnings = len(problems) - errors
    files = len({problem.path for problem in problems})
    if not problems:
        return "check: no problems found"
    parts = []
    if errors:
        parts.append(_plural(errors, "error"))
    if warnings:
        parts.append(_plural(warnings, "warning"))
    line = f"check: {', '.join(parts)} in {_plural(files, 'file')}"
    if errors and nothing_written:
        line += "; nothing written"
    return line


def format_report(problems: Iterable[Problem]) -> str:
    """Every problem compiler style, sorted, then one summary line that says nothing was written."""
    problems = sorted(problems)
    return "\n".join([*(problem.format() for problem in problems), summarize(problems, nothing_written=True)])


_COMMAND_START = re.compile(r"(?:^|(?<=\s)):(?=:)|##(?=\[)")
"""Where a workflow command could start: `::` at the start of a line or after white space (the runner trims
leading white space, and a terminal or MkDocs may wrap a line at any space), and the legacy `##[` anywhere."""


def escape_line(text: str) -> str:
    """`text` as one printed line that shows what it holds and that no CI runner reads as a command.

    Line breaks, other controls and invisible format characters become visible escapes (`\\n`, `\\u202e`);
    a `\\` goes between the characters of `::` where a command could start (`:\\:`) and of `##[` (`##\\[`).
    Every line `newsgen` and its MkDocs plugin print goes through here, so text from content (a YAML key, a
    mention, a file name) can never add a mask, an annotation or a `stop-commands` to a GitHub Actions run:
    the runner reads a line as a command if, after leading white space, it starts with `::`, or if it holds
    `##[` anywhere (actions/runner, `ActionCommand.TryParseV2` and `TryParse`).
    """
    text = escape_unprintable(text)
    if ":" not in text and "##[" not in text:
        return text
    return _COMMAND_START.sub(r"\g<0>\\", text)


class EscapedLines(logging.Filter):
    """A logging filter that rewrites each line of a message as `escape_line` shows it."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Escape the record's message in place; never drop a record."""
        message = record.getMessage()
        escaped = "\n".join(map(escape_line, message.split("\n")))
        if escaped != message:
            record.msg, record.args = escaped, None
        return True


def escape_printed_lines(logger: logging.Logger) -> None:
    """Make every line `logger`'s handlers print safe for a CI runner to read, as `newsgen check`'s are.

    MkDocs quotes file names and links from content in its own messages; under GitHub Actions a line break
    or `##[` in one would forge a workflow command. Our own messages are escaped already.
    """
    for handler in logger.handlers:
        if not any(isinstance(existing, EscapedLines) for existing in handler.filters):
            handler.addFilter(EscapedLines())


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _escape_data(text: str) -> str:
    # https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts (escapeData)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # Same source (escapeProperty): ':' and ',' would end the property early.
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
