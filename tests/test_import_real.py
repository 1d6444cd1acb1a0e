"""The importers on rows of real public files (tests/data/real/, origin and licence in its README):
the bugs found importing them as a new user would (issue 16), each shown on the rows that hit it."""

from __future__ import annotations

from pathlib import Path

import pytest
from importdata import rows_of, select, write_rows
from kgtest import run_kg, seed_store_copy, seed_store_dir, tree_digest  # noqa: F401  (fixtures)

from kg.errors import InputErrors
from kg.importers import import_file
from kg.sparql.query import run_named
from kg.store import open_store

REAL = Path(__file__).parent / "data" / "real"
DUMMY = REAL / "acled" / "acledR-deletion-dummy.excerpt.csv"
ARGENTINA = REAL / "acled" / "acledR-old-dummy.excerpt.csv"
ID = "https://w3id.org/mediation-kg/id/"
MKG = "https://w3id.org/mediation-kg/ontology#"
ACLED_TYPE = "https://w3id.org/mediation-kg/acled/actor-type-"


@pytest.fixture
def new_store(tmp_path):
    return tmp_path / "store"


def test_acled_file_of_5000_rows_imports_whole_with_progress(new_store, tmp_path):
    """The progress update asked the file for its position while the CSV reader iterated it
    ("telling position disabled by next() call", at the 5,000th row): real rows, repeated with
    new event ids to 5,014 rows, import in one go, with progress rising to 1."""
    header, rows = rows_of(DUMMY)
    many = []
    while len(many) < 5_000:
        for row in rows:
            copy = list(row)
            copy[0] = f"XRT{len(many) + 1}"
            many.append(copy)
    f = write_rows(tmp_path / "acled-5014.csv", header, many)
    seen = []
    summary = import_file("acled", f, new_store, progress=seen.append)
    assert (summary.rows_read, summary.events_added, summary.rows_rejected) == (len(many), len(many), 0)
    assert len(many) >= 5_000 and seen[-1] == 1.0 and seen == sorted(seen) and 0 < seen[0] < 1


def test_places_stay_in_their_own_country(new_store, tmp_path):
    """Names were matched against every place label in the store: imported after Argentina's
    Santa Cruz and Iran's "Central", Bolivia's Santa Cruz landed in Argentina and Sri Lanka's
    Kandy in Qom. Every event's place now lies in the row's own country, and nowhere else."""
    header, rows = rows_of(DUMMY)
    later = {"Sri Lanka", "Bolivia"}
    first = write_rows(tmp_path / "first.csv", header, [r for r in rows if r[17] not in later])
    second = write_rows(tmp_path / "second.csv", header, [r for r in rows if r[17] in later])
    for f in (ARGENTINA, first, second):
        import_file("acled", f, new_store)
    own = {f"acled:{r[0]}": r[17] for part in (rows, rows_of(ARGENTINA)[1]) for r in part}
    found = select(new_store, """SELECT ?id ?country WHERE { ?e dcterms:identifier ?id ;
        sem:hasPlace/mkg:locatedIn* ?c . ?c a mkg:Country ; rdfs:label ?country }""")
    countries: dict[str, set] = {}
    for r in found:
        countries.setdefault(r["id"], set()).add(r["country"])
    assert countries == {i: {c} for i, c in own.items()}
    # Kandy, in Sri Lanka's Central province, and Bolivia's Santa Cruz, up their own chains.
    (kandy,) = select(new_store, """SELECT (GROUP_CONCAT(?l; separator=" < ") AS ?chain) WHERE {
        ?e dcterms:identifier "acled:SRI6074" ; sem:hasPlace ?p . ?p mkg:locatedIn* ?up . ?up rdfs:label ?l }""")
    assert set(kandy["chain"].split(" < ")) == {"Kandy", "K.F.G. & G. Korale", "Central", "Sri Lanka"}
    (santa_cruz,) = select(new_store, """SELECT ?p WHERE { ?e dcterms:identifier "acled:BOL3135" ;
        sem:hasPlace/mkg:locatedIn+ ?p . ?p rdfs:label "Santa Cruz" }""")
    assert santa_cruz["p"] == ID + "acled-place-bolivia-santa-cruz"


def test_split_and_whole_imports_give_the_same_places(tmp_path):
    header, rows = rows_of(DUMMY)
    whole = tmp_path / "whole"
    import_file("acled", DUMMY, whole)
    split = tmp_path / "split"
    for i, part in enumerate((rows[::2], rows[1::2])):
        import_file("acled", write_rows(tmp_path / f"part{i}.csv", header, part), split)
    query = "SELECT ?id ?p WHERE { ?e dcterms:identifier ?id ; sem:hasPlace ?p }"
    assert sorted(map(str, select(whole, query))) == sorted(map(str, select(split, query)))


@pytest.mark.parametrize("order", ["as in the file", "reversed"])
def test_actor_class_and_kinds_come_from_the_actors_own_codes(new_store, tmp_path, order):
    """The first row that mentioned an actor decided its class and kind, and an associated actor took
    the main actor's inter code: "Police Forces of Kenya (2013-)", first met beside "Civilians
    (Kenya)" (inter2 7), became civilians. Now, in either row order: each actor's own codes."""
    header, rows = rows_of(DUMMY)
    f = write_rows(tmp_path / "acled.csv", header, rows if order == "as in the file" else rows[::-1])
    import_file("acled", f, new_store)
    found = select(new_store, """SELECT ?name ?class (GROUP_CONCAT(?kind; separator=" ") AS ?kinds) WHERE {
        ?a rdfs:label ?name ; a ?class .
        FILTER(?name IN ("Civilians (Argentina)", "Police Forces of Kenya (2013-)", "Military Forces of Russia (2000-)",
                         "Unidentified Armed Group (Argentina)"))
        OPTIONAL { ?a mkg:actorKind ?k BIND(STRAFTER(STR(?k), "actor-type-") AS ?kind) }
    } GROUP BY ?name ?class""")
    got = {r["name"]: (r["class"].removeprefix(MKG), set(r["kinds"].split())) for r in found}
    assert got == {
        "Civilians (Argentina)": ("Actor", {"7"}),
        "Police Forces of Kenya (2013-)": ("ArmedForces", {"1"}),            # never civilians
        "Military Forces of Russia (2000-)": ("ArmedForces", {"1", "8"}),   # state forces at home and abroad
        "Unidentified Armed Group (Argentina)": ("NonStateArmedGroup", {"3"}),
    }


def test_acled_zero_fatalities_make_no_claim(new_store):
    """fatalities 0 became "at least 0 killed" claims; ACLED codes 0 when no report gives a toll."""
    _, rows = rows_of(DUMMY)
    import_file("acled", DUMMY, new_store)
    with open_store(new_store) as s:
        claims = [r for r in run_named(s, "casualty-claims").records() if r["claimantLabel"] == "ACLED"]
    tolls = sorted(int(r[28]) for r in rows if r[28] != "0")
    assert tolls == [1, 1, 1, 1, 1] and sorted(r["figure"] for r in claims) == tolls
    assert all(r["qualifier"] == "at least" and r["status"] == "reported" for r in claims)


def test_imported_strike_is_according_to_the_datasets_publisher(new_store):
    """strike-places gave the import node as "according to": an imported source had no publisher."""
    import_file("acled", DUMMY, new_store)
    with open_store(new_store) as s:
        rows = [r for r in run_named(s, "strike-places").records() if r["placeLabel"] == "Kreminna"]
    assert [(r["attackerLabel"], r["accordingTo"], r["status"]) for r in rows] == [
        ("Military Forces of Russia (2000-)", "ACLED (the report itself)", "stated")]
    assert not any("/id/import-" in str(v) for r in rows for v in r.values())


def test_gdelt_actor_labels_come_from_the_code(new_store):
    """gdelt-actor-gov was labelled with the first row's name for every government of no country."""
    import_file("gdelt", REAL / "gdelt" / "20191024143000.export.excerpt.CSV", new_store)
    found = select(new_store, """SELECT ?a ?label (GROUP_CONCAT(?alt; separator="|") AS ?alts) WHERE {
        ?a rdfs:label ?label ; skos:altLabel ?alt . FILTER(?a IN (id:gdelt-actor-gov, id:gdelt-actor-fra))
    } GROUP BY ?a ?label""")
    got = {r["a"].removeprefix(ID): (r["label"], set(r["alts"].split("|"))) for r in found}
    assert got == {"gdelt-actor-gov": ("Government (country not given)", {"Government", "Governor", "King", "Administration"}),
                   "gdelt-actor-fra": ("France", {"France"})}
    # The names seen are aliases, not names a later import resolves actors by.
    from kg.importers.aliases import load_aliases
    with open_store(new_store) as s:
        table = load_aliases()
        table.add_store_labels(s)
    assert table.actor("Government") is None and table.actor("Government (country not given)") == "gdelt-actor-gov"


@pytest.mark.parametrize("text", ["GLOBALEVENTID\tSQLDATE\n", "", "\n\n", "globaleventid\tday\tmonthyear\n"])
def test_gdelt_file_without_events_is_an_error(store, tmp_path, text):
    """A file whose only line is a header imported as 0 rows, exit 0, with an empty import graph."""
    f = tmp_path / "header-only.CSV"
    f.write_text(text)
    digest = tree_digest(store)
    for on_error in ("stop", "skip"):
        proc = run_kg("import", "gdelt", f, "--store", store, "--on-error", on_error)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
        assert f"{f}" in proc.stderr and "no GDELT events" in proc.stderr
        assert tree_digest(store) == digest


def test_acled_header_without_rows_is_an_error(store, tmp_path):
    f = tmp_path / "header-only.csv"
    f.write_text(DUMMY.read_text(encoding="utf-8").splitlines(keepends=True)[0], encoding="utf-8")
    digest = tree_digest(store)
    proc = run_kg("import", "acled", f, "--store", store)
    assert proc.returncode == 1 and f"{f}:2:" in proc.stderr and "no rows of data" in proc.stderr
    assert tree_digest(store) == digest


def test_acled_2016_layout_is_refused_naming_the_supported_ones(store):
    f = REAL / "acled" / "acled-2016-api.AschHarwood.excerpt.csv"
    digest = tree_digest(store)
    proc = run_kg("import", "acled", f, "--store", store)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"{f}:1:" in proc.stderr and "pre-2019 layout" in proc.stderr
    assert "2019-2022 layout" in proc.stderr and "2023 layout" in proc.stderr
    assert tree_digest(store) == digest


def test_acled_2020_export_through_excel(new_store):
    """A real 2019-2022-layout export saved by Excel: CRLF, dates like 9-May-20, a row without an
    event id and a truncated last record (each rejected, by line)."""
    f = REAL / "acled" / "acled-2020-export.RPanlilio.excerpt.csv"
    with pytest.raises(InputErrors) as stop:
        import_file("acled", f, new_store)
    assert [(e.line, e.message) for e in stop.value.errors] == [
        (5, "bad event_id_cnty: ''"), (6, "non-numeric fatalities: ''")]
    s = import_file("acled", f, new_store, on_error="skip")
    assert (s.events_added, s.rows_rejected) == (3, 2)
    (r,) = select(new_store, """SELECT ?d WHERE { ?e dcterms:identifier "acled:ISR1786" ; mkg:time/mkg:notBefore ?d }""")
    assert r["d"] == "2020-05-09"


GDELT1_MIXED = REAL / "gdelt" / "gdelt1-mixed.reed9999.excerpt.csv"


def test_gdelt1_file_mixing_57_and_58_columns(new_store, tmp_path):
    """A real GDELT 1.0 sample joins daily rows of 2016 (58 columns, with SOURCEURL) and backfile rows
    of 1982 (57, without): the first row fixed the layout and every 57-column row was rejected. Each
    row is now read by its own column count; a row of neither GDELT 1.0 count still fails, by line."""
    lines = GDELT1_MIXED.read_text(encoding="utf-8").splitlines(keepends=True)
    assert [ln.count("\t") + 1 for ln in lines] == [58] * 5 + [57] * 5
    s = import_file("gdelt", GDELT1_MIXED, new_store)
    assert (s.rows_read, s.rows_rejected, s.events_added) == (10, 0, 10)
    found = select(new_store, """SELECT ?id ?added ?url ?place WHERE { ?e dcterms:identifier ?id ; mkg:dateAdded ?added .
        OPTIONAL { ?e prov:hadPrimarySource ?url } OPTIONAL { ?e sem:hasPlace/rdfs:label ?place } }""")
    got = {r["id"]: (r["added"][:10].replace("-", ""), r["url"]) for r in found}
    # DATEADDED from column 57 in both layouts; SOURCEURL (column 58) only in the 58-column rows
    want = {}
    for f in (ln.rstrip("\n").split("\t") for ln in lines):
        want[f"gdelt:{f[0]}"] = (f[56], f[57] if len(f) == 58 else None)
    assert got == want
    assert {r["place"] for r in found if r["id"] in ("gdelt:564111644", "gdelt:1552899")} == {
        "National Postal Museum, District of Columbia, United States", "Gardez, Paktia, Afghanistan"}
    # One row of each count damaged: a 59-column and a 56-column row are rejected, naming their lines.
    bad = lines[:2] + [lines[2].rstrip("\n") + "\textra\n"] + lines[3:7] + [lines[7].rsplit("\t", 1)[0] + "\n"] + lines[8:]
    f = tmp_path / "gdelt1-mixed-bad.csv"
    f.write_text("".join(bad), encoding="utf-8")
    with pytest.raises(InputErrors) as stop:
        import_file("gdelt", f, tmp_path / "other")
    assert [(e.file, e.line, e.message) for e in stop.value.errors] == [
        (str(f), 3, "wrong column count: 59 columns; GDELT 2.0 event rows have 61, GDELT 1.0 rows 58 (57 before April 2013)"),
        (str(f), 8, "wrong column count: 56 columns; GDELT 2.0 event rows have 61, GDELT 1.0 rows 58 (57 before April 2013)")]
