"""The dataset vocabularies in ontology/ (cameo.ttl, acled.ttl, ucdp.ttl), read into lookup tables.

The mapping from a dataset's codes to the ontology's event classes is data in those files
(skos:exactMatch / closeMatch / broadMatch to an event-type concept); this module only follows it:
a code takes the mapping of the nearest code at or above it that has one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from .. import vocabulary as onto
from ..namespaces import ACLED, CAMEO, MKG, UCDP

FILES = {"gdelt": ("cameo",), "acled": ("acled",), "csv": ("cameo", "acled"), "ucdp-ged": ("ucdp",)}
_MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch)


def vocabulary_files(importer: str):
    for name in FILES.get(importer, ()):
        yield name, onto.ontology_path(f"{name}.ttl").read_text(encoding="utf-8")


@cache
def _graph(name: str) -> Graph:
    return Graph().parse(data=onto.ontology_path(f"{name}.ttl").read_text(encoding="utf-8"), format="turtle")


@cache
def concept_classes() -> dict:
    """Event-type concept IRI -> the event class that points at it (mkg:eventTypeConcept)."""
    g = onto.ontology_graph()
    return {o: s for s, o in g.subject_objects(MKG.eventTypeConcept)}


def _mapped_class(g: Graph, concept):
    classes = concept_classes()
    for rel in _MATCHES:
        for target in g.objects(concept, rel):
            if target in classes:
                return classes[target]
    return None


@dataclass(frozen=True)
class Cameo:
    code: str
    label: str
    root: str
    event_class: str  # IRI of the mkg event class
    concept: str      # IRI of the CAMEO concept


@cache
def cameo_codes() -> dict[str, Cameo]:
    """Every CAMEO event code (string, leading zeros kept) -> its label, root and event class."""
    g = _graph("cameo")
    scheme = CAMEO.EventCodes
    concepts = {str(g.value(c, SKOS.notation)): c for c in g.subjects(SKOS.inScheme, scheme)}
    out = {}
    for code, concept in concepts.items():
        cls, walk = None, code
        while cls is None and walk:
            cls = _mapped_class(g, concepts[walk]) if walk in concepts else None
            walk = walk[:-1] if len(walk) == 4 else (walk[:2] if len(walk) == 3 else "")
        out[code] = Cameo(code, str(g.value(concept, SKOS.prefLabel)), code[:2],
                          str(cls or MKG.Event), str(concept))
    return out


@dataclass(frozen=True)
class AcledType:
    label: str
    concept: str
    event_class: str
    event_type: str  # label of the (top) event type


@cache
def acled_types() -> dict[str, AcledType]:
    """Normalised ACLED event or sub-event type label -> its concept and event class."""
    from .aliases import normalise
    g = _graph("acled")
    out = {}
    for c in g.subjects(SKOS.inScheme, ACLED.EventTypes):
        top = g.value(c, SKOS.broader) or c
        cls = _mapped_class(g, c) or _mapped_class(g, top) or MKG.Event
        entry = AcledType(str(g.value(c, SKOS.prefLabel)), str(c), str(cls), str(g.value(top, SKOS.prefLabel)))
        for label in [*g.objects(c, SKOS.prefLabel), *g.objects(c, SKOS.altLabel)]:
            out[normalise(str(label))] = entry
    return out


@cache
def acled_actor_types() -> dict[str, str]:
    """ACLED inter code (numeric, or the 2023 layout's text, normalised) -> concept IRI."""
    from .aliases import normalise
    g = _graph("acled")
    out = {}
    for c in g.subjects(RDF.type, SKOS.Concept):
        if (c, SKOS.inScheme, ACLED.ActorTypes) not in g:
            continue
        out[str(g.value(c, SKOS.notation))] = str(c)
        for label in [*g.objects(c, SKOS.prefLabel), *g.objects(c, SKOS.altLabel)]:
            out[normalise(str(label))] = str(c)
    return out


@dataclass(frozen=True)
class UcdpType:
    label: str
    concept: str
    event_class: str


class UcdpVocabulary(dict):
    """UCDP's type_of_violence code -> :class:`UcdpType`; ``statuses``: the code_status concepts."""
    statuses: frozenset = frozenset()


@cache
def ucdp_types() -> UcdpVocabulary:
    g = _graph("ucdp")
    out = UcdpVocabulary()
    for c in g.subjects(SKOS.inScheme, UCDP.ViolenceTypes):
        out[str(g.value(c, SKOS.notation))] = UcdpType(str(g.value(c, SKOS.prefLabel)), str(c),
                                                       str(_mapped_class(g, c) or MKG.Event))
    out.statuses = frozenset(g.subjects(SKOS.inScheme, UCDP.CodingStatus))
    return out
