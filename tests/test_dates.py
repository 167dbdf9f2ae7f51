"""Claim dates: exact, a month, or on or before a day; bounds, words, order and refusals."""

from __future__ import annotations

import datetime

import pytest

from generator.domain.dates import ClaimDate, DateNotUnderstood, claim_date, day_in_words, parse_date

MAY_19 = datetime.date(2025, 5, 19)


def test_an_exact_day_is_its_own_bounds_and_reads_as_a_day() -> None:
    date = parse_date(MAY_19)
    assert (date.earliest, date.latest, date.precision) == (MAY_19, MAY_19, "day")
    assert date.is_exact
    assert date.words == "19 May 2025"
    assert date.written == "2025-05-19"


def test_an_exact_day_written_as_text_is_understood_too() -> None:
    assert parse_date(" 2025-05-19 ") == ClaimDate.on(MAY_19)


def test_a_month_spans_its_first_to_its_last_day() -> None:
    date = parse_date("2024-02")
    assert date.earliest == datetime.date(2024, 2, 1)
    assert date.latest == datetime.date(2024, 2, 29)  # a leap year
    assert date.words == "February 2024"
    assert date.written == "2024-02"
    assert not date.is_exact


def test_before_a_day_has_no_earliest_day_and_reads_on_or_before() -> None:
    date = parse_date("before 2025-05-19")
    assert date.earliest is None
    assert date.latest == MAY_19
    assert date.words == "on or before 19 May 2025"
    assert date.written == "before 2025-05-19"
    assert str(date) == "before 2025-05-19"


@pytest.mark.parametrize("written", ["2025-13", "2025-00", "before 2025-02-30", "yesterday", "2025-5-1", ""])
def test_text_that_is_no_date_is_refused_with_the_ways_to_write_one(written: str) -> None:
    with pytest.raises(DateNotUnderstood, match="write a day 2025-05-16, a month 2025-05, or 'before"):
        parse_date(written)


def test_dates_sort_by_their_latest_possible_day_then_their_earliest() -> None:
    written = ["2025-05", "before 2025-05-19", "2025-05-20", "2025-05-19", "2025-04"]
    ordered = sorted((parse_date(text) for text in written), key=lambda date: date.sort_key)
    assert [date.written for date in ordered] == [
        "2025-04",
        "before 2025-05-19",
        "2025-05-19",
        "2025-05-20",
        "2025-05",
    ]


def test_may_be_after_compares_the_earliest_possible_day() -> None:
    assert parse_date("2025-06").may_be_after(MAY_19)
    assert not parse_date("2025-05").may_be_after(MAY_19)
    assert not parse_date("before 2025-06-30").may_be_after(MAY_19)
    assert parse_date("2025-05-20").may_be_after(MAY_19)


def test_a_claim_without_a_date_takes_its_events_date_else_has_none() -> None:
    assert claim_date(None, MAY_19) == ClaimDate.on(MAY_19)
    assert claim_date("2025-05", MAY_19) == parse_date("2025-05")
    assert claim_date(None, None) is None


def test_day_in_words_has_no_leading_zero() -> None:
    assert day_in_words(datetime.date(2025, 6, 2)) == "2 June 2025"
