"""Shortcuts taken for speed answer exactly as the plain code they replace (kept here as the reference)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.loader import SourceFile, YamlProblem, split_front_matter
from generator.mentions import _MENTION, _mention, _prose_lines, find_mentions

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def split_front_matter_by_lines(text: str) -> tuple[str, str, int] | str:
    """The former `split_front_matter`, line by line; an error as its message."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return "missing"
    for number in range(1, len(lines)):
        if lines[number].rstrip() == "---":
            return "\n".join(lines[1:number]) + "\n", "\n".join(lines[number + 1 :]), number + 2
    return "unterminated"


def split_now(text: str) -> tuple[str, str, int] | str:
    try:
        return split_front_matter(SourceFile("a.md", text))
    except YamlProblem as problem:
        return problem.message.split()[0]


@SETTINGS
@given(
    st.lists(st.sampled_from(["---", "--- ", "----", " ---", "---\r", "--", "a: 1", "", "x---", "---\x0c"]))
)
def test_split_front_matter_as_line_by_line(lines: list[str]) -> None:
    text = "\n".join(lines)

    assert split_now(text) == split_front_matter_by_lines(text)


@SETTINGS
@given(st.text(alphabet="-\n a\r", max_size=30))
def test_split_front_matter_as_line_by_line_on_any_text(text: str) -> None:
    assert split_now(text) == split_front_matter_by_lines(text)


def mentions_by_prose_lines(body: str) -> list[Any]:
    """The former `find_mentions`: every prose line, code spans blanked, searched."""
    return [
        _mention(match, number) for number, line in _prose_lines(body) for match in _MENTION.finditer(line)
    ]


@SETTINGS
@given(
    st.lists(
        st.sampled_from(
            [
                "",
                "Text [[a]] and [[Label|b-c]].",
                "    [[indented]]",
                "- item [[x]]",
                "1. item",
                "```",
                "~~~",
                "````",
                "`[[code]]` and [[real]]",
                "``a`` [[x]] `",
                "\t[[tab]]",
                "  \t[[mixed]]",
                "text",
                "[[ spaced | id ]]",
                "[[unclosed",
            ]
        ),
        max_size=12,
    )
)
def test_find_mentions_as_every_prose_line(lines: list[str]) -> None:
    body = "\n".join(lines)

    assert find_mentions(body) == mentions_by_prose_lines(body)
