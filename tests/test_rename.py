"""`newsgen rename`: references and mentions rewritten in place, all or nothing; old addresses redirect."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.adapters.cli import main
from generator.build.pipeline import check_content, generate_pages
from generator.outputs.redirects import SourceFile, parse_redirects, redirect_html
from generator.tools.rename import RenameError, plan_rename

STORY = Path(__file__).resolve().parent / "fixtures" / "story" / "content"
ARTICLE = "articles/2024/2024-03-01-first-offer.md"
LATER = "articles/2024/2024-03-10-south-accepts.md"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the test story (v2: shared events, a carried claim, a dated summary update)."""
    return Path(shutil.copytree(STORY, tmp_path / "content"))


def errors(content: Path) -> list[str]:
    _, found = check_content(content, display_root=content.parent)
    return [problem.format() for problem in found if problem.severity == "error"]


def texts(content: Path) -> dict[str, str]:
    return {path.relative_to(content).as_posix(): path.read_text() for path in sorted(content.rglob("*.*"))}


def test_renaming_an_actor_rewrites_every_reference_and_mention_and_nothing_else(content: Path) -> None:
    before = texts(content)

    assert main(["rename", "actor", "bo-south", "bo-southern", "--content", str(content)]) == 0

    after = texts(content)
    changed = ("actors.yml", "events.yml", "issues.yml", ARTICLE, LATER)
    assert "bo-south\n" not in "".join(after[name] for name in changed)
    assert "[[bo-southern]]" in after[LATER]
    # Surgical: the same text with the id replaced (comments, quotes, layout unchanged).
    for name in changed:
        assert after[name] == before[name].replace("bo-south\n", "bo-southern\n").replace(
            "bo-south]", "bo-southern]"
        ).replace("bo-south,", "bo-southern,"), name
    assert errors(content) == []
    redirects, problems = parse_redirects(SourceFile("redirects.yml", after["redirects.yml"]))
    assert problems == [] and [(r.kind, r.old, r.new) for r in redirects] == [
        ("actor", "bo-south", "bo-southern")
    ]


def test_the_old_address_of_a_renamed_issue_and_article_gets_a_script_free_redirect_page(
    content: Path,
) -> None:
    assert main(["rename", "issue", "truce", "truce-now", "--content", str(content)]) == 0
    assert main(["rename", "article", "first-offer", "north-offers", "--content", str(content)]) == 0

    assert not (content / ARTICLE).exists()
    assert (content / "articles/2024/2024-03-01-north-offers.md").is_file()
    files: dict[str, bytes] = {}
    generate_pages(content, content.parent, write_file=files.__setitem__)
    assert files["issues/truce/index.html"] == redirect_html("../truce-now/").encode()
    page = files["articles/2024-03-01-first-offer/index.html"].decode()
    assert '<meta http-equiv="refresh" content="0; url=../2024-03-01-north-offers/">' in page
    assert "<script" not in page


def test_renaming_an_article_rewrites_the_updates_that_name_it(content: Path) -> None:
    assert main(["rename", "article", "south-accepts", "south-agrees", "--content", str(content)]) == 0

    assert "      report: 2024-03-10-south-agrees\n" in (content / "issues.yml").read_text()
    assert errors(content) == []


STORY_FILE_TEXT = """\
# The story file: comments stay.
updated: 2024-03-10
grid_issues: [truce, talks-venue]
grid_actors: [bo-south, ada-north]
sections:
  - title: What happened
    text: |
      [[Bo|bo-south]] accepted the truce [[ada-north]] offered; [[bo-south]] said so.
    sources: [2024-03-10-south-accepts, "https://example.org/bo-south"]
"""


def test_renaming_rewrites_the_story_file_grid_mentions_and_sources(content: Path) -> None:
    (content / "story.yml").write_text(STORY_FILE_TEXT)

    assert main(["rename", "actor", "bo-south", "bo-southern", "--content", str(content)]) == 0
    assert main(["rename", "issue", "truce", "truce-now", "--content", str(content)]) == 0
    assert main(["rename", "article", "south-accepts", "south-agrees", "--content", str(content)]) == 0

    assert (content / "story.yml").read_text() == (
        STORY_FILE_TEXT.replace("[truce,", "[truce-now,")
        .replace("[bo-south,", "[bo-southern,")
        .replace("|bo-south]]", "|bo-southern]]")
        .replace("[[bo-south]]", "[[bo-southern]]")
        .replace("[2024-03-10-south-accepts,", "[2024-03-10-south-agrees,")
    )
    assert errors(content) == []


def test_a_rename_that_would_break_the_story_file_is_refused(content: Path) -> None:
    (content / "story.yml").write_text(STORY_FILE_TEXT.replace("updated: 2024-03-10", "updated: 2024-03-11"))
    with pytest.raises(RenameError, match="has errors; fix them first"):
        plan_rename(content, "actor", "bo-south", "bo-southern")


def test_renaming_back_drops_the_redirect_and_a_chain_leads_to_the_last_name(content: Path) -> None:
    for old, new in (("truce", "ceasefire"), ("ceasefire", "armistice"), ("armistice", "truce")):
        assert main(["rename", "issue", old, new, "--content", str(content)]) == 0

    redirects, _ = parse_redirects(SourceFile("redirects.yml", (content / "redirects.yml").read_text()))
    assert [(r.old, r.new) for r in redirects] == [("ceasefire", "truce"), ("armistice", "truce")]
    assert errors(content) == []


def test_an_event_is_renamed_in_the_registry_and_every_report_and_claim_that_names_it(content: Path) -> None:
    assert main(["rename", "event", "lakeside-talks", "lakeside-round", "--content", str(content)]) == 0

    assert "- id: lakeside-round\n" in (content / "events.yml").read_text()
    for name in (ARTICLE, LATER):
        text = (content / name).read_text()
        assert "lakeside-talks" not in text and "  - id: lakeside-round\n" in text
    assert "    event: lakeside-round\n" in (content / LATER).read_text()
    assert errors(content) == []


def test_a_claim_is_renamed_where_it_is_written_and_where_it_is_carried(content: Path) -> None:
    assert (
        main(["rename", "claim", "north-offers-truce", "north-offers-a-truce", "--content", str(content)])
        == 0
    )

    assert "  - id: north-offers-a-truce\n" in (content / ARTICLE).read_text()
    assert "carries: [north-offers-a-truce]\n" in (content / LATER).read_text()
    assert errors(content) == []


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["actor", "bo-suth", "x"], "no actor 'bo-suth' in content/actors.yml. Did you mean 'bo-south'"),
        (["actor", "bo-south", "ada-north"], "id 'ada-north' exists already"),
        (["actor", "bo-south", "Bo"], "'Bo' is not a valid id"),
        (["issue", "bo-south", "x"], "no issue 'bo-south'"),
        (["article", "first-ofer", "x"], "no article 'first-ofer'. Did you mean"),
        (["event", "lakeside-talk", "x"], "no event 'lakeside-talk' in content/events.yml. Did you mean"),
        (
            ["claim", "south-accept", "x"],
            "no claim 'south-accept' in any article. Did you mean 'south-accepts'",
        ),
        (["claim", "south-accepts", "south-refuses"], "claim id 'south-refuses' exists already"),
    ],
)
def test_a_rename_that_cannot_be_done_says_why_and_changes_nothing(
    content: Path, arguments: list[str], message: str
) -> None:
    before = texts(content)

    with pytest.raises(RenameError, match=message.replace(".", r"\.")):
        plan_rename(content, *arguments)

    assert main(["rename", *arguments, "--content", str(content)]) == 2
    assert texts(content) == before


def test_a_redirect_to_a_page_that_is_gone_is_a_located_error(content: Path) -> None:
    (content / "redirects.yml").write_text("- kind: actor\n  from: old-name\n  to: nobody\n")

    assert errors(content) == [
        "content/redirects.yml:1:3: error: there is no actor 'nobody' to lead to; remove this entry"
    ]
