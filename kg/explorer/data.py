"""From a projected graph to what the explorer page shows of it, as plain records.

Input is the networkx ``MultiDiGraph`` a projection produces (its data contract is in
``kg/graphs/project.py``):

* ``graph.graph``: ``name`` and ``relation_labels`` (relation key -> the words the
  legend uses);
* node id: an IRI string; attributes ``label``, ``kind`` (class local name, e.g.
  ``"State"``, ``"AirStrike"``, ``"CasualtyClaim"``), ``group`` (``"actor"``,
  ``"event"``, ``"claim"``, ``"statement"``, ``"place"``), ``info``
  (``dict[str, str | list[str]]``: tooltip rows), optional ``start`` / ``end`` (ISO
  dates: the interval of an event, claim or statement), ``date`` (a human date label),
  ``claim`` (display strings ``about measure group figure qualifier claimant date
  verification source``), how it stands across the sources (``status``: stated, reported,
  corroborated or disputed; ``independent_sources``, ``asserted_by``, ``disputed_by``: names,
  "; "-joined), and any numeric attribute (``betweenness``, ...), which ``size_by`` can name;
* edge key = relation; attributes ``relation``, ``label``, ``weight``, ``first`` /
  ``last`` (ISO dates), ``reported_only``, ``status`` (the firmest of its items'),
  ``disputed_by``, ``info`` and optional ``items``: the dated events or statements behind an
  aggregated edge (``id label start end according_to``, and how each stands: ``status
  independent_sources asserted_by disputed_by``). Rival claims are linked by edges whose
  relation is ``"rival"``. An edge without a known ``status`` is reported when
  ``reported_only`` says so, else stated.

:func:`read_graph` reads such a graph (or any networkx graph: missing or odd attributes get
defaults) into a :class:`PageGraph`: nodes sorted by id and edges by their ends, relation and
dates, whatever the order they were added in, every value made JSON-safe text or a finite number;
each claim knows its rivals and each event the claims about it. :func:`page_cut` first cuts a
graph too big for one page, and says what it left out. Nothing here knows vis-network: that is
:mod:`kg.explorer.vis`.

Imports :mod:`kg.explorer.styles` (the group of a known kind, the words of a relation) and the
standard library; the graph is only read.
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from .styles import (
    DEFAULT_GROUP,
    DEFAULT_KIND,
    DEFAULT_RELATION,
    KIND_ALIASES,
    KIND_GROUPS,
    STANDINGS,
    words,
)

if TYPE_CHECKING:  # pragma: no cover
    import networkx

#: A page holds at most this many nodes (the most connected ones) and links (the heaviest among
#: them): what bench/render.py shows a browser draws in about 2 s. A bigger page takes minutes to
#: build and to open and shows nothing a reader can follow; the page says what was left out.
MAX_PAGE_NODES = 5000
MAX_PAGE_EDGES = 20000
#: A link's tooltip lists at most this many of the events behind it (the latest), and says so.
MAX_EDGE_ITEMS = 10
#: The default of ``size_by``: the number of links of a node.
DEGREE = "degree"

# The relation that links rival claims.
_RIVAL = "rival"
# Numeric node attributes that are not measures of a node.
_NOT_METRICS = frozenset({"x", "y", "value", "size", "mass", "level", DEGREE})
_ISO_DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_CLAIM_KEYS = ("about", "measure", "group", "figure", "qualifier", "claimant", "date", "verification", "source")


class PageStanding(NamedTuple):
    """How a node, an edge or an item stands across the sources: ``status`` (a key of
    :data:`~kg.explorer.styles.STANDINGS`), how many independent sources assert it (None: not
    said), who asserts it and who denies it (names, "; "-joined, or None)."""

    status: str
    sources: int | None = None
    asserted_by: str | None = None
    disputed_by: str | None = None


@dataclass(slots=True)
class PageNode:
    """A node as the page shows it. ``group`` is the one the graph declares until
    :func:`read_graph` fills in, for the others, the group of their kind; ``rivals`` (of a
    claim) and ``claims`` (about an event) are page ids, set when there are any."""

    id: str
    label: str
    kind: str
    group: str | None
    degree: int
    value: float | int  # its size: the degree, or the attribute ``size_by`` names
    metrics: dict[str, float | int]  # every numeric attribute it has
    info: dict[str, str | list[str]]  # tooltip rows
    start: str | None
    end: str | None
    date: str | None  # the date as written
    claim: dict[str, str] | None  # display strings, for a claim (possibly none)
    standing: PageStanding | None  # when the graph says how it stands
    rivals: list[str] | None = None
    claims: list[str] | None = None


class PageEdge(NamedTuple):
    """An edge as the page shows it: ends as page ids, ``text`` its words, ``items`` the latest
    :data:`MAX_EDGE_ITEMS` of the events or statements behind it."""

    source: str
    target: str
    relation: str
    text: str
    first: str | None
    last: str | None
    reported: bool  # rests only on somebody's account (reported or disputed)
    standing: PageStanding  # its status, who asserts and who denies the items behind it
    weight: float | int | None
    items: list[dict[str, Any]]
    info: dict[str, str | list[str]]


class PageGraph(NamedTuple):
    """What a page shows of a graph (:func:`read_graph`)."""

    nodes: list[PageNode]  # sorted by id
    edges: list[PageEdge]  # sorted by (from, to, relation, first, last, text)
    kind_groups: dict[str, str]  # kind -> its group, for every kind present
    relation_labels: dict[str, str]  # relation -> the projection's words for it, when it gives them
    size_by: str
    size_options: list[str]  # DEGREE and every numeric node attribute
    dates: dict[str, str] | None  # {"min", "max"}: the earliest and latest day in the data


# --------------------------------------------------------------------------- values


def as_text(value: Any) -> str:
    """Any attribute value as text (dates in ISO)."""
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
        return {"info": as_text(info)}
    out: dict[str, str | list[str]] = {}
    for key, value in info.items():
        if value is None:
            continue
        if isinstance(value, (set, frozenset)):
            out[as_text(key)] = sorted(as_text(v) for v in value if v is not None)
        elif isinstance(value, (list, tuple)):
            out[as_text(key)] = [as_text(v) for v in value if v is not None]
        else:
            out[as_text(key)] = as_text(value)
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


def _date_text(value: Any) -> str | None:
    """A date attribute as text (ISO strings stay as they are; ``date`` objects are
    written in ISO), or None when empty. The page compares dates as text, on their
    first ten characters, so ``"2025-10"`` counts from the start of October."""
    if value is None or value == "":
        return None
    return as_text(value)


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


def _add_days(days: list[str], *texts: str | None) -> None:
    """Append to ``days`` the day of each of ``texts`` that is a date."""
    for text in texts:
        day = _iso_day(text)
        if day:
            days.append(day)


def _names(*texts: Any) -> str | None:
    """Names given as "; "-joined text, several texts merged: each name once, sorted, or None."""
    names = {name.strip() for text in texts if text not in (None, "") for name in as_text(text).split("; ")}
    return "; ".join(sorted(name for name in names if name)) or None


def _standing(attrs: Mapping[str, Any]) -> PageStanding | None:
    """How a node or an item stands, from its ``status``, ``independent_sources``, ``asserted_by``
    and ``disputed_by``; None without a known status."""
    status = attrs.get("status")
    if not isinstance(status, str) or status not in STANDINGS:
        return None
    sources = _number(attrs.get("independent_sources"))
    return PageStanding(status, int(sources) if sources is not None else None, _names(attrs.get("asserted_by")),
                        _names(attrs.get("disputed_by")))


def _clean_items(items: Any) -> list[dict[str, Any]]:
    """The dated events or statements behind an edge, as JSON-ready dicts sorted by
    (start, end, label, id), each with how it stands when the graph says."""
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
            clean["id"] = as_text(ident)
        clean["label"] = as_text(label) if label not in (None, "") else _local_name(clean.get("id", "")) or "item"
        for key in ("start", "end"):
            text = _date_text(item.get(key))
            if text:
                clean[key] = text
        according = item.get("according_to")
        if according:
            if isinstance(according, (str, bytes)) or not hasattr(according, "__iter__"):
                according = [according]
            clean["according_to"] = [as_text(a) for a in according if a not in (None, "")]
        standing = _standing(item)
        if standing is not None:
            clean["status"] = standing.status
            for key, value in zip(("independent_sources", "asserted_by", "disputed_by"), standing[1:], strict=True):
                if value is not None:
                    clean[key] = value
        out.append(clean)
    out.sort(key=lambda i: (i.get("start", ""), i.get("end", ""), i["label"], i.get("id", "")))
    return out


def _latest_items(items: list[dict[str, Any]], info: dict[str, Any]) -> tuple[list, dict]:
    """The latest :data:`MAX_EDGE_ITEMS` of a link's items (and of the projection's "because of"
    lines, which follow the same order), with a tooltip row saying how many there are in all."""
    info = dict(info)
    because = info.get("because of")
    if isinstance(because, list) and len(because) == len(items):
        info["because of"] = because[-MAX_EDGE_ITEMS:]
    info["listed here"] = f"the latest {MAX_EDGE_ITEMS} of {len(items):,} (a page lists at most {MAX_EDGE_ITEMS} per link)"
    return items[-MAX_EDGE_ITEMS:], info


def _clean_claim(claim: Any) -> dict[str, str]:
    """A claim's display strings: the known keys in order, then any others by name."""
    if not isinstance(claim, Mapping):
        return {}
    out = {key: as_text(claim[key]) for key in _CLAIM_KEYS if claim.get(key) not in (None, "")}
    for key in sorted(as_text(k) for k in claim if as_text(k) not in out and k not in _CLAIM_KEYS):
        value = claim.get(key)
        if value not in (None, "") and not isinstance(value, (Mapping, list, tuple, set)):
            out[key] = as_text(value)
    return out


# --------------------------------------------------------------------------- the graph


def read_graph(graph: networkx.MultiDiGraph, size_by: str | None = None) -> PageGraph:
    """What a page shows of ``graph``, read into records.

    ``size_by`` names the numeric node attribute that sets node size (default: degree); a name
    no node holds as a number raises ``ValueError`` listing those available, as do two node ids
    that are the same once written as text. The result does not depend on the order in which
    nodes and edges were added.
    """
    metric_names, size_options, size_by = _size_options(graph, size_by)
    ids = _page_ids(graph)
    days: list[str] = []
    nodes = [
        _read_node(ids[n], graph.nodes[n], graph.degree(n), metric_names, size_by, days)
        for n in sorted(graph.nodes, key=ids.__getitem__)
    ]
    edges = _read_edges(graph, ids, days)
    kind_groups = _kind_groups(nodes)
    for node in nodes:
        node.group = node.group or kind_groups[node.kind]
    _link_claims(nodes, edges)
    labels = graph.graph.get("relation_labels") or {}  # the projection's own words, if it gives them
    relation_labels = {r: as_text(labels.get(r)) for r in sorted({edge.relation for edge in edges}) if labels.get(r)}
    return PageGraph(
        nodes=nodes,
        edges=edges,
        kind_groups=kind_groups,
        relation_labels=relation_labels,
        size_by=size_by,
        size_options=size_options,
        dates={"min": min(days), "max": max(days)} if days else None,
    )


def _size_options(graph: networkx.MultiDiGraph, size_by: str | None) -> tuple[list[str], list[str], str]:
    """(the numeric node attributes, what can set node size, what does): ``ValueError`` when
    ``size_by`` is neither the degree nor one of those attributes."""
    metric_names = _numeric_attributes(graph)
    size_options = [DEGREE, *metric_names]
    size_by = DEGREE if size_by in (None, "") else size_by
    if size_by not in size_options:
        raise ValueError(
            f"size_by={size_by!r} is not a numeric node attribute of this graph; "
            f"available: {', '.join(size_options)}"
        )
    return metric_names, size_options, size_by


def _numeric_attributes(graph: networkx.MultiDiGraph) -> list[str]:
    """Names of the node attributes that hold a number on at least one node."""
    names: set[str] = set()
    for _, attrs in graph.nodes(data=True):
        for key, value in attrs.items():
            if isinstance(key, str) and key not in names and key not in _NOT_METRICS and _metric(value) is not None:
                names.add(key)
    return sorted(names)


def _page_ids(graph: networkx.MultiDiGraph) -> dict[Any, str]:
    """The graph's node ids -> the page's (text): ``ValueError`` if two become the same."""
    ids = {node: as_text(node) for node in graph.nodes}
    if len(set(ids.values())) != len(ids):
        raise ValueError("node ids are not unique once written as text")
    return ids


def _read_node(
    node_id: str, attrs: Mapping[str, Any], degree: int, metric_names: list[str], size_by: str, days: list[str]
) -> PageNode:
    """One node's record, its group as the graph declares it (or None); appends its days to
    ``days``."""
    label = attrs.get("label")
    group = attrs.get("group")
    declared = as_text(group) if group not in (None, "") else None
    claim = _clean_claim(attrs.get("claim"))
    metrics = {}
    for name in metric_names:
        number = _metric(attrs.get(name))
        if number is not None:
            metrics[name] = number
    start, end = _date_text(attrs.get("start")), _date_text(attrs.get("end"))
    _add_days(days, start, end)
    date = attrs.get("date")
    return PageNode(
        id=node_id,
        label=as_text(label) if label not in (None, "") else _local_name(node_id),
        kind=as_text(attrs.get("kind") or DEFAULT_KIND),
        group=declared,
        degree=degree,
        value=degree if size_by == DEGREE else metrics.get(size_by, 0),
        metrics=metrics,
        info=_clean_info(attrs.get("info")),
        start=start,
        end=end,
        date=as_text(date) if date not in (None, "") else None,
        claim=claim if claim or declared == "claim" else None,
        standing=_standing(attrs),
    )


def _read_edges(graph: networkx.MultiDiGraph, ids: dict[Any, str], days: list[str]) -> list[PageEdge]:
    """Every edge's record (a DiGraph works too: one edge per pair), sorted by (from, to,
    relation, first, last, text, the graph's key); appends their days, and those of every
    item behind them, to ``days``."""
    if graph.is_multigraph():
        rows = graph.edges(keys=True, data=True)
    else:
        rows = ((u, v, 0, attrs) for u, v, attrs in graph.edges(data=True))
    keyed: list[tuple[tuple[str, ...], PageEdge]] = []
    for u, v, key, attrs in rows:
        relation = as_text(attrs.get("relation") or DEFAULT_RELATION)
        text = attrs.get("label")
        text = as_text(text) if text not in (None, "") else (words(relation).lower() or relation)
        first, last = _date_text(attrs.get("first")), _date_text(attrs.get("last"))
        _add_days(days, first, last)
        info = _clean_info(attrs.get("info"))
        items = _clean_items(attrs.get("items"))
        for item in items:
            _add_days(days, item.get("start"), item.get("end"))
        reported = attrs.get("reported_only") is True
        status = attrs.get("status")
        standing = PageStanding(
            status if isinstance(status, str) and status in STANDINGS else "reported" if reported else "stated",
            None,
            _names(attrs.get("asserted_by"), *(item.get("asserted_by") for item in items)),
            _names(attrs.get("disputed_by"), *(item.get("disputed_by") for item in items)),
        )
        if len(items) > MAX_EDGE_ITEMS:
            items, info = _latest_items(items, info)
        edge = PageEdge(
            source=ids[u],
            target=ids[v],
            relation=relation,
            text=text,
            first=first,
            last=last,
            reported=reported or standing.status in ("reported", "disputed", "draft"),
            standing=standing,
            weight=_number(attrs.get("weight")),
            items=items,
            info=info,
        )
        keyed.append(((ids[u], ids[v], relation, first or "", last or "", text, as_text(key)), edge))
    keyed.sort(key=lambda pair: pair[0])
    return [edge for _, edge in keyed]


def _kind_groups(nodes: list[PageNode]) -> dict[str, str]:
    """The group of each kind: what its nodes declare most often, else the styles table's,
    else "other"."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for node in nodes:
        if node.group:
            votes[node.kind][node.group] += 1
    groups: dict[str, str] = {}
    for kind in sorted({node.kind for node in nodes}):
        if votes[kind]:
            groups[kind] = min(votes[kind].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        else:
            groups[kind] = KIND_GROUPS.get(KIND_ALIASES.get(kind, kind), DEFAULT_GROUP)
    return groups


def _link_claims(nodes: list[PageNode], edges: list[PageEdge]) -> None:
    """Sets each claim's ``rivals`` and each event's ``claims``, as sorted page ids.

    Rivals: the other claims reachable through "rival" edges (either direction).
    Claims about an event: the claims linked to it by an edge (any relation, either
    direction), and those whose ``claim["about"]`` is the event's label.
    """
    claims = [node for node in nodes if node.claim is not None]
    if not claims:
        return
    by_id = {node.id: node for node in nodes}

    def claim_key(node: PageNode) -> tuple[str, ...]:
        c = node.claim
        return (c.get("measure", ""), c.get("date", ""), c.get("claimant", ""), node.label, node.id)

    parent = {node.id: node.id for node in claims}

    def find(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    about: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        u, v = by_id[edge.source], by_id[edge.target]
        if edge.relation == _RIVAL and u.id in parent and v.id in parent:
            ru, rv = find(u.id), find(v.id)
            if ru != rv:
                parent[max(ru, rv)] = min(ru, rv)
        elif u.claim is not None and v.claim is None and v.group == "event":
            about[v.id].add(u.id)
        elif v.claim is not None and u.claim is None and u.group == "event":
            about[u.id].add(v.id)
    by_label: dict[str, list[str]] = defaultdict(list)
    for node in nodes:
        if node.claim is None and node.group == "event":
            by_label[node.label].append(node.id)
    for claim in claims:
        for event in by_label.get(claim.claim.get("about", ""), ()):
            about[event].add(claim.id)

    components: dict[str, list[PageNode]] = defaultdict(list)
    for claim in claims:
        components[find(claim.id)].append(claim)
    for members in components.values():
        if len(members) > 1:
            ranked = sorted(members, key=claim_key)
            for claim in members:
                claim.rivals = [m.id for m in ranked if m.id != claim.id]
    for event, members in about.items():
        by_id[event].claims = [m.id for m in sorted((by_id[i] for i in members), key=claim_key)]


# --------------------------------------------------------------------------- the cut


def page_cut(
    graph: networkx.MultiDiGraph, max_nodes: int | None = MAX_PAGE_NODES, max_edges: int | None = MAX_PAGE_EDGES
) -> tuple[networkx.MultiDiGraph, str | None]:
    """(what a page can show of ``graph``, a notice saying what was left out, or None).

    Above ``max_nodes`` nodes, keeps the ``max_nodes`` with the most links (ties by id); above
    ``max_edges`` links among those, keeps the heaviest (most items behind them; ties by ends and
    relation). None (or 0) means no limit. The same graph always gives the same cut."""
    n_nodes, n_edges = graph.number_of_nodes(), graph.number_of_edges()
    if (not max_nodes or n_nodes <= max_nodes) and (not max_edges or n_edges <= max_edges):
        return graph, None
    nodes = list(graph)
    if max_nodes and n_nodes > max_nodes:
        nodes = [n for n, _ in sorted(graph.degree, key=lambda nd: (-nd[1], as_text(nd[0])))[:max_nodes]]
    sub = graph.subgraph(nodes)
    edges = list(sub.edges(keys=True, data=True)) if graph.is_multigraph() else [
        (u, v, None, d) for u, v, d in sub.edges(data=True)]
    if max_edges and len(edges) > max_edges:
        edges.sort(key=lambda e: (-(_number(e[3].get("weight")) or 0), as_text(e[0]), as_text(e[1]), as_text(e[2])))
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
