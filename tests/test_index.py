"""Index stage: cross-references and positions, on in-memory content."""

from __future__ import annotations

from conftest import ACTORS, ARTICLE, ARTICLE_PATH, EVENTS, VALID, VENUES, load_texts

from generator.check.validate import validate_content
from generator.index import Index, build_index


def index_of(texts: dict[str, str]) -> Index:
    content, problems = validate_content(load_texts(texts))
    assert content is not None, [problem.format() for problem in problems]
    return build_index(content)


def with_second_article(
    claims: str,
    date: str = "2025-05-25",
    body: str = "",
    issues: str = "[harbour-deal]",
    more: str = "",
    texts: dict[str, str] | None = None,
) -> dict[str, str]:
    """VALID with a second report ("later"): its claims, its `issues` and any more front matter."""
    article = f"""\
---
title: Later
date: {date}
source: {{publisher: Example Gazette}}
summary: Later news.
issues: {issues}
{more}claims:
{claims}---
{body}
"""
    return {**(texts or VALID), "content/articles/2025/later.md": article}


def test_a_changed_position_keeps_every_stance_newest_first() -> None:
    index = index_of(
        with_second_article(
            "  - {id: alice-refuses, by: alice-example, kind: refusal, text: No sale., "
            "issues: [harbour-deal], stance: opposes, date: 2025-05-25}\n"
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
            "issues: [harbour-deal], stance: supports, date: 2025-05-25}\n"
        )
    )
    (position,) = index.positions["harbour-deal"]
    assert len(position.runs) == 1
    assert [record.claim.id for record in position.current.claims] == ["alice-again", "alice-offer"]
    assert not position.changed


def test_on_one_day_a_committed_stance_is_current_over_a_neutral_remark() -> None:
    claims = (
        "  - {id: alice-muses, by: alice-example, kind: statement, text: Maybe., issues: [harbour-deal], "
        "stance: neutral, date: 2025-05-19}\n"
    )
    index = index_of(with_second_article(claims, date="2025-05-19"))
    (position,) = index.positions["harbour-deal"]
    assert [run.stance for run in position.runs] == ["supports", "neutral"]


def test_claims_and_events_are_indexed_under_every_entity_they_involve() -> None:
    claims = (
        "  - {id: bob-relays, by: alice-example, via: bob-sample, venue: exampleton, kind: statement, "
        "text: Relayed., issues: [harbour-deal], stance: neutral, date: 2025-05-25}\n"
    )
    index = index_of(with_second_article(claims))
    assert [record.claim.id for record in index.claims_of("bob-sample")] == ["bob-relays"]
    assert [record.claim.id for record in index.claims_of("exampleton")] == ["bob-relays"]
    assert [record.claim.id for record in index.claims_of("alice-example")] == ["bob-relays", "alice-offer"]
    assert [record.event.id for record in index.events_of("exampleton")] == ["harbour-meeting"]
    assert index.claims_made == {"alice-example": 2}


def test_articles_involve_entities_from_claims_events_and_mentions_newest_first() -> None:
    index = index_of(with_second_article("  []\n", body="Only [[exampleton]] is mentioned.", issues="[]"))
    assert [article.slug for article in index.articles_of("exampleton")] == [
        "later",
        "2025-05-19-harbour-talks",
    ]
    assert [article.slug for article in index.articles_of("bob-sample")] == ["2025-05-19-harbour-talks"]
    assert index.entities_by_article["later"] == ("exampleton",)


def test_timeline_lists_are_chronological_and_stable() -> None:
    index = index_of(VALID)
    assert [record.claim.id for record in index.claims] == ["alice-offer"]
    assert [record.event.id for record in index.events] == ["harbour-meeting"]
    assert index.claims[0].anchor == "claim-alice-offer"


def test_rankings_put_the_most_active_first() -> None:
    index = index_of(VALID)
    assert [actor.id for actor in index.actors_ranked] == ["alice-example", "bob-sample"]
    assert [issue.id for issue in index.issues_ranked] == ["harbour-deal"]


def test_claims_by_issue_for_groups_an_actors_own_claims() -> None:
    article = ARTICLE.replace(
        "    event: harbour-meeting\n",
        "    event: harbour-meeting\n"
        "  - {id: alice-aside, by: alice-example, kind: statement, text: Aside., date: 2025-05-19}\n",
    )
    index = index_of({**VALID, ARTICLE_PATH: article})
    groups = index.claims_by_issue_for("alice-example")
    assert [(issue.id if issue else None, [r.claim.id for r in records]) for issue, records in groups] == [
        ("harbour-deal", ["alice-offer"]),
        (None, ["alice-aside"]),
    ]


def test_actors_who_share_events_are_each_others_companions() -> None:
    index = index_of(VALID)
    assert [(actor.id, count) for actor, count in index.companions_of("alice-example")] == [("bob-sample", 1)]
    assert [(actor.id, count) for actor, count in index.companions_of("bob-sample")] == [("alice-example", 1)]


def test_a_claim_reported_via_another_actor_makes_them_companions() -> None:
    claim = (
        "  - {id: bob-via, by: bob-sample, via: alice-example, kind: statement, text: Relayed., "
        "issues: [harbour-deal], date: 2025-05-25}\n"
    )
    index = index_of(with_second_article(claim))
    assert [(actor.id, count) for actor, count in index.companions_of("bob-sample")] == [("alice-example", 2)]


def test_one_large_call_does_not_decide_who_an_actor_appears_most_with() -> None:
    people = "".join(
        f"- id: {name}\n  name: {name.title()}\n  kind: person\n  summary: Someone.\n"
        for name in ("carol", "dan", "erin", "frank")
    )
    crowd = "[alice-example, dan, erin, frank, bob-sample]"
    events = (
        f"- id: call-one\n  title: Call one\n  kind: call\n  date: 2025-05-10\n  actors: {crowd}\n"
        "  summary: A large call.\n"
        f"- id: call-two\n  title: Call two\n  kind: call\n  date: 2025-05-11\n  actors: {crowd}\n"
        "  summary: Another.\n"
        "- id: tea\n  title: Tea\n  kind: meeting\n  date: 2025-05-12\n  actors: [alice-example, carol]\n"
        "  summary: Two alone.\n"
    )
    index = index_of({**VALID, "content/actors.yml": ACTORS + people, "content/events.yml": EVENTS + events})
    companions = [(actor.id, count) for actor, count in index.companions_of("alice-example")]
    # Bob: the meeting of two and both calls; Carol: one meeting of two; Dan: two calls of five.
    assert companions[:3] == [("bob-sample", 3), ("carol", 1), ("dan", 2)]


def test_a_venue_lifecycle_lists_claims_about_an_event_apart_from_those_said_at_it() -> None:
    refusal = """\
  - id: bob-refuses-deal
    by: bob-sample
    kind: refusal
    text: Bob will not sell.
    issues: [harbour-deal]
    stance: opposes
    event: harbour-meeting
  - id: bob-proposed-meeting
    by: bob-sample
    kind: offer
    text: Bob proposed the meeting.
    issues: [harbour-deal]
    stance: supports
    about: harbour-meeting
    date: 2025-05-12
---"""
    texts = {
        **VALID,
        ARTICLE_PATH: ARTICLE.replace(
            "    event: harbour-meeting\n---", f"    event: harbour-meeting\n{refusal}"
        ),
    }
    index = index_of(texts)
    (step,) = index.lifecycle_of("exampleton")
    assert step.event.event.id == "harbour-meeting"
    # An opposing claim said at the meeting is said at it, not a refusal of the meeting.
    assert [record.claim.id for record in step.said_at] == ["alice-offer", "bob-refuses-deal"]
    assert [record.claim.id for record in step.about] == ["bob-proposed-meeting"]
    assert index.event_step(step.event) == step
    # The timeline: the meeting with the claims said at it under it; the proposal alone, on its own day.
    assert [getattr(item, "claim", None) or item.event for item in index.timeline] == [
        step.about[0].claim,
        step.event.event,
    ]
    assert index.claims_at(step.event) == step.said_at
    assert index.issues_at(step.event) == ("harbour-deal",)
    assert index.claims_outside(index.claims, [step]) == []


# -- content model v2 ----------------------------------------------------------------------------------------

PROPOSAL = "  - {id: harbour-meeting, status: proposed}\n"


def test_two_reports_of_one_event_make_one_event_with_both_reports_and_its_lifecycle() -> None:
    first = ARTICLE.replace("status: held", "status: proposed")
    texts = with_second_article(
        "  []\n", more="events:\n  - {id: harbour-meeting, status: held}\n", issues="[]"
    )
    index = index_of({**texts, ARTICLE_PATH: first})
    (record,) = index.events
    assert [(report.article.slug, report.status) for report in record.reports] == [
        ("2025-05-19-harbour-talks", "proposed"),
        ("later", "held"),
    ]
    assert record.status == "held"
    assert index.events_of("exampleton") == (record,)
    assert index.events_of("alice-example") == (record,)
    assert [item for item in index.timeline if item is record] == [record]
    assert [item.report.status for item in index.events_by_article["later"]] == ["held"]
    # Reporting the event involves the report with the event's actors and venue.
    assert [article.slug for article in index.articles_of("bob-sample")] == [
        "later",
        "2025-05-19-harbour-talks",
    ]
    # Two reports of one meeting are one shared event, not two.
    assert [(actor.id, count) for actor, count in index.companions_of("alice-example")] == [("bob-sample", 1)]


def test_a_claim_carried_by_two_reports_is_one_claim_listing_both() -> None:
    index = index_of(with_second_article("  []\n", more="carries: [alice-offer]\n", issues="[]"))
    (record,) = index.claims
    assert [article.slug for article in record.reports] == ["2025-05-19-harbour-talks", "later"]
    assert [article.slug for article in record.carried_by] == ["later"]
    assert record.anchor == "claim-alice-offer" and record.article.slug == "2025-05-19-harbour-talks"
    assert index.claims_of("alice-example") == (record,)
    assert index.carried_by_article["later"] == (record,)
    assert index.claims_by_article["later"] == ()
    assert "alice-example" in index.entities_by_article["later"]
    (position,) = index.positions["harbour-deal"]
    assert position.claim_count == 1


def test_a_claim_is_on_the_timeline_on_the_day_it_was_said_not_the_day_it_was_reported() -> None:
    said_earlier = (
        "  - {id: bob-earlier, by: bob-sample, kind: statement, text: Said before., "
        "issues: [harbour-deal], stance: supports, date: 2025-05-16}\n"
        "  - {id: bob-at-meeting, by: bob-sample, kind: statement, text: Said at the meeting., "
        "issues: [harbour-deal], stance: supports, event: harbour-meeting}\n"
    )
    index = index_of(
        with_second_article(said_earlier, more="events:\n  - {id: harbour-meeting, status: held}\n")
    )
    dates = {record.claim.id: (str(record.date), record.when) for record in index.claims}
    assert dates == {
        "bob-earlier": ("2025-05-16", "2025-05-16"),
        "bob-at-meeting": ("2025-05-19", "2025-05-19"),
        "alice-offer": ("2025-05-19", "2025-05-19"),
    }
    days = [(record.day, getattr(record, "claim", None) or record.event) for record in index.timeline]
    days = [(day, thing.id) for day, thing in days]
    # Events are the spine: the claims said at the meeting are listed under it, not beside it.
    assert days == [("2025-05-16", "bob-earlier"), ("2025-05-19", "harbour-meeting")]
    meeting = index.timeline[-1]
    assert [record.claim.id for record in index.claims_at(meeting)] == ["alice-offer", "bob-at-meeting"]


def test_approximate_dates_read_in_words_and_sort_by_their_latest_possible_day() -> None:
    claims = (
        "  - {id: in-may, by: bob-sample, kind: statement, text: Some day in May., date: 2025-05}\n"
        "  - {id: by-the-19th, by: bob-sample, kind: statement, text: By the 19th., "
        "date: before 2025-05-19}\n"
        "  - {id: on-the-20th, by: bob-sample, kind: statement, text: On the 20th., date: 2025-05-20}\n"
    )
    index = index_of(with_second_article(claims, date="2025-06-02", issues="[]"))
    ordered = [(record.claim.id, record.when, record.approximate) for record in index.claims]
    assert ordered == [
        ("by-the-19th", "on or before 19 May 2025", True),
        ("alice-offer", "2025-05-19", False),
        ("on-the-20th", "2025-05-20", False),
        ("in-may", "May 2025", True),
    ]
    assert [record.day for record in index.claims_of("bob-sample")] == [
        "May 2025",
        "2025-05-20",
        "on or before 19 May 2025",
    ]


SIDED_ACTORS = """\
- id: alice-example
  name: Alice Example
  kind: person
  leads: [exampleton-council]
- id: bob-sample
  name: Bob Sample
  kind: organisation
  side: Harbour buyers
- id: exampleton-council
  name: Exampleton Council
  kind: organisation
  side: Harbour sellers
- id: carol-clerk
  name: Carol Clerk
  kind: person
  speaks_for: [alice-example]
- id: dan-bystander
  name: Dan Bystander
  kind: person
"""


def test_grid_actors_without_a_claim_on_an_issue_have_no_position_recorded() -> None:
    claims = (
        "  - {id: carol-conditions, by: carol-clerk, kind: demand, text: Only with a vote., "
        "issues: [harbour-deal], stance: conditional, position: after a council vote, "
        "conditions: [the council votes for it], date: 2025-05-24}\n"
        "  - {id: dan-opinion, by: dan-bystander, kind: assessment, text: Unwise., "
        "issues: [harbour-deal], stance: opposes, date: 2025-05-24}\n"
    )
    index = index_of(with_second_article(claims, texts={**VALID, "content/actors.yml": SIDED_ACTORS}))
    # Sides in order of first appearance in actors.yml; only actors with a side of their own make the grid.
    assert [(side.name, [actor.id for actor in side.actors]) for side in index.sides] == [
        ("Harbour buyers", ["bob-sample"]),
        ("Harbour sellers", ["exampleton-council"]),
    ]
    # Alice leads the council and takes its side; Carol speaks for Alice and takes it through her.
    assert index.side_of == {
        "alice-example": "Harbour sellers",
        "bob-sample": "Harbour buyers",
        "exampleton-council": "Harbour sellers",
        "carol-clerk": "Harbour sellers",
    }
    grid, others = index.position_rows("harbour-deal")
    assert [(row.actor.id, row.side, row.position is not None) for row in grid] == [
        ("bob-sample", "Harbour buyers", False),
        ("alice-example", "Harbour sellers", True),
        ("exampleton-council", "Harbour sellers", False),
        ("carol-clerk", "Harbour sellers", True),
    ]
    assert [(row.actor.id, row.side) for row in others] == [("dan-bystander", None)]
    # Cut to a limit, the grid keeps the rows with most claims on the issue, in the same order.
    cut, _ = index.position_rows("harbour-deal", limit=2)
    assert [row.actor.id for row in cut] == ["alice-example", "carol-clerk"]
    carol = grid[3].position
    assert carol is not None and carol.current.stance == "conditional"
    wording = carol.current.wording
    assert wording is not None and wording.claim.position == "after a council vote"


def test_actor_relations_show_both_ways() -> None:
    index = index_of({**VALID, "content/actors.yml": SIDED_ACTORS})
    seen = {
        actor_id: [(relation.words, relation.other.id) for relation in index.relations_of(actor_id)]
        for actor_id in ("alice-example", "exampleton-council", "carol-clerk", "dan-bystander")
    }
    assert seen == {
        "alice-example": [("leads", "exampleton-council"), ("spoken for by", "carol-clerk")],
        "exampleton-council": [("led by", "alice-example")],
        "carol-clerk": [("speaks for", "alice-example")],
        "dan-bystander": [],
    }


def test_the_latest_summary_update_wins_and_keeps_the_history() -> None:
    venues = VENUES_WITH_UPDATES
    index = index_of(
        with_second_article("  []\n", issues="[]", texts={**VALID, "content/venues.yml": venues})
    )
    state = index.summary_of(index.entities["exampleton"])
    assert (state.text, str(state.as_of), state.report and state.report.slug) == (
        "Exampleton hosted the talks.",
        "2025-05-25",
        "later",
    )
    assert [(earlier.text, earlier.as_of) for earlier in state.history] == [("A fictional city.", None)]
    assert index.summary_of(index.entities["harbour-deal"]).history == ()


VENUES_WITH_UPDATES = (
    VENUES
    + """\
  updates:
    - {date: 2025-05-25, summary: Exampleton hosted the talks., report: later}
"""
)


def test_an_event_without_a_date_shows_at_its_first_report_and_says_so() -> None:
    events = (
        EVENTS
        + """\
- id: harbour-sale
  title: The sale of the harbour
  kind: other
  actors: [alice-example]
- id: harbour-exchange
  title: Harbour keys exchanged
  kind: other
  date: 2025-05-23
  end: 2025-05-25
"""
    )
    texts = with_second_article(
        "  []\n",
        issues="[]",
        more="events:\n  - {id: harbour-sale, status: proposed}\n  - {id: harbour-exchange, status: held}\n",
        texts={**VALID, "content/events.yml": events},
    )
    index = index_of(texts)
    records = {record.event.id: (record.when, record.day, record.status) for record in index.events}
    assert records == {
        "harbour-meeting": ("2025-05-19", "2025-05-19", "held"),
        "harbour-exchange": ("2025-05-23 to 2025-05-25", "2025-05-23", "held"),
        "harbour-sale": ("date not set", "2025-05-25", "proposed"),
    }


def test_a_lifecycle_keeps_the_reports_that_changed_the_status_or_reopened_it() -> None:
    texts = dict(VALID)
    texts[ARTICLE_PATH] = ARTICLE.replace("status: held", "status: proposed")
    for day, status in (
        ("20", "proposed"),
        ("21", "held"),
        ("22", "held"),
        ("23", "held\n    reopened: true"),
    ):
        texts[f"content/articles/2025/2025-05-{day}-note.md"] = (
            f"---\ntitle: Note {day}\ndate: 2025-05-{day}\nsource: {{publisher: P}}\nsummary: S.\n"
            f"events:\n  - id: harbour-meeting\n    status: {status}\n---\nBody.\n"
        )
    (record,) = index_of(texts).events
    assert len(record.reports) == 5
    assert [(str(report.date), report.status, report.reopened) for report in record.changes] == [
        ("2025-05-19", "proposed", False),
        ("2025-05-21", "held", False),
        ("2025-05-23", "held", True),
    ]
