"""After an import, ``graph:attribution`` derived again for what the import can change, not the store.

A full derivation (:func:`kg.sparql.attribution.derive`) reads the whole store: it joins every
``prov:wasDerivedFrom`` with every other to find the items several graphs describe, so each import
paid for the whole store (1 s at 740,000 quads). An import only adds named graphs (its own, and
the dataset vocabularies it brings the first time; an import that replaces its earlier graph
derives everything), and a record of graph:attribution is read from a small part of the store
around its item. The records the new graphs can change are found by the internal query
``attribution-scope.rq``, anchored on each new graph and on what is rare (accounts, stances,
records), never on every statement of the store:

- of the nodes they say something about, those that can have a record (described by two graphs,
  attributed, drafts, pointed at by a statement, a fact or a claim) or had one;
- what a statement or position they hold (or give a speaker or holder) points at, with the
  claims stated in it and the item of a fact it points at;
- the records of items dated by a time extent they describe, and the records that name a node
  whose name or publisher they give (an actor's name shows in ``mkg:assertedByText``).

Those items (and the facts about them) are derived again by the same derivation, run on a copy of
their neighbourhood in a store in memory (:func:`_neighbourhood`: every statement about them,
those pointing at them with a stance, ``rdf:subject`` or ``mkg:statedIn`` and at those in turn,
and two steps out from all of it: sources and their publishers, speakers, dates, with their
labels), and their records replace the old ones; every other record stays as it was. What the
derivation reads must stay inside that neighbourhood, and what it chooses its items by must be in
attribution-scope.rq: ``tests/test_attribution_scope.py`` checks, on a chain of real imports and
builds, that graph:attribution refreshed this way is byte for byte the one a full derivation gives.
"""

from __future__ import annotations

import pyoxigraph as ox

from ..namespaces import ATTRIBUTION_GRAPH, DERIVED_GRAPHS, MKG, PREFIXES
from .attribution import derive
from .named import internal_query

_SUBJECT = ox.NamedNode(PREFIXES["rdf"] + "subject")
_STATED_IN = ox.NamedNode(str(MKG.statedIn))
# what points at an item in a way the derivation reads: a stance, a fact's statement, a claim stated in it
_POINTING = (*(ox.NamedNode(str(MKG[p])) for p in ("rejects", "confirms", "reports", "declinesToConfirm")),
             _SUBJECT, _STATED_IN)


def refresh_scoped(store, added: list[str]) -> int | None:
    """Derive again the records of ``graph:attribution`` that the named graphs ``added`` (an
    import's) can change, in ``store``, which held graph:attribution derived before they came (or
    was empty): what :func:`kg.sparql.attribution.refresh` would change, and nothing else. Returns
    the number of quads derived again, or None when this store cannot be refreshed so (it is not a
    local pyoxigraph store but a server's): then refresh it whole."""
    px = getattr(store, "pyoxigraph", None)  # pattern lookups need the store itself, not a server
    if px is None:
        return None
    items = _affected(store, px, [ox.NamedNode(g) for g in added])
    records: dict = {}
    for q in derive(type(store).memory(_neighbourhood(px, items))):  # the same kind of store, in memory
        records.setdefault(q.subject, []).append(q)
    keep = [q for node, quads in records.items() if _about(node, quads, items) for q in quads]
    attribution = ox.NamedNode(str(ATTRIBUTION_GRAPH))
    old = {q.subject for x in items for q in px.quads_for_pattern(None, _SUBJECT, x, attribution)} | items
    for node in old:
        for q in list(px.quads_for_pattern(node, None, None, attribution)):
            px.remove(q)
    px.extend(keep)
    return len(keep)


def _about(node, quads, items) -> bool:
    """Whether a derived record is one of ``items``' or of a fact about one of them."""
    return node in items or any(q.predicate == _SUBJECT and q.object in items for q in quads)


def _affected(store, px, graphs) -> set:
    """The items whose records the named graphs ``graphs`` can change (attribution-scope.rq)."""
    scope = internal_query("attribution-scope")
    found = {r[0] for g in graphs for r in store.query(scope, substitutions={ox.Variable("new"): g})}
    # a fact (its rdf:Statement in the data, or its record): the item it is about too
    return found | {q.object for r in found for q in px.quads_for_pattern(r, _SUBJECT, None)}


def _neighbourhood(px, items: set) -> list:
    """The quads the derivation reads about ``items``: what points at them (and at those), and the
    statements about all of these and about what they name, two steps out."""
    found = set()
    nodes = set(items)
    frontier = set(items) | {q.object for x in items for q in px.quads_for_pattern(x, _STATED_IN, None)}
    for _ in range(2):
        pointing = {q for x in frontier for p in _POINTING for q in px.quads_for_pattern(None, p, x)}
        found |= pointing
        frontier = {q.subject for q in pointing} - nodes
        nodes |= frontier
    seen = set(nodes)
    for _ in range(3):
        out = {q for n in nodes for q in px.quads_for_pattern(n, None, None)}
        found |= out
        nodes = {q.object for q in out if isinstance(q.object, (ox.NamedNode, ox.BlankNode))} - seen
        seen |= nodes
    derived = {ox.NamedNode(str(g)) for g in DERIVED_GRAPHS}  # what the derivation makes, never reads
    return [q for q in found if q.graph_name not in derived]
