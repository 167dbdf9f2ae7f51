"""What `mkdocs serve` needs beyond a build: which pages to show an error on, and which old outputs to remove."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path


def nav_page_paths(nav: object) -> Iterator[str]:
    """The page paths (`issues/index.md`) a `nav` setting from mkdocs.yml names, in order; links are skipped.

    `nav` is the setting as MkDocs reads it: a list whose items are a path, `{title: path}` or
    `{title: [items]}`.
    """
    if isinstance(nav, str):
        if "://" not in nav and not nav.startswith("/") and nav.endswith(".md"):
            yield nav
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_page_paths(value)
    elif isinstance(nav, list):
        for item in nav:
            yield from nav_page_paths(item)


def remove_stale_outputs(previous: Iterable[str], current: Iterable[str], site_dir: Path) -> list[str]:
    """Remove the files in `previous` but not in `current` (absolute paths inside `site_dir`), and the
    folders this leaves empty; return the removed files, sorted.

    `mkdocs serve --dirty` writes over the old site and never removes a file: without this, the page of a
    deleted actor would still be served.
    """
    root = Path(os.path.abspath(site_dir))
    removed = []
    for name in sorted(set(previous) - set(current)):
        path = Path(os.path.abspath(name))
        if not path.is_relative_to(root) or path == root:
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(name)
        folder = path.parent
        while folder != root and folder.is_relative_to(root):
            try:
                folder.rmdir()
            except OSError:  # not empty
                break
            folder = folder.parent
    return removed
