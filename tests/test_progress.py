"""Progress of long builds: a redrawn line on a terminal, a line per stage in logs, nothing with --quiet."""

from __future__ import annotations

import io
import logging
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_build import FIXTURE, make_project, run_mkdocs

from generator.build.progress import CLEAR_LINE, ClearsStatusLine, Progress, describe_seconds, is_interactive


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def logged() -> tuple[logging.Logger, io.StringIO]:
    """A logger that shows INFO, writing to a string."""
    logger = logging.getLogger("test-progress")
    logger.handlers.clear()
    logger.propagate = False
    logger.setLevel(logging.INFO)
    output = io.StringIO()
    logger.addHandler(logging.StreamHandler(output))
    return logger, output


def run_stage(progress: Progress, clock: FakeClock, total: int, seconds_each: float) -> None:
    stage = progress.stage("converted", "converting", total)
    for _ in range(total):
        clock.now += seconds_each
        stage.advance()
    stage.finish()


def test_a_terminal_shows_pages_done_of_total_and_time_left(
    logged: tuple[logging.Logger, io.StringIO], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    logger, output = logged
    terminal, clock = Terminal(), FakeClock()
    progress = Progress(logger, terminal, clock=clock)
    assert progress.interactive
    run_stage(progress, clock, total=1000, seconds_each=0.01)  # 10 s: about 40 redraws, not 1000
    drawn = terminal.getvalue()
    assert "newsgen: converting pages 1/1,000 (0 %), about 10 s left" in drawn
    assert re.search(r"newsgen: converting pages 5\d\d/1,000 \(5\d %\), about [45] s left", drawn)
    assert "newsgen: converting pages 1,000/1,000 (100 %)" in drawn
    assert 30 <= drawn.count(CLEAR_LINE) <= 60
    assert drawn.endswith(CLEAR_LINE)  # erased before the stage's log line
    assert output.getvalue() == "newsgen: converted 1,000 pages in 10.0 s\n"


def test_a_log_that_is_not_a_terminal_gets_one_line_per_stage(
    logged: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, output = logged
    stream, clock = io.StringIO(), FakeClock()
    progress = Progress(logger, stream, clock=clock)
    assert not progress.interactive
    run_stage(progress, clock, total=500, seconds_each=0.1)
    run_stage(progress, clock, total=500, seconds_each=0.02)
    assert stream.getvalue() == ""
    assert output.getvalue().splitlines() == [
        "newsgen: converted 500 pages in 50.0 s",
        "newsgen: converted 500 pages in 10.0 s",
    ]
    assert "\r" not in output.getvalue()


def test_quiet_shows_nothing(logged: tuple[logging.Logger, io.StringIO]) -> None:
    logger, output = logged
    logger.setLevel(logging.ERROR)  # what `mkdocs build --quiet` does
    terminal, clock = Terminal(), FakeClock()
    progress = Progress(logger, terminal, interactive=True, clock=clock)
    run_stage(progress, clock, total=100, seconds_each=0.1)
    assert terminal.getvalue() == "" and output.getvalue() == ""


def test_a_log_record_erases_the_status_line_first(logged: tuple[logging.Logger, io.StringIO]) -> None:
    logger, output = logged
    terminal, clock = Terminal(), FakeClock()
    progress = Progress(logger, terminal, interactive=True, clock=clock)
    logger.handlers[0].addFilter(ClearsStatusLine(progress))
    stage = progress.stage("converted", "converting", 10)
    stage.advance()
    logger.warning("a warning")
    assert terminal.getvalue().endswith(CLEAR_LINE) and output.getvalue() == "a warning\n"


def test_ci_and_dumb_terminals_are_not_redrawn(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("CI", "true")
    assert not is_interactive(Terminal())
    monkeypatch.delenv("CI")
    assert is_interactive(Terminal())
    monkeypatch.setenv("TERM", "dumb")
    assert not is_interactive(Terminal())
    assert not is_interactive(io.StringIO())


@pytest.mark.parametrize(
    ("seconds", "shown"), [(0.2, "1 s"), (42, "42 s"), (185, "3 min 05 s"), (3720, "1 h 02 min")]
)
def test_time_left_reads_as_people_say_it(seconds: float, shown: str) -> None:
    assert describe_seconds(seconds) == shown


# The three cases on a real build of the fixture story.

STAGE_LINES = ("newsgen: generated", "newsgen: converted", "newsgen: wrote", "newsgen: indexed")


def test_a_build_logged_to_a_file_has_one_line_per_stage(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE / "content")
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    for start in STAGE_LINES:
        assert sum(start in line for line in lines) == 1, (start, lines)
    assert "\r" not in result.stderr and "\x1b" not in result.stderr


def test_a_quiet_build_prints_nothing(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE / "content")
    result = run_mkdocs(project, "build", "--strict", "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""


def test_a_build_on_a_terminal_redraws_pages_done(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE / "content")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    environment.update(TERM="xterm")
    environment.pop("CI", None)
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=terminal,
        stderr=terminal,
    )
    os.close(terminal)
    printed = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed: the build ended
            break
        if not chunk:
            break
        printed += chunk
    os.close(controller)
    assert process.wait() == 0, printed
    text = printed.decode()
    assert "\r\x1b[Knewsgen: converting pages 1/" in text
    assert "\r\x1b[Knewsgen: writing pages 1/" in text
    assert "newsgen: converted" in text and "newsgen: wrote" in text
