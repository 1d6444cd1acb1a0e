"""The commands, unchanged, against a SPARQL endpoint (issues 6, 13): build, import, query, stats,
export, render, review and serve with ``--store http://.../sparql``, on two real servers: Virtuoso
(tests/virtuoso.py) and Oxigraph server (tests/oxigraph_server.py).

Each result is compared with the same command on an embedded store: the same quads, graph by graph.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest
import rdflib
from importdata import acled_csv, border_acled, border_gdelt
from kgtest import HERE, run_kg
from rdflib.compare import isomorphic
from test_server import Server

from kg.namespaces import GRAPH, reserved_graph
from kg.store.remote import INFO_GRAPH

DBA = {"KG_STORE_USER": "dba", "KG_STORE_PASSWORD": "dba"}
STARTED = "http://www.w3.org/ns/prov#startedAtTime"  # the import's start time: differs between two runs


def kg(*args, env=None):
    return run_kg(*args, env={**DBA, **(env or {})})


def ok(proc):
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc


@pytest.fixture(scope="module")
def url(sparql_server):
    sparql_server.clear()
    yield sparql_server.sparql_url
    sparql_server.clear()


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("imports")
    (d / "events.gdelt.csv").write_text("".join(border_gdelt()), encoding="utf-8")
    (d / "events.acled.csv").write_text(acled_csv(border_acled()), encoding="utf-8")
    return d


def dataset(store, tmp_path, name):
    """The store exported as N-Quads (through ``kg export``), read back as {graph IRI: rdflib Graph}."""
    out = tmp_path / f"{name}.nq"
    ok(kg("export", "--store", store, "-f", "nquads", "-o", out))
    ds = rdflib.Dataset()
    ds.parse(out, format="nquads")
    graphs = {}
    for g in ds.graphs():
        if len(g):
            copy = rdflib.Graph()
            for t in g:
                if str(t[1]) != STARTED:
                    copy.add(t)
            graphs[str(g.identifier)] = copy
    return graphs


def assert_same(remote: dict, local: dict):
    assert sorted(remote) == sorted(local)
    for g in local:
        assert len(remote[g]) == len(local[g]), g
        assert isomorphic(remote[g], local[g]), g


def test_build_import_and_rebuild_as_on_the_embedded_store(url, files, tmp_path):
    local = tmp_path / "local-store"
    for store in (url, local):
        ok(kg("build", "--seed", "--store", store))
    assert_same(dataset(url, tmp_path, "r0"), dataset(local, tmp_path, "l0"))

    for store in (url, local):
        proc = ok(kg("import", "gdelt", files / "events.gdelt.csv", "--store", store))
        assert "15 events added, 17 duplicates merged" in proc.stderr
        proc = ok(kg("import", "acled", files / "events.acled.csv", "--store", store))
        assert "8 events added" in proc.stderr
    remote = dataset(url, tmp_path, "r1")
    assert_same(remote, dataset(local, tmp_path, "l1"))
    assert any(g.startswith(str(GRAPH["import/"])) for g in remote)

    # the same file again: nothing to do; a rebuild keeps the imports
    proc = ok(kg("import", "gdelt", files / "events.gdelt.csv", "--store", url))
    assert "already imported" in proc.stderr
    ok(kg("build", "--seed", "--store", url))
    assert_same(dataset(url, tmp_path, "r2"), remote)

    # the other commands read it as they read the embedded store (rows that tie in a query's order may
    # come in another order)
    for args in (["stats"], ["review"], ["query", "mediators", "-p", "party1=pakistan", "-p", "party2=afghanistan"],
                 ["query", "offices", "-f", "csv"], ["analyze", "mediators"]):
        lines = [sorted(ok(kg(*args, "--store", store)).stdout.splitlines()) for store in (url, local)]
        assert lines[0] == lines[1] and len(lines[0]) > 2, args
    for store, name in ((url, "r.html"), (local, "l.html")):
        ok(kg("render", "--store", store, "-o", tmp_path / name))
    assert "Waziristan Fighters" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_how_facts_stand_is_derived_on_the_server(sparql_server, url, tmp_path):
    """Several accounts and a disputed role (tests/data/scenarios/harrow/): the server's build derives
    the same graph:attribution as the embedded one, and the named queries read it the same way."""
    sparql_server.clear()  # what the tests before imported, which a build keeps
    sparql_server.clear(INFO_GRAPH)
    harrow = HERE / "data" / "scenarios" / "harrow"
    local = tmp_path / "local-store"
    for store in (url, local):
        ok(kg("build", harrow, "--store", store))
    remote = dataset(url, tmp_path, "r")
    assert_same(remote, dataset(local, tmp_path, "l"))
    assert len(remote[str(GRAPH["attribution"])]) > 20
    answers = [json.loads(ok(kg("query", "mediators", "-f", "json", "--store", store)).stdout)["results"]["bindings"]
               for store in (url, local)]
    assert answers[0] == answers[1]
    (row,) = answers[0]
    assert (row["status"]["value"], row["disputedBy"]["value"]) == ("disputed", "Government of Norland")


def test_a_rejected_import_or_build_changes_nothing(url, files, tmp_path):
    ok(kg("build", "--seed", "--store", url))
    before = dataset(url, tmp_path, "before")
    bad = tmp_path / "bad.acled.csv"
    text = acled_csv(border_acled())
    bad.write_text(text.replace("2026-02-2", "2026-13-2", 1), encoding="utf-8")
    proc = kg("import", "acled", bad, "--store", url)
    assert proc.returncode == 1 and "bad.acled.csv:" in proc.stderr and "Traceback" not in proc.stderr
    invalid = tmp_path / "invalid.yaml"
    invalid.write_text("sources:\n  - id: s\n    title: T\n    url: https://example.org/a\n"
                       "events:\n  - id: e\n    type: strike\n    date: 2026-02-30\n", encoding="utf-8")
    proc = kg("build", invalid, "--store", url)
    assert proc.returncode == 1 and "invalid.yaml:" in proc.stderr and "Traceback" not in proc.stderr
    # a build with no data would drop every graph of data: refused unless --allow-empty
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    proc = kg("build", empty, "--store", url)
    assert proc.returncode == 2 and "--allow-empty" in proc.stderr and "Traceback" not in proc.stderr
    # a graph outside the store's would replace one of the server's own (Virtuoso keeps its metadata there)
    server_own = "http://www.openlinksw.com/schemas/virtrdf#"
    own_before = graph_count(url, server_own)
    foreign = tmp_path / "foreign.trig"
    foreign.write_text(f"<{server_own}> {{ <urn:x:a> <urn:x:b> <urn:x:c> }}\n", encoding="utf-8")
    proc = kg("build", "--seed", foreign, "--store", url)
    assert proc.returncode == 2 and "virtrdf#> is not one of the store's" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert_same(dataset(url, tmp_path, "after"), before)
    assert graph_count(url, server_own) == own_before  # the server's own graph, intact
    ok(kg("build", empty, "--store", url, "--allow-empty"))
    emptied = list(dataset(url, tmp_path, "emptied"))
    assert str(GRAPH["ontology"]) in emptied and all(reserved_graph(g) for g in emptied)  # imports are kept


def graph_count(url, graph):
    query = urllib.parse.urlencode({"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"})
    req = urllib.request.Request(f"{url}?{query}", headers={"Accept": "application/sparql-results+json"})
    answer = json.loads(urllib.request.urlopen(req, timeout=30).read())
    return int(answer["results"]["bindings"][0]["n"]["value"])


def test_credentials_are_needed_to_write(request, sparql_server, url, tmp_path):
    from test_remote import known_difference
    known_difference(request, sparql_server, "update without credentials")
    proc = run_kg("build", "--seed", "--store", url, env={"KG_STORE_USER": "", "NETRC": str(tmp_path / "none")})
    assert proc.returncode == 2 and "KG_STORE_USER" in proc.stderr and "Traceback" not in proc.stderr


def test_credentials_are_never_taken_from_the_url(url, tmp_path):
    with_password = url.replace("http://", "http://dba:dba@")
    proc = run_kg("stats", "--store", with_password)
    assert proc.returncode == 2 and "shell history" in proc.stderr
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine {urllib.parse.urlsplit(url).hostname} login dba password dba\n")
    netrc.chmod(0o600)
    ok(run_kg("build", "--seed", "--store", url, env={"KG_STORE_USER": "", "NETRC": str(netrc)}))


def test_the_config_file_names_the_endpoint(url, tmp_path):
    config = tmp_path / "mediation-kg.toml"
    config.write_text(f'[store]\nlocation = "{url}"\ntimeout = 120\n', encoding="utf-8")
    ok(kg("build", "--seed", env={"KG_CONFIG": str(config), "KG_STORE": ""}))
    proc = ok(kg("stats", env={"KG_CONFIG": str(config), "KG_STORE": ""}))
    assert "named graphs" in proc.stdout
    # run from the folder holding mediation-kg.toml, with no --store and no $KG_STORE
    proc = run_kg("query", "offices", "-f", "csv", cwd=tmp_path, env={**DBA, "KG_STORE": ""})
    assert ok(proc).stdout.count("\n") >= 2


def test_serve_over_the_endpoint(url, tmp_path):
    ok(kg("build", "--seed", "--store", url))
    server = Server(url, tmp_path, "serve", "--workers", 1, "--allow-update",
                    env={**DBA, "KG_UPDATE_TOKEN": "secret-token"})
    try:
        server.wait_ready()
        health = json.loads(urllib.request.urlopen(server.url + "/health", timeout=30).read())
        assert health["store"] == url and health["graphs"] >= 3
        req = urllib.request.Request(server.url + "/queries/mediators?party1=pakistan&party2=afghanistan",
                                     headers={"Accept": "text/csv"})
        answer = urllib.request.urlopen(req, timeout=30).read().decode()
        assert "Qatar" in answer and "Saudi Arabia" in answer
        update = urllib.parse.urlencode({"update": f"INSERT DATA {{ GRAPH <{GRAPH['served']}> "
                                                   "{ <urn:x:a> <urn:x:b> \"c\" } }"}).encode()
        req = urllib.request.Request(server.url + "/sparql", data=update,
                                     headers={"Authorization": "Bearer secret-token"})
        assert urllib.request.urlopen(req, timeout=30).status in (200, 204)
    finally:
        server.stop()
    proc = ok(kg("query", "SELECT ?o WHERE { <urn:x:a> <urn:x:b> ?o }", "-f", "csv", "--store", url))
    assert proc.stdout.split() == ["o", "c"]
