"""mediation-kg: knowledge graphs of armed conflicts and the diplomacy around them.

The main functions are importable from here (loaded on first use, so ``import kg`` stays fast)::

    import kg
    store = kg.build_memory()                       # the seed scenario, in memory
    kg.run_named(store, "rival-claims").records()   # a named query, as rows of Python values
    g = kg.project(store, "actors", as_of="2026-01-01")   # a networkx lens on the graph
    kg.mediators(g)                                 # analytics, as rows
    kg.render_html(g, "actors.html")                # or kg.render_notebook(g) inside Jupyter
    kg.export_graph(g, "graphml", "actors.graphml")  # for Gephi, Cytoscape, ...
"""

__version__ = "0.1.0"

# Names that are not also module names: after "import kg.build", the attribute kg.build is the
# module, so a function of that name could not be reached reliably from here.
_API = {
    "build_memory": "kg.build", "seed_path": "kg.data",
    "open_store": "kg.store",
    "run": "kg.sparql.query", "run_named": "kg.sparql.query", "named_queries": "kg.sparql.named",
    "actor_graph": "kg.graphs.project", "actor_event_graph": "kg.graphs.project", "claims_graph": "kg.graphs.project",
    "project": "kg.graphs.project", "ego_graph": "kg.graphs.project",
    "centrality": "kg.graphs.analyze", "mediators": "kg.graphs.analyze", "escalation_chains": "kg.graphs.analyze",
    "shortest_path": "kg.graphs.analyze", "communities": "kg.graphs.analyze",
    "render_html": "kg.explorer", "render_notebook": "kg.explorer",
    "export_graph": "kg.graphs.export",
}

__all__ = ["__version__", *_API]


def __getattr__(name):
    if name in _API:
        import importlib
        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
