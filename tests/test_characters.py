"""Characters that hide or reorder text: the table of format characters, escapes, and where they are found."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest

from generator.domain.characters import (
    FORMAT_CHARACTERS,
    describe_character,
    escape_unprintable,
    explain_hidden_character,
    find_hidden_characters,
    may_hide_characters,
)


def test_the_table_holds_every_format_character_this_python_knows() -> None:
    table = re.compile(f"[{FORMAT_CHARACTERS}]")
    missing = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == "Cf" and not table.match(chr(code))
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("character", "described"),
    [
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u200b", "U+200B ZERO WIDTH SPACE"),
        ("\u00ad", "U+00AD SOFT HYPHEN"),
        ("\x1b", "U+001B ESCAPE"),
        ("\x01", "U+0001 a control character"),
        ("\U000e0041", "U+E0041 TAG LATIN CAPITAL LETTER A"),
    ],
)
def test_describe_character_names_the_code_point(character: str, described: str) -> None:
    assert describe_character(character) == described


def test_escape_unprintable_keeps_every_other_character() -> None:
    text = "Київ, Zürich, 東京, مرحبا, 👨\u200d👩 \u00a0 —"
    assert escape_unprintable(text) == text.replace("\u200d", "\\u200d")


@pytest.mark.parametrize(
    ("text", "markdown", "found"),
    [
        ("Vladimir Putin", False, None),
        ("Putin\u202e", False, 5),
        ("\u2066Putin\u2069", False, 0),
        ("Put\u00adin", False, 3),
        ("Put\u200bin", False, 3),
        ("Put\u200din", False, 3),  # a joiner between Latin letters only hides a difference
        ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", False, None),  # Persian needs its non-joiner
        ("\u0915\u094d\u200d\u0937", False, None),  # so do Indic conjuncts
        ("👨\u200d👩\u200d👧", False, None),  # and emoji sequences
        ("\u200d\u0645", False, 0),
        ("a summary\nover two lines", False, None),
        ("tab\there", False, None),  # white space, shown as such
        ("line\u2028separator", False, None),
        ("carriage\rreturn", False, 8),
        ("vertical\x0btab", False, 8),
        ("He said \u200fhello\u200e.", True, None),  # prose may need marks
        ("Put\u00adin and \u200b", True, None),
        ("text \u202eevil", True, 5),
        ("text \u2067evil\u2069", True, 5),
        ("tab\tand\r\nline breaks", True, None),
        ("sub\x1astitute", True, 3),  # the generator's HTML block mark
        ("record\x1eseparator", True, 6),
        ("\x00null", True, 0),
        ("delete\x7f", True, 6),
        ("next line\x85", True, 9),
        ("vertical\x0btab", True, 8),
    ],
)
def test_find_hidden_characters_finds_the_first(text: str, markdown: bool, found: int | None) -> None:
    assert next(find_hidden_characters(text, markdown=markdown), None) == found


def test_find_hidden_characters_finds_each() -> None:
    assert list(find_hidden_characters("a\u202eb\u202cc\u2066", markdown=True)) == [1, 3, 5]


def test_may_hide_characters_looks_for_the_characters_and_for_escapes() -> None:
    assert not may_hide_characters("- id: a\n  name: Київ \u0645\u06cc\n")
    assert may_hide_characters("name: Put\u200bin\n")
    assert may_hide_characters('name: "Put\\u200bin"\n')
    assert may_hide_characters("name: Alice 😀\n")  # past the Basic Multilingual Plane: the text is read


def test_explain_hidden_character() -> None:
    assert explain_hidden_character("\u202e") == "it changes the order in which the text around it is shown"
    assert explain_hidden_character("\u200b") == "it is invisible, so two texts that look the same differ"
    assert explain_hidden_character("\x1b") == "it is a control character, not text"
