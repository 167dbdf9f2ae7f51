"""Build the site's search index with Pagefind: a chunked static index the reader's browser loads on demand.

Pagefind (the `pagefind-bin` package: its binary, run locally) reads the built HTML and writes
`pagefind/` into the site: a small entry file, one metadata file, index chunks by word and one fragment per
page. A browser loads nothing of it until the reader searches, then only the chunks for the words typed and
the fragments of the results it shows.

What is indexed is decided by the pages: the theme marks each searchable page's content
`data-pagefind-body` (pages without it are left out), and anything the templates mark `data-search-exclude`
(report bodies, lists that repeat what other pages say) is skipped, as are heading permalinks. So each page
is indexed with its own words, and a claim's words twice: on its card in the report that first carries it
and on its speaker's page, not on every event, issue, venue and actor page that lists it.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.domain.identifiers import SEARCH_INDEX_FOLDER

SEARCH_FOLDER = SEARCH_INDEX_FOLDER
"""Where the index goes below the site root."""

EXCLUDED_SELECTORS = ("[data-search-exclude]", ".headerlink")
"""Parts of a page that are never indexed: what the generator marks as repeated, and `¶` permalinks."""

UNUSED_BUNDLES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)
"""Pagefind's own user interfaces, written with every index: the theme has its own (`search.js`)."""

FRAGMENT_SIGNATURE = b"pagefind_dcd"
"""What a decompressed fragment starts with, before its JSON."""

_INDEXED_PAGES = re.compile(r"Indexed (\d+) pages?")
_INDEXED_WORDS = re.compile(r"Indexed (\d+) words?")


class SearchIndexError(Exception):
    """The search index could not be built; the message says why and what to do."""


@dataclass(frozen=True)
class SearchIndex:
    """What Pagefind indexed."""

    pages: int
    words: int


def pagefind_executable() -> Path:
    """The Pagefind binary that `pagefind-bin` installs. Raises `SearchIndexError` if it is missing."""
    try:
        import pagefind_bin
    except ImportError:
        raise SearchIndexError(
            "Pagefind is not installed: run `make site` (it installs pagefind-bin from requirements.lock)"
        ) from None
    try:
        return Path(pagefind_bin.get_executable())
    except FileNotFoundError:
        raise SearchIndexError(
            "the pagefind-bin package has no binary for this machine: reinstall it (`make clean site`)"
        ) from None


def build_search_index(site: Path, executable: Path | None = None) -> SearchIndex:
    """Index the built site in `site` into `site/pagefind/`, replacing an older index there.

    Raises `SearchIndexError` if Pagefind is missing, fails or indexes no page.
    """
    program = executable or pagefind_executable()
    output = site / SEARCH_FOLDER
    if output.is_symlink() or output.is_file():
        output.unlink()
    elif output.is_dir():
        shutil.rmtree(output)
    command = [
        str(program),
        "--site",
        str(site),
        "--output-subdir",
        SEARCH_FOLDER,
        "--exclude-selectors",
        ", ".join(EXCLUDED_SELECTORS),
    ]
    try:
        # Pagefind reads a pagefind.yml from its working folder: run it where there is none.
        finished = subprocess.run(command, cwd=site, capture_output=True, text=True, check=False)
    except OSError as error:
        raise SearchIndexError(f"cannot run Pagefind ({program}): {error.strerror or error}") from None
    printed = f"{finished.stdout}\n{finished.stderr}"
    if finished.returncode != 0:
        said = (finished.stderr.strip() or finished.stdout.strip()).splitlines()
        last_lines = "\n".join(line for line in said[-5:] if line.strip())
        hint = ""
        if "not able to build an index" in printed:
            hint = "\nthe theme must mark each searchable page's content `data-pagefind-body`"
        raise SearchIndexError(f"Pagefind failed (exit code {finished.returncode}):\n{last_lines}{hint}")
    pages = _INDEXED_PAGES.search(printed)
    words = _INDEXED_WORDS.search(printed)
    if pages is None or int(pages.group(1)) == 0:
        raise SearchIndexError(
            "Pagefind indexed no page: the theme must mark each searchable page's content "
            "`data-pagefind-body` (theme_overrides/main.html does)"
        )
    for name in UNUSED_BUNDLES:
        (output / name).unlink(missing_ok=True)
    return SearchIndex(pages=int(pages.group(1)), words=int(words.group(1)) if words else 0)


def read_fragments(site: Path) -> dict[str, dict[str, object]]:
    """Every indexed page's fragment in `site/pagefind/`, by URL: its indexed `content`, `meta` (title)...

    These are what a search shows of a page; tests and benchmarks read them to see what was indexed.
    """
    fragments: dict[str, dict[str, object]] = {}
    for path in sorted((site / SEARCH_FOLDER / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes()).removeprefix(FRAGMENT_SIGNATURE)
        fragment = json.loads(data)
        fragments[str(fragment["url"])] = fragment
    return fragments
