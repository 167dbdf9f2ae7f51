"""The story file (`content/story.yml`): read from disk, validated with located errors, rendered safely."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from conftest import ARTICLE_PATH, STORY_PATH, VALID, append, check, put, replace, write_texts

from generator.build.pipeline import check_content
from generator.check.content_files import check_content_files
from generator.domain.model import Story
from generator.load.loader import load_content

STORY = """\
updated: 2025-05-19
grid_issues: [harbour-deal]
grid_actors: [alice-example]
sections:
  - title: What happened
    text: |
      [[Alice|alice-example]] offered to sell the harbour.
    sources: [2025-05-19-harbour-talks, https://example.org/harbour]
"""


def test_a_valid_story_file_is_read_into_the_content() -> None:
    content, problems = check(put(STORY_PATH, STORY))
    assert problems == []
    assert content is not None and isinstance(content.story, Story)
    assert content.story.updated == datetime.date(2025, 5, 19)
    assert content.story.grid_issues == ("harbour-deal",)
    assert content.story.sections[0].sources == ("2025-05-19-harbour-talks", "https://example.org/harbour")
    assert content.story_path == STORY_PATH


def test_the_story_file_is_optional() -> None:
    content, problems = check()
    assert problems == [] and content is not None and content.story is None


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "updated: 2025-05-19",
            "updated: 2025-05-20",
            "content/story.yml:1:10: error: updated: 2025-05-20 is after the latest report (2025-05-19): the "
            "story can only be brought up to date with what the reports say; write the date of the report it "
            "follows",
        ),
        (
            "updated: 2025-05-19",
            "updated: '2025-05-19'",
            "content/story.yml:1:10: error: updated: expected a date written YYYY-MM-DD without quotes, got "
            "'2025-05-19'",
        ),
        (
            "grid_issues: [harbour-deal]",
            "grid_issues: [harbor-deal]",
            "content/story.yml:2:15: error: grid_issues[0]: unknown issue 'harbor-deal'. Did you mean "
            "'harbour-deal'?",
        ),
        (
            "grid_actors: [alice-example]",
            "grid_actors: [exampleton]",
            "content/story.yml:3:15: error: grid_actors[0]: 'exampleton' is a venue, not an actor",
        ),
        (
            "grid_actors: [alice-example]",
            "grid_actors: [alice]",
            "content/story.yml:3:15: error: grid_actors[0]: unknown actor 'alice'. Did you mean "
            "'alice-example' (Alice Example)?",
        ),
        (
            "sources: [2025-05-19-harbour-talks,",
            "sources: [2025-05-19-harbor-talks,",
            "content/story.yml:8:15: error: sections[0].sources[0]: no report '2025-05-19-harbor-talks'. "
            "Did you mean '2025-05-19-harbour-talks'?",
        ),
        (
            "https://example.org/harbour]",
            "'javascript:alert(1)']",
            "content/story.yml:8:41: error: sections[0].sources[1]: expected a report's slug (its file name "
            "without .md) or an http(s) URL, got 'javascript:alert(1)'",
        ),
        (
            "    sources: [2025-05-19-harbour-talks, https://example.org/harbour]\n",
            "    sources: []\n",
            "content/story.yml:8:14: error: sections[0].sources: list at least one source: "
            "the reports (their slugs) or pages (URLs) this section is written from",
        ),
        (
            "    sources: [2025-05-19-harbour-talks, https://example.org/harbour]\n",
            "",
            "content/story.yml:5:5: error: sections[0]: missing required field 'sources'",
        ),
        (
            "  - title: What happened\n",
            "  - title: What happened\n    heading: x\n",
            "content/story.yml:6:5: error: sections[0].heading: unknown field 'heading'.",
        ),
        (
            "[[Alice|alice-example]]",
            "[[Alice|alice-exampel]]",
            "content/story.yml:6:11: error: sections[0].text: unknown id 'alice-exampel' in mention "
            "[[...]]. Did you mean 'alice-example'?",
        ),
        (
            "offered to sell the harbour.",
            "offered <script>alert(1)</script> to sell the harbour.",
            "content/story.yml:7:39: error: raw HTML <script> is not allowed in Markdown",
        ),
    ],
)
def test_each_mistake_in_the_story_file_is_located_and_explained(old: str, new: str, expected: str) -> None:
    assert STORY.count(old) == 1
    content, problems = check(put(STORY_PATH, STORY.replace(old, new)))
    assert content is None
    assert [problem for problem in problems if problem.startswith(expected)] != [], problems


def test_every_mistake_of_the_story_file_is_reported_at_once() -> None:
    broken = (
        STORY.replace("2025-05-19\n", "2025-06-01\n", 1)
        .replace("[harbour-deal]", "[harbor-deal]")
        .replace("[alice-example]", "[alice]")
    )
    problems = check(put(STORY_PATH, broken))[1]
    assert [problem.split(": error: ")[0] for problem in problems] == [
        "content/story.yml:1:10",
        "content/story.yml:2:15",
        "content/story.yml:3:15",
    ]


@pytest.mark.parametrize("text", ["- a list\n", "just text\n"])
def test_a_story_file_that_is_not_a_mapping_is_refused(text: str) -> None:
    problems = check(put(STORY_PATH, text))[1]
    assert problems[0].startswith("content/story.yml:1:1: error: the story file is a YAML mapping")


def test_a_story_file_with_a_yaml_error_is_located() -> None:
    problems = check(put(STORY_PATH, "updated: [2025-05-19\n"))[1]
    assert problems and problems[0].startswith("content/story.yml:")
    assert ": error: " in problems[0] and "Traceback" not in problems[0]


def test_a_report_that_cannot_be_read_is_not_called_missing_by_the_story_file() -> None:
    # The report's YAML slip is the one problem: the story file citing it is not told "no report" on top.
    problems = check(
        put(STORY_PATH, STORY), replace(ARTICLE_PATH, "    kind: offer\n", "     kind: offer\n")
    )[1]
    assert len(problems) == 1 and problems[0].startswith(ARTICLE_PATH), problems


def test_a_todo_in_the_story_file_is_a_draft_warning() -> None:
    content, problems = check(put(STORY_PATH, STORY.replace("offered to", "TODO offered to")))
    assert content is not None
    assert problems == [
        "content/story.yml:7:31: warning: unfinished draft: replace this TODO with what the report says, or "
        "remove it"
    ]


def test_the_story_file_is_read_from_disk_and_not_reported_as_stray(tmp_path: Path) -> None:
    content_dir = write_texts(tmp_path, {**VALID, STORY_PATH: STORY})
    assert load_content(content_dir).story is not None
    assert check_content_files(content_dir, "content") == []
    content, problems = check_content(content_dir)
    assert problems == [] and content is not None and content.story is not None


def test_a_story_file_that_is_not_utf8_is_located(tmp_path: Path) -> None:
    content_dir = write_texts(tmp_path, VALID)
    (content_dir / "story.yml").write_bytes(b"updated: 2025-05-19\n# caf\xe9\n")
    problems = [problem.format() for problem in load_content(content_dir, tmp_path).problems]
    assert problems == ["content/story.yml:2:6: error: not valid UTF-8: save the file with UTF-8 encoding"]


def test_appending_to_the_valid_fixture_still_works_with_a_story_file() -> None:
    content, problems = check(put(STORY_PATH, STORY), append(STORY_PATH, "grid_actors_extra: 1\n"))
    assert content is None
    assert problems[0].startswith("content/story.yml:9:1: error: grid_actors_extra: unknown field")
