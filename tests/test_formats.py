"""The format registry (kg.formats): its entries agree with pyoxigraph and the W3C, and a new format
is one entry: registered at run time, it is served by the CLI, the server and the exporter with no
other edit."""

from __future__ import annotations

import json
import warnings

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from kgtest import seed_store_dir  # noqa: F401  (fixture)

from kg import formats
from kg.formats import GRAPH, RDF, RESULTS, Format

# --- the entries -----------------------------------------------------------------------------


@pytest.mark.parametrize("name, ox_name", [("json", "JSON"), ("xml", "XML"), ("csv", "CSV"), ("tsv", "TSV")])
def test_result_formats_agree_with_pyoxigraph(name, ox_name):
    fmt, theirs = formats.get(name, RESULTS), getattr(ox.QueryResultsFormat, ox_name)
    assert (fmt.media_type, fmt.w3c) == (theirs.media_type.split(";")[0], theirs.iri)
    assert theirs.file_extension in fmt.extensions


def test_rdf_formats_are_pyoxigraph_s():
    for fmt in formats.formats(RDF):
        theirs = fmt.write
        assert isinstance(theirs, ox.RdfFormat)
        assert (fmt.media_type, fmt.extensions[0], fmt.datasets) == \
            (theirs.media_type, theirs.file_extension, theirs.supports_datasets), fmt.name
        # pyoxigraph 0.5.13 gives JSON-LD https://www.w3.org/ns/formats/data/JSON-LD; the W3C's list says:
        assert fmt.w3c == (formats.W3C + "JSON-LD" if fmt.name == "jsonld" else theirs.iri), fmt.name


def test_every_writer_can_be_loaded():
    for fmt in formats.formats():
        assert fmt.write is not None, fmt.name


def test_a_clashing_entry_is_refused_and_the_registry_stays_as_it_was():
    before = formats.formats()
    for clash in [Format("csv", RESULTS, "x", "json:dumps"),  # a name kg query already offers
                  Format("rdfish", RDF, "x", "json:dumps", extensions=("graphml",)),  # kg export's extension
                  Format("n3ish", RDF, "x", "json:dumps", "text/n3"),  # a media type Turtle answers
                  Format("x", "table", "x", "json:dumps"),
                  Format("x", GRAPH, "x", "json.dumps")]:
        with pytest.raises(ValueError):
            formats.register(clash)
    assert formats.formats() == before
    # a name may mean one thing for results and another for a graph file: csv is both
    assert formats.get("csv", RESULTS) != formats.get("csv", GRAPH)


# --- a new format is one entry ----------------------------------------------------------------


def rows_as_ndjson(result) -> str:
    """A trivial result format for the test: one JSON object per row, values only."""
    if result.kind == "ask":
        return json.dumps({"boolean": result.boolean}) + "\n"
    return "".join(json.dumps({v: t.value for v, t in zip(result.variables, row) if t is not None}) + "\n"
                   for row in result.rows)


def edge_list(flat, out) -> None:
    """A trivial graph format for the test: one 'source TAB relation TAB target' line per edge."""
    for _, u, v, key, row in flat.edges:
        out.write(f"{u}\t{row.get('relation', key)}\t{v}\n".encode())


@pytest.fixture
def registered():
    """Register entries for one test, then take them out again."""
    added = []

    def register(fmt):
        added.append(formats.register(fmt))
        return fmt

    before = formats.formats()
    yield register
    for fmt in added:
        formats.unregister(fmt)
    assert formats.formats() == before


@pytest.fixture
def client(seed_store_dir):  # noqa: F811
    """kg serve's app in this process (its workers are processes of their own: a format registered
    here reaches them in the job, as its entry)."""
    with warnings.catch_warnings():  # starlette 1.x would rather have httpx2 than httpx; both work
        warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient` is deprecated")
        from starlette.testclient import TestClient

    from kg.server.app import create_app
    with TestClient(create_app(seed_store_dir, workers=1)) as client:
        yield client


def kg(*args):
    from kg.cli import cli
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


STATES = "SELECT ?label WHERE { ?s a mkg:State ; rdfs:label ?label } ORDER BY ?label"


def test_a_new_result_format_is_one_entry(registered, client, seed_store_dir):  # noqa: F811
    ndjson = registered(Format("ndjson", RESULTS, "NDJSON", f"{__name__}:rows_as_ndjson", "application/x-ndjson",
                               extensions=("ndjson",)))
    # the CLI: a choice of kg query -f, written by the new writer
    lines = kg("query", STATES, "-f", "ndjson", "--store", seed_store_dir).stdout.splitlines()
    labels = [json.loads(line)["label"] for line in lines]
    assert "Pakistan" in labels and labels == sorted(labels) and len(labels) == 9
    # the server: by Accept, and by SPARQLWrapper's parameters whatever the Accept header says
    by_accept = client.get("/sparql", params={"query": STATES}, headers={"Accept": "application/x-ndjson"})
    by_name = client.get("/sparql", params={"query": STATES, "format": "ndjson"}, headers={"Accept": "*/*"})
    named = client.get("/queries/mediators", params={"output": "ndjson"})
    for r in (by_accept, by_name, named):
        assert r.status_code == 200, r.text
        assert r.headers["content-type"] == "application/x-ndjson; charset=utf-8"
    assert by_accept.text.splitlines() == by_name.text.splitlines() == lines
    assert {"mediatorLabel", "what"} <= set(json.loads(named.text.splitlines()[0]))
    # offered to the query page, and in the 406 message
    assert {"name": "ndjson", "label": "NDJSON", "media_type": "application/x-ndjson", "w3c": None,
            "extension": "ndjson", "readable": False} in client.get("/formats").json()[RESULTS]
    refused = client.get("/sparql", params={"query": STATES}, headers={"Accept": "image/png"})
    assert refused.status_code == 406 and "application/x-ndjson" in refused.text
    # the library's writer
    from kg.sparql.query import run
    from kg.sparql.results import format_result
    from kg.store import open_store
    with open_store(seed_store_dir) as store:
        assert format_result(run(store, STATES), ndjson).splitlines() == lines


def test_a_new_graph_format_is_one_entry(registered, client, seed_store_dir, tmp_path):  # noqa: F811
    registered(Format("edgelist", GRAPH, "Edge list", f"{__name__}:edge_list", "text/x-edge-list",
                      extensions=("edges",)))
    # the exporter
    from kg.graphs.export import export_graph
    from kg.graphs.project import project
    from kg.store import open_store
    with open_store(seed_store_dir) as store:
        actors = project(store, "actors")
    data = export_graph(actors, "edgelist")
    lines = data.decode("utf-8").splitlines()
    assert len(lines) == actors.number_of_edges() > 10
    assert all(line.count("\t") == 2 for line in lines)
    # the CLI: a choice of kg export -f, and the format a file's extension names
    assert kg("export", "--graph", "actors", "-f", "edgelist", "--store", seed_store_dir).stdout_bytes == data
    out = tmp_path / "actors.edges"
    kg("export", "--graph", "actors", "-o", out, "--store", seed_store_dir)
    assert out.read_bytes() == data
    # the server: the actors' graph by Accept, and by the format parameter
    by_accept = client.get("/graph", headers={"Accept": "text/x-edge-list"})
    by_name = client.get("/graph", params={"format": "edgelist"})
    for r in (by_accept, by_name):
        assert r.status_code == 200 and r.content == data
        assert r.headers["content-type"] == "text/x-edge-list; charset=utf-8"
        assert r.headers["content-disposition"] == 'attachment; filename="actors.edges"'
    assert "edgelist" in [f["name"] for f in client.get("/formats").json()[GRAPH]]
    # a browser still gets the page
    page = client.get("/graph", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
