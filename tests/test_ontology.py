"""Tests for the files in ontology/: the OWL ontology, the SKOS event types and the SHACL shapes.

They use rdflib, pyoxigraph, pyshacl and owlready2 (HermiT) directly and do not import the kg
package, so they check the vocabulary contract on its own.

The reasoner tests need Java. Without it they are skipped with the name of the Debian package
to install, unless KG_STRICT=1, in which case a missing Java (or owlready2) is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pyoxigraph
import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib import namespace as _rdflib_namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SH, SKOS

from kg.namespaces import ET, ID, MKG, ORG, SCHEMA, SEM
from kg.namespaces import ONTOLOGY_IRI as _ONTOLOGY_IRI

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
MKG_TTL = ONTOLOGY_DIR / "mkg.ttl"
EVENT_TYPES_TTL = ONTOLOGY_DIR / "event-types.ttl"
SHAPES_TTL = ONTOLOGY_DIR / "shapes.ttl"
TTL_FILES = [MKG_TTL, EVENT_TYPES_TTL, SHAPES_TTL]

ONTOLOGY_IRI = URIRef(_ONTOLOGY_IRI)
# Plain Namespaces: pytest probes module attributes, and rdflib's closed namespaces warn.
XSD = Namespace(str(_rdflib_namespace.XSD))
TIME = Namespace(str(_rdflib_namespace.TIME))

STRICT = os.environ.get("KG_STRICT") == "1"

# ---------------------------------------------------------------------------------------------
# The vocabulary contract, written out by hand: a rename in mkg.ttl must show up here.
# ---------------------------------------------------------------------------------------------

# class -> its direct superclasses (mkg: local names, or full IRIs for external classes)
CLASS_PARENTS: dict[str, set] = {
    "Actor": {SEM.Actor, PROV.Agent},
    "State": {"Actor"},
    "Government": {"Actor", ORG.Organization},
    "ArmedForces": {"Actor", ORG.Organization},
    "NonStateArmedGroup": {"Actor", ORG.Organization},
    "InternationalOrganisation": {"Actor", ORG.Organization},
    "MediaOutlet": {"Actor", ORG.Organization},
    "Person": {"Actor", FOAF.Person},
    "Analyst": {"Person"},
    "Post": {ORG.Post},
    "Place": {SEM.Place},
    "Country": {"Place"},
    "Province": {"Place"},
    "City": {"Place"},
    "Border": {"Place"},
    "Region": {"Place"},
    "Event": {SEM.Event, SCHEMA.Event},
    "MilitaryEvent": {"Event"},
    "Strike": {"MilitaryEvent"},
    "AirStrike": {"Strike"},
    "DroneStrike": {"AirStrike"},
    "GroundOperation": {"MilitaryEvent"},
    "ArmedClash": {"MilitaryEvent"},
    "BorderClash": {"ArmedClash"},
    "RetaliatoryAttack": {"MilitaryEvent"},
    "CeasefireBreach": {"MilitaryEvent"},
    "Capture": {"MilitaryEvent"},
    "DiplomaticEvent": {"Event"},
    "NegotiationRound": {"DiplomaticEvent"},
    "Mediation": {"DiplomaticEvent"},
    "Ceasefire": {"DiplomaticEvent"},
    "Release": {"DiplomaticEvent"},
    "Agreement": {"DiplomaticEvent"},
    "CeasefireAgreement": {"Agreement", "Ceasefire"},
    "PreNegotiationAgreement": {"Agreement", "NegotiationRound"},
    "PeaceProcess": {SEM.Event},
    "ArmedConflict": {SEM.Event},
    "BorderClosure": {"Event"},
    "PoliticalEvent": {"Event"},
    "Statement": {"Event", PROV.Entity},
    "Declaration": {"Statement"},
    "DeclarationOfWar": {"Declaration"},
    "Appeal": {"Statement"},
    "ExpressionOfConcern": {"Statement"},
    "OfferToNegotiate": {"Statement"},
    "Denial": {"Statement"},
    "Accusation": {"Statement"},
    "Assessment": {"Statement"},
    "Position": {PROV.Entity},
    "Claim": {SCHEMA.Claim, PROV.Entity},
    "TimeExtent": {TIME.TemporalEntity},
    "Measure": {SKOS.Concept},
    "Qualifier": {SKOS.Concept},
    "VerificationStatus": {SKOS.Concept},
    "DatePrecision": {SKOS.Concept},
    "CasualtyCategory": {SKOS.Concept},
    "Outcome": {SKOS.Concept},
    "Stance": {SKOS.Concept},
    "AttributionStatus": {SKOS.Concept},
    "Source": {PROV.Entity},
}
EXPECTED_CLASSES = sorted(CLASS_PARENTS)

ROLE_PROPERTIES = [
    "attacker", "target", "party", "mediator", "speaker", "onBehalfOf", "addressee",
    "deliveredBy", "captor", "captivesOf", "host",
    "thirdParty", "guarantor", "witness", "observer", "signatory", "initiator",
]
EVENT_LINK_PROPERTIES = ["triggered", "after", "respondedTo", "produced", "breachOf", "releaseOf"]
EXPECTED_OBJECT_PROPERTIES = ROLE_PROPERTIES + EVENT_LINK_PROPERTIES + [
    "time", "endTime", "accordingTo", "outcome", "inConflict",
    "rejects", "confirms", "declinesToConfirm", "reports", "about",
    "claimant", "statedIn", "lossesOf", "measure", "qualifier", "verificationStatus",
    "casualtyCategory", "subsetOf", "revises", "asOf",
    "holder", "stance", "against",
    "affiliatedWith", "basedIn", "locatedIn", "separates",
    "precision",
    "quadClass", "actorKind", "placePrecision", "timePrecision", "codingStatus",
    "attributionStatus", "carriedBy", "assertedBy", "deniedBy", "declinedToConfirmBy",
    "firstClaim", "firstAccount", "secondClaim", "secondAccount", "episode", "camp",
]
EXPECTED_DATATYPE_PROPERTIES = [
    "quote", "summary", "figure", "figureLow", "figureHigh", "groupDescription", "notBefore", "notAfter", "timeQualifier", "edtf", "dateQualifier",
    "clockTime", "datesDiffer", "datesOverlap",
    "medium", "rank", "count", "quantityDescription", "placeDescription", "ongoing", "degree",
    "lengthKm", "lengthMiles", "recognisedAs", "scope",
    "goldsteinScale", "numArticles", "numSources", "avgTone", "dateAdded", "needsReview",
    "rowsRead", "rowsRejected", "eventsAdded", "duplicatesMerged",
    "sourceCount", "independentSources", "assertedByText", "deniedByText",
    "agreementStage", "agreementStatus", "partiesText", "thirdPartiesText",
    "draft", "draftConfidence",
    "withinKey", "atKey", "unkeyed",
]
EXPECTED_ANNOTATION_PROPERTIES = ["eventTypeConcept"]

EXPECTED_INDIVIDUALS = {
    "Measure": ["Killed", "Wounded", "Captured", "MissingInAction", "BodiesTaken",
                "AircraftLost", "DronesDowned", "VehiclesDestroyed", "EquipmentDestroyed"],
    "Qualifier": ["Exactly", "AtLeast", "MoreThan", "AtMost", "Approximately", "Many", "Several"],
    "VerificationStatus": [
        "Unverified", "NotIndependentlyVerified", "IndependentlyVerified", "Disputed",
    ],
    "DatePrecision": ["Day", "Night", "Weekend", "Month", "Year", "DateRange"],
    "CasualtyCategory": ["Military", "Civilian", "Unspecified"],
    "Outcome": ["AgreementReached", "NoLastingAgreement", "Collapsed"],
    "Stance": ["Asserts", "Denies", "Recognises", "DoesNotRecognise"],
    "AttributionStatus": ["FactStated", "FactReported", "FactCorroborated", "FactDisputed", "FactDraft"],
}

# CAMEO codes per event-type concept; None: no code, so no skos:notation at all.
EXPECTED_CAMEO = {
    "event": None, "military-event": None, "diplomatic-event": None,
    "strike": "190", "air-strike": "195", "drone-strike": "1952", "ground-operation": "190",
    "armed-clash": "190", "border-clash": "193", "retaliatory-attack": "190",
    "ceasefire-breach": "196", "capture": None,
    "negotiation-round": "046", "mediation": "045", "ceasefire": "0871", "release": "0841",
    "border-closure": "191", "political-event": None,
    "agreement": "057", "ceasefire-agreement": "057", "pre-negotiation-agreement": "057",
    "statement": "010", "declaration": "010", "declaration-of-war": None, "appeal": "0256",
    "expression-of-concern": "010", "offer-to-negotiate": "036", "denial": "016",
    "accusation": None, "assessment": "010",
}

# Datatypes of the OWL 2 datatype map (https://www.w3.org/TR/owl2-syntax/#Datatype_Maps).
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
OWL2_DATATYPE_MAP = {
    RDFS.Literal, OWL.real, OWL.rational, URIRef(RDF_NS + "PlainLiteral"),
    URIRef(RDF_NS + "XMLLiteral"),
    *(XSD[n] for n in (
        "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger "
        "long int short byte unsignedLong unsignedInt unsignedShort unsignedByte double float "
        "string normalizedString token language Name NCName NMTOKEN boolean hexBinary "
        "base64Binary anyURI dateTime dateTimeStamp"
    ).split()),
}


def kebab(local_name: str) -> str:
    """AirStrike -> air-strike, DeclarationOfWar -> declaration-of-war."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", local_name).lower()


def local(iri) -> str:
    return str(iri).split("#")[-1].split("/")[-1]


# ---------------------------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(MKG_TTL, format="turtle")


@pytest.fixture(scope="module")
def event_types() -> Graph:
    return Graph().parse(EVENT_TYPES_TTL, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_TTL, format="turtle")


def defined_mkg_terms(g: Graph) -> set[URIRef]:
    return {s for s in g.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(MKG)}


# ---------------------------------------------------------------------------------------------
# Syntax
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", TTL_FILES, ids=lambda p: p.name)
def test_turtle_parses_in_rdflib_and_pyoxigraph(path):
    g = Graph().parse(path, format="turtle")
    assert len(g) > 0
    quads = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(g), "rdflib and pyoxigraph read a different number of triples"


# ---------------------------------------------------------------------------------------------
# mkg.ttl: header, contract, documentation, OWL 2 DL hygiene
# ---------------------------------------------------------------------------------------------


def test_ontology_header(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef(
        "https://w3id.org/mediation-kg/ontology/0.2.0"
    )
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.2.0")
    for p in (DCTERMS.title, DCTERMS.description, DCTERMS.license):
        assert ontology.value(ONTOLOGY_IRI, p) is not None, f"ontology header lacks {p}"
    assert "MIT" in str(ontology.value(ONTOLOGY_IRI, DCTERMS.license))
    assert not list(ontology.objects(ONTOLOGY_IRI, OWL.imports)), "mkg.ttl must not import"


def test_defined_terms_are_exactly_the_contract(ontology):
    expected = {
        OWL.Class: EXPECTED_CLASSES,
        OWL.ObjectProperty: EXPECTED_OBJECT_PROPERTIES,
        OWL.DatatypeProperty: EXPECTED_DATATYPE_PROPERTIES,
        OWL.AnnotationProperty: EXPECTED_ANNOTATION_PROPERTIES,
        OWL.NamedIndividual: [i for names in EXPECTED_INDIVIDUALS.values() for i in names],
    }
    for owl_type, names in expected.items():
        found = {local(s) for s in ontology.subjects(RDF.type, owl_type) if s.startswith(MKG)}
        assert found == set(names), (
            f"{local(owl_type)}: missing {sorted(set(names) - found)}, "
            f"not in the contract {sorted(found - set(names))}"
        )


@pytest.mark.parametrize("name", EXPECTED_CLASSES)
def test_class_hierarchy_matches_contract(ontology, name):
    parents = {p if isinstance(p, URIRef) else MKG[p] for p in CLASS_PARENTS[name]}
    found = set(ontology.objects(MKG[name], RDFS.subClassOf))
    assert found == parents


def test_every_mkg_term_is_documented(ontology):
    terms = defined_mkg_terms(ontology)
    assert len(terms) > 100
    for term in sorted(terms):
        labels = list(ontology.objects(term, RDFS.label))
        comments = list(ontology.objects(term, RDFS.comment))
        assert any(getattr(x, "language", None) == "en" for x in labels), f"{term}: no rdfs:label@en"
        assert any(getattr(x, "language", None) == "en" for x in comments), f"{term}: no rdfs:comment@en"
        assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in ontology, f"{term}: no rdfs:isDefinedBy"


def test_concept_individuals(ontology):
    for cls, names in EXPECTED_INDIVIDUALS.items():
        for name in names:
            ind = MKG[name]
            for t in (OWL.NamedIndividual, MKG[cls], SKOS.Concept):
                assert (ind, RDF.type, t) in ontology, f"mkg:{name} is not typed {t}"
            pref = ontology.value(ind, SKOS.prefLabel)
            assert pref is not None and pref.language == "en", f"mkg:{name}: no skos:prefLabel@en"
    assert (SKOS.prefLabel, RDF.type, OWL.AnnotationProperty) in ontology


def test_property_domains_and_ranges(ontology):
    for name in ROLE_PROPERTIES:
        p = MKG[name]
        assert (p, RDFS.subPropertyOf, SEM.hasActor) in ontology, name
        assert (p, RDFS.domain, MKG.Event) in ontology, name
        assert (p, RDFS.range, MKG.Actor) in ontology, name
    for name in EVENT_LINK_PROPERTIES:
        assert (MKG[name], RDFS.domain, MKG.Event) in ontology, name
        assert (MKG[name], RDFS.range, MKG.Event) in ontology, name
    assert (MKG.time, RDFS.subPropertyOf, SEM.hasTime) in ontology
    assert (MKG.time, RDFS.range, MKG.TimeExtent) in ontology
    # mkg:about points at anything: no range at all.
    assert ontology.value(MKG.about, RDFS.range) is None
    for name in ("affiliatedWith", "locatedIn"):
        assert (MKG[name], RDF.type, OWL.TransitiveProperty) in ontology, name
    assert (MKG.notBefore, RDFS.range, XSD.date) in ontology
    assert (MKG.notAfter, RDFS.range, XSD.date) in ontology
    assert (MKG.figure, RDFS.range, XSD.integer) in ontology


def test_no_disjointness_that_breaks_typical_data(ontology):
    """Actor/Place (a State is also a Country), Post/Actor and Person/anything stay compatible."""
    pairs = set()
    for axiom in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(ontology.items(ontology.value(axiom, OWL.members)))
        pairs |= {frozenset((a, b)) for a in members for b in members if a != b}
    for a, b in ontology.subject_objects(OWL.disjointWith):
        pairs.add(frozenset((a, b)))
    assert frozenset((MKG.Event, MKG.Place)) in pairs
    assert frozenset((MKG.Measure, MKG.Qualifier)) in pairs
    for forbidden in [(MKG.Actor, MKG.Place), (MKG.State, MKG.Country), (MKG.Post, MKG.Actor)]:
        assert frozenset(forbidden) not in pairs, forbidden
    assert not any(MKG.Person in pair for pair in pairs)


def test_external_terms_are_declared(ontology):
    """OWL 2 DL needs every term typed; nothing is imported, so mkg.ttl declares them itself."""
    builtin = tuple(str(ns) for ns in (RDF_NS, RDFS_NS, OWL_NS, XSD))
    declared = set(ontology.subjects(RDF.type, None))
    # Objects of these are just IRIs being pointed at (annotation values), not OWL entities.
    annotation_values = {DCTERMS.license, RDFS.seeAlso, RDFS.isDefinedBy, OWL.versionIRI,
                         MKG.eventTypeConcept}
    undeclared = set()
    for s, p, o in ontology:
        used = [s, p] + ([o] if p not in annotation_values else [])
        for term in used:
            if isinstance(term, URIRef) and not str(term).startswith(builtin) and term not in declared:
                undeclared.add(term)
    assert undeclared == set()


def test_only_xsd_date_is_outside_the_owl2_datatype_map(ontology):
    """HermiT runs with --ignoreUnsupportedDatatypes because of xsd:date; make sure that flag
    hides nothing else."""
    ranges = {o for p in ontology.subjects(RDF.type, OWL.DatatypeProperty)
              for o in ontology.objects(p, RDFS.range)}
    assert ranges - OWL2_DATATYPE_MAP == {XSD.date}


def test_every_mkg_term_used_anywhere_is_defined(ontology, event_types, shapes):
    """A typo in a shape or a query-facing file (mkg:claimaint) must not go unnoticed."""
    defined = defined_mkg_terms(ontology)
    for g in (ontology, event_types, shapes):
        used = {t for triple in g for t in triple if isinstance(t, URIRef) and t.startswith(MKG)}
        assert used - defined == set()
    # Terms inside the SPARQL constraints are strings: check those too.
    for query in shapes.objects(None, SH.select):
        for name in re.findall(r"\bmkg:(\w+)", str(query)):
            assert MKG[name] in defined, name


# ---------------------------------------------------------------------------------------------
# event-types.ttl: SKOS scheme and CAMEO codes
# ---------------------------------------------------------------------------------------------


def event_classes(ontology: Graph) -> set[URIRef]:
    return set(ontology.transitive_subjects(RDFS.subClassOf, MKG.Event))


def test_every_event_class_has_its_concept(ontology, event_types):
    classes = event_classes(ontology)
    assert len(classes) == 30
    concepts = set(event_types.subjects(RDF.type, SKOS.Concept))
    assert {ET[kebab(local(c))] for c in classes} == concepts
    for cls in classes:
        assert list(ontology.objects(cls, MKG.eventTypeConcept)) == [ET[kebab(local(cls))]], cls
    # Nothing else carries an event type concept.
    assert set(ontology.subjects(MKG.eventTypeConcept, None)) == classes


def test_concepts_are_complete_skos(event_types):
    scheme = ET.EventTypes
    assert (scheme, RDF.type, SKOS.ConceptScheme) in event_types
    for concept in event_types.subjects(RDF.type, SKOS.Concept):
        pref = event_types.value(concept, SKOS.prefLabel)
        assert pref is not None and pref.language == "en", concept
        assert event_types.value(concept, SKOS.definition) is not None, concept
        assert (concept, SKOS.inScheme, scheme) in event_types, concept
    assert set(event_types.subjects(SKOS.topConceptOf, scheme)) == {ET.event}
    assert set(event_types.objects(scheme, SKOS.hasTopConcept)) == {ET.event}


def test_broader_follows_the_class_hierarchy(ontology, event_types):
    for cls in event_classes(ontology):
        concept = ET[kebab(local(cls))]
        parents = {p for p in ontology.objects(cls, RDFS.subClassOf) if p in event_classes(ontology)}
        assert set(event_types.objects(concept, SKOS.broader)) == {
            ET[kebab(local(p))] for p in parents
        }, concept


def test_cameo_notations(event_types):
    assert set(EXPECTED_CAMEO) == {local(c) for c in event_types.subjects(RDF.type, SKOS.Concept)}
    for slug, code in EXPECTED_CAMEO.items():
        notations = list(event_types.objects(ET[slug], SKOS.notation))
        if code is None:
            assert notations == [], f"et:{slug} must have no CAMEO code"
            continue
        assert notations == [Literal(code)], f"et:{slug}: {notations!r}"
        (notation,) = notations
        # A plain string: no datatype other than xsd:string, no language, leading zeros kept.
        assert notation.datatype in (None, XSD.string) and notation.language is None
        assert re.fullmatch(r"\d{3,4}", str(notation))
        comments = [str(c) for c in event_types.objects(ET[slug], RDFS.comment)]
        assert any(c.startswith(f"CAMEO {code}: ") for c in comments), (slug, comments)
    assert list(event_types.objects(ET.ceasefire, SKOS.notation)) == [Literal("0871")]
    assert list(event_types.objects(ET["negotiation-round"], SKOS.notation)) == [Literal("046")]
    assert list(event_types.objects(ET.appeal, SKOS.notation)) == [Literal("0256")]


# ---------------------------------------------------------------------------------------------
# A small realistic ABox (the seed scenario, abridged), shared by the reasoner and SHACL tests.
# ---------------------------------------------------------------------------------------------

PREFIXES = """
@prefix mkg: <https://w3id.org/mediation-kg/ontology#> .
@prefix id: <https://w3id.org/mediation-kg/id/> .
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

VALID_ABOX = PREFIXES + """
# --- source --------------------------------------------------------------------------------
id:aljazeera a mkg:MediaOutlet ; rdfs:label "Al Jazeera"@en .
id:src a mkg:Source ;
    dcterms:title "Taliban say willing to negotiate as Pakistan declares 'open war'"@en ;
    dcterms:date "2026-02-27"^^xsd:date ;
    dcterms:publisher id:aljazeera ;
    schema:url <https://www.aljazeera.com/news/2026/2/27/example> .

# --- actors and places (a State is also a Country) -----------------------------------------
id:pakistan a mkg:State , mkg:Country ; rdfs:label "Pakistan"@en ; owl:sameAs wd:Q843 ;
    prov:wasDerivedFrom id:src .
id:afghanistan a mkg:State , mkg:Country ; rdfs:label "Afghanistan"@en ; owl:sameAs wd:Q889 ;
    prov:wasDerivedFrom id:src .
id:qatar a mkg:State , mkg:Country ; rdfs:label "Qatar"@en .
id:turkiye a mkg:State , mkg:Country ; rdfs:label "Türkiye"@en .
id:saudi-arabia a mkg:State , mkg:Country ; rdfs:label "Saudi Arabia"@en .
id:sweden a mkg:State , mkg:Country ; rdfs:label "Sweden"@en .
id:un a mkg:InternationalOrganisation ; rdfs:label "United Nations"@en .
id:afghan-government a mkg:Government ; mkg:affiliatedWith id:afghanistan .
id:pakistan-army a mkg:ArmedForces ; mkg:affiliatedWith id:pakistan .
id:ttp a mkg:NonStateArmedGroup ; rdfs:label "Pakistan Taliban (TTP)"@en .

id:mujahid a mkg:Person ; rdfs:label "Zabihullah Mujahid"@en ;
    org:holds id:afghan-government-spokesman ; mkg:affiliatedWith id:afghan-government .
id:afghan-government-spokesman a mkg:Post ; rdfs:label "government spokesman"@en ;
    org:postIn id:afghan-government .
id:chaudhry a mkg:Person ; rdfs:label "Ahmed Sharif Chaudhry"@en ; mkg:rank "Lieutenant General" ;
    org:holds id:army-spokesperson ; mkg:affiliatedWith id:pakistan-army .
id:army-spokesperson a mkg:Post ; org:postIn id:pakistan-army .
id:asif a mkg:Person ; rdfs:label "Khawaja Asif"@en ; org:holds id:defence-minister .
id:defence-minister a mkg:Post ; org:postIn id:pakistan .
id:guterres a mkg:Person ; org:holds id:secretary-general .
id:secretary-general a mkg:Post ; org:postIn id:un .
id:dujarric a mkg:Person ; rdfs:label "Stephane Dujarric"@en .
id:sayed a mkg:Analyst ; rdfs:label "Abdul Sayed"@en ; mkg:basedIn id:sweden .

id:kabul a mkg:City ; rdfs:label "Kabul"@en ; mkg:locatedIn id:afghanistan .
id:paktia a mkg:Province ; mkg:locatedIn id:afghanistan .
id:northwest-pakistan a mkg:Region ; mkg:locatedIn id:pakistan .
id:durand-line a mkg:Border ; rdfs:label "Durand Line"@en ;
    mkg:separates id:afghanistan , id:pakistan ; mkg:lengthKm 2575.0 ; mkg:lengthMiles 1600.0 .

# --- dates --------------------------------------------------------------------------------
id:t-2021 a mkg:TimeExtent ; mkg:notBefore "2021-01-01"^^xsd:date ;
    mkg:notAfter "2021-12-31"^^xsd:date ; mkg:precision mkg:Year .
id:t-2025-10 a mkg:TimeExtent ; mkg:notBefore "2025-10-01"^^xsd:date ;
    mkg:notAfter "2025-10-31"^^xsd:date ; mkg:precision mkg:Month .
id:t-2026-02 a mkg:TimeExtent ; mkg:notBefore "2026-02-01"^^xsd:date ;
    mkg:notAfter "2026-02-27"^^xsd:date ; mkg:precision mkg:Month .
id:t-weekend a mkg:TimeExtent ; mkg:notBefore "2026-02-21"^^xsd:date ;
    mkg:notAfter "2026-02-22"^^xsd:date ; mkg:precision mkg:Weekend .
id:t-2026-02-26 a mkg:TimeExtent ; mkg:notBefore "2026-02-26"^^xsd:date ;
    mkg:notAfter "2026-02-26"^^xsd:date ; mkg:precision mkg:Day .
id:t-2026-02-26-late a mkg:TimeExtent ; mkg:notBefore "2026-02-26"^^xsd:date ;
    mkg:notAfter "2026-02-26"^^xsd:date ; mkg:precision mkg:Day ; mkg:timeQualifier "late" .
id:t-2026-02-27 a mkg:TimeExtent ; mkg:notBefore "2026-02-27"^^xsd:date ;
    mkg:notAfter "2026-02-27"^^xsd:date ; mkg:precision mkg:Day .
id:t-breaches a mkg:TimeExtent ; mkg:notBefore "2025-10-01"^^xsd:date ;
    mkg:notAfter "2026-02-27"^^xsd:date ; mkg:precision mkg:DateRange .

# --- events -------------------------------------------------------------------------------
id:return-to-power a mkg:PoliticalEvent ; mkg:time id:t-2021 ; prov:wasDerivedFrom id:src .
id:october-fighting a mkg:BorderClash ; mkg:party id:pakistan , id:afghanistan ;
    sem:hasPlace id:durand-line ; mkg:time id:t-2025-10 ; prov:wasDerivedFrom id:src .
id:capture-oct a mkg:Capture ; mkg:captor id:afghanistan ; mkg:captivesOf id:pakistan ;
    mkg:count 3 ; mkg:time id:t-2025-10 ; prov:wasDerivedFrom id:src .
id:ceasefire-mediation a mkg:Mediation ; mkg:mediator id:qatar , id:turkiye ;
    mkg:party id:pakistan , id:afghanistan ; mkg:produced id:initial-ceasefire ;
    mkg:time id:t-2025-10 ; prov:wasDerivedFrom id:src .
id:initial-ceasefire a mkg:Ceasefire ; mkg:party id:pakistan , id:afghanistan ;
    mkg:mediator id:qatar , id:turkiye ; mkg:after id:october-fighting ;
    mkg:outcome mkg:NoLastingAgreement ; mkg:time id:t-2025-10 ; prov:wasDerivedFrom id:src .
id:talks a mkg:NegotiationRound ; mkg:party id:pakistan , id:afghanistan ;
    mkg:after id:initial-ceasefire ; mkg:quantityDescription "several rounds" ;
    mkg:outcome mkg:NoLastingAgreement ; mkg:time id:t-breaches ; prov:wasDerivedFrom id:src .
id:breaches a mkg:CeasefireBreach ; mkg:breachOf id:initial-ceasefire ;
    mkg:time id:t-breaches ; prov:wasDerivedFrom id:src .
id:border-closure a mkg:BorderClosure ; sem:hasPlace id:durand-line ; mkg:degree "largely" ;
    mkg:ongoing true ; mkg:after id:october-fighting ; mkg:time id:t-2025-10 ;
    prov:wasDerivedFrom id:src .
id:saudi-mediation a mkg:Mediation ; mkg:mediator id:saudi-arabia ; mkg:produced id:release ;
    mkg:time id:t-2026-02 ; prov:wasDerivedFrom id:src .
id:release a mkg:Release ; mkg:releaseOf id:capture-oct ; mkg:captor id:afghanistan ;
    mkg:captivesOf id:pakistan ; mkg:count 3 ; mkg:time id:t-2026-02 ; prov:wasDerivedFrom id:src .
id:weekend-strikes a mkg:AirStrike ; mkg:attacker id:pakistan ; mkg:target id:afghanistan ;
    mkg:triggered id:retaliation ; mkg:time id:t-weekend ; prov:wasDerivedFrom id:src .
id:retaliation a mkg:RetaliatoryAttack ; mkg:attacker id:afghanistan ;
    mkg:respondedTo id:weekend-strikes ; sem:hasPlace id:durand-line ;
    mkg:time id:t-2026-02-26 ; prov:wasDerivedFrom id:src .
id:drone-strikes a mkg:DroneStrike ; mkg:attacker id:afghanistan ;
    sem:hasPlace id:northwest-pakistan ; mkg:time id:t-2026-02-26-late ; prov:wasDerivedFrom id:src .
id:strike-kabul a mkg:AirStrike ; mkg:attacker id:pakistan ; sem:hasPlace id:kabul ;
    mkg:placeDescription "other towns" ; mkg:after id:drone-strikes ;
    mkg:time id:t-2026-02-27 ; prov:wasDerivedFrom id:src .
id:strike-paktia a mkg:Strike ; mkg:attacker id:pakistan ; sem:hasPlace id:paktia ;
    mkg:accordingTo id:mujahid ; mkg:time id:t-2026-02-27 ; prov:wasDerivedFrom id:src .
id:fighting-feb a mkg:ArmedClash ; mkg:party id:pakistan , id:afghanistan ;
    sem:hasSubEvent id:strike-kabul , id:drone-strikes ; mkg:ongoing true ;
    mkg:time id:t-2026-02-26 ; mkg:endTime id:t-2026-02-27 ; prov:wasDerivedFrom id:src .
id:ground-ops a mkg:GroundOperation ; mkg:attacker id:pakistan-army ;
    mkg:time id:t-2026-02-27 ; prov:wasDerivedFrom id:src .

# --- statements ---------------------------------------------------------------------------
id:open-war a mkg:DeclarationOfWar ; mkg:speaker id:asif ; mkg:onBehalfOf id:pakistan ;
    mkg:addressee id:afghan-government ; mkg:medium "X" ;
    mkg:quote "Now it is open war between us and you." ;
    mkg:time id:t-2026-02-27 ; prov:wasDerivedFrom id:src .
id:offer a mkg:OfferToNegotiate ; mkg:speaker id:mujahid ; mkg:onBehalfOf id:afghan-government ;
    mkg:addressee id:pakistan ;
    mkg:quote "The Islamic Emirate of Afghanistan has always tried to resolve issues through dialogue, and now also we want to resolve this matter through dialogue."@en ;
    mkg:time id:t-2026-02-27 ; prov:wasDerivedFrom id:src .
id:mujahid-report a mkg:Statement ; mkg:speaker id:mujahid ; mkg:reports id:strike-paktia ;
    mkg:time id:t-2026-02-27 ; prov:wasDerivedFrom id:src .
id:chaudhry-briefing a mkg:Statement ; mkg:speaker id:chaudhry ; mkg:reports id:ground-ops ;
    mkg:time id:t-2026-02-27 ; prov:wasDerivedFrom id:src .
id:denial a mkg:Denial ; mkg:speaker id:mujahid ; mkg:rejects id:claim-afghan-killed ;
    mkg:quote "false" ; mkg:time id:t-2026-02-27 ; prov:wasDerivedFrom id:src .
id:concern a mkg:ExpressionOfConcern ; mkg:speaker id:guterres ; mkg:deliveredBy id:dujarric ;
    mkg:medium "news briefing" ; mkg:quote "deeply concerned by the escalation of violence" ;
    mkg:time id:t-2026-02-27 ; prov:wasDerivedFrom id:src .
id:assessment a mkg:Assessment ; mkg:speaker id:sayed ; mkg:about id:pakistan ;
    mkg:time id:t-2026-02-27 ; prov:wasDerivedFrom id:src .

# --- claims -------------------------------------------------------------------------------
id:claim-pak-killed a mkg:Claim ; mkg:claimant id:mujahid ; mkg:statedIn id:mujahid-report ;
    mkg:lossesOf id:pakistan ; mkg:measure mkg:Killed ; mkg:figure 55 ; mkg:qualifier mkg:Exactly ;
    mkg:casualtyCategory mkg:Military ; mkg:verificationStatus mkg:NotIndependentlyVerified ;
    mkg:about id:fighting-feb ; mkg:time id:t-2026-02-27 ; prov:wasDerivedFrom id:src .
id:claim-bodies a mkg:Claim ; mkg:claimant id:mujahid ; mkg:lossesOf id:pakistan ;
    mkg:measure mkg:BodiesTaken ; mkg:figure 23 ; mkg:qualifier mkg:Exactly ;
    mkg:subsetOf id:claim-pak-killed ; mkg:verificationStatus mkg:NotIndependentlyVerified ;
    prov:wasDerivedFrom id:src .
id:claim-captured a mkg:Claim ; mkg:claimant id:mujahid ; mkg:lossesOf id:pakistan ;
    mkg:measure mkg:Captured ; mkg:qualifier mkg:Many ; mkg:quote "many" ;
    mkg:verificationStatus mkg:NotIndependentlyVerified ; prov:wasDerivedFrom id:src .
id:claim-afghan-killed a mkg:Claim ; mkg:claimant id:chaudhry ; mkg:statedIn id:chaudhry-briefing ;
    mkg:lossesOf id:afghanistan ; mkg:groupDescription "Afghan forces and affiliated fighters" ;
    mkg:measure mkg:Killed ; mkg:figure 274 ; mkg:qualifier mkg:AtLeast ;
    mkg:verificationStatus mkg:NotIndependentlyVerified ; prov:wasDerivedFrom id:src .

# --- positions ----------------------------------------------------------------------------
id:pos-shelters a mkg:Position ; mkg:holder id:pakistan ; mkg:stance mkg:Asserts ;
    mkg:against id:afghanistan ; mkg:about id:ttp ;
    mkg:summary "Afghanistan shelters Pakistan Taliban (TTP) fighters."@en ;
    prov:wasDerivedFrom id:src .
id:pos-denies a mkg:Position ; mkg:holder id:afghanistan ; mkg:stance mkg:Denies ;
    mkg:rejects id:pos-shelters ; prov:wasDerivedFrom id:src .
id:pos-durand-intl a mkg:Position ; mkg:scope "international" ; mkg:stance mkg:Recognises ;
    mkg:about id:durand-line ; mkg:recognisedAs "Pakistan's border" ; prov:wasDerivedFrom id:src .
id:pos-durand-afg a mkg:Position ; mkg:holder id:afghanistan ; mkg:stance mkg:DoesNotRecognise ;
    mkg:about id:durand-line ; prov:wasDerivedFrom id:src .
"""


def abox(turtle: str = VALID_ABOX) -> Graph:
    return Graph().parse(data=turtle, format="turtle")


# ---------------------------------------------------------------------------------------------
# OWL reasoning (HermiT through owlready2)
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def owlready():
    """owlready2 with a working Java, or a skip (a failure under KG_STRICT=1)."""
    try:
        import owlready2
    except ImportError:  # pragma: no cover - depends on the environment
        msg = "owlready2 is not installed (pip install 'mediation-kg[test]')"
        if STRICT:
            pytest.fail(msg)
        pytest.skip(msg)
    if shutil.which(owlready2.JAVA_EXE) is None:  # pragma: no cover
        msg = ("Java not found: the HermiT reasoner needs a Java runtime "
               "(Debian/Ubuntu: apt-get install default-jre-headless)")
        if STRICT:
            pytest.fail(msg)
        pytest.skip(msg)
    return owlready2


class Inconsistent(Exception):
    pass


def run_hermit(owlready2, tmp_path: Path, *graphs: Graph):
    """Classify the union of the graphs with HermiT; return (world, seconds spent reasoning).

    Raises Inconsistent if HermiT finds the ontology inconsistent. xsd:date, which HermiT does
    not support (it is not in the OWL 2 datatype map), is ignored; test_only_xsd_date_is_...
    makes sure it is the only such datatype.
    """
    merged = Graph()
    for g in graphs:
        merged += g
    nt = tmp_path / "reasoner-input.nt"
    merged.serialize(nt, format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(nt.as_uri()).load()
    started = time.perf_counter()
    try:
        with onto:
            owlready2.sync_reasoner(
                world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True
            )
    except owlready2.OwlReadyInconsistentOntologyError as exc:
        raise Inconsistent(str(exc)) from exc
    return world, time.perf_counter() - started


def test_hermit_ontology_is_consistent_and_satisfiable(owlready, ontology, tmp_path):
    try:
        world, seconds = run_hermit(owlready, tmp_path, ontology)
    except Inconsistent as exc:
        pytest.fail(f"HermiT: mkg.ttl is inconsistent: {exc}")
    print(f"HermiT on mkg.ttl: {seconds:.2f} s")
    assert list(world.inconsistent_classes()) == []


def test_hermit_ontology_with_typical_data_is_consistent(owlready, ontology, tmp_path):
    try:
        world, seconds = run_hermit(owlready, tmp_path, ontology, abox())
    except Inconsistent as exc:
        pytest.fail(f"HermiT: mkg.ttl + a typical ABox is inconsistent: {exc}")
    print(f"HermiT on mkg.ttl + ABox: {seconds:.2f} s")
    assert list(world.inconsistent_classes()) == []


def test_hermit_detects_an_event_that_is_a_place(owlready, ontology, tmp_path):
    """The reasoner test above can fail: a node typed as both event and place is caught."""
    broken = abox(PREFIXES + "id:kabul a mkg:City , mkg:AirStrike .")
    with pytest.raises(Inconsistent):
        run_hermit(owlready, tmp_path, ontology, broken)


# ---------------------------------------------------------------------------------------------
# SHACL
# ---------------------------------------------------------------------------------------------


def validate(data: Graph, shapes: Graph, ontology: Graph | None, inference: str = "none"):
    # inference="none" with the ontology as ont_graph: pySHACL merges the ontology into (a copy
    # of) the data graph, so sh:targetClass mkg:Event and sh:class mkg:Actor follow the
    # rdfs:subClassOf triples of mkg.ttl (an AirStrike is an Event, a State an Actor), and the
    # concept individuals (mkg:Killed...) carry their types. "rdfs" inference would be wrong
    # here: it applies rdfs:range, so a City used as mediator would be inferred an Actor and
    # the error would vanish (see test_rdfs_inference_would_hide_errors).
    conforms, results, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference=inference,
        abort_on_first=False, allow_warnings=False,
    )
    messages = [str(m) for r in results.subjects(RDF.type, SH.ValidationResult)
                for m in results.objects(r, SH.resultMessage)]
    return conforms, messages, text


def test_shapes_are_valid_shacl(shapes, ontology):
    conforms, _, text = pyshacl.validate(
        abox(), shacl_graph=shapes, ont_graph=ontology, inference="none", meta_shacl=True
    )
    assert conforms, text


def test_valid_abox_conforms(shapes, ontology):
    conforms, messages, text = validate(abox(), shapes, ontology)
    assert conforms, text


def _without(g: Graph, *patterns) -> Graph:
    for pattern in patterns:
        g.remove(pattern)
    return g


BROKEN = {
    # name: (triples to remove, Turtle to add, expected message fragment, or fragments when
    # one mistake breaks two rules)
    "event without date": (
        [(ID["strike-kabul"], MKG.time, None)], "",
        "An event needs a date (mkg:time)"),
    "event without source": (
        [(ID["strike-kabul"], PROV.wasDerivedFrom, None)], "",
        "An event needs a source (prov:wasDerivedFrom)"),
    "claim without claimant": (
        [(ID["claim-pak-killed"], MKG.claimant, None)], "",
        "A claim needs a claimant (mkg:claimant)"),
    "claim without figure and a non-vague qualifier": (
        [(ID["claim-afghan-killed"], MKG.figure, None)], "",
        "A claim needs a figure (mkg:figure) unless its qualifier is vague"),
    "vague claim with a figure": (
        [], "id:claim-captured mkg:figure 10 .",
        "A claim with a vague qualifier (mkg:Many or mkg:Several) must not have a figure"),
    "figure without qualifier": (
        [(ID["claim-bodies"], MKG.qualifier, None)], "",
        "A claim with a figure (mkg:figure) needs a qualifier (mkg:qualifier)"),
    "negative figure": (
        [(ID["claim-bodies"], MKG.figure, None)], "id:claim-bodies mkg:figure -3 .",
        "must be one whole number, zero or more"),
    "ceasefire with one party": (
        [(ID["initial-ceasefire"], MKG.party, ID.afghanistan)], "",
        "A ceasefire needs at least two parties (mkg:party)"),
    "mediator that is a place": (
        [], "id:initial-ceasefire mkg:mediator id:kabul .",
        "but is neither an actor nor a post"),
    "office that is a person": (
        [], "id:dujarric org:holds id:guterres .",
        "What a person holds (org:holds) must be an office"),
    "event that ends before it starts": (
        [(ID["fighting-feb"], MKG.endTime, None)], "id:fighting-feb mkg:endTime id:t-weekend .",
        "An event cannot end before it starts"),
    "time extent whose notAfter is before its notBefore": (
        [(ID["t-weekend"], MKG.notAfter, None)],
        'id:t-weekend mkg:notAfter "2026-02-20"^^xsd:date .',
        "A date ends before it starts"),
    "date given as a plain string": (
        [(ID["t-2021"], MKG.notBefore, None)], 'id:t-2021 mkg:notBefore "2021" .',
        # A string cannot be compared with the xsd:date of notAfter: both shapes fire.
        ("A date has at most one earliest day (mkg:notBefore", "A date ends before it starts")),
    "statement without speaker": (
        [(ID.offer, MKG.speaker, None)], "",
        "A statement needs a speaker (mkg:speaker)"),
    "position without holder or scope": (
        [(ID["pos-durand-intl"], MKG.scope, None)], "",
        "A position needs a holder (mkg:holder) or a scope (mkg:scope)"),
    "source without title": (
        [(ID.src, DCTERMS.title, None)], "",
        "A source needs a title (dcterms:title)"),
    "unknown measure": (
        [(ID["claim-bodies"], MKG.measure, None)], "id:claim-bodies mkg:measure mkg:Civilian .",
        "Unknown measure (mkg:measure)"),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_abox_is_reported_in_plain_words(name, shapes, ontology):
    remove, add, expected = BROKEN[name]
    expected = (expected,) if isinstance(expected, str) else expected
    data = _without(abox(), *remove)
    if add:
        data.parse(data=PREFIXES + add, format="turtle")
    conforms, messages, text = validate(data, shapes, ontology)
    assert not conforms, f"{name}: not detected"
    # Each expected message is there, and nothing else fired: a mistake gets a clear message,
    # not a cascade of unrelated ones.
    for fragment in expected:
        assert any(fragment in m for m in messages), f"{name}: {fragment!r} not in {messages}"
    assert all(any(f in m for f in expected) for m in messages), f"{name}: {messages}"


def test_end_before_start_message_names_the_dates(shapes, ontology):
    data = _without(abox(), (ID["fighting-feb"], MKG.endTime, None))
    data.add((ID["fighting-feb"], MKG.endTime, ID["t-weekend"]))
    _, messages, _ = validate(data, shapes, ontology)
    assert any("2026-02-22" in m and "2026-02-26" in m for m in messages), messages


def test_subclass_targeting_needs_the_ontology(shapes):
    """Without ont_graph, sh:targetClass mkg:Event does not reach an mkg:AirStrike."""
    data = _without(abox(), (ID["strike-kabul"], MKG.time, None))
    conforms, messages, _ = validate(data, shapes, ontology=None)
    assert not any("An event needs a date" in m for m in messages)


def test_rdfs_inference_would_hide_errors(shapes, ontology):
    """With inference='rdfs', mkg:mediator's range makes a City an Actor: the error vanishes."""
    data = abox()
    data.parse(data=PREFIXES + "id:initial-ceasefire mkg:mediator id:kabul .", format="turtle")
    _, messages, _ = validate(data, shapes, ontology, inference="rdfs")
    assert not any("neither an actor nor a post" in m for m in messages)
