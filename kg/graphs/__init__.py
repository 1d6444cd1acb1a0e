"""Graphs: projections of the RDF graph into networkx, what analysts compute on them, and the
network files other tools read.

Owns the projections (``project``: actors, events, claims, cut to a time window or an actor's
neighbourhood; the shared data contract every consumer reads), the analytics (``analyze``:
centrality, mediators, escalation chains, paths, communities) and the graph-file writers
(``export``: GraphML, GEXF, Cytoscape JSON, GML, CSV).

May import: kg.sparql and the base modules.
"""
