"""Every namespace IRI the project uses, defined once.

Other modules import from here; no IRI is spelled out anywhere else.
"""

import re

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

from .limits import LIMITS

MKG = Namespace("https://w3id.org/mediation-kg/ontology#")
ONTOLOGY_IRI = "https://w3id.org/mediation-kg/ontology"
ET = Namespace("https://w3id.org/mediation-kg/event-type/")
ID = Namespace("https://w3id.org/mediation-kg/id/")
GRAPH = Namespace("https://w3id.org/mediation-kg/graph/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
# Concept schemes of imported datasets (ontology/cameo.ttl, acled.ttl, ucdp.ttl) and WGS84 coordinates.
CAMEO = Namespace("https://w3id.org/mediation-kg/cameo/")
ACLED = Namespace("https://w3id.org/mediation-kg/acled/")
UCDP = Namespace("https://w3id.org/mediation-kg/ucdp/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")

# Prefixes offered to SPARQL queries and used when serialising.
PREFIXES = {
    "mkg": str(MKG),
    "et": str(ET),
    "id": str(ID),
    "graph": str(GRAPH),
    "sem": str(SEM),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "wd": str(WD),
    "cameo": str(CAMEO),
    "acled": str(ACLED),
    "ucdp": str(UCDP),
    "geo": str(GEO),
    "prov": str(PROV),
    "time": str(TIME),
    "skos": str(SKOS),
    "foaf": str(FOAF),
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}

ONTOLOGY_GRAPH = GRAPH["ontology"]
# How each fact stands across the sources (kg.sparql.attribution), derived after every write.
ATTRIBUTION_GRAPH = GRAPH["attribution"]
# What the heavy named queries join on (kg.sparql.keys), derived after every write.
KEYS_GRAPH = GRAPH["keys"]
# The graphs kg derives from the others after every write (kg.sparql.derived): what kg says about a
# node, never a source's statement about it.
DERIVED_GRAPHS = (ATTRIBUTION_GRAPH, KEYS_GRAPH)
# The graphs kg import writes: one per imported file (graph:import/SHA), one per dataset vocabulary
# (graph:vocabulary/NAME). A rebuild keeps them.
IMPORTED_GRAPHS = (str(GRAPH["import/"]), str(GRAPH["vocabulary/"]))


def reserved_graph(iri: str) -> bool:
    """Whether the named graph ``iri`` is one that kg writes itself (the ontology, the attribution
    records, the join keys, an import, a dataset vocabulary): no authoring or RDF file may write into it."""
    return iri in (str(ONTOLOGY_GRAPH), *map(str, DERIVED_GRAPHS)) or iri.startswith(IMPORTED_GRAPHS)


# A short human id (pakistan, khawaja-asif); ID[id] is the item's IRI. \A and \Z, not ^ and $: "$"
# also matches before a final newline, and "evil\n" is no id. Use it with fullmatch.
ID_PATTERN = re.compile(r"\A[a-z0-9][a-z0-9-]{0,%d}\Z" % (LIMITS["id_chars"].default - 1))
XSD_STRING = str(XSD.string)  # the datatype of a plain literal


def closest_id(text: str, known) -> str | None:
    """The id among ``known`` closest to ``text`` (a typo's likely meaning), or None. A text longer than
    any id could be is no typo of one, and comparing it would cost time and memory in its length."""
    import difflib
    if len(text) > LIMITS["id_chars"].default:
        return None
    close = difflib.get_close_matches(text, known, n=1)
    return close[0] if close else None


def shorten(iri: str) -> str:
    best = None
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns) and (best is None or len(ns) > len(PREFIXES[best])):
            best = prefix
    if best is None:
        return iri
    local = iri[len(PREFIXES[best]):]
    return f"{best}:{local}" if all(c.isalnum() or c in "-_." for c in local) else iri


def fact_iri(subject: str, predicate: str, obj: str) -> str:
    """The IRI of one fact about an item, the same in every file that names it: the item ``subject``
    (an IRI of the id: namespace), ``predicate`` (an IRI) and ``obj`` (an IRI of the id: namespace),
    as ``id:SUBJECT/PREDICATE-LOCAL-NAME/OBJECT`` (id:doha-mediation/mediator/qatar). It is typed
    rdf:Statement, with rdf:subject, rdf:predicate and rdf:object, where a statement points at it."""
    local = predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    base = str(ID)
    return f"{subject}/{local}/{obj[len(base):] if obj.startswith(base) else obj}"


def pair_iri(claim_a: str, graph_a: str, claim_b: str, graph_b: str) -> str:
    """The IRI of a pair of rival claims in graph:keys (kg.sparql.keys): the claim ``claim_a`` as the
    named graph ``graph_a`` gives it, beside ``claim_b`` as ``graph_b`` gives it:
    ``CLAIM_A/rival/HASH``, HASH the :func:`hash_key` of the other three IRIs."""
    return f"{claim_a}/rival/{hash_key(graph_a, claim_b, graph_b)}"


def hash_key(*parts: str) -> str:
    """The first 16 hex digits of the SHA-256 of ``parts`` joined by spaces: a key of graph:keys
    (kg.sparql.keys), the last segment of a pair's IRI."""
    import hashlib
    return hashlib.sha256(" ".join(parts).encode()).hexdigest()[:16]
