"""The authoring format's schema: one table of sections, fields and the kinds of their values,
read by the translator (kg.authoring.ingest) and by the docs' tests (docs/authoring.md documents
every field and value this table names)."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import DCTERMS, OWL, RDFS, SKOS

from ..namespaces import MKG, ORG, SCHEMA, SEM


@dataclass(frozen=True)
class Ref:
    """A reference by id to items whose class falls under one of ``bases`` (mkg local names)."""
    bases: tuple[str, ...]
    what: str  # how an error names the expected kind


ACTOR = Ref(("Actor",), "an actor")
POST = Ref(("Post",), "a post (office)")
PLACE = Ref(("Place", "State"), "a place")
EVENT = Ref(("Event",), "an event")
CLAIM = Ref(("Claim",), "a claim")
ANYTHING = Ref(("Actor", "Post", "Place", "Event", "Claim", "Position", "Source"), "an item")


@dataclass(frozen=True)
class Stance(Ref):
    """What a statement or a position confirms, rejects or declines to confirm: an item by id, or one
    fact about an item written ``{item: ID, FIELD: VALUE}`` (FIELD one of :data:`FACT_FIELDS`, such as
    ``{item: doha-mediation, mediators: qatar}``: Qatar's role as mediator of that event)."""


STANCE = Stance(("Claim", "Event", "Position"), "a claim, an event, a statement or a position "
                "(or one fact about an item, written {item: ID, FIELD: VALUE})")


@dataclass(frozen=True)
class Field:
    predicate: URIRef | None
    kind: object  # "text" "int" "decimal" "bool" "date" "wikidata" "url" a Ref, or ("concept", ClassLocal)
    multi: bool = False
    required: bool = False
    reverse: bool = False  # the item is the object: (value, predicate, item)


def _concept(cls: str):
    return ("concept", cls)


COMMON = {
    "id": Field(None, "id", required=True),
    "type": Field(None, "type"),
    "source": Field(None, "source"),
    "name": Field(RDFS.label, "text"),
    "aliases": Field(SKOS.altLabel, "text", multi=True),
    "description": Field(DCTERMS.description, "text"),
    # proposed by kg draft and not yet reviewed: {confidence: 0-1, spans: [[start, end], ...], reason: TEXT}
    "draft": Field(MKG.draft, "draft"),
}

ROLES = {
    "attacker": MKG.attacker, "target": MKG.target, "parties": MKG.party, "mediators": MKG.mediator,
    "captor": MKG.captor, "captives_of": MKG.captivesOf, "host": MKG.host, "speaker": MKG.speaker,
    "on_behalf_of": MKG.onBehalfOf, "addressee": MKG.addressee, "delivered_by": MKG.deliveredBy,
    "initiator": MKG.initiator,
}

EVENT_FIELDS = {
    **COMMON,
    "date": Field(MKG.time, "date", required=True),
    "end": Field(MKG.endTime, "date"),
    "ongoing": Field(MKG.ongoing, "bool"),
    "places": Field(SEM.hasPlace, PLACE, multi=True),
    "place_description": Field(MKG.placeDescription, "text"),
    **{key: Field(pred, ACTOR, multi=True) for key, pred in ROLES.items()},
    "according_to": Field(MKG.accordingTo, ACTOR, multi=True),
    "triggered_by": Field(MKG.triggered, EVENT, multi=True, reverse=True),
    "triggered": Field(MKG.triggered, EVENT, multi=True),
    "after": Field(MKG.after, EVENT, multi=True),
    "responded_to": Field(MKG.respondedTo, EVENT, multi=True),
    "part_of": Field(SEM.hasSubEvent, EVENT, multi=True, reverse=True),
    "produced": Field(MKG.produced, EVENT, multi=True),
    "breach_of": Field(MKG.breachOf, EVENT, multi=True),
    "release_of": Field(MKG.releaseOf, EVENT, multi=True),
    "outcome": Field(MKG.outcome, _concept("Outcome")),
    "verification": Field(MKG.verificationStatus, _concept("VerificationStatus")),
    "count": Field(MKG["count"], "int"),
    "quantity": Field(MKG.quantityDescription, "text"),
    "degree": Field(MKG.degree, "text"),
    "identifier": Field(DCTERMS.identifier, "text", multi=True),
}

# Links that cannot go from an item to itself: an event does not trigger, answer, follow, produce,
# breach, release or contain itself, and a claim is no subset of itself. ontology/shapes.ttl
# (NotLinkedToItselfShape) refuses the same in RDF files.
NOT_ITSELF = {"triggered_by", "triggered", "after", "responded_to", "part_of", "produced", "breach_of",
              "release_of", "subset_of"}

CLAIM_FIELDS = {
    **COMMON,
    "claimant": Field(MKG.claimant, ACTOR, required=True),
    "about": Field(MKG.about, EVENT, multi=True),
    "losses_of": Field(MKG.lossesOf, ACTOR, multi=True),
    "category": Field(MKG.casualtyCategory, _concept("CasualtyCategory")),
    "group": Field(MKG.groupDescription, "text"),
    "measure": Field(MKG.measure, _concept("Measure"), required=True),
    "figure": Field(MKG.figure, "int"),
    "low": Field(MKG.figureLow, "int"),
    "high": Field(MKG.figureHigh, "int"),
    "qualifier": Field(MKG.qualifier, _concept("Qualifier")),
    "verification": Field(MKG.verificationStatus, _concept("VerificationStatus")),
    "subset_of": Field(MKG.subsetOf, CLAIM),
    "quote": Field(MKG.quote, "text", multi=True),
    "date": Field(MKG.time, "date"),
    "stated_in": Field(MKG.statedIn, Ref(("Statement",), "a statement")),
}

STATEMENT_FIELDS = {
    **EVENT_FIELDS,
    "speaker": Field(MKG.speaker, ACTOR, multi=True, required=True),
    "medium": Field(MKG.medium, "text"),
    "quote": Field(MKG.quote, "text", multi=True),
    "summary": Field(MKG.summary, "text"),
    "about": Field(MKG.about, ANYTHING, multi=True),
    "rejects": Field(MKG.rejects, STANCE, multi=True),
    "confirms": Field(MKG.confirms, STANCE, multi=True),
    "declines_to_confirm": Field(MKG.declinesToConfirm, STANCE, multi=True),
    "reports": Field(MKG.reports, EVENT, multi=True),
    "against": Field(MKG.against, ACTOR, multi=True),
    "verification": Field(None, _concept("VerificationStatus")),  # passed on to the claims made in it
    "claims": Field(None, "claims"),
}

SECTIONS = {
    "sources": ("Source", {
        **COMMON,
        "title": Field(DCTERMS.title, "text", required=True),
        "publisher": Field(DCTERMS.publisher, ACTOR),
        "date": Field(DCTERMS.date, "day", required=True),
        "url": Field(SCHEMA.url, "url"),
        "identifier": Field(DCTERMS.identifier, "text"),
    }),
    "actors": ("Actor", {
        **COMMON,
        "wikidata": Field(OWL.sameAs, "wikidata"),
        "affiliated_with": Field(MKG.affiliatedWith, ACTOR, multi=True),
        "based_in": Field(MKG.basedIn, PLACE, multi=True),
        "rank": Field(MKG.rank, "text"),
        "holds": Field(ORG.holds, POST, multi=True),
        "post_in": Field(ORG.postIn, ACTOR),
    }),
    "places": ("Place", {
        **COMMON,
        "wikidata": Field(OWL.sameAs, "wikidata"),
        "in": Field(MKG.locatedIn, PLACE, multi=True),
        "separates": Field(MKG.separates, PLACE, multi=True),
        "length_km": Field(MKG.lengthKm, "decimal"),
        "length_miles": Field(MKG.lengthMiles, "decimal"),
    }),
    "events": ("Event", EVENT_FIELDS),
    "statements": ("Statement", STATEMENT_FIELDS),
    "claims": ("Claim", CLAIM_FIELDS),
    "positions": ("Position", {
        **COMMON,
        "holder": Field(MKG.holder, ACTOR),
        "scope": Field(MKG.scope, "text"),
        "stance": Field(MKG.stance, _concept("Stance"), required=True),
        "summary": Field(MKG.summary, "text", required=True),
        "about": Field(MKG.about, ANYTHING, multi=True),
        "against": Field(MKG.against, ACTOR, multi=True),
        "recognised_as": Field(MKG.recognisedAs, "text"),
        "rejects": Field(MKG.rejects, STANCE, multi=True),
        "confirms": Field(MKG.confirms, STANCE, multi=True),
        "date": Field(MKG.time, "date"),
    }),
}
# Fields that make sense only for some kinds of item: field -> (class local name, how to say it).
ONLY_FOR = {
    "post_in": ("Post", "posts"), "holds": ("Person", "people"), "rank": ("Person", "people"),
    "separates": ("Border", "borders"), "length_km": ("Border", "borders"), "length_miles": ("Border", "borders"),
}
# Fields that make no sense for some kinds of item: field -> (class local names, how to say it).
NOT_FOR = {"initiator": (("MilitaryEvent", "Statement"), ("unilateral measures (a closure, a suspension), not for "
                                                         "military events (their attacker acted) or statements (their speaker did)"))}
# Sections whose items take a ``type``; the others have one class each.
TYPED = {"actors": ("Actor", "Post"), "places": ("Place",), "events": ("Event",), "statements": ("Statement",)}
DEFAULT_TYPE = {"statements": "statement"}
MULTI_TYPED = {"events", "statements"}  # whose items may have several types (a strike that is also a retaliation)
TOP_LEVEL = set(SECTIONS) | {"source", "drafted_from"}
# What a file written by kg draft says of the article it was drafted from (the top-level ``drafted_from``).
DRAFTED_FROM = {"file": "text", "sha256": "sha256", "chars": "int", "pipeline": "text", "version": "text"}
NAMED = {"actors", "places", "events"}  # items an analyst must name; the others get a label made from their content

# The fields whose single fact about an item can be confirmed, rejected or declined on its own
# ({item: ID, FIELD: VALUE}): the actors in their roles, affiliations, offices, where one is based.
FACT_FIELDS = {**{key: (("events", "statements"), pred) for key, pred in ROLES.items()},
               "affiliated_with": (("actors",), MKG.affiliatedWith), "holds": (("actors",), ORG.holds),
               "post_in": (("actors",), ORG.postIn), "based_in": (("actors",), MKG.basedIn)}
