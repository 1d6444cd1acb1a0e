"""Vocabulary a second conflict needs (issue 15, item 1), in a made-up scenario
(tests/data/scenarios/kesh.yaml): clock times with their offset from UTC; a post as the filler of
a role when its holder is not named; a figure revised over time; the co-speakers of a joint
statement. It builds, validates, and answers in the named queries; the wrong uses are refused in
tests/data/broken (clock-time-*, post-with-losses, revision-by-another-claimant,
joint-statement-with-a-place)."""

from __future__ import annotations

import pytest
from kgtest import HERE, rows, run_kg
from rdflib import Literal
from rdflib.namespace import RDF, RDFS, XSD

from kg.build import build_memory
from kg.namespaces import GRAPH, ID, MKG
from kg.sparql.query import run_named

KESH = HERE / "data" / "scenarios" / "kesh.yaml"


@pytest.fixture(scope="module")
def kesh():
    return build_memory([KESH])


def test_the_scenario_validates():
    proc = run_kg("validate", KESH)
    assert proc.returncode == 0, proc.stderr


# --- clock times ---------------------------------------------------------------------------------

def test_a_clock_time_is_an_xsd_datetime_with_its_offset_and_its_local_day(kesh):
    got = {r["label"].value: (r["clock"].value, r["clock"].datatype.value, r["nb"].value, r["na"].value, r["edtf"].value)
           for r in kesh.query(f"PREFIX mkg: <{MKG}> SELECT ?label ?clock ?nb ?na ?edtf WHERE {{ GRAPH ?g {{ ?t mkg:clockTime "
                               f"?clock ; <{RDFS.label}> ?label ; mkg:notBefore ?nb ; mkg:notAfter ?na ; mkg:edtf ?edtf }} }}")}
    assert got["2034-05-07T01:05+05:30"] == ("2034-05-07T01:05:00+05:30", str(XSD.dateTime), "2034-05-07", "2034-05-07",
                                             "2034-05-07T01:05:00+05:30")
    assert got["2034-05-07 17:00 UTC"][0] == "2034-05-07T17:00:00Z"
    assert len(got) == 7  # the strike, the talks, three statements with a clock time, two as-of times
    assert {v[2] for v in got.values()} == {"2034-05-07"}


def test_clock_times_pass_the_named_queries_day_filters(kesh):
    """The bounds stay days: a clock time is in the window of its own local day, not the next."""
    strikes = run_named(kesh, "strike-places", **{"from": "2034-05-07"}).records()
    assert [(r["strikeLabel"], r["date"]) for r in strikes] == [("Varro air strike on Tal Province", "2034-05-07T01:05+05:30")]
    assert run_named(kesh, "strike-places", **{"from": "2034-05-08"}).records() == []
    claims = run_named(kesh, "casualty-claims", **{"from": "2034-05-07", "to": "2034-05-07"}).records()
    assert len(claims) == 3


def test_a_clock_time_without_offset_is_a_shacl_violation_in_rdf():
    """The same rule for RDF files, as the compiled shapes and pySHACL report it: an offset, and the
    bounds of its own local day."""
    from kg.validation.report import validate_quads, validate_quads_pyshacl
    g = GRAPH["x"]
    quads = []
    for t, clock, day in ((ID.t1, "2034-05-07T01:05:00", "2034-05-07"), (ID.t2, "2034-05-07T01:05:00+05:30", "2034-05-08"),
                          (ID.t3, "2034-05-07T01:05:00Z", "2034-05-07")):
        quads += [(t, RDF.type, MKG.TimeExtent, g), (t, MKG.precision, MKG.Day, g),
                  (t, MKG.notBefore, Literal(day, datatype=XSD.date), g), (t, MKG.notAfter, Literal(day, datatype=XSD.date), g),
                  (t, MKG.clockTime, Literal(clock, datatype=XSD.dateTime), g)]
    for report in (validate_quads(quads), validate_quads_pyshacl(quads)):
        found = sorted(v.focus for v in report.violations if "needs its offset from UTC" in v.message)
        assert found == [str(ID.t1), str(ID.t2)], report.text()


# --- a post as the filler of a role ---------------------------------------------------------------

def test_an_unnamed_office_holder_speaks_in_official_statements(kesh):
    got = rows(run_named(kesh, "official-statements"), "date", "speakerLabel", "offices", "organisations", "jointWith",
               "quotes", "summary")
    assert got == [
        ("2034-05-07", "Defence Minister of Varro", "Defence Minister of Varro", "Government of Varro", None, None,
         "Said the strike killed thirty militants and no civilians."),
        ("2034-05-07 19:00 UTC", "Foreign Minister of Aland", "Foreign Minister of Aland", "Government of Aland",
         "Foreign Minister of Belmar", "“We call on both sides to hold their fire.”", None),
        ("2034-05-07 19:00 UTC", "Foreign Minister of Belmar", "Foreign Minister of Belmar", "Government of Belmar",
         "Foreign Minister of Aland", "“We call on both sides to hold their fire.”", None),
        ("2034-05-07 09:30 +05:30", "Governor of Tal Province", "Governor of Tal Province", "Government of Kesh", None,
         "“Fourteen people were killed in the strike.”", None),
        ("2034-05-07 18:00 +05:30", "Governor of Tal Province", "Governor of Tal Province", "Government of Kesh", None, None,
         "Raised the toll of the strike to at least 22 dead."),
    ]


def test_offices_whose_holders_are_not_named(kesh):
    got = rows(run_named(kesh, "offices"), "personLabel", "office", "organisationLabel", "status")
    assert got == [("(not named)", "Defence Minister of Varro", "Government of Varro", "stated"),
                   ("(not named)", "Foreign Minister of Aland", "Government of Aland", "stated"),
                   ("(not named)", "Foreign Minister of Belmar", "Government of Belmar", "stated"),
                   ("(not named)", "Governor of Tal Province", "Government of Kesh", "stated")]


def test_posts_as_mediators(kesh):
    got = rows(run_named(kesh, "mediators", party1="id:kesh", party2="id:varro"), "mediatorLabel", "date", "sideALabel",
               "sideBLabel")
    assert got == [("Foreign Minister of Aland", "2034-05-07 17:00 UTC", "Kesh", "Varro"),
                   ("Foreign Minister of Belmar", "2034-05-07 17:00 UTC", "Kesh", "Varro")]


def test_a_post_in_a_role_is_valid_in_rdf_and_a_place_is_not():
    from kg.validation.report import validate_quads, validate_quads_pyshacl
    g = GRAPH["x"]
    quads = [(ID.talks, RDF.type, MKG.Mediation, g), (ID.minister, RDF.type, MKG.Post, g),
             (ID.minister, RDFS.label, Literal("Foreign Minister"), g), (ID.tal, RDF.type, MKG.Province, g),
             (ID.talks, MKG.mediator, ID.minister, g), (ID.talks, MKG.speaker, ID.tal, g)]
    for report in (validate_quads(quads), validate_quads_pyshacl(quads)):
        found = [v.focus for v in report.violations if "neither an actor nor a post" in v.message]
        assert found == [str(ID.tal)], report.text()


# --- a figure revised over time -------------------------------------------------------------------

def test_casualty_claims_mark_the_revised_figure(kesh):
    got = rows(run_named(kesh, "casualty-claims"), "claimantLabel", "category", "qualifier", "figure", "asOf", "revisedTo")
    assert got == [("Defence Minister of Varro", "military", "exactly", 30, None, None),
                   ("Governor of Tal Province", "civilian", "at least", 22, "2034-05-07 17:00 +05:30", None),
                   ("Governor of Tal Province", "civilian", "exactly", 14, "2034-05-07 09:00 +05:30", 22)]


def test_rival_claims_set_the_latest_figure_against_the_other_camp_only(kesh):
    """The governor's 14 was revised to at least 22: the rival of Varro's 30 is the 22 alone, and
    the governor's two figures are never each other's rivals."""
    got = rows(run_named(kesh, "rival-claims"), "claimantALabel", "categoryA", "figureA", "claimantBLabel", "categoryB", "figureB")
    assert got == [("Governor of Tal Province", "civilian", 22, "Defence Minister of Varro", "military", 30)]


def test_revisions_are_prov_revisions_in_the_ontology():
    from rdflib import Graph
    from rdflib.namespace import PROV
    onto = Graph().parse(HERE.parent / "ontology" / "mkg.ttl")
    assert (MKG.revises, RDFS.subPropertyOf, PROV.wasRevisionOf) in onto


def test_offices_in_roles_are_nodes_of_the_graphs(kesh):
    """The actors graph and kg analyze mediators see an office that mediated, as they see an actor."""
    from kg.graphs.analyze import analyze
    from kg.graphs.project import project
    actors = project(kesh, "actors")
    minister = str(ID["aland-foreign-minister"])
    assert actors.nodes[minister]["kind"] == "Post"
    assert actors.has_edge(minister, str(ID.kesh), "mediated")
    assert [r["label"] for r in analyze(kesh, "mediators")[0]] == ["Foreign Minister of Aland", "Foreign Minister of Belmar"]
