"""Date expressions with their precision.

An analyst writes what the source says and no more:

  2026-02-27           a day
  2026-02-26 night     the night of that day (may run into the next day)
  2026-02-26 late      late on that day (also: early, morning, afternoon, evening)
  2026-02              sometime in a month
  2026                 sometime in a year
  2026-02-21/22        a span of days in one month (``weekend`` may follow when it is one)
  2026-02-21/2026-02-22, 2025-10/2026-02
                       a span between two expressions: sometime within it

Each becomes a :class:`DateExtent`: the earliest and latest day it allows, a precision and the
text as written. The extent says when something happened *within*, not that it lasted throughout.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

PARTS_OF_DAY = ("night", "late", "early", "morning", "afternoon", "evening")

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_SHORT_SPAN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})/(\d{2})$")


@dataclass(frozen=True)
class DateExtent:
    not_before: dt.date
    not_after: dt.date
    precision: str  # Day Night Weekend Month Year DateRange (local names of mkg:DatePrecision individuals)
    text: str
    qualifier: str | None = None  # late, early, morning...: a part of the day that is not a precision


class DateError(ValueError):
    pass


def _day(y: str, m: str, d: str, text: str) -> dt.date:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError as e:
        raise DateError(f"{text!r} is not a real date ({e})") from None


def _month(y: str, m: str, text: str) -> tuple[dt.date, dt.date]:
    if not 1 <= int(m) <= 12:
        raise DateError(f"{text!r}: there is no month {m}")
    last = calendar.monthrange(int(y), int(m))[1]
    return dt.date(int(y), int(m), 1), dt.date(int(y), int(m), last)


def _single(text: str, shown: str) -> DateExtent:
    if m := _DAY.match(text):
        d = _day(*m.groups(), shown)
        return DateExtent(d, d, "Day", text)
    if m := _MONTH.match(text):
        return DateExtent(*_month(*m.groups(), shown), "Month", text)
    if m := _YEAR.match(text):
        y = int(m.group(1))
        return DateExtent(dt.date(y, 1, 1), dt.date(y, 12, 31), "Year", text)
    raise DateError(
        f"{shown!r} is not a date: write 2026-02-27, 2026-02, 2026, 2026-02-21/22 or 2025-10/2026-02, "
        "optionally followed by night, late, early, morning, afternoon, evening or weekend"
    )


MAX_CHARS = 100  # no date expression is longer; a longer text is not echoed back in the error


def parse_date(value: str) -> DateExtent:
    """Parse a date expression; raise :class:`DateError` with a readable message."""
    if len(str(value)) > MAX_CHARS:
        raise DateError(f"this is {len(str(value)):,} characters long, not a date: write 2026-02-27, 2026-02, "
                        "2026, 2026-02-21/22 or 2025-10/2026-02")
    try:
        return _parse(value)
    except (ValueError, OverflowError) as e:
        if isinstance(e, DateError):
            raise
        raise DateError(f"{value!r} is outside the calendar kg can represent (years 1 to 9999)") from None


def _parse(value: str) -> DateExtent:
    text = " ".join(str(value).split())
    if not text:
        raise DateError("the date is empty")
    words = text.split(" ")
    if len(words) > 2:
        raise DateError(f"{text!r}: a date is one expression and at most one word after it")
    core, word = words[0], (words[1].lower() if len(words) == 2 else None)

    if m := _SHORT_SPAN.match(core):
        y, mo, d1, d2 = m.groups()
        start, end = _day(y, mo, d1, text), _day(y, mo, d2, text)
        extent = DateExtent(start, end, "DateRange", text)
    elif "/" in core:
        left, _, right = core.partition("/")
        a, b = _single(left, text), _single(right, text)
        extent = DateExtent(a.not_before, b.not_after, "DateRange", text)
    else:
        extent = _single(core, text)
    if extent.not_after < extent.not_before:
        raise DateError(f"{text!r}: the span ends before it starts")

    if word is None:
        return extent
    if word == "weekend":
        if extent.precision != "DateRange" or (extent.not_after - extent.not_before).days != 1 or extent.not_before.weekday() != 5:
            raise DateError(f"{text!r}: a weekend is a Saturday and the Sunday after it")
        return DateExtent(extent.not_before, extent.not_after, "Weekend", text)
    if word not in PARTS_OF_DAY:
        raise DateError(f"{text!r}: unknown word {word!r} after the date (use one of {', '.join(PARTS_OF_DAY)}, weekend)")
    if extent.precision != "Day":
        raise DateError(f"{text!r}: {word!r} only qualifies a single day")
    if word == "night":
        return DateExtent(extent.not_before, extent.not_before + dt.timedelta(days=1), "Night", text)
    return DateExtent(extent.not_before, extent.not_after, "Day", text, qualifier=word)
