"""kg import pa-x on rows of real PA-X files (tests/data/real/pa-x/, origin and licence in
tests/data/real/README.md): v10 (279 columns), v6 (267, BOM, CRLF inside cells) and the
1,868-agreement file (266, BOM), row by row; bad rows named by file and line, re-import, all or
nothing; the named queries over the agreements, and agreement 2879 as the second, independent
source of the seed's Qatar–Türkiye mediation."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from importdata import rows_of, select, write_rows
from kgtest import run_kg, seed_store_copy, seed_store_dir, tree_digest  # noqa: F401  (fixtures)

from kg.errors import InputErrors
from kg.importers import import_file
from kg.importers.pax import entries
from kg.sparql.query import run_named
from kg.store import open_store

REAL = Path(__file__).parent / "data" / "real" / "pa-x"
V10 = REAL / "pax-v10.peacerep.excerpt.csv"
V6 = REAL / "pax-v6.tjet.excerpt.csv"
COL266 = REAL / "pax-266col.rivas.excerpt.csv"
ID = "https://w3id.org/mediation-kg/id/"
MKG = "https://w3id.org/mediation-kg/ontology#"
TITLE_2879 = ("Joint Statement on the Talks Between Afghanistan and Pakistan Through the Mediation of Türkiye "
              "and Qatar")


def agreements(store) -> dict[str, dict]:
    """Each agreement's id -> class, date, stage, status, conflict."""
    found = select(store, """SELECT ?id ?cls ?date ?stage ?status ?conflict WHERE {
        ?a dcterms:identifier ?id ; a ?cls ; mkg:time/rdfs:label ?date ; mkg:agreementStage ?stage .
        ?cls rdfs:subClassOf* mkg:Agreement .
        OPTIONAL { ?a mkg:agreementStatus ?status } OPTIONAL { ?a mkg:inConflict/dcterms:identifier ?conflict } }""")
    return {r["id"]: {k: (v[len(MKG):] if k == "cls" else v) for k, v in r.items() if k != "id"} for r in found}


def roles(store, agt_id: str) -> set[tuple[str, str]]:
    found = select(store, f"""SELECT ?role ?actor WHERE {{ ?a dcterms:identifier "pax:{agt_id}" ; ?p ?x .
        ?x rdfs:label ?actor . ?p rdfs:subPropertyOf sem:hasActor BIND(STRAFTER(STR(?p), "#") AS ?role) }}""")
    return {(r["role"], r["actor"]) for r in found}


def test_v10_agreements_row_by_row(tmp_path):
    store = tmp_path / "store"
    summary = import_file("pa-x", V10, store)
    assert (summary.rows_read, summary.events_added, summary.rows_rejected) == (6, 6, 0)
    got = agreements(store)
    assert set(got) == {"pax:207", "pax:1464", "pax:312", "pax:2806", "pax:2843", "pax:2879"}
    assert got["pax:2879"] == {"cls": "CeasefireAgreement", "date": "2025-10-30", "stage": "Cea/Ceas",
                               "status": "Multiparty signed/agreed", "conflict": "ucdp:11639"}
    header, rows = rows_of(V10)
    for row in rows:  # every row: class, date, stage and status from its own cells
        cell = dict(zip(header, row))
        agt_id = cell["AgtId"]
        want_cls = {"Cea": "CeasefireAgreement", "Pre": "PreNegotiationAgreement"}.get(cell["Stage"], "Agreement")
        assert got["pax:" + agt_id]["cls"] == want_cls, agt_id
        assert got["pax:" + agt_id]["date"] == cell["Dat"]
        assert got["pax:" + agt_id]["stage"] == f"{cell['Stage']}/{cell['StageSub']}"
        assert got["pax:" + agt_id]["status"] == cell["Status"]
    # parties and third parties, with the roles their labels give, on known actors where the alias table has them
    assert roles(store, "2879") == {("party", "Afghanistan"), ("party", "Pakistan"),
                                    ("mediator", "Türkiye"), ("mediator", "Qatar")}
    assert roles(store, "207") >= {("mediator", "Portugal"), ("observer", "USSR")}
    assert {r for r in roles(store, "2806") if r[0] != "party"} == {
        ("guarantor", "Republic of Cuba"), ("guarantor", "Kingdom of Norway"),
        ("guarantor", "Bolivarian Republic of Venezuela")}
    assert {r for r in roles(store, "312") if r[0] != "party"} >= {
        ("witness", "Australia"), ("witness", "New Zealand"), ("witness", "Fiji"), ("witness", "Solomon Islands")}
    # 2843: "State of Qatar" is Qatar; "Republic of Togo (serving as African Union facilitator)" a mediator;
    # the others named with no role are third parties
    assert {r for r in roles(store, "2843") if r[0] != "party"} == {
        ("thirdParty", "United States"), ("thirdParty", "Qatar"), ("mediator", "Republic of Togo"),
        ("thirdParty", "African Union Commission")}
    (process,) = select(store, """SELECT ?label WHERE { ?p a mkg:PeaceProcess ; rdfs:label ?label ;
        sem:hasSubEvent/dcterms:identifier "pax:2879" }""")
    assert process["label"] == "Afghanistan-Pakistan: border incursions process"
    places = select(store, """SELECT ?c WHERE { ?a dcterms:identifier "pax:2879" ; sem:hasPlace ?c }""")
    assert {p["c"] for p in places} == {ID + "afghanistan", ID + "pakistan"}
    (source,) = select(store, """SELECT ?publisher WHERE { ?a dcterms:identifier "pax:2879" ;
        prov:wasDerivedFrom/dcterms:publisher ?publisher }""")
    assert source["publisher"] == ID + "pa-x"


@pytest.mark.parametrize("path, columns, ids", [
    (V6, 267, {"2232", "1877", "1430", "748", "373"}),
    (COL266, 266, {"1435", "225", "1186"}),
])
def test_older_versions_read_by_name(tmp_path, path, columns, ids):
    """v6 (BOM, CRLF inside cells, ' ' and 'NA ' for missing values, empty StageSub) and the
    266-column file: the same columns found by name at other positions."""
    header, rows = rows_of(path)
    assert len(header) == columns
    store = tmp_path / "store"
    summary = import_file("pa-x", path, store)
    assert (summary.rows_read, summary.events_added, summary.rows_rejected) == (len(ids), len(ids), 0)
    got = agreements(store)
    assert set(got) == {"pax:" + i for i in ids}
    for row in rows:
        cell = {k.strip(): v for k, v in zip(header, row)}
        a = got["pax:" + cell["AgtId"]]
        assert a["date"] == cell["Dat"] and a["status"] == cell["Status"]
        assert a["stage"] == cell["Stage"] + (f"/{cell['StageSub']}" if cell["StageSub"] else "")
        ucdp = cell["UcdpCon"].strip()
        assert a["conflict"] == (None if ucdp == "NA" else f"ucdp:{ucdp}")
    if path == V6:  # CRLF inside the cell: "Qatar\r\nGerman Government \r\nUnited Nations\r\nUSA..."
        assert {("thirdParty", "Qatar"), ("thirdParty", "United Nations"), ("thirdParty", "United States")} <= \
            roles(store, "2232")
        (yugoslavia,) = select(store, """SELECT ?l WHERE { ?a dcterms:identifier "pax:1430" ; sem:hasPlace ?c .
            ?c rdfs:label ?l FILTER(CONTAINS(?l, "Yugoslavia")) }""")
        assert yugoslavia["l"] == "Yugoslavia (former)"


@pytest.mark.parametrize("text, third, expected", [
    ("Afghanistan \nPakistan", False, [("Afghanistan", set()), ("Pakistan", set())]),
    ("Portugal (mediator), US, USSR (observers) [apparently not signatories]", True,
     [("Portugal", {"mediator"}), ("US", set()), ("USSR", {"observer"})]),
    ("Witnessed:\nJohn Fidelis SEMOSO;", True, [("John Fidelis SEMOSO", {"witness"})]),
    ("UN (observer), National Reconciliation Commission (conciliator)", True,
     [("UN", {"observer"}), ("National Reconciliation Commission", {"mediator"})]),
    ("Facilitator: Henry Dunant Centre  (signatory)", True, [("Henry Dunant Centre", {"mediator", "signatory"})]),
    ("FOR THE UNITED NATIONS: (Signed) Jean\xa0ARNAULT, Moderator;", True, [("UNITED NATIONS", set())]),
    ("Jacques Paul Klein, Transitional Administrator, as witness", True,  # a title read as a name: review
     [("Jacques Paul Klein", {"witness"}), ("Transitional Administrator", {"witness"})]),
    ("Witnesses [signatures not legibile]", True, []),
])
def test_free_text_entries_and_roles(text, third, expected):
    assert [(n, set(r)) for n, r in entries(text, third_party=third)] == expected


def test_bad_rows_named_by_line_and_all_or_nothing(store, tmp_path):
    """A bad date, an AgtId that is not a number and an unknown stage: each named with its file
    and line (the record's first line: cells before it span several lines); under --on-error stop
    nothing is imported and the store is byte for byte as it was; under skip the good rows are."""
    header, rows = rows_of(V10)
    col = {c: i for i, c in enumerate(header)}
    bad = [list(r) for r in rows[:3]]
    bad[0][col["Dat"]] = "30 October 2025"
    bad[1][col["AgtId"]] = "x207"
    bad[2][col["Stage"]] = "Peace"
    f = write_rows(tmp_path / "bad.csv", header, [*bad, *rows[3:]])
    with f.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)
        starts = []
        line = reader.line_num
        for _ in reader:
            starts.append(line + 1)
            line = reader.line_num
    before = tree_digest(store)
    with pytest.raises(InputErrors) as e:
        import_file("pa-x", f, store)
    assert [(err.file, err.line) for err in e.value.errors] == [(str(f), n) for n in starts[:3]]
    for err, reason in zip(e.value.errors, ("bad date: Dat '30 October 2025'", "bad AgtId: 'x207'",
                                            "unknown stage: Stage 'Peace'")):
        assert reason in str(err)
    assert tree_digest(store) == before
    result = run_kg("import", "pa-x", f, "--store", store)
    assert result.returncode == 1 and f"{f}:{starts[0]}: bad date" in result.stderr
    assert tree_digest(store) == before
    summary = import_file("pa-x", f, store, on_error="skip")
    assert (summary.rows_read, summary.events_added, summary.rows_rejected) == (6, 3, 3)


def test_reimport_changes_nothing(store):
    first = import_file("pa-x", V10, store)
    assert first.events_added == 6
    digest = tree_digest(store)
    again = import_file("pa-x", V10, store)
    assert again.already and tree_digest(store) == digest


def test_not_a_pax_file(tmp_path, store):
    f = tmp_path / "other.csv"
    f.write_text("AgtId,Agt,Dat\n1,x,2020-01-01\n", encoding="utf-8")
    before = tree_digest(store)
    result = run_kg("import", "pa-x", f, "--store", store)
    assert result.returncode == 1 and f"{f}:1: not a PA-X agreements file: the header lacks Con, PP" in result.stderr
    assert tree_digest(store) == before


def test_named_queries_over_the_agreements_and_the_second_source(store):
    """After the seed and the v10 rows: mediators lists Qatar and Türkiye for agreement 2879 (PA-X
    speaking), and the seed's Qatar–Türkiye mediation, which PA-X's agreement confirms, stands on
    two independent sources (Al Jazeera, PA-X), corroborated; ceasefires lists 2879 with its
    brokers; negotiations lists the pre-negotiation agreements."""
    import_file("pa-x", V10, store)
    with open_store(store) as s:
        mediators = run_named(s, "mediators", party1="id:pakistan", party2="id:afghanistan").records()
        ceasefires = run_named(s, "ceasefires", party1="id:pakistan", party2="id:afghanistan").records()
    rows = {(r["mediatorLabel"], r["what"], r["date"], r["status"], r["accordingTo"], int(r["independentSources"]))
            for r in mediators}
    assert rows == {
        ("Qatar", TITLE_2879, "2025-10-30", "stated", "PA-X (PeaceRep)", 1),
        ("Türkiye", TITLE_2879, "2025-10-30", "stated", "PA-X (PeaceRep)", 1),
        ("Qatar", "Initial Afghanistan–Pakistan ceasefire", "2025-10/2026-02", "corroborated",
         "Al Jazeera; PA-X (PeaceRep)", 2),
        ("Türkiye", "Initial Afghanistan–Pakistan ceasefire", "2025-10/2026-02", "corroborated",
         "Al Jazeera; PA-X (PeaceRep)", 2),
        ("Qatar", TITLE_2879, "2025-10/2026-02", "corroborated", "Al Jazeera; PA-X (PeaceRep)", 2),
        ("Türkiye", TITLE_2879, "2025-10/2026-02", "corroborated", "Al Jazeera; PA-X (PeaceRep)", 2),
        ("Saudi Arabia", "Release of three Pakistani soldiers held by Afghanistan", "2026-02", "stated",
         "Al Jazeera", 1),
    }
    # each broker once: PA-X names them on the agreement too, but they are the mediators of the talks
    # that produced it, which two sources give (corroborated)
    (joint,) = [r for r in ceasefires if r["ceasefireLabel"] == TITLE_2879]
    assert (joint["date"], joint["brokers"], joint["accordingTo"]) == (
        "2025-10-30", "Qatar (corroborated), Türkiye (corroborated)", "PA-X (PeaceRep)")


def test_negotiations_list_pre_negotiation_agreements(tmp_path):
    store = tmp_path / "store"
    import_file("pa-x", COL266, store)
    with open_store(store) as s:
        found = run_named(s, "negotiations").records()
    (row,) = found  # 225 is the one agreement of stage Pre among the three
    assert (row["date"], row["accordingTo"]) == (agreements(store)["pax:225"]["date"], "PA-X (PeaceRep)")
    assert agreements(store)["pax:225"]["cls"] == "PreNegotiationAgreement"
    assert row["negotiationLabel"] == [r for r in select(store, """SELECT ?l WHERE {
        ?a dcterms:identifier "pax:225" ; rdfs:label ?l }""")][0]["l"]
