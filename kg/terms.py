"""Conversions between rdflib terms (the data model) and pyoxigraph terms (the engine)."""

from __future__ import annotations

from datetime import date as _date

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from .namespaces import XSD_STRING


def to_oxigraph(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != XSD_STRING:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r} to an Oxigraph term")


def from_oxigraph(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value, datatype=None if dt == XSD_STRING else URIRef(dt))
    if isinstance(term, ox.DefaultGraph):
        return None
    raise TypeError(f"cannot convert {term!r} to an rdflib term")


_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def to_python(term):
    """``from_oxigraph(term).toPython()``, with the common cases (IRIs, strings, integers, plain
    dates) done directly: a projection converts millions of terms, and building an rdflib Literal
    for each one cost more than the query."""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt == XSD_STRING or dt == _RDF_LANG_STRING:
            return term.value
        text = term.value
        try:
            if dt == _XSD + "integer" and text.isascii() and text.lstrip("+-").isdigit():
                return int(text)
            if dt == _XSD + "date" and len(text) == 10 and text[4] == "-" and text[7] == "-" and text.isascii():
                return _date.fromisoformat(text)
        except ValueError:  # "+-5", "2026-02-30": rdflib's own rules below
            pass
    return from_oxigraph(term).toPython()


class Converter:
    """``quad_to_oxigraph`` for a stream of millions of quads: each IRI becomes an Oxigraph term
    once and is reused (predicates, classes, graphs and subjects repeat). The cache is emptied when
    it grows past ``limit`` entries, so memory stays bounded."""

    def __init__(self, limit: int = 200_000):
        self._iris: dict[str, ox.NamedNode] = {}
        self._limit = limit

    def term(self, term):
        if type(term) is URIRef:
            key = str(term)
            node = self._iris.get(key)
            if node is None:
                if len(self._iris) >= self._limit:
                    self._iris.clear()
                node = self._iris[key] = ox.NamedNode(key)
            return node
        return to_oxigraph(term)

    def quad(self, s, p, o, g) -> ox.Quad:
        return ox.Quad(self.term(s), self.term(p), self.term(o), ox.DefaultGraph() if g is None else self.term(g))


def quad_to_oxigraph(s, p, o, g) -> ox.Quad:
    return ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o),
                   ox.DefaultGraph() if g is None else to_oxigraph(g))
