"""Problems: compiler-style lines, the summary line, and GitHub commands that content cannot forge."""

from __future__ import annotations

import pytest
from conftest import read_workflow_commands

from generator.problems import ContentError, Problem, count_errors, escape_line, format_report, summarize


def error(path: str = "content/actors.yml", line: int = 1, column: int = 1, message: str = "bad") -> Problem:
    return Problem(path, line, column, "error", message)


def warning(
    path: str = "content/actors.yml", line: int = 1, column: int = 1, message: str = "odd"
) -> Problem:
    return Problem(path, line, column, "warning", message)


def test_format_is_path_line_column_severity_message() -> None:
    problem = error("content/articles/2025/call.md", 7, 11, "claims[2].by: unknown actor 'x'")

    assert problem.format() == "content/articles/2025/call.md:7:11: error: claims[2].by: unknown actor 'x'"
    assert warning(message="no summary").format() == "content/actors.yml:1:1: warning: no summary"


def test_problems_sort_by_file_then_line_then_column() -> None:
    problems = [
        error("content/venues.yml", 1, 1),
        error("content/actors.yml", 10, 2),
        error("content/actors.yml", 2, 30),
        error("content/actors.yml", 2, 4),
    ]

    assert [(p.path, p.line, p.column) for p in sorted(problems)] == [
        ("content/actors.yml", 2, 4),
        ("content/actors.yml", 2, 30),
        ("content/actors.yml", 10, 2),
        ("content/venues.yml", 1, 1),
    ]


@pytest.mark.parametrize(
    ("problems", "nothing_written", "expected"),
    [
        ([], False, "check: no problems found"),
        ([], True, "check: no problems found"),
        ([error()], False, "check: 1 error in 1 file"),
        ([error(), error(line=2)], False, "check: 2 errors in 1 file"),
        ([error("a.yml"), error("b.yml")], True, "check: 2 errors in 2 files; nothing written"),
        ([warning()], False, "check: 1 warning in 1 file"),
        ([warning(), warning(line=3)], False, "check: 2 warnings in 1 file"),
        # Nothing was going to be written because of warnings alone: do not claim otherwise.
        ([warning()], True, "check: 1 warning in 1 file"),
        (
            [error("a.yml"), error("a.yml", 2), warning("b.yml"), warning("c.yml")],
            True,
            "check: 2 errors, 2 warnings in 3 files; nothing written",
        ),
        ([error("a.yml"), warning("a.yml")], False, "check: 1 error, 1 warning in 1 file"),
    ],
)
def test_summarize(problems: list[Problem], nothing_written: bool, expected: str) -> None:
    assert summarize(problems, nothing_written=nothing_written) == expected


def test_count_errors_ignores_warnings() -> None:
    assert count_errors([error(), warning(), error(line=2)]) == 2


def test_content_error_sorts_problems_and_says_nothing_was_written() -> None:
    failure = ContentError([warning("b.yml"), error("b.yml", 3), error("a.yml", 9)])

    assert [problem.path for problem in failure.problems] == ["a.yml", "b.yml", "b.yml"]
    assert failure.errors == (error("a.yml", 9), error("b.yml", 3))
    assert str(failure) == "check: 2 errors, 1 warning in 2 files; nothing written"


def test_format_github_error_and_warning() -> None:
    assert error("content/actors.yml", 4, 9, "kind: 'persn' is not allowed").format_github() == (
        "::error file=content/actors.yml,line=4,col=9::kind: 'persn' is not allowed"
    )
    assert warning("content/actors.yml", 2, 3, "no summary").format_github() == (
        "::warning file=content/actors.yml,line=2,col=3::no summary"
    )


def test_format_github_escapes_message_so_it_cannot_start_a_second_command() -> None:
    message = "quote 100%0A sure\n::error file=forged.md,line=1,col=1::forged\r\nend :: a, b ##[add-mask]x"
    problem = error("content/actors.yml", 2, 5, message)

    line = problem.format_github()

    # Line breaks show as in `format` (a visible \n), then `%` is escaped for the runner.
    shown = (
        "quote 100%0A sure\\n::error file=forged.md,line=1,col=1::forged\\r\\nend :\\: a, b ##\\[add-mask]x"
    )
    assert line == "::error file=content/actors.yml,line=2,col=5::" + shown.replace("%", "%25")
    assert read_workflow_commands(line) == [
        ("error", {"file": "content/actors.yml", "line": "2", "col": "5"}, shown)
    ]


def test_format_github_escapes_path_so_it_cannot_add_or_end_properties() -> None:
    path = "content/articles/2025/a,line=99:b%\n::warning x.md"
    problem = error(path, 3, 7, "bad")

    line = problem.format_github()

    assert line == (
        "::error file=content/articles/2025/a%2Cline=99%3Ab%25\\n%3A%3Awarning x.md,line=3,col=7::bad"
    )
    assert read_workflow_commands(line) == [
        ("error", {"file": path.replace("\n", "\\n"), "line": "3", "col": "7"}, "bad")
    ]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\nb\rc\td", "a\\nb\\rc\\td"),
        ("::add-mask::secret", ":\\:add-mask::secret"),
        (" \t::stop-commands::x", " \\t::stop-commands::x"),
        (" \u00a0::stop-commands::x", " \u00a0:\\:stop-commands::x"),
        ("title ##[error]forged ###[x", "title ##\\[error]forged ###\\[x"),
        ("name \u202eredro\u202c and \u200bzero", "name \\u202eredro\\u202c and \\u200bzero"),
        ("\x1b[2J\x85\u2028\U000e0041\udcff", "\\x1b[2J\\x85\\u2028\\U000e0041\\udcff"),
        ("content/a.yml:3:4: error: a::b, 'x' :: y", "content/a.yml:3:4: error: a::b, 'x' :\\: y"),
        ("Київ — Москва 👨\u200d👩", "Київ — Москва 👨\\u200d👩"),
    ],
)
def test_escape_line_shows_what_text_holds_and_forges_no_command(text: str, shown: str) -> None:
    assert escape_line(text) == shown
    assert escape_line(shown) == shown  # escaping twice changes nothing
    assert read_workflow_commands(shown) == []


def test_format_escapes_path_and_message() -> None:
    problem = error("content/articles/2025/x\n::add-mask::y.md", 1, 1, "unknown id 'a\r##[error]b'")

    assert problem.format() == (
        "content/articles/2025/x\\n::add-mask::y.md:1:1: error: unknown id 'a\\r##\\[error]b'"
    )


def test_format_report_lists_every_problem_sorted_then_the_summary() -> None:
    problems = [
        Problem("content/venues.yml", 2, 1, "warning", "no summary"),
        Problem("content/actors.yml", 4, 9, "error", "kind: 'persn' is not allowed"),
    ]
    assert format_report(problems) == (
        "content/actors.yml:4:9: error: kind: 'persn' is not allowed\n"
        "content/venues.yml:2:1: warning: no summary\n"
        "check: 1 error, 1 warning in 2 files; nothing written"
    )
