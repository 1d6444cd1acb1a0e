"""kg.draft.dates: date phrases resolved against the article's date, each to an expression that
kg.authoring.dates reads back to the bounds intended, never more precise than the text."""

import datetime as dt
import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.authoring.dates import parse_date
from kg.draft.dates import find_dates

FRI = dt.date(2026, 2, 27)  # the seed article's date, a Friday
SEED = Path("/work/shared/sources/aljazeera-2026-02-27-afghanistan-pakistan.txt")
D = dt.date

# (sentence, publication date, the phrase, the expression, earliest day, latest day)
CASES = [
    ("Fighting broke out on Thursday.", FRI, "Thursday", "2026-02-26", D(2026, 2, 26), D(2026, 2, 26)),
    ("Strikes hit Kabul on Friday.", FRI, "Friday", "2026-02-27", D(2026, 2, 27), D(2026, 2, 27)),
    ("Sirens sounded on Saturday.", FRI, "Saturday", "2026-02-21", D(2026, 2, 21), D(2026, 2, 21)),
    ("Strikes hit Kabul on Thursday night.", FRI, "Thursday night", "2026-02-26 night", D(2026, 2, 26), D(2026, 2, 27)),
    ("Drones flew late on Tuesday.", FRI, "late on Tuesday", "2026-02-24 late", D(2026, 2, 24), D(2026, 2, 24)),
    ("Late on Tuesday the guns fell silent.", FRI, "Late on Tuesday", "2026-02-24 late", D(2026, 2, 24), D(2026, 2, 24)),
    ("The raid began at dawn on Wednesday.", FRI, "dawn on Wednesday", "2026-02-25 early", D(2026, 2, 25), D(2026, 2, 25)),
    ("Talks resumed on Friday morning.", FRI, "Friday morning", "2026-02-27 morning", D(2026, 2, 27), D(2026, 2, 27)),
    ("Monday evening brought more shelling.", FRI, "Monday evening", "2026-02-23 evening", D(2026, 2, 23), D(2026, 2, 23)),
    ("Drones struck the port overnight.", FRI, "overnight", "2026-02-26 night", D(2026, 2, 26), D(2026, 2, 27)),
    ("Shelling went on overnight into Thursday.", FRI, "overnight into Thursday", "2026-02-25 night",
     D(2026, 2, 25), D(2026, 2, 26)),
    ("Raids rose in the past week.", FRI, "past week", "2026-02-20/2026-02-27", D(2026, 2, 20), D(2026, 2, 27)),
    ("Air strikes last weekend killed five.", FRI, "last weekend", "2026-02-21/22 weekend", D(2026, 2, 21), D(2026, 2, 22)),
    ("Envoys met over the weekend.", D(2026, 3, 2), "over the weekend", "2026-02-28/2026-03-01 weekend", D(2026, 2, 28), D(2026, 3, 1)),
    ("Saudi Arabia intervened this month.", FRI, "this month", "2026-02", D(2026, 2, 1), D(2026, 2, 28)),
    ("On February 20 it began. They clashed again the following night.", FRI, "the following night",
     "2026-02-21 night", D(2026, 2, 21), D(2026, 2, 22)),
    ("Tension ran high since September 2023, when gunmen attacked.", FRI, "September 2023", "2023-09",
     D(2023, 9, 1), D(2023, 9, 30)),  # not "since September" (of last year) and a year

    ("Talks collapsed earlier this month.", FRI, "earlier this month", "2026-02", D(2026, 2, 1), D(2026, 2, 28)),
    ("The envoy toured the region last week.", FRI, "last week", "2026-02-16/2026-02-22", D(2026, 2, 16), D(2026, 2, 22)),
    ("Benin recalled its envoy on Thursday last week.", D(2026, 2, 19), "Thursday last week", "2026-02-12",
     D(2026, 2, 12), D(2026, 2, 12)),  # one date, not "Thursday" (this week's) and "last week"
    ("Talks will resume next week.", FRI, "next week", "2026-03-02/2026-03-08", D(2026, 3, 2), D(2026, 3, 8)),
    ("The talks will open on Monday.", FRI, "Monday", "2026-03-02", D(2026, 3, 2), D(2026, 3, 2)),
    ("Ossa said it would respond, after drones struck on Monday.", FRI, "Monday", "2026-02-23",
     D(2026, 2, 23), D(2026, 2, 23)),
    ("Envoys meet this weekend.", D(2026, 2, 28), "this weekend", "2026-02-28/2026-03-01 weekend", D(2026, 2, 28), D(2026, 3, 1)),
    ("Shelling resumed last weekend.", D(2026, 3, 1), "last weekend", "2026-02-21/22 weekend", D(2026, 2, 21),
     D(2026, 2, 22)),
    ("The ship was seized two days ago.", FRI, "two days ago", "2026-02-25", D(2026, 2, 25), D(2026, 2, 25)),
    ("Fighting in October killed 70.", FRI, "October", "2025-10", D(2025, 10, 1), D(2025, 10, 31)),
    ("A truce was agreed in January.", FRI, "January", "2026-01", D(2026, 1, 1), D(2026, 1, 31)),
    ("Clashes in October 2025 killed 70.", FRI, "October 2025", "2025-10", D(2025, 10, 1), D(2025, 10, 31)),
    ("Talks began in June last year.", FRI, "June last year", "2025-06", D(2025, 6, 1), D(2025, 6, 30)),
    ("The deal was signed early last year.", FRI, "early last year", "2025", D(2025, 1, 1), D(2025, 12, 31)),
    ("Fighting flared last year.", FRI, "last year", "2025", D(2025, 1, 1), D(2025, 12, 31)),
    ("Troops crossed on May 9.", D(2026, 5, 21), "May 9", "2026-05-09", D(2026, 5, 9), D(2026, 5, 9)),
    ("The accord of 26 February 2026 held.", FRI, "26 February 2026", "2026-02-26", D(2026, 2, 26), D(2026, 2, 26)),
    ("Signed on February 26, 2026, it held.", FRI, "February 26, 2026", "2026-02-26", D(2026, 2, 26), D(2026, 2, 26)),
    ("The ceasefire of 21-22 February held.", FRI, "21-22 February", "2026-02-21/22", D(2026, 2, 21), D(2026, 2, 22)),
    ("The Taliban returned to power in 2021.", FRI, "2021", "2021", D(2021, 1, 1), D(2021, 12, 31)),
    ("The war lasted from 1998 to 2000.", FRI, "1998 to 2000", "1998/2000", D(1998, 1, 1), D(2000, 12, 31)),
    ("The war of 1998 to 2000 ended.", FRI, "1998 to 2000", "1998/2000", D(1998, 1, 1), D(2000, 12, 31)),
    ("The 2020-2022 war in Tigray.", FRI, "2020-2022", "2020/2022", D(2020, 1, 1), D(2022, 12, 31)),
    ("Talks ran from 2022 until January last year.", FRI, "2022 until January last year", "2022/2025-01",
     D(2022, 1, 1), D(2025, 1, 31)),
    ("Rebels have fought since the 1960s.", FRI, "the 1960s", "196X", D(1960, 1, 1), D(1969, 12, 31)),
    ("Talks opened on June 21. A prisoner was freed that day.", D(2026, 7, 14), "that day", "2026-06-21",
     D(2026, 6, 21), D(2026, 6, 21)),
    ("A truce began on June 21. Earlier that month, envoys met.", D(2026, 7, 14), "Earlier that month", "2026-06",
     D(2026, 6, 1), D(2026, 6, 30)),
    ("Rebels attacked on Sunday. The next day, troops withdrew.", FRI, "The next day", "2026-02-23",
     D(2026, 2, 23), D(2026, 2, 23)),
]


@pytest.mark.parametrize("sentence,published,phrase,expression,earliest,latest", CASES, ids=[c[2] for c in CASES])
def test_each_form_resolves_to_its_bounds(sentence, published, phrase, expression, earliest, latest):
    found = {d.text: d for d in find_dates(sentence, published)}
    assert phrase in found, f"{phrase!r} not found in {sentence!r}: {list(found)}"
    mention = found[phrase]
    assert sentence[mention.start:mention.end] == phrase
    assert mention.expression == expression
    extent = parse_date(mention.expression)
    assert (extent.not_before, extent.not_after) == (earliest, latest)
    assert 0 < mention.confidence <= 1
    if "weekend" in phrase:
        assert extent.precision == "Weekend"


def test_anaphora_is_less_sure_than_what_it_points_at():
    found = find_dates("Talks opened on June 21. A prisoner was freed that day.", D(2026, 7, 14))
    assert [d.text for d in found] == ["June 21", "that day"]
    assert found[1].confidence < found[0].confidence


def test_that_day_after_a_month_names_no_day():
    """Never more precise than the text: "that day" after a month has no day to point at."""
    assert [d.text for d in find_dates("Fighting in October killed 70. Troops left that day.", FRI)] == ["October"]


@pytest.mark.parametrize("sentence", [
    "Officials may meet again.", "May God help us, he said.", "The 2,575-kilometre border is shut.",
    "More than 1998 people fled.", "Pakistan marched on.", "The mayday call came late.",
    "It began 99999999999 days ago.", "Talks on 31 February failed.", "On February 30 they met.",
    "That day, nothing.",
])
def test_words_that_are_not_dates(sentence):
    assert find_dates(sentence, FRI) == []


def test_seed_article_dates_match_the_hand_written_seed():
    """The development article: every date the seed's YAML resolves (its header comment)."""
    if not SEED.exists():
        pytest.skip(f"the seed article is not at {SEED}")
    text = SEED.read_text(encoding="utf-8")
    found = [(d.text, d.expression) for d in find_dates(text, FRI)]
    assert found == [
        ("Friday", "2026-02-27"), ("last weekend", "2026-02-21/22 weekend"), ("Thursday", "2026-02-26"),
        ("Thursday night", "2026-02-26 night"), ("Friday", "2026-02-27"), ("late on Thursday", "2026-02-26 late"),
        ("Later on Friday", "2026-02-27"), ("2021", "2021"), ("October", "2025-10"), ("this month", "2026-02"),
        ("October", "2025-10"),
    ]


def test_every_expression_parses_and_spans_are_exact():
    text = " ".join(c[0] for c in CASES)
    found = find_dates(text, FRI)
    assert len(found) >= len(CASES) - 3
    for d in found:
        assert text[d.start:d.end] == d.text
        parse_date(d.expression)  # raises DateError if not
    starts = [d.start for d in found]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


WORDS = ["on", "late", "early", "dawn", "overnight", "Thursday", "night", "last", "next", "this", "weekend", "week",
         "month", "year", "October", "May", "9", "31", "26", "February", "2026", "1998", "to", "until", "-", "that",
         "day", "earlier", "two", "days", "ago", "in", "the", "1960s", "will", ",", "and", "between", "9999999999"]


@given(st.lists(st.sampled_from(WORDS), max_size=14), st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)))
@settings(max_examples=300, deadline=None)
def test_any_words_give_exact_spans_and_readable_expressions(words, published):
    text = " ".join(words)
    found = find_dates(text, published)
    for d in found:
        assert text[d.start:d.end] == d.text
        parse_date(d.expression)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
