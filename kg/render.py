"""Render a projected graph as one self-contained, offline HTML page.

Input is the networkx ``MultiDiGraph`` the projection produces:

* node id: an IRI string; attributes ``label`` (str), ``kind`` (str, e.g. ``"State"``,
  ``"Person"``, ``"Event"``) and optional ``info`` (``dict[str, str | list[str]]``, shown
  in the tooltip);
* edge attributes ``relation`` (str key, e.g. ``"attacked"``), ``label`` (human text),
  optional ``weight`` (number), ``first`` / ``last`` (ISO dates) and ``info``;
* optional ``graph.graph["relation_labels"]``: relation key -> the words the legend uses.

The page is written from our own template (``kg/templates/graph.html``), never from
pyvis's: pyvis 0.3.2 leaves CDN links in its pages, has no autoescaping and turns a
title containing "href" into ``innerHTML``. pyvis's ``Network`` only assembles the
node and edge dicts; vis-network's JS and CSS (shipped inside pyvis) are inlined.

Safety of the page:

* data travels as JSON in ``<script type="application/json">`` with ``<``, ``>`` and
  ``&`` written as ``\\u003c`` ``\\u003e`` ``\\u0026``, so no string can end the element;
* tooltips are DOM elements built with ``textContent`` (never ``innerHTML``); canvas
  labels are drawn as text by vis-network;
* the heading and legend come from a Jinja2 template with autoescaping on;
* a Content-Security-Policy allows only the page's own inline scripts (by SHA-256
  hash), inline styles and ``data:`` images, and no network access at all.

Large graphs (more than :data:`PYTHON_LAYOUT_THRESHOLD` nodes, or ``layout="python"``)
are laid out here, in pure Python, seeded, and sent with physics off; small ones use
vis-network's physics (barnesHut, seeded) for at most :data:`STABILIZATION_ITERATIONS`
iterations, then physics is switched off; above :data:`PHYSICS_SEED_THRESHOLD` nodes
that physics starts from the Python layout. The same input (whatever the order in
which nodes and edges were added) always gives the same page.

The page sets ``data-kg-ready="1"``, ``data-kg-nodes`` and ``data-kg-edges`` on
``<body>`` once the graph is drawn, and exposes ``window.kgNetwork``, ``window.kgNodes``
and ``window.kgEdges`` (vis DataSets) for browser tests.

Heavy imports (pyvis, jinja2, networkx) happen inside the functions.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import math
import os
import random
import re
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from .files import write_atomically

if TYPE_CHECKING:  # pragma: no cover
    import networkx

__all__ = [
    "render_html",
    "render_notebook",
    "graph_to_vis_data",
    "KIND_STYLES",
    "RELATION_STYLES",
    "PYTHON_LAYOUT_THRESHOLD",
    "LAYOUTS",
]

#: Above this many nodes ``layout="auto"`` computes positions in Python.
PYTHON_LAYOUT_THRESHOLD = 300
#: Above this many edges, edge labels are shown in tooltips only, not on the canvas.
EDGE_LABEL_LIMIT = 400
#: With physics, graphs above this many nodes start from the Python layout.
PHYSICS_SEED_THRESHOLD = 100
#: vis-network physics iterations before the layout is frozen (small graphs).
STABILIZATION_ITERATIONS = 200
#: Seed of every random choice made for a layout (Python and vis-network).
LAYOUT_SEED = 42
#: Accepted values of the ``layout`` argument.
LAYOUTS = ("auto", "python", "physics")

_VIS_DIR = ("lib", "vis-9.1.2")
_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif"

# Shapes drawn with the label outside, so that node size can follow degree.
_SHAPES = ("dot", "square", "triangle", "triangleDown", "diamond", "hexagon", "star")

#: kind -> (legend text, vis-network shape, fill colour). Colours mostly Okabe-Ito.
KIND_STYLES: dict[str, tuple[str, str, str]] = {
    "State": ("State", "dot", "#0072B2"),
    "Government": ("Government", "square", "#56B4E9"),
    "ArmedForces": ("Armed forces", "triangle", "#D55E00"),
    "NonStateArmedGroup": ("Non-state armed group", "triangleDown", "#8E1B1B"),
    "InternationalOrganisation": ("International organisation", "hexagon", "#009E73"),
    "Person": ("Person", "diamond", "#CC79A7"),
    "Analyst": ("Analyst", "diamond", "#7A5BA6"),
    "MediaOutlet": ("Media outlet", "square", "#E69F00"),
    "Place": ("Place", "hexagon", "#9A9A8E"),
    "Event": ("Event", "star", "#F0E442"),
}
_KIND_ALIASES = {
    "InternationalOrganization": "InternationalOrganisation",
    "Country": "State",
    "Military": "ArmedForces",
    "ArmedGroup": "NonStateArmedGroup",
    "Media": "MediaOutlet",
    "Location": "Place",
}

#: relation -> (legend text, colour, dashed).
RELATION_STYLES: dict[str, tuple[str, str, bool]] = {
    "attacked": ("attacked", "#D62728", False),
    "accused": ("accused", "#FF7F0E", False),
    "threatened": ("threatened", "#E7298A", False),
    "mediated": ("mediated", "#2CA02C", False),
    "negotiated": ("negotiated", "#17BECF", False),
    "party-to-ceasefire": ("party to ceasefire", "#1F77B4", False),
    "appealed-to": ("appealed to", "#9467BD", False),
    "hosted": ("hosted", "#8C564B", False),
    "met": ("met", "#BCBD22", False),
    "signed": ("signed", "#0B6E4F", False),
    "denied": ("denied", "#AA4499", True),
    "rejected": ("rejected", "#882255", True),
    "claimed": ("claimed", "#E377C2", True),
    "holds-post": ("holds post", "#7F7F7F", True),
    "member-of": ("member of", "#A0A0A0", True),
    "located-in": ("located in", "#B8B8B8", True),
    "participated-in": ("participated in", "#6B7B8C", False),
}

# Colours for kinds and relations the tables above do not know, in order of name.
_EXTRA_COLOURS = (
    "#8C6D31", "#393B79", "#637939", "#D6616B", "#5F6B7A", "#B5CF6B",
    "#7B4173", "#E7BA52", "#3A9C9B", "#9ECAE9", "#F7B6D2", "#252525",
)
_DEFAULT_KIND = "Unknown"
_DEFAULT_RELATION = "related"

# External references the page must never contain (checked on the inlined assets).
_EXTERNAL_REF = re.compile(
    r"""(?:\bsrc|\bhref)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------- styles


def _shade(colour: str, factor: float) -> str:
    """Darken (factor < 1) or lighten (factor > 1) a #rrggbb colour."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    if factor < 1:
        r, g, b = (round(c * factor) for c in (r, g, b))
    else:
        t = factor - 1
        r, g, b = (round(c + (255 - c) * t) for c in (r, g, b))
    return "#{:02x}{:02x}{:02x}".format(*(max(0, min(255, c)) for c in (r, g, b)))


def _words(key: str) -> str:
    """'NonStateArmedGroup' -> 'Non state armed group'; 'holds-post' -> 'holds post'."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", key).replace("-", " ").replace("_", " ")
    spaced = " ".join(spaced.split())
    return spaced[:1].upper() + spaced[1:].lower() if spaced else key


def _kind_styles(kinds: set[str]) -> dict[str, tuple[str, str, str]]:
    """Style of every kind present: from :data:`KIND_STYLES`, or else, for kinds it
    does not know (sorted by name), the next colour of a spare palette and a shape,
    so that they stay distinct on one page."""
    styles: dict[str, tuple[str, str, str]] = {}
    unknown = []
    for kind in sorted(kinds):
        canonical = _KIND_ALIASES.get(kind, kind)
        if canonical in KIND_STYLES:
            styles[kind] = KIND_STYLES[canonical]
        else:
            unknown.append(kind)
    for i, kind in enumerate(unknown):
        colour = _EXTRA_COLOURS[i % len(_EXTRA_COLOURS)]
        shape = _SHAPES[(i + 2 + i // len(_EXTRA_COLOURS)) % len(_SHAPES)]
        styles[kind] = (_words(kind) or _DEFAULT_KIND, shape, colour)
    return styles


def _relation_styles(relations: set[str]) -> dict[str, tuple[str, str, bool]]:
    """Style of every relation present, as :func:`_kind_styles` does for kinds."""
    styles: dict[str, tuple[str, str, bool]] = {}
    unknown = []
    for relation in sorted(relations):
        if relation in RELATION_STYLES:
            styles[relation] = RELATION_STYLES[relation]
        else:
            unknown.append(relation)
    for i, relation in enumerate(unknown):
        dashed = (i // len(_EXTRA_COLOURS)) % 2 == 1
        styles[relation] = (_words(relation).lower() or relation, _EXTRA_COLOURS[i % len(_EXTRA_COLOURS)], dashed)
    return styles


# --------------------------------------------------------------------------- data


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def _clean_info(info: Any) -> dict[str, str | list[str]]:
    """Coerce an ``info`` attribute to ``dict[str, str | list[str]]`` (JSON-safe)."""
    if info is None:
        return {}
    if not isinstance(info, Mapping):
        return {"info": _text(info)}
    out: dict[str, str | list[str]] = {}
    for key, value in info.items():
        if value is None:
            continue
        if isinstance(value, (set, frozenset)):
            out[_text(key)] = sorted(_text(v) for v in value if v is not None)
        elif isinstance(value, (list, tuple)):
            out[_text(key)] = [_text(v) for v in value if v is not None]
        else:
            out[_text(key)] = _text(value)
    return out


def _number(value: Any) -> float | int | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number):
        return None
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _local_name(iri: str) -> str:
    tail = re.split(r"[#/:]", iri.rstrip("/#"))[-1]
    return tail or iri


class _IdList(list):
    """pyvis keeps node ids in a list and tests membership on every ``add_node`` and
    ``add_edge`` (quadratic: 6.5 s for 5,000 nodes / 15,000 edges). This list answers
    ``in`` from a set; pyvis's code path is otherwise unchanged."""

    def __init__(self) -> None:
        super().__init__()
        self._members: set = set()

    def append(self, item: Any) -> None:  # noqa: D401 - list API
        super().append(item)
        self._members.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._members


class _Edge(NamedTuple):
    sort_key: tuple[str, ...]  # (from, to, relation, first, last, text, graph key)
    source: Any
    target: Any
    relation: str
    text: str
    attrs: Mapping[str, Any]


def _choose_layout(layout: str, n_nodes: int) -> str:
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}; got {layout!r}")
    if layout == "auto":
        return "python" if n_nodes > PYTHON_LAYOUT_THRESHOLD else "physics"
    return layout


def graph_to_vis_data(graph: "networkx.MultiDiGraph", *, layout: str = "auto") -> dict[str, Any]:
    """What goes into the page, as plain JSON-ready dicts.

    Returns ``{"nodes": [...], "edges": [...], "options": {...}, "legend": {...},
    "meta": {...}}``. ``nodes`` and ``edges`` are vis-network items (assembled with
    pyvis's ``Network``) plus our own fields: nodes carry ``kind``, ``degree`` and
    ``info``; edges carry ``relation``, ``text`` (the human label), ``first``,
    ``last``, ``weight`` and ``info``. With the Python layout every node has ``x``
    and ``y`` and ``options["physics"]["enabled"]`` is false. Nodes are sorted by id
    and edges by (from, to, relation, first, last, label), so the result does not
    depend on insertion order.
    """
    from pyvis.network import Network

    chosen = _choose_layout(layout, graph.number_of_nodes())

    # Node ids must be strings in the page; keep a map from the graph's own ids.
    vid: dict[Any, str] = {node: _text(node) for node in graph.nodes}
    if len(set(vid.values())) != len(vid):
        raise ValueError("node ids are not unique once written as text")

    order = sorted(graph.nodes, key=lambda n: vid[n])
    degree = {n: graph.degree(n) for n in order}

    if graph.is_multigraph():
        rows = graph.edges(keys=True, data=True)
    else:  # a DiGraph works too: one edge per pair
        rows = ((u, v, 0, attrs) for u, v, attrs in graph.edges(data=True))
    edge_list: list[_Edge] = []
    for u, v, key, attrs in rows:
        relation = _text(attrs.get("relation") or _DEFAULT_RELATION)
        text = attrs.get("label")
        text = _text(text) if text not in (None, "") else (_words(relation).lower() or relation)
        sort_key = (
            vid[u], vid[v], relation,
            _text(attrs.get("first") or ""), _text(attrs.get("last") or ""), text, _text(key),
        )
        edge_list.append(_Edge(sort_key, u, v, relation, text, attrs))
    edge_list.sort(key=lambda edge: edge.sort_key)

    pairs = [(edge.sort_key[0], edge.sort_key[1]) for edge in edge_list]
    # Physics starts from vis-network's own layout on small graphs; from ours (seeded)
    # on mid-sized ones, where 200 iterations from random positions leave a tangle.
    seeded = chosen == "python" or len(order) > PHYSICS_SEED_THRESHOLD
    positions = _python_layout([vid[n] for n in order], pairs) if seeded else {}
    kind_of = {n: _text(graph.nodes[n].get("kind") or _DEFAULT_KIND) for n in order}
    kind_styles = _kind_styles(set(kind_of.values()))
    relation_styles = _relation_styles({edge.relation for edge in edge_list})
    edge_labels = len(edge_list) <= EDGE_LABEL_LIMIT

    net = Network(directed=True)
    net.node_ids = _IdList()

    kinds_seen: dict[str, int] = defaultdict(int)
    for node in order:
        attrs = graph.nodes[node]
        node_id = vid[node]
        kind = kind_of[node]
        kinds_seen[kind] += 1
        _, shape, colour = kind_styles[kind]
        label = attrs.get("label")
        label = _text(label) if label not in (None, "") else _local_name(node_id)
        extra: dict[str, Any] = {
            "kind": kind,
            "degree": degree[node],
            "value": degree[node],
            "info": _clean_info(attrs.get("info")),
        }
        if _KIND_ALIASES.get(kind, kind) == "Analyst":
            extra["shapeProperties"] = {"borderDashes": [3, 2]}
        if node_id in positions:
            extra["x"], extra["y"] = positions[node_id]
        net.add_node(
            node_id,
            label=label,
            shape=shape,
            color={
                "background": colour,
                "border": _shade(colour, 0.6),
                "highlight": {"background": _shade(colour, 1.35), "border": _shade(colour, 0.45)},
                "hover": {"background": _shade(colour, 1.2), "border": _shade(colour, 0.45)},
            },
            **extra,
        )

    curves = _parallel_curves(pairs)
    relations_seen: dict[str, int] = defaultdict(int)
    relation_labels = graph.graph.get("relation_labels", {})  # the projection's own words, if it gives them
    weighted = False
    for index, (_, u, v, relation, text, attrs) in enumerate(edge_list):
        relations_seen[relation] += 1
        first, last = attrs.get("first"), attrs.get("last")
        _, colour, dashed = relation_styles[relation]
        options: dict[str, Any] = {
            "id": f"e{index}",
            "relation": relation,
            "text": text,
            "color": {"color": colour, "highlight": _shade(colour, 0.7), "hover": _shade(colour, 0.7), "inherit": False},
            "arrows": "to",
        }
        if edge_labels:
            options["label"] = text
        if dashed:
            options["dashes"] = [6, 4]
        if index in curves:
            options["smooth"] = curves[index]
        if first not in (None, ""):
            options["first"] = _text(first)
        if last not in (None, ""):
            options["last"] = _text(last)
        weight = _number(attrs.get("weight"))
        if weight is not None:
            options["weight"] = weight
            options["value"] = abs(weight)
            weighted = True
        info = _clean_info(attrs.get("info"))
        if info:
            options["info"] = info
        net.add_edge(vid[u], vid[v], **options)

    nodes = [dict(n) for n in net.nodes]
    edges = [dict(e) for e in net.edges]
    for node in nodes:
        node.pop("font", None)  # pyvis adds a per-node font only when font_color is set

    legend = {
        "kinds": [
            {
                "kind": kind,
                "label": kind_styles[kind][0],
                "shape": kind_styles[kind][1],
                "color": kind_styles[kind][2],
                "border": _shade(kind_styles[kind][2], 0.6),
                "count": count,
            }
            for kind, count in sorted(kinds_seen.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "relations": [
            {
                "relation": relation,
                "label": relation_labels.get(relation) or relation_styles[relation][0],
                "color": relation_styles[relation][1],
                "dashed": relation_styles[relation][2],
                "count": count,
            }
            for relation, count in sorted(relations_seen.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
    }
    meta = {
        "layout": chosen,
        "nodes": len(nodes),
        "edges": len(edges),
        "edgeLabels": edge_labels,
        "seed": LAYOUT_SEED,
    }
    return {
        "nodes": nodes,
        "edges": edges,
        "options": _vis_options(chosen, len(nodes), weighted),
        "legend": legend,
        "meta": meta,
    }


def _parallel_curves(pairs: list[tuple[str, str]]) -> dict[int, dict[str, Any]]:
    """vis ``smooth`` settings that fan out parallel edges (either direction) between
    one pair of nodes: edge index -> setting; a lone edge (or the middle one) stays
    straight. The side is fixed in absolute terms, hence CW/CCW by direction."""
    bundles: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, (a, b) in enumerate(pairs):
        bundles[(a, b) if a <= b else (b, a)].append(index)
    curves: dict[int, dict[str, Any]] = {}
    for (low, high), members in bundles.items():
        if len(members) == 1 or low == high:
            continue
        for k, index in enumerate(members):
            offset = (k - (len(members) - 1) / 2) * 0.3
            if offset == 0:
                continue
            forward = pairs[index][0] == low
            curves[index] = {
                "enabled": True,
                "type": "curvedCW" if (offset > 0) == forward else "curvedCCW",
                "roundness": round(min(abs(offset), 0.9), 3),
            }
    return curves


def _vis_options(layout: str, n_nodes: int, weighted: bool) -> dict[str, Any]:
    large = n_nodes > PYTHON_LAYOUT_THRESHOLD
    options: dict[str, Any] = {
        "autoResize": True,
        "nodes": {
            "borderWidth": 1.5,
            "borderWidthSelected": 3,
            "font": {"face": _FONT, "color": "#1a202c", "strokeWidth": 4, "strokeColor": "#ffffff"},
            # Size follows degree (``value``). On a large graph, small labels appear
            # only once zoomed in; hubs' larger labels show in the overview.
            "scaling": {
                "min": 7 if large else 10,
                "max": 28 if large else 34,
                "label": {
                    "enabled": True,
                    "min": 13,
                    "max": 22 if large else 20,
                    "drawThreshold": 8 if large else 5,
                    "maxVisible": 26,
                },
            },
            "widthConstraint": {"maximum": 170},
        },
        "edges": {
            "width": 1.6,
            "selectionWidth": 2,
            "hoverWidth": 1,
            "smooth": {"enabled": False},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.65}},
            "font": {
                "face": _FONT,
                "size": 11,
                "color": "#2d3748",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": n_nodes > 1500,
            "navigationButtons": False,
            "keyboard": False,
        },
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": n_nodes <= 100},
    }
    if weighted:
        options["edges"]["scaling"] = {"min": 1, "max": 4, "label": {"enabled": False}}
    if layout == "python":
        options["physics"] = {"enabled": False}
    else:
        options["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -9000,
                "centralGravity": 0.25,
                "springLength": 170,
                "springConstant": 0.035,
                "damping": 0.35,
                "avoidOverlap": 0.25,
            },
            "stabilization": {
                "enabled": True,
                "iterations": STABILIZATION_ITERATIONS,
                "updateInterval": 25,
                "fit": True,
            },
        }
    return options


# --------------------------------------------------------------------------- layout


def _python_layout(nodes: list[str], pairs: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Seeded force-directed layout in pure Python; returns page coordinates (px).

    networkx's ``spring_layout`` needs numpy (and scipy from 500 nodes), which the
    project does not depend on. This is Fruchterman-Reingold with grid-limited
    repulsion and logarithmic attraction (LinLog-like, which separates clusters and
    keeps dense cores from collapsing), run per connected component; components are
    then packed in rows and the whole drawing scaled so that the median distance to
    the nearest node is :data:`_NEAREST_PX`. Pure Python floats and
    ``random.Random(seed)`` make it reproducible on any machine.
    """
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(nodes)
    simple.add_edges_from((a, b) for a, b in pairs if a != b)

    components = sorted(
        (sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0])
    )
    rng = random.Random(LAYOUT_SEED)
    gap = 2.0  # between packed components, in units of the ideal edge length
    placed: list[tuple[list[str], list[tuple[float, float]], float, float]] = []
    singles: list[str] = []
    for comp in components:
        if len(comp) == 1:
            singles.append(comp[0])
            continue
        index = {n: i for i, n in enumerate(comp)}
        edges = sorted(
            {(min(index[a], index[b]), max(index[a], index[b])) for a, b in simple.subgraph(comp).edges}
        )
        xy = _fruchterman_reingold(len(comp), edges, rng)
        minx = min(p[0] for p in xy)
        miny = min(p[1] for p in xy)
        pts = [(x - minx, y - miny) for x, y in xy]
        placed.append((comp, pts, max(p[0] for p in pts), max(p[1] for p in pts)))
    if singles:
        side = math.ceil(math.sqrt(len(singles)))
        pts = [(float(i % side), float(i // side)) for i in range(len(singles))]
        placed.append((singles, pts, float(side - 1), float((len(singles) - 1) // side)))

    # Shelf packing: rows about as wide as a square holding everything.
    total_area = sum((w + gap) * (h + gap) for _, _, w, h in placed)
    row_width = max([math.sqrt(total_area)] + [w for _, _, w, _ in placed])
    units: dict[str, tuple[float, float]] = {}
    x0 = y0 = row_height = 0.0
    for comp, pts, w, h in placed:
        if x0 > 0 and x0 + w > row_width:
            x0, y0, row_height = 0.0, y0 + row_height + gap, 0.0
        for node, (x, y) in zip(comp, pts):
            units[node] = (x0 + x, y0 + y)
        x0 += w + gap
        row_height = max(row_height, h)
    if not units:
        return {}

    scale = _NEAREST_PX / _median_nearest(list(units.values()))
    xs = [p[0] for p in units.values()]
    ys = [p[1] for p in units.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: (round((x - cx) * scale, 1), round((y - cy) * scale, 1)) for n, (x, y) in units.items()}


#: Median distance (px) from a node to its nearest neighbour in a Python layout.
_NEAREST_PX = 34.0


def _median_nearest(points: list[tuple[float, float]]) -> float:
    """Median nearest-neighbour distance (searching a 3x3 block of unit cells)."""
    if len(points) < 2:
        return 1.0
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, (x, y) in enumerate(points):
        grid[(math.floor(x), math.floor(y))].append(i)
    nearest = []
    for i, (x, y) in enumerate(points):
        gx, gy = math.floor(x), math.floor(y)
        best = math.inf
        for ox in (-1, 0, 1):
            for oy in (-1, 0, 1):
                for j in grid.get((gx + ox, gy + oy), ()):
                    if j != i:
                        best = min(best, math.hypot(x - points[j][0], y - points[j][1]))
        nearest.append(min(best, 1.0))
    nearest.sort()
    return max(nearest[len(nearest) // 2], 1e-3)


def _fruchterman_reingold(
    n: int, edges: list[tuple[int, int]], rng: random.Random, iterations: int = 60
) -> list[tuple[float, float]]:
    """Fruchterman-Reingold in units of the ideal edge length. Repulsion 1/d acts
    only within 2 units (grid cells, as in the original paper), so an iteration costs
    about O(n + m); attraction is log(1 + d)."""
    side = math.sqrt(n)
    xs = [rng.random() * side for _ in range(n)]
    ys = [rng.random() * side for _ in range(n)]
    temperature = side / 8
    cooling = temperature / (iterations + 1)
    cell = 2.0
    cutoff2 = cell * cell
    sqrt = math.sqrt
    log1p = math.log1p
    forward_cells = ((1, -1), (1, 0), (1, 1), (0, 1))
    for _ in range(iterations):
        dx = [0.0] * n
        dy = [0.0] * n
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i in range(n):
            grid[(int(xs[i] // cell), int(ys[i] // cell))].append(i)
        for (gx, gy), members in grid.items():
            # Pairs within the cell once each, and with the cells "ahead" of it.
            ahead = [i for ox, oy in forward_cells for i in grid.get((gx + ox, gy + oy), ())]
            count = len(members)
            for position in range(count):
                i = members[position]
                xi = xs[i]
                yi = ys[i]
                fx = fy = 0.0
                for j in members[position + 1 :] + ahead if position + 1 < count else ahead:
                    ddx = xi - xs[j]
                    ddy = yi - ys[j]
                    d2 = ddx * ddx + ddy * ddy
                    if d2 >= cutoff2:
                        continue
                    if d2 < 1e-6:  # coincident: push apart in a fixed direction
                        ddx, ddy, d2 = 0.01, 0.01 * ((i + j) % 3 - 1), 2e-4
                    ddx /= d2  # |force| = 1/d along the unit vector
                    ddy /= d2
                    fx += ddx
                    fy += ddy
                    dx[j] -= ddx
                    dy[j] -= ddy
                dx[i] += fx
                dy[i] += fy
        for a, b in edges:
            ddx = xs[a] - xs[b]
            ddy = ys[a] - ys[b]
            d = sqrt(ddx * ddx + ddy * ddy)
            if d == 0:
                continue
            f = log1p(d) / d  # |force| = log(1 + d)
            dx[a] -= ddx * f
            dy[a] -= ddy * f
            dx[b] += ddx * f
            dy[b] += ddy * f
        for i in range(n):
            d = sqrt(dx[i] * dx[i] + dy[i] * dy[i])
            if d > 0:
                step = min(d, temperature) / d
                xs[i] += dx[i] * step
                ys[i] += dy[i] * step
        temperature -= cooling
    return list(zip(xs, ys))


# --------------------------------------------------------------------------- page


def _json_for_script(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _normalise_newlines(text: str) -> str:
    # The HTML parser turns CR LF and CR into LF before CSP hashes are checked.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@functools.lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    """vis-network JS/CSS (from pyvis) and our template, JS and CSS, checked once."""
    from importlib import resources

    vis = resources.files("pyvis")
    for part in _VIS_DIR:
        vis = vis / part
    try:
        vis_js = (vis / "vis-network.min.js").read_text(encoding="utf-8")
        vis_css = (vis / "vis-network.css").read_text(encoding="utf-8")
    except FileNotFoundError as exc:  # pragma: no cover - depends on the pyvis install
        raise RuntimeError(
            "vis-network 9.1.2 was not found inside pyvis (expected pyvis/lib/vis-9.1.2/); "
            "the project needs pyvis==0.3.2"
        ) from exc
    # A source-map comment would make developer tools fetch a file; drop it.
    vis_js = re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", vis_js)
    vis_css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/\s*$", "", vis_css)

    templates = resources.files("kg") / "templates"
    assets = {
        "vis_js": _normalise_newlines(vis_js),
        "vis_css": _normalise_newlines(vis_css),
        "page_js": _normalise_newlines((templates / "graph.js").read_text(encoding="utf-8")),
        "page_css": _normalise_newlines((templates / "graph.css").read_text(encoding="utf-8")),
        "template": (templates / "graph.html").read_text(encoding="utf-8"),
    }
    for name in ("vis_js", "page_js"):
        lowered = assets[name].lower()
        if "</script" in lowered or "<!--" in lowered:
            raise RuntimeError(f"{name} cannot be inlined: it contains '</script' or '<!--'")
    for name in ("vis_css", "page_css"):
        if "</style" in assets[name].lower():
            raise RuntimeError(f"{name} cannot be inlined: it contains '</style'")
    for name in ("vis_js", "vis_css", "page_js", "page_css", "template"):
        found = _EXTERNAL_REF.search(assets[name])
        if found:
            raise RuntimeError(f"{name} refers to an external resource: {found.group(0)!r}")
    return assets


@functools.lru_cache(maxsize=1)
def _template():
    import jinja2

    env = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    return env.from_string(_assets()["template"])


def _page(data: dict[str, Any], title: str) -> str:
    from markupsafe import Markup

    assets = _assets()
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_csp_hash(assets['vis_js'])} {_csp_hash(assets['page_js'])}",
            "style-src 'unsafe-inline'",
            "img-src data:",
            "font-src 'none'",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    return _template().render(
        title=title,
        csp=Markup(csp),  # our constants and base64 hashes: no quote, no markup
        meta=data["meta"],
        legend=data["legend"],
        vis_css=Markup(assets["vis_css"]),
        page_css=Markup(assets["page_css"]),
        vis_js=Markup(assets["vis_js"]),
        page_js=Markup(assets["page_js"]),
        data_json=Markup(_json_for_script(data)),
    )


def render_html(
    graph: "networkx.MultiDiGraph",
    path: str | os.PathLike | None = None,
    *,
    title: str = "mediation-kg",
    layout: str = "auto",
) -> str:
    """Render ``graph`` as a self-contained HTML page and return its text.

    When ``path`` is given the page is also written there atomically (a temporary
    file in the same directory, then ``os.replace``). ``layout`` is ``"auto"``
    (Python layout above :data:`PYTHON_LAYOUT_THRESHOLD` nodes, vis physics below),
    ``"python"`` or ``"physics"``. The page loads nothing from the network.

    Once the graph is drawn, the page sets ``data-kg-ready="1"``, ``data-kg-nodes`` and
    ``data-kg-edges`` on ``<body>`` and exposes ``window.kgNetwork``,
    ``window.kgNodes`` and ``window.kgEdges`` (vis DataSets).
    """
    data = graph_to_vis_data(graph, layout=layout)
    page = _page(data, _text(title))
    if path is not None:
        write_atomically(path, page)
    return page


def render_notebook(graph: "networkx.MultiDiGraph", *, height: int = 720, **kw: Any):
    """Render ``graph`` for Jupyter: an ``IPython.display.HTML`` holding a sandboxed
    ``<iframe srcdoc=...>`` with the page of :func:`render_html` (``kw`` goes to it)."""
    try:
        from IPython.display import HTML
    except ImportError as exc:
        raise ImportError(
            "render_notebook needs IPython (run it inside Jupyter, or pip install ipython); "
            "render_html(graph, 'graph.html') writes a page any browser opens"
        ) from exc
    if "path" in kw:
        raise TypeError("render_notebook does not write files; use render_html(graph, path)")
    height = int(height)
    if height <= 0:
        raise ValueError("height must be a positive number of pixels")
    page = render_html(graph, **kw)
    # Wrapped in a <div>: IPython warns about a bare <iframe> ("use IFrame"), and
    # IFrame takes a URL, not srcdoc. sandbox="allow-scripts" keeps the page apart
    # from the notebook (no same origin); its CSP still applies inside srcdoc.
    return HTML(
        '<div class="kg-notebook"><iframe sandbox="allow-scripts" referrerpolicy="no-referrer" '
        f'style="width:100%;height:{height}px;border:1px solid #e2e8f0;border-radius:4px" '
        f'title="{html.escape(_text(kw.get("title", "mediation-kg")), quote=True)}" '
        f'srcdoc="{html.escape(page, quote=True)}"></iframe></div>'
    )
