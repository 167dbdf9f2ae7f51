"""Paths: where pages live and how links reach them."""

from __future__ import annotations

from generator.domain.paths import served_root_prefix


def test_a_served_page_climbs_to_the_site_root_from_its_own_folder() -> None:
    # MkDocs serves `actors/x.md` at `actors/x/`: one folder deeper than its source.
    assert served_root_prefix("index.md") == ""
    assert served_root_prefix("timeline.md") == "../"
    assert served_root_prefix("venues/index.md") == "../"
    assert served_root_prefix("venues/page-2.md") == "../../"
    assert served_root_prefix("actors/x.md") == "../../"
