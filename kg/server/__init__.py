"""The SPARQL endpoint (``kg serve``): the SPARQL 1.1 Protocol and Graph Store Protocol over a store,
the query page, and the worker processes that run every query where it can be stopped.

Owns the ASGI app and its routes (``app``), the worker pool (``workers``) and the query page's
files (``web/``).

May import: kg.store, kg.sparql, kg.graphs, kg.explorer, kg.export and the base modules (the
top of the stack with kg.cli).
"""
