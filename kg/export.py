"""Serialise the store (or one named graph) to the RDF formats other tools read."""

from __future__ import annotations

import os
from pathlib import Path

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

    target = None
    if graph is not None:
        if graph not in store.named_graphs():
            from .errors import KGError
            raise KGError(f"no named graph {graph!r} in the store; 'kg stats' lists them")
        target = ox.NamedNode(graph)
    return store.dump(rdf_format(fmt), target)


def write_atomically(path: str | os.PathLike, data: bytes) -> None:
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
