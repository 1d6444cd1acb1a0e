"""Every export format re-imports to an isomorphic graph; the dataset formats keep the named graphs."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from kgtest import seed_store  # noqa: F401  (fixture)
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg import formats
from kg.export import export
from kg.formats import RDF
from kg.terms import from_oxigraph


def quads_of(store_or_bytes, fmt=None):
    if isinstance(store_or_bytes, bytes):
        quads = ox.parse(store_or_bytes, format=fmt)
    else:
        quads = store_or_bytes._store
    return [(from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object),
             None if isinstance(q.graph_name, ox.DefaultGraph) else from_oxigraph(q.graph_name)) for q in quads]


def as_graph(quads) -> Graph:
    g = Graph()
    for s, p, o, _ in quads:
        g.add((s, p, o))
    return g


@pytest.mark.parametrize("name", formats.names(RDF))
def test_export_reimports_isomorphic(seed_store, name):  # noqa: F811
    fmt = formats.get(name, RDF).write
    data = export(seed_store, name)
    original = quads_of(seed_store)
    again = quads_of(data, fmt)
    assert isomorphic(as_graph(again), as_graph(original))
    if fmt.supports_datasets:
        by_graph = lambda qs: {g: as_graph([q for q in qs if q[3] == g]) for g in {q[3] for q in qs}}  # noqa: E731
        a, b = by_graph(original), by_graph(again)
        assert set(a) == set(b) and len(a) == 5  # the source's, wikidata, the ontology, attribution, keys
        assert all(isomorphic(a[g], b[g]) for g in a)


@pytest.mark.parametrize("name", ["trig", "nquads", "turtle"])
def test_rdflib_reads_the_exports(seed_store, name):  # noqa: F811
    """Other tools read our files: rdflib's own parsers, not just Oxigraph's."""
    rdflib_format = {"trig": "trig", "nquads": "nquads", "turtle": "turtle"}[name]
    data = export(seed_store, name)
    if name == "turtle":
        g = Graph().parse(data=data, format=rdflib_format)
        assert len(g) == len(as_graph(quads_of(seed_store)))
    else:
        ds = Dataset().parse(data=data, format=rdflib_format)
        assert {str(c.identifier) for c in ds.graphs() if len(c)} >= set(seed_store.named_graphs())


def test_one_graph_export(seed_store):  # noqa: F811
    g = "https://w3id.org/mediation-kg/graph/wikidata"
    data = export(seed_store, "ntriples", g)
    in_store = len(list(seed_store._store.quads_for_pattern(None, None, None, ox.NamedNode(g))))
    assert in_store > 20 and len(Graph().parse(data=data, format="nt")) == in_store


def test_exports_are_reproducible(seed_store):  # noqa: F811
    from kg.build import build_memory
    again = build_memory()
    assert export(again, "nquads") == export(seed_store, "nquads")


@pytest.mark.parametrize("name", ["nquads", "trig", "ntriples"])
def test_export_streams_into_a_file(seed_store, tmp_path, name):  # noqa: F811
    """export_file writes what export returns, through a file (a dump of a large store never sits in
    memory), and a failure leaves the old file as it was."""
    from kg.export import export_file

    path = tmp_path / f"all.{name}"
    size = export_file(seed_store, name, path)
    assert path.read_bytes() == export(seed_store, name) and size == path.stat().st_size
    path.write_bytes(b"old")
    with pytest.raises(Exception):
        export_file(seed_store, name, path, graph="no-such-source")
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == [path.name]
