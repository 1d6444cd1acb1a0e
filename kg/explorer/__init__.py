"""The explorer: a projected graph as one self-contained, offline HTML page.

    from kg.explorer import render_html
    render_html(graph, "actors.html")        # graph: a projection (kg.graphs.project)

Input is the networkx ``MultiDiGraph`` a projection produces; output a page that draws it with
vis-network, loads nothing from the network and keeps every string of the data as text. The same
input (whatever the order in which nodes and edges were added) always gives the same page. Its
parts, each step using those above it:

* :mod:`~kg.explorer.styles`: how each kind and relation looks (shape, colour, dashes) and the
  legend;
* :mod:`~kg.explorer.layout`: the choice of layout, and a seeded pure-Python force layout for
  large graphs;
* :mod:`~kg.explorer.data`: the graph read into the page's node and edge records (labels,
  kinds, groups, dates, claims and their rivals, the items behind a link, tooltips), and
  :func:`page_cut`, what a page can show of a big graph;
* :mod:`~kg.explorer.vis`: those records as vis-network items and options
  (:func:`graph_to_vis_data`);
* :mod:`~kg.explorer.page`: page assembly, the template (``templates/``), the inlined
  vis-network from pyvis's package files, the Content-Security-Policy (:func:`render_html`);
* :mod:`~kg.explorer.notebook`: the page inside Jupyter (:func:`render_notebook`).

May import: kg.graphs (whose projections it draws) and the base modules (kg.errors, kg.files,
kg.namespaces, kg.text, kg.limits, ...); today it needs only kg.files. Not kg.store or kg.sparql: a
page is drawn from a networkx graph, never from the store; and never kg.build, kg.server or kg.cli,
which call it. Heavy imports (pyvis, jinja2, networkx) happen inside the functions, so importing
this package is cheap.
"""

from __future__ import annotations

from .data import MAX_EDGE_ITEMS, MAX_PAGE_EDGES, MAX_PAGE_NODES, page_cut
from .layout import LAYOUTS, PYTHON_LAYOUT_THRESHOLD
from .notebook import render_notebook
from .page import render_html
from .styles import GROUP_LABELS, KIND_GROUPS, KIND_STYLES, RELATION_STYLES
from .vis import graph_to_vis_data

__all__ = [
    "GROUP_LABELS",
    "KIND_GROUPS",
    "KIND_STYLES",
    "LAYOUTS",
    "MAX_EDGE_ITEMS",
    "MAX_PAGE_EDGES",
    "MAX_PAGE_NODES",
    "PYTHON_LAYOUT_THRESHOLD",
    "RELATION_STYLES",
    "graph_to_vis_data",
    "page_cut",
    "render_html",
    "render_notebook",
]
