"""Vocabulary a second conflict needs (issue 15, item 1), in a made-up scenario
(tests/data/scenarios/ossa.yaml): material losses as claim measures. It builds, validates, and
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
