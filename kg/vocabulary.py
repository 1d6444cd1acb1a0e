"""The ontology, event types and shapes shipped with the package, and what ingest derives from them.

Type names an analyst writes (``air-strike``, ``not-independently-verified``) are the kebab-case
local names of the ontology's classes and concept individuals, so adding a class to the ontology
makes it usable in the authoring format with no code change.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from .namespaces import MKG, ONTOLOGY_GRAPH

ONTOLOGY_FILES = ("mkg.ttl", "event-types.ttl")
SHAPES_FILE = "shapes.ttl"


def kebab(local_name: str) -> str:
    """``NonStateArmedGroup`` -> ``non-state-armed-group``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", local_name).lower()


def ontology_path(name: str):
    return resources.files("kg.ontology").joinpath(name)


@cache
def ontology_graph() -> Graph:
    g = Graph()
    for name in ONTOLOGY_FILES:
        g.parse(data=ontology_path(name).read_text(encoding="utf-8"), format="turtle")
    return g


@cache
def shapes_graph() -> Graph:
    return Graph().parse(data=ontology_path(SHAPES_FILE).read_text(encoding="utf-8"), format="turtle")


def _local(iri) -> str | None:
    s = str(iri)
    return s[len(str(MKG)):] if s.startswith(str(MKG)) else None


@cache
def subclasses(base_local: str) -> dict[str, URIRef]:
    """Every mkg class under ``mkg:<base_local>`` (itself included), keyed by kebab-case name."""
    g = ontology_graph()
    out = {}
    for cls in g.transitive_subjects(RDFS.subClassOf, MKG[base_local]):
        local = _local(cls)
        if local:
            out[kebab(local)] = cls
    return out


@cache
def concepts(class_local: str) -> dict[str, URIRef]:
    """The concept individuals of ``mkg:<class_local>`` (measures, qualifiers...) by kebab-case name."""
    g = ontology_graph()
    return {kebab(_local(ind)): ind for ind in g.subjects(RDF.type, MKG[class_local]) if _local(ind)}


@cache
def is_subclass(cls: URIRef, base_local: str) -> bool:
    return cls in set(subclasses(base_local).values())


def ontology_version() -> str:
    g = ontology_graph()
    for o in g.objects(None, OWL.versionInfo):
        return str(o)
    return "unknown"


@cache
def ontology_quads() -> tuple:
    """The ontology and event types as quads in their own named graph, with stable blank-node labels
    (computed once: the canonical labelling takes half a second, every build and import needs it)."""
    from rdflib.compare import to_canonical_graph

    return tuple((s, p, o, ONTOLOGY_GRAPH) for s, p, o in sorted(to_canonical_graph(ontology_graph())))
