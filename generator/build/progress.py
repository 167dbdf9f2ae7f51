"""Progress of a long build: pages done of total and time left on a terminal, one line per stage otherwise.

On a terminal a stage redraws one status line in place (carriage return, at most a few times a second);
everywhere a finished stage is one log line (`newsgen: converted 13,121 pages in 98.2 s`), so a CI log gets
one line per stage and no carriage returns. When the logger does not show INFO (`mkdocs build --quiet`),
nothing is drawn or logged.
"""

from __future__ import annotations

import logging
import math
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

REDRAW_SECONDS = 0.25
"""The shortest time between two redraws of the status line."""

CLEAR_LINE = "\r\x1b[K"
"""Back to the start of the line, and erase it."""


def is_interactive(stream: TextIO) -> bool:
    """Whether `stream` is a terminal that can redraw a line: not a file, a pipe, a dumb terminal or CI."""
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):
        return False
    return terminal and os.environ.get("TERM") != "dumb" and os.environ.get("CI") != "true"


def describe_seconds(seconds: float) -> str:
    """`42 s`, `3 min 05 s`, `1 h 02 min`: how long, for a reader."""
    whole = max(0, math.ceil(seconds))
    if whole < 60:
        return f"{whole} s"
    minutes, remainder = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {remainder:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


@dataclass
class Stage:
    """One stage of a build over a known number of items (pages), started by `Progress.stage`."""

    progress: Progress
    verb: str
    """What the stage does, in the past tense for its log line (`converted`)."""
    doing: str
    """What the status line says while it runs (`converting`)."""
    total: int
    unit: str
    started: float
    done: int = 0
    _drawn_at: float = -math.inf
    finished: bool = field(default=False)

    def advance(self, count: int = 1) -> None:
        """`count` more items done; on a terminal, redraw the status line if it is time to."""
        self.done += count
        if not self.progress.interactive:
            return
        now = self.progress.clock()
        if now - self._drawn_at >= REDRAW_SECONDS or self.done >= self.total:
            self._drawn_at = now
            self.progress.draw(self.status(now))

    def status(self, now: float) -> str:
        """`newsgen: converting pages 1,200/13,121 (9 %), about 2 min 10 s left`."""
        shown = min(self.done, self.total)
        line = f"newsgen: {self.doing} {self.unit} {shown:,}/{self.total:,}"
        if self.total:
            line += f" ({shown * 100 // self.total} %)"
        elapsed = now - self.started
        if 0 < shown < self.total and elapsed > 0:
            line += f", about {describe_seconds(elapsed / shown * (self.total - shown))} left"
        return line

    def finish(self) -> None:
        """Clear the status line and log the stage's line (once)."""
        if self.finished:
            return
        self.finished = True
        seconds = self.progress.clock() - self.started
        self.progress.clear()
        self.progress.log.info(f"newsgen: {self.verb} {self.done:,} {self.unit} in {seconds:.1f} s")


@dataclass
class Progress:
    """Reports the stages of one build to `log` and, on a terminal, a live status line on `stream`."""

    log: logging.Logger
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    interactive: bool | None = None
    """Whether to redraw a status line; by default, whether `stream` is a terminal (see `is_interactive`)."""
    clock: Callable[[], float] = time.monotonic
    _shown: bool = False

    def __post_init__(self) -> None:
        if self.interactive is None:
            self.interactive = is_interactive(self.stream)
        if not self.log.isEnabledFor(logging.INFO):  # --quiet: nothing extra
            self.interactive = False

    def stage(self, verb: str, doing: str, total: int, unit: str = "pages") -> Stage:
        """Start a stage of `total` items."""
        return Stage(self, verb, doing, total, unit, self.clock())

    def draw(self, line: str) -> None:
        """Replace the status line with `line` (terminals only)."""
        self.stream.write(f"{CLEAR_LINE}{line}")
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        """Erase the status line, if one is shown, so a log line can take its place."""
        if self._shown:
            self.stream.write(CLEAR_LINE)
            self.stream.flush()
            self._shown = False


class ClearsStatusLine(logging.Filter):
    """A handler filter: erases the status line before the handler writes a record, so none is appended
    to a half-drawn line (the next redraw puts it back below the record)."""

    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self.progress = progress

    def filter(self, record: logging.LogRecord) -> bool:
        """Always let the record through, after clearing the line."""
        self.progress.clear()
        return True
