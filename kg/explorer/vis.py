"""The page's graph as vis-network items and options: what :func:`graph_to_vis_data` returns.

The records of :mod:`kg.explorer.data` meet the looks of :mod:`kg.explorer.styles` and the
positions of :mod:`kg.explorer.layout`: a node gets its kind's shape and colours, an edge its
relation's colour and dashes (short dashes when it rests only on reports; dark red, dash-dot and
a marked label when someone disputes it), parallel edges between two nodes fan out, and above
:data:`EDGE_LABEL_LIMIT` edges labels move to the tooltips.
pyvis's ``Network`` assembles the node and edge dicts. Small graphs use vis-network's physics
(barnesHut, seeded) for at most :data:`STABILIZATION_ITERATIONS` iterations, then physics is
switched off.

Imports :mod:`kg.explorer.data`, :mod:`~kg.explorer.styles` and :mod:`~kg.explorer.layout`;
pyvis only inside :func:`graph_to_vis_data`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from .data import PageEdge, PageNode, PageStanding, read_graph
from .layout import LAYOUT_SEED, PYTHON_LAYOUT_THRESHOLD, choose_layout, start_positions
from .styles import (
    DASHED,
    DISPUTED_COLOUR,
    DISPUTED_DASHES,
    DISPUTED_MARK,
    REPORTED_DASHES,
    edge_colours,
    kind_styles,
    legend,
    node_colours,
    relation_styles,
    shape_properties,
)

if TYPE_CHECKING:  # pragma: no cover
    import networkx

#: Above this many edges, edge labels are shown in tooltips only, not on the canvas.
EDGE_LABEL_LIMIT = 400
#: vis-network physics iterations before the layout is frozen (small graphs).
STABILIZATION_ITERATIONS = 200

_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif"


def graph_to_vis_data(
    graph: networkx.MultiDiGraph, *, layout: str = "auto", size_by: str | None = None
) -> dict[str, Any]:
    """What goes into the page, as plain JSON-ready dicts.

    Returns ``{"nodes": [...], "edges": [...], "options": {...}, "legend": {...},
    "meta": {...}}``. ``nodes`` and ``edges`` are vis-network items (assembled with
    pyvis's ``Network``) plus our own fields. Nodes carry ``kind``, ``kgGroup`` (the
    graph's ``group``; vis-network has its own meaning for ``group``), ``degree``,
    ``value`` (the size: ``size_by``, degree by default), ``info``, and when the graph
    has them ``start``, ``end``, ``date``, ``claim``, ``metrics`` (every numeric
    attribute), ``rivals`` (a claim's rival claims), ``claims`` (the claims about an
    event) and how it stands (``status``, ``sources``: independent ones, ``assertedBy``,
    ``disputedBy``). Edges carry ``relation``, ``text`` (the human label), ``first``, ``last``,
    ``weight``, ``info``, ``items`` (each with how it stands: ``status``,
    ``independent_sources``, ``asserted_by``, ``disputed_by``), ``reported``, ``status`` (stated,
    reported, corroborated or disputed) and, when known, ``assertedBy`` and ``disputedBy`` (every
    item's names, "; "-joined). ``meta`` has ``dates`` (the earliest and latest day in the
    data, or None), ``sizeBy`` and ``sizeOptions``. With
    the Python layout every node has ``x`` and ``y`` and
    ``options["physics"]["enabled"]`` is false. Nodes are sorted by id and edges by
    (from, to, relation, first, last, label), so the result does not depend on
    insertion order.

    ``size_by`` names a numeric node attribute (e.g. ``"betweenness"``); a name no node
    has as a number raises ``ValueError`` listing the ones available.
    """
    from pyvis.network import Network

    chosen = choose_layout(layout, graph.number_of_nodes())
    page = read_graph(graph, size_by)
    pairs = [(edge.source, edge.target) for edge in page.edges]
    positions = start_positions(chosen, [node.id for node in page.nodes], pairs)
    kind_looks = kind_styles(page.kind_groups)
    relation_looks = relation_styles({edge.relation for edge in page.edges})
    edge_labels = len(page.edges) <= EDGE_LABEL_LIMIT

    net = Network(directed=True)
    net.node_ids = _IdList()
    for node in page.nodes:
        _, shape, colour = kind_looks[node.kind]
        net.add_node(node.id, label=node.label, shape=shape, color=node_colours(colour), **_node_fields(node, positions))
    curves = _parallel_curves(pairs)
    for index, edge in enumerate(page.edges):
        _, colour, dashed = relation_looks[edge.relation]
        net.add_edge(edge.source, edge.target, **_edge_options(index, edge, colour, dashed, curves.get(index), edge_labels))
    nodes = net.nodes  # pyvis's own dicts of options: ours, not shared with anything
    edges = net.edges
    for node in nodes:
        node.pop("font", None)  # pyvis adds a per-node font only when font_color is set

    return {
        "nodes": nodes,
        "edges": edges,
        "options": _vis_options(chosen, len(nodes), any(edge.weight is not None for edge in page.edges)),
        "legend": legend(
            Counter(node.kind for node in page.nodes), page.kind_groups, kind_looks,
            Counter(edge.relation for edge in page.edges), relation_looks, page.relation_labels,
            Counter(edge.standing.status for edge in page.edges),
        ),
        "meta": {
            "layout": chosen,
            "nodes": len(nodes),
            "edges": len(edges),
            "edgeLabels": edge_labels,
            "seed": LAYOUT_SEED,
            "sizeBy": page.size_by,
            "sizeOptions": page.size_options,
            "dates": page.dates,
            "notice": None,  # what the page left out, if anything (render_html fills it in)
        },
    }


def _node_fields(node: PageNode, positions: dict[str, tuple[float, float]]) -> dict[str, Any]:
    """A node's fields beside vis-network's id, label, shape and colour: ours (``kgGroup``:
    vis-network has its own meaning for ``group``), its size, an analyst's dashed border, and
    its position when the layout gives one."""
    fields: dict[str, Any] = {"kind": node.kind, "kgGroup": node.group, "degree": node.degree, "value": node.value}
    if node.metrics:
        fields["metrics"] = node.metrics
    fields["info"] = node.info
    if node.start:
        fields["start"] = node.start
    if node.end:
        fields["end"] = node.end
    if node.date is not None:
        fields["date"] = node.date
    if node.claim is not None:
        fields["claim"] = node.claim
    if node.rivals is not None:
        fields["rivals"] = node.rivals
    if node.claims is not None:
        fields["claims"] = node.claims
    if node.standing is not None:
        fields.update(_standing_fields(node.standing))
    properties = shape_properties(node.kind)
    if properties:
        fields["shapeProperties"] = properties
    if node.id in positions:
        fields["x"], fields["y"] = positions[node.id]
    return fields


def _edge_options(
    index: int, edge: PageEdge, colour: str, dashed: bool, curve: dict[str, Any] | None, label: bool
) -> dict[str, Any]:
    """An edge's vis-network options and our fields: drawn in its relation's ``colour``, dashed
    as the relation is or short-dashed when it rests only on reports, dark red and dash-dot with
    a marked label when disputed, curved when parallel to others, labelled on the canvas when
    ``label``, sized by its weight."""
    disputed = edge.standing.status == "disputed"
    options: dict[str, Any] = {
        "id": f"e{index}",
        "relation": edge.relation,
        "text": edge.text,
        "color": edge_colours(DISPUTED_COLOUR if disputed else colour),
        "arrows": "to",
    }
    if label:
        options["label"] = f"{DISPUTED_MARK} {edge.text}" if disputed else edge.text
    if edge.reported:
        options["reported"] = True
    options.update(_standing_fields(edge.standing))
    if disputed:
        options["dashes"] = list(DISPUTED_DASHES)
        options["font"] = {"color": DISPUTED_COLOUR}
    elif dashed:
        options["dashes"] = list(DASHED)
    elif edge.reported:
        options["dashes"] = list(REPORTED_DASHES)
    if curve is not None:
        options["smooth"] = curve
    if edge.first:
        options["first"] = edge.first
    if edge.last:
        options["last"] = edge.last
    if edge.weight is not None:
        options["weight"] = edge.weight
        options["value"] = abs(edge.weight)
    if edge.items:
        options["items"] = edge.items
    if edge.info:
        options["info"] = edge.info
    return options


def _standing_fields(standing: PageStanding) -> dict[str, Any]:
    """A node's or an edge's ``status``, and ``sources``, ``assertedBy``, ``disputedBy`` when known."""
    fields: dict[str, Any] = {"status": standing.status}
    for key, value in (("sources", standing.sources), ("assertedBy", standing.asserted_by),
                       ("disputedBy", standing.disputed_by)):
        if value is not None:
            fields[key] = value
    return fields


class _IdList(list):
    """pyvis keeps node ids in a list and tests membership on every ``add_node`` and
    ``add_edge`` (quadratic: 6.5 s for 5,000 nodes / 15,000 edges). This list answers
    ``in`` from a set; pyvis's code path is otherwise unchanged."""

    def __init__(self) -> None:
        super().__init__()
        self._members: set = set()

    def append(self, item: Any) -> None:
        super().append(item)
        self._members.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._members


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
    """vis-network's options: fonts, sizes, interaction and, unless laid out in Python, physics."""
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
