"""Everything the seed graph says traces to a source document, and nothing claimed is stated as fact."""

from __future__ import annotations

from kgtest import seed_store  # noqa: F401  (fixture)

from kg.sparql.query import run

UNTRACED = """
SELECT (COUNT(DISTINCT ?item) AS ?n) WHERE {
  VALUES ?kind { mkg:Event mkg:Claim mkg:Position }
  ?item a/rdfs:subClassOf* ?kind .
  FILTER NOT EXISTS {
    GRAPH ?g { ?item prov:wasDerivedFrom ?source }
    ?source a mkg:Source ; dcterms:title ?title ; dcterms:date ?date .
    GRAPH ?g { ?source a mkg:Source }
  }
}"""


def count(store, sparql):
    (row,) = run(store, sparql).records()
    return row["n"]


def test_every_event_statement_claim_and_position_traces_to_its_source(seed_store):
    total = count(seed_store, "SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE { VALUES ?k { mkg:Event mkg:Claim mkg:Position } ?i a/rdfs:subClassOf* ?k }")
    assert total > 40
    assert count(seed_store, UNTRACED) == 0


def test_every_claim_has_a_claimant_and_a_verification_status(seed_store):
    assert count(seed_store, """SELECT (COUNT(?c) AS ?n) WHERE { ?c a mkg:Claim
        FILTER NOT EXISTS { ?c mkg:claimant ?who . ?who a/rdfs:subClassOf* mkg:Actor }
        FILTER NOT EXISTS { ?c mkg:verificationStatus ?s } }""") == 0
    assert count(seed_store, "SELECT (COUNT(?c) AS ?n) WHERE { ?c a mkg:Claim }") == 14


def test_figures_are_only_ever_claims(seed_store):
    """No casualty figure hangs off an event as a plain fact."""
    assert count(seed_store, "SELECT (COUNT(*) AS ?n) WHERE { ?s mkg:figure ?f FILTER NOT EXISTS { ?s a mkg:Claim } }") == 0


def test_attributed_events_say_who_reported_them(seed_store):
    """The strikes Mujahid described are his account, not the report's own voice."""
    rows = run(seed_store, """SELECT ?e WHERE { ?e mkg:accordingTo id:zabihullah-mujahid }""").records()
    assert {r["e"].rsplit("/", 1)[1] for r in rows} == {
        "pakistan-strikes-feb26-night-per-mujahid", "pakistan-strikes-feb27-per-mujahid"}


def test_denial_points_at_what_it_rejects(seed_store):
    rows = run(seed_store, "SELECT ?r WHERE { id:mujahid-rejects-pakistani-figures mkg:rejects ?r }").records()
    assert {r["r"].rsplit("/", 1)[1] for r in rows} == {"chaudhry-afghan-killed", "chaudhry-afghan-wounded"}


def test_wikidata_links(seed_store):
    rows = run(seed_store, "SELECT ?a ?w WHERE { ?a owl:sameAs ?w }").records()
    links = {r["a"].rsplit("/", 1)[1]: r["w"].rsplit("/", 1)[1] for r in rows}
    assert links == {"pakistan": "Q843", "afghanistan": "Q889", "qatar": "Q846", "turkiye": "Q43",
                     "saudi-arabia": "Q851", "united-nations": "Q1065", "russia": "Q159", "iran": "Q794",
                     "iraq": "Q796"}


def test_one_named_graph_per_source(seed_store):
    graphs = seed_store.named_graphs()
    assert graphs == sorted(["https://w3id.org/mediation-kg/graph/aljazeera-2026-02-27",
                             "https://w3id.org/mediation-kg/graph/wikidata",
                             "https://w3id.org/mediation-kg/graph/ontology",
                             # how each fact stands, and what the named queries join on, derived by kg
                             # (kg.sparql.attribution, kg.sparql.keys)
                             "https://w3id.org/mediation-kg/graph/attribution",
                             "https://w3id.org/mediation-kg/graph/keys"])


def test_the_actor_graph_never_draws_a_report_as_fact(seed_store):
    """Chaudhry's account of 'air and ground operations' is the only source for the army-to-forces
    attack: the edge says so; strikes Mujahid described say 'according to' him."""
    from kg.graphs.project import actor_graph
    g = actor_graph(seed_store)
    army = g.edges["https://w3id.org/mediation-kg/id/pakistan-army", "https://w3id.org/mediation-kg/id/afghan-forces", "attacked"]
    assert army["reported_only"] and army["label"] == "attacked (reported)"
    assert army["info"]["because of"] == ["Pakistani air and ground operations (2026-02-26/27), according to Ahmed Sharif Chaudhry [reported]"]
    strikes = g.edges["https://w3id.org/mediation-kg/id/pakistan", "https://w3id.org/mediation-kg/id/afghanistan", "attacked"]
    assert not strikes["reported_only"]  # the report itself states the weekend and Friday strikes
    assert sum("according to Zabihullah Mujahid" in item for item in strikes["info"]["because of"]) == 2


def test_only_violations_fail_validation():
    from kg.validation.report import Report, Violation
    warning = Violation("https://w3id.org/mediation-kg/id/x", None, None, "looks odd", "f.yaml:3", "Warning")
    violation = Violation("https://w3id.org/mediation-kg/id/y", None, None, "is wrong", "f.yaml:4", "Violation")
    assert Report([warning]).conforms and "warning: id:x: looks odd" in Report([warning]).text()
    assert not Report([warning, violation]).conforms
