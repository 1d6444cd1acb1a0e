"""kg import gdelt: GDELT 2.0 and 1.0 event files, plain and zipped, deduplicated, into the same
graph as the seed, answered by the same named queries; bad rows, atomicity, idempotence."""

from __future__ import annotations

import shutil
import zipfile

import pyoxigraph as ox
import pytest
from importdata import AFG, KABUL, KHOST, PAK, border_gdelt, gdelt_line
from kgtest import run_kg, seed_store_copy, seed_store_dir, tree_digest  # noqa: F401  (fixtures)

from kg.importers import import_file
from kg.sparql.query import run_named
from kg.store import open_store

CAMEO = "https://w3id.org/mediation-kg/cameo/"
MKG = "https://w3id.org/mediation-kg/ontology#"
ID = "https://w3id.org/mediation-kg/id/"


@pytest.fixture
def gdelt2(tmp_path):
    f = tmp_path / "20260228.export.CSV"
    f.write_text("".join(border_gdelt()), encoding="utf-8")
    return f


def values(store_path, sparql, var):
    with open_store(store_path) as s:
        return sorted(r[var].value for r in s.query(sparql))


def test_gdelt2_import_counts_and_dedup(store, gdelt2):
    s = import_file("gdelt", gdelt2, store)
    assert (s.rows_read, s.events_added, s.duplicates_merged, s.rows_rejected) == (32, 15, 17, 0)
    # The Khost air strike was coded from three articles: one event, every URL and GLOBALEVENTID kept.
    strikes = values(store, """SELECT ?e WHERE { ?e a mkg:AirStrike ; sem:hasPlace ?p ; mkg:time/rdfs:label "2026-02-21" .
        ?p rdfs:label ?l FILTER(CONTAINS(?l, "Khost")) }""", "e")
    assert len(strikes) == 1
    urls = values(store, f"SELECT ?u WHERE {{ <{strikes[0]}> prov:hadPrimarySource ?u }}", "u")
    assert urls == [f"https://news.example.org/20260221/{1_200_000_000 + i}.html" for i in (1, 2, 3)]
    assert len(values(store, f"SELECT ?i WHERE {{ <{strikes[0]}> dcterms:identifier ?i }}", "i")) == 3
    assert values(store, f"SELECT ?n WHERE {{ <{strikes[0]}> mkg:numArticles ?n }}", "n") == ["12"]
    # The actors resolve through the alias table to the seed's states, and GDELT's "Khost, Khowst,
    # Afghanistan" to the seed's id:khost.
    assert values(store, f"SELECT ?a WHERE {{ <{strikes[0]}> mkg:attacker ?a }}", "a") == [ID + "pakistan"]
    assert values(store, f"SELECT ?p WHERE {{ <{strikes[0]}> sem:hasPlace ?p }}", "p") == [ID + "khost"]


def test_cameo_codes_are_strings_linked_to_the_scheme(store, gdelt2):
    import_file("gdelt", gdelt2, store)
    rows = values(store, """SELECT ?n WHERE { ?e a mkg:Ceasefire ; sem:eventType ?c . ?c skos:notation ?n }""", "n")
    assert rows == ["0871"]
    with open_store(store) as s:
        (r,) = list(s.query("""SELECT ?root ?quad ?gs WHERE { cameo:195 skos:broader ?root . ?root mkg:quadClass/skos:prefLabel ?quad .
                               cameo:195 mkg:goldsteinScale ?gs }"""))
        assert (r["root"].value, r["quad"].value, float(r["gs"].value)) == (CAMEO + "19", "Material conflict", -10.0)
        # The code list is the vocabulary graph's, with GDELT's labels.
        (r,) = list(s.query("SELECT ?l WHERE { GRAPH <https://w3id.org/mediation-kg/graph/vocabulary/cameo> { cameo:0256 skos:prefLabel ?l } }"))
        assert r["l"].value == "Appeal for de-escalation of military engagement"


def test_named_queries_answer_over_gdelt_and_seed(store, gdelt2):
    import_file("gdelt", gdelt2, store)
    with open_store(store) as s:
        cf = {r["ceasefireLabel"]: r for r in run_named(s, "ceasefires", party1="pakistan", party2="afghanistan").records()}
        assert set(cf) == {"Initial Afghanistan–Pakistan ceasefire", "Pakistan – Declare truce, ceasefire – Afghanistan"}
        assert cf["Pakistan – Declare truce, ceasefire – Afghanistan"]["date"] == "2026-02-28"
        # GDELT's 045 row: Saudi Arabia mediates, with Pakistan as the party.
        (med,) = list(s.query("SELECT ?m WHERE { ?e a mkg:Mediation ; mkg:mediator ?m ; mkg:party id:pakistan ; sem:eventType cameo:045 }"))
        assert med["m"].value == ID + "saudi-arabia"
        mediators = run_named(s, "mediators", party1="pakistan", party2="afghanistan").records()
        assert {r["mediatorLabel"] for r in mediators} == {"Qatar", "Türkiye", "Saudi Arabia"}
        # A statement whose speaker is known; an offer to negotiate typed by the SKOS mapping.
        offers = list(s.query("SELECT ?e WHERE { ?e a mkg:OfferToNegotiate ; mkg:speaker id:afghanistan ; mkg:addressee id:pakistan }"))
        assert len(offers) == 1


def test_imported_data_conforms_to_the_shapes(store, gdelt2):
    from kg.terms import from_oxigraph
    from kg.validation.report import validate_quads
    import_file("gdelt", gdelt2, store)
    with open_store(store) as s:
        quads = [(from_oxigraph(x.subject), from_oxigraph(x.predicate), from_oxigraph(x.object), from_oxigraph(x.graph_name))
                 for x in s.quads() if not x.graph_name.value.endswith("/ontology")]
    report = validate_quads(quads, {})
    assert report.conforms, report.text()


def test_provenance_of_the_import(store, gdelt2):
    s = import_file("gdelt", gdelt2, store)
    with open_store(store) as st:
        (r,) = list(st.query(f"""SELECT ?title ?hash ?rows ?events ?by WHERE {{
            GRAPH <{s.graph}> {{ <{s.graph}> prov:wasDerivedFrom ?src ; prov:wasGeneratedBy ?act .
              ?src a mkg:Source ; dcterms:title ?title ; dcterms:identifier ?hash ; mkg:rowsRead ?rows ; mkg:eventsAdded ?events .
              ?act a prov:Activity ; prov:startedAtTime ?t ; dcterms:description ?by }} }}"""))
    assert (r["title"].value, r["hash"].value, r["rows"].value, r["events"].value) == (
        gdelt2.name, "sha256:" + s.sha256, "32", "15")
    assert r["by"].value.startswith("importer gdelt 1")


def test_importing_twice_changes_nothing(store, gdelt2):
    first = run_kg("import", "gdelt", gdelt2, "--store", store)
    assert first.returncode == 0, first.stderr
    # Piped: no progress bar, only the summary (on stderr; stdout stays empty for scripts).
    assert first.stdout == "" and "importing" not in first.stderr
    assert "32 rows read, 15 events added, 17 duplicates merged" in first.stderr and "0 rows rejected" in first.stderr
    digest, size = tree_digest(store), len(open_store(store))
    again = run_kg("import", "gdelt", gdelt2, "--store", store)
    assert again.returncode == 0 and "already imported" in again.stderr
    assert tree_digest(store) == digest and len(open_store(store)) == size


def test_same_file_gives_isomorphic_graphs(seed_store_dir, tmp_path, gdelt2):
    """Two imports of one file into two stores: the same quads, but for the import's own time."""
    from rdflib import Dataset, Graph
    from rdflib.compare import isomorphic
    graphs, lines_of = [], []
    for n in (1, 2):
        path = tmp_path / f"s{n}"
        shutil.copytree(seed_store_dir, path)
        import_file("gdelt", gdelt2, path)
        with open_store(path) as s:
            text = s.dump(ox.RdfFormat.N_QUADS).decode()
        lines = [x for x in text.splitlines() if "startedAtTime" not in x and "dc/terms/date>" not in x]
        lines_of.append(sorted(lines))
        union = Graph()
        for triple in Dataset().parse(data="\n".join(lines), format="nquads").triples((None, None, None, None)):
            union.add(triple[:3])
        graphs.append(union)
    assert lines_of[0] == lines_of[1]
    assert len(graphs[0]) == len(graphs[1]) and isomorphic(graphs[0], graphs[1])


def test_overlapping_file_adds_only_what_is_new(store, tmp_path):
    rows = border_gdelt()
    a, b = tmp_path / "a.CSV", tmp_path / "b.CSV"
    a.write_text("".join(rows[:20]))
    extra = gdelt_line(1_299_000_001, "20260221", "195", PAK, AFG, KHOST, url="https://other.example.net/x.html",
                       added="20260222120000")
    b.write_text("".join(rows[10:]) + extra)
    sa = import_file("gdelt", a, store)
    events_before = values(store, "SELECT ?e WHERE { ?e sem:eventType ?c }", "e")
    sb = import_file("gdelt", b, store)
    events_after = values(store, "SELECT ?e WHERE { ?e sem:eventType ?c }", "e")
    assert sa.events_added + sb.events_added == len(events_after)
    assert set(events_before) <= set(events_after)
    # The second graph describes no event the first already holds; it only adds the new URL.
    with open_store(store) as s:
        redescribed = list(s.query(f"""SELECT ?e WHERE {{ GRAPH <{sa.graph}> {{ ?e a ?c }} GRAPH <{sb.graph}> {{ ?e a ?c2 }} }}"""))
        assert redescribed == []
        (r,) = list(s.query(f"""SELECT (COUNT(?u) AS ?n) WHERE {{ GRAPH <{sb.graph}> {{ ?e prov:hadPrimarySource ?u }}
                                 ?e a mkg:AirStrike ; mkg:time/rdfs:label "2026-02-21" }}"""))
        assert r["n"].value == "1"  # the other.example.net article, not the three already known


def test_gdelt1_daily_file_zipped(store, tmp_path):
    rows = border_gdelt(version=1)
    assert all(r.count("\t") == 57 for r in rows)
    z = tmp_path / "20260228.export.CSV.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("20260228.export.CSV", "".join(rows))
    s = import_file("gdelt", z, store)
    assert (s.rows_read, s.rows_rejected) == (32, 0)
    assert values(store, "SELECT ?e WHERE { ?e a mkg:Ceasefire ; sem:eventType cameo:0871 }", "e")


def test_gdelt1_before_april_2013_has_no_sourceurl(store, tmp_path):
    rows = [r.rsplit("\t", 1)[0] + "\n" for r in border_gdelt(version=1)[:5]]
    f = tmp_path / "20130301.export.CSV"
    f.write_text("".join(rows))
    s = import_file("gdelt", f, store)
    assert (s.rows_read, s.rows_rejected, s.events_added) == (5, 0, 2)


BAD = {
    3: ("wrong column count", lambda line: line.rsplit("\t", 2)[0] + "\n"),
    5: ("bad date", lambda line: line.replace("\t20260226\t", "\t20260231\t", 1)),
    7: ("unknown CAMEO event code", lambda line: line.replace("\t193\t", "\t999\t", 1)),
    9: ("non-numeric NumArticles", lambda line: _set(line, 33, "many")),
}


def _set(line, col, value):
    f = line.rstrip("\n").split("\t")
    f[col] = value
    return "\t".join(f) + "\n"


@pytest.fixture
def broken(tmp_path):
    rows = border_gdelt()
    for n, (_, change) in BAD.items():
        rows[n - 1] = change(rows[n - 1])
    f = tmp_path / "broken.CSV"
    f.write_text("".join(rows))
    return f


def test_bad_rows_stop_and_leave_the_store_unchanged(store, broken):
    digest = tree_digest(store)
    proc = run_kg("import", "gdelt", broken, "--store", store)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = [x.strip() for x in proc.stderr.splitlines() if f"{broken}:" in x]
    assert [int(x.split(":")[1]) for x in lines] == sorted(BAD)
    for x, (reason, _) in zip(lines, BAD.values()):
        assert reason in x
    assert tree_digest(store) == digest
    assert not list(store.parent.glob(".kg-store.*"))  # no copy (nor lock file) left behind


def test_bad_rows_skipped_on_request(store, broken):
    proc = run_kg("import", "gdelt", broken, "--store", store, "--on-error", "skip")
    assert proc.returncode == 0, proc.stderr
    assert "4 rows rejected" in proc.stderr and "rejected 1: bad date" in proc.stderr
    assert f"skipped {broken}:7: unknown CAMEO event code: '999'" in proc.stderr


def test_file_errors(store, tmp_path):
    digest = tree_digest(store)
    notzip = tmp_path / "20260228.export.CSV.zip"
    notzip.write_text("GLOBALEVENTID\tSQLDATE\n")
    proc = run_kg("import", "gdelt", notzip, "--store", store)
    assert proc.returncode == 1 and "not a zip file" in proc.stderr and "Traceback" not in proc.stderr
    truncated = tmp_path / "truncated.CSV.zip"
    with zipfile.ZipFile(truncated, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("x.CSV", "".join(border_gdelt()) * 50)
    truncated.write_bytes(truncated.read_bytes()[:3000])
    proc = run_kg("import", "gdelt", truncated, "--store", store)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert run_kg("import", "gdelt", tmp_path / "missing.CSV", "--store", store).returncode == 2
    assert run_kg("import", "gdelt", notzip, "--store", store, "--on-error", "maybe").returncode == 2
    assert tree_digest(store) == digest


def test_hostile_strings(store, tmp_path):
    url = 'https://evil.example.com/a b"c>d\\e{f}<script>'
    name = 'ROBERT"); DROP TABLE \\ <b>'
    line = gdelt_line(1, "20260227", "190", {"Code": "XYZ", "Name": name}, AFG, KABUL, url=url)
    f = tmp_path / "hostile.CSV"
    f.write_text(line)
    s = import_file("gdelt", f, store)
    assert s.events_added == 1
    urls = values(store, "SELECT ?u WHERE { ?e prov:hadPrimarySource ?u ; sem:eventType cameo:190 }", "u")
    assert urls == ["https://evil.example.com/a%20b%22c%3Ed%5Ce%7Bf%7D%3Cscript%3E"]
    # The raw name is kept as the alias seen in the data; the label comes from the code.
    names = values(store, "SELECT ?l WHERE { ?a mkg:needsReview true ; skos:altLabel ?l }", "l")
    assert name.title() in names


def test_new_store_is_created(tmp_path, gdelt2):
    path = tmp_path / "fresh"
    proc = run_kg("import", "gdelt", gdelt2, "--store", path)
    assert proc.returncode == 0, proc.stderr
    with open_store(path) as s:
        assert run_named(s, "ceasefires").records()


def test_rebuild_keeps_imports(store, gdelt2):
    from kg.build import build
    from kg.data import seed_path
    import_file("gdelt", gdelt2, store)
    before = len(open_store(store))
    build([seed_path()], store)
    assert len(open_store(store)) == before
    again = run_kg("import", "gdelt", gdelt2, "--store", store)
    assert "already imported" in again.stderr


def test_review_lists_unresolved_actors(store, gdelt2):
    import_file("gdelt", gdelt2, store)
    proc = run_kg("review", "--store", store, "--format", "json")
    assert proc.returncode == 0
    import json
    rows = json.loads(proc.stdout)
    assert [(r["id"], r["label"], r["seen_as"], r["uses"], r["files"]) for r in rows] == [
        ("gdelt-actor-afgreb", "Afghanistan (rebels)", "Waziristan Fighters", 1, gdelt2.name)]
    # With an alias for it, the next import resolves it.
    aliases = gdelt2.parent / "aliases.yaml"
    aliases.write_text("actors:\n  waziristan-fighters: {type: non-state-armed-group, name: Waziristan fighters, cameo: [AFGREB]}\n")
    other = gdelt2.parent / "later.CSV"
    other.write_text(gdelt_line(5, "20260301", "193", {"Code": "AFGREB", "Name": "WAZIRISTAN FIGHTERS"}, PAK, KHOST))
    run_kg("import", "gdelt", other, "--store", store, "--aliases", aliases)
    assert values(store, "SELECT ?e WHERE { ?e mkg:attacker id:waziristan-fighters }", "e")


def test_one_import_at_a_time(store, gdelt2):
    import fcntl
    with open(store.parent / f".{store.name}.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        proc = run_kg("import", "gdelt", gdelt2, "--store", store)
    assert proc.returncode == 2 and "another kg build or kg import is writing" in proc.stderr


# --- fixes after review -------------------------------------------------------------------------

BAD_URLS = ["http://exa mple.com:abc/x", "http://a.example.com/%zz", "https://[::1/x"]


@pytest.mark.parametrize("on_error", ["stop", "skip"])
def test_a_url_that_is_no_iri_is_kept_as_a_string(store, tmp_path, on_error):
    """A SOURCEURL Oxigraph cannot take as an IRI, even percent-encoded, used to abort the whole
    import in the bulk loader ("Parser error at line 33", a batch line). Now it is dcterms:source."""
    f = tmp_path / "urls.CSV"
    f.write_text("".join(gdelt_line(10 + i, "20260227", "190", AFG, PAK, KABUL, url=u) for i, u in enumerate(BAD_URLS))
                 + gdelt_line(20, "20260227", "042", AFG, PAK, KABUL, url="https://ok.example.org/a b"))
    proc = run_kg("import", "gdelt", f, "--store", store, "--on-error", on_error)
    assert proc.returncode == 0, proc.stderr
    assert "0 rows rejected" in proc.stderr
    assert values(store, "SELECT ?u WHERE { ?e sem:eventType cameo:190 ; dcterms:source ?u }", "u") == sorted(BAD_URLS)
    assert values(store, "SELECT ?u WHERE { ?e sem:eventType cameo:042 ; prov:hadPrimarySource ?u }", "u") == [
        "https://ok.example.org/a%20b"]
    # The same event in a later file (the "seen before" path) takes a bad URL the same way.
    later = tmp_path / "later.CSV"
    later.write_text(gdelt_line(30, "20260227", "042", AFG, PAK, KABUL, url="http://exa mple.com:abc/y"))
    assert import_file("gdelt", later, store).duplicates_merged == 1
    assert values(store, "SELECT ?u WHERE { ?e sem:eventType cameo:042 ; dcterms:source ?u }", "u") == [
        "http://exa mple.com:abc/y"]


def test_non_ascii_digits_are_rejected_not_a_traceback(store, tmp_path):
    """'²'.isdigit() is True but int('²') fails: a DATEADDED or GLOBALEVENTID with one is a bad row."""
    f = tmp_path / "digits.CSV"
    f.write_text(gdelt_line(1, "20260227", "190", AFG, PAK, KABUL, added="202602271²0000")
                 + gdelt_line("7²", "20260227", "190", AFG, PAK, KABUL)
                 + gdelt_line(3, "20260227", "042", AFG, PAK, KABUL))
    proc = run_kg("import", "gdelt", f, "--store", store, "--on-error", "skip")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert f"skipped {f}:1: bad date" in proc.stderr and f"skipped {f}:2: bad GLOBALEVENTID" in proc.stderr
    assert "1 events added" in proc.stderr


def test_a_row_rejected_for_its_coordinates_writes_nothing(store, tmp_path):
    """Rejected late (after its actors were written), such a row used to leave a new actor, flagged
    for review and counted in the summary."""
    nowhere = {"Type": "4", "FullName": "Zzyzx, Nowhere, Afghanistan", "CountryCode": "ZZ", "ADM1Code": "ZZ01",
               "Lat": "95.5", "Long": "69.9", "FeatureID": "-999"}
    f = tmp_path / "coords.CSV"
    f.write_text(gdelt_line(1, "20260227", "190", {"Code": "XQZREB", "Name": "NOBODY AT ALL"}, PAK, nowhere)
                 + gdelt_line(2, "20260227", "042", AFG, PAK, KABUL))
    s = import_file("gdelt", f, store, on_error="skip")
    assert (s.rows_rejected, s.events_added, s.new_actors) == (1, 1, 0)
    assert dict(s.rejected) == {"coordinates out of range": 1}
    assert values(store, f"SELECT ?x WHERE {{ ?x ?p ?o FILTER(STRSTARTS(STR(?x), '{ID}gdelt-actor-')"
                  f" || STRSTARTS(STR(?x), '{ID}gdelt-country-')) }}", "x") == []
    assert values(store, "SELECT ?x WHERE { ?x mkg:needsReview true }", "x") == []


def test_counts_of_an_event_seen_after_its_window_are_those_of_the_first(store, tmp_path):
    """What docs/importing.md says happens: later windows add URLs and ids, not counts."""
    f = tmp_path / "windows.CSV"
    f.write_text(gdelt_line(1, "20260227", "042", AFG, PAK, KABUL, added="20260227120000", articles=4)
                 + gdelt_line(2, "20260227", "042", AFG, PAK, KABUL, added="20260227130000", articles=3)
                 + gdelt_line(3, "20260227", "190", AFG, PAK, KABUL, added="20260305120000", articles=1)
                 + gdelt_line(4, "20260227", "042", AFG, PAK, KABUL, added="20260305130000", articles=10))
    s = import_file("gdelt", f, store)
    assert (s.events_added, s.duplicates_merged) == (2, 2)
    (e,) = values(store, "SELECT ?e WHERE { ?e sem:eventType cameo:042 }", "e")
    assert values(store, f"SELECT ?n WHERE {{ <{e}> mkg:numArticles ?n }}", "n") == ["7"]
    assert len(values(store, f"SELECT ?i WHERE {{ <{e}> dcterms:identifier ?i }}", "i")) == 3
    from pathlib import Path
    doc = " ".join((Path(__file__).parent.parent / "docs" / "importing.md").read_text().split())
    assert "hold one value per window" not in doc
    assert "stay those of the window in which it was first written" in doc


def test_build_refuses_while_an_import_holds_the_lock(store):
    """kg build replaces the store too: it takes the same lock as kg import."""
    import fcntl
    digest = tree_digest(store)
    with open(store.parent / f".{store.name}.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        proc = run_kg("build", "--seed", "--store", store)
    assert proc.returncode == 2 and "another kg build or kg import is writing" in proc.stderr, proc.stderr
    assert tree_digest(store) == digest


def test_a_lock_on_a_file_deleted_meanwhile_is_no_lock(tmp_path):
    """The releasing process deletes the lock file; one that opened it just before and locks it after
    holds a deleted file, while a third locks the new file at the same path. It must notice."""
    from kg.store.disk import _lock_handle, store_lock
    location = tmp_path / "kg-store"
    lock = tmp_path / ".kg-store.lock"
    with store_lock(location):
        assert lock.exists()
        stale = open(lock, "a")  # noqa: SIM115  (a second process opens the file while the first holds it)
    assert not lock.exists()  # the first let go, deleting it
    with stale:
        assert _lock_handle(stale, lock) is False  # the second's lock is on a deleted file: worthless
    with store_lock(location):  # the path is free
        pass
    assert not lock.exists()
