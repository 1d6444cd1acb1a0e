"""Serialise the store (or one named graph) to the RDF formats other tools read."""

from __future__ import annotations


# format name -> (pyoxigraph RdfFormat attribute, file extension)
FORMATS = {
    "turtle": ("TURTLE", "ttl"),
    "ntriples": ("N_TRIPLES", "nt"),
    "trig": ("TRIG", "trig"),
    "nquads": ("N_QUADS", "nq"),
    "jsonld": ("JSON_LD", "jsonld"),
    "rdfxml": ("RDF_XML", "rdf"),
}


def rdf_format(name: str):
    import pyoxigraph as ox
    return getattr(ox.RdfFormat, FORMATS[name][0])


def export(store, fmt: str, graph: str | None = None) -> bytes:
    """The store as ``fmt`` bytes. Dataset formats (TriG, N-Quads, JSON-LD) keep every named graph;
    triple formats get the union of all graphs unless ``graph`` names one."""
    import pyoxigraph as ox

    from .query import resolve_graph
    target = None if graph is None else ox.NamedNode(resolve_graph(graph, store.named_graphs()))
    return store.dump(rdf_format(fmt), target)
