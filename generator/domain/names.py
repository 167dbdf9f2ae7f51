"""Names as people write them: one spelling key for diacritics and transliteration variants; close matches.

"Zelensky", "Zelenskyy", "Zelenskiy" and "Зеленский" share the key `zelensky`; "Umierov" and "Umerov" share
`umerov`. A key is compared exactly first; a fuzzy comparison (rapidfuzz) then allows one more slip in long
words only, and never a changed first or last letter, so "Russian" does not match "Russia" nor "German"
"Germany". Used by `newsgen import` to find registry entries in a report; `closest_name` is for did-you-mean.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from anyascii import anyascii
from rapidfuzz import fuzz, process

FUZZY_MIN_LENGTH = 7
"""Words whose keys are shorter match only when their keys are equal (one slip in "Putin" is another name)."""
FUZZY_MIN_SCORE = 90.0
"""rapidfuzz ratio (0-100) two keys of long words need: one letter inserted, dropped or changed in ~10."""

_POSSESSIVE = re.compile(r"['\u2019]s$")
_SPELLING_VARIANTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[^a-z0-9]+"), ""),  # apostrophes, hyphens, spaces: "Ing-wen" ~ "Ingwen"
    (re.compile(r"(?:iy|yy|yi|ij|yj|ii)$"), "y"),  # Zelenskiy, Zelenskyy, Zelenskyi, Zelenskij, Medinskii
    (re.compile(r"(?<=sk)i$"), "y"),  # Zelenski (Polish spelling)
    (re.compile(r"(?<=[^aeiouy])[iy]e"), "e"),  # Umierov, Dmitriev/Dmitryev ~ Dmitrev
    (re.compile(r"j"), "y"),  # Jurij ~ Yury
    (re.compile(r"w"), "v"),  # Peskow ~ Peskov
    (re.compile(r"(.)\1+"), r"\1"),  # doubled letters: Zelenskyy after the rules above, Merkell
)


def spelling_key(word: str) -> str:
    """The word in ASCII lower case with transliteration variants folded: `Zelenskiy's` -> `zelensky`."""
    key = anyascii(_POSSESSIVE.sub("", word.strip())).casefold()
    for pattern, replacement in _SPELLING_VARIANTS:
        key = pattern.sub(replacement, key)
    return key


def words_match(written: str, known: str) -> bool:
    """Whether `written` (as in a text) is a spelling of the name word `known` (as in a registry)."""
    written_key, known_key = spelling_key(written), spelling_key(known)
    if not written_key or not known_key:
        return False
    if written_key == known_key:
        return True
    return (
        min(len(written_key), len(known_key)) >= FUZZY_MIN_LENGTH
        and written_key[:2] == known_key[:2]
        and written_key[-1] == known_key[-1]
        and fuzz.ratio(written_key, known_key) >= FUZZY_MIN_SCORE
    )


def closest_name(written: str, known: Iterable[str], cutoff: float = 60.0) -> str | None:
    """The known name most like `written` (by spelling key), for did-you-mean; None below `cutoff` (0-100)."""
    keyed = {name: spelling_key(name) for name in sorted(known)}
    found = process.extractOne(spelling_key(written), keyed, scorer=fuzz.ratio, score_cutoff=cutoff)
    return found[2] if found else None


def straight_apostrophes(text: str) -> str:
    """`text` with typographic apostrophes (U+2019, U+2018) as straight ones, as the registry writes names."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


def _first_letter_either_case(name: str) -> str:
    first, rest = name[:1], name[1:]
    return f"[{first.upper()}{first.lower()}]{re.escape(rest)}" if first.isalpha() else re.escape(name)


def _key(name: str) -> str:
    return name[:1].lower() + name[1:]


class NameFinder:
    """Finds entities named in text by name or alias as the registry writes them; built once for many texts.

    Case matters except for the first letter ("the Pope" finds "The Pope"; "US" never finds "us"); the
    longest name wins ("Meloni's office" over "Meloni"); typographic apostrophes read as straight ones. Used
    by `newsgen import` (with other spellings on top) and by the actors' picture (claims naming actors).
    """

    def __init__(self, named: Iterable[tuple[str, Iterable[str]]]) -> None:
        """`named`: (id, its name and aliases) for each entity; the first entity to use a name keeps it."""
        self.id_of: dict[str, str] = {}
        for entity_id, names in named:
            for name in names:
                self.id_of.setdefault(_key(straight_apostrophes(name)), entity_id)
        names_found = sorted(self.id_of, key=lambda name: (-len(name), name))
        alternatives = "|".join(map(_first_letter_either_case, names_found))
        self.pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])") if names_found else None

    def matches(self, text: str) -> list[tuple[tuple[int, int], str]]:
        """((start, end), id) of every name in `text` (apostrophes already straightened), in order."""
        if self.pattern is None:
            return []
        return [(match.span(), self.id_of[_key(match.group(0))]) for match in self.pattern.finditer(text)]

    def ids(self, text: str) -> list[str]:
        """Ids of the entities named in `text`, in order of first appearance."""
        return list({entity_id: None for _, entity_id in self.matches(straight_apostrophes(text))})
