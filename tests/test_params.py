"""Parameter values become RDF terms of the right kind, and results come back as Python values."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pyoxigraph as ox
import pytest
from kgtest import seed_store  # noqa: F401  (fixture)

from kg.errors import QueryError
from kg.sparql.named import get_named, parse_params, parse_term
from kg.sparql.query import run_named

XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize("value,type_,term", [
    ("pakistan", "iri", ox.NamedNode("https://w3id.org/mediation-kg/id/pakistan")),
    ("id:pakistan", "iri", ox.NamedNode("https://w3id.org/mediation-kg/id/pakistan")),
    ("<http://example.org/x>", "iri", ox.NamedNode("http://example.org/x")),
    ("wd:Q843", "term", ox.NamedNode("http://www.wikidata.org/entity/Q843")),
    ("2026-02-27", "date", ox.Literal("2026-02-27", datatype=ox.NamedNode(XSD + "date"))),
    ("2026-02-27", "term", ox.Literal("2026-02-27", datatype=ox.NamedNode(XSD + "date"))),
    ("274", "term", ox.Literal("274", datatype=ox.NamedNode(XSD + "integer"))),
    ("+07", "integer", ox.Literal("7", datatype=ox.NamedNode(XSD + "integer"))),
    ('"Kabul"@en', "term", ox.Literal("Kabul", language="en")),
    ('"1.5"^^xsd:decimal', "term", ox.Literal("1.5", datatype=ox.NamedNode(XSD + "decimal"))),
    ('"quoted text"', "term", ox.Literal("quoted text")),
    ("plain words", "term", ox.Literal("plain words")),
    ("274", "string", ox.Literal("274")),
    ('x" } UNION { ?s ?p ?o', "string", ox.Literal('x" } UNION { ?s ?p ?o')),
])
def test_parse_term(value, type_, term):
    assert parse_term(value, type_) == term


@pytest.mark.parametrize("value,type_,message", [
    ("nope:x", "iri", "unknown prefix"),
    ("<not an iri>", "iri", "not a valid IRI"),
    ("27/02/2026", "date", "not a date"),
    ("many", "integer", "not a whole number"),
])
def test_bad_values(value, type_, message):
    with pytest.raises(QueryError, match=message):
        parse_term(value, type_)


def test_param_syntax_and_names():
    nq = get_named("mediators")
    with pytest.raises(QueryError, match="name=value"):
        parse_params(["party1"], nq)
    with pytest.raises(QueryError, match="has no parameter 'party3'"):
        parse_params(["party3=x"], nq)
    assert parse_params(["?party1=pakistan"], nq) == {ox.Variable("party1"): ox.NamedNode("https://w3id.org/mediation-kg/id/pakistan")}


def test_records_and_dataframe(seed_store):
    r = run_named(seed_store, "casualty-claims", **{"from": "2026-02-01"})
    records = r.records()
    assert isinstance(records[0]["figure"], int) and isinstance(records[0]["claimantLabel"], str)
    df = r.to_dataframe()
    assert list(df.columns) == r.variables and len(df) == 13
    assert df.loc[df["figure"] == 274, "qualifier"].item() == "at least"
    assert pd.api.types.is_string_dtype(df["eventLabel"])
    dates = run_named(seed_store, "provenance", node="asif-open-war").records()
    assert {d["published"] for d in dates} == {dt.date(2026, 2, 27)}
