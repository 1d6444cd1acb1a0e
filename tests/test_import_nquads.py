"""The N-Quads text the importers write (kg/importers/nquads.py) reads back as the values it was made from."""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.importers import nquads as nq

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)  # any text UTF-8 can hold


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_literals_read_back_as_their_text(text):
    """Quotes, backslashes and line breaks (and everything else) survive Oxigraph's N-Quads parser."""
    line = f"<http://example.org/s> <http://example.org/p> {nq.literal(text)} .\n" \
           f"<http://example.org/s> <http://example.org/q> {nq.typed(text, nq.XSD_ANYURI)} .\n"
    got = {q.predicate.value[-1]: q.object for q in ox.parse(line, format=ox.RdfFormat.N_QUADS)}
    assert got["p"].value == text and got["p"].datatype.value.endswith("#string")
    assert got["q"].value == text and got["q"].datatype.value.endswith("#anyURI")


def test_escapes_in_either_order():
    """A backslash is escaped before the quote's own escape is added, never after it."""
    assert nq.literal('a\\"b\n\r') == '"a\\\\\\"b\\n\\r"'
