"""Code in contributor Markdown: which lines are outside fenced and indented blocks, code spans blanked."""

from __future__ import annotations

import pytest

from generator.load.markdown_code import blank_code_spans, lines_outside_code, may_have_code, prose_lines


def numbers_outside_code(text: str) -> list[int]:
    return [number for number, _ in lines_outside_code(text)]


def test_a_fence_closes_only_with_its_own_character_at_least_as_long() -> None:
    # A ```` block shows ``` lines as they are: the heading inside is code, not a heading.
    text = "````\n```\n# code, not a heading\n```\n````\n# Heading\n~~~\n````\n~~~~\nafter"

    assert numbers_outside_code(text) == [6, 10]


def test_fences_may_be_indented_up_to_three_spaces_and_blank_lines_are_left_out() -> None:
    text = "a\n\n   ```\ncode\n   ```\n    ```\nb"

    assert list(lines_outside_code(text)) == [(1, "a"), (6, "    ```"), (7, "b")]


def test_backticks_in_the_info_string_do_not_open_a_fence() -> None:
    assert numbers_outside_code("``` a ` b\ntext\n```\ncode") == [1, 2]


def test_indented_code_after_a_blank_line_but_not_inside_a_list() -> None:
    text = "para\n\n    code\n- item\n\n    continues the item\n\n        code in the item"

    assert numbers_outside_code(text) == [1, 4, 6]


def test_code_spans_are_blanked_column_for_column() -> None:
    assert blank_code_spans("a `b` c ``d ` e`` f") == "a " + " " * 3 + " c " + " " * 9 + " f"
    assert list(prose_lines("x `[[a]]`\n```\n[[b]]\n```")) == [(1, "x        ")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain\ntext", False),
        ("    indented", True),
        ("a\n    b", True),
        ("`x`", True),
        ("~~~", True),
        ("\tx", True),
    ],
)
def test_may_have_code_is_false_only_where_no_line_can_be_code(text: str, expected: bool) -> None:
    assert may_have_code(text) is expected
    if not expected:
        assert numbers_outside_code(text) == [
            number for number, line in enumerate(text.split("\n"), 1) if line
        ]
