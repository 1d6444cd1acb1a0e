"""Date expressions in an article, resolved against its publication date.

Rules of our own, on top of the project's date module (:mod:`kg.authoring.dates`): each phrase
becomes an authoring date expression that says no more than the text ("Thursday night" in an
article of Friday 2026-02-27 is ``2026-02-26 night``, "in October" is ``2025-10``, "early last
year" is ``2025``), and every expression is read back by :func:`kg.authoring.dates.parse_date`
before it is proposed.

Conventions, as in the seed's hand-written YAML:
- a weekday is the most recent one on or before the article's date (reports look back), unless
  "next" or a future word ("will", "due to", "scheduled"...) comes before it in its sentence;
- a month without a year is the most recent one on or before the article's month, the same way;
- a day and month without a year take the year that puts them nearest the article's date;
- "overnight" with no day is the night before the article's date; "last weekend" the Saturday and
  Sunday before it; "last week" Monday to Sunday of the week before, "Thursday last week" its Thursday;
- "that day", "earlier that month"... take the date found just before them, with less confidence;
- two dates joined by "to", "until" or a dash ("1998 to 2000", "2022 until January last year")
  become one span ``a/b``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ..authoring.dates import DateError, parse_date
from .model import DateMention

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10}

_WD = "|".join(WEEKDAYS)
_MO = "|".join(MONTHS)
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NUM = r"(?:\d+|" + "|".join(NUMBERS) + ")"
# words before a bare year or month that make it a date ("in 2021", "since October", "the 2022 deal")
_CUE = r"(?:[Ii]n|[Aa]n?|[Ii]ts|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Oo]f|[Dd]uring|[Bb]efore|[Aa]fter|[Tt]he|[Bb]etween|and|to|[Ee]arly|[Ll]ate|[Mm]id-?|[Tt]hrough)"
# words before a weekday or month in its sentence that put it in the future
_FUTURE = re.compile(r"\b(?:will|would|shall|due|scheduled|planned|expected|set to|plans? to|upcoming|next)\b",
                     re.IGNORECASE)
_PART = {"night": "night", "overnight": "night", "morning": "morning", "afternoon": "afternoon",
         "evening": "evening", "late": "late", "early": "early", "dawn": "early", "daybreak": "early"}

# one entry per form: (name, pattern); the handler of the same name resolves a match
_FORMS = [
    ("day_month_year", rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?P<m>{_MO})(?:,? (?P<y>{_YEAR}))?\b"),
    ("month_day_year", rf"\b(?P<m>{_MO}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? (?P<y>{_YEAR})\b)?"),
    ("days_month", rf"\b(?P<d1>\d{{1,2}}) ?[-–] ?(?P<d2>\d{{1,2}}) (?P<m>{_MO})(?: (?P<y>{_YEAR}))?\b"),
    ("month_days", rf"\b(?P<m>{_MO}) (?P<d1>\d{{1,2}}) ?[-–] ?(?P<d2>\d{{1,2}})\b(?:,? (?P<y>{_YEAR})\b)?"),
    ("month_year", rf"\b(?:(?i:early|late|mid)[- ])?(?P<m>{_MO}),? (?P<y>{_YEAR})\b"),
    ("month_rel_year", rf"\b(?:(?i:early|late|mid)[- ])?(?P<m>{_MO}) (?P<rel>last|this|next) year\b"),
    ("month", rf"(?:\b(?P<cue>{_CUE})[- ]|\b(?P<next>next|last) )?(?P<m>{_MO})\b"),
    ("relative_period", (r"(?i:\b(?:(?:early|late|mid|earlier|later)[- ](?:in )?)?(?P<rel>last|this|next|past) "
                        r"(?P<unit>year|month|week)\b)")),
    ("weekend", r"(?i:\b(?:(?P<rel>last|this|next) weekend|(?:over|at|during) the weekend)\b)"),
    ("weekday", (rf"\b(?i:(?P<mod>late|early|earlier|later)(?: on)? |(?P<dawn>dawn|daybreak)(?: on)? "
                rf"|(?P<over>overnight)(?: on| (?P<into>into))? |(?P<rel>next|last|this) )?(?P<wd>{_WD})(?:'s)?"
                rf"(?: (?P<part>night|morning|afternoon|evening|overnight))?(?: (?P<week>last|this|next) week)?\b")),
    ("deictic", r"(?i:\b(?P<word>overnight|last night|yesterday|today|tonight|this morning|this afternoon|this evening)\b)"),
    ("ago", rf"(?i:\b(?P<n>{_NUM}) (?P<unit>day|week|month|year)s? ago\b)"),
    ("anaphora", (r"(?i:\b(?:(?P<mod>earlier|later) )?(?:that|the same) (?P<unit>day|night|morning|evening|week|month|year)\b"
                 r"|\bthe (?P<shift>next|following|previous) (?P<shifted>day|night|morning|evening)\b"
                 r"|\bthe day (?P<before>before|after)\b"
                 r"|\ba day (?P<later>later|earlier)\b)")),
    ("decade", r"\b(?:the )?(?P<dec>(?:1[89]|20)\d)0s\b"),
    ("year_span", rf"\b(?P<a>{_YEAR}) ?[-–] ?(?P<b>\d\d(?:\d\d)?)\b(?![-–]?\w)"),
    ("year", rf"(?:\b(?P<cue>{_CUE})[- ])(?P<y>{_YEAR})\b(?![-–,.]?\d)|^(?P<y0>{_YEAR})\b(?![-–,.]?\d)"),
]
_COMPILED = [(name, re.compile(p, re.MULTILINE)) for name, p in _FORMS]
# the words between two dates that make them one span
_JOIN = re.compile(r"^\s*(?:to|until|till|through|and|-|–)\s*$")


def find_dates(text: str, published: dt.date) -> list[DateMention]:
    """Every date expression in ``text``, in order, resolved against ``published``."""
    found = []
    for name, pattern in _COMPILED:
        for m in pattern.finditer(text):
            found.append((m.start(), -(m.end() - _start(name, m)), name, m))
    # the longest first, cue words left out: "October 2025" before "in October", "since September" is "September"
    found.sort(key=lambda f: (f[1], f[0]))
    chosen = []
    for start, _neg, name, m in found:
        if all(m.end() <= other.start() or start >= other.end() for _, other in chosen):
            chosen.append((name, m))
    chosen.sort(key=lambda c: c[1].start())

    mentions: list[DateMention] = []
    previous: dt.date | None = None  # the latest day bound of the last resolved date
    previous_expr: str | None = None
    for name, m in chosen:
        try:
            resolved = _HANDLERS[name](m, published, text, previous, previous_expr)
            if resolved is None:
                continue
            expression, confidence = resolved
            extent = parse_date(expression)
        except (DateError, ValueError, OverflowError):  # "31 February", "99999999 days ago": no date
            continue
        start = _start(name, m)
        mentions.append(DateMention(start, m.end(), text[start:m.end()], expression, confidence))
        if extent.not_before is not None:
            previous, previous_expr = extent.not_before, expression
    return _join_spans(text, mentions)


def _start(name: str, m: re.Match) -> int:
    """Where the date's words start: "in 2021" is the date 2021, "early 2024" keeps its "early"."""
    if name in ("month", "year") and m["cue"] and m["cue"].lower().rstrip("-") not in ("early", "late", "mid"):
        return m.start("m" if name == "month" else "y")
    return m.start()


def _join_spans(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Two dates joined by "to", "until", a dash (or "and" after "between") become one span."""
    out: list[DateMention] = []
    for mention in mentions:
        if out:
            left = out[-1]
            gap = text[left.end:mention.start]
            between = gap.strip() == "and" and re.search(r"\bbetween\s*$", text[:left.start], re.IGNORECASE)
            if _JOIN.match(gap) and (gap.strip() != "and" or between):
                first, last = _sides(left.expression)[0], _sides(mention.expression)[1]
                expression = f"{first}/{last}"
                try:
                    extent = parse_date(expression)
                except DateError:
                    extent = None
                if extent is not None:
                    out[-1] = DateMention(left.start, mention.end, text[left.start:mention.end], expression,
                                          min(left.confidence, mention.confidence))
                    continue
        out.append(mention)
    return out


def _sides(expression: str) -> tuple[str, str]:
    """The first and last plain date of an expression: ``2026-02-21/22 weekend`` -> 2026-02-21, 2026-02-22."""
    core = expression.split(" ")[0]
    if "/" not in core:
        return core, core
    left, right = core.split("/")
    if len(right) == 2:  # the short form of a span of days in one month
        right = left[:8] + right
    return left, right


def _day(d: dt.date, part: str | None = None) -> str:
    return d.isoformat() + (f" {part}" if part else "")


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _future(text: str, start: int) -> bool:
    """A future word in the clause before ``start`` ("talks will resume on Monday"; not "said it
    would respond, after drones struck on Monday")."""
    clause = re.split(r"[.!?\n]\s|[,;:]", text[max(0, start - 80):start])[-1]
    return _FUTURE.search(clause) is not None


def _weekday_date(name: str, published: dt.date, future: bool, strict: bool = False) -> dt.date:
    target = WEEKDAYS.index(name)
    if future:
        delta = (target - published.weekday()) % 7 or (7 if strict else 0)
        return published + dt.timedelta(days=delta)
    delta = (published.weekday() - target) % 7 or (7 if strict else 0)
    return published - dt.timedelta(days=delta)


def _nearest_year(month: int, day: int, published: dt.date) -> dt.date | None:
    options = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs((d - published).days)) if options else None


def _month_number(name: str) -> int:
    return MONTHS.index(name) + 1


def day_month_year(m, published, text, *_):
    month, day = _month_number(m["m"]), int(m["d"])
    if m["y"]:
        try:
            return _day(dt.date(int(m["y"]), month, day)), 0.95
        except ValueError:
            return None
    d = _nearest_year(month, day, published)
    return (_day(d), 0.85) if d else None


month_day_year = day_month_year


def days_month(m, published, text, *_):
    month, d1, d2 = _month_number(m["m"]), int(m["d1"]), int(m["d2"])
    year = int(m["y"]) if m["y"] else None
    if year is None:
        first = _nearest_year(month, d1, published)
        year = first.year if first else published.year
    if not 1 <= d1 < d2 <= calendar.monthrange(year, month)[1]:
        return None
    return f"{_month(year, month)}-{d1:02d}/{d2:02d}", 0.9 if m["y"] else 0.8


month_days = days_month


def month_year(m, *_):
    return _month(int(m["y"]), _month_number(m["m"])), 0.95


def month_rel_year(m, published, *_):
    year = published.year + {"last": -1, "this": 0, "next": 1}[m["rel"]]
    return _month(year, _month_number(m["m"])), 0.9


def month(m, published, text, *_):
    name = m["m"]
    if name == "May" and not (m["cue"] or m["next"]):  # "may" the verb, capitalised at a sentence's start
        return None
    number = _month_number(name)
    future = m["next"] == "next" or (m["next"] is None and _future(text, m.start()))
    if future:
        year = published.year if number >= published.month else published.year + 1
        if m["next"] == "next" and number == published.month:
            year += 1
    else:
        year = published.year if number <= published.month else published.year - 1
        if m["next"] == "last" and number == published.month:
            year -= 1
    return _month(year, number), 0.8


def relative_period(m, published, *_):
    rel, unit = m["rel"].lower(), m["unit"].lower()
    if rel == "past":  # "in the past week": the days up to the article's
        days = {"week": 7, "month": 31, "year": 365}[unit]
        return f"{(published - dt.timedelta(days=days)).isoformat()}/{published.isoformat()}", 0.7
    shift = {"last": -1, "this": 0, "next": 1}[rel]
    if unit == "year":
        return f"{published.year + shift:04d}", 0.9
    if unit == "month":
        index = published.year * 12 + published.month - 1 + shift
        return _month(index // 12, index % 12 + 1), 0.9
    monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=shift)
    last = min(monday + dt.timedelta(days=6), published) if shift == 0 else monday + dt.timedelta(days=6)
    return f"{monday.isoformat()}/{last.isoformat()}", 0.75


def weekend(m, published, text, *_):
    rel = (m["rel"] or "").lower()
    if rel == "next" or (rel == "this" and published.weekday() < 5):
        saturday = published + dt.timedelta(days=(5 - published.weekday()) % 7)
    elif rel == "this":  # on the weekend itself
        saturday = published - dt.timedelta(days=published.weekday() - 5)
    else:
        # the last Saturday whose Sunday is before the article (on it, for "over the weekend")
        sunday = published - dt.timedelta(days=(published.weekday() - 6) % 7 or (7 if rel == "last" else 0))
        saturday = sunday - dt.timedelta(days=1)
    sunday = saturday + dt.timedelta(days=1)
    if saturday.month == sunday.month:
        return f"{saturday.isoformat()}/{sunday.day:02d} weekend", 0.85
    return f"{saturday.isoformat()}/{sunday.isoformat()} weekend", 0.85


def weekday(m, published, text, *_):
    rel = (m["rel"] or "").lower() or None
    future = rel == "next" or (rel is None and _future(text, m.start()))
    day = _weekday_date(m["wd"], published, future, strict=rel in ("next", "last"))
    if m["week"]:  # "Thursday last week": that weekday of the week named, not a weekday and a week
        shift = {"last": -1, "this": 0, "next": 1}[m["week"].lower()]
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=shift)
        day = monday + dt.timedelta(days=WEEKDAYS.index(m["wd"]))
    if m["into"]:  # "overnight into Thursday": the night of Wednesday
        return _day(day - dt.timedelta(days=1), "night"), 0.8
    part = None
    if m["part"]:
        part = _PART[m["part"]]
    elif m["over"]:
        part = "night"
    elif m["dawn"]:
        part = "early"
    elif m["mod"] and m["mod"].lower() in ("late", "early"):
        part = m["mod"].lower()
    return _day(day, part), 0.75 if future else 0.85


def deictic(m, published, *_):
    word = m["word"].lower()
    yesterday = published - dt.timedelta(days=1)
    return {
        "overnight": (_day(yesterday, "night"), 0.6),
        "last night": (_day(yesterday, "night"), 0.8),
        "yesterday": (_day(yesterday), 0.9),
        "today": (_day(published), 0.9),
        "tonight": (_day(published, "night"), 0.8),
        "this morning": (_day(published, "morning"), 0.85),
        "this afternoon": (_day(published, "afternoon"), 0.85),
        "this evening": (_day(published, "evening"), 0.85),
    }[word]


def ago(m, published, *_):
    n = m["n"].lower()
    count = NUMBERS[n] if n in NUMBERS else int(n)
    unit = m["unit"].lower()
    if unit == "day":
        return _day(published - dt.timedelta(days=count)), 0.85
    if unit == "week":  # about that day: a week is counted loosely
        return f"{(published - dt.timedelta(weeks=count)).isoformat()}~", 0.6
    if unit == "month":
        index = published.year * 12 + published.month - 1 - count
        return _month(index // 12, index % 12 + 1), 0.7
    return f"{published.year - count:04d}", 0.7


def anaphora(m, published, text, previous, previous_expr):
    if previous is None:
        return None
    if m["shift"] or m["before"] or m["later"]:
        words = {(m[g] or "").lower() for g in ("shift", "before", "later")}
        step = -1 if words & {"previous", "before", "earlier"} else 1
        part = (m["shifted"] or "day").lower()  # "the following night"
        return _day(previous + dt.timedelta(days=step), None if part == "day" else part), 0.5
    unit = m["unit"].lower()
    precise = parse_date(previous_expr).precision
    if unit in ("day", "night", "morning", "evening"):
        if precise not in ("Day", "Night"):
            return None  # "that day" after a month: the text names no day we know
        part = None if unit == "day" else unit
        return _day(previous, part), 0.5
    if unit == "week":
        return None
    if unit == "month":
        return _month(previous.year, previous.month), 0.5
    return f"{previous.year:04d}", 0.5


def decade(m, *_):
    return f"{m['dec']}X", 0.8


def year_span(m, *_):
    a, b = m["a"], m["b"]
    if len(b) == 2:
        b = a[:2] + b
    if int(b) <= int(a):
        return None
    return f"{a}/{b}", 0.9


def year(m, published, *_):
    value = m["y"] or m["y0"]
    if int(value) > published.year + 10:
        return None
    return value, 0.9


_HANDLERS = {name: globals()[name] for name, _ in _FORMS}
