"""The stance grid: who stands where on the main issues, on the home page and the issues index."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from generated_html import links_of, page_tree, text_of
from test_build import FIXTURE, broken_internal_links, built_site, html_pages, visible_text

from benchmarks.corpus import write_corpus
from generator.build.pipeline import check_content
from generator.domain.paths import record_url
from generator.index import Index, build_index
from generator.render import stance_grid as stance_grid_module
from generator.render.render import render_site
from generator.render.stance_grid import (
    StanceGrid,
    grid_issues,
    short_form,
    stance_grid,
)

ATTACK = (
    '<script>alert(1)</script>"><img src=x onerror=alert(1)> javascript:alert(1) [x](javascript:alert(1))'
)

STORY = """\
updated: 2024-03-10
grid_issues: [talks-venue, truce]
grid_actors: [northland, bo-south, ada-north]
sections:
  - title: What happened
    text: |
      [[Ada North|ada-north]] offered a truce; [[bo-south]] accepted it.
    sources: [2024-03-10-south-accepts, https://example.org/truce]
"""


def fixture_copy(tmp_path: Path, story: str | None = None) -> Path:
    """The fixture story's content, copied, with `story` as its story file."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    if story is not None:
        (content / "story.yml").write_text(story, encoding="utf-8")
    return content


def index_of(content_dir: Path) -> Index:
    content, problems = check_content(content_dir)
    assert content is not None, [problem.format() for problem in problems]
    return build_index(content)


def grid_of(index: Index) -> StanceGrid:
    grid = stance_grid(index)
    assert grid is not None
    return grid


def cells_by_actor(grid: StanceGrid) -> dict[str, dict[str, object]]:
    return {
        row.actor.id: {cell.issue.id: cell for cell in row.cells} for side in grid.sides for row in side.rows
    }


def test_without_a_story_file_the_grid_is_every_actor_of_the_positions_tables_by_side() -> None:
    index = index_of(FIXTURE / "content")
    grid = grid_of(index)
    assert [issue.id for issue in grid.issues] == [issue.id for issue in index.issues_ranked[:5]]
    assert [(side.name, [row.actor.id for row in side.rows]) for side in grid.sides] == [
        ("South", ["bo-south"]),
        ("North", ["ada-north", "northland"]),
    ]


def test_the_grid_keeps_the_actors_with_most_claims_when_there_are_more_than_it_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Sides are the editors' to give: a story of thousands of reports may give hundreds of actors one, and
    # the home page must not grow with them. The synthetic corpus gives every state a side (the limit is
    # lowered to what 400 reports' states exceed).
    monkeypatch.setattr(stance_grid_module, "GRID_ACTOR_LIMIT", 6)
    content = tmp_path / "content"
    write_corpus(content, 400)
    index = index_of(content)
    issues = grid_issues(index)
    everyone = {row.actor.id for issue in issues for row in index.position_rows(issue.id)[0]}
    assert len(everyone) > 6

    shown = [row.actor.id for side in grid_of(index).sides for row in side.rows]

    assert len(shown) == 6
    claims = {
        actor_id: sum(
            position.claim_count
            for issue in issues
            if (position := index.position_of(issue.id, actor_id)) is not None
        )
        for actor_id in everyone
    }
    fewest_shown = min(claims[actor_id] for actor_id in shown)
    assert all(claims[actor_id] <= fewest_shown for actor_id in everyone - set(shown))


def test_an_actor_without_a_claim_on_an_issue_has_no_position_recorded() -> None:
    cells = cells_by_actor(grid_of(index_of(FIXTURE / "content")))
    northland = cells["northland"]["truce"]
    assert northland.record is None and northland.words == "" and northland.earlier is None


def test_a_cell_is_the_newest_claim_with_its_position_words_date_and_anchor() -> None:
    cells = cells_by_actor(grid_of(index_of(FIXTURE / "content")))
    ada = cells["ada-north"]["truce"]
    assert ada.words == "immediate and unconditional"
    assert ada.record.when == "2024-03-01"
    assert record_url(ada.record) == "articles/2024-03-01-first-offer/#claim-north-offers-truce"
    assert ada.earlier is None


def test_a_changed_stance_is_marked_with_the_earlier_position() -> None:
    cells = cells_by_actor(grid_of(index_of(FIXTURE / "content")))
    bo = cells["bo-south"]["truce"]
    assert bo.record.claim.id == "south-accepts" and bo.record.claim.stance == "supports"
    # No position words: the claim's text stands in for them.
    assert bo.words == "Southland now accepts the truce."
    assert bo.earlier is not None and bo.earlier.claim.id == "south-refuses"
    assert bo.earlier.claim.stance == "conditional" and bo.earlier_words == "only once its conditions are met"


def test_changed_position_words_under_the_same_stance_are_a_change(tmp_path: Path) -> None:
    content = fixture_copy(tmp_path)
    report = content / "articles" / "2024" / "2024-03-10-south-accepts.md"
    text = report.read_text(encoding="utf-8")
    claim = (
        "  - id: south-prefers-hill-palace\n    by: bo-south\n    kind: statement\n"
        "    text: Southland would first have met at Hill Palace.\n    issues: [talks-venue]\n"
        "    stance: supports\n    position: Hill Palace\n    date: 2024-03-02\n"
    )
    report.write_text(text.replace("claims:\n", "claims:\n" + claim, 1), encoding="utf-8")
    cells = cells_by_actor(grid_of(index_of(content)))
    venue = cells["bo-south"]["talks-venue"]
    assert venue.words == "Lakeside"
    assert venue.earlier is not None and venue.earlier_words == "Hill Palace"


def test_the_story_file_chooses_the_issues_and_actors_grouped_by_side(tmp_path: Path) -> None:
    grid = grid_of(index_of(fixture_copy(tmp_path, STORY)))
    assert [issue.id for issue in grid.issues] == ["talks-venue", "truce"]
    # Grouped by side, sides in the order of actors.yml; the editor's order kept within a side.
    assert [(side.name, [row.actor.id for row in side.rows]) for side in grid.sides] == [
        ("South", ["bo-south"]),
        ("North", ["northland", "ada-north"]),
    ]


def test_short_form_cuts_at_a_word() -> None:
    assert short_form("one two three", 100) == "one two three"
    assert short_form("one two, three four", 9) == "one two…"


def test_the_grid_and_the_story_are_on_the_home_page_and_the_grid_on_the_issues_index(tmp_path: Path) -> None:
    pages = render_site(index_of(fixture_copy(tmp_path, STORY)))
    home = pages["index.md"].markdown
    assert pages["index.md"].source.endswith("content/story.yml")  # the edit button opens the story file
    assert (
        home.index("## What happened")
        < home.index('<table class="stance-grid">')
        < home.index("## Who's who")
    )
    tree = page_tree(home)
    assert text_of(tree.css_first("p.story-updated > em")) == "Updated 2024-03-10, from 2 reports."
    sources = tree.css_first("p.story-sources")
    assert links_of(sources, "index.md") == [
        ("Synthetic Daily, 2024-03-10", "articles/2024-03-10-south-accepts/"),
        ("example.org", "https://example.org/truce"),
    ]
    issues = page_tree(pages["issues/index.md"].markdown)
    assert issues.css_first("table.stance-grid") is not None
    claim = "articles/2024-03-01-first-offer/#claim-north-offers-truce"
    assert claim in [
        target for _, target in links_of(issues.css_first("table.stance-grid"), "issues/index.md")
    ]


def hostile_content(tmp_path: Path) -> Path:
    """The fixture with attack strings in a claim's position and text and in the story's sections."""
    content = fixture_copy(tmp_path)
    offer = content / "articles" / "2024" / "2024-03-01-first-offer.md"
    text = offer.read_text(encoding="utf-8")
    text = text.replace("position: immediate and unconditional", f"position: '{ATTACK}'")
    offer.write_text(text, encoding="utf-8")
    story = STORY.replace(
        "offered a truce;", "offered a truce &lt;script&gt; `<img src=x onerror=alert(1)>`;"
    )
    story = story.replace("title: What happened", f"title: '{ATTACK}'")
    (content / "story.yml").write_text(story, encoding="utf-8")
    return content


def test_attack_strings_in_positions_and_the_story_are_escaped_in_the_markdown(tmp_path: Path) -> None:
    home = render_site(index_of(hostile_content(tmp_path)))["index.md"].markdown
    assert "<script>" not in home and "<img" not in home.replace("`<img src=x onerror=alert(1)>`", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in home


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = hostile_content(tmp_path_factory.mktemp("hostile-content"))
    return built_site(tmp_path_factory.mktemp("hostile-site"), content)


def test_the_built_grid_shows_attack_strings_literally_and_runs_nothing(hostile_site: Path) -> None:
    pages = html_pages(hostile_site)
    for path in ("index.html", "issues/index.html"):
        grid = pages[path].select_one("table.stance-grid")
        assert grid is not None
        assert grid.select("script, img, [onerror]") == []
        assert ATTACK.split(" javascript")[0] in visible_text(grid)
        assert all(not link["href"].startswith("javascript") for link in grid.select("a[href]"))
    home = pages["index.html"].select_one("article")
    assert home.select("script, img, [onerror]") == []
    assert "<script>alert(1)</script>" in visible_text(home)


def test_every_link_of_the_built_grid_leads_to_a_claim_that_exists(hostile_site: Path) -> None:
    pages = html_pages(hostile_site)
    assert broken_internal_links(hostile_site) == []
    for path in ("index.html", "issues/index.html"):
        grid = pages[path].select_one("table.stance-grid")
        claim_links = grid.select("td a[href]")
        assert claim_links
        for link in claim_links:
            parts = urlsplit(link["href"])
            resolved = (hostile_site / Path(path).parent / parts.path / "index.html").resolve()
            page = pages[resolved.relative_to(hostile_site.resolve()).as_posix()]
            assert parts.fragment.startswith("claim-")
            assert page.find(id=parts.fragment) is not None, link["href"]
        # "no position recorded" where an actor of the grid said nothing on the issue.
        assert "no position recorded" in visible_text(grid)
        assert "changed" in visible_text(grid)
