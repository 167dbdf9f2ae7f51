"""Inline mentions: `[[id]]` and `[[Label|id]]`, located, and never inside code."""

from __future__ import annotations

from generator.load.mentions import Mention, find_mentions, replace_mentions


def test_plain_mention() -> None:
    assert find_mentions("Talks with [[alice-example]] today.") == [
        Mention(entity_id="alice-example", label=None, line=1, column=12, id_column=14)
    ]


def test_labelled_mention() -> None:
    assert find_mentions("[[Alice|alice-example]] spoke.") == [
        Mention(entity_id="alice-example", label="Alice", line=1, column=1, id_column=9)
    ]


def test_several_mentions_per_line_and_across_lines() -> None:
    body = "[[a]] and [[Bee|b]].\n\nThen [[c]], [[a]]."

    assert [(m.entity_id, m.label, m.line, m.column, m.id_column) for m in find_mentions(body)] == [
        ("a", None, 1, 1, 3),
        ("b", "Bee", 1, 11, 17),
        ("c", None, 3, 6, 8),
        ("a", None, 3, 13, 15),
    ]


def test_columns_count_characters_not_bytes() -> None:
    assert find_mentions("Über [[b]]")[0].column == 6


def test_spaces_around_label_and_id_are_trimmed() -> None:
    mention = find_mentions("[[ Alice | alice-example ]]")[0]

    assert (mention.entity_id, mention.label) == ("alice-example", "Alice")


def test_id_column_points_at_the_id_not_the_spaces_before_it() -> None:
    assert [(m.column, m.id_column) for m in find_mentions("x [[ alice ]] [[Al |  alice]]")] == [
        (3, 6),
        (15, 23),
    ]


def test_not_mentions() -> None:
    assert find_mentions("[single] [[]] [[a|]] [[a\nb]] [ [a] ]") == []


def test_mentions_in_fenced_code_blocks_are_ignored() -> None:
    body = "[[a]]\n```\n[[b]]\n```\n~~~markdown\n[[c]]\n~~~\n  ```\n[[d]]\n  ```\n[[e]]"

    assert [(m.entity_id, m.line) for m in find_mentions(body)] == [("a", 1), ("e", 11)]


def test_a_fence_closes_only_with_its_own_character_and_length() -> None:
    body = (
        "~~~\n```\n[[a]]\n~~~\n[[b]]\n````\n```\n[[c]]\n`````\n[[d]]\n```js\n~~~~\n[[e]]\n``` x\n```\n[[f]]"
    )

    assert [(m.entity_id, m.line) for m in find_mentions(body)] == [("b", 5), ("d", 10), ("f", 16)]


def test_backticks_in_the_info_string_do_not_open_a_fence() -> None:
    assert [m.entity_id for m in find_mentions("``` a ` b\n[[a]]\n```")] == ["a"]


def test_indented_code_blocks_are_code() -> None:
    body = "[[a]]\n\n    [[b]]\n\n    [[c]]\n\tnot [[d]]\n[[e]]\n    [[f]] continues the paragraph"

    assert [(m.entity_id, m.line) for m in find_mentions(body)] == [("a", 1), ("e", 7), ("f", 8)]


def test_an_indented_block_at_the_start_of_the_body_is_code() -> None:
    assert find_mentions("    [[a]]\n\n[[b]]")[0].entity_id == "b"


def test_indented_lines_inside_a_list_continue_the_item() -> None:
    body = (
        "- item [[a]]\n\n    more about [[b]]\n\n        [[c]] is code\n\n"
        "After.\n\n    [[d]] is code again\n1. [[e]]"
    )

    assert [(m.entity_id, m.line) for m in find_mentions(body)] == [("a", 1), ("b", 3), ("e", 10)]


def test_mentions_in_inline_code_spans_are_ignored() -> None:
    body = "`[[a]]` then [[b]] then ``x [[c]] ` y`` and [[d]]"

    assert [(m.entity_id, m.column) for m in find_mentions(body)] == [("b", 14), ("d", 45)]


def test_replace_mentions_links_prose_and_leaves_code_untouched() -> None:
    body = "Hi [[Alice|alice-example]] and `[[bob-sample]]`.\n```\n[[alice-example]]\n```\n[[bob-sample]]!\n"

    result = replace_mentions(body, lambda m: f"<{m.label or m.entity_id}@{m.line}:{m.column}>")

    assert result == "Hi <Alice@1:4> and `[[bob-sample]]`.\n```\n[[alice-example]]\n```\n<bob-sample@5:1>!\n"


def test_replace_mentions_without_mentions_returns_the_body_unchanged() -> None:
    body = "No mentions here.\n\n`code` and more.\n"

    assert replace_mentions(body, lambda m: "X") == body
