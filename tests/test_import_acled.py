"""kg import acled: the 2023 layout and the older one, a UTF-8 BOM, the SKOS mapping of event
types, actors through the alias table, places, fatalities as ACLED's claim; bad rows."""

from __future__ import annotations

import pytest
from importdata import acled_csv, acled_event, border_acled
from kgtest import run_kg, seed_store_copy, seed_store_dir, tree_digest  # noqa: F401  (fixtures)

from kg.importers import import_file
from kg.sparql.query import run_named
from kg.store import open_store

ID = "https://w3id.org/mediation-kg/id/"
MKG = "https://w3id.org/mediation-kg/ontology#"


@pytest.fixture
def acled2023(tmp_path):
    f = tmp_path / "acled-2026-02.csv"
    f.write_text(acled_csv(border_acled(), bom=True), encoding="utf-8")
    return f


def one(store, sparql):
    with open_store(store) as s:
        rows = list(s.query(sparql))
    return [{v: (r[v].value if r[v] is not None else None) for v in ("a", "b", "c") if _has(r, v)} for r in rows]


def _has(row, var):
    try:
        row[var]
        return True
    except (KeyError, IndexError):
        return False


def test_events_typed_through_the_skos_mapping(store, acled2023):
    s = import_file("acled", acled2023, store)
    # Three events have fatalities 0: ACLED found no toll, so no claim (docs/importing.md).
    assert (s.rows_read, s.events_added, s.claims_added, s.rows_rejected) == (8, 8, 5, 0)
    types = {r["a"]: r["b"] for r in one(store, """SELECT ?a ?b WHERE { ?e dcterms:identifier ?id ; a ?c .
             FILTER(STRSTARTS(?id, "acled:")) BIND(?id AS ?a) BIND(REPLACE(STR(?c), "^.*#", "") AS ?b) }""")}
    assert types == {"acled:AFG70001": "AirStrike", "acled:AFG70002": "ArmedClash", "acled:PAK80001": "ArmedClash",
                     "acled:AFG70003": "AirStrike", "acled:AFG70004": "Strike", "acled:AFG70005": "DiplomaticEvent",
                     "acled:AFG70006": "Event", "acled:PAK80002": "MilitaryEvent"}
    (r,) = one(store, """SELECT ?a WHERE { id:acled-afg70001 sem:eventType ?t . ?t skos:prefLabel ?a }""")
    assert r["a"] == "Air/drone strike"


def test_actors_places_and_dates(store, acled2023):
    import_file("acled", acled2023, store)
    # "Military Forces of Pakistan (2018-)" is the seed's Pakistan Army; the strike hit the seed's Khost.
    (r,) = one(store, "SELECT ?a ?b WHERE { id:acled-afg70001 mkg:attacker ?a ; sem:hasPlace ?b }")
    assert (r["a"], r["b"]) == (ID + "pakistan-army", ID + "khost")
    # Barmal, a location no alias knows, sits in the seed's Paktika, with its coordinates.
    (r,) = one(store, """SELECT ?a ?b ?c WHERE { id:acled-afg70002 sem:hasPlace ?p . ?p rdfs:label ?a ; geo:lat ?b ;
                         mkg:locatedIn ?c }""")
    assert (r["a"], r["b"], r["c"]) == ("Barmal", "32.6", ID + "paktika")
    # Pakistan's places go up to the state.
    (r,) = one(store, "SELECT ?a WHERE { id:acled-pak80001 sem:hasPlace/mkg:locatedIn+ ?a FILTER(?a = id:pakistan) }")
    # time_precision 2: the week around the coded date; 3: the month.
    (r,) = one(store, """SELECT ?a ?b ?c WHERE { id:acled-afg70004 mkg:time ?t . ?t mkg:notBefore ?a ; mkg:notAfter ?b ;
                         mkg:precision ?c }""")
    assert (r["a"], r["b"], r["c"]) == ("2026-02-24", "2026-03-02", MKG + "DateRange")
    (r,) = one(store, "SELECT ?a WHERE { id:acled-afg70006 mkg:time/mkg:precision ?a }")
    assert r["a"] == MKG + "Month"
    # Actor kinds from inter codes; an unknown actor is created with its kind and flagged.
    (r,) = one(store, """SELECT ?a ?b WHERE { id:acled-actor-unidentified-armed-group-pakistan a ?a ;
                         mkg:actorKind/skos:prefLabel ?b ; mkg:needsReview true }""")
    assert (r["a"], r["b"]) == (MKG + "NonStateArmedGroup", "Political militia")
    # Associated actors take their main actor's role.
    (r,) = one(store, "SELECT ?a WHERE { id:acled-pak80002 mkg:target ?a ; FILTER(CONTAINS(STR(?a), 'women')) }")
    # source and notes as provenance, quotes and all.
    (r,) = one(store, "SELECT ?a ?b WHERE { id:acled-afg70001 dcterms:description ?a ; dcterms:source ?b }")
    assert r["a"] == 'On 21 February 2026, Pakistani aircraft struck houses in "Khost".' and r["b"] == "Pajhwok Afghan News"


def test_fatalities_are_acleds_claim_not_a_fact(store, acled2023):
    import_file("acled", acled2023, store)
    with open_store(store) as s:
        claims = [r for r in run_named(s, "casualty-claims").records() if r["claimantLabel"] == "ACLED"]
    by_event = {r["eventLabel"]: (r["figure"], r["qualifier"], r["measure"], r["verification"], r["status"])
                for r in claims}
    assert by_event["Armed clash: Military Forces of Pakistan (2018-) – TTP: Tehrik-i-Taliban Pakistan, Miranshah"] == (
        15, "at least", "killed", "unverified", "reported")  # ACLED's figure, on ACLED's word
    assert len(claims) == 5 and all(r["figure"] > 0 for r in claims)  # no 'at least 0 killed'
    assert not one(store, "SELECT ?a WHERE { ?a mkg:figure ?f ; a mkg:Event }")


def test_older_layout_lands_on_the_same_events(store, acled2023, tmp_path):
    old = tmp_path / "acled-old.csv"
    old.write_text(acled_csv(border_acled(), layout="old"), encoding="utf-8")
    first = import_file("acled", old, store)
    assert (first.events_added, first.rows_rejected) == (8, 0)
    second = import_file("acled", acled2023, store)
    assert (second.events_added, second.duplicates_merged, second.claims_added) == (0, 8, 0)


def test_revised_fatalities_add_a_claim(store, tmp_path):
    f1, f2 = tmp_path / "w1.csv", tmp_path / "w2.csv"
    f1.write_text(acled_csv([acled_event("AFG70009", "2026-02-27", "Battles", "Armed clash", "Taliban government", "Pakistan Army", fatalities="4")]))
    f2.write_text(acled_csv([acled_event("AFG70009", "2026-02-27", "Battles", "Armed clash", "Taliban government", "Pakistan Army", fatalities="9")]))
    import_file("acled", f1, store)
    s = import_file("acled", f2, store)
    assert (s.events_added, s.claims_added) == (0, 1)
    figures = sorted(int(r["a"]) for r in one(store, "SELECT ?a WHERE { ?c mkg:about id:acled-afg70009 ; mkg:figure ?a }"))
    assert figures == [4, 9]
    (_r,) = one(store, "SELECT ?a WHERE { id:acled-afg70009 mkg:party ?a FILTER(?a = id:afghan-government) }")


def test_bad_rows(store, tmp_path):
    good = acled_csv(border_acled()).splitlines(keepends=True)
    rows = list(good)
    rows[2] = rows[2].replace(",12,", ",twelve,")             # line 3: fatalities
    rows[3] = rows[3].replace("2026-02-26", "2026-02-30")     # line 4: date
    rows[5] = rows[5].replace("Shelling/artillery/missile attack", "Cyber attack").replace(
        "Explosions/Remote violence", "Hacking")              # line 6: unknown type
    rows[6] = rows[6].replace(",Kabul,", ',"Kabul"x,', 1)     # line 7: broken quoting
    rows[7] = rows[7].rstrip("\n") + ",extra\n"               # line 8: one field too many
    f = tmp_path / "bad.csv"
    f.write_text("".join(rows))
    digest = tree_digest(store)
    proc = run_kg("import", "acled", f, "--store", store)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    reported = [x.strip() for x in proc.stderr.splitlines() if f"{f}:" in x]
    assert [int(x.split(":")[1]) for x in reported] == [3, 4, 6, 7, 8]
    for x, reason in zip(reported, ["non-numeric fatalities", "bad date", "unknown event type", "broken quoting",
                                    "wrong column count"]):
        assert reason in x, x
    assert tree_digest(store) == digest
    proc = run_kg("import", "acled", f, "--store", store, "--on-error", "skip")
    assert proc.returncode == 0 and "3 events added" in proc.stderr and "5 rows rejected" in proc.stderr


def test_not_an_acled_file(store, tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("a,b,c\n1,2,3\n")
    proc = run_kg("import", "acled", f, "--store", store)
    assert proc.returncode == 1 and "not an ACLED export" in proc.stderr


# --- fixes after review -------------------------------------------------------------------------

def test_superscript_fatalities_are_a_bad_row_not_a_traceback(store, tmp_path):
    f = tmp_path / "sup.csv"
    f.write_text(acled_csv([acled_event("AFG70011", "2026-02-27", "Battles", "Armed clash", "Taliban government",
                                        "Pakistan Army", fatalities="1²"),
                            acled_event("AFG70012", "2026-02-27", "Battles", "Armed clash", "Taliban government",
                                        "Pakistan Army", fatalities="3")]))
    proc = run_kg("import", "acled", f, "--store", store, "--on-error", "skip")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert f"skipped {f}:2: non-numeric fatalities: '1²'" in proc.stderr
    assert "1 events added" in proc.stderr


def test_acleds_claim_has_the_events_time(store, acled2023):
    """Without mkg:time, the claims projection kept ACLED's claims under any --as-of window."""
    from kg.graphs.project import claims_graph
    import_file("acled", acled2023, store)
    rows = one(store, """SELECT ?a ?b WHERE { ?c mkg:claimant id:acled ; mkg:about ?e ; mkg:time ?t .
        ?e mkg:time ?t2 BIND(STR(?e) AS ?a) BIND(?t = ?t2 AS ?b) }""")
    assert len(rows) == 5 and all(r["b"] == "true" for r in rows)
    with open_store(store) as s:
        before = claims_graph(s, as_of="2026-01-31")
        first_day = claims_graph(s, as_of="2026-02-21")
    def acled_claims(g):
        return {n.removeprefix(ID) for n in g.nodes if "-fatalities-" in n}
    assert acled_claims(before) == set()
    # The air strike of the 21st (the protest ACLED dates to the month has fatalities 0: no claim).
    assert acled_claims(first_day) == {"acled-afg70001-fatalities-8"}


def test_places_with_long_names_do_not_merge(store, tmp_path):
    """Place ids were the country, admin areas and location joined and cut at 90 characters: two
    locations in the same long-named admin areas became one place."""
    long = {"admin1": "Khyber Pakhtunkhwa Province Of The Islamic Republic", "admin2": "North Waziristan Tribal District",
            "admin3": "Datta Khel Tehsil Subdivision", "country": "Pakistan", "iso": "586"}
    f = tmp_path / "long.csv"
    f.write_text(acled_csv([
        acled_event("PAK80011", "2026-02-27", "Battles", "Armed clash", "Pakistan Army", "", location="Village One",
                    lat="33.1", lon="70.1", **long),
        acled_event("PAK80012", "2026-02-27", "Battles", "Armed clash", "Pakistan Army", "", location="Village Two",
                    lat="33.2", lon="70.2", **long)]))
    import_file("acled", f, store)
    places = one(store, """SELECT ?a ?b WHERE { ?e dcterms:identifier ?b ; sem:hasPlace ?p .
        FILTER(?b IN ("acled:PAK80011", "acled:PAK80012")) BIND(STR(?p) AS ?a) }""")
    assert len(places) == 2 and places[0]["a"] != places[1]["a"], places
    labels = one(store, """SELECT ?a WHERE { ?e dcterms:identifier "acled:PAK80012" ; sem:hasPlace/rdfs:label ?a }""")
    assert [r["a"] for r in labels] == ["Village Two"]


@pytest.mark.parametrize("entry, line, message", [
    ("  pak2: {type: state, name: Pak, iso: 586}", 2, "'iso' must be a list of strings"),
    ("  pak2:\n    type: state\n    names: {a: b}", 4, "'names' must be a list of strings"),
    ("  pak2: {type: state, cameo: [PAK, 4]}", 2, "'cameo' must be a list of strings"),
    ("  pak2: {type: state, wikidata: 'Q 1'}", 2, "is not a Wikidata id"),
    ("  pak2: {type: state, affiliated_with: 'Not An Id'}", 2, "must be an id"),
])
def test_alias_file_errors_name_the_line(store, acled2023, tmp_path, entry, line, message):
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("actors:\n" + entry + "\n")
    proc = run_kg("import", "acled", acled2023, "--store", store, "--aliases", aliases)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert f"{aliases}:{line}:" in proc.stderr and message in proc.stderr, proc.stderr


def test_a_single_code_string_is_one_code(store, tmp_path):
    """`cameo: PAK` used to map the codes P, A and K."""
    from kg.importers.aliases import load_aliases
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("actors:\n  pak2: {type: state, name: Pak Two, cameo: XPK, names: Pakistan Two}\n")
    table = load_aliases([aliases])
    assert table.code("cameo", "XPK") == "pak2" and table.code("cameo", "X") is None
    assert table.actor("pakistan two") == "pak2" and table.actor("p") is None


def test_reimport_with_an_alias_replaces_the_flagged_actor(store, acled2023, tmp_path):
    """kg review's advice works: map a flagged actor in an alias file, import the same file again,
    and the earlier import is replaced; a third run with the same settings changes nothing."""
    assert run_kg("import", "acled", acled2023, "--store", store).returncode == 0
    flagged = run_kg("review", "--store", store).stdout
    assert "Unidentified Armed Group (Pakistan)" in flagged
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("actors:\n  pakistan-taliban:\n    names: ['Unidentified Armed Group (Pakistan)']\n",
                       encoding="utf-8")
    again = run_kg("import", "acled", acled2023, "--store", store, "--aliases", aliases)
    assert again.returncode == 0 and "is replaced" in again.stderr
    assert "Unidentified Armed Group" not in run_kg("review", "--store", store).stdout
    with open_store(store) as s:
        graphs = [g for g in s.named_graphs() if "/graph/import/" in g]
        assert len(graphs) == 1
        assert s.query("ASK { ?e <https://w3id.org/mediation-kg/ontology#attacker>|"
                       "<https://w3id.org/mediation-kg/ontology#party> <" + ID + "pakistan-taliban> }")
    digest = tree_digest(store)
    third = run_kg("import", "acled", acled2023, "--store", store, "--aliases", aliases)
    assert third.returncode == 0 and "already imported" in third.stderr and tree_digest(store) == digest


def test_the_wrong_importer_on_an_imported_file_is_an_error(store, acled2023):
    assert run_kg("import", "acled", acled2023, "--store", store).returncode == 0
    digest = tree_digest(store)
    proc = run_kg("import", "gdelt", acled2023, "--store", store)
    assert proc.returncode == 1 and "column" in proc.stderr and "Traceback" not in proc.stderr
    assert tree_digest(store) == digest
