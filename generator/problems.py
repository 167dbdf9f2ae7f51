"""Problems found in content: located, collected, and printed compiler style."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

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
        """Render as `path:line:col: severity: message`."""
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

    def format_github(self) -> str:
        """Render as a GitHub Actions workflow command, escaped so content cannot forge another."""
        command = "error" if self.severity == "error" else "warning"
        properties = f"file={_escape_property(self.path)},line={self.line},col={self.column}"
        return f"::{command} {properties}::{_escape_data(self.message)}"


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


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _escape_data(text: str) -> str:
    # https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts (escapeData)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # Same source (escapeProperty): ':' and ',' would end the property early.
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
