"""Property-based fuzzing (hypothesis) of two readers of untrusted text: the YAML reader
(kg.authoring.yamlreader.load_yaml) and the date parser (kg.authoring.dates.parse_date).

Each property runs a fixed, derandomized number of examples, so CI time stays bounded and a
failure reproduces. Texts are drawn both as arbitrary Unicode and from YAML's and dates' own
vocabulary (indicators, anchors, aliases, brackets, quotes, line breaks; digits, dashes, slashes
and the words after a date), which reach the parsers' deeper paths far more often.
"""

from __future__ import annotations

import calendar
import datetime as dt

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg.authoring.dates import PARTS_OF_DAY, DateError, DateExtent, parse_date
from kg.authoring.yamlreader import YList, YMap, YStr, load_yaml
from kg.errors import InputError

BUDGET = settings(max_examples=400, deadline=None, derandomize=True,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

# --- the YAML reader ------------------------------------------------------------------------------

YAML_TOKENS = ["- ", ": ", "? ", ",", "[", "]", "{", "}", "&a ", "&b ", "*a", "*b", "!!str ", "!!map ", "!tag ",
               "!!python/object:os.system ", "<<: ", "'", '"', "\\", "#", "|", ">", "---", "...", "%YAML 1.1",
               "%TAG ! tag:x:", "\n", "\n  ", "\n    ", "\r\n", "\t", " ", "key", "id", "x", "1", "~", "null",
               "2026-02",
               "\x00", "\x1b", "\ufeff", "\u2028", "\x85", "é", "𝔘"]
yaml_like = st.lists(st.sampled_from(YAML_TOKENS) | st.text(max_size=4), max_size=60).map("".join)
yaml_texts = st.one_of(st.text(max_size=200), yaml_like)


def max_line(text: str) -> int:
    """An upper bound on the number of lines YAML sees in ``text`` (each break counted on its own),
    the end of the text included: a parser reports what is missing there (an unclosed bracket, an
    empty value) on the line after the last break, as if the text ended with one."""
    return 2 + sum(text.count(b) for b in ("\n", "\r", "\x85", "\u2028", "\u2029"))


def walk(value, fallback=None, key_line=None):
    """Every value with its line: a scalar's own, or (when it stores none, being on the line it
    falls back to) its key's line in a mapping, or in a list the line the list's scalars fall back
    to (its key's when it is a mapping's value, else its own), as kg.authoring.yamlreader documents."""
    yield value, value.line or fallback
    if isinstance(value, YMap):
        for k, v in value.items():
            yield from walk(v, value.line_of(k), value.line_of(k))
    elif isinstance(value, YList):
        for v in value:
            yield from walk(v, key_line or value.line)


@BUDGET
@given(yaml_texts)
# deep behind aliases: each copy nests the last, past any recursion limit
@example("a: &a " + "[" * 900 + "]" * 900 + "\nb: &b " + "[" * 900 + "*a" + "]" * 900 + "\nc: *b\n")
@example("a: &a [*a]\n")
@example("x: 1\n" * 3 + "? [a, b]\n: c\n")
@example("\x00")
def test_load_yaml_returns_values_or_input_error(text):
    """Any text gives YAML values with lines inside the text, or an InputError naming the file and
    (when it has one) a line inside the text; never another exception."""
    bound = max_line(text)
    try:
        value = load_yaml(text, "fuzz.yaml")
    except InputError as e:
        assert e.file == "fuzz.yaml"
        assert e.line is None or 1 <= e.line <= bound, (e.line, bound)
        assert "Traceback" not in str(e)
        return
    for v, line in walk(value):
        assert isinstance(v, (YMap, YList, YStr)), type(v)
        assert line is not None and 1 <= line <= bound, (line, bound)
        if isinstance(v, YMap):
            assert all(isinstance(k, str) and 1 <= v.line_of(k) <= bound for k in v)
            assert 1 <= v.line_of("no such key") <= bound


# Characters a double-quoted YAML scalar holds as they are (no controls, no line breaks, which fold).
scalars = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cf", "Co", "Cn", "Zl", "Zp")),
                  max_size=20)


@BUDGET
@given(st.dictionaries(st.from_regex(r"[a-z][a-z0-9_]{0,9}", fullmatch=True),
                       st.one_of(scalars, st.lists(scalars, max_size=5)), max_size=8))
def test_load_yaml_reads_back_what_was_written(doc):
    """A block mapping of plain scalars and flow lists reads back as written, every value a string
    (no implicit typing), each key on its own line."""
    text = "".join(f"{k}: {json_list(v) if isinstance(v, list) else quoted(v)}\n" for k, v in doc.items())
    value = load_yaml(text, "fuzz.yaml")
    assert value == doc
    for i, k in enumerate(doc, start=1):
        assert value.line_of(k) == i


def quoted(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def json_list(items) -> str:
    return "[" + ", ".join(quoted(s) for s in items) + "]"


# --- the date parser ----------------------------------------------------------------------------

DATE_TOKENS = ["2026", "-", "02", "2", "27", "31", "00", "13", "/", " ", "  ", "\t", "\n", "0000", "9999", "99999",
               "night", "weekend", "late", "Morning", "evening", "noon", "٢", "２", "+", "T", ":", "1e9", "..", "~",
               "?"]
date_like = st.lists(st.sampled_from(DATE_TOKENS) | st.text(max_size=3), max_size=12).map("".join)
days = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
PRECISIONS = {"Day", "Night", "Weekend", "Month", "Year", "DateRange"}


@BUDGET
@given(st.one_of(st.text(max_size=60), date_like))
@example("9999-12-31 night")
@example("0000-01")
@example("2026-02-29")
@example("2026-02-28/2026-02-01")
def test_parse_date_returns_an_extent_or_date_error(text):
    """Any text gives a DateExtent that starts no later than it ends, or a DateError; never another
    exception. An extent read again from its own text is the same extent."""
    try:
        extent = parse_date(text)
    except DateError as e:
        assert str(e)
        return
    assert isinstance(extent, DateExtent)
    assert extent.not_before <= extent.not_after
    assert extent.precision in PRECISIONS
    assert parse_date(extent.text) == extent


def iso(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


@BUDGET
@given(days)
def test_a_day_round_trips(d):
    assert parse_date(iso(d)) == DateExtent(d, d, "Day", iso(d))
    assert parse_date(f"  {iso(d)}\t") == parse_date(iso(d))  # spacing is not part of the date


@BUDGET
@given(days)
def test_a_month_and_a_year_cover_their_days(d):
    month = f"{d.year:04d}-{d.month:02d}"
    last = calendar.monthrange(d.year, d.month)[1]
    assert parse_date(month) == DateExtent(d.replace(day=1), d.replace(day=last), "Month", month)
    year = f"{d.year:04d}"
    assert parse_date(year) == DateExtent(dt.date(d.year, 1, 1), dt.date(d.year, 12, 31), "Year", year)


@BUDGET
@given(days, days)
def test_a_span_is_ordered(a, b):
    text = f"{iso(a)}/{iso(b)}"
    if a <= b:
        assert parse_date(text) == DateExtent(a, b, "DateRange", text)
    else:
        try:
            parse_date(text)
        except DateError:
            return
        raise AssertionError(f"{text!r}: a span that ends before it starts was accepted")


@BUDGET
@given(days, st.integers(0, 30))
def test_a_short_span_in_one_month(d, length):
    end = d + dt.timedelta(days=length) if d <= dt.date(9999, 11, 30) else d
    text = f"{iso(d)}/{end.day:02d}"
    if end.month == d.month and end.year == d.year:
        assert parse_date(text) == DateExtent(d, end, "DateRange", text)
    else:  # the short form names a day of the same month; an earlier day there is an error
        try:
            extent = parse_date(text)
        except DateError:
            return
        assert extent.not_before <= extent.not_after


@BUDGET
@given(days, st.sampled_from(PARTS_OF_DAY + ("weekend",)))
def test_words_after_a_day(d, word):
    text = f"{iso(d)} {word}"
    try:
        extent = parse_date(text)
    except DateError:
        assert word == "weekend" or (word == "night" and d == dt.date(9999, 12, 31))
        return
    if word == "night":
        assert (extent.not_before, extent.not_after, extent.precision) == (d, d + dt.timedelta(days=1), "Night")
    else:
        assert (extent.not_before, extent.not_after, extent.precision, extent.qualifier) == (d, d, "Day", word)


@BUDGET
@given(days)
def test_a_weekend_is_a_saturday_and_the_next_sunday(d):
    if d > dt.date(9999, 12, 30):
        return
    nxt = d + dt.timedelta(days=1)
    text = f"{iso(d)}/{iso(nxt)} weekend"
    try:
        extent = parse_date(text)
    except DateError:
        assert d.weekday() != 5
        return
    assert d.weekday() == 5 and (extent.not_before, extent.not_after, extent.precision) == (d, nxt, "Weekend")
