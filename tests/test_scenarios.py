"""The named queries answer for a conflict other than the seed: a made-up scenario
(tests/data/scenarios/veld.yaml) that uses what the seed does not: claims about no event, a
non-state armed group giving figures, mediators on a ceasefire and on talks, a denial of a whole
statement, an accusation made as a statement, a border nobody takes a stance on, a post that
belongs to no organisation, a strike located only in words."""

from __future__ import annotations

import pytest
from kgtest import HERE, rows

from kg.build import build_memory
from kg.sparql.query import run_named


@pytest.fixture(scope="module")
def veld():
    return build_memory([HERE / "data" / "scenarios" / "veld.yaml"])


def test_mediators_on_any_event(veld):
    assert rows(run_named(veld, "mediators", party1="northland"), "mediatorLabel", "what") == [
        ("Norway", "Oslo truce"), ("African Union", "Talks in Geneva")]


def test_ceasefire_brokered_directly(veld):
    (row,) = run_named(veld, "ceasefires").records()
    assert (row["brokers"], row["breached"], row["followedBy"], row["outcome"]) == (
        "Norway (stated)", False, "Talks in Geneva", "no lasting agreement")


def test_claims_about_no_event_are_listed(veld):
    got = sorted(rows(run_named(veld, "casualty-claims"), "claimantLabel", "qualifier", "figure", "eventLabel"))
    assert got == [("Mara Olsen", "exactly", 10, None), ("Peter Dube", "exactly", 2, None),
                   ("Veld Liberation Front", "more than", 40, None)]
    # a date window applies to the claim's own date when it is about no event
    assert len(run_named(veld, "casualty-claims", **{"from": "2031-05-11"}).rows) == 1


def test_rivals_across_camps_and_rejection_of_a_whole_statement(veld):
    """Olsen (Northland) and Dube (Southland) give rival figures in the same report; Olsen rejects
    Dube's statement, which counts as rejecting its figures. The Front's figure comes from another
    source, about no event, so it is not paired."""
    got = rows(run_named(veld, "rival-claims"), "claimantALabel", "figureA", "claimantBLabel", "figureB",
               "claimARejectedBy", "claimBRejectedBy")
    assert got == [("Peter Dube", 2, "Mara Olsen", 10, "Mara Olsen", None)]
    # rejecting the statement disputes the figure made in it
    claims = rows(run_named(veld, "casualty-claims"), "claimantLabel", "status", "disputedBy")
    assert sorted(claims) == [("Mara Olsen", "reported", None), ("Peter Dube", "disputed", "Mara Olsen"),
                              ("Veld Liberation Front", "reported", None)]


def test_disputes_made_as_statements(veld):
    got = rows(run_named(veld, "disputes"), "assertedByLabel", "assertion", "againstLabel", "deniedByLabel")
    assert got == [("Mara Olsen", "Southland arms the Veld Liberation Front.", "Southland", "Southland Army")]
    assert rows(run_named(veld, "disputes"), "status", "accordingTo", "disputedBy") == [
        ("disputed", "River Times", "Southland Army")]


def test_border_without_positions(veld):
    got = rows(run_named(veld, "borders"), "borderLabel", "lengthKm", "separates", "stance")
    assert [(b, int(k), frozenset(s.split(", ")), st) for b, k, s, st in got] == [
        ("Veld River Line", 410, frozenset({"Northland", "Southland"}), None)]


def test_office_without_organisation(veld):
    got = rows(run_named(veld, "offices"), "personLabel", "office", "organisationLabel", "rank")
    assert ("Ines Berg", "Special envoy for the Veld", None, None) in got
    assert ("Peter Dube", "Southland Army spokesperson", "Southland Army", "Colonel") in got


def test_strike_located_only_in_words(veld):
    got = rows(run_named(veld, "strike-places"), "placeLabel", "placeDescription", "accordingTo")
    assert got == [("Kessel", None, "Mara Olsen"), (None, "villages along the river", "River Times (the report itself)")]
    assert rows(run_named(veld, "strike-places"), "status", "independentSources") == [("reported", 1), ("stated", 1)]


def test_a_party_appealing_about_its_own_fight_is_not_a_third_party(veld):
    assert rows(run_named(veld, "third-party-appeals"), "speakerLabel") == [("Ines Berg",)]


def test_negotiations_with_their_mediator(veld):
    (row,) = run_named(veld, "negotiations").records()
    assert (row["mediators"], row["afterLabel"], row["afterBrokeredBy"], row["rounds"]) == (
        "African Union", "Oslo truce", "Norway", "two rounds")


def test_provenance_of_a_claim_shows_its_statement_quote(veld):
    r = run_named(veld, "provenance", node="olsen-soldiers")
    assert rows(r, "statementQuote", "publisherLabel") == [("Ten of our soldiers died defending Kessel.", "River Times")]


# --- the Tarn scenario (tests/data/scenarios/tarn.yaml): beyond matching figures and military events

TARN_STANDING = ("status", "accordingTo", "disputedBy", "independentSources")


@pytest.fixture(scope="module")
def tarn():
    return build_memory([HERE / "data" / "scenarios" / "tarn.yaml"])


def test_rival_accounts_of_one_toll_across_categories(tarn):
    """Vessia counts fighters where Kaldor counts civilians, in the same raids: rival accounts of the
    toll, each row saying whom each figure counts. Not rivals: two figures from one camp (the health
    ministry's 36 and Rennick's 40), figures for different sides (Varga's 3 Vessian soldiers and the
    ministry's civilians), and the same figure for the same category (Varga's and Rennick's 20
    wounded fighters)."""
    r = run_named(tarn, "rival-claims")
    got = rows(r, "lossesOfLabel", "measure", "claimantALabel", "categoryA", "groupA", "qualifierA", "figureA",
               "claimantBLabel", "categoryB", "groupB", "qualifierB", "figureB", *TARN_STANDING)
    ministry, varga, rennick = "Health Ministry of Kaldor", "Ilse Varga", "Tomas Rennick"
    villagers, fighters = "villagers of the Lorn valley", "Kaldoran militia fighters"
    assert got == [
        ("Kaldor", "killed", ministry, "civilian", villagers, "at least", 36, varga, "military", fighters, "more than", 100,
         "disputed", f"{ministry}; {varga}", rennick, 1),
        ("Kaldor", "killed", rennick, "civilian", "civilians", "exactly", 40, varga, "military", fighters, "more than", 100,
         "disputed", f"{rennick}; {varga}", rennick, 1),
        ("Kaldor", "wounded", ministry, "civilian", villagers, "exactly", 20, varga, "military", fighters, "exactly", 20,
         "reported", f"{ministry}; {varga}", None, 1),
        ("Vessia", "killed", rennick, "military", "Vessian soldiers", "exactly", 12, varga, "military", "Vessian soldiers",
         "exactly", 3, "reported", f"{rennick}; {varga}", None, 1),
    ]
    assert {e for (e,) in rows(r, "episodeLabel")} == {"Fighting over the Tarn pass, June 2032"}


def test_statement_without_a_quote_is_listed_with_its_summary(tarn):
    """Rennick's figures reach the report only as a summary; the health ministry holds no office, so
    its statement is not an office holder's."""
    r = run_named(tarn, "official-statements")
    assert rows(r, "date", "speakerLabel", "offices", "typeLabel", "quotes", "summary") == [
        ("2032-06-02", "Ilse Varga", "Vessian Army spokesperson", "statement",
         "“More than a hundred militia fighters were killed in the Lorn valley.”",
         "Gave the army's count of the dead and wounded of the raids, and of its own losses at the pass."),
        ("2032-06-03", "Tomas Rennick", "Interior Minister of Kaldor", "denial",
         "“There were no fighters in those villages.”", "Denied that the dead of the raids were fighters."),
        ("2032-06-03", "Tomas Rennick", "Interior Minister of Kaldor", "statement", None,
         "Said forty civilians had died in the raids, twenty militiamen had been wounded, and twelve Vessian "
         "soldiers had been killed at the pass."),
    ]
    assert set(rows(r, *TARN_STANDING)) == {("stated", "Tarn Courier", None, 1)}


def test_escalation_chain_passes_through_a_border_closure(tarn):
    """The raids triggered the closure, the shelling answered it; the talks after the shelling are
    diplomacy, and Rennick's statement after it is speech: neither is a step of the chain."""
    r = run_named(tarn, "escalation-chain")
    assert rows(r, "causeLabel", "causeDate", "relation", "effectLabel", "effectDate", *TARN_STANDING) == [
        ("Vessian air strikes on the Lorn valley", "2032-06-01", "triggered", "Closure of the Tarn pass crossings",
         "2032-06-02", "stated", "Tarn Courier", None, 1),
        ("Closure of the Tarn pass crossings", "2032-06-02", "was answered by", "Vessian shelling of the Tarn pass posts",
         "2032-06-02 night", "stated", "Tarn Courier", None, 1),
    ]
    # a date bound keeps the links whose first event may have happened on or after that day
    assert rows(run_named(tarn, "escalation-chain", **{"from": "2032-06-02"}), "causeLabel") == [
        ("Closure of the Tarn pass crossings",)]
