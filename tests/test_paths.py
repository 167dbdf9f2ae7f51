"""Paths: where pages live and how links reach them."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from mkdocs.structure.files import File

from generator.domain.paths import (
    SITE_FEED_PATH,
    article_page_path,
    entity_feed_path,
    entity_page_path,
    paginated_path,
    served_path,
    served_root_prefix,
)

GENERATED_PATHS = (
    "index.md",
    "timeline.md",
    paginated_path("timeline.md", 3),
    "venues/index.md",
    paginated_path("venues/index.md", 2),
    entity_page_path("actor", "alice-example"),
    article_page_path("2025-05-19-harbour-talks"),
    SITE_FEED_PATH,
    entity_feed_path("actor", "alice-example"),
)
"""One path of each shape the generator writes: the home page, a top-level page and its later pages, an
index and its later pages, an entity's and an article's page, the site's feed and an entity's."""


def test_a_page_is_served_at_its_folder_and_any_other_file_at_its_path() -> None:
    assert [served_path(path) for path in GENERATED_PATHS] == [
        "",
        "timeline/",
        "timeline/page-3/",
        "venues/",
        "venues/page-2/",
        "actors/alice-example/",
        "articles/2025-05-19-harbour-talks/",
        "feed.xml",
        "feeds/actors/alice-example.xml",
    ]


@pytest.mark.parametrize("path", GENERATED_PATHS)
def test_pages_are_served_where_mkdocs_serves_them(path: str) -> None:
    # MkDocs with directory URLs (mkdocs.yml's default) writes the root as `./`; the generator as ``.
    served_by_mkdocs = File(path, "docs", "site", use_directory_urls=True).url
    assert served_path(path) == served_by_mkdocs.removeprefix("./")


def test_a_link_climbs_from_the_served_page_to_the_root_and_down_to_the_served_target() -> None:
    # What the templates write (`url`): the page's prefix, then the target's served path.
    root = "https://example.org/some/site/"
    for page in GENERATED_PATHS:
        if not page.endswith(".md"):
            continue
        for target in GENERATED_PATHS:
            link = served_root_prefix(page) + served_path(target) or "./"
            assert urljoin(root + served_path(page), link) == root + served_path(target), (page, target)


def test_a_served_page_climbs_to_the_site_root_from_its_own_folder() -> None:
    # MkDocs serves `actors/x.md` at `actors/x/`: one folder deeper than its source.
    assert served_root_prefix("index.md") == ""
    assert served_root_prefix("timeline.md") == "../"
    assert served_root_prefix("venues/index.md") == "../"
    assert served_root_prefix("venues/page-2.md") == "../../"
    assert served_root_prefix("actors/x.md") == "../../"
