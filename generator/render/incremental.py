"""What the previous run in this process produced, so that a rebuild can tell which pages changed."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from generator.render.render import GeneratedPage


class PageDigests:
    """Digests of the Markdown of every page of the previous run (digests, not texts, to stay small)."""

    def __init__(self) -> None:
        self._digests: dict[str, bytes] = {}

    def changed(self, pages: Mapping[str, GeneratedPage]) -> set[str]:
        """Paths whose Markdown differs from the previous call's (every path on the first call); remembers
        these pages for the next call."""
        digests = {path: hashlib.blake2b(page.utf8, digest_size=16).digest() for path, page in pages.items()}
        changed = {path for path, digest in digests.items() if self._digests.get(path) != digest}
        self._digests = digests
        return changed

    def forget(self) -> None:
        """Treat every page as changed next time (after a failed build, whose pages may not be written)."""
        self._digests = {}
