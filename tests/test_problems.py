"""Problems: compiler-style lines, the summary line, and GitHub commands that content cannot forge."""

from __future__ import annotations

import pytest

from generator.problems import ContentError, Problem, count_errors, summarize


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


def parse_workflow_commands(output: str) -> list[tuple[str, dict[str, str], str]]:
    """Read workflow commands the way the Actions runner does: one per line, `::name props::data`."""

    def unescape(text: str) -> str:
        return (
            text.replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%")
        )

    commands = []
    for line in output.splitlines():
        if not line.startswith("::"):
            continue
        end = line.index("::", 2)
        name, _, raw_properties = line[2:end].partition(" ")
        properties = {}
        for pair in raw_properties.split(","):
            key, _, value = pair.partition("=")
            properties[key] = unescape(value)
        commands.append((name, properties, unescape(line[end + 2 :])))
    return commands


def test_format_github_error_and_warning() -> None:
    assert error("content/actors.yml", 4, 9, "kind: 'persn' is not allowed").format_github() == (
        "::error file=content/actors.yml,line=4,col=9::kind: 'persn' is not allowed"
    )
    assert warning("content/actors.yml", 2, 3, "no summary").format_github() == (
        "::warning file=content/actors.yml,line=2,col=3::no summary"
    )


def test_format_github_escapes_message_so_it_cannot_start_a_second_command() -> None:
    message = "quote 100%0A sure\n::error file=forged.md,line=1,col=1::forged\r\nend :: a, b"
    problem = error("content/actors.yml", 2, 5, message)

    line = problem.format_github()

    assert "\n" not in line
    assert "\r" not in line
    assert line == (
        "::error file=content/actors.yml,line=2,col=5::"
        "quote 100%250A sure%0A::error file=forged.md,line=1,col=1::forged%0D%0Aend :: a, b"
    )
    assert parse_workflow_commands(line) == [
        ("error", {"file": "content/actors.yml", "line": "2", "col": "5"}, message)
    ]


def test_format_github_escapes_path_so_it_cannot_add_or_end_properties() -> None:
    path = "content/articles/2025/a,line=99:b%\n::warning x.md"
    problem = error(path, 3, 7, "bad")

    line = problem.format_github()

    assert line == (
        "::error file=content/articles/2025/a%2Cline=99%3Ab%25%0A%3A%3Awarning x.md,line=3,col=7::bad"
    )
    assert parse_workflow_commands(line) == [("error", {"file": path, "line": "3", "col": "7"}, "bad")]
