"""Vocabulary a second conflict needs (issue 15, item 1), in a made-up scenario
(tests/data/scenarios/ossa.yaml): material losses as claim measures; the initiator of a unilateral
measure; an event of more than one type. It builds, validates, and
answers in the named queries; the wrong uses are refused in tests/data/broken."""

from __future__ import annotations

import pytest
from kgtest import HERE, rows, run_kg

from kg.build import build_memory
from kg.sparql.query import run_named

OSSA = HERE / "data" / "scenarios" / "ossa.yaml"


@pytest.fixture(scope="module")
def ossa():
    return build_memory([OSSA])


def test_the_scenario_validates():
    proc = run_kg("validate", OSSA)
    assert proc.returncode == 0, proc.stderr


def test_material_losses_are_listed_with_the_casualty_claims(ossa):
    got = rows(run_named(ossa, "casualty-claims"), "claimantLabel", "lossesOfLabel", "measure", "qualifier", "figure", "group")
    assert got == [
        ("Ossan Air Force", "Pellin", "aircraft lost", "exactly", 2, None),
        ("Ossan Air Force", "Pellin", "drones downed", "exactly", 11, None),
        ("Pellinese Army", "Ossa", "equipment destroyed", "exactly", 3, "air-defence radars"),
        ("Pellinese Army", "Ossa", "vehicles destroyed", "at least", 6, None),
        ("Pellinese Army", "Pellin", "aircraft lost", "exactly", 0, None),
        ("Pellinese Army", "Pellin", "drones downed", "exactly", 4, None),
    ]


def test_rival_figures_for_material_losses(ossa):
    """Two jets and eleven drones by Ossa's count, none and four by Pellin's: rivals. Pellin's count
    of Ossan radars and vehicles has no rival figure."""
    got = rows(run_named(ossa, "rival-claims"), "lossesOfLabel", "measure", "claimantALabel", "figureA",
               "claimantBLabel", "figureB", "episodeLabel")
    assert got == [
        ("Pellin", "aircraft lost", "Ossan Air Force", 2, "Pellinese Army", 0, "Pellinese strikes on the Ossa plateau"),
        ("Pellin", "drones downed", "Ossan Air Force", 11, "Pellinese Army", 4, "Pellinese strikes on the Ossa plateau"),
    ]


def test_who_closed_the_border(ossa):
    got = rows(run_named(ossa, "border-crossings"), "closureLabel", "initiators", "placeLabel", "degree", "link", "causeLabel")
    assert got == [("Closure of the Ossa-Pellin border crossings", "Government of Ossa", "Ossa-Pellin border", "shut",
                    "triggered by", "Pellinese strikes on the Ossa plateau")]


def test_the_initiator_is_a_role_in_the_accounts(ossa):
    """initiator is a sem:hasActor role like the others, so each source's account shows it."""
    (row,) = run_named(ossa, "accounts", item="id:transit-suspension").records()
    assert set(row["roles"].split("; ")) == {"initiator: Government of Pellin", "party: Ossa", "party: Pellin"}


def test_an_initiator_of_a_military_event_is_a_shacl_violation_in_rdf():
    """The same rule for RDF files, as the compiled shapes and pySHACL report it."""
    from rdflib import Literal
    from rdflib.namespace import RDF, RDFS

    from kg.namespaces import GRAPH, ID, MKG
    from kg.validation.report import validate_quads, validate_quads_pyshacl

    g = GRAPH["x"]
    quads = [(ID.strike, RDF.type, MKG.AirStrike, g), (ID.ossa, RDF.type, MKG.State, g),
             (ID.ossa, RDFS.label, Literal("Ossa"), g), (ID.strike, MKG.initiator, ID.ossa, g)]
    for report in (validate_quads(quads), validate_quads_pyshacl(quads)):
        found = [(v.focus, v.path) for v in report.violations if "has no initiator" in v.message]
        assert found == [(str(ID.strike), "mkg:initiator")], report.text()


def test_an_event_of_two_types_is_of_each_class(ossa):
    """The reprisal is an air strike and a retaliatory attack: its account gives both, and the
    escalation chain lists it once."""
    from kg.namespaces import ID, MKG
    assert {r["c"].value for r in ossa.query(f"SELECT DISTINCT ?c WHERE {{ GRAPH ?g {{ <{ID['ossa-reprisal']}> a ?c }} }}")} == {
        str(MKG.AirStrike), str(MKG.RetaliatoryAttack)}
    (row,) = run_named(ossa, "accounts", item="id:ossa-reprisal").records()
    assert set(row["type"].split(", ")) == {"air strike", "retaliatory attack"}
    assert rows(run_named(ossa, "escalation-chain"), "causeLabel", "relation", "effectLabel") == [
        ("Pellinese strikes on the Ossa plateau", "triggered", "Closure of the Ossa-Pellin border crossings"),
        ("Pellinese strikes on the Ossa plateau", "was answered by", "Ossan reprisal strikes on Pellinese airfields"),
    ]
