"""The rules of a story told by many reports: each mistake gives one located message with a fix, and the
same content written right gives none."""

from __future__ import annotations

import pytest
from conftest import ARTICLE, ARTICLE_PATH, EVENTS_PATH, Mutation, another_report, append, check, put, replace

A = ARTICLE_PATH
LATER_PATH = "content/articles/2025/2025-05-20-harbour-follow-up.md"
EARLIER_PATH = "content/articles/2025/2025-05-10-harbour-plans.md"


def in_article(old: str, new: str) -> Mutation:
    return replace(ARTICLE_PATH, old, new)


def in_events(old: str, new: str) -> Mutation:
    return replace(EVENTS_PATH, old, new)


def claim_line(text: str) -> Mutation:
    """One more line in the article's claim, after its `event`."""
    return in_article("    event: harbour-meeting\n", f"    event: harbour-meeting\n{text}")


def later_report(front: str = "", date: str = "2025-05-20", path: str = LATER_PATH) -> Mutation:
    """Another report of the fixture's event on `date`, with `front` added to its front matter."""
    text = another_report(date).replace("\n---\n", f"\n{front}---\n", 1)
    return put(path, text)


FISHING = "- id: fishing-rights\n  title: Fishing rights\n  summary: Who may fish.\n"
HALL = "- id: harbour-hall\n  name: Harbour Hall\n  kind: building\n  summary: A hall.\n"
PRESS_DAY = (
    "- id: press-day\n  title: Press day\n  kind: press-conference\n  date: 2025-05-19\n  summary: A day.\n"
)

ERROR_CASES = [
    pytest.param(
        claim_line("    date: 2025-05-20\n"),
        f"{A}:20:11: error: claims[0].date: 2025-05-20 is after this report's date (2025-05-19): a report "
        "cannot carry what was said later; correct the date (write 'before 2025-05-19' if only that is "
        "known)",
        id="claim-said-after-its-report",
    ),
    pytest.param(
        in_article("    event: harbour-meeting\n", "    date: 2025-06\n"),
        f"{A}:19:11: error: claims[0].date: 2025-06 (June 2025) is after this report's date (2025-05-19): a "
        "report cannot carry what was said later; correct the date (write 'before 2025-05-19' if only that "
        "is known)",
        id="approximate-date-starts-after-its-report",
    ),
    pytest.param(
        in_article("    event: harbour-meeting\n", "    date: 2025-13\n"),
        f"{A}:19:11: error: claims[0].date: '2025-13' is not a date: write a day 2025-05-16, a month "
        "2025-05, or 'before 2025-05-19' (on or before that day)",
        id="month-that-does-not-exist",
    ),
    pytest.param(
        in_article("    event: harbour-meeting\n", "    date: May 2025\n"),
        f"{A}:19:11: error: claims[0].date: 'May 2025' is not a date: write a day 2025-05-16, a month "
        "2025-05, or 'before 2025-05-19' (on or before that day)",
        id="date-in-words",
    ),
    pytest.param(
        in_article("    event: harbour-meeting\n", "    date: '2025-05-19'\n"),
        f"{A}:19:11: error: claims[0].date: a day is written without quotes: date: 2025-05-19",
        id="quoted-day",
    ),
    pytest.param(
        claim_line("    date: 2025-05-18\n"),
        f"{A}:20:11: error: claims[0].date: 2025-05-18 is not on the day of its event 'harbour-meeting' "
        "(2025-05-19): correct the date, or if it was not said there but is about it (an offer of it, a "
        "refusal), write `about: harbour-meeting` instead of `event:`",
        id="claim-date-outside-its-event",
    ),
    pytest.param(
        claim_line("    about: harbour-meeting\n"),
        f"{A}:20:12: error: claims[0].about: the claim was said at event 'harbour-meeting' (`event:`), so "
        "`about:` naming it too adds nothing: remove `about:` (use it only for an event the claim is about "
        "but was not said at)",
        id="claim-about-the-event-it-was-said-at",
    ),
    pytest.param(
        in_events("  date: 2025-05-19\n", "  date: 2025-05-20\n"),
        f"{A}:19:12: error: claims[0].event: the claim takes the date of event 'harbour-meeting', "
        "2025-05-20, which is after this report's date (2025-05-19): give the claim its own `date:` (when it "
        "was said), or name the event it was said at",
        id="claim-takes-a-later-event-date",
    ),
    pytest.param(
        in_article("    event: harbour-meeting\n", ""),
        f"{A}:13:5: error: claims[0]: when was this said? add `date:` (a day 2025-05-16, a month 2025-05, or "
        "'before 2025-05-19' (on or before that day)), or the `event:` it was said at",
        id="claim-without-date-or-event",
    ),
    pytest.param(
        in_events("  date: 2025-05-19\n", ""),
        f"{A}:13:5: error: claims[0]: its event 'harbour-meeting' has no date yet, so the claim needs its "
        "own `date:` (a day 2025-05-16, a month 2025-05, or 'before 2025-05-19' (on or before that day))",
        id="claim-on-an-undated-event",
    ),
    pytest.param(
        lambda texts: (
            append(EVENTS_PATH, PRESS_DAY)(texts),
            in_article("event: harbour-meeting", "event: press-day")(texts),
        ),
        f"{A}:19:12: error: claims[0].event: event 'press-day' is not listed under this report's `events`: "
        "add `- {id: press-day, status: ...}` there with its status as of this report",
        id="claim-event-not-listed",
    ),
    pytest.param(
        in_article("stance: supports", "stance: conditional"),
        f"{A}:18:13: error: claims[0].stance: a conditional stance needs the conditions the actor attaches: "
        "add `conditions: [...]` (in a few words each), or choose supports, opposes or neutral",
        id="conditional-without-conditions",
    ),
    pytest.param(
        lambda texts: (
            append("content/issues.yml", FISHING)(texts),
            in_article("    issues: [harbour-deal]\n", "    issues: [harbour-deal, fishing-rights]\n")(texts),
        ),
        f"{A}:8:9: error: issues: this report's claims or events are about 'fishing-rights' too: add the "
        "issue (issues: [harbour-deal, fishing-rights])",
        id="article-issues-omit-a-claim-issue",
    ),
    pytest.param(
        lambda texts: (
            append("content/issues.yml", FISHING)(texts),
            in_events("  venue: exampleton\n", "  venue: exampleton\n  issues: [fishing-rights]\n")(texts),
        ),
        f"{A}:8:9: error: issues: this report's claims or events are about 'fishing-rights' too: add the "
        "issue (issues: [harbour-deal, fishing-rights])",
        id="article-issues-omit-an-event-issue",
    ),
    pytest.param(
        lambda texts: (
            append("content/issues.yml", FISHING)(texts),
            in_article("issues: [harbour-deal]\nevents", "issues: [harbour-deal, fishing-rights]\nevents")(
                texts
            ),
        ),
        f"{A}:8:24: error: issues[1]: no claim or event of this report is about 'fishing-rights': remove it, "
        "or add it to the `issues` of the claim (or event) that is about it",
        id="article-issues-list-an-unused-issue",
    ),
    pytest.param(
        lambda texts: (
            append("content/venues.yml", HALL)(texts),
            in_article("summary: Talks", "venues: [harbour-hall]\nsummary: Talks")(texts),
        ),
        f"{A}:7:10: error: venues[0]: nothing in this report is at 'harbour-hall' (no claim, event or "
        "mention): remove it, or mention it in the text as [[harbour-hall]]",
        id="article-venues-list-an-unused-venue",
    ),
    pytest.param(
        in_article("---\n[[", "carries: [alice-offer]\n---\n[["),
        f"{A}:20:11: error: carries[0]: 'alice-offer' is written in this report's own `claims`: remove it "
        "from `carries`",
        id="carries-its-own-claim",
    ),
    pytest.param(
        later_report("carries: [alice-offer, alice-offer]\n"),
        f"{LATER_PATH}:20:24: error: carries[1]: 'alice-offer' is listed twice: remove one",
        id="carries-a-claim-twice",
    ),
    pytest.param(
        later_report("carries: [alice-ofer]\n"),
        f"{LATER_PATH}:20:11: error: carries: no report has a claim 'alice-ofer'. "
        "Did you mean 'alice-offer'?",
        id="carries-an-unknown-claim",
    ),
    pytest.param(
        later_report("carries: [zed-says]\n"),
        f"{LATER_PATH}:20:11: error: carries: no report has a claim 'zed-says': write it in the `claims` of "
        "the report that first carries it",
        id="carries-an-unknown-claim-without-a-close-one",
    ),
    pytest.param(
        later_report("carries: [alice-offer]\n", date="2025-05-10", path=EARLIER_PATH),
        f"{EARLIER_PATH}:20:11: error: carries: 'alice-offer' is written in a later report ({A}:13:5, "
        "2025-05-19); a report can only carry a claim of an earlier one: move the claim into this report's "
        "`claims`, and carry it in 2025-05-19-harbour-talks",
        id="carries-a-claim-of-a-later-report",
    ),
    pytest.param(
        put(LATER_PATH, ARTICLE.replace("date: 2025-05-19\nsource", "date: 2025-05-20\nsource")),
        f"{LATER_PATH}:13:5: error: claim id 'alice-offer' is already used at {A}:13:5; claim ids are unique "
        "across the story: rename one, or, if it is the same statement, remove it here and add 'alice-offer' "
        "to this report's `carries`",
        id="claim-id-used-in-two-reports",
    ),
    pytest.param(
        put(LATER_PATH, another_report("2025-05-20").replace("status: held", "status: scheduled")),
        f"{LATER_PATH}:10:5: error: events: 'harbour-meeting' is 'scheduled' here, but an earlier report "
        "(2025-05-19-harbour-talks, 2025-05-19) says 'held': an event goes proposed, scheduled, held, and "
        "held, declined and cancelled are final; correct the status, or if this report says the event is "
        "back on, add `reopened: true`",
        id="event-status-goes-backwards",
    ),
    pytest.param(
        lambda texts: (
            in_article("status: held", "status: declined")(texts),
            put(LATER_PATH, another_report("2025-05-20"))(texts),
        ),
        f"{LATER_PATH}:10:5: error: events: 'harbour-meeting' is 'held' here, but an earlier report "
        "(2025-05-19-harbour-talks, 2025-05-19) says 'declined': an event goes proposed, scheduled, held, "
        "and held, declined and cancelled are final; correct the status, or if this report says the event is "
        "back on, add `reopened: true`",
        id="declined-is-final",
    ),
    pytest.param(
        lambda texts: (
            in_article("status: held", "status: scheduled")(texts),
            put(
                LATER_PATH,
                another_report("2025-05-20").replace("status: held", "status: held\n    reopened: true"),
            )(texts),
        ),
        f"{LATER_PATH}:10:5: error: events: 'harbour-meeting' is reopened, but the report before it "
        "(2025-05-19-harbour-talks, 2025-05-19) says 'scheduled', so there is nothing to reopen: remove "
        "`reopened: true`",
        id="reopened-with-nothing-to-reopen",
    ),
    pytest.param(
        in_article("status: held", "status: held\n    reopened: true"),
        f"{A}:10:5: error: events: 'harbour-meeting' is reopened, but no earlier report tells of this event, "
        "so there is nothing to reopen: remove `reopened: true`",
        id="reopened-in-the-first-report",
    ),
    pytest.param(
        in_events("  date: 2025-05-19\n", "  date: 2025-05-19\n  end: 2025-05-18\n"),
        f"{EVENTS_PATH}:5:8: error: end: 2025-05-18 is before the event's date 2025-05-19: correct one of "
        "them",
        id="event-ends-before-it-starts",
    ),
    pytest.param(
        lambda texts: (
            in_events("  date: 2025-05-19\n", "  end: 2025-05-19\n")(texts),
            claim_line("    date: 2025-05-19\n")(texts),
        ),
        f"{EVENTS_PATH}:4:8: error: end: an event with an `end` needs a `date` (its first day): add it",
        id="event-end-without-date",
    ),
    pytest.param(
        append(
            "content/issues.yml",
            "  updates:\n    - {date: 2025-05-19, summary: Sold., report: 2025-05-19-harbour-talks}\n"
            "    - {date: 2025-05-18, summary: Not sold., report: 2025-05-19-harbour-talks}\n",
        ),
        "content/issues.yml:6:14: error: updates[1].date: 2025-05-18 is before the update above it "
        "(2025-05-19): list updates oldest first",
        id="updates-out-of-order",
    ),
    pytest.param(
        append(
            "content/issues.yml",
            "  updates:\n    - {date: 2025-05-19, summary: Sold., report: 2025-05-19-harbour-tlaks}\n",
        ),
        "content/issues.yml:5:50: error: updates[0].report: no article '2025-05-19-harbour-tlaks'. Did you "
        "mean '2025-05-19-harbour-talks'?",
        id="update-names-an-unknown-report",
    ),
    pytest.param(
        append(
            "content/issues.yml",
            "  updates:\n    - {date: 2025-05-20, summary: Sold., report: 2025-05-19-harbour-talks}\n",
        ),
        "content/issues.yml:5:14: error: updates[0].date: 2025-05-20 is after the date of its report "
        "2025-05-19-harbour-talks (2025-05-19): a summary holds from when a report says so; correct the date",
        id="update-dated-after-its-report",
    ),
    pytest.param(
        replace(
            "content/actors.yml",
            "  summary: A fictional mayor.\n",
            "  summary: A fictional mayor.\n  leads: [alice-example]\n",
        ),
        "content/actors.yml:7:11: error: leads[0]: an actor cannot be related to itself: remove "
        "'alice-example'",
        id="actor-leads-itself",
    ),
    pytest.param(
        lambda texts: (
            replace(
                "content/actors.yml",
                "  summary: A fictional mayor.\n",
                "  summary: A fictional mayor.\n  leads: [bob-sample]\n",
            )(texts),
            append("content/actors.yml", "  part_of: [alice-example]\n")(texts),
        ),
        "content/actors.yml:7:10: error: leads: the actors' relations go round in a loop (alice-example "
        "leads bob-sample, bob-sample is part of alice-example): remove one of them",
        id="actor-relations-loop",
    ),
]


@pytest.mark.parametrize(("mutation", "expected"), ERROR_CASES)
def test_one_mistake_one_message(mutation: Mutation, expected: str) -> None:
    content, lines = check(mutation)

    assert [line for line in lines if ": error: " in line] == [expected]
    assert content is None


def test_conditions_without_a_conditional_stance_are_a_warning_with_the_likely_fix() -> None:
    content, lines = check(claim_line("    conditions: [Bob pays first]\n"))

    assert lines == [
        f"{A}:20:17: warning: claims[0].conditions: conditions go with a conditional stance, and this "
        "claim's stance is supports. Did you mean stance: conditional?"
    ]
    assert content is not None


RIGHT_CASES = [
    pytest.param(claim_line("    date: 2025-05-19\n"), id="claim-said-on-its-event-day"),
    pytest.param(
        in_article("    event: harbour-meeting\n", "    date: 2025-05\n"), id="claim-said-in-a-month"
    ),
    pytest.param(
        in_article("    event: harbour-meeting\n", "    date: before 2025-05-19\n"),
        id="claim-said-before-a-day",
    ),
    pytest.param(
        lambda texts: (
            in_events("  date: 2025-05-19\n", "  date: 2025-05-18\n  end: 2025-05-19\n")(texts),
            claim_line("    date: 2025-05-19\n")(texts),
        ),
        id="claim-on-the-last-day-of-its-event",
    ),
    pytest.param(
        lambda texts: (
            in_events("  date: 2025-05-19\n", "")(texts),
            claim_line("    date: before 2025-05-19\n")(texts),
        ),
        id="claim-dated-at-an-undated-proposal",
    ),
    pytest.param(
        in_article(
            "stance: supports",
            "stance: conditional\n    conditions: [Bob pays first]\n    position: sold if paid",
        ),
        id="conditional-with-conditions",
    ),
    pytest.param(
        in_article("summary: Talks", "venues: [exampleton]\nsummary: Talks"),
        id="article-venue-used",
    ),
    pytest.param(later_report("carries: [alice-offer]\n"), id="a-later-report-carries-a-claim"),
    pytest.param(
        later_report(
            "carries: [alice-offer]\n",
            date="2025-05-19",
            path="content/articles/2025/2025-05-19-harbour-more.md",
        ),
        id="a-report-of-the-same-day-carries",
    ),
    pytest.param(
        lambda texts: (
            in_article("status: held", "status: proposed")(texts),
            put(LATER_PATH, another_report("2025-05-20"))(texts),
        ),
        id="event-proposed-then-held",
    ),
    pytest.param(
        lambda texts: (
            in_article("status: held", "status: declined")(texts),
            put(
                LATER_PATH,
                another_report("2025-05-20").replace("status: held", "status: held\n    reopened: true"),
            )(texts),
        ),
        id="a-declined-event-reopened-and-held",
    ),
    pytest.param(
        append(
            "content/issues.yml",
            "  updates:\n    - {date: 2025-05-18, summary: Offered., report: 2025-05-19-harbour-talks}\n"
            "    - {date: 2025-05-19, summary: Sold., report: 2025-05-19-harbour-talks}\n",
        ),
        id="updates-in-order",
    ),
    pytest.param(
        lambda texts: (
            replace(
                "content/actors.yml",
                "  summary: A fictional mayor.\n",
                "  summary: A fictional mayor.\n  part_of: [bob-sample]\n",
            )(texts),
            append("content/actors.yml", "  side: Harbour sellers\n")(texts),
        ),
        id="actor-part-of-another",
    ),
    pytest.param(
        in_article("    event: harbour-meeting\n", "    about: harbour-meeting\n    date: 2025-05-18\n"),
        id="claim-about-an-event-said-the-day-before",
    ),
]


@pytest.mark.parametrize("mutation", RIGHT_CASES)
def test_the_same_content_written_right_has_no_problem(mutation: Mutation) -> None:
    content, lines = check(mutation)

    assert lines == []
    assert content is not None


def test_a_second_report_of_an_event_refers_to_it_and_the_first_report_is_unchanged() -> None:
    content, lines = check(later_report())

    assert lines == []
    assert content is not None
    assert [event.id for event in content.events] == ["harbour-meeting"]  # type: ignore[attr-defined]


def test_rules_across_reports_do_not_accuse_a_report_that_could_not_be_read() -> None:
    # The claim is carried by a report whose writer is broken: only the broken report is reported.
    _, lines = check(
        later_report("carries: [alice-offer]\n"),
        in_article("title: Harbour talks begin", "title: [broken"),
    )

    assert all("carries" not in line for line in lines)
    assert lines


def test_an_events_registry_that_cannot_be_read_accuses_no_report() -> None:
    # The report's event has issues and a venue, unknown while events.yml is broken: its `issues` and
    # `venues` lists are not called wrong for it (that was one message per report and list entry).
    event_issue = (
        append("content/issues.yml", FISHING),
        in_events("  venue: exampleton\n", "  venue: exampleton\n  issues: [fishing-rights]\n"),
        in_article("issues: [harbour-deal]\nevents", "issues: [harbour-deal, fishing-rights]\nevents"),
    )
    assert [line for line in check(*event_issue)[1] if ": error: " in line] == []

    _, lines = check(*event_issue, in_events("- id: harbour-meeting", "- id: [harbour-meeting"))

    errors = [line for line in lines if ": error: " in line]
    assert errors and all(line.startswith(f"{EVENTS_PATH}:") for line in errors), errors


def test_a_claim_about_an_unknown_event_is_located_with_a_did_you_mean() -> None:
    content, lines = check(
        in_article("    event: harbour-meeting\n", "    about: harbour-meting\n    date: 2025-05-18\n")
    )

    errors = [line for line in lines if ": error: " in line]
    assert len(errors) == 1 and errors[0].startswith(f"{A}:19:12: error: ")
    assert "harbour-meting" in errors[0] and "harbour-meeting" in errors[0]
    assert content is None
