"""RDF files are accepted as sources in every common format, and nothing in them makes kg fetch
anything over the network (a loopback listener counts connection attempts: it must see none)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from kgtest import listener  # noqa: F401  (fixture)
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.authoring.ingest import ingest
from kg.build import build_memory
from kg.data import seed_path
from kg.errors import InputErrors
from kg.namespaces import ONTOLOGY_GRAPH, reserved_graph
from kg.terms import from_oxigraph, quad_to_oxigraph

FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG, ".nt": ox.RdfFormat.N_TRIPLES,
           ".nq": ox.RdfFormat.N_QUADS, ".jsonld": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML}


def data_quads(store):
    # what the files said: not the graphs kg writes itself (the ontology, the attribution records)
    return [q for q in store._store if not (isinstance(q.graph_name, ox.NamedNode) and reserved_graph(q.graph_name.value))]


def triples(quads) -> Graph:
    g = Graph()
    for q in quads:
        g.add((from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object)))
    return g


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_seed_round_trips_through_each_rdf_format(tmp_path, suffix):
    fmt = FORMATS[suffix]
    seed = [quad_to_oxigraph(*q) for q in ingest([seed_path()]).quads]
    scratch = ox.Store()
    scratch.bulk_extend(seed if fmt.supports_datasets else [ox.Quad(q.subject, q.predicate, q.object) for q in seed])
    path = tmp_path / f"seed{suffix}"
    scratch.dump(path, format=fmt, **({} if fmt.supports_datasets else {"from_graph": ox.DefaultGraph()}))
    rebuilt = build_memory([path])  # validated against the shapes, like any source
    assert isomorphic(triples(data_quads(rebuilt)), triples(seed))
    if fmt.supports_datasets:
        assert {q.graph_name for q in data_quads(rebuilt)} == {q.graph_name for q in seed}


def test_jsonld_remote_context_is_not_fetched(tmp_path, listener):
    f = tmp_path / "remote.jsonld"
    f.write_text('{"@context": "http://127.0.0.1:%d/context.jsonld", "@id": "http://example.org/x", "name": "x"}'
                 % listener.port)
    with pytest.raises(InputErrors) as err:
        build_memory([f])
    assert "remote.jsonld" in str(err.value) and "never fetches over the network" in str(err.value)
    assert listener.connections == 0


def test_rdfxml_external_entity_is_not_fetched(tmp_path, listener):
    f = tmp_path / "entity.rdf"
    f.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [<!ENTITY ext SYSTEM "http://127.0.0.1:{listener.port}/secret">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/x"><ex:p>&ext;</ex:p></rdf:Description>
</rdf:RDF>""")
    with pytest.raises(InputErrors):
        build_memory([f], validate=False)
    assert listener.connections == 0


def test_turtle_with_remote_iris_fetches_nothing(tmp_path, listener):
    base = f"http://127.0.0.1:{listener.port}/"
    f = tmp_path / "remote.ttl"
    f.write_text(f"@base <{base}> .\n@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
                 f"<a> owl:imports <{base}ontology.ttl> ; <{base}p> <{base}o> .\n")
    store = build_memory([f], validate=False)
    assert len(store) > 1000 and listener.connections == 0
