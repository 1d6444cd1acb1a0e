"""Render a projected graph as one self-contained, offline HTML page: an explorer.

Input is the networkx ``MultiDiGraph`` a projection produces (``kg/graphs/project.py``):

* ``graph.graph``: ``name`` and ``relation_labels`` (relation key -> the words the
  legend uses);
* node id: an IRI string; attributes ``label``, ``kind`` (class local name, e.g.
  ``"State"``, ``"AirStrike"``, ``"CasualtyClaim"``), ``group`` (``"actor"``,
  ``"event"``, ``"claim"``, ``"statement"``, ``"place"``), ``info``
  (``dict[str, str | list[str]]``: tooltip rows), optional ``start`` / ``end`` (ISO
  dates: the interval of an event, claim or statement), ``date`` (a human date label),
  ``claim`` (display strings ``about measure group figure qualifier claimant date
  verification source``) and any numeric attribute (``betweenness``, ...), which
  ``size_by`` can name;
* edge key = relation; attributes ``relation``, ``label``, ``weight``, ``first`` /
  ``last`` (ISO dates), ``reported_only``, ``info`` and optional ``items``: the dated
  events or statements behind an aggregated edge (``id label start end
  according_to``). Rival claims are linked by edges whose relation is ``"rival"``.

The page is written from our own template (``kg/explorer/templates/graph.html``), never from
pyvis's: pyvis 0.3.2 leaves CDN links in its pages, has no autoescaping and turns a
title containing "href" into ``innerHTML``. pyvis's ``Network`` only assembles the
node and edge dicts; vis-network's JS and CSS (shipped inside pyvis) are inlined.

What the page offers (``kg/explorer/templates/graph.js``): shapes and colours by kind, grouped in
a legend whose entries are also the type filters (a checkbox per kind and per relation);
edges coloured and labelled by relation; node size by degree or a numeric attribute
(chosen here with ``size_by``, switchable in the page); tooltips; a search box; an "as
of" date slider; a side panel comparing a claim with its rivals (or every claim about
an event). ``window.kgExplorer`` drives all of it from scripts and tests.

Safety of the page:

* data travels as JSON in ``<script type="application/json">`` with ``<``, ``>`` and
  ``&`` written as ``\\u003c`` ``\\u003e`` ``\\u0026``, so no string can end the element;
* tooltips, search results and the claim panel are DOM elements built with
  ``textContent`` (never ``innerHTML``); canvas labels are drawn as text by vis-network;
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
``<body>`` once the graph is drawn, and exposes ``window.kgNetwork``, ``window.kgNodes``,
``window.kgEdges`` (vis DataSets) and ``window.kgExplorer``.

Heavy imports (pyvis, jinja2, networkx) happen inside the functions.
"""

from __future__ import annotations

import base64
import datetime as _dt
import functools
import hashlib
import html
import json
import math
import os
import random
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from ..files import write_atomically

if TYPE_CHECKING:  # pragma: no cover
    import networkx

__all__ = [
    "render_html",
    "render_notebook",
    "graph_to_vis_data",
    "KIND_STYLES",
    "KIND_GROUPS",
    "RELATION_STYLES",
    "GROUP_LABELS",
    "PYTHON_LAYOUT_THRESHOLD",
    "LAYOUTS",
    "MAX_PAGE_NODES",
    "MAX_PAGE_EDGES",
    "MAX_EDGE_ITEMS",
    "page_cut",
]

#: Above this many nodes ``layout="auto"`` computes positions in Python.
PYTHON_LAYOUT_THRESHOLD = 300
#: Above this many edges, edge labels are shown in tooltips only, not on the canvas.
EDGE_LABEL_LIMIT = 400
#: With physics, graphs above this many nodes start from the Python layout.
PHYSICS_SEED_THRESHOLD = 100
#: vis-network physics iterations before the layout is frozen (small graphs).
STABILIZATION_ITERATIONS = 200
#: A page holds at most this many nodes (the most connected ones) and links (the heaviest among
#: them): what bench/render.py shows a browser draws in about 2 s. A bigger page takes minutes to
#: build and to open and shows nothing a reader can follow; the page says what was left out.
MAX_PAGE_NODES = 5000
MAX_PAGE_EDGES = 20000
#: A link's tooltip lists at most this many of the events behind it (the latest), and says so.
MAX_EDGE_ITEMS = 10
#: Seed of every random choice made for a layout (Python and vis-network).
LAYOUT_SEED = 42
#: Accepted values of the ``layout`` argument.
LAYOUTS = ("auto", "python", "physics")
#: The default of ``size_by``: the number of links of a node.
DEGREE = "degree"

_VIS_DIR = ("lib", "vis-9.1.2")
_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif"

# Shapes drawn with the label outside, so that node size can follow a number.
_SHAPES = ("dot", "square", "triangle", "triangleDown", "diamond", "hexagon", "star")

#: Every style of a kind, in one table: (kind, legend text, vis-network shape, fill
#: colour, group). Actors: round and square shapes, mostly Okabe-Ito colours. Events:
#: military ones are red and orange stars, diplomatic ones green diamonds (a ceasefire
#: blue), others brown squares. Statements: purple triangles; claims: gold triangles
#: pointing down; places: grey hexagons.
_KIND_TABLE: tuple[tuple[str, str, str, str, str], ...] = (
    ("State", "State", "dot", "#0072B2", "actor"),
    ("Government", "Government", "square", "#56B4E9", "actor"),
    ("ArmedForces", "Armed forces", "triangle", "#D55E00", "actor"),
    ("NonStateArmedGroup", "Non-state armed group", "triangleDown", "#8E1B1B", "actor"),
    ("InternationalOrganisation", "International organisation", "hexagon", "#009E73", "actor"),
    ("Person", "Person", "diamond", "#CC79A7", "actor"),
    ("Analyst", "Analyst", "diamond", "#7A5BA6", "actor"),
    ("MediaOutlet", "Media outlet", "square", "#E69F00", "actor"),
    ("Actor", "Actor", "dot", "#5F6B7A", "actor"),
    ("Event", "Event", "star", "#F0E442", "event"),
    ("MilitaryEvent", "Military event", "star", "#B2182B", "event"),
    ("Strike", "Strike", "star", "#D62728", "event"),
    ("AirStrike", "Air strike", "star", "#FF6F61", "event"),
    ("DroneStrike", "Drone strike", "star", "#FFA39E", "event"),
    ("RetaliatoryAttack", "Retaliatory attack", "star", "#8B1A4A", "event"),
    ("GroundOperation", "Ground operation", "star", "#A0522D", "event"),
    ("ArmedClash", "Armed clash", "star", "#F46D43", "event"),
    ("BorderClash", "Border clash", "star", "#FDAE61", "event"),
    ("CeasefireBreach", "Ceasefire breach", "star", "#67001F", "event"),
    ("Capture", "Capture", "star", "#C2185B", "event"),
    ("DiplomaticEvent", "Diplomatic event", "diamond", "#1B7837", "event"),
    ("NegotiationRound", "Negotiation round", "diamond", "#4DAF4A", "event"),
    ("Mediation", "Mediation", "diamond", "#66C2A5", "event"),
    ("Release", "Release", "diamond", "#A6D96A", "event"),
    ("Ceasefire", "Ceasefire", "diamond", "#2166AC", "event"),
    ("BorderClosure", "Border closure", "square", "#8C510A", "event"),
    ("PoliticalEvent", "Political event", "square", "#BF9F6F", "event"),
    ("Statement", "Statement", "triangle", "#6A3D9A", "statement"),
    ("Declaration", "Declaration", "triangle", "#9467BD", "statement"),
    ("DeclarationOfWar", "Declaration of war", "triangle", "#3F007D", "statement"),
    ("Appeal", "Appeal", "triangle", "#B39DDB", "statement"),
    ("ExpressionOfConcern", "Expression of concern", "triangle", "#7B7FC4", "statement"),
    ("OfferToNegotiate", "Offer to negotiate", "triangle", "#35978F", "statement"),
    ("Denial", "Denial", "triangle", "#AA4499", "statement"),
    ("Accusation", "Accusation", "triangle", "#E7298A", "statement"),
    ("Assessment", "Assessment", "triangle", "#5D6D7E", "statement"),
    ("Claim", "Claim", "triangleDown", "#E6AB02", "claim"),
    ("CasualtyClaim", "Casualty claim", "triangleDown", "#BF812D", "claim"),
    ("Place", "Place", "hexagon", "#9A9A8E", "place"),
    ("Country", "Country", "hexagon", "#6F7F80", "place"),
    ("Region", "Region", "hexagon", "#B5B59F", "place"),
    ("Province", "Province", "hexagon", "#8A8A70", "place"),
    ("City", "City", "hexagon", "#5A5A50", "place"),
    ("Border", "Border", "hexagon", "#C9C2A6", "place"),
)
#: kind -> (legend text, vis-network shape, fill colour), from the table above.
KIND_STYLES: dict[str, tuple[str, str, str]] = {k: (t, s, c) for k, t, s, c, _ in _KIND_TABLE}
#: kind -> the group it belongs to when the graph does not say.
KIND_GROUPS: dict[str, str] = {k: g for k, _, _, _, g in _KIND_TABLE}
_KIND_ALIASES = {
    "InternationalOrganization": "InternationalOrganisation",
    "Military": "ArmedForces",
    "ArmedGroup": "NonStateArmedGroup",
    "Media": "MediaOutlet",
    "Location": "Place",
}
#: group -> legend heading, in legend order; other groups follow, by name.
GROUP_LABELS: dict[str, str] = {
    "actor": "Actors",
    "event": "Events",
    "statement": "Statements",
    "claim": "Claims",
    "place": "Places",
}
# The shape given to a kind the table does not know, by its group.
_GROUP_SHAPES = {"event": "star", "statement": "triangle", "claim": "triangleDown", "place": "hexagon"}

#: relation -> (legend text, colour, dashed).
RELATION_STYLES: dict[str, tuple[str, str, bool]] = {
    "attacked": ("attacked", "#D62728", False),
    "fought": ("fought", "#8B0000", False),
    "accused": ("accused", "#FF7F0E", False),
    "threatened": ("threatened", "#E7298A", False),
    "mediated": ("mediated", "#2CA02C", False),
    "negotiated": ("negotiated", "#17BECF", False),
    "party-to-ceasefire": ("party to ceasefire", "#1F77B4", False),
    "ceasefire": ("ceasefire with", "#4A90D9", False),
    "appealed-to": ("appealed to", "#9467BD", False),
    "hosted": ("hosted", "#8C564B", False),
    "met": ("met", "#BCBD22", False),
    "signed": ("signed", "#0B6E4F", False),
    "captured": ("captured soldiers of", "#C2185B", False),
    "released": ("released soldiers of", "#66A61E", False),
    "border-closure": ("border closed with", "#8C510A", False),
    "OfferToNegotiate": ("offer to negotiate", "#35978F", False),
    "DeclarationOfWar": ("declaration of war", "#3F007D", False),
    "Appeal": ("appeal", "#7B68EE", False),
    "ExpressionOfConcern": ("expression of concern", "#7B7FC4", False),
    "Accusation": ("accusation", "#F1A340", False),
    "Denial": ("denial", "#C51B7D", True),
    "Assessment": ("assessment", "#5D6D7E", True),
    "denied": ("denied", "#AA4499", True),
    "rejected": ("rejected", "#882255", True),
    "claimed": ("claimed", "#E377C2", True),
    "rival": ("rival figure", "#E6AB02", True),
    "about": ("about", "#BF812D", True),
    "holds-post": ("holds post", "#7F7F7F", True),
    "member-of": ("member of", "#A0A0A0", True),
    "affiliated-with": ("acts for", "#909090", True),
    "based-in": ("based in", "#C0C0C0", True),
    "located-in": ("located in", "#B8B8B8", True),
    "participated-in": ("participated in", "#6B7B8C", False),
}
_RIVAL = "rival"
# Dashes of an edge that rests only on reports (relations drawn solid otherwise).
_REPORTED_DASHES = [2, 5]

# Colours for kinds and relations the tables above do not know, in order of name.
_EXTRA_COLOURS = (
    "#8C6D31", "#393B79", "#637939", "#D6616B", "#5F6B7A", "#B5CF6B",
    "#7B4173", "#E7BA52", "#3A9C9B", "#9ECAE9", "#F7B6D2", "#252525",
)
_DEFAULT_KIND = "Unknown"
_DEFAULT_RELATION = "related"
_DEFAULT_GROUP = "other"

# External references the page must never contain (checked on the inlined assets).
_EXTERNAL_REF = re.compile(
    r"""(?:\bsrc|\bhref)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------- styles


@functools.lru_cache(maxsize=4096)
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


def _kind_styles(kinds: Mapping[str, str] | set[str]) -> dict[str, tuple[str, str, str]]:
    """Style of every kind present (``kinds``: kind -> group, or a set of kinds): from
    :data:`KIND_STYLES`, or else, for kinds it does not know (sorted by name), the next
    colour of a spare palette and the shape of the kind's group (a shape in turn for
    actors and others), so that they stay distinct on one page."""
    groups = kinds if isinstance(kinds, Mapping) else {kind: _DEFAULT_GROUP for kind in kinds}
    styles: dict[str, tuple[str, str, str]] = {}
    unknown = []
    for kind in sorted(groups):
        canonical = _KIND_ALIASES.get(kind, kind)
        if canonical in KIND_STYLES:
            styles[kind] = KIND_STYLES[canonical]
        else:
            unknown.append(kind)
    for i, kind in enumerate(unknown):
        colour = _EXTRA_COLOURS[i % len(_EXTRA_COLOURS)]
        shape = _GROUP_SHAPES.get(groups[kind]) or _SHAPES[(i + 2 + i // len(_EXTRA_COLOURS)) % len(_SHAPES)]
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


def _group_label(group: str) -> str:
    return GROUP_LABELS.get(group) or _words(group) or group


def _group_order(group: str) -> tuple[int, str]:
    order = list(GROUP_LABELS)
    return (order.index(group), "") if group in GROUP_LABELS else (len(order), group)


# --------------------------------------------------------------------------- data


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return str(value)


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
    except (TypeError, ValueError, OverflowError):
        return None
    if not math.isfinite(number):
        return None
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _metric(value: Any) -> float | int | None:
    """A node attribute as a measure: a number (not a bool, not text), else None."""
    if isinstance(value, (str, bytes)):
        return None
    return _number(value)


def _local_name(iri: str) -> str:
    tail = re.split(r"[#/:]", iri.rstrip("/#"))[-1]
    return tail or iri


_ISO_DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _date_text(value: Any) -> str | None:
    """A date attribute as text (ISO strings stay as they are; ``date`` objects are
    written in ISO), or None when empty. The page compares dates as text, on their
    first ten characters, so ``"2025-10"`` counts from the start of October."""
    if value is None or value == "":
        return None
    return _text(value)


@functools.lru_cache(maxsize=65536)
def _iso_day(text: str | None) -> str | None:
    """``"2025-10-09..."`` -> ``"2025-10-09"``; ``"2025-10"`` -> ``"2025-10-01"``;
    ``"2025"`` -> ``"2025-01-01"``; anything else -> None."""
    if not text:
        return None
    found = _ISO_DAY.match(text)
    if not found:
        return None
    year, month, day = found.group(1), found.group(2) or "01", found.group(3) or "01"
    try:
        _dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    return f"{year}-{month}-{day}"


def _clean_items(items: Any) -> list[dict[str, Any]]:
    """The dated events or statements behind an edge, as JSON-ready dicts sorted by
    (start, end, label, id)."""
    if not items:
        return []
    if isinstance(items, Mapping):
        items = [items]
    out = []
    for item in items:
        if not isinstance(item, Mapping):
            item = {"label": item}
        ident = item.get("id")
        label = item.get("label")
        clean: dict[str, Any] = {}
        if ident not in (None, ""):
            clean["id"] = _text(ident)
        clean["label"] = _text(label) if label not in (None, "") else _local_name(clean.get("id", "")) or "item"
        for key in ("start", "end"):
            text = _date_text(item.get(key))
            if text:
                clean[key] = text
        according = item.get("according_to")
        if according:
            if isinstance(according, (str, bytes)) or not hasattr(according, "__iter__"):
                according = [according]
            clean["according_to"] = [_text(a) for a in according if a not in (None, "")]
        out.append(clean)
    out.sort(key=lambda i: (i.get("start", ""), i.get("end", ""), i["label"], i.get("id", "")))
    return out


_CLAIM_KEYS = ("about", "measure", "group", "figure", "qualifier", "claimant", "date", "verification", "source")


def _clean_claim(claim: Any) -> dict[str, str]:
    """A claim's display strings: the known keys in order, then any others by name."""
    if not isinstance(claim, Mapping):
        return {}
    out = {key: _text(claim[key]) for key in _CLAIM_KEYS if claim.get(key) not in (None, "")}
    for key in sorted(_text(k) for k in claim if _text(k) not in out and k not in _CLAIM_KEYS):
        value = claim.get(key)
        if value not in (None, "") and not isinstance(value, (Mapping, list, tuple, set)):
            out[key] = _text(value)
    return out


def _numeric_attributes(graph: "networkx.MultiDiGraph") -> list[str]:
    """Names of the node attributes that hold a number on at least one node."""
    names: set[str] = set()
    for _, attrs in graph.nodes(data=True):
        for key, value in attrs.items():
            if isinstance(key, str) and key not in names and key not in _NOT_METRICS and _metric(value) is not None:
                names.add(key)
    return sorted(names)


# Numeric node attributes that are not measures of a node.
_NOT_METRICS = frozenset({"x", "y", "value", "size", "mass", "level", DEGREE})


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


def _claim_panels(
    order: list[Any], vid: dict[Any, str], claim_of: dict[Any, dict[str, str]], group_of: dict[Any, str],
    label_of: dict[Any, str], edge_list: list[_Edge],
) -> tuple[dict[Any, list[str]], dict[Any, list[str]]]:
    """(claim -> its rivals, event -> the claims about it), as sorted page ids.

    Rivals: the other claims reachable through "rival" edges (either direction).
    Claims about an event: the claims linked to it by an edge (any relation, either
    direction), and those whose ``claim["about"]`` is the event's label.
    """
    claims = [n for n in order if n in claim_of]
    if not claims:
        return {}, {}

    def claim_key(n: Any) -> tuple[str, ...]:
        c = claim_of[n]
        return (c.get("measure", ""), c.get("date", ""), c.get("claimant", ""), label_of[n], vid[n])

    parent = {n: n for n in claims}

    def find(n: Any) -> Any:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    about: dict[Any, set[Any]] = defaultdict(set)
    for edge in edge_list:
        u, v = edge.source, edge.target
        if edge.relation == _RIVAL and u in parent and v in parent:
            ru, rv = find(u), find(v)
            if ru != rv:
                parent[max(ru, rv, key=lambda n: vid[n])] = min(ru, rv, key=lambda n: vid[n])
        elif u in claim_of and v not in claim_of and group_of[v] == "event":
            about[v].add(u)
        elif v in claim_of and u not in claim_of and group_of[u] == "event":
            about[u].add(v)
    by_label: dict[str, list[Any]] = defaultdict(list)
    for n in order:
        if n not in claim_of and group_of[n] == "event":
            by_label[label_of[n]].append(n)
    for c in claims:
        for event in by_label.get(claim_of[c].get("about", ""), ()):
            about[event].add(c)

    components: dict[Any, list[Any]] = defaultdict(list)
    for c in claims:
        components[find(c)].append(c)
    rivals = {}
    for members in components.values():
        if len(members) > 1:
            ranked = sorted(members, key=claim_key)
            for c in members:
                rivals[c] = [vid[m] for m in ranked if m != c]
    return rivals, {e: [vid[c] for c in sorted(cs, key=claim_key)] for e, cs in about.items()}


def graph_to_vis_data(
    graph: "networkx.MultiDiGraph", *, layout: str = "auto", size_by: str | None = None
) -> dict[str, Any]:
    """What goes into the page, as plain JSON-ready dicts.

    Returns ``{"nodes": [...], "edges": [...], "options": {...}, "legend": {...},
    "meta": {...}}``. ``nodes`` and ``edges`` are vis-network items (assembled with
    pyvis's ``Network``) plus our own fields. Nodes carry ``kind``, ``kgGroup`` (the
    graph's ``group``; vis-network has its own meaning for ``group``), ``degree``,
    ``value`` (the size: ``size_by``, degree by default), ``info``, and when the graph
    has them ``start``, ``end``, ``date``, ``claim``, ``metrics`` (every numeric
    attribute), ``rivals`` (a claim's rival claims) and ``claims`` (the claims about an
    event). Edges carry ``relation``, ``text`` (the human label), ``first``, ``last``,
    ``weight``, ``info``, ``items`` and ``reported``. ``meta`` has ``dates`` (the
    earliest and latest day in the data, or None), ``sizeBy`` and ``sizeOptions``. With
    the Python layout every node has ``x`` and ``y`` and
    ``options["physics"]["enabled"]`` is false. Nodes are sorted by id and edges by
    (from, to, relation, first, last, label), so the result does not depend on
    insertion order.

    ``size_by`` names a numeric node attribute (e.g. ``"betweenness"``); a name no node
    has as a number raises ``ValueError`` listing the ones available.
    """
    from pyvis.network import Network

    chosen = _choose_layout(layout, graph.number_of_nodes())
    metric_names = _numeric_attributes(graph)
    size_options = [DEGREE, *metric_names]
    size_by = DEGREE if size_by in (None, "") else size_by
    if size_by not in size_options:
        raise ValueError(
            f"size_by={size_by!r} is not a numeric node attribute of this graph; "
            f"available: {', '.join(size_options)}"
        )

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
            _date_text(attrs.get("first")) or "", _date_text(attrs.get("last")) or "", text, _text(key),
        )
        edge_list.append(_Edge(sort_key, u, v, relation, text, attrs))
    edge_list.sort(key=lambda edge: edge.sort_key)

    pairs = [(edge.sort_key[0], edge.sort_key[1]) for edge in edge_list]
    # Physics starts from vis-network's own layout on small graphs; from ours (seeded)
    # on mid-sized ones, where 200 iterations from random positions leave a tangle.
    seeded = chosen == "python" or len(order) > PHYSICS_SEED_THRESHOLD
    positions = _python_layout([vid[n] for n in order], pairs) if seeded else {}

    kind_of: dict[Any, str] = {}
    label_of: dict[Any, str] = {}
    claim_of: dict[Any, dict[str, str]] = {}
    declared_group: dict[Any, str | None] = {}
    for n in order:
        attrs = graph.nodes[n]
        kind_of[n] = _text(attrs.get("kind") or _DEFAULT_KIND)
        label = attrs.get("label")
        label_of[n] = _text(label) if label not in (None, "") else _local_name(vid[n])
        group = attrs.get("group")
        declared_group[n] = _text(group) if group not in (None, "") else None
        claim = _clean_claim(attrs.get("claim"))
        if claim or declared_group[n] == "claim":
            claim_of[n] = claim
    # The group of a kind: what its nodes say most often, else the table's, else "other".
    votes: dict[str, Counter] = defaultdict(Counter)
    for n in order:
        if declared_group[n]:
            votes[kind_of[n]][declared_group[n]] += 1
    kind_group: dict[str, str] = {}
    for kind in set(kind_of.values()):
        if votes[kind]:
            kind_group[kind] = min(votes[kind].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        else:
            kind_group[kind] = KIND_GROUPS.get(_KIND_ALIASES.get(kind, kind), _DEFAULT_GROUP)
    group_of = {n: declared_group[n] or kind_group[kind_of[n]] for n in order}

    kind_styles = _kind_styles(kind_group)
    relation_styles = _relation_styles({edge.relation for edge in edge_list})
    edge_labels = len(edge_list) <= EDGE_LABEL_LIMIT
    rivals, claims_about = _claim_panels(order, vid, claim_of, group_of, label_of, edge_list)

    net = Network(directed=True)
    net.node_ids = _IdList()

    kinds_seen: dict[str, int] = defaultdict(int)
    all_days: list[str] = []
    for node in order:
        attrs = graph.nodes[node]
        node_id = vid[node]
        kind = kind_of[node]
        kinds_seen[kind] += 1
        _, shape, colour = kind_styles[kind]
        extra: dict[str, Any] = {
            "kind": kind,
            "kgGroup": group_of[node],
            "degree": degree[node],
        }
        metrics = {}
        for name in metric_names:
            number = _metric(attrs.get(name))
            if number is not None:
                metrics[name] = number
        extra["value"] = degree[node] if size_by == DEGREE else metrics.get(size_by, 0)
        if metrics:
            extra["metrics"] = metrics
        extra["info"] = _clean_info(attrs.get("info"))
        for key in ("start", "end"):
            text = _date_text(attrs.get(key))
            if text:
                extra[key] = text
                day = _iso_day(text)
                if day:
                    all_days.append(day)
        if attrs.get("date") not in (None, ""):
            extra["date"] = _text(attrs["date"])
        if node in claim_of:
            extra["claim"] = claim_of[node]
        if node in rivals:
            extra["rivals"] = rivals[node]
        if node in claims_about:
            extra["claims"] = claims_about[node]
        if _KIND_ALIASES.get(kind, kind) == "Analyst":
            extra["shapeProperties"] = {"borderDashes": [3, 2]}
        if node_id in positions:
            extra["x"], extra["y"] = positions[node_id]
        net.add_node(
            node_id,
            label=label_of[node],
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
    relation_labels = graph.graph.get("relation_labels") or {}  # the projection's own words, if it gives them
    weighted = False
    reported_count = 0
    for index, (_, u, v, relation, text, attrs) in enumerate(edge_list):
        relations_seen[relation] += 1
        first, last = _date_text(attrs.get("first")), _date_text(attrs.get("last"))
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
        reported = attrs.get("reported_only") is True
        if reported:
            options["reported"] = True
            reported_count += 1
        if dashed:
            options["dashes"] = [6, 4]
        elif reported:
            options["dashes"] = _REPORTED_DASHES
        if index in curves:
            options["smooth"] = curves[index]
        for key, value in (("first", first), ("last", last)):
            if value:
                options[key] = value
                day = _iso_day(value)
                if day:
                    all_days.append(day)
        weight = _number(attrs.get("weight"))
        if weight is not None:
            options["weight"] = weight
            options["value"] = abs(weight)
            weighted = True
        info = _clean_info(attrs.get("info"))
        items = _clean_items(attrs.get("items"))
        if items:
            for item in items:
                for key in ("start", "end"):
                    day = _iso_day(item.get(key))
                    if day:
                        all_days.append(day)
            if len(items) > MAX_EDGE_ITEMS:
                items, info = _latest_items(items, info)
            options["items"] = items
        if info:
            options["info"] = info
        net.add_edge(vid[u], vid[v], **options)

    nodes = net.nodes  # pyvis's own dicts of options: ours, not shared with anything
    edges = net.edges
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
                "group": kind_group[kind],
                "count": count,
            }
            for kind, count in sorted(
                kinds_seen.items(), key=lambda kv: (_group_order(kind_group[kv[0]]), -kv[1], kv[0])
            )
        ],
        "relations": [
            {
                "relation": relation,
                "label": _text(relation_labels.get(relation) or relation_styles[relation][0]),
                "color": relation_styles[relation][1],
                "dashed": relation_styles[relation][2],
                "count": count,
            }
            for relation, count in sorted(relations_seen.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "reported": reported_count,
    }
    meta = {
        "layout": chosen,
        "nodes": len(nodes),
        "edges": len(edges),
        "edgeLabels": edge_labels,
        "seed": LAYOUT_SEED,
        "sizeBy": size_by,
        "sizeOptions": size_options,
        "dates": {"min": min(all_days), "max": max(all_days)} if all_days else None,
        "notice": None,  # what the page left out, if anything (render_html fills it in)
    }
    return {
        "nodes": nodes,
        "edges": edges,
        "options": _vis_options(chosen, len(nodes), weighted),
        "legend": legend,
        "meta": meta,
    }


def _latest_items(items: list[dict[str, Any]], info: dict[str, Any]) -> tuple[list, dict]:
    """The latest :data:`MAX_EDGE_ITEMS` of a link's items (and of the projection's "because of"
    lines, which follow the same order), with a tooltip row saying how many there are in all."""
    info = dict(info)
    because = info.get("because of")
    if isinstance(because, list) and len(because) == len(items):
        info["because of"] = because[-MAX_EDGE_ITEMS:]
    info["listed here"] = f"the latest {MAX_EDGE_ITEMS} of {len(items):,} (a page lists at most {MAX_EDGE_ITEMS} per link)"
    return items[-MAX_EDGE_ITEMS:], info


def page_cut(
    graph: "networkx.MultiDiGraph", max_nodes: int | None = MAX_PAGE_NODES, max_edges: int | None = MAX_PAGE_EDGES
) -> tuple["networkx.MultiDiGraph", str | None]:
    """(what a page can show of ``graph``, a notice saying what was left out, or None).

    Above ``max_nodes`` nodes, keeps the ``max_nodes`` with the most links (ties by id); above
    ``max_edges`` links among those, keeps the heaviest (most items behind them; ties by ends and
    relation). None (or 0) means no limit. The same graph always gives the same cut."""
    n_nodes, n_edges = graph.number_of_nodes(), graph.number_of_edges()
    if (not max_nodes or n_nodes <= max_nodes) and (not max_edges or n_edges <= max_edges):
        return graph, None
    nodes = list(graph)
    if max_nodes and n_nodes > max_nodes:
        nodes = [n for n, _ in sorted(graph.degree, key=lambda nd: (-nd[1], _text(nd[0])))[:max_nodes]]
    sub = graph.subgraph(nodes)
    edges = list(sub.edges(keys=True, data=True)) if graph.is_multigraph() else [
        (u, v, None, d) for u, v, d in sub.edges(data=True)]
    if max_edges and len(edges) > max_edges:
        edges.sort(key=lambda e: (-(_number(e[3].get("weight")) or 0), _text(e[0]), _text(e[1]), _text(e[2])))
        edges = edges[:max_edges]
    cut = graph.__class__()
    cut.graph.update(graph.graph)
    cut.add_nodes_from((n, graph.nodes[n]) for n in nodes)
    if graph.is_multigraph():
        cut.add_edges_from((u, v, k, d) for u, v, k, d in edges)
    else:
        cut.add_edges_from((u, v, d) for u, v, _, d in edges)
    shown = []
    if len(nodes) < n_nodes:
        shown.append(f"the {len(nodes):,} most connected of its {n_nodes:,} nodes")
    if len(edges) < sub.number_of_edges():
        shown.append(f"the {len(edges):,} heaviest of the {sub.number_of_edges():,} links between them")
    notice = (f"This page shows {' and '.join(shown)} (the graph has {n_edges:,} links): a page cannot draw "
              "more usefully. Narrow the graph to some dates or to one actor's neighbourhood (kg render "
              "--from, --to, --ego) to see the rest, or raise the limit (--max-nodes, --max-edges).")
    return cut, notice


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
    keeps dense cores from collapsing), run per connected component; a component of
    more than :data:`_MULTILEVEL_MIN` nodes is laid out coarse to fine (see
    :func:`_multilevel_layout`). Components are then packed in rows and the whole
    drawing scaled so that the median distance to the nearest node is
    :data:`_NEAREST_PX`. Pure Python floats and ``random.Random(seed)`` make it
    reproducible on any machine.
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
        if len(comp) > _MULTILEVEL_MIN:
            xy = _multilevel_layout(len(comp), edges, rng)
        else:
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
#: Components above this many nodes are laid out coarse to fine.
_MULTILEVEL_MIN = 400
#: Coarsening stops at this many nodes, or when a step merges too little.
_COARSEST = 60
#: Work (nodes + edges, summed over iterations) of the refinement at each level; the
#: number of iterations there is this divided by the level's size, within bounds.
_REFINE_WORK = 220_000
_REFINE_ITERATIONS = (6, 40)


def _median_nearest(points: list[tuple[float, float]]) -> float:
    """Median nearest-neighbour distance (searching a 3x3 block of unit cells), over
    every point, or every k-th one of a large drawing (about 2,000 of them)."""
    if len(points) < 2:
        return 1.0
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, (x, y) in enumerate(points):
        grid[(math.floor(x), math.floor(y))].append(i)
    nearest = []
    stride = max(1, len(points) // 2000)
    for i in range(0, len(points), stride):
        x, y = points[i]
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


def _coarsen(n: int, edges: list[tuple[int, int]], rng: random.Random) -> tuple[list[int], int]:
    """One coarsening step: (cluster of each node, number of clusters). Nodes are
    matched in a seeded random order with their unmatched neighbour of lowest degree;
    a node left unmatched joins the smallest cluster of a neighbour, so that stars
    collapse too."""
    adjacency: list[list[int]] = [[] for _ in range(n)]
    for a, b in edges:
        adjacency[a].append(b)
        adjacency[b].append(a)
    order = list(range(n))
    rng.shuffle(order)
    cluster = [-1] * n
    sizes: list[int] = []
    for v in order:
        if cluster[v] >= 0:
            continue
        best, best_degree = -1, n + 1
        for u in adjacency[v]:
            if cluster[u] < 0 and u != v and len(adjacency[u]) < best_degree:
                best, best_degree = u, len(adjacency[u])
        if best >= 0:
            cluster[v] = cluster[best] = len(sizes)
            sizes.append(2)
    for v in order:
        if cluster[v] >= 0:
            continue
        joined = -1
        for u in adjacency[v]:
            c = cluster[u]
            if c >= 0 and (joined < 0 or sizes[c] < sizes[joined]):
                joined = c
        if joined < 0:
            joined = len(sizes)
            sizes.append(0)
        cluster[v] = joined
        sizes[joined] += 1
    return cluster, len(sizes)


def _multilevel_layout(n: int, edges: list[tuple[int, int]], rng: random.Random) -> list[tuple[float, float]]:
    """Fruchterman-Reingold coarse to fine (as in Walshaw's multilevel algorithm):
    merge neighbours until the graph is small, lay that out fully, then place each
    node where its cluster was and refine with a few cooler iterations at each level.
    Far cheaper than many iterations on the whole graph, and big structures come out
    untangled."""
    levels: list[tuple[int, list[tuple[int, int]], list[int]]] = []  # (n, edges, cluster)
    size, level_edges = n, edges
    while size > _COARSEST:
        cluster, coarse_size = _coarsen(size, level_edges, rng)
        if coarse_size > 0.85 * size:
            break
        levels.append((size, level_edges, cluster))
        level_edges = sorted({
            (min(cluster[a], cluster[b]), max(cluster[a], cluster[b]))
            for a, b in level_edges if cluster[a] != cluster[b]
        })
        size = coarse_size
    xy = _fruchterman_reingold(size, level_edges, rng, iterations=80)
    low, high = _REFINE_ITERATIONS
    for fine_size, fine_edges, cluster in reversed(levels):
        spread = math.sqrt(fine_size / size)
        start = [
            (xy[c][0] * spread + rng.random() - 0.5, xy[c][1] * spread + rng.random() - 0.5) for c in cluster
        ]
        iterations = max(low, min(high, _REFINE_WORK // (fine_size + len(fine_edges))))
        xy = _fruchterman_reingold(fine_size, fine_edges, rng, iterations=iterations, start=start, temperature=1.0)
        size = fine_size
    return xy


def _fruchterman_reingold(
    n: int,
    edges: list[tuple[int, int]],
    rng: random.Random,
    iterations: int = 60,
    start: list[tuple[float, float]] | None = None,
    temperature: float | None = None,
) -> list[tuple[float, float]]:
    """Fruchterman-Reingold in units of the ideal edge length, with attraction
    log(1 + d) and repulsion 1/d limited to nearby nodes, so that an iteration costs
    about O(n + m): nodes are put in a grid of 2-unit cells; within a cell every pair
    repels exactly, and a node is pushed by each of the 8 cells around its own as by
    one mass at the cell's centroid (dropped beyond 3 units). The grid is shifted by a
    random offset each iteration, so close pairs are rarely split by a cell border.
    Starts from ``start`` (else at random) with a step limited to ``temperature``
    (else a size-based one), cooling linearly."""
    side = math.sqrt(n)
    if start is None:
        xs = [rng.random() * side for _ in range(n)]
        ys = [rng.random() * side for _ in range(n)]
    else:
        xs = [p[0] for p in start]
        ys = [p[1] for p in start]
    if temperature is None:
        temperature = side / 8
    cooling = temperature / (iterations + 1)
    cell = 2.0
    far2 = 9.0
    sqrt = math.sqrt
    log1p = math.log1p
    around = ((-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1))
    for _ in range(iterations):
        dx = [0.0] * n
        dy = [0.0] * n
        ox = rng.random() * cell
        oy = rng.random() * cell
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i in range(n):
            grid[(int((xs[i] + ox) // cell), int((ys[i] + oy) // cell))].append(i)
        centroids: dict[tuple[int, int], tuple[float, float, int]] = {}
        for key, members in grid.items():
            count = len(members)
            centroids[key] = (sum(xs[i] for i in members) / count, sum(ys[i] for i in members) / count, count)
        for (gx, gy), members in grid.items():
            near = [c for c in (centroids.get((gx + ax, gy + ay)) for ax, ay in around) if c is not None]
            count = len(members)
            for position in range(count):
                i = members[position]
                xi = xs[i]
                yi = ys[i]
                fx = fy = 0.0
                for j in members[position + 1 :]:
                    ddx = xi - xs[j]
                    ddy = yi - ys[j]
                    d2 = ddx * ddx + ddy * ddy
                    if d2 < 1e-6:  # coincident: push apart in a fixed direction
                        ddx, ddy, d2 = 0.01, 0.01 * ((i + j) % 3 - 1), 2e-4
                    ddx /= d2  # |force| = 1/d along the unit vector
                    ddy /= d2
                    fx += ddx
                    fy += ddy
                    dx[j] -= ddx
                    dy[j] -= ddy
                for cx, cy, mass in near:
                    ddx = xi - cx
                    ddy = yi - cy
                    d2 = ddx * ddx + ddy * ddy
                    if d2 >= far2 or d2 < 1e-6:
                        continue
                    fx += ddx * mass / d2
                    fy += ddy * mass / d2
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

    templates = resources.files("kg.explorer") / "templates"
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
    legend = data["legend"]
    groups: dict[str, list[dict[str, Any]]] = {}
    for kind in legend["kinds"]:  # already in group order
        groups.setdefault(kind.get("group", _DEFAULT_GROUP), []).append(kind)
    kind_groups = [{"label": _group_label(g), "kinds": kinds} for g, kinds in groups.items()]
    dates = data["meta"].get("dates")
    days = None
    if dates:
        days = (_dt.date.fromisoformat(dates["max"]) - _dt.date.fromisoformat(dates["min"])).days
    return _template().render(
        title=title,
        csp=Markup(csp),  # our constants and base64 hashes: no quote, no markup
        meta=data["meta"],
        legend=legend,
        kind_groups=kind_groups,
        days=days,
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
    size_by: str | None = None,
    max_nodes: int | None = MAX_PAGE_NODES,
    max_edges: int | None = MAX_PAGE_EDGES,
    notice: str | None = None,
) -> str:
    """Render ``graph`` as a self-contained HTML page and return its text.

    A graph bigger than ``max_nodes`` / ``max_edges`` is cut down by :func:`page_cut` first, and
    the page says so under its heading, as it shows ``notice`` (a caller that cut the graph itself
    passes page_cut's notice here). A link lists at most :data:`MAX_EDGE_ITEMS` of its events.

    When ``path`` is given the page is also written there atomically (a temporary
    file in the same directory, then ``os.replace``). ``layout`` is ``"auto"``
    (Python layout above :data:`PYTHON_LAYOUT_THRESHOLD` nodes, vis physics below),
    ``"python"`` or ``"physics"``. ``size_by`` names the numeric node attribute that
    sets node size (``"betweenness"``, ...; default: degree); a name that no node holds
    as a number raises ``ValueError`` listing those available. The page loads nothing
    from the network.

    Once the graph is drawn, the page sets ``data-kg-ready="1"``, ``data-kg-nodes`` and
    ``data-kg-edges`` on ``<body>`` and exposes ``window.kgNetwork``,
    ``window.kgNodes`` and ``window.kgEdges`` (vis DataSets) and ``window.kgExplorer``,
    whose functions return at once: ``setAsOf("2025-11-01")`` (or ``null`` for every
    date), ``setKindVisible(kind, bool)``, ``setRelationVisible(relation, bool)``,
    ``setSizeBy(name)``, ``search(text)`` (``{count, ids}``), ``searchNext()``,
    ``searchPrevious()``, ``openPanel(id)``, ``closePanel()``, ``reset()``,
    ``tooltip(id)`` (a new tooltip element), ``summary()`` (what is shown),
    ``visibleIds()``, ``asOf()`` and ``dateRange()``.
    """
    graph, cut = page_cut(graph, max_nodes, max_edges)
    data = graph_to_vis_data(graph, layout=layout, size_by=size_by)
    data["meta"]["notice"] = cut or notice
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
