"""Content written for model v1.2: one precise message per thing to change, each pointing at
`newsgen migrate`, instead of a pile of unknown-field errors."""

from __future__ import annotations

from pathlib import Path

from conftest import ARTICLE_PATH, EVENTS_PATH, VALID, check, load_texts, put, write_texts

from generator.check.validate import validate_content
from generator.load.loader import load_content

V1_2 = Path(__file__).parent / "fixtures" / "v1_2" / "content"
FIRST = "content/articles/2024/2024-03-01-first-offer.md"
SECOND = "content/articles/2024/2024-03-10-south-accepts.md"
MIGRATE = "`newsgen migrate` does this for the whole story"

V1_2_ARTICLE = """\
---
title: Harbour talks begin
date: 2025-05-19
source:
  publisher: Example Gazette
summary: Talks on the harbour began.
issues: [harbour-deal]
events:
  - id: harbour-meeting
    date: 2025-05-19
    title: Alice meets Bob
    kind: meeting
    status: held
    venue: exampleton
claims:
  - id: alice-offer
    by: alice-example
    kind: offer
    text: Alice offers to sell the harbour.
    issues: [harbour-deal]
    stance: supports
    event: harbour-meeting
  - id: bob-refuses
    by: bob-sample
    kind: refusal
    text: Bob refuses.
---
Body.
"""


def test_the_v1_2_story_gets_one_message_per_thing_to_change(monkeypatch) -> None:
    monkeypatch.chdir(V1_2.parent)
    content, problems = validate_content(load_content(Path("content")))

    assert content is None
    assert [problem.format() for problem in problems] == [
        f"{FIRST}:10:5: error: events[0]: 'lakeside-talks' is defined here as in content model v1.2; since "
        "v2 an event is defined once in content/events.yml and each report says only its `id` and `status`: "
        "move `date`, `title`, `kind`, `venue`, `actors` and `issues` to its entry in content/events.yml and "
        f"keep `id` and `status` here; {MIGRATE}",
        f"{FIRST}:18:5: error: events[1]: 'palace-summit' is defined here as in content model v1.2; since v2 "
        "an event is defined once in content/events.yml and each report says only its `id` and `status`: "
        "move `date`, `title`, `kind`, `venue`, `actors` and `issues` to its entry in content/events.yml and "
        f"keep `id` and `status` here; {MIGRATE}",
        f"{FIRST}:35:5: error: claims[1]: content model v1.2 dated a claim without `date` by its article; "
        "since v2 a claim is dated when it was said: add `date: 2024-03-01` if it was said that day, else "
        f"the day, month (2025-05) or 'before 2024-03-01'; {MIGRATE}, with a TODO to check each date",
        f"{SECOND}:9:5: error: claims[0]: content model v1.2 dated a claim without `date` by its article; "
        "since v2 a claim is dated when it was said: add `date: 2024-03-10` if it was said that day, else "
        f"the day, month (2025-05) or 'before 2024-03-10'; {MIGRATE}, with a TODO to check each date",
        "content/events.yml:1:1: error: missing registry: create events.yml (content model v2 added it; to "
        "bring content written for an earlier model up to v2, run `newsgen migrate`)",
    ]


def test_a_v1_2_article_among_v2_content_is_explained_and_its_events_are_not_called_unknown() -> None:
    _, lines = check(put(ARTICLE_PATH, V1_2_ARTICLE))

    errors = [line for line in lines if ": error: " in line]
    assert errors == [
        f"{ARTICLE_PATH}:9:5: error: events[0]: 'harbour-meeting' is defined here as in content model v1.2; "
        "since v2 an event is defined once in content/events.yml and each report says only its `id` and "
        "`status`: move `date`, `title`, `kind` and `venue` to its entry in content/events.yml and keep `id` "
        f"and `status` here; {MIGRATE}",
        f"{ARTICLE_PATH}:23:5: error: claims[1]: content model v1.2 dated a claim without `date` by its "
        "article; since v2 a claim is dated when it was said: add `date: 2025-05-19` if it was said that "
        f"day, else the day, month (2025-05) or 'before 2025-05-19'; {MIGRATE}, with a TODO to check "
        "each date",
    ]


def test_an_undated_claim_in_v2_content_gets_the_v2_message() -> None:
    texts = dict(VALID)
    texts[ARTICLE_PATH] = texts[ARTICLE_PATH].replace("    event: harbour-meeting\n", "")
    _, problems = validate_content(load_texts(texts))

    assert [problem.message for problem in problems] == [
        "claims[0]: when was this said? add `date:` (a day 2025-05-16, a month 2025-05, or 'before "
        "2025-05-19' (on or before that day)), or the `event:` it was said at"
    ]


def test_a_missing_events_registry_points_at_migrate(tmp_path: Path) -> None:
    texts = {path: text for path, text in VALID.items() if path != EVENTS_PATH}
    _, problems = validate_content(load_content(write_texts(tmp_path, texts), display_root=tmp_path))

    assert [problem.format() for problem in problems] == [
        "content/events.yml:1:1: error: missing registry: create events.yml (content model v2 added it; to "
        "bring content written for an earlier model up to v2, run `newsgen migrate`)"
    ]
