"""kg query's result formats read back by independent parsers (rdflib's) to the same bindings,
with literals that break naive writers; limits, timeouts, graph restriction, and no network."""

from __future__ import annotations

import csv
import io

import pyoxigraph as ox
import pytest
from kgtest import listener, run_kg, seed_store_dir  # noqa: F401  (fixtures)
from rdflib import BNode, Variable
from rdflib.query import Result as RdflibResult

from kg import formats
from kg.errors import QueryError, QueryTimeout
from kg.formats import RESULTS
from kg.sparql.query import run
from kg.sparql.results import format_result
from kg.store import OxigraphStore
from kg.terms import from_oxigraph

XSD = "http://www.w3.org/2001/XMLSchema#"
TRICKY = [
    ox.Literal("tab\there"), ox.Literal('quote " and \\ backslash'), ox.Literal("new\nline and\r\nCRLF"),
    ox.Literal("comma, separated"), ox.Literal("Türkiye ☮"), ox.Literal("l'été", language="fr"),
    ox.Literal("2026-02-27", datatype=ox.NamedNode(XSD + "date")), ox.Literal("274", datatype=ox.NamedNode(XSD + "integer")),
    ox.Literal("-1.5", datatype=ox.NamedNode(XSD + "decimal")), ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")),
    ox.Literal(""), ox.Literal("<b>&amp;</b>"),
]


@pytest.fixture(scope="module")
def tricky_store():
    s = ox.Store()
    for i, lit in enumerate(TRICKY):
        s.add(ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode("http://example.org/p"), lit))
    s.add(ox.Quad(ox.BlankNode("b0"), ox.NamedNode("http://example.org/p"), ox.NamedNode("http://example.org/o")))
    return OxigraphStore(s)


def select_all(store):
    return run(store, "SELECT ?s ?o ?missing WHERE { ?s <http://example.org/p> ?o } ORDER BY STR(?o)")


def rdflib_bindings(result):
    names = [Variable(v) for v in ("s", "o", "missing")]
    return sorted(tuple(b.get(v) for v in names) for b in result.bindings)


def expected(result):
    return sorted(tuple(None if t is None else from_oxigraph(t) for t in row) for row in result.rows)


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_round_trip_through_rdflib_parsers(tricky_store, fmt):
    result = select_all(tricky_store)
    text = format_result(result, fmt)
    parsed = RdflibResult.parse(io.StringIO(text), format=fmt)
    got = rdflib_bindings(parsed)
    want = expected(result)
    # blank node labels are local to a document: compare them as "a blank node"
    norm = lambda rows: [tuple("_:" if isinstance(t, BNode) else t for t in r) for r in rows]  # noqa: E731
    assert norm(got) == norm(want)
    assert len(got) == len(TRICKY) + 1


def test_csv_round_trip_keeps_every_value(tricky_store):
    """CSV carries values only (no types or languages, by the standard); rdflib's CSV parser
    must get the same strings back, commas, quotes and line breaks included."""
    result = select_all(tricky_store)
    text = format_result(result, "csv")
    assert text.startswith("s,o,missing\r\n")
    parsed = RdflibResult.parse(io.StringIO(text, newline=""), format="csv")
    got = sorted((str(b.get(Variable("s")) or ""), str(b.get(Variable("o")) or "")) for b in parsed.bindings)
    want = sorted(("" if isinstance(r[0], ox.BlankNode) else r[0].value, r[1].value) for r in result.rows)
    assert [o for _, o in got] == [o for _, o in want]


def test_csv_writes_a_blank_node_as_one():
    """The W3C CSV writes a blank node as _:label (Turtle's form), so it cannot be taken for the
    literal of the same text; the spreadsheet CSV too."""
    from kg.sparql.results import to_csv
    s = ox.Store()
    s.add(ox.Quad(ox.BlankNode("b0"), ox.NamedNode("http://example.org/p"), ox.Literal("b0")))
    result = select_all(OxigraphStore(s))
    for text in (format_result(result, "csv"), to_csv(result, escape_formulas=True)):
        assert list(csv.reader(io.StringIO(text, newline=""))) == [["s", "o", "missing"], ["_:b0", "b0", ""]]


def test_csv_keeps_formula_like_values_exact_unless_asked_for_a_spreadsheet():
    """The W3C CSV is read back by programs (and kg serve answers it): values stay exact, however
    they begin. to_csv(escape_formulas=True), kg query --escape-formulas, is for a spreadsheet."""
    from kg.sparql.results import to_csv
    s = ox.Store()
    values = [ox.Literal("=cmd|' /C calc'!A0"), ox.Literal("+HYPERLINK(\"http://evil.example/\")"),
              ox.Literal("@SUM(A1)"), ox.Literal("-3.5", datatype=ox.NamedNode(XSD + "decimal"))]
    for i, lit in enumerate(values):
        s.add(ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode("http://example.org/p"), lit))
    result = select_all(OxigraphStore(s))
    exact = sorted(row[1] for row in csv.reader(io.StringIO(format_result(result, "csv"), newline="")))
    assert exact == sorted(["o"] + [v.value for v in values])
    safe = sorted(row[1] for row in csv.reader(io.StringIO(to_csv(result, escape_formulas=True), newline="")))
    assert safe == sorted(["o", "'=cmd|' /C calc'!A0", "'+HYPERLINK(\"http://evil.example/\")", "'@SUM(A1)", "-3.5"])


def test_tsv_follows_the_standard(tricky_store):
    text = format_result(select_all(tricky_store), "tsv")
    header, *lines = text.split("\n")
    assert header == "?s\t?o\t?missing"
    assert all(line.count("\t") == 2 for line in lines if line)  # tabs inside literals are escaped
    assert '"tab\\there"' in text and '"l\'été"@fr' in text


def test_ask_in_every_select_format(tricky_store):
    result = run(tricky_store, "ASK { ?s ?p 'tab\\there' }")
    for name in formats.names(RESULTS):
        assert ("true" in format_result(result, name).lower()) or format_result(result, name) == "yes"


def test_construct_formats(tricky_store):
    result = run(tricky_store, "CONSTRUCT { ?s <http://example.org/q> ?o } WHERE { ?s <http://example.org/p> ?o }")
    for name in ("turtle", "ntriples", "rdfxml", "jsonld"):
        text = format_result(result, name)
        fmt = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
               "rdfxml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD}[name]
        assert len(list(ox.parse(text.encode(), format=fmt))) == len(TRICKY) + 1
    with pytest.raises(QueryError, match="cannot hold the answer of a CONSTRUCT"):
        format_result(result, "csv")


def test_limit_marks_truncation(seed_store_dir):
    from kg.store import open_store
    with open_store(seed_store_dir) as store:
        r = run(store, "SELECT ?c WHERE { ?c a mkg:Claim }", limit=5)
        assert len(r.rows) == 5 and r.truncated
        r = run(store, "SELECT ?c WHERE { ?c a mkg:Claim }", limit=14)
        assert len(r.rows) == 14 and not r.truncated


def test_graph_restriction_and_from(seed_store_dir):
    from kg.store import open_store
    count = "SELECT (COUNT(?c) AS ?n) WHERE { ?c a mkg:Claim }"
    with open_store(seed_store_dir) as store:
        assert run(store, count).records()[0]["n"] == 14
        assert run(store, count, graph="wikidata").records()[0]["n"] == 0
        assert run(store, count, graph="aljazeera-2026-02-27").records()[0]["n"] == 14
        q = "SELECT (COUNT(*) AS ?n) FROM graph:wikidata WHERE { ?s ?p ?o }"
        in_graph = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH graph:wikidata { ?s ?p ?o } }"
        assert run(store, q).records()[0]["n"] == run(store, in_graph).records()[0]["n"] > 20
        with pytest.raises(QueryError, match="no such named graph"):
            run(store, "SELECT * FROM <http://example.org/elsewhere> WHERE { ?s ?p ?o }")
        with pytest.raises(QueryError, match="no named graph"):
            run(store, count, graph="no-such-source")


def test_timeout_library(tricky_store):
    big = ox.Store()
    big.bulk_extend(ox.Quad(ox.NamedNode(f"http://a/{i}"), ox.NamedNode("http://a/p"), ox.Literal(str(i))) for i in range(3000))
    with pytest.raises(QueryTimeout, match="time limit of 0.5 s"):
        run(OxigraphStore(big), "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?p ?y . ?c ?p ?z }", timeout=0.5)


@pytest.mark.slow  # a process that waits out its time limit
def test_timeout_cli_exits_3(seed_store_dir):
    # in a process of its own: the command exits at the limit, and the query it gave up on goes with it
    proc = run_kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z . ?d ?t ?w }",
                  "--timeout", "1", "--store", seed_store_dir, process=True)
    assert proc.returncode == 3 and "time limit of 1 s" in proc.stderr and "Traceback" not in proc.stderr
    assert "--timeout SECONDS" in proc.stderr  # what to do about it


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM NAMED <http://127.0.0.1:{port}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "LOAD <http://127.0.0.1:{port}/data.ttl>",
    "select * where {{ service <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
])
def test_kg_query_never_reaches_the_network(seed_store_dir, listener, template):
    proc = run_kg("query", template.format(port=listener.port), "--store", seed_store_dir)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert listener.connections == 0


def test_words_in_strings_and_names_are_not_mistaken_for_keywords(seed_store_dir):
    q = ('SELECT ?service ?from WHERE { BIND("SERVICE <x> LOAD" AS ?service) ?from org:holds ?post } '
         '# SERVICE and FROM <http://example.org/> in a comment')
    proc = run_kg("query", q, "--store", seed_store_dir, "-f", "csv")
    assert proc.returncode == 0 and "SERVICE <x> LOAD" in proc.stdout
