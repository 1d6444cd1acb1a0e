"""``kg serve`` driven as a real server (a ``python -m kg serve`` subprocess on a loopback port):
SPARQLWrapper as the client a user would have, raw HTTP (httpx) for the protocol's edge cases.

Three servers start once for the whole file, in parallel: one with the defaults, one accepting
updates (with a token, on its own copy of the store), one with tight limits (--timeout 2,
--max-rows 5) for the timeout and row-limit tests.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import networkx as nx
import pytest
import rdflib
from kgtest import listener, seed_store_dir  # noqa: F401  (fixtures)

from kg.sparql.named import get_named

TOKEN = "test-token-5f1c"
ID = "https://w3id.org/mediation-kg/id/"
GRAPH = "https://w3id.org/mediation-kg/graph/"
MEDIATORS = {"Qatar", "Türkiye", "Saudi Arabia"}
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z . ?d ?t ?w }"  # 2000^4 rows: hours
CLAIMS = "SELECT ?c WHERE { ?c a mkg:Claim }"  # 14 rows in the seed
RDFS_LABEL = rdflib.URIRef("http://www.w3.org/2000/01/rdf-schema#label")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``kg serve`` in a subprocess; its log goes to a file (shown when something fails)."""

    def __init__(self, store, log_dir: Path, name: str, *args, env=None):
        self.store = store
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_dir / f"{name}.log"
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(self.port), *map(str, args)],
            stdout=self._log, stderr=subprocess.STDOUT, env=dict(os.environ, **(env or {})))

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"kg serve exited with {self.proc.returncode}:\n{self.log()}")
            try:
                if httpx.get(self.url + "/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        pytest.fail(f"kg serve did not answer /health within {timeout} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-5000:]

    def children(self) -> list[int]:
        """PIDs of the server's child processes (Linux /proc), i.e. its query workers."""
        out = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.proc.pid:
                out.append(int(stat.parent.name))
        return out

    def stop(self) -> int:
        self.proc.terminate()
        try:
            code = self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait(10)
        self._log.close()
        return code


@pytest.fixture(scope="session")
def servers(seed_store_dir, tmp_path_factory):
    """The three servers of this file, started together (their workers start in parallel)."""
    base = tmp_path_factory.mktemp("serve")
    update_store = base / "update-store"
    shutil.copytree(seed_store_dir, update_store)
    started = {
        "main": Server(seed_store_dir, base, "main", "--workers", 3),
        "update": Server(update_store, base, "update", "--workers", 2, "--allow-update", env={"KG_UPDATE_TOKEN": TOKEN}),
        "limits": Server(seed_store_dir, base, "limits", "--workers", 2, "--timeout", 2, "--max-rows", 5),
    }
    try:
        for server in started.values():
            server.wait_ready()
        yield started
    finally:
        for server in started.values():
            server.stop()


@pytest.fixture(scope="session")
def server(servers):
    return servers["main"]


@pytest.fixture(scope="session")
def update_server(servers):
    return servers["update"]


@pytest.fixture(scope="session")
def limits_server(servers):
    return servers["limits"]


def sparql_json(url: str, query: str, **params) -> dict:
    r = httpx.get(url + "/sparql", params={"query": query, **params}, timeout=30,
                  headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.text
    return r.json()


def column(answer: dict, var: str) -> list[str]:
    return [b[var]["value"] for b in answer["results"]["bindings"] if var in b]


# --- SPARQLWrapper, the client a Python user has ------------------------------------------------

def wrapper(server, query: str, fmt):
    from SPARQLWrapper import SPARQLWrapper
    sw = SPARQLWrapper(server.url + "/sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    sw.setTimeout(30)
    return sw


def test_sparqlwrapper_select_json(server):
    from SPARQLWrapper import JSON
    answer = wrapper(server, get_named("mediators").with_prefixes(), JSON).query().convert()
    assert set(column(answer, "mediatorLabel")) == MEDIATORS
    assert "mediatorLabel" in answer["head"]["vars"]


def test_sparqlwrapper_select_xml(server):
    from SPARQLWrapper import XML
    result = wrapper(server, get_named("mediators").with_prefixes(), XML).query()
    assert result.response.headers["Content-Type"].startswith("application/sparql-results+xml")
    doc = result.convert()  # an xml.dom.minidom Document
    labels = {b.getElementsByTagName("literal")[0].firstChild.data
              for b in doc.getElementsByTagName("binding") if b.getAttribute("name") == "mediatorLabel"}
    assert labels == MEDIATORS


def test_sparqlwrapper_select_csv(server):
    from SPARQLWrapper import CSV
    data = wrapper(server, get_named("mediators").with_prefixes(), CSV).query().convert()
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    assert {r["mediatorLabel"] for r in rows} == MEDIATORS


CONSTRUCT_MEDIATORS = """
CONSTRUCT { ?mediator rdfs:label ?label }
WHERE { ?mediation a/rdfs:subClassOf* mkg:Mediation ; mkg:mediator ?mediator . ?mediator rdfs:label ?label }
"""


def test_sparqlwrapper_construct_turtle(server):
    from SPARQLWrapper import TURTLE
    result = wrapper(server, CONSTRUCT_MEDIATORS, TURTLE).query()
    assert result.response.headers["Content-Type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=result.convert(), format="turtle")
    assert {str(o) for o in g.objects(None, RDFS_LABEL)} == MEDIATORS
    assert (rdflib.URIRef(ID + "qatar"), RDFS_LABEL, rdflib.Literal("Qatar")) in g


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # inside SPARQLWrapper
def test_sparqlwrapper_construct_rdfxml(server):
    from SPARQLWrapper import RDFXML
    result = wrapper(server, CONSTRUCT_MEDIATORS, RDFXML).query()
    assert result.response.headers["Content-Type"].startswith("application/rdf+xml")
    g = result.convert()  # SPARQLWrapper parses RDF/XML into an rdflib graph
    assert {str(o) for o in g.objects(None, RDFS_LABEL)} == MEDIATORS


def test_sparqlwrapper_ask(server):
    from SPARQLWrapper import JSON, XML
    assert wrapper(server, "ASK { id:qatar a mkg:State }", JSON).query().convert()["boolean"] is True
    assert wrapper(server, "ASK { id:qatar a mkg:Ceasefire }", JSON).query().convert()["boolean"] is False
    doc = wrapper(server, "ASK { id:qatar a mkg:State }", XML).query().convert()
    assert doc.getElementsByTagName("boolean")[0].firstChild.data == "true"


# --- the protocol, by hand ----------------------------------------------------------------------

Q = "SELECT ?label WHERE { ?s a mkg:State ; rdfs:label ?label } ORDER BY ?label"


def test_get_and_both_posts_agree(server):
    accept = {"Accept": "application/sparql-results+json"}
    by_get = httpx.get(server.url + "/sparql", params={"query": Q}, headers=accept)
    by_form = httpx.post(server.url + "/sparql", data={"query": Q}, headers=accept)
    by_body = httpx.post(server.url + "/sparql", content=Q.encode(),
                         headers={**accept, "Content-Type": "application/sparql-query"})
    answers = [r.json() for r in (by_get, by_form, by_body)]
    assert all(r.status_code == 200 for r in (by_get, by_form, by_body))
    assert answers[0] == answers[1] == answers[2]
    assert "Pakistan" in column(answers[0], "label") and len(column(answers[0], "label")) == 9
    assert by_get.headers["content-type"] == "application/sparql-results+json; charset=utf-8"


def test_syntax_error_is_400_with_line_and_column(server):
    r = httpx.post(server.url + "/sparql", data={"query": "SELECT ?s\nWHERE { ?s ?p }"})
    assert r.status_code == 400
    assert "line 2, column" in r.text and "^" in r.text and "Traceback" not in r.text
    assert r.headers["content-type"] == "text/plain; charset=utf-8"


def test_406_lists_what_it_can_serve(server):
    r = httpx.get(server.url + "/sparql", params={"query": Q}, headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert "application/sparql-results+json" in r.text and "text/turtle" in r.text
    # A CONSTRUCT cannot be sent as CSV, nor a SELECT as Turtle
    r = httpx.get(server.url + "/sparql", params={"query": CONSTRUCT_MEDIATORS}, headers={"Accept": "text/csv"})
    assert r.status_code == 406 and "text/turtle" in r.text
    r = httpx.get(server.url + "/sparql", params={"query": Q}, headers={"Accept": "text/turtle"})
    assert r.status_code == 406


@pytest.mark.parametrize("accept, media_type", [
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("*/*", "application/sparql-results+json"),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("application/json", "application/sparql-results+json"),
    ("text/*", "text/csv"),
])
def test_result_media_types(server, accept, media_type):
    r = httpx.get(server.url + "/sparql", params={"query": Q}, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == f"{media_type}; charset=utf-8"
    assert "Accept" in r.headers["vary"]
    if media_type == "text/tab-separated-values":
        assert r.text.splitlines()[0] == "?label" and '"Pakistan"' in r.text
    if media_type == "text/csv":
        assert r.text.startswith("label\r\n") and "\r\nPakistan\r\n" in r.text


@pytest.mark.parametrize("value, media_type", [
    ("csv", "text/csv"), ("tsv", "text/tab-separated-values"), ("xml", "application/sparql-results+xml"),
    ("json", "application/sparql-results+json"), ("text/csv", "text/csv"), ("no-such-format", "application/sparql-results+json"),
])
def test_format_parameter_overrides_accept(server, value, media_type):
    r = httpx.get(server.url + "/sparql", params={"query": Q, "format": value, "output": value},
                  headers={"Accept": "*/*"})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media_type)


def test_construct_formats_by_accept(server):
    for accept, fmt in [("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/rdf+xml", "xml"),
                        ("application/ld+json", "json-ld"), ("*/*", "turtle"), ("application/trig", "trig"),
                        ("application/n-quads", "nquads")]:
        r = httpx.get(server.url + "/sparql", params={"query": CONSTRUCT_MEDIATORS}, headers={"Accept": accept})
        assert r.status_code == 200, r.text
        g = rdflib.Dataset().parse(data=r.text, format=fmt)  # the answer is in the default graph
        assert {str(o) for o in g.objects(None, RDFS_LABEL)} == MEDIATORS, accept


def test_every_format_of_the_registry_is_served_and_listed(server):
    """kg.formats decides: GET /formats lists each kind's formats in the server's order, and every
    one of them is what its media type and its name get."""
    from kg import formats
    listed = httpx.get(server.url + "/formats").json()
    for kind, query in [(formats.RESULTS, Q), (formats.RDF, CONSTRUCT_MEDIATORS)]:
        assert [f["name"] for f in listed[kind]] == [f.name for f in formats.served(kind)]
        for f in formats.served(kind):
            by_type = httpx.get(server.url + "/sparql", params={"query": query}, headers={"Accept": f.media_type})
            by_name = httpx.get(server.url + "/sparql", params={"query": query, "output": f.name})
            for r in (by_type, by_name):
                assert r.status_code == 200 and r.headers["content-type"] == f"{f.media_type}; charset=utf-8", f.name
    assert [f["name"] for f in listed[formats.GRAPH]] == ["graphml", "gexf", "cytoscape", "gml"]  # not csv: two files


@pytest.fixture(scope="session")
def wikidata_size(seed_store_dir):
    """Triples in the seed's graph/wikidata, counted without the server."""
    import pyoxigraph as ox

    from kg.store import open_store
    with open_store(seed_store_dir) as store:
        return len(list(store.quads(ox.NamedNode(GRAPH + "wikidata"))))


def test_dataset_parameters(server, wikidata_size):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    everything = int(column(sparql_json(server.url, count), "n")[0])
    wikidata = int(column(sparql_json(server.url, count, **{"default-graph-uri": GRAPH + "wikidata"}), "n")[0])
    assert 20 < wikidata == wikidata_size and everything > 2000
    named = sparql_json(server.url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                        **{"named-graph-uri": GRAPH + "wikidata"})
    assert column(named, "g") == [GRAPH + "wikidata"]
    r = httpx.get(server.url + "/sparql", params={"query": count, "default-graph-uri": "http://example.org/none"})
    assert r.status_code == 400 and "no graph <http://example.org/none>" in r.text


def test_service_description(server):
    r = httpx.get(server.url + "/sparql")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=r.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = g.value(None, rdflib.RDF.type, sd.Service)
    assert str(g.value(service, sd.endpoint)) == server.url + "/sparql"
    assert sd.SPARQL11Query in set(g.objects(service, sd.supportedLanguage))
    assert sd.SPARQL11Update not in set(g.objects(service, sd.supportedLanguage))
    formats = {str(f) for f in g.objects(service, sd.resultFormat)}
    assert "http://www.w3.org/ns/formats/SPARQL_Results_JSON" in formats and "http://www.w3.org/ns/formats/Turtle" in formats
    assert len(formats) == 10  # JSON, XML, CSV, TSV; Turtle, N-Triples, RDF/XML, JSON-LD, TriG, N-Quads
    names = {str(n) for n in g.objects(None, sd.name)}
    assert names == {GRAPH + "aljazeera-2026-02-27", GRAPH + "ontology", GRAPH + "wikidata", GRAPH + "attribution",
                     GRAPH + "keys"}
    for accept, fmt in [("application/rdf+xml", "xml"), ("application/ld+json", "json-ld")]:
        other = httpx.get(server.url + "/sparql", headers={"Accept": accept})
        assert other.status_code == 200 and len(rdflib.Graph().parse(data=other.text, format=fmt)) == len(g)
    browser = httpx.get(server.url + "/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert browser.status_code == 303 and browser.headers["location"] == "/"
    assert httpx.get(server.url + "/sparql", headers={"Accept": "image/png"}).status_code == 406


def test_graph_store_read(server, wikidata_size):
    url = server.url + "/rdf-graph-store"
    r = httpx.get(url, params={"graph": GRAPH + "wikidata"})
    assert r.status_code == 200 and r.headers["content-type"] == "text/turtle; charset=utf-8"
    assert len(rdflib.Graph().parse(data=r.text, format="turtle")) == wikidata_size
    nt = httpx.get(url, params={"graph": GRAPH + "wikidata"}, headers={"Accept": "application/n-triples"})
    assert len(rdflib.Graph().parse(data=nt.text, format="nt")) == wikidata_size
    union = httpx.get(url + "?default", headers={"Accept": "application/ld+json"})
    assert union.status_code == 200
    g = rdflib.Graph().parse(data=union.text, format="json-ld")
    assert (rdflib.URIRef(ID + "qatar"), RDFS_LABEL, rdflib.Literal("Qatar")) in g and len(g) > 2000
    head = httpx.head(url, params={"graph": GRAPH + "wikidata"})
    assert head.status_code == 200 and head.content == b"" and int(head.headers["content-length"]) == len(r.content)
    assert httpx.get(url, params={"graph": "http://example.org/none"}).status_code == 404
    assert httpx.get(url, params={"graph": GRAPH + "wikidata"}, headers={"Accept": "text/csv"}).status_code == 406
    assert httpx.get(url).status_code == 400
    assert httpx.put(url, params={"graph": GRAPH + "wikidata"}, content=b"").status_code == 405


def test_named_queries(server):
    listing = httpx.get(server.url + "/queries").json()
    by_name = {q["name"]: q for q in listing}
    mediators = by_name["mediators"]
    assert {p["name"] for p in mediators["params"]} == {"party1", "party2"}
    assert mediators["params"][0]["type"] == "iri" and mediators["params"][0]["optional"] is True
    assert mediators["sparql"] == get_named("mediators").with_prefixes() and mediators["title"]

    def rows(name, **params):
        r = httpx.get(f"{server.url}/queries/{name}", params=params, headers={"Accept": "application/sparql-results+json"})
        assert r.status_code == 200, r.text
        return r.json()["results"]["bindings"]

    assert len(rows("rival-claims")) == 5
    assert rows("mediators", party1="nosuchthing") == []
    assert {b["mediatorLabel"]["value"] for b in rows("mediators", party1="pakistan")} == MEDIATORS
    assert len(rows("mediators", party1="pakistan")) == 3
    assert "party1" not in rows("mediators", party1="pakistan")[0]  # parameter columns are hidden
    csv_answer = httpx.get(server.url + "/queries/rival-claims", params={"format": "csv"})
    assert csv_answer.headers["content-type"].startswith("text/csv") and len(csv_answer.text.splitlines()) == 6
    assert httpx.get(server.url + "/queries/no-such-query").status_code == 404
    bad = httpx.get(server.url + "/queries/mediators", params={"party1": "<not an iri"})
    assert bad.status_code == 400 and "'<not an iri'" in bad.text and "Traceback" not in bad.text
    unknown = httpx.get(server.url + "/queries/mediators", params={"colour": "red"})
    assert unknown.status_code == 400 and "no parameter 'colour'" in unknown.text


def test_cors(server):
    pre = httpx.options(server.url + "/sparql", headers={
        "Origin": "http://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, authorization"})
    assert pre.status_code == 200
    assert pre.headers["access-control-allow-origin"] == "*"
    assert "POST" in pre.headers["access-control-allow-methods"]
    assert "authorization" in pre.headers["access-control-allow-headers"].lower()
    r = httpx.get(server.url + "/sparql", params={"query": Q}, headers={"Origin": "http://yasgui.example"})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "*"


def test_health_pages_and_headers(server):
    health = httpx.get(server.url + "/health").json()
    assert health["status"] == "ok" and health["quads"] > 2000 and Path(health["store"]).name == "kg-store"
    graph = httpx.get(server.url + "/graph")
    assert graph.status_code == 200 and graph.headers["content-type"] == "text/html; charset=utf-8"
    assert "default-src 'none'" in graph.headers["content-security-policy"]
    assert graph.headers["x-content-type-options"] == "nosniff" and "Qatar" in graph.text
    assert httpx.get(server.url + "/graph").text == graph.text  # cached, the same page
    # the same graph as a network file, by Accept or by name
    graphml = httpx.get(server.url + "/graph", headers={"Accept": "application/graphml+xml"})
    assert graphml.headers["content-type"] == "application/graphml+xml; charset=utf-8"
    labels = {d["label"] for _, d in nx.read_graphml(io.BytesIO(graphml.content)).nodes(data=True)}
    assert {"Qatar", "Pakistan", "Afghanistan"} <= labels
    gexf = httpx.get(server.url + "/graph", params={"format": "gexf"})
    assert gexf.headers["content-disposition"] == 'attachment; filename="actors.gexf"'
    assert {d["label"] for _, d in nx.read_gexf(io.BytesIO(gexf.content)).nodes(data=True)} == labels
    assert httpx.get(server.url + "/static/../server.py").status_code == 404
    assert httpx.get(server.url + "/nowhere").status_code == 404


def test_query_page_served(server):
    from kg.server.app import web_dir
    page = httpx.get(server.url + "/")
    assert page.status_code == 200 and page.headers["content-type"] == "text/html; charset=utf-8"
    assert "'self'" in page.headers["content-security-policy"] and page.headers["x-content-type-options"] == "nosniff"
    for f in web_dir().iterdir():
        if f.suffix in (".js", ".css"):
            r = httpx.get(f"{server.url}/static/{f.name}")
            assert r.status_code == 200 and r.content == f.read_bytes()
            assert r.headers["content-type"].startswith({"js": "text/javascript", "css": "text/css"}[f.suffix[1:]])


def test_bad_requests_get_a_message_not_a_traceback(server):
    r = httpx.post(server.url + "/sparql", content=b"query=x", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415 and "application/sparql-query" in r.text
    r = httpx.post(server.url + "/sparql", data={"nothing": "here"})
    assert r.status_code == 400
    r = httpx.get(server.url + "/sparql", params=[("query", Q), ("query", Q)])
    assert r.status_code == 400 and "once" in r.text
    r = httpx.get(server.url + "/sparql", params={"update": "CLEAR ALL"})
    assert r.status_code == 400 and "POST" in r.text
    r = httpx.post(server.url + "/sparql", content=b"\xff\xfe", headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 400 and "UTF-8" in r.text


def test_kept_alive_connections_do_not_stall(server):
    """Nagle's algorithm on the server's sockets once made every answer on a kept-alive connection
    wait ~40 ms for the client's delayed ACK; answers from the seed take a few ms."""
    with httpx.Client(base_url=server.url) as client:
        times = []
        for _ in range(15):
            started = time.perf_counter()
            assert client.get("/queries/mediators", params={"party1": "pakistan"}).status_code == 200
            times.append(time.perf_counter() - started)
    assert sorted(times)[len(times) // 2] < 0.030, times


# --- updates ------------------------------------------------------------------------------------

INSERT = 'INSERT DATA { GRAPH <https://w3id.org/mediation-kg/graph/test-update> { id:test-item rdfs:label "inserted by a test" } }'
FIND = 'SELECT ?label WHERE { id:test-item rdfs:label ?label }'


def test_update_refused_when_read_only(server):
    r = httpx.post(server.url + "/sparql", data={"update": INSERT})
    assert r.status_code == 403 and "read-only" in r.text
    r = httpx.post(server.url + "/sparql", content=INSERT.encode(), headers={"Content-Type": "application/sparql-update",
                                                                          "Authorization": "Bearer anything"})
    assert r.status_code == 403
    r = httpx.post(server.url + "/sparql", data={"query": INSERT})
    assert r.status_code == 400 and "update=" in r.text


def test_update_with_token(update_server):
    url = update_server.url + "/sparql"
    assert httpx.post(url, data={"update": INSERT}).status_code == 401
    assert httpx.post(url, data={"update": INSERT}, headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert column(sparql_json(update_server.url, FIND), "label") == []
    r = httpx.post(url, content=INSERT.encode(), headers={"Content-Type": "application/sparql-update",
                                                          "Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 204, r.text
    for _ in range(4):  # every worker (two) reopens the new store
        assert column(sparql_json(update_server.url, FIND), "label") == ["inserted by a test"]
    harmless = 'INSERT DATA { id:test-item rdfs:comment "SERVICE and LOAD are only words here" }'
    assert httpx.post(url, data={"update": harmless}, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 204
    sd = httpx.get(url).text
    assert "SPARQL11Update" in sd and "test-update" in sd
    syntax = httpx.post(url, data={"update": "INSERT DATA { <a> <b> }"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert syntax.status_code == 400 and "line 1, column" in syntax.text
    # No copy is left behind, and the replaced store goes once no worker has it open any more.
    store = Path(httpx.get(update_server.url + "/health").json()["store"])

    def aside(kind):
        return [p.name for p in store.parent.iterdir() if p.name.startswith(f".{store.name}.{kind}-")]
    deadline = time.monotonic() + 10
    while aside("old") and time.monotonic() < deadline:
        sparql_json(update_server.url, FIND)
        time.sleep(0.05)
    assert aside("update") == [] and aside("old") == []


REVISION = ("{verb} DATA {{ GRAPH <https://w3id.org/mediation-kg/graph/test-revision> "
            "{{ id:test-revision mkg:revises id:mujahid-pakistani-killed }} }}")


def test_update_refreshes_what_the_queries_join_on(update_server):
    """rival-claims starts from the pairs in graph:keys (kg/sparql/keys.py): an update that revises a
    claim drops its pair, and one that takes the revision back restores it; a key left stale by an
    update would be a wrong row."""
    def rivals():
        r = httpx.get(update_server.url + "/queries/rival-claims", headers={"Accept": "application/sparql-results+json"})
        return {b["claimB"]["value"].rsplit("/", 1)[1] for b in r.json()["results"]["bindings"]}

    def update(verb):
        r = httpx.post(update_server.url + "/sparql", data={"update": REVISION.format(verb=verb)},
                       headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 204, r.text
    assert "mujahid-pakistani-killed" in rivals()
    update("INSERT")
    for _ in range(3):  # every worker (two) reads the new store
        assert "mujahid-pakistani-killed" not in rivals()
    update("DELETE")
    for _ in range(3):
        assert "mujahid-pakistani-killed" in rivals()


# --- limits: time and size ----------------------------------------------------------------------

def test_slow_query_is_stopped_and_stalls_nobody(limits_server):
    url = limits_server.url + "/sparql"
    slow = {}

    def send_slow():
        started = time.monotonic()
        r = httpx.post(url, data={"query": SLOW}, timeout=60)
        slow.update(status=r.status_code, text=r.text, seconds=time.monotonic() - started, done=time.monotonic())

    thread = threading.Thread(target=send_slow)
    thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    fast = httpx.get(limits_server.url + "/queries/rival-claims", headers={"Accept": "text/csv"}, timeout=60)
    fast_done = time.monotonic()
    thread.join(30)
    assert fast.status_code == 200 and len(fast.text.splitlines()) == 6
    assert fast_done - started < 1.5, "a small query waited for the slow one"
    assert fast_done < slow["done"] - 0.3
    assert slow["status"] == 503 and slow["text"].startswith("query stopped after 2 s")
    assert 1.9 < slow["seconds"] < 5
    # the killed worker was replaced: the server still answers, on every worker
    for _ in range(4):
        assert column(sparql_json(limits_server.url, "SELECT ?c WHERE { ?c a mkg:Claim } LIMIT 2"), "c")
    deadline = time.monotonic() + 30
    while httpx.get(limits_server.url + "/health").json()["workers_replaced"] < 1 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert httpx.get(limits_server.url + "/health").json()["workers_replaced"] >= 1


def test_max_rows_is_refused_never_truncated(limits_server):
    r = httpx.post(limits_server.url + "/sparql", data={"query": CLAIMS})
    assert r.status_code == 422 and "more than 5 rows" in r.text
    r = httpx.post(limits_server.url + "/sparql", data={"query": CLAIMS + " LIMIT 5"}, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and len(r.text.splitlines()) == 6
    r = httpx.get(limits_server.url + "/sparql", params={"query": "CONSTRUCT WHERE { ?c a mkg:Claim }"})
    assert r.status_code == 422 and "triples" in r.text


# --- the server never fetches -------------------------------------------------------------------

def test_update_during_a_build_or_import_is_refused_not_lost(update_server):
    """While kg build or kg import holds the store's write lock, an update would be swapped in over
    their work (or theirs over it): the server answers 503 with Retry-After and changes nothing."""
    from kg.store.disk import store_lock
    before = sparql_json(update_server.url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    with store_lock(update_server.store):
        r = httpx.post(update_server.url + "/sparql", data={"update": 'INSERT DATA { id:locked rdfs:label "x" }'},
                       headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 503 and r.headers["retry-after"] == "10" and "writing to" in r.text
    assert sparql_json(update_server.url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == before


def test_an_update_cleans_up_after_killed_builds_and_imports(update_server):
    """Under the store's write lock, an update deletes the copies that killed builds and imports
    left beside the store (a dead process's), and keeps a live process's."""
    store = Path(httpx.get(update_server.url + "/health").json()["store"])
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = [store.parent / f".{store.name}.import-{dead.pid}-0a1b2c3d", store.parent / f".{store.name}.new-{dead.pid}"]
    live = store.parent / f".{store.name}.new-{update_server.proc.pid}"
    for path in left + [live]:
        path.mkdir()
        (path / "000001.sst").write_bytes(b"x" * 1000)
    r = httpx.post(update_server.url + "/sparql", data={"update": 'INSERT DATA { id:cleaner rdfs:label "x" }'},
                   headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 204, r.text
    assert not any(path.exists() for path in left) and live.exists()
    shutil.rmtree(live)


@pytest.mark.parametrize("kind, template", [
    ("query", "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"),
    ("query", "SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"),
    ("query", "SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE {{ ?s ?p ?o }}"),
    ("query", "SELECT * FROM NAMED <http://127.0.0.1:{port}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"),
    ("query", "LOAD <http://127.0.0.1:{port}/data.ttl>"),
    ("update", "LOAD <http://127.0.0.1:{port}/data.ttl>"),
    ("update", "LOAD SILENT <http://127.0.0.1:{port}/data.ttl> INTO GRAPH <http://example.org/g>"),
    ("update", "INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"),
])
def test_server_never_reaches_the_network(update_server, listener, kind, template):
    text = template.format(port=listener.port)
    r = httpx.post(update_server.url + "/sparql", data={kind: text}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 400, r.text
    assert "Traceback" not in r.text and "--allow-remote" not in r.text
    r = httpx.get(update_server.url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
                                                         "default-graph-uri": f"http://127.0.0.1:{listener.port}/g"})
    assert r.status_code == 400
    time.sleep(0.2)  # the listener counts any attempt made meanwhile
    assert listener.connections == 0


# --- starting and stopping ----------------------------------------------------------------------

def test_missing_store_is_a_clear_error(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "kg", "serve", "--store", str(tmp_path / "nowhere"),
                           "--port", str(free_port())], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "no mediation-kg store" in proc.stderr and "Traceback" not in proc.stderr


def test_port_in_use_is_a_clear_error(server, seed_store_dir):
    proc = subprocess.run([sys.executable, "-m", "kg", "serve", "--store", str(seed_store_dir),
                           "--port", str(server.port)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "cannot listen on 127.0.0.1" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc to see the workers")
def test_stop_ends_the_workers(seed_store_dir, tmp_path):
    one = Server(seed_store_dir, tmp_path, "one", "--workers", 2)
    try:
        one.wait_ready()
        workers = one.children()
        assert len(workers) >= 2
    finally:
        code = one.stop()
    assert code == 0, one.log()  # stopped (SIGTERM) after a graceful shutdown: a normal exit

    def running(pid):  # a zombie has ended (only some init processes reap orphans)
        try:
            return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except OSError:
            return False
    deadline = time.monotonic() + 5
    while any(running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [pid for pid in workers if running(pid)] == []
    assert "Traceback" not in one.log()


# --- the worker pool on its own -----------------------------------------------------------------

def test_worker_pool_queues_stops_and_replaces(seed_store_dir):
    import asyncio

    from kg.server.workers import JobTimeout, WorkerPool

    async def scenario():
        pool = WorkerPool(seed_store_dir, size=1, timeout=1.0)
        await pool.start()
        try:
            first = (await pool.call({"op": "ping"}))["pid"]
            started = time.monotonic()
            # one worker: the second job waits in line for the first
            await asyncio.gather(pool.call({"op": "sleep", "seconds": 0.4}), pool.call({"op": "sleep", "seconds": 0.4}))
            assert time.monotonic() - started >= 0.8
            with pytest.raises(JobTimeout, match="query stopped after 1 s"):
                await pool.call({"op": "sleep", "seconds": 30})
            # the next job waits for the replacement, which has the store open
            replaced = await pool.call({"op": "ping"})
            assert replaced["pid"] != first and replaced["generation"] == 0
            assert pool.replaced == 1 and pool.last_replacement_s < 30
        finally:
            await pool.close()

    asyncio.run(scenario())
