"""kg import csv: a team's spreadsheets through a mapping file. With the seed and an ACLED import,
the named queries of the seed issue (mediators, ceasefires, rival claims) answer over them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from importdata import acled_csv, border_acled
from kgtest import run_kg, seed_store_dir, tree_digest  # noqa: F401  (fixture)

from kg.importers import import_file
from kg.sparql.query import run_named
from kg.store import open_store

DATA = Path(__file__).parent / "data" / "import"


@pytest.fixture(scope="module")
def acled_store_dir(seed_store_dir, tmp_path_factory):
    """The seed store with the border ACLED file imported, made once for the module."""
    path = tmp_path_factory.mktemp("acled") / "kg-store"
    shutil.copytree(seed_store_dir, path)
    acled = path.parent / "acled.csv"
    acled.write_text(acled_csv(border_acled()))
    import_file("acled", acled, path)
    return path


@pytest.fixture
def store(acled_store_dir, tmp_path):
    """A copy of it, for one test to import into."""
    path = tmp_path / "kg-store"
    shutil.copytree(acled_store_dir, path)
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


# --- fixes after review -------------------------------------------------------------------------

HEADER = (DATA / "casualty-tracker.csv").read_text().splitlines()[0] + "\n"


def claims(store, tmp_path, rows, on_error="skip"):
    f = tmp_path / "claims.csv"
    f.write_text(HEADER + "".join(rows))
    proc = run_kg("import", "csv", f, "--mapping", DATA / "casualty-tracker.yaml", "--store", store,
                  "--on-error", on_error)
    return f, proc


def values(store, sparql):
    with open_store(store) as s:
        result = s.query(sparql)
        names = [v.value for v in result.variables]
        return sorted(tuple(r[v].value if r[v] is not None else None for v in names) for r in result)


def test_superscript_figure_is_a_bad_row_not_a_traceback(store, tmp_path):
    f, proc = claims(store, tmp_path, ["d1,ISPR,acled:PAK80001,TTP,killed,2²,,,2026-02-26,,\n",
                                       "d2,ISPR,acled:PAK80001,TTP,killed,4,,,2026-02-26,,\n"])
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert f"skipped {f}:2: non-numeric figure: '2²'" in proc.stderr and "1 claims added" in proc.stderr


def test_a_url_that_is_no_iri_is_kept_as_a_string(store, tmp_path):
    _, proc = claims(store, tmp_path, ["d1,ISPR,acled:PAK80001,TTP,killed,4,,,2026-02-26,http://exa mple.com:abc/x,\n",
                                       "d2,ISPR,acled:PAK80001,TTP,killed,5,,,2026-02-26,https://ok.example.org/a b,\n"],
                     on_error="stop")
    assert proc.returncode == 0, proc.stderr
    assert values(store, "SELECT ?s WHERE { id:tracker-d1 dcterms:source ?s }") == [("http://exa mple.com:abc/x",)]
    assert values(store, "SELECT ?s WHERE { id:tracker-d2 prov:hadPrimarySource ?s }") == [("https://ok.example.org/a%20b",)]


def test_about_must_be_an_event(store, tmp_path):
    """An actor's id used to pass as what a claim is about; `id:x` was looked up as a dataset
    identifier because of its ':'."""
    f, proc = claims(store, tmp_path, ["d1,ISPR,pakistan,TTP,killed,4,,,2026-02-26,,\n",
                                       "d2,ISPR,id:february-2026-fighting,TTP,killed,4,,,2026-02-26,,\n",
                                       "d3,ISPR,id:pakistan,TTP,killed,4,,,2026-02-26,,\n"])
    assert proc.returncode == 0, proc.stderr
    assert f"skipped {f}:2: unknown event: 'pakistan' is not the id of an event" in proc.stderr
    assert f"skipped {f}:4: unknown event: 'id:pakistan' is not the id of an event" in proc.stderr
    assert values(store, "SELECT ?e WHERE { id:tracker-d2 mkg:about ?e }") == [
        ("https://w3id.org/mediation-kg/id/february-2026-fighting",)]


def test_a_claim_without_a_date_takes_its_events_time(store, tmp_path):
    _, proc = claims(store, tmp_path, ["d1,ISPR,acled:PAK80001,TTP,killed,4,,,,,\n",
                                       "d2,ISPR,february-2026-fighting,TTP,killed,4,,,,,\n"], on_error="stop")
    assert proc.returncode == 0, proc.stderr
    assert values(store, "SELECT ?c ?t WHERE { VALUES ?c { id:tracker-d1 id:tracker-d2 } ?c mkg:time ?t }") == [
        ("https://w3id.org/mediation-kg/id/tracker-d1", "https://w3id.org/mediation-kg/id/day-2026-02-26"),
        ("https://w3id.org/mediation-kg/id/tracker-d2", "https://w3id.org/mediation-kg/id/february-2026-fighting#time-aljazeera-2026-02-27")]


def test_a_rejected_row_writes_nothing(store, tmp_path):
    """The claimant and the time node used to be written before the measure was checked."""
    _, proc = claims(store, tmp_path, ["d1,Somebody Nobody Knows,acled:PAK80001,TTP,beheaded,4,,,2026-01-05,,\n"])
    assert proc.returncode == 0 and "1 rows rejected" in proc.stderr, proc.stderr
    assert values(store, "SELECT ?x WHERE { VALUES ?x { id:csv-actor-somebody-nobody-knows id:day-2026-01-05 } ?x ?p ?o }") == []


def test_delimiter_must_be_one_character(store, tmp_path):
    m = tmp_path / "m.yaml"
    m.write_text("kind: claim\ndelimiter: ';;'\ncolumns: {claimant: Reported by, measure: Measure}\n")
    proc = run_kg("import", "csv", DATA / "casualty-tracker.csv", "--mapping", m, "--store", store)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert f"{m}:2: delimiter must be one character" in proc.stderr


def test_import_queries_are_files_not_inline_sparql():
    import inspect

    from kg.importers import aliases, review
    from kg.sparql.named import internal_query
    for module in (aliases, review):
        assert "SELECT" not in inspect.getsource(module)
    assert "mkg:needsReview" in internal_query("review") and "skos:altLabel" in internal_query("import-names")


def test_imported_spreadsheets_and_acled_conform_to_the_shapes(store):
    """docs/importing.md says what is tested: stores holding the import fixtures pass the shapes."""
    from kg.terms import from_oxigraph
    from kg.validation.report import validate_quads
    tracker(store)
    mediation_log(store)
    with open_store(store) as s:
        quads = [(from_oxigraph(x.subject), from_oxigraph(x.predicate), from_oxigraph(x.object),
                  from_oxigraph(x.graph_name)) for x in s.quads() if not x.graph_name.value.endswith("/ontology")]
    report = validate_quads(quads, {})
    assert report.conforms, report.text()
    doc = " ".join((Path(__file__).parent.parent / "docs" / "importing.md").read_text().split())
    assert "so that imported data conforms to the shapes" not in doc
