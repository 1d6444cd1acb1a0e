import datetime as dt

import pytest

from kg.authoring.dates import DateError, parse_date

D = dt.date


@pytest.mark.parametrize("text,nb,na,precision,qualifier", [
    ("2026-02-27", D(2026, 2, 27), D(2026, 2, 27), "Day", None),
    ("2026-02-26 night", D(2026, 2, 26), D(2026, 2, 27), "Night", None),
    ("2026-02-26 late", D(2026, 2, 26), D(2026, 2, 26), "Day", "late"),
    ("2025-10", D(2025, 10, 1), D(2025, 10, 31), "Month", None),
    ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "Month", None),
    ("2021", D(2021, 1, 1), D(2021, 12, 31), "Year", None),
    ("2026-02-21/22 weekend", D(2026, 2, 21), D(2026, 2, 22), "Weekend", None),
    ("2026-02-26/27", D(2026, 2, 26), D(2026, 2, 27), "DateRange", None),
    ("2025-10/2026-02", D(2025, 10, 1), D(2026, 2, 28), "DateRange", None),
    ("  2026-02-27  ", D(2026, 2, 27), D(2026, 2, 27), "Day", None),
])
def test_parse(text, nb, na, precision, qualifier):
    e = parse_date(text)
    assert (e.not_before, e.not_after, e.precision, e.qualifier) == (nb, na, precision, qualifier)


@pytest.mark.parametrize("text,message", [
    ("2026-02-30", "not a real date"),
    ("2026-13", "no month 13"),
    ("2026-02-22/21", "ends before it starts"),
    ("2026-02-20/21 weekend", "a weekend is a Saturday"),
    ("2026-02 night", "only qualifies a single day"),
    ("last Tuesday", "'last Tuesday' is not a date"),
    ("2026-02-27 soon", "unknown word 'soon'"),
    ("", "empty"),
    ("2026-02-27 late night x", "at most one word"),
])
def test_errors(text, message):
    with pytest.raises(DateError, match=message):
        parse_date(text)


# EDTF (level 1): the earliest and latest day each form allows, its precision, EDTF string and flags
@pytest.mark.parametrize("text,nb,na,precision,edtf,flags", [
    ("2026-02-26?", D(2026, 2, 26), D(2026, 2, 26), "Day", "2026-02-26?", ("uncertain",)),
    ("2026-02-26~", D(2026, 2, 26), D(2026, 2, 26), "Day", "2026-02-26~", ("approximate",)),
    ("2026-02~", D(2026, 2, 1), D(2026, 2, 28), "Month", "2026-02~", ("approximate",)),
    ("2026%", D(2026, 1, 1), D(2026, 12, 31), "Year", "2026%", ("uncertain", "approximate")),
    ("2026-02-XX", D(2026, 2, 1), D(2026, 2, 28), "Month", "2026-02-XX", ()),
    ("2024-02-XX", D(2024, 2, 1), D(2024, 2, 29), "Month", "2024-02-XX", ()),
    ("2026-XX", D(2026, 1, 1), D(2026, 12, 31), "Year", "2026-XX", ()),
    ("2026-XX-XX", D(2026, 1, 1), D(2026, 12, 31), "Year", "2026-XX-XX", ()),
    ("202X", D(2020, 1, 1), D(2029, 12, 31), "DateRange", "202X", ()),
    ("20XX", D(2000, 1, 1), D(2099, 12, 31), "DateRange", "20XX", ()),
    ("202X-XX?", D(2020, 1, 1), D(2029, 12, 31), "DateRange", "202X-XX?", ("uncertain",)),
    ("2025-10-19/..", D(2025, 10, 19), None, "DateRange", "2025-10-19/..", ()),
    ("../2026-02", None, D(2026, 2, 28), "DateRange", "../2026-02", ()),
    ("2025-10-19~/..", D(2025, 10, 19), None, "DateRange", "2025-10-19~/..", ("approximate",)),
    ("2026-02-26/2026-02-27", D(2026, 2, 26), D(2026, 2, 27), "DateRange", None, ()),
    ("2026-02-26?/2026-02-27~", D(2026, 2, 26), D(2026, 2, 27), "DateRange", "2026-02-26?/2026-02-27~",
     ("uncertain", "approximate")),
    ("2026-02-27", D(2026, 2, 27), D(2026, 2, 27), "Day", None, ()),
])
def test_parse_edtf(text, nb, na, precision, edtf, flags):
    e = parse_date(text)
    assert (e.not_before, e.not_after, e.precision, e.edtf, e.flags, e.text) == (nb, na, precision, edtf, flags, text)


@pytest.mark.parametrize("text,message", [
    ("../..", "at least one of its ends"),
    ("2026-02-26??", "is not a date"),
    ("2026-XX-26", "the parts after it are too"),
    ("202X-02", "the parts after it are too"),
    ("2X26", "is not a date"),
    ("2026-02-30?", "not a real date"),
    ("2026-02-26? night", "follows a plain date, not an EDTF one"),
    ("2026-02-27/..x", "is not a date"),
    ("2026-03/2026-02~", "ends before it starts"),
    ("000X", "outside the calendar"),
])
def test_edtf_errors(text, message):
    with pytest.raises(DateError, match=message):
        parse_date(text)
