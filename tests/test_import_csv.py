"""kg import csv: a team's spreadsheets through a mapping file. With the seed and an ACLED import,
the named queries of the seed issue (mediators, ceasefires, rival claims) answer over them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from importdata import acled_csv, border_acled
from kgtest import run_kg, seed_store_dir, tree_digest  # noqa: F401  (fixture)

from kg.importers import import_file
from kg.query import run_named
from kg.store import open_store

DATA = Path(__file__).parent / "data" / "import"


@pytest.fixture
def store(seed_store_dir, tmp_path):
    path = tmp_path / "kg-store"
    shutil.copytree(seed_store_dir, path)
    acled = tmp_path / "acled.csv"
    acled.write_text(acled_csv(border_acled()))
    import_file("acled", acled, path)
    return path


def tracker(store):
    return import_file("csv", DATA / "casualty-tracker.csv", store, options={"mapping": DATA / "casualty-tracker.yaml"})


def mediation_log(store):
    return import_file("csv", DATA / "mediation-log.csv", store, options={"mapping": DATA / "mediation-log.yaml"})


def test_rival_claims_over_acled_spreadsheet_and_seed(store):
    s = tracker(store)
    assert (s.rows_read, s.claims_added, s.rows_rejected) == (5, 5, 0)
    with open_store(store) as st:
        rows = run_named(st, "rival-claims").records()
    pairs = {(r["lossesOfLabel"], r["claimantALabel"], r["figureA"], r["claimantBLabel"], r["figureB"], r["episodeLabel"])
             for r in rows}
    miranshah = "Armed clash: Military Forces of Pakistan (2018-) – TTP: Tehrik-i-Taliban Pakistan, Miranshah"
    # ISPR (the alias table's Pakistan Army) against the TTP, about the ACLED event.
    assert ("Pakistan Taliban", "Pakistan Army", 15, "Pakistan Taliban", 2, miranshah) in pairs
    assert ("Pakistan Army", "Pakistan Army", 3, "Pakistan Taliban", None, miranshah) in pairs
    # UNAMA's figure against the Afghan government's, about the seed's February fighting.
    assert any(p[0] == "Afghanistan" and "UNAMA" in (p[1], p[3]) for p in pairs)
    # The seed's own rival claims are still there.
    assert ("Pakistan", "Ahmed Sharif Chaudhry", 12, "Zabihullah Mujahid", 55, "Afghanistan–Pakistan fighting, February 2026") in pairs


def test_mediators_and_ceasefires_over_a_mediation_log(store):
    s = mediation_log(store)
    assert (s.rows_read, s.events_added) == (3, 3)
    with open_store(store) as st:
        med = run_named(st, "mediators", party1="pakistan", party2="afghanistan").records()
        cf = run_named(st, "ceasefires", party1="pakistan", party2="afghanistan").records()
    assert {(r["mediatorLabel"], r["what"]) for r in med} >= {
        ("Qatar", "Doha talks between Pakistan and Afghanistan"), ("Türkiye", "Doha talks between Pakistan and Afghanistan"),
        ("Saudi Arabia", "Saudi-hosted prisoner exchange"), ("Qatar", "Initial Afghanistan–Pakistan ceasefire")}
    assert {r["ceasefireLabel"] for r in cf} == {"Ceasefire agreed in Doha", "Initial Afghanistan–Pakistan ceasefire"}


def test_rows_with_problems(store, tmp_path):
    f = tmp_path / "tracker.csv"
    f.write_text((DATA / "casualty-tracker.csv").read_text()
                 + "c6,ISPR,no-such-event,TTP,killed,4,,,2026-02-26,,\n"
                 + "c7,ISPR,acled:PAK80001,TTP,beheaded,4,,,2026-02-26,,\n"
                 + "c8,ISPR,acled:PAK80001,TTP,killed,four,,,2026-02-26,,\n"
                 + "c9,ISPR,acled:PAK80001,TTP,killed,4,,,yesterday,,\n")
    digest = tree_digest(store)
    proc = run_kg("import", "csv", f, "--mapping", DATA / "casualty-tracker.yaml", "--store", store)
    assert proc.returncode == 1
    reported = [x.strip() for x in proc.stderr.splitlines() if f"{f}:" in x]
    assert [int(x.split(":")[1]) for x in reported] == [7, 8, 9, 10]
    assert ["unknown event" in reported[0], "unknown measure" in reported[1], "non-numeric figure" in reported[2],
            "bad date" in reported[3]] == [True] * 4
    assert tree_digest(store) == digest


def test_mapping_errors(store, tmp_path):
    bad = tmp_path / "m.yaml"
    bad.write_text("kind: claim\ncolumns: {claimant: Who, measure: What, wingspan: Size}\n")
    proc = run_kg("import", "csv", DATA / "casualty-tracker.csv", "--mapping", bad, "--store", store)
    assert proc.returncode == 1 and "unknown claim field(s) wingspan" in proc.stderr
    bad.write_text("kind: claim\ncolumns: {claimant: Who, measure: Measure}\n")
    proc = run_kg("import", "csv", DATA / "casualty-tracker.csv", "--mapping", bad, "--store", store)
    assert proc.returncode == 1 and "names column(s) the header lacks: Who" in proc.stderr
    assert run_kg("import", "csv", DATA / "casualty-tracker.csv", "--store", store).returncode == 2  # no --mapping
