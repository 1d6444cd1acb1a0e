"""The remote store (issues 6, 13): kg.store.remote.RemoteStore against two real servers, Virtuoso
(tests/virtuoso.py) and Oxigraph server (tests/oxigraph_server.py): each test runs on both.

The seed is loaded into the server (a named graph per source, as the embedded build makes them) and
every named query, with and without its example parameters, is run on it and on the embedded store.
Where a server answers differently the case is marked xfail with the reason (a defect or a limit of
that server, not the query's); docs/scaling.md lists them.
"""

from __future__ import annotations

import collections
import itertools
import re
import shlex

import pyoxigraph as ox
import pytest
from kgtest import run_kg

from kg.build import build_memory
from kg.data import seed_path
from kg.errors import QueryError, StoreError
from kg.namespaces import GRAPH
from kg.sparql.named import get_named, named_queries, parse_params
from kg.sparql.query import run
from kg.store import open_store
from kg.store.remote import STAGING_SUFFIX, RemoteStore, credentials, substitute

DBA = {"KG_STORE_USER": "dba", "KG_STORE_PASSWORD": "dba"}


def _example_params(nq) -> list[str]:
    words = shlex.split(nq.example)
    return [words[i + 1] for i, w in enumerate(words) if w == "--param"]


# Where Virtuoso 7.2.5 gives other answers than Oxigraph (seen on the seed; see the report of issue 6).
# The named queries avoid what Virtuoso gets wrong where a portable rewrite exists (see
# docs/writing-queries.md): parameters are tested with COALESCE(?param, ?x), class tests run in a
# SELECT DISTINCT subquery, quote marks in GROUP_CONCAT are written as language-tagged literals. What
# is left are Virtuoso defects in transitive property paths ('*', '+') that no rewrite keeping the
# query's meaning avoids:
_TWO_CLASS_PATHS = ("Virtuoso loses rows when two 'a/rdfs:subClassOf*' tests are joined and the instances share "
                    "a class: '?e mkg:after ?c . ?c a/rdfs:subClassOf* mkg:MilitaryEvent . ?e a/rdfs:subClassOf* "
                    "mkg:MilitaryEvent' gives 1 row, not 2 (also with the paths in subqueries, as separate "
                    "rdfs:subClassOf* patterns, or in FILTER EXISTS)")
_PATH_AND_AGGREGATE = ("Virtuoso loses rows when a 'rdfs:subClassOf*' path is joined with an aggregating subquery "
                       "(the statement's quotes): 1 row, not 4, whichever way the class test is written; and "
                       "NOT EXISTS { ?s a ?n . ?n rdfs:subClassOf+ ?type } drops 3 of 10 statements")
_AFFILIATION_PATH = ("Virtuoso cannot evaluate 'FILTER EXISTS { ?attacker mkg:affiliatedWith* ?by }': without "
                     "the parameter it fails ('transitive start not given'; written with BIND or a join instead, "
                     "'neither end of the transitive derived table is given' or an internal compiler error), "
                     "with it every row is lost")
_EXISTS_AFTER_PATH = ("Virtuoso loses every row when 'FILTER EXISTS { ?ceasefire mkg:party <iri> }' follows a "
                      "subquery with a 'rdfs:subClassOf*' path (with the parameter left out, the same query is right)")
_NO_ACCESS_CONTROL = ("Oxigraph server has no authentication or access control: anyone who can reach it can "
                      "write (put it behind a proxy that checks credentials, or bind it to loopback)")
KNOWN = {  # (server, case...): why that server answers otherwise; docs/scaling.md lists them
    ("virtuoso", "ceasefires", True): _EXISTS_AFTER_PATH,
    ("virtuoso", "escalation-chain", False): _TWO_CLASS_PATHS, ("virtuoso", "escalation-chain", True): _TWO_CLASS_PATHS,
    ("virtuoso", "official-statements", False): _PATH_AND_AGGREGATE,
    ("virtuoso", "official-statements", True): _PATH_AND_AGGREGATE,
    ("virtuoso", "strike-places", False): _AFFILIATION_PATH, ("virtuoso", "strike-places", True): _AFFILIATION_PATH,
    ("oxigraph", "update without credentials"): _NO_ACCESS_CONTROL,
    ("oxigraph", "server dataset"): ("Oxigraph server's default graph is a graph of its own, not the union of "
                                     "the named graphs, unless it is started with --union-default-graph: with "
                                     "dataset = 'server' a query that names no graphs sees nothing"),
}


def _cases():
    for name in named_queries():
        # a query with a required parameter (accounts: the item) has no form without its example's
        required = any(not p.optional for p in get_named(name).params)
        for with_example in (True,) if required else (False, True):
            yield pytest.param(name, with_example, id=f"{name}-{'example' if with_example else 'bare'}")


def known_difference(request, server, *case) -> None:
    """Mark the running test as an expected failure (strict: a server that gets it right fails the
    suite, so the note goes) when ``KNOWN`` lists ``case`` for ``server``."""
    reason = KNOWN.get((server.kind, *case))
    if reason:
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))


@pytest.fixture(scope="module")
def local():
    return build_memory([seed_path()])


@pytest.fixture(scope="module")
def remote(sparql_server, local):
    """The seed, loaded into the server; the store as the DBA sees it (Oxigraph asks for no credentials)."""
    with pytest.MonkeyPatch.context() as mp:
        for k, v in DBA.items():
            mp.setenv(k, v)
        store = open_store(sparql_server.sparql_url)
    assert isinstance(store, RemoteStore)
    sparql_server.clear()
    store.load(local.quads(), batch=400)
    return store


_CONCATENATED = re.compile(r'GROUP_CONCAT\(.*?;\s*separator\s*=\s*"([^"]*)"\s*\)\s+AS\s+\?(\w+)', re.S)


def _answer(result, sparql: str = ""):
    """The answer as a multiset of rows; a GROUP_CONCAT column (found in ``sparql``) as the sorted
    parts of its text, since SPARQL leaves their order to the engine (Virtuoso's differs) and
    Oxigraph, unlike SPARQL 1.1 and Virtuoso, keeps a language tag all the parts share."""
    if result.kind == "ask":
        return result.boolean
    rows = result.rows if result.kind == "select" else result.triples
    separators = dict((name, sep) for sep, name in _CONCATENATED.findall(sparql))
    columns = [separators.get(str(v).lstrip("?")) for v in result.variables] if result.kind == "select" else []

    def cell(term, separator):
        if term is None:
            return None
        if separator and isinstance(term, ox.Literal):
            return tuple(sorted(term.value.split(separator)))
        return str(term)
    return collections.Counter(tuple(cell(t, s) for t, s in itertools.zip_longest(row, columns)) for row in rows)


# --- the load ---------------------------------------------------------------------------------

def test_seed_loads_with_its_named_graphs(remote, local):
    assert remote.named_graphs() == local.named_graphs()
    assert len(remote) == len(local)
    for g in local.named_graphs():
        assert remote.count(g) == sum(1 for _ in local.quads(ox.NamedNode(g)))
    assert remote.incomplete_graphs() == []


def test_quads_come_back(remote, local):
    def ground(quads):  # blank nodes get the server's labels: compare the rest, and count them
        out, blank = set(), 0
        for q in quads:
            if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
                blank += 1
            else:
                out.add(str(q))
        return out, blank
    got, expected = ground(remote.quads()), ground(local.quads())
    assert got[1] == expected[1]
    # Virtuoso keeps numbers as SQL numerics: an integral xsd:decimal comes back as xsd:integer.
    decimal, integer = "^^<http://www.w3.org/2001/XMLSchema#decimal>", "^^<http://www.w3.org/2001/XMLSchema#integer>"
    assert {q.replace(decimal, integer) for q in got[0]} == {q.replace(decimal, integer) for q in expected[0]}
    assert {q for q in expected[0] - got[0] if decimal not in q} == set()


def test_server_graphs_are_not_the_stores(remote):
    """A server holds other graphs (Virtuoso keeps its own: virtrdf#, DAV, ...; here one more is
    added): the store is only the kg graphs."""
    other = "urn:x-test:not-the-stores"
    remote.update(f"INSERT DATA {{ GRAPH <{other}> {{ <urn:x:a> <urn:x:b> <urn:x:c> }} }}")
    try:
        assert all(g.startswith(str(GRAPH)) for g in remote.named_graphs())
        everything = remote.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", own_dataset=True)
        assert int(next(iter(everything))[0].value) > len(remote)
    finally:
        remote.drop_graph(other)


# --- queries ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name,with_example", list(_cases()))
def test_named_query_same_answer(request, sparql_server, remote, local, name, with_example):
    known_difference(request, sparql_server, name, with_example)
    nq = named_queries()[name]
    params = parse_params(_example_params(nq) if with_example else [], nq)
    expected = run(local, nq, params)
    got = run(remote, nq, params)
    assert got.variables == expected.variables
    assert _answer(got, nq.text) == _answer(expected, nq.text)


def test_ask_construct_and_dataset(remote, local):
    for text in ("ASK { ?s a mkg:Mediation }", "ASK { ?s a mkg:NoSuchClass }",
                 "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a mkg:Mediation ; rdfs:label ?l }"):
        assert _answer(run(remote, text)) == _answer(run(local, text))
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    source = "aljazeera-2026-02-27"
    assert _answer(run(remote, count, graph=source)) == _answer(run(local, count, graph=source))
    g = str(GRAPH[source])
    by_graph = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    assert (_answer(run(remote, by_graph, default_graphs=[], named_graphs=[g]))
            == _answer(run(local, by_graph, default_graphs=[], named_graphs=[g])))


def test_parameter_cannot_change_the_query(remote):
    """A parameter goes in as an escaped term: quotes, braces and newlines stay inside it."""
    hostile = ox.Literal('x" } } ; DROP ALL ; #\n"')
    r = run(remote, "SELECT ?l ?v WHERE { ?s rdfs:label ?l FILTER(?l = ?v) }", {ox.Variable("v"): hostile})
    assert r.rows == []
    assert len(remote) > 0
    r = run(remote, "SELECT ?v WHERE { }", {ox.Variable("v"): hostile})
    assert r.rows == [(hostile,)]


def test_syntax_error_is_a_query_error(remote):
    with pytest.raises(QueryError):
        remote.query("SELECT ?x WHERE { ?x ?y }")


def test_kg_query_command_against_the_endpoint(remote, sparql_server):
    r = run_kg("query", "mediators", "--param", "party1=pakistan", "--param", "party2=afghanistan",
               "--store", sparql_server.sparql_url, "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert "Qatar" in r.stdout and "Saudi Arabia" in r.stdout


def test_truncated_answer_is_an_error(tmp_path, virtuoso):
    """Virtuoso cuts answers off at ResultSetMaxRows with HTTP 200; the store notices (the
    X-SPARQL-MaxRows header) and says so rather than return part of the answer."""
    from virtuoso import Virtuoso
    with Virtuoso(tmp_path / "db", max_rows=5) as server:
        store = RemoteStore(server.sparql_url)
        with pytest.raises(QueryError, match="cut the answer off at its limit of 5 rows"):
            store.query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 20", own_dataset=True)
        assert len(list(store.query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 3", own_dataset=True))) == 3


def test_the_servers_own_dataset(request, sparql_server, remote, local, monkeypatch):
    """dataset = "server": a query that names no graphs runs on the server's own default graph (the
    default on Virtuoso, whose default graph is the union of all its graphs)."""
    known_difference(request, sparql_server, "server dataset")
    monkeypatch.setenv("KG_STORE_DATASET", "server")
    store = RemoteStore(sparql_server.sparql_url)
    nq = named_queries()["offices"]
    expected = _answer(run(local, nq))
    assert expected and _answer(run(store, nq)) == expected


def test_oxigraph_union_default_graph(tmp_path, oxigraph, local, monkeypatch):
    """Started with --union-default-graph, Oxigraph server answers on its own dataset as Virtuoso does."""
    from oxigraph_server import OxigraphServer
    monkeypatch.setenv("KG_STORE_DATASET", "server")
    with OxigraphServer(tmp_path / "db", union_default_graph=True) as server:
        store = RemoteStore(server.sparql_url)
        store.load(local.quads())
        nq = named_queries()["offices"]
        assert _answer(run(store, nq)) == _answer(run(local, nq))


def test_endpoints_are_found_from_the_query_url(sparql_server, remote):
    """Given only the query URL, updates and loads go to the server's own endpoints for them."""
    base = sparql_server.sparql_url.rsplit("/", 1)[0]
    expected = {"virtuoso": (base + "/sparql-auth", base + "/sparql-graph-crud-auth"),
                "oxigraph": (base + "/update", base + "/store")}[sparql_server.kind]
    assert (remote.update_url, remote.graph_store_url) == expected


def test_rival_claims_after_an_acled_import(request, tmp_path, sparql_server, monkeypatch):
    """rival-claims on the seed, then again once 400 ACLED events (400 claims by ACLED) are imported:
    on a new server, the rows of an embedded store built and imported the same way."""
    from importdata import acled_csv, many_acled

    from kg.build import build
    from kg.importers import import_file
    known_difference(request, sparql_server, "rival-claims after an ACLED import")
    for k, v in DBA.items():
        monkeypatch.setenv(k, v)
    acled = tmp_path / "events.acled.csv"
    # every row with a toll, so that each makes a claim (ACLED's 0 makes none)
    rows = [dict(r, fatalities=r["fatalities"] if r["fatalities"] != "0" else "1") for r in many_acled(400)]
    acled.write_text(acled_csv(rows), encoding="utf-8")
    nq = named_queries()["rival-claims"]
    local = tmp_path / "local"
    with type(sparql_server)(tmp_path / "db") as server:
        for location in (server.sparql_url, local):
            build([seed_path()], location)
        with open_store(local) as store:
            seed = _answer(run(store, nq))
        assert sum(seed.values()) == 5
        assert _answer(run(open_store(server.sparql_url), nq)) == seed
        # one side's rows (a parameter the server gets inside the subquery, embedded Oxigraph outside)
        side = parse_params(["side=afghanistan"], nq)
        with open_store(local) as store:
            one = _answer(run(store, nq, side))
        assert sum(one.values()) == 4 and _answer(run(open_store(server.sparql_url), nq, side)) == one
        for location in (server.sparql_url, local):
            import_file("acled", acled, location)
        with open_store(local) as store:
            assert _answer(run(store, nq)) == seed  # ACLED's claims have no rival: the same five
        assert _answer(run(open_store(server.sparql_url), nq)) == seed


# --- credentials ------------------------------------------------------------------------------

def test_update_without_credentials_is_refused(request, sparql_server, monkeypatch):
    known_difference(request, sparql_server, "update without credentials")
    for k in DBA:
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("NETRC", "/nonexistent")
    store = RemoteStore(sparql_server.sparql_url)
    graph = "urn:x-test:anonymous"  # not one of the store's: where it is written, the store is as it was
    try:
        with pytest.raises(StoreError, match="KG_STORE_USER"):
            store.update(f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:a> <urn:b> <urn:c> }} }}")
    finally:
        sparql_server.clear(graph)


def test_credentials_in_the_url_are_refused():
    with pytest.raises(StoreError, match="KG_STORE_USER"):
        RemoteStore("http://dba:dba@127.0.0.1:1/sparql")


def test_credentials_from_netrc(tmp_path, monkeypatch):
    for k in DBA:
        monkeypatch.delenv(k, raising=False)
    rc = tmp_path / "netrc"
    rc.write_text("machine kg.example.org login alice password s3cret\n")
    rc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(rc))
    assert credentials("https://kg.example.org/sparql") == ("alice", "s3cret")
    assert credentials("https://other.example.org/sparql") is None
    monkeypatch.setenv("KG_STORE_USER", "bob")
    monkeypatch.setenv("KG_STORE_PASSWORD", "pw")
    assert credentials("https://kg.example.org/sparql") == ("bob", "pw")


# --- an interrupted load ----------------------------------------------------------------------

def test_interrupted_load_reports_and_rerun_completes(tmp_path, sparql_server, local, monkeypatch):
    """The server is stopped mid-load: a clear error saying how far it got, the target graphs
    untouched (queries see nothing of the partial load); after a restart a rerun completes."""
    for k, v in DBA.items():
        monkeypatch.setenv(k, v)
    server = type(sparql_server)(tmp_path / "db")
    server.start()
    try:
        store = RemoteStore(server.sparql_url)
        quads = list(local.quads())

        def stop_midway(batches, _quads):
            if batches == 3:
                server.stop()
        with pytest.raises(StoreError) as e:
            store.load(quads, batch=200, progress=stop_midway)
        message = str(e.value)
        assert "3 batches (600 of" in message and f"of {len(quads)} quads" in message
        assert "as they were" in message and "again" in message

        server.start()
        store = RemoteStore(server.sparql_url)
        assert len(store) == 0 and store.named_graphs() == []  # the partial load is not visible
        assert store.load(quads, batch=200) == len(quads)
        assert len(store) == len(local)
        assert store.named_graphs() == local.named_graphs()
        assert store.incomplete_graphs() == []
    finally:
        server.stop()


def test_a_failing_source_leaves_no_staging_graphs(remote, local):
    """The quads come from a stream (a build translating files as it loads): when the stream fails
    (bad input), what it sent is dropped and its error passes on; the store is as it was."""
    before = len(remote)

    def source():
        for i, q in enumerate(local.quads()):
            if i == 900:
                raise ValueError("bad input at quad 900")
            yield q
    sent = []
    with pytest.raises(ValueError, match="quad 900"):
        remote.load(source(), batch=200, progress=lambda batches, quads: sent.append(quads))
    assert sent and sent[-1] >= 400  # batches had gone to staging graphs before the failure
    assert remote.incomplete_graphs() == []
    assert len(remote) == before


def test_replace_is_a_rebuild(tmp_path, sparql_server, local, monkeypatch):
    """What 'kg build' does to an endpoint: the new graphs in, graphs no longer built dropped,
    imported graphs kept, the build's record kept beside the data."""
    for k, v in DBA.items():
        monkeypatch.setenv(k, v)
    with type(sparql_server)(tmp_path / "db") as server:
        store = RemoteStore(server.sparql_url)
        stale, imported = str(GRAPH["gone-source"]), str(GRAPH["import/acled-1"])
        store.update(f"INSERT DATA {{ GRAPH <{stale}> {{ <urn:a> <urn:b> 1 }} GRAPH <{imported}> {{ <urn:a> <urn:b> 2 }} }}")
        store.replace(local.quads(), {"files": ["x.yaml"]}, batch=300)
        assert store.named_graphs() == sorted(local.named_graphs() + [imported])
        assert len(store) == len(local) + 1
        assert store.info() == {"files": ["x.yaml"]}


# --- without a server -------------------------------------------------------------------------

def test_substitute_writes_terms():
    iri, lit = ox.NamedNode("https://w3id.org/mediation-kg/id/pakistan"), ox.Literal('a "b"')
    text = ('SELECT ?x ?p (COUNT(*) AS ?n) WHERE { ?x ?y ?p . { SELECT ?x ?p WHERE { ?x ?z ?p } } '
            'FILTER(?l = "?p") # ?p\n} GROUP BY ?x ?p ORDER BY ?p')
    out = substitute(text, {ox.Variable("p"): iri})
    assert out == ('SELECT ?x (<https://w3id.org/mediation-kg/id/pakistan> AS ?p) (COUNT(*) AS ?n) WHERE { '
                   '?x ?y <https://w3id.org/mediation-kg/id/pakistan> . { SELECT ?x  WHERE '
                   '{ ?x ?z <https://w3id.org/mediation-kg/id/pakistan> } } FILTER(?l = "?p") # ?p\n} '
                   'GROUP BY ?x (<https://w3id.org/mediation-kg/id/pakistan>) '
                   'ORDER BY (<https://w3id.org/mediation-kg/id/pakistan>)')
    assert substitute("SELECT ?v WHERE { }", {ox.Variable("v"): lit}) == 'SELECT ("a \\"b\\"" AS ?v) WHERE { }'


def test_open_store_takes_a_url():
    assert isinstance(open_store("http://127.0.0.1:1/sparql"), RemoteStore)
    assert STAGING_SUFFIX.startswith(".")  # not a source id (ids have no dot): cannot clash with one
