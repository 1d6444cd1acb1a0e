"""Projections of the RDF graph into networkx, for analysis and rendering.

The RDF store stays the source of truth; these are lenses. ``actor_graph`` gives a MultiDiGraph
whose nodes are actors (attributes ``label``, ``kind``, ``info``) and whose edges are relations
derived from events, statements and posts (``relation``, ``label``, ``weight``, ``first``,
``last``, ``info``, ``reported_only``), one edge per (from, to, relation) with the events behind
it counted. Events the source attributes to someone say so in the edge's info, and an edge that
rests only on such reports is labelled "(reported)": the page never draws a claim as a fact.
"""

from __future__ import annotations

from collections import defaultdict

from .query import internal_query, run
from .results import shorten

RELATION_LABELS = {
    "attacked": "attacked", "mediated": "mediated for", "ceasefire": "ceasefire with",
    "negotiated": "negotiated with", "fought": "fought", "border-closure": "border closed with",
    "captured": "captured soldiers of", "released": "released soldiers of", "accused": "accuses",
    "rejected": "rejected claims of", "holds-post": "holds post in", "affiliated-with": "acts for",
    "based-in": "based in",
}


def _relation_label(relation: str) -> str:
    if relation in RELATION_LABELS:
        return RELATION_LABELS[relation]
    from .vocabulary import kebab
    return kebab(relation).replace("-", " ")  # a statement type: "offer to negotiate"


def actor_graph(store):
    """The actor relationship graph of everything in ``store``."""
    import networkx as nx

    g = nx.MultiDiGraph(relation_labels={})
    for rec in run(store, internal_query("actor-nodes")).records():
        node = g.nodes.get(rec["actor"])
        if node is None:
            g.add_node(rec["actor"], label=rec["label"], kind=rec["kind"], info={"id": shorten(rec["actor"])})
            node = g.nodes[rec["actor"]]
        if rec["sameAs"]:
            node["info"]["Wikidata"] = rec["sameAs"]

    edges = defaultdict(lambda: {"items": {}, "starts": [], "ends": []})
    for rec in run(store, internal_query("actor-edges")).records():
        if rec["from"] not in g or rec["to"] not in g:
            continue
        e = edges[(rec["from"], rec["to"], rec["relation"])]
        label = rec["itemLabel"] or shorten(rec["item"])
        text = f"{label} ({rec['date']})" if rec["date"] else label
        reporters = e["items"].setdefault(text, set())  # who reported the item; empty: the source itself
        if rec["reporter"]:
            reporters.add(rec["reporter"])
        if rec["start"]:
            e["starts"].append(rec["start"].isoformat())
            e["ends"].append(rec["end"].isoformat())
    for (src, dst, relation), e in sorted(edges.items()):
        items = [text + (f", according to {', '.join(sorted(who))}" if who else "") for text, who in sorted(e["items"].items())]
        reported_only = all(e["items"].values())  # no item stated in the source's own voice
        g.graph["relation_labels"][relation] = _relation_label(relation)
        g.add_edge(src, dst, key=relation, relation=relation,
                   label=_relation_label(relation) + (" (reported)" if reported_only else ""),
                   weight=len(items), first=min(e["starts"], default=None), last=max(e["ends"], default=None),
                   reported_only=reported_only, info={"because of": items})
    return g
