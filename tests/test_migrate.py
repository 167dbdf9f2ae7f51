"""`newsgen migrate`: v1.2 content rewritten as v2 in place, comments kept, nothing deleted; refused on v2."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import read_tree, write_texts

from generator.adapters.cli import main
from generator.check.validate import validate_content
from generator.load.loader import load_content
from generator.tools.migrate import MigrationError, apply_migration, plan_migration

FIXTURES = Path(__file__).parent / "fixtures"
FIRST = "content/articles/2024/2024-03-01-first-offer.md"
SECOND = "content/articles/2024/2024-03-10-south-accepts.md"

MIGRATED_EVENTS = """\
# yaml-language-server: $schema=../schemas/events.schema.json
# Events: one entry per real event, shared by every report that tells of it (content model v2).
# Each article lists the events it reports as {id, status}: the status as of that report.
- id: lakeside-talks
  date: 2024-03-01
  title: Talks at Lakeside
  kind: talks
  venue: lakeside
  actors: [ada-north, bo-south]
  issues: [truce, talks-venue]
- id: palace-summit
  date: 2024-02-20
  title: Summit at Hill Palace
  kind: meeting
  venue: hill-palace
  actors: [bo-south]
  issues: [talks-venue]
"""

MIGRATED_FIRST_FRONT = """\
---
title: North offers a truce & talks at the lake
date: 2024-03-01
source:
  publisher: Synthetic Daily
  url: https://example.org/first-offer?ref=a_b
summary: Ada North offers a truce; Bo South refuses.
issues: [truce, talks-venue]
events:
  - id: lakeside-talks
    status: proposed
  - id: palace-summit
    status: declined
claims:
  - id: north-offers-truce
    by: ada-north
    kind: offer
    text: Northland offers an immediate truce.
    issues: [truce]
    stance: supports
    event: lakeside-talks
    venue: lakeside
  - id: south-refuses
    by: bo-south
    kind: refusal
    text: Southland refuses a truce before its conditions are met.
    issues: [truce]
    stance: opposes
    via: wire-service
    date: 2024-03-01  # TODO check when this was said
---
"""

V1_2_EVENT = """\
  - id: {event_id}
    date: 2025-05-19
    title: {title}
    kind: meeting
    status: {status}
"""


def v1_2_article(date: str, claim_id: str, events: str, comment: str = "") -> str:
    return (
        f"---\ntitle: A report\ndate: {date}\nsource:\n  publisher: Example Gazette\nsummary: Things.\n"
        f"issues: [harbour-deal]{comment}\nevents:\n{events}claims:\n  - id: {claim_id}\n"
        "    by: alice-example\n    kind: offer\n    text: An offer.\n    issues: [harbour-deal]\n"
        "---\nBody [[alice-example]].\n"
    )


REGISTRIES = {
    "content/actors.yml": "- id: alice-example\n  name: Alice Example\n  kind: person\n  summary: A mayor.\n",
    "content/venues.yml": "",
    "content/issues.yml": "- id: harbour-deal\n  title: Harbour deal\n  summary: A deal.\n",
}


@pytest.fixture
def story(tmp_path: Path) -> Path:
    """A copy of the v1.2 story; returns its content folder."""
    shutil.copytree(FIXTURES / "v1_2" / "content", tmp_path / "content")
    return tmp_path / "content"


def test_the_v1_2_story_becomes_v2_that_validates(story: Path) -> None:
    before = read_tree(story)
    body = before["articles/2024/2024-03-01-first-offer.md"].decode().split("---\n", 2)[2]

    apply_migration(plan_migration(story))

    after = read_tree(story)
    assert set(before) < set(after)  # nothing deleted; events.yml added
    assert after["events.yml"].decode() == MIGRATED_EVENTS
    assert after["articles/2024/2024-03-01-first-offer.md"].decode() == MIGRATED_FIRST_FRONT + body
    second = after["articles/2024/2024-03-10-south-accepts.md"].decode()
    assert "    date: 2024-03-10  # TODO check when this was said\n" in second
    assert "    date: 2024-03-09\n" in second  # a dated claim keeps its date, without a TODO
    content, problems = validate_content(load_content(story))
    assert content is not None
    assert {problem.severity for problem in problems} == {"warning"}  # the TODOs; the events' summaries
    assert [problem.message for problem in problems if "TODO" in problem.message] == [
        "unfinished draft: replace this TODO with what the report says, or remove it"
    ] * 2


def test_a_second_run_refuses_and_changes_nothing(story: Path) -> None:
    apply_migration(plan_migration(story))
    migrated = read_tree(story)

    with pytest.raises(MigrationError, match="written for content model v2 already"):
        plan_migration(story)
    assert read_tree(story) == migrated


def test_v2_content_is_refused(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "story" / "content", tmp_path / "content")

    with pytest.raises(MigrationError, match="nothing to migrate"):
        plan_migration(tmp_path / "content")


def test_comments_and_flow_lists_are_kept(tmp_path: Path) -> None:
    events = V1_2_EVENT.format(event_id="harbour-meeting", title="Alice meets Bob", status="held")
    events = events.replace("    kind: meeting\n", "    kind: meeting  # or talks?\n")
    article = v1_2_article("2025-05-19", "alice-offer", events, comment="  # the deal only")
    article = article.replace("claims:\n", "# What was said:\nclaims:\n")
    content = write_texts(tmp_path, {**REGISTRIES, "content/articles/2025/2025-05-19-a.md": article})

    apply_migration(plan_migration(content))

    text = (content / "articles/2025/2025-05-19-a.md").read_text()
    assert "issues: [harbour-deal]  # the deal only\n" in text
    assert "# What was said:\nclaims:\n" in text
    assert "events:\n  - id: harbour-meeting\n    status: held\n" in text
    assert re.search(r"\n  kind: meeting +# or talks\?\n", (content / "events.yml").read_text())


def test_one_event_defined_alike_in_two_articles_becomes_one_entry(tmp_path: Path) -> None:
    held = V1_2_EVENT.format(event_id="harbour-meeting", title="Alice meets Bob", status="held")
    texts = {
        **REGISTRIES,
        "content/articles/2025/2025-05-19-a.md": v1_2_article(
            "2025-05-19", "first", held.replace("held", "scheduled")
        ),
        "content/articles/2025/2025-05-20-b.md": v1_2_article("2025-05-20", "second", held),
    }
    content = write_texts(tmp_path, texts)

    migration = plan_migration(content)
    apply_migration(migration)

    assert migration.merged_events == ["harbour-meeting"]
    assert (content / "events.yml").read_text().count("- id: harbour-meeting\n") == 1
    assert "status: scheduled" in (content / "articles/2025/2025-05-19-a.md").read_text()
    assert validate_content(load_content(content))[0] is not None


def test_differing_definitions_of_one_event_are_reported_and_nothing_is_written(tmp_path: Path) -> None:
    texts = {
        **REGISTRIES,
        "content/articles/2025/2025-05-19-a.md": v1_2_article(
            "2025-05-19",
            "first",
            V1_2_EVENT.format(event_id="meeting", title="Alice meets Bob", status="held"),
        ),
        "content/articles/2025/2025-05-20-b.md": v1_2_article(
            "2025-05-20",
            "second",
            V1_2_EVENT.format(event_id="meeting", title="Bob meets Alice", status="held"),
        ),
    }
    content = write_texts(tmp_path, texts)
    before = read_tree(content)

    with pytest.raises(MigrationError) as raised:
        plan_migration(content)

    assert str(raised.value).splitlines() == [
        f"{content}/articles/2025/2025-05-20-b.md: event 'meeting' is defined differently in "
        f"{content}/articles/2025/2025-05-19-a.md: title: 'Alice meets Bob' there, 'Bob meets Alice' here; "
        "make them agree (or give one another id)",
        "nothing written: make the definitions agree, then run again",
    ]
    assert read_tree(content) == before


def test_a_claim_id_in_two_articles_is_reported_as_a_thing_to_do(tmp_path: Path) -> None:
    events = V1_2_EVENT.format(event_id="meeting", title="Alice meets Bob", status="held")
    texts = {
        **REGISTRIES,
        "content/articles/2025/2025-05-19-a.md": v1_2_article("2025-05-19", "offer", events),
        "content/articles/2025/2025-05-20-b.md": v1_2_article("2025-05-20", "offer", events),
    }

    migration = plan_migration(write_texts(tmp_path, texts))

    assert migration.to_do == [
        "claim id 'offer' is written in content/articles/2025/2025-05-19-a.md, "
        "content/articles/2025/2025-05-20-b.md: since v2 claim ids are unique across the story; rename all "
        "but one, or, if it is the same statement, keep it in the earliest report and list 'offer' under "
        "`carries` in the others"
    ]


def test_events_of_a_v1_2_article_are_added_to_an_existing_events_registry(tmp_path: Path) -> None:
    existing = "# Our events.\n- id: press-day\n  title: Press day\n  kind: statement\n  date: 2025-05-18\n"
    events = V1_2_EVENT.format(event_id="meeting", title="Alice meets Bob", status="held")
    texts = {
        **REGISTRIES,
        "content/events.yml": existing,
        "content/articles/2025/2025-05-19-a.md": v1_2_article("2025-05-19", "offer", events),
    }
    content = write_texts(tmp_path, texts)

    apply_migration(plan_migration(content))

    assert (content / "events.yml").read_text().startswith(existing + "- id: meeting\n  date: 2025-05-19\n")


def test_newsgen_migrate_dry_run_prints_the_plan_and_writes_nothing(story: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(story.parent)
    before = read_tree(story)

    assert main(["migrate", "--dry-run"]) == 0

    assert read_tree(story) == before
    assert capsys.readouterr().err.splitlines() == [
        f"migrate: {FIRST}: events lakeside-talks, palace-summit moved to events.yml, {{id, status}} kept; "
        "claims south-refuses dated by the article, marked 'TODO check when this was said'; issues "
        "talks-venue added to its `issues`",
        f"migrate: {SECOND}: claims south-accepts dated by the article, marked 'TODO check when this was "
        "said'",
        "migrate: content/events.yml: created with 2 events",
        "migrate: dry run: 3 files would change; nothing written",
    ]


def test_newsgen_migrate_writes_then_refuses(story: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(story.parent)

    assert main(["migrate"]) == 0
    assert "3 files rewritten for content model v2 (none deleted)" in capsys.readouterr().err
    assert main(["migrate"]) == 2
    assert capsys.readouterr().err.startswith("newsgen: error: content is written for content model v2")


def test_a_claim_dated_off_its_events_day_is_a_thing_to_do(tmp_path: Path) -> None:
    events = V1_2_EVENT.format(event_id="meeting", title="Alice meets Bob", status="held")
    article = v1_2_article("2025-05-19", "offer", events).replace(
        "    issues: [harbour-deal]\n---",
        "    issues: [harbour-deal]\n    event: meeting\n    date: 2025-05-11\n---",
    )

    migration = plan_migration(
        write_texts(tmp_path, {**REGISTRIES, "content/articles/2025/2025-05-19-a.md": article})
    )

    assert migration.to_do == [
        "content/articles/2025/2025-05-19-a.md: claim 'offer' is dated 2025-05-11, not on the day of its "
        "event 'meeting' (2025-05-19): since v2 `event` is where a claim was said; remove it if the claim "
        "was said elsewhere (name the event in the claim's text), or correct the date"
    ]
