"""Several sources, several accounts (issue 14): the named queries read each source's account on
its own and say how every row stands, checked row by row on the made-up Harrow scenario
(tests/data/scenarios/harrow/: three outlets about one episode) and on a small scenario written
here, where two sources give different dates, counts, rounds, outcomes and quotes for the same
items."""

from __future__ import annotations

import textwrap

import pytest
from kgtest import HERE, rows

from kg.build import build_memory
from kg.sparql.query import run_named

HARBOR, HERALD = "[Ceasefire holds after Norland strike on Breck]", "[Nights of fire in the Harrow valley]"
BRECK_STRIKE = "Norland air strike on Breck"
OSTRA_SHELLING = "Norland shelling of Ostra"
CALVIA = ("disputed", "Foreign Ministry of Calvia; Government of Sudmark", "Government of Norland")
STANDING = ("status", "accordingTo", "disputedBy", "independentSources")


@pytest.fixture(scope="module")
def harrow():
    return build_memory([HERE / "data" / "scenarios" / "harrow"])


def test_accounts_sets_each_sources_values_side_by_side(harrow):
    got = rows(run_named(harrow, "accounts", item="breck-strike"), "sourceLabel", "accordingTo", "date", "places", "roles")
    assert [(s, a, d, frozenset(p.split(", ")), r) for s, a, d, p, r in got] == [
        (HARBOR, "Harbor Wire", "2031-03-08", frozenset({"Breck"}), "attacker: Norland; target: Sudmark"),
        (HERALD, "Sudmark Herald", "2031-03-07 night", frozenset({"Breck", "Ostra"}), "attacker: Norland; target: Sudmark"),
    ]


def test_strike_places_keeps_the_accounts_apart(harrow):
    r = run_named(harrow, "strike-places")
    got = rows(r, "strikeLabel", "date", "placeLabel", "accordingTo", "status", "independentSources")
    both = "Harbor Wire; Sudmark Herald"
    assert sorted(got) == sorted([
        # Harbor Wire: the 8th, Breck; the Herald: the night of the 7th, Breck and Ostra. Both state
        # the strike in their own voices: two independent sources for the strike at Breck; at Ostra,
        # which only the Herald names, the Herald alone
        (BRECK_STRIKE, "2031-03-08", "Breck", both, "corroborated", 2),
        (BRECK_STRIKE, "2031-03-07 night", "Breck", both, "corroborated", 2),
        (BRECK_STRIKE, "2031-03-07 night", "Ostra", "Sudmark Herald", "stated", 1),
        # two outlets repeating Sudmark's army: one row, one independent source
        (OSTRA_SHELLING, "2031-03-08", "Ostra", "Sudmark Army", "reported", 1),
    ])
    # never Harbor Wire's date with the Herald's second place
    assert (BRECK_STRIKE, "2031-03-08", "Ostra") not in [g[:3] for g in got]


def test_mediators_show_the_disputed_mediation(harrow):
    r = run_named(harrow, "mediators")
    assert rows(r, "mediatorLabel", "what", "date", *STANDING) == [("Calvia", "Harrow ceasefire", "2031-03-09", *CALVIA, 2)]


def test_ceasefires_show_the_disputed_broker(harrow):
    (row,) = run_named(harrow, "ceasefires").records()
    assert (row["ceasefireLabel"], row["date"], row["brokers"]) == ("Harrow ceasefire", "2031-03-09", "Calvia (disputed)")
    # Norland denies the broker's role, not the ceasefire, which Harbor Wire states in its own voice
    assert tuple(row[c] for c in STANDING) == ("stated", "Harbor Wire", "Government of Norland", 1)


def test_corroboration_counts_independent_sources(harrow):
    """breck-strike: two publishers in their own voices; ostra-shelling: two outlets, one speaker."""
    got = {label: rest for label, *rest in rows(run_named(harrow, "provenance"), "nodeLabel", "title", *STANDING)
           if label in (BRECK_STRIKE, OSTRA_SHELLING)}
    assert got == {BRECK_STRIKE: [HARBOR, "corroborated", "Harbor Wire; Sudmark Herald", None, 2],
                   OSTRA_SHELLING: ["[Shelling reported in Ostra]", "reported", "Sudmark Army", None, 1]}
    per_source = rows(run_named(harrow, "provenance", node="ostra-shelling"), "publisherLabel", "status", "independentSources")
    assert sorted(per_source) == [("Meridian Daily", "reported", 1), ("Sudmark Herald", "reported", 1)]


def test_casualty_claims_show_the_rejected_figure(harrow):
    got = rows(run_named(harrow, "casualty-claims"), "claimantLabel", "category", "figure", "eventLabel", *STANDING)
    assert sorted(got) == [
        ("Health Ministry of Sudmark", "civilian", 14, BRECK_STRIKE, "reported", "Health Ministry of Sudmark", None, 1),
        ("Norland Army", "military", 30, BRECK_STRIKE, "disputed", "Norland Army", "Health Ministry of Sudmark", 1),
    ]


def test_disputes_list_the_denied_mediation(harrow):
    """A rejected fact about an item, with who asserts and who denies; the rejected figure is left to
    casualty-claims and rival-claims."""
    got = rows(run_named(harrow, "disputes"), "assertedByLabel", "assertion", "aboutLabel", "deniedByLabel", "denial", *STANDING)
    mediation = "Calvian mediation of the Harrow ceasefire"
    assert got == [(CALVIA[1], f"Calvia as mediator of {mediation}", mediation, "Government of Norland",
                    "Denied that any third party mediated the ceasefire.", *CALVIA, 2)]


# --- two sources that disagree on everything ---------------------------------------------------

WORLD = """
sources:
  - {id: reference-two, title: "[Actors of the two-accounts scenario]", date: 2032-01-01}
source: reference-two
actors:
  - {id: east-post, type: media-outlet, name: East Post}
  - {id: west-post, type: media-outlet, name: West Post}
  - {id: aland, type: state, name: Aland}
  - {id: bland, type: state, name: Bland}
  - {id: cland, type: state, name: Cland}
  - {id: aland-army, type: armed-forces, name: Aland Army, affiliated_with: aland}
  - {id: envoy-post, type: post, name: Envoy of Cland, post_in: cland}
  - {id: ines, type: person, name: Ines Roe}
places:
  - {id: kell, type: city, name: Kell, in: bland}
  - {id: mors, type: city, name: Mors, in: bland}
"""

# Each outlet's account of the same items; {x} is what differs.
ACCOUNT = """
sources:
  - {{id: {outlet}-2032-01-20, title: "[{title}]", publisher: {outlet}, date: 2032-01-20}}
source: {outlet}-2032-01-20
actors:
  - {{id: ines, type: person, name: Ines Roe, rank: {rank}, holds: envoy-post}}
events:
  - {{id: raid, type: strike, name: Raid on Bland, date: {raid}, attacker: aland-army, target: bland, places: {place}}}
  - {{id: reply, type: strike, name: Bland's reply, date: {reply}, attacker: bland, target: aland, triggered_by: raid}}
  - {{id: seizure, type: capture, name: Seizure of Bland soldiers, date: 2032-01-03, captor: aland, captives_of: bland,
     count: {count}}}
  - {{id: talks, type: negotiation-round, name: Talks in Cland, date: {talks}, parties: [aland, bland], mediators: cland,
     quantity: {rounds}, outcome: {outcome}}}
statements:
  - {{id: call, type: appeal, speaker: ines, date: {talks}, quote: "{quote}", about: raid}}
"""
EAST = dict(outlet="east-post", title="East", rank="Ambassador", raid="2032-01-01", place="kell", reply="2032-01-02", count=3,
            talks="2032-01-10", rounds="two rounds", outcome="collapsed", quote="Stop now")
WEST = dict(outlet="west-post", title="West", rank="Minister", raid="2032-01-04", place="mors", reply="2032-01-05", count=5,
            talks="2032-01-12", rounds="three rounds", outcome="no-lasting-agreement", quote="Stop at once")


@pytest.fixture(scope="module")
def two(tmp_path_factory):
    d = tmp_path_factory.mktemp("two")
    (d / "00-world.yaml").write_text(textwrap.dedent(WORLD))
    for account in (EAST, WEST):
        (d / f"{account['outlet']}.yaml").write_text(ACCOUNT.format(**account))
    return build_memory([d])


def test_each_link_with_its_own_accounts_dates(two):
    got = rows(run_named(two, "escalation-chain"), "causeDate", "relation", "effectDate", *STANDING)
    # each outlet's dates for the raid and the reply, never one outlet's with the other's; two
    # publishers in their own voices corroborate the reply
    assert sorted(got) == [(e["raid"], "triggered", e["reply"], "corroborated", "East Post; West Post", None, 2)
                           for e in (EAST, WEST)]


def test_strike_date_and_place_per_account(two):
    got = rows(run_named(two, "strike-places", by="aland"), "date", "placeLabel", "status", "independentSources")
    # both outlets report the raid, but each names its own place: each place rests on one outlet
    assert sorted(got) == [("2032-01-01", "Kell", "stated", 1), ("2032-01-04", "Mors", "stated", 1)]


def test_every_account_traced_once(two):
    """Each source's account of an item is one row, however many accounts name it."""
    got = rows(run_named(two, "provenance", node="raid"), "title", "status", "accordingTo", "independentSources")
    assert sorted(got) == [("[East]", "corroborated", "East Post; West Post", 2),
                           ("[West]", "corroborated", "East Post; West Post", 2)]


def test_negotiation_rounds_and_outcome_per_account(two):
    got = rows(run_named(two, "negotiations"), "date", "rounds", "outcome", "mediators", "status", "independentSources")
    assert sorted(got) == sorted((a["talks"], a["rounds"], a["outcome"].replace("-", " "), "Cland", "corroborated", 2)
                                 for a in (EAST, WEST))


def test_capture_count_per_account(two):
    got = rows(run_named(two, "captives"), "count", "heldBy", "whose", "status", "independentSources")
    assert sorted(got) == [(3, "Aland", "Bland", "corroborated", 2), (5, "Aland", "Bland", "corroborated", 2)]


def test_statement_quote_and_date_per_account(two):
    got = rows(run_named(two, "third-party-appeals"), "date", "quotes", "status", "accordingTo")
    assert sorted(got) == [(a["talks"], f"“{a['quote']}”", "corroborated", "East Post; West Post") for a in (EAST, WEST)]


def test_rank_per_account(two):
    got = rows(run_named(two, "offices"), "personLabel", "office", "rank", "status")
    assert sorted(got) == [("Ines Roe", "Envoy of Cland", "Ambassador", "corroborated"),
                           ("Ines Roe", "Envoy of Cland", "Minister", "corroborated")]


def test_a_rejected_strike_is_disputed_at_every_place(tmp_path):
    """Whoever rejects an item rejects every fact about it: the places of a rejected strike that two
    outlets report stand disputed, whether both name the place or one does."""
    d = tmp_path / "rejected"
    d.mkdir()
    (d / "00-world.yaml").write_text(textwrap.dedent(WORLD))
    for account in (EAST, dict(WEST, raid=EAST["raid"], place="[kell, mors]")):
        (d / f"{account['outlet']}.yaml").write_text(ACCOUNT.format(**account))
    (d / "denial.yaml").write_text(textwrap.dedent("""
        sources:
          - {id: bland-gazette-2032-01-21, title: "[Aland denies the raid]", date: 2032-01-21}
        source: bland-gazette-2032-01-21
        statements:
          - {id: aland-denies-raid, type: denial, speaker: aland, date: 2032-01-21, summary: Denied the raid., rejects: raid}
    """))
    got = rows(run_named(build_memory([d]), "strike-places", by="aland"), "placeLabel", "status", "disputedBy")
    assert sorted(set(got)) == [("Kell", "disputed", "Aland"), ("Mors", "disputed", "Aland")]
