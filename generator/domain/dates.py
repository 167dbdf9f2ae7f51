"""When something was said: an exact day, a month, or on or before a day; its bounds, words and order."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["day", "month", "before"]
"""How a date is known: the `day` itself, only its `month`, or only a day it was `before` (on or before)."""

MONTH_NAMES: tuple[str, ...] = tuple(calendar.month_name[number] for number in range(1, 13))
"""`January` ... `December`, English whatever the machine's locale (`calendar`'s own names are English)."""

_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_BEFORE = re.compile(r"before ([0-9]{4}-[0-9]{2}-[0-9]{2})")


class DateNotUnderstood(ValueError):
    """A date written in none of the ways a claim's date may be: the message says which ways there are."""


WAYS_TO_WRITE = "a day 2025-05-16, a month 2025-05, or 'before 2025-05-19' (on or before that day)"
"""The ways a claim's `date` may be written, as messages say them."""


@dataclass(frozen=True)
class ClaimDate:
    """A date as exactly as it is known (sort by `sort_key`: latest possible day, then earliest)."""

    latest: datetime.date
    """The last day it may have been (a month's last day; the day of `before`)."""
    earliest: datetime.date | None
    """The first day it may have been; None for `before` a day (any day up to it)."""
    precision: Precision

    @classmethod
    def on(cls, day: datetime.date) -> ClaimDate:
        """An exact day."""
        return cls(day, day, "day")

    @classmethod
    def in_month(cls, year: int, month: int) -> ClaimDate:
        """Some day of a month."""
        last = calendar.monthrange(year, month)[1]
        return cls(datetime.date(year, month, last), datetime.date(year, month, 1), "month")

    @classmethod
    def on_or_before(cls, day: datetime.date) -> ClaimDate:
        """Some day up to and including `day`."""
        return cls(day, None, "before")

    @property
    def is_exact(self) -> bool:
        """Whether the day itself is known."""
        return self.precision == "day"

    @property
    def sort_key(self) -> tuple[datetime.date, datetime.date]:
        """Latest possible day first, then earliest: `before 19 May` sorts with 19 May, after `May 2025`'s
        first day would."""
        return (self.latest, self.earliest or datetime.date.min)

    @property
    def written(self) -> str:
        """As content writes it: `2025-05-16`, `2025-05`, `before 2025-05-19`."""
        if self.precision == "month":
            return self.latest.isoformat()[:7]
        if self.precision == "before":
            return f"before {self.latest.isoformat()}"
        return self.latest.isoformat()

    @property
    def words(self) -> str:
        """As a reader reads it: `16 May 2025`, `May 2025`, `on or before 19 May 2025`."""
        if self.precision == "month":
            return f"{MONTH_NAMES[self.latest.month - 1]} {self.latest.year}"
        if self.precision == "before":
            return f"on or before {day_in_words(self.latest)}"
        return day_in_words(self.latest)

    def may_be_after(self, day: datetime.date) -> bool:
        """Whether its earliest possible day is after `day` (it cannot have been said by then)."""
        return self.earliest is not None and self.earliest > day

    def __str__(self) -> str:
        return self.written


def day_in_words(day: datetime.date) -> str:
    """`16 May 2025`."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def parse_date(value: datetime.date | str) -> ClaimDate:
    """A claim's `date` as the model holds it (a date, or text such as `2025-05`, `before 2025-05-19`).

    Raises `DateNotUnderstood` for other text or for a month or day that does not exist.
    """
    if isinstance(value, datetime.date):
        return ClaimDate.on(value)
    text = value.strip()
    try:
        month = _MONTH.fullmatch(text)
        if month:
            year, number = int(month.group(1)), int(month.group(2))
            if not 1 <= number <= 12:
                raise ValueError(f"there is no month {number}")
            return ClaimDate.in_month(year, number)
        before = _BEFORE.fullmatch(text)
        if before:
            return ClaimDate.on_or_before(datetime.date.fromisoformat(before.group(1)))
        return ClaimDate.on(datetime.date.fromisoformat(text))
    except ValueError as error:
        raise DateNotUnderstood(f"'{value}' is not a date: write {WAYS_TO_WRITE}") from error


def claim_date(
    written: datetime.date | str | None,
    event_date: datetime.date | None,
) -> ClaimDate | None:
    """When a claim was made: its own `date` if written, else its event's date, else unknown (None)."""
    if written is not None:
        return parse_date(written)
    if event_date is not None:
        return ClaimDate.on(event_date)
    return None
