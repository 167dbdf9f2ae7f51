"""Bytes a reader's browser downloads for search: on a first page view, and on a first search.

Headless Chromium (Debian's, driven by Playwright) opens a built site served on 127.0.0.1, counts the
response bytes of every request of the first page view, then opens the search dialog, types a query, waits
for its results and counts the bytes of the requests that made them. Files are served as they are on disk
(no server compression); Pagefind's index files are gzip streams already.

Run by itself: `python -m benchmarks.search_bytes SITE QUERY...` prints one JSON object per query.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.chromium import CHROMIUM, CHROMIUM_ARGS, served_folder

SEARCH_PATHS = ("/pagefind/", "/search/")
"""Where a site's search files live: Pagefind's folder, Material's `search/search_index.json`."""

RESULT_TIMEOUT_MS = 30_000


@dataclass
class Transfer:
    """The requests of one step and their response bytes."""

    requests: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        """All response bytes of the step."""
        return sum(size for _, size in self.requests)

    @property
    def search_total(self) -> int:
        """Response bytes of search files (the index, its metadata and fragments, Pagefind's scripts)."""
        return sum(size for url, size in self.requests if any(part in url for part in SEARCH_PATHS))


def _record(page: Any, site: Path, base: str, transfer: Transfer, failures: list[str]) -> None:
    def finished(request: Any) -> None:
        size = int(request.sizes()["responseBodySize"])
        local = site / request.url.removeprefix(base).split("?")[0]
        if size == 0 and request.url.startswith(base) and local.is_file():
            size = local.stat().st_size  # Chromium reports 0 for a worker's script; the server sends it whole
        transfer.requests.append((request.url, size))

    page.on("requestfinished", finished)
    page.on("requestfailed", lambda request: failures.append(request.url))
    page.on("response", lambda response: response.status >= 400 and failures.append(response.url))


def measure_search_bytes(site: Path, queries: Sequence[str], path: str = "") -> list[dict[str, Any]]:
    """Per query, in a fresh browser profile: first-view and first-search transfers of the page at `path`.

    The site must have the Pagefind search dialog (`[data-site-search-open]`); a site with Material's
    search is measured on its first view only (its whole index loads then; a search adds nothing).
    """
    from playwright.sync_api import sync_playwright  # a test dependency

    if CHROMIUM is None:
        raise RuntimeError("chromium is not installed (apt-get install chromium)")
    measured = []
    with served_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                first_view, failures = Transfer(), []
                _record(page, site, base, first_view, failures)
                page.goto(base + path, wait_until="networkidle")
                viewed = Transfer(list(first_view.requests))
                row: dict[str, Any] = {
                    "query": query,
                    "first_view_bytes": viewed.total,
                    "first_view_search_bytes": viewed.search_total,
                }
                if page.locator("[data-site-search-open]").count():
                    settled = len(first_view.requests)  # later requests: the search
                    page.click("[data-site-search-open]")
                    page.fill("[data-site-search-input]", query)
                    page.wait_for_selector(
                        "[data-site-search-status]:not(:empty):not(:text('Searching'))",
                        timeout=RESULT_TIMEOUT_MS,
                    )
                    page.wait_for_load_state("networkidle")
                    searched = Transfer(first_view.requests[settled:])
                    row["first_search_bytes"] = searched.total
                    row["first_search_requests"] = [url.removeprefix(base) for url, _ in searched.requests]
                    row["results"] = page.locator(".site-search__title").all_inner_texts()
                row["failed_requests"] = sorted(set(failures))
                measured.append(row)
                context.close()
        finally:
            browser.close()
    return measured


def main(argv: Sequence[str] | None = None) -> int:
    """Print the measurements of `SITE QUERY...` as JSON lines."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if len(arguments) < 2:
        print("usage: python -m benchmarks.search_bytes SITE QUERY...", file=sys.stderr)
        return 2
    for row in measure_search_bytes(Path(arguments[0]), arguments[1:]):
        print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
