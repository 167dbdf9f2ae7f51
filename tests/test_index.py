"""Index stage: cross-references and positions, on in-memory content."""

from __future__ import annotations

from conftest import ARTICLE, ARTICLE_PATH, VALID, load_texts

from generator.check.validate import validate_content
from generator.index import Index, build_index


def index_of(texts: dict[str, str]) -> Index:
    content, problems = validate_content(load_texts(texts))
    assert content is not None, [problem.format() for problem in problems]
    return build_index(content)


def with_second_article(claims: str, date: str = "2025-05-25", body: str = "") -> dict[str, str]:
    article = f"""\
---
title: Later
date: {date}
source: {{publisher: Example Gazette}}
summary: Later news.
claims:
{claims}---
{body}
"""
    return {**VALID, "content/articles/2025/later.md": article}


def test_a_changed_position_keeps_every_stance_newest_first() -> None:
    index = index_of(
        with_second_article(
            "  - {id: alice-refuses, by: alice-example, kind: refusal, text: No sale., "
            "issues: [harbour-deal], stance: opposes}\n"
        )
    )
    (position,) = index.positions["harbour-deal"]
    assert position.actor.id == "alice-example"
    assert [(run.stance, str(run.latest)) for run in position.runs] == [
        ("opposes", "2025-05-25"),
        ("supports", "2025-05-19"),
    ]
    assert position.changed
    assert index.position_of("harbour-deal", "alice-example") is position


def test_claims_of_the_same_stance_on_consecutive_dates_form_one_run() -> None:
    index = index_of(
        with_second_article(
            "  - {id: alice-again, by: alice-example, kind: statement, text: Still selling., "
            "issues: [harbour-deal], stance: supports}\n"
        )
    )
    (position,) = index.positions["harbour-deal"]
    assert len(position.runs) == 1
    assert [record.claim.id for record in position.current.claims] == ["alice-again", "alice-offer"]
    assert not position.changed


def test_on_one_day_a_committed_stance_is_current_over_a_neutral_remark() -> None:
    claims = (
        "  - {id: alice-muses, by: alice-example, kind: statement, text: Maybe., issues: [harbour-deal], "
        "stance: neutral}\n"
    )
    index = index_of(with_second_article(claims, date="2025-05-19"))
    (position,) = index.positions["harbour-deal"]
    assert [run.stance for run in position.runs] == ["supports", "neutral"]


def test_claims_and_events_are_indexed_under_every_entity_they_involve() -> None:
    claims = (
        "  - {id: bob-relays, by: alice-example, via: bob-sample, venue: exampleton, kind: statement, "
        "text: Relayed., issues: [harbour-deal], stance: neutral}\n"
    )
    index = index_of(with_second_article(claims))
    assert [record.claim.id for record in index.claims_of("bob-sample")] == ["bob-relays"]
    assert [record.claim.id for record in index.claims_of("exampleton")] == ["bob-relays"]
    assert [record.claim.id for record in index.claims_of("alice-example")] == ["bob-relays", "alice-offer"]
    assert [record.event.id for record in index.events_of("exampleton")] == ["harbour-meeting"]
    assert index.claims_made == {"alice-example": 2}


def test_articles_involve_entities_from_claims_events_and_mentions_newest_first() -> None:
    index = index_of(with_second_article("  []\n", body="Only [[exampleton]] is mentioned."))
    assert [article.slug for article in index.articles_of("exampleton")] == [
        "later",
        "2025-05-19-harbour-talks",
    ]
    assert [article.slug for article in index.articles_of("bob-sample")] == ["2025-05-19-harbour-talks"]
    assert index.entities_by_article["later"] == ("exampleton",)


def test_timeline_lists_are_chronological_and_stable() -> None:
    index = index_of(VALID)
    assert [record.claim.id for record in index.claims] == ["alice-offer"]
    assert [record.anchor for record in index.events] == ["event-harbour-meeting"]
    assert index.claims[0].anchor == "claim-alice-offer"


def test_rankings_put_the_most_active_first() -> None:
    index = index_of(VALID)
    assert [actor.id for actor in index.actors_ranked] == ["alice-example", "bob-sample"]
    assert [issue.id for issue in index.issues_ranked] == ["harbour-deal"]


def test_claims_by_issue_for_groups_an_actors_own_claims() -> None:
    article = ARTICLE.replace(
        "    event: harbour-meeting\n",
        "    event: harbour-meeting\n"
        "  - {id: alice-aside, by: alice-example, kind: statement, text: Aside.}\n",
    )
    index = index_of({**VALID, ARTICLE_PATH: article})
    groups = index.claims_by_issue_for("alice-example")
    assert [(issue.id if issue else None, [r.claim.id for r in records]) for issue, records in groups] == [
        ("harbour-deal", ["alice-offer"]),
        (None, ["alice-aside"]),
    ]


def test_actors_who_share_events_are_each_others_companions_and_linked() -> None:
    index = index_of(VALID)
    assert [(actor.id, count) for actor, count in index.companions_of("alice-example")] == [("bob-sample", 1)]
    assert [(actor.id, count) for actor, count in index.companions_of("bob-sample")] == [("alice-example", 1)]
    (link,) = index.actor_links
    assert (link.first.id, link.second.id, link.held) == ("alice-example", "bob-sample", True)


def test_a_claim_reported_via_another_actor_makes_them_companions_but_not_linked() -> None:
    claim = (
        "  - {id: bob-via, by: bob-sample, via: alice-example, kind: statement, text: Relayed., "
        "issues: [harbour-deal]}\n"
    )
    index = index_of(with_second_article(claim))
    assert [(actor.id, count) for actor, count in index.companions_of("bob-sample")] == [("alice-example", 2)]
    assert len(index.actor_links) == 1


def test_a_venue_lifecycle_sorts_claims_about_its_events_by_their_part() -> None:
    refusal = """\
  - id: bob-refuses-meeting
    by: bob-sample
    kind: refusal
    text: Bob will not meet.
    issues: [harbour-deal]
    stance: opposes
    event: harbour-meeting
---"""
    texts = {
        **VALID,
        ARTICLE_PATH: ARTICLE.replace(
            "    event: harbour-meeting\n---", f"    event: harbour-meeting\n{refusal}"
        ),
    }
    (step,) = index_of(texts).lifecycle_of("exampleton")
    assert step.event.event.id == "harbour-meeting"
    assert [record.claim.id for record in step.proposed] == ["alice-offer"]
    assert [record.claim.id for record in step.declined] == ["bob-refuses-meeting"]
    assert step.backed == () and step.remarks == ()


def test_an_event_not_held_gives_a_link_that_is_not_held() -> None:
    index = index_of({**VALID, ARTICLE_PATH: ARTICLE.replace("status: held", "status: declined")})
    (link,) = index.actor_links
    assert link.held is False
