"""`newsgen import`: a draft from a raw report, with boilerplate dropped and nothing invented."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from conftest import VALID, read_tree, write_texts

from generator.adapters.cli import main
from generator.build.pipeline import check_content
from generator.load.loader import SourceFile, load_article
from generator.tools.report_import import (
    KnownEntity,
    KnownEvent,
    claim_candidates,
    clean_report,
    draft_article,
    find_entities,
    split_sentences,
    suggested_name,
)

SHARED_REPORT = Path(__file__).resolve().parents[2] / "shared" / "sources" / "ceasefire-talks-article.txt"

REPORT = """\
X

Follow Us on Facebook
Share on WhatsApp

Alice and Bob Meet Over the Harbour

07:30
Alice and Bob Meet Over the Harbour

Mayor Alice Example said the harbour could be sold. The weather was fine.

Bob’s board turned down the offer in Exampleton. Analysts expect more talks.

Read also: Harbour prices rise
Lire aussi"""

ENTITIES = [
    KnownEntity("alice-example", "actor", ("Alice Example", "Alice")),
    KnownEntity("bob-sample", "actor", ("Bob Sample", "Bob", "Bob's board")),
    KnownEntity("united-states", "actor", ("US",)),
    KnownEntity("pope", "actor", ("the Pope",)),
    KnownEntity("exampleton", "venue", ("Exampleton",)),
]


def test_boilerplate_times_and_the_repeated_headline_are_dropped() -> None:
    report = clean_report(REPORT)

    assert report.headline == "Alice and Bob Meet Over the Harbour"
    assert report.paragraphs == (
        "Mayor Alice Example said the harbour could be sold. The weather was fine.",
        "Bob’s board turned down the offer in Exampleton. Analysts expect more talks.",
    )


def test_entities_are_found_by_name_and_alias_longest_first() -> None:
    text = "Bob’s board met Alice. The Pope and the US; thus us, Bobby and Alice-Example are not names."

    assert find_entities(text, ENTITIES) == ["bob-sample", "alice-example", "pope", "united-states"]


def test_only_sentences_with_a_reporting_verb_are_claim_candidates_and_no_speaker_is_chosen() -> None:
    candidates = claim_candidates(
        clean_report(REPORT), [entity for entity in ENTITIES if entity.kind == "actor"]
    )

    assert [(c.sentence, c.named, c.verb, c.suggested_kind) for c in candidates] == [
        ("Mayor Alice Example said the harbour could be sold.", ("alice-example",), "said", None),
        ("Bob’s board turned down the offer in Exampleton.", ("bob-sample",), "turned down", "refusal"),
    ]


def test_sentences_split_at_full_stops_before_capitals() -> None:
    assert split_sentences("One said 1,000. Two “said”. three. Four?") == [
        "One said 1,000.",
        "Two “said”. three.",
        "Four?",
    ]


def test_the_draft_is_valid_yaml_with_only_known_ids_and_todo_for_everything_human() -> None:
    text = draft_article(REPORT, ENTITIES, date=datetime.date(2025, 5, 19), source_name="report.txt")
    article = load_article(SourceFile("content/articles/2025/x.md", text))
    front = article.document.data

    assert front["title"] == "Alice and Bob Meet Over the Harbour"
    assert front["date"] == datetime.date(2025, 5, 19)
    assert front["actors"] == ["alice-example", "bob-sample"]
    assert front["venues"] == []  # v2: only a venue something in the article is at
    assert "venues: []  # named in the report: exampleton; list one only if" in text
    assert front["claims"] == [] and front["events"] == []
    assert front["source"]["publisher"].startswith("TODO")
    assert '#    text: "Mayor Alice Example said the harbour could be sold."' in text
    assert "#    by:    # named in this sentence: bob-sample" in text
    assert (
        "Follow Us" not in text
        and "07:30" not in text
        and "Lire aussi" not in text
        and "Read also" not in text
    )
    assert text.count("Alice and Bob Meet Over the Harbour") == 1


def test_the_draft_offers_the_registry_events_near_its_date_and_asks_when_each_claim_was_said() -> None:
    events = [
        KnownEvent("harbour-meeting", "Alice meets Bob", datetime.date(2025, 5, 18)),
        KnownEvent("harbour-vote", "Vote on the harbour", None),
        KnownEvent("old-meeting", "A meeting long ago", datetime.date(2024, 1, 1)),
    ]
    text = draft_article(
        REPORT, ENTITIES, date=datetime.date(2025, 5, 19), source_name="r.txt", events=events
    )

    assert (
        "#  - {id: harbour-meeting, status: }  # Alice meets Bob (2025-05-18): proposed | scheduled | held | "
        "declined | cancelled\n"
        "#  - {id: harbour-vote, status: }  # Vote on the harbour (no date yet): proposed | scheduled | held "
        "| declined | cancelled\n"
    ) in text
    assert "old-meeting" not in text
    assert (
        "#    date:  # when it was said: 2025-05-19, 2025-05 or 'before 2025-05-19' (or leave it out and "
        "give the `event:` it was said at)"
    ) in text


def test_import_writes_a_draft_that_check_flags_until_finished(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_texts(tmp_path, VALID)
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")

    assert main(["import", str(report), "--date", "2025-05-20", "--content", str(content)]) == 0

    path = content / "articles/2025/2025-05-20-alice-and-bob-meet-over.md"
    assert path.is_file()
    _, found = check_content(content, display_root=tmp_path)
    assert not [problem for problem in found if problem.severity == "error"]
    assert any(
        problem.path.endswith("alice-and-bob-meet-over.md") and "TODO" in problem.message for problem in found
    )
    assert main(["check", "--strict", "--content", str(content)]) == 1

    before = read_tree(content)
    assert main(["import", str(report), "--date", "2025-05-20", "--content", str(content)]) == 2
    assert "exists already; nothing written" in capsys.readouterr().err
    assert read_tree(content) == before


def test_import_of_a_missing_report_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_texts(tmp_path, VALID)

    assert (
        main(["import", str(tmp_path / "nope.txt"), "--date", "2025-05-20", "--content", str(content)]) == 2
    )
    assert "cannot read" in capsys.readouterr().err


@pytest.mark.skipif(not SHARED_REPORT.is_file(), reason="the shared sources are beside the repository in CI")
def test_the_shared_ceasefire_report_gives_the_expected_skeleton() -> None:
    root = Path(__file__).resolve().parent.parent
    from generator.load.loader import load_content
    from generator.tools.report_import import known_entities

    loaded = load_content(root / "content", display_root=root)
    entities = known_entities({name: document.data for name, document in loaded.registries.items()})
    text = draft_article(
        SHARED_REPORT.read_text(), entities, date=datetime.date(2025, 5, 19), source_name="r.txt"
    )
    front = load_article(SourceFile("content/articles/2025/x.md", text)).document.data

    assert front["title"] == "Trump and Putin Push for Russia–Ukraine Ceasefire Talks"
    assert front["actors"][:3] == ["vladimir-putin", "united-states", "donald-trump"]
    # v2: venues are listed by the contributor where a claim, event or the text is; the draft names them.
    assert front["venues"] == []
    assert "venues: []  # named in the report: sochi, vatican," in text
    assert (
        '#    text: "Ukraine\'s intelligence service also warned of a potential missile launch by Moscow."'
        in text
    )
    assert "'warned' suggests warning" in text
    assert suggested_name(front["title"]) == "trump-and-putin-push-for"


def test_the_draft_header_comment_holds_no_todo_marker_so_only_real_gaps_warn() -> None:
    text = draft_article(REPORT, ENTITIES, date=datetime.date(2025, 5, 19), source_name="report.txt")
    header = [line for line in text.splitlines()[1:4] if line.startswith("#")]

    assert header and not any("TODO" in line for line in header)
