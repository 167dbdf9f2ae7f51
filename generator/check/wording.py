"""Words of messages about content: where in a record (`claims[0].by`) and did-you-mean suggestions."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence


def format_path(path: Sequence[str | int]) -> str:
    """`('claims', 0, 'by')` as `claims[0].by`."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def closest_match(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like `word` as written, letter for letter, if any is close."""
    matches = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """` Did you mean 'x'?` for the closest candidate, or nothing."""
    match = closest_match(word, candidates)
    return f" Did you mean '{match}'?" if match else ""
