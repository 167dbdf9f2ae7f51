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
