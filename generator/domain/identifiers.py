"""Ids and slugs become file names and URLs: names they may not take, and spellings that collide."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

Where = TypeVar("Where")

SEARCH_INDEX_FOLDER = "pagefind"
"""Where the search index is written below the site root (generator/build/search.py)."""

SITE_PATHS: frozenset[str] = frozenset({"assets", "search", SEARCH_INDEX_FOLDER, "data", "feeds", "index"})
"""Names the site itself uses for folders and pages at the same level as entity and article pages."""

WINDOWS_DEVICE_NAMES: frozenset[str] = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"{device}{number}" for device in ("com", "lpt") for number in range(1, 10)}
)
"""Names Windows refuses as file names (`con.md`, `nul/index.html` cannot be written or checked out)."""


def reserved_reason(name: str) -> str | None:
    """Why `name` cannot be an id or slug, or None if it can."""
    if name in SITE_PATHS:
        return f"'{name}' is reserved for the site's own pages"
    if name in WINDOWS_DEVICE_NAMES:
        return f"'{name}' is a Windows device name and cannot be a file name"
    return None


@dataclass
class CaseFoldIndex(Generic[Where]):
    """Remembers where each spelling was first seen, to find names that differ only in letter case.

    `where` is whatever the caller can turn into a location when it reports a clash (a path, or a document and
    a position to locate only then).
    """

    first_seen: dict[str, tuple[str, Where]] = field(default_factory=dict)
    """Case-folded name to (name as written, where it was written)."""

    def clash(self, name: str, where: Where) -> tuple[str, Where] | None:
        """The earlier (name, where) that `name` collides with after case-folding, if it is spelt differently.

        Remembers `name` at `where` if nothing with its folded spelling was seen before.
        """
        folded = name.casefold()
        earlier = self.first_seen.get(folded)
        if earlier is None:
            self.first_seen[folded] = (name, where)
            return None
        return earlier if earlier[0] != name else None
