"""Each competency question (../shared/competency-questions.md) answered by its named query on the
seed graph, checked row by row against the answer the source gives, with how each row stands
(status, accordingTo, disputedBy, independentSources: docs/attribution.md). The seed is one report,
so its facts are stated by Al Jazeera in its own voice, reported on one actor's word, or disputed."""

from __future__ import annotations

import datetime as dt
import re
import shlex

import pytest
from kgtest import rows, seed_store, seed_with_data_store  # noqa: F401  (fixtures)

from kg.sparql.named import named_queries
from kg.sparql.query import run_named

CEASEFIRE = "Initial Afghanistan–Pakistan ceasefire"
RELEASE = "Release of three Pakistani soldiers held by Afghanistan"
NIV = "not independently verified"
AJ = "Al Jazeera"
MUJAHID = "Zabihullah Mujahid"
STANDING = ("status", "accordingTo", "disputedBy", "independentSources")
STATED = ("stated", AJ, None, 1)  # a fact the report gives in its own voice


def standing(result, *key):
    """{key columns: (status, accordingTo, disputedBy, independentSources)} of every row."""
    return {r[:len(key)]: r[len(key):] for r in rows(result, *key, *STANDING)}


def test_cq1_mediators(seed_store):
    r = run_named(seed_store, "mediators", party1="pakistan", party2="afghanistan")
    assert sorted(rows(r, "mediatorLabel", "what", "date")) == sorted([
        ("Qatar", CEASEFIRE, "2025-10/2026-02"),
        ("Türkiye", CEASEFIRE, "2025-10/2026-02"),
        ("Saudi Arabia", RELEASE, "2026-02"),
    ])
    # the Qatar/Türkiye mediation came after the October 2025 fighting
    assert all(start >= dt.date(2025, 10, 1) for (start,) in rows(r, "start"))
    # a pair that never had a mediator between them
    assert run_named(seed_store, "mediators", party1="pakistan", party2="qatar").rows == []
    # the report states every mediation in its own voice
    assert set(standing(r, "mediatorLabel").values()) == {STATED}


def test_cq2_ceasefires(seed_store):
    r = run_named(seed_store, "ceasefires", party1="pakistan", party2="afghanistan")
    (row,) = r.records()
    assert row["ceasefireLabel"] == CEASEFIRE
    # each broker with how its role stands
    assert set(row["brokers"].split(", ")) == {"Qatar (stated)", "Türkiye (stated)"}
    assert tuple(row[c] for c in STANDING) == STATED
    assert row["breached"] is True
    assert row["breachCount"] == 1 and row["breaches"].startswith("Repeated breaches of the initial ceasefire")
    assert row["followedBy"] == "Negotiations between Islamabad and Kabul"
    assert row["outcome"] == "no lasting agreement"


def test_cq3_casualty_claims(seed_store):
    r = run_named(seed_store, "casualty-claims", **{"from": "2026-02-01", "to": "2026-02-28"})
    got = rows(r, "claimantLabel", "lossesOfLabel", "category", "measure", "qualifier", "figure", "verification")
    chaudhry, mujahid, gov = "Ahmed Sharif Chaudhry", "Zabihullah Mujahid", "Taliban government of Afghanistan"
    assert sorted(got, key=str) == sorted([
        (chaudhry, "Afghanistan", "military", "killed", "at least", 274, NIV),
        (chaudhry, "Afghanistan", "military", "wounded", "more than", 400, NIV),
        (chaudhry, "Pakistan", "military", "killed", "exactly", 12, NIV),
        (chaudhry, "Pakistan", "military", "wounded", "exactly", 27, NIV),
        (chaudhry, "Pakistan", "military", "missing in action", "exactly", 1, NIV),
        (mujahid, "Pakistan", "military", "killed", "exactly", 55, NIV),
        (mujahid, "Pakistan", "military", "bodies taken", "exactly", 23, NIV),
        (mujahid, "Pakistan", "military", "captured", "many", None, NIV),
        (mujahid, "Afghanistan", "military", "killed", "exactly", 13, NIV),
        (mujahid, "Afghanistan", "military", "wounded", "exactly", 22, NIV),
        (mujahid, None, "civilian", "wounded", "exactly", 13, NIV),  # the report does not say whose civilians
        (gov, "Afghanistan", "civilian", "killed", "exactly", 19, NIV),
        (gov, "Afghanistan", "civilian", "wounded", "exactly", 26, NIV),
    ], key=str)
    # without the date window, the October 2025 toll (Al Jazeera's own figure) is there too
    everything = run_named(seed_store, "casualty-claims")
    assert len(everything.rows) == 14
    assert ("Al Jazeera", "killed", "more than", 70) in rows(everything, "claimantLabel", "measure", "qualifier", "figure")
    # a figure rests on its claimant's word; Mujahid called Chaudhry's 274 and 400 false
    by_figure = standing(everything, "claimantLabel", "figure")
    assert by_figure.pop((chaudhry, 274)) == by_figure.pop((chaudhry, 400)) == ("disputed", chaudhry, mujahid, 1)
    assert by_figure == {(who, f): ("reported", who, None, 1) for who, f in by_figure}


def test_cq4_strike_places(seed_store):
    r = run_named(seed_store, "strike-places", by="pakistan", **{"from": "2026-02-26"})
    got = sorted(rows(r, "accordingTo", "date", "placeLabel"))
    mujahid, report, gov = "Zabihullah Mujahid", "Al Jazeera (the report itself)", "Taliban government of Afghanistan"
    assert got == sorted([
        (mujahid, "2026-02-26 night", "Kabul"), (mujahid, "2026-02-26 night", "Kandahar"),
        (mujahid, "2026-02-26 night", "Paktia"),
        (mujahid, "2026-02-27", "Paktia"), (mujahid, "2026-02-27", "Paktika"),
        (mujahid, "2026-02-27", "Khost"), (mujahid, "2026-02-27", "Laghman"),
        (report, "2026-02-27", "Kabul"), (report, "2026-02-27", "Kandahar"),
        # the Afghan government's civilian-casualty statement places strikes on Khost and Paktika too
        (gov, "2026-02-26/27", "Khost"), (gov, "2026-02-26/27", "Paktika"),
    ])
    descriptions = {d for (a, d) in rows(r, "accordingTo", "placeDescription") if a == report}
    # the strikes per Mujahid (and per his government) are reported on their word; the report's own
    # strikes are stated by Al Jazeera
    assert {a: s for a, *s in rows(r, "accordingTo", "status", "independentSources")} == {
        mujahid: ["reported", 1], gov: ["reported", 1], report: ["stated", 1]}
    assert {d for (d,) in rows(r, "disputedBy")} == {None}
    assert descriptions == {"other towns"}
    # over the whole period, the weekend strikes on Afghan territory appear as well
    assert ("Afghanistan", "2026-02-21/22 weekend") in rows(run_named(seed_store, "strike-places", by="pakistan"),
                                                             "placeLabel", "date")


def test_cq5_official_statements(seed_store):
    r = run_named(seed_store, "official-statements")
    got = [(s, o, set(re.findall("“(.*?)”", q or ""))) for s, o, q in rows(r, "speakerLabel", "offices", "quotes")]
    expected = [
        ("Khawaja Asif", "Defence Minister of Pakistan", {"Now it is open war between us and you.", "all-out confrontation"}),
        ("Zabihullah Mujahid", "Afghan government spokesman", {
            "The Islamic Emirate of Afghanistan has always tried to resolve issues through dialogue, "
            "and now also we want to resolve this matter through dialogue"}),
        ("Antonio Guterres", "Secretary-General of the United Nations", {"deeply concerned by the escalation of violence"}),
        ("Zabihullah Mujahid", "Afghan government spokesman", {"false"}),
        # statements the report gives no words of, listed with their summaries
        ("Ahmed Sharif Chaudhry", "Pakistan Army spokesperson", set()),
        ("Zabihullah Mujahid", "Afghan government spokesman", set()),
        ("Zabihullah Mujahid", "Afghan government spokesman", set()),
    ]
    assert sorted(got, key=str) == sorted(expected, key=str)
    unquoted = {(s, summary) for s, q, summary in rows(r, "speakerLabel", "quotes", "summary") if q is None}
    assert unquoted == {
        ("Ahmed Sharif Chaudhry", "Gave figures for Afghan losses in the Pakistani operations, and for Pakistan's own losses."),
        ("Zabihullah Mujahid", "Gave Afghan figures for both sides' losses."),
        ("Zabihullah Mujahid", "Listed the places Pakistan hit overnight into 27 February and during that day."),
    }
    # time order, as far as the dates allow: Asif and two of Mujahid's statements are dated the
    # 27th, the others only to the 26th-27th, so those may come first
    assert rows(r, "date", "speakerLabel")[-3:] == [
        ("2026-02-27", "Khawaja Asif"), ("2026-02-27", "Zabihullah Mujahid"), ("2026-02-27", "Zabihullah Mujahid")]
    delivered = dict(rows(r, "speakerLabel", "deliveredByLabel"))
    assert delivered["Antonio Guterres"] == "Stephane Dujarric"
    assert dict(rows(r, "speakerLabel", "medium"))["Khawaja Asif"] == "X"
    # the report says who said what
    assert set(rows(r, *STANDING)) == {STATED}


def test_cq6_escalation_chain(seed_store):
    r = run_named(seed_store, "escalation-chain")
    weekend = ("Pakistani air strikes on Afghan territory", "2026-02-21/22 weekend")
    retaliation = ("Afghan retaliatory attacks along the border", "2026-02-26")
    drones = ("Afghan drone strikes on Pakistani military positions", "2026-02-26 late")
    october = ("Deadly fighting between Afghanistan and Pakistan, October 2025", "2025-10")
    closure = ("Closure of the Afghanistan–Pakistan land border crossings", "2025-10")
    night = ("Pakistani strikes on Kabul, Kandahar and Paktia (night of 26 February)", "2026-02-26 night")
    friday = ("Pakistani strikes on Paktia, Paktika, Khost and Laghman (27 February)", "2026-02-27")
    got = [((c, cd), rel, (e, ed), who) for c, cd, rel, e, ed, who in
           rows(r, "causeLabel", "causeDate", "relation", "effectLabel", "effectDate", "accordingTo")]
    # the report links the weekend strikes to the retaliation, and the drone strikes to the Pakistani
    # strikes Mujahid describes; it does not say how the drone strikes relate to the retaliation
    # the link stands as its later event does: the retaliation is stated by the report, the
    # strikes Mujahid describes rest on his word. The chain runs through measures too: the border
    # closure followed the October fighting; the ceasefire, mediation and talks after that fighting
    # are diplomacy, and Mujahid's offer to negotiate after the strikes is a statement: not links
    assert sorted(got, key=str) == sorted([
        (october, "was followed by", closure, AJ),
        (weekend, "triggered", retaliation, AJ),
        (drones, "was followed by", night, MUJAHID),
        (drones, "was followed by", friday, MUJAHID),
    ], key=str)
    assert got[0][0] == october  # the chain starts with the October fighting
    assert standing(r, "effectLabel") == {
        (closure[0],): STATED, (retaliation[0],): STATED, (night[0],): ("reported", MUJAHID, None, 1), (friday[0],): ("reported", MUJAHID, None, 1)}


def test_cq7_offices(seed_store):
    r = run_named(seed_store, "offices")
    assert sorted(rows(r, "personLabel", "office", "organisationLabel", "rank", "basedInLabel")) == sorted([
        ("Khawaja Asif", "Defence Minister of Pakistan", "Government of Pakistan", None, None),
        ("Ahmed Sharif Chaudhry", "Pakistan Army spokesperson", "Pakistan Army", "Lieutenant General", None),
        ("Zabihullah Mujahid", "Afghan government spokesman", "Taliban government of Afghanistan", None, None),
        ("Antonio Guterres", "Secretary-General of the United Nations", "United Nations", None, None),
        ("Stephane Dujarric", "Spokesperson for the UN Secretary-General", "United Nations", None, None),
        ("Abdul Sayed", "analyst", None, None, "Sweden"),
    ])
    assert set(rows(r, *STANDING)) == {STATED}


def test_cq8_third_party_appeals(seed_store):
    r = run_named(seed_store, "third-party-appeals")
    assert sorted(rows(r, "speakerLabel", "typeLabel")) == sorted([
        ("Antonio Guterres", "expression of concern"),
        ("Russia", "appeal"), ("Iran", "appeal"), ("Iraq", "appeal"),
    ])
    summaries = dict(rows(r, "speakerLabel", "summary"))
    assert summaries["Russia"] == "Urged that the fighting stop at once."
    assert set(rows(r, *STANDING)) == {STATED}


def test_cq9_rival_claims(seed_store):
    r = run_named(seed_store, "rival-claims")
    got = rows(r, "lossesOfLabel", "measure", "claimantALabel", "categoryA", "qualifierA", "figureA",
               "claimantBLabel", "categoryB", "qualifierB", "figureB", "claimARejectedBy", "claimBRejectedBy")
    c, m, kabul = "Ahmed Sharif Chaudhry", "Zabihullah Mujahid", "Taliban government of Afghanistan"
    mil, civ = "military", "civilian"
    assert sorted(got, key=str) == sorted([
        ("Pakistan", "killed", c, mil, "exactly", 12, m, mil, "exactly", 55, None, None),
        ("Afghanistan", "killed", c, mil, "at least", 274, m, mil, "exactly", 13, m, None),
        ("Afghanistan", "wounded", c, mil, "more than", 400, m, mil, "exactly", 22, m, None),
        # the same Pakistani operations: fighters killed and wounded by Chaudhry's count, civilians
        # by the Afghan government's, in its Khost and Paktika figures
        ("Afghanistan", "killed", kabul, civ, "exactly", 19, c, mil, "at least", 274, None, m),
        ("Afghanistan", "wounded", kabul, civ, "exactly", 26, c, mil, "more than", 400, None, m),
    ], key=str)
    groups = {(a, b) for a, b in rows(r, "groupA", "groupB")}
    assert ("civilians", "Afghan forces and affiliated fighters") in groups
    # a pair stands as its less established figure: disputed where Mujahid rejected Chaudhry's
    assert standing(r, "figureA") == {
        (12,): ("reported", f"{c}; {m}", None, 1),
        (274,): ("disputed", f"{c}; {m}", m, 1),
        (400,): ("disputed", f"{c}; {m}", m, 1),
        (19,): ("disputed", f"{kabul}; {c}", m, 1),
        (26,): ("disputed", f"{kabul}; {c}", m, 1),
    }


def test_cq9_rival_claims_for_one_side(seed_store):
    """--param side keeps the rows about that side's losses, and every one of them."""
    whole = run_named(seed_store, "rival-claims").records()
    for side, label in (("pakistan", "Pakistan"), ("afghanistan", "Afghanistan")):
        got = run_named(seed_store, "rival-claims", side=side).records()
        assert got and sorted(map(str, got)) == sorted(str(r) for r in whole if r["lossesOfLabel"] == label)
    assert not run_named(seed_store, "rival-claims", side="qatar").records()


def test_cq10_border_crossings(seed_store):
    (row,) = run_named(seed_store, "border-crossings").records()
    assert (row["degree"], row["since"], row["ongoing"]) == ("largely shut", "2025-10", True)
    assert row["causeLabel"] == "Deadly fighting between Afghanistan and Pakistan, October 2025"
    assert (row["killedQualifier"], row["killed"], row["killedAccordingTo"]) == ("more than", 70, "Al Jazeera")
    assert tuple(row[c] for c in STANDING) == STATED


def test_cq11_durand_line(seed_store):
    r = run_named(seed_store, "borders", border="durand-line")
    got = rows(r, "borderLabel", "lengthKm", "lengthMiles", "stance", "holderLabel", "scope", "recognisedAs")
    from decimal import Decimal
    assert sorted(got, key=str) == sorted([
        ("Durand Line", Decimal(2575), Decimal(1600), "recognises", None, "international", "the border of Pakistan"),
        ("Durand Line", Decimal(2575), Decimal(1600), "does not recognise", "Afghanistan", None, None),
    ], key=str)
    assert {frozenset(s.split(", ")) for (s,) in rows(r, "separates")} == {frozenset({"Afghanistan", "Pakistan"})}
    assert set(rows(r, *STANDING)) == {STATED}


def test_cq12_negotiations(seed_store):
    (row,) = run_named(seed_store, "negotiations").records()
    assert row["rounds"] == "several rounds"
    assert set(row["parties"].split(", ")) == {"Government of Pakistan", "Taliban government of Afghanistan"}
    assert row["afterLabel"] == CEASEFIRE
    assert set(row["afterBrokeredBy"].split(", ")) == {"Qatar", "Türkiye"}
    assert row["outcome"] == "no lasting agreement"
    assert tuple(row[c] for c in STANDING) == STATED


def test_cq13_provenance(seed_store):
    r = run_named(seed_store, "provenance", node="asif-open-war")
    got = rows(r, "publisherLabel", "published", "quote", "graph")
    assert {g[:2] for g in got} == {("Al Jazeera", dt.date(2026, 2, 27))}
    assert {g[2] for g in got} == {"Now it is open war between us and you.", "all-out confrontation"}
    assert {g[3] for g in got} == {"https://w3id.org/mediation-kg/graph/aljazeera-2026-02-27"}
    assert all(t.startswith("[Afghanistan–Pakistan fighting") for (t,) in rows(r, "title"))
    assert set(rows(r, *STANDING)) == {STATED}
    claim = run_named(seed_store, "provenance", node="mujahid-pakistani-captured")
    assert rows(claim, "quote") == [("many",)]
    assert rows(claim, *STANDING) == [("reported", MUJAHID, None, 1)]
    disputed = run_named(seed_store, "provenance", node="chaudhry-afghan-killed")
    assert rows(disputed, *STANDING) == [("disputed", "Ahmed Sharif Chaudhry", MUJAHID, 1)]


def test_cq14_captives(seed_store):
    r = run_named(seed_store, "captives")
    got = rows(r, "kind", "count", "qualifier", "whose", "heldBy", "date", "accordingTo", "outcomeDate", "mediators")
    assert sorted(got, key=str) == sorted([
        ("capture", 3, None, "Pakistan", "Afghanistan", "2025-10", "Al Jazeera", "2026-02", "Saudi Arabia"),
        ("captured", None, "many", "Pakistan", None, "2026-02-26/27", "Zabihullah Mujahid", None, None),
        ("missing in action", 1, "exactly", "Pakistan", None, "2026-02-26/27", "Ahmed Sharif Chaudhry", None, None),
    ], key=str)
    # the capture is the report's own; the claims rest on their claimants' word
    assert standing(r, "kind") == {("capture",): STATED, ("captured",): ("reported", MUJAHID, None, 1),
                                   ("missing in action",): ("reported", "Ahmed Sharif Chaudhry", None, 1)}


def test_cq15_negotiate_or_war(seed_store):
    r = run_named(seed_store, "negotiate-or-war")
    assert sorted(rows(r, "typeLabel", "speakerLabel", "onBehalfOfLabel", "date")) == sorted([
        ("declaration of war", "Khawaja Asif", "Pakistan", "2026-02-27"),
        ("offer to negotiate", "Zabihullah Mujahid", "Taliban leaders", "2026-02-27"),
    ])
    assert set(rows(r, *STANDING)) == {STATED}


def test_cq16_disputes(seed_store):
    (row,) = run_named(seed_store, "disputes").records()
    assert (row["assertedByLabel"], row["againstLabel"], row["deniedByLabel"]) == ("Pakistan", "Afghanistan", "Afghanistan")
    assert "shelters Pakistan Taliban (TTP) fighters" in row["assertion"]
    assert row["aboutLabel"] == "Pakistan Taliban"
    # the report says that Pakistan holds the position; Afghanistan denies it
    assert tuple(row[c] for c in STANDING) == ("disputed", AJ, "Afghanistan", 1)


def test_every_competency_question_has_a_named_query():
    answered = {nq.answers for nq in named_queries().values()}
    assert {f"CQ{i}" for i in range(1, 17)} <= answered


# the named queries whose rows rest on events, roles, statements, positions or claims
ATTRIBUTED = sorted(set(named_queries()) - {"accounts"})
# the named queries that need a second source: asked over the seed with the excerpts of real PA-X and
# UCDP GED files that `kg demo --with-data` imports
NEEDS_DATA = {"matched-strikes"}


def store_for(name: str, request):
    return request.getfixturevalue("seed_with_data_store" if name in NEEDS_DATA else "seed_store")


@pytest.mark.parametrize("name", ATTRIBUTED)
def test_every_row_says_how_it_stands(request, name):
    """The four columns are in the header (so tables show them) and filled on every row."""
    nq = named_queries()[name]
    assert set(STANDING) <= set(nq.columns)
    r = run_named(store_for(name, request), name)
    assert r.rows
    for status, according_to, _, n in rows(r, *STANDING):
        assert status in ("stated", "reported", "corroborated", "disputed") and according_to and n >= 1


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_query_header(name):
    nq = named_queries()[name]
    assert nq.title and nq.example.startswith(f"kg query {name}")
    for p in nq.params:
        assert f"?{p.name}" in nq.text.split("WHERE")[0], f"parameter {p.name} must be in the SELECT clause"
        assert "BOUND(?" + p.name not in nq.text, "BOUND() of a substituted variable is always false in pyoxigraph"


IMPOSSIBLE = {"iri": "id:no-such-item", "date": None}


def _required(nq) -> dict:
    """The values the query's example gives its required parameters."""
    words = shlex.split(nq.example)
    given = dict(words[i + 1].split("=", 1) for i, w in enumerate(words) if w == "--param")
    return {p.name: given[p.name] for p in nq.params if not p.optional}


@pytest.mark.parametrize("name,param", [(n, p) for n, nq in sorted(named_queries().items()) for p in nq.params])
def test_every_parameter_restricts_its_query(request, name, param):
    """A parameter that matches nothing must empty the result (guards against a silently ignored parameter)."""
    required = _required(named_queries()[name])
    store = store_for(name, request)
    everything = run_named(store, name, **required)
    assert everything.rows, f"{name} answers nothing on the seed graph"
    value = {"from": "2100-01-01", "to": "1900-01-01"}.get(param.name) if param.type == "date" else IMPOSSIBLE[param.type]
    assert run_named(store, name, **{**required, param.name: value}).rows == []
