"""Characters that hide, reorder or break text: which ones content may hold, and how messages show them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

FORMAT_CHARACTERS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
"""Unicode's format characters (category Cf, as of Unicode 15.1), for a regular expression's `[...]`.

Invisible by design: bidirectional controls, zero-width spaces and joiners, the soft hyphen, tags.
`tests/test_characters.py` checks that the running Python knows no other.
"""

BIDI_EMBEDDINGS = "\u202a-\u202e\u2066-\u2069"
"""Embeddings, overrides and isolates: they reorder everything after them up to the end of the paragraph."""

JOINERS = "\u200c\u200d"
"""ZERO WIDTH NON-JOINER and ZERO WIDTH JOINER: spelling in Persian, Indic scripts and emoji sequences."""

_UNPRINTABLE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff{FORMAT_CHARACTERS}]")
"""What a message never prints as it is: controls (line breaks among them), line and paragraph separators,
lone surrogates (an undecodable file name; they cannot even be written as UTF-8) and format characters."""

_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

_HIDDEN_IN_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{FORMAT_CHARACTERS}]")
"""What a name, id, title or other text from YAML may not hold. Tabs, line breaks and Unicode's line and
paragraph separators are white space that the pages show as such (and escape where they must)."""

_MAY_HIDE_IN_YAML = re.compile(f"[\x85{FORMAT_CHARACTERS.split(chr(0x110BD))[0]}\U00010000-\U0010ffff]")
"""In YAML text as written: a hidden character of the Basic Multilingual Plane, or any character past it
(a small class searches several times faster than one with every format character's range)."""

_BIDI_CONTROLS = re.compile(f"[\u061c\u200e\u200f{BIDI_EMBEDDINGS}]")

_CONTROLS_IN_MARKDOWN = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
"""Control characters (C0, DELETE and C1) other than the tab, the line feed and the carriage return: none is
text, and the renderer marks generated HTML blocks with one (`render/html_blocks.py`)."""

_HIDDEN_IN_MARKDOWN = re.compile(f"[{_CONTROLS_IN_MARKDOWN}{BIDI_EMBEDDINGS}]")
"""What contributor Markdown (article bodies, hand-written pages) may not hold: its prose may need marks,
joiners and soft hyphens, not reordering or control characters."""

_CHARACTER_NAMES = {
    "\x00": "NULL",
    "\x1a": "SUBSTITUTE",
    "\x1b": "ESCAPE",
    "\x1e": "INFORMATION SEPARATOR TWO",
    "\x7f": "DELETE",
    "\x85": "NEXT LINE",
    "\r": "CARRIAGE RETURN",
    "\t": "CHARACTER TABULATION",
}


def escape_unprintable(text: str) -> str:
    """`text` with every control, separator and format character shown as an escape: `\\n`, `\\u202e`."""
    if _UNPRINTABLE.search(text) is None:
        return text  # nearly every message: no copy
    return _UNPRINTABLE.sub(_escape_character, text)


def _escape_character(match: re.Match[str]) -> str:
    character = match.group()
    named = _NAMED_ESCAPES.get(character)
    if named is not None:
        return named
    code = ord(character)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def describe_character(character: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`: the code point and its Unicode name, to look up or search for."""
    name = unicodedata.name(character, "") or _CHARACTER_NAMES.get(character, "a control character")
    return f"U+{ord(character):04X} {name}"


def may_hide_characters(yaml_text: str) -> bool:
    """Whether some text parsed from `yaml_text` may hold a hidden character (False for nearly every file).

    It may if one is written as it is, or if a `\\` may write one (`"\\u202e"` in a double-quoted string).
    YAML readers refuse other control characters in a file, so plain ASCII text needs no search.
    """
    if "\\" in yaml_text:
        return True
    return not yaml_text.isascii() and _MAY_HIDE_IN_YAML.search(yaml_text) is not None


def find_hidden_characters(text: str, *, markdown: bool = False) -> Iterator[int]:
    """Where the characters that hide or reorder text are in `text`.

    In YAML text (`markdown=False`): control characters other than the tab and the line break, and every
    format character, except a joiner between two letters of a script that needs it (Persian, Indic
    scripts, emoji sequences; not between ASCII letters, where it only hides a difference). In Markdown
    prose: only control characters other than the tab and line breaks, and embeddings, overrides and
    isolates (marks, joiners and soft hyphens are prose's own).
    """
    pattern = _HIDDEN_IN_MARKDOWN if markdown else _HIDDEN_IN_TEXT
    for match in pattern.finditer(text):
        if markdown or not _is_joining(text, match.start()):
            yield match.start()


def hidden_character_message(text: str, index: int, start: str = "the text") -> str:
    """The message for the hidden character at `index` of `text`: which it is, after what, why and the fix.

    `start` names what the character starts, if nothing comes before it (`the text`, `the line`).
    """
    character = text[index]
    before = text[max(0, index - 20) : index].rsplit("\n", 1)[-1]
    where = f"after '{before}'" if before else f"at the start of {start}"
    return (
        f"hidden character {describe_character(character)} {where}: {explain_hidden_character(character)}; "
        "delete it (if your editor does not show it, retype the text around it)"
    )


def reorders_text(character: str) -> bool:
    """Whether `character` is a bidirectional control: it changes the order in which text is shown."""
    return _BIDI_CONTROLS.match(character) is not None


def explain_hidden_character(character: str) -> str:
    """What the character does, for a message: why it may not stay."""
    if reorders_text(character):
        return "it changes the order in which the text around it is shown"
    if unicodedata.category(character) == "Cf":
        return "it is invisible, so two texts that look the same differ"
    return "it is a control character, not text"


def _is_joining(text: str, index: int) -> bool:
    """Whether the character at `index` is a joiner between two characters that are not ASCII or spaces."""
    if text[index] not in JOINERS or index == 0 or index == len(text) - 1:
        return False
    return all(
        neighbour > "\x7f" and not neighbour.isspace() and _HIDDEN_IN_TEXT.match(neighbour) is None
        for neighbour in (text[index - 1], text[index + 1])
    )
