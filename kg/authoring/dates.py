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

and the forms of EDTF (the Library of Congress Extended Date/Time Format, level 1) that say how
sure the source is or leave a bound open:

  2026-02-26?          uncertain (the source is not sure of it)
  2026-02-26~, 2026-02~ approximate (about then)
  2026-02-26%          uncertain and approximate
  2026-02-XX, 202X     unspecified digits: sometime in February 2026, sometime in the 2020s
  2025-10-19/..        from that day, with no known end (no latest day)
  ../2026-02           up to February 2026, with no known start (no earliest day)

and a clock time with its offset from UTC, as the source gives it:

  2026-05-07T01:05+05:30, 2026-05-07 01:05 +05:30, 2026-05-07 17:00 UTC (or Z, GMT)

A time-zone abbreviation is refused: IST is India's +05:30, Ireland's +01:00 and Israel's +02:00,
so only the offset says which. A clock time's earliest and latest day are its own local date.

A mark (``?``, ``~``, ``%``) flags the date it follows and leaves its bounds as written; an
interval's sides may carry their own. Night, weekend and parts of the day stay the project's own
words, after a plain date.

Each becomes a :class:`DateExtent`: the earliest and latest day it allows (None for an open end),
a precision, the text as written, and for an EDTF form its EDTF string and flags. The extent says
when something happened *within*, not that it lasted throughout. :func:`edtf_of` gives any extent as
an EDTF string with the same bounds, so exports write every date in EDTF.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

PARTS_OF_DAY = ("night", "late", "early", "morning", "afternoon", "evening")

# a date of EDTF level 1: a year (its last digits may be X), a month and a day (XX once a part
# before them is unspecified), and a mark for the whole date
_SINGLE = re.compile(r"^(\d{4}|\d{3}X|\d{2}XX)(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?([?~%])?$")
_FLAGS = {"?": ("uncertain",), "~": ("approximate",), "%": ("uncertain", "approximate"), None: ()}
OPEN = ".."  # EDTF's open end of an interval
_SHORT_SPAN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})/(\d{2})$")


@dataclass(frozen=True)
class DateExtent:
    not_before: dt.date | None  # None: an interval open at its start
    not_after: dt.date | None  # None: an interval open at its end
    precision: str  # Day Night Weekend Month Year DateRange (local names of mkg:DatePrecision individuals)
    text: str
    qualifier: str | None = None  # late, early, morning...: a part of the day that is not a precision
    edtf: str | None = None  # the EDTF string, when the expression uses EDTF's marks, X digits or ..
    flags: tuple[str, ...] = ()  # "uncertain", "approximate": what EDTF's ?, ~ and % said
    instant: dt.datetime | None = None  # a clock time, with its offset from UTC (its date is the bounds' day)


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


USAGE = ("write 2026-02-27, 2026-02, 2026, 2026-02-21/22 or 2025-10/2026-02, optionally followed by night, late, "
         "early, morning, afternoon, evening or weekend; or an EDTF date such as 2026-02-26?, 2026-02~, 2026-02-XX "
         "or 2025-10-19/..")


def _single(text: str, shown: str) -> DateExtent:
    m = _SINGLE.match(text)
    if m is None:
        raise DateError(f"{shown!r} is not a date: {USAGE}")
    year, month, day, mark = m.groups()
    later = (month, day) if "X" in year else (day,) if month == "XX" else ()
    if any(part not in (None, "XX") for part in later):
        raise DateError(f"{shown!r}: once a part of an EDTF date is unspecified (X), the parts after it are too (XX)")
    marked = mark is not None or "X" in text
    extra = {"edtf": text, "flags": _FLAGS[mark]} if marked else {}
    if "X" in year:
        lo, hi = int(year.replace("X", "0")), int(year.replace("X", "9"))
        return DateExtent(dt.date(lo, 1, 1), dt.date(hi, 12, 31), "DateRange", text, **extra)
    if month in (None, "XX"):
        return DateExtent(dt.date(int(year), 1, 1), dt.date(int(year), 12, 31), "Year", text, **extra)
    if day in (None, "XX"):
        return DateExtent(*_month(year, month, shown), "Month", text, **extra)
    d = _day(year, month, day, shown)
    return DateExtent(d, d, "Day", text, **extra)


MAX_CHARS = 100  # no date expression is longer; a longer text is not echoed back in the error


def parse_date(value: str) -> DateExtent:
    """Parse a date expression; raise :class:`DateError` with a readable message."""
    if len(str(value)) > MAX_CHARS:
        raise DateError(f"this is {len(str(value)):,} characters long, not a date: {USAGE}")
    try:
        return _parse(value)
    except (ValueError, OverflowError) as e:
        if isinstance(e, DateError):
            raise
        raise DateError(f"{value!r} is outside the calendar kg can represent (years 1 to 9999)") from None


# a day and a clock time, then what says the time zone (checked by _clock)
_CLOCK = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))? ?(.*)$")
_OFFSET = re.compile(r"^([+-])(\d{2}):(\d{2})$")
UTC_NAMES = ("Z", "UTC", "GMT")
MAX_OFFSET = dt.timedelta(hours=14)  # as in xsd:dateTime


def _clock(m: re.Match, text: str) -> DateExtent:
    y, mo, d, hh, mm, ss, zone = m.groups()
    day = _day(y, mo, d, text)
    if not zone:
        raise DateError(f"{text!r}: a clock time needs its offset from UTC, such as {y}-{mo}-{d}T{hh}:{mm}+05:30 "
                        "(or Z for UTC)")
    if zone.upper() in UTC_NAMES:
        offset = dt.timedelta(0)
    elif o := _OFFSET.match(zone):
        sign, oh, om = o.groups()
        offset = (-1 if sign == "-" else 1) * dt.timedelta(hours=int(oh), minutes=int(om))
        if int(om) > 59 or abs(offset) > MAX_OFFSET:
            raise DateError(f"{text!r}: {zone!r} is not an offset from UTC (-14:00 to +14:00)")
    else:
        raise DateError(f"{text!r}: write the time zone as an offset from UTC (+05:30, -04:00) or Z: "
                        f"{zone[:20]!r} is not one, and abbreviations are ambiguous (IST is India's +05:30, "
                        "Ireland's +01:00 and Israel's +02:00)")
    try:
        clock = dt.time(int(hh), int(mm), int(ss or 0), tzinfo=dt.timezone(offset))
    except ValueError:
        raise DateError(f"{text!r}: {hh}:{mm}{':' + ss if ss else ''} is not a time of day (00:00 to 23:59)") from None
    return DateExtent(day, day, "Day", text, instant=dt.datetime.combine(day, clock))


def edtf_of(extent: DateExtent) -> str:
    """The extent in EDTF, with its bounds: as written when it was written in EDTF; a clock time as EDTF's
    date and time with its offset; a day, month or year as itself; a night, a weekend or a span of days
    as the interval of its first and last day (the project's own words stay in the label and
    mkg:timeQualifier)."""
    if extent.edtf:
        return extent.edtf
    if extent.instant:  # also xsd:dateTime's lexical form, UTC written Z as stores write it back
        return extent.instant.isoformat().replace("+00:00", "Z")
    nb, na = extent.not_before, extent.not_after
    if extent.precision == "Day":
        return nb.isoformat()
    if extent.precision == "Month":
        return f"{nb:%Y-%m}"
    if extent.precision == "Year":
        return f"{nb:%Y}"
    return f"{nb.isoformat()}/{na.isoformat()}"


def _parse(value: str) -> DateExtent:
    text = " ".join(str(value).split())
    if not text:
        raise DateError("the date is empty")
    if m := _CLOCK.match(text):
        return _clock(m, text)
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
        if left == right == OPEN:
            raise DateError(f"{text!r}: an interval needs at least one of its ends")
        a = None if left == OPEN else _single(left, text)
        b = None if right == OPEN else _single(right, text)
        sides = [side for side in (a, b) if side is not None]
        marked = len(sides) < 2 or any(side.edtf for side in sides)
        flags = tuple(f for f in ("uncertain", "approximate") if any(f in side.flags for side in sides))
        extent = DateExtent(a and a.not_before, b and b.not_after, "DateRange", text,
                            edtf=core if marked else None, flags=flags)
    else:
        extent = _single(core, text)
    if extent.not_before and extent.not_after and extent.not_after < extent.not_before:
        raise DateError(f"{text!r}: the span ends before it starts")

    if word is None:
        return extent
    if extent.edtf:
        raise DateError(f"{text!r}: {word!r} follows a plain date, not an EDTF one ({extent.edtf})")
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
