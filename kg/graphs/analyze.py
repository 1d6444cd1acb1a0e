"""Analytics over the projections of ``kg.graphs.project``: who is central, who mediates, how the fighting
escalated, how two actors are connected, which actors cluster together.

Each analysis is a function over a projection (a networkx ``MultiDiGraph`` in the data contract
of ``kg.graphs.project``) that returns rows (a list of dicts), so that ``kg analyze`` prints them in any results format
(``kg.sparql.results.format_rows``) and a notebook reads them as records. :data:`ANALYSES` names them, with the
projection each one reads by default and the columns a table shows (CSV and JSON get every key).

Pure Python: networkx's own algorithms, never numpy or scipy. Results do not depend on the
order in which the store returns rows, nor on Python's hash seed: nodes are visited in sorted
order and the community detection runs on integer node labels with a fixed seed.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import EXIT_DATA, KGError
from .project import RANK as _RANK

#: The seed of every random choice (Louvain's node order, sampled betweenness).
SEED = 42
#: Up to this many nodes betweenness is exact; above, it is estimated from BETWEENNESS_SAMPLE
#: seeded sources (exact weighted betweenness took 36 s on a 2,753-actor graph, 300 sources 5 s).
BETWEENNESS_EXACT_UP_TO = 500
BETWEENNESS_SAMPLE = 300


class NoPath(KGError):
    """The graph holds no connection between the two nodes asked about (exit code 1)."""

    exit_code = EXIT_DATA


def _shorten(iri: str) -> str:
    from ..namespaces import shorten
    return shorten(iri)


def _label(graph, node) -> str:
    return str(graph.nodes[node].get("label") or _shorten(node))


def _node_row(graph, node) -> dict:
    d = graph.nodes[node]
    return {"id": _shorten(node), "label": _label(graph, node), "kind": d.get("kind"), "group": d.get("group"),
            "node": node}


def simple_view(graph):
    """An undirected simple ``nx.Graph`` of ``graph``: one edge per linked pair, its ``weight`` the
    sum of the weights of every edge between the two (either direction, every relation),
    ``distance`` = 1 / weight (a stronger tie is a shorter one), ``relations`` their keys."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(sorted(graph.nodes))
    pairs: dict = {}
    for u, v, key, d in graph.edges(keys=True, data=True):
        if u == v:
            continue
        a, b = sorted((u, v))
        w = d.get("weight", 1)
        w = w if isinstance(w, (int, float)) and not isinstance(w, bool) and w > 0 else 1
        p = pairs.setdefault((a, b), {"weight": 0, "relations": set()})
        p["weight"] += w
        p["relations"].add(key)
    for (a, b), p in sorted(pairs.items()):
        g.add_edge(a, b, weight=p["weight"], distance=1 / p["weight"], relations=sorted(p["relations"]))
    return g


# --- centrality --------------------------------------------------------------------------------

def _centrality(graph) -> tuple[dict, dict, object]:
    import networkx as nx

    g = simple_view(graph)
    degree = nx.degree_centrality(g) if len(g) > 1 else {n: 0.0 for n in g}
    k = BETWEENNESS_SAMPLE if len(g) > BETWEENNESS_EXACT_UP_TO else None
    between = nx.betweenness_centrality(g, k=k, weight="distance", normalized=True, seed=SEED)
    return degree, between, g


def centrality(graph) -> list[dict]:
    """Degree and betweenness of every node, most between first.

    On the undirected simple view (:func:`simple_view`): ``degree`` is the number of distinct
    neighbours, ``strength`` the summed weight of the node's links (how many events, statements
    and posts tie it to others), ``degree_centrality`` the degree over n - 1, ``betweenness`` the
    normalised share of weighted shortest paths through the node, where a link's length is
    1 / weight (on graphs of more than :data:`BETWEENNESS_EXACT_UP_TO` nodes, estimated from
    :data:`BETWEENNESS_SAMPLE` seeded sources)."""
    degree, between, g = _centrality(graph)
    rows = []
    for node in g:
        rows.append({**_node_row(graph, node), "degree": g.degree(node), "strength": g.degree(node, weight="weight"),
                     "degree_centrality": round(degree[node], 6), "betweenness": round(between[node], 6)})
    rows.sort(key=lambda r: (-r["betweenness"], -r["degree"], r["label"], r["node"]))
    return rows


def annotate_centrality(graph):
    """Write ``degree_centrality`` and ``betweenness`` (floats, as in :func:`centrality`) on every
    node of ``graph``, for a page that sizes nodes by one of them; returns ``graph``."""
    degree, between, _ = _centrality(graph)
    for node, d in graph.nodes(data=True):
        d["degree_centrality"] = round(degree[node], 6)
        d["betweenness"] = round(between[node], 6)
    return graph


# --- mediators ---------------------------------------------------------------------------------

def mediators(graph) -> list[dict]:
    """Third parties ranked by how much they mediated: the number of events they mediated
    (``mediations``), the parties those events were between, the first and last date, most
    mediations first (then most parties, then earliest).

    Reads the actors projection (edges "mediated": mediator -> party, the events as items) or the
    events projection (edges "mediator": actor -> event, with the event's "party" edges)."""
    found: dict = {}

    def entry(actor):
        return found.setdefault(actor, {"events": {}, "parties": set(), "standing": {}})

    name = graph.graph.get("name")
    if any(k == "mediator" for *_, k in graph.edges(keys=True)) or name == "events":
        for u, v, key, d in graph.edges(keys=True, data=True):
            if key != "mediator":
                continue
            e = entry(u)
            e["events"][v] = (graph.nodes[v].get("label"), graph.nodes[v].get("start"), graph.nodes[v].get("end"))
            e["parties"].update(p for p, _, k in graph.in_edges(v, keys=True) if k == "party" and p != u)
            for item in d.get("items") or ():  # the role's own standing (an edge item)
                e["standing"][v] = (item.get("status"), item.get("disputed_by"))
    elif name in (None, "actors"):
        for u, v, key, d in graph.edges(keys=True, data=True):
            if key != "mediated":
                continue
            e = entry(u)
            e["parties"].add(v)
            for item in d.get("items") or ():
                e["events"][item["id"]] = (item.get("label"), item.get("start"), item.get("end"))
                e["standing"][item["id"]] = (item.get("status"), item.get("disputed_by"))
    else:
        raise KGError(f"mediators reads the actors or events graph, not the {name} graph")
    rows = []
    for actor, e in found.items():
        starts = [s for _, s, _ in e["events"].values() if s]
        ends = [x for _, _, x in e["events"].values() if x]
        statuses = sorted({st for st, _ in e["standing"].values() if st}, key=lambda st: -_RANK[st])
        rows.append({**_node_row(graph, actor), "mediations": len(e["events"]),
                     "parties": sorted(_label(graph, p) for p in e["parties"]),
                     "first": min(starts, default=None), "last": max(ends, default=None),
                     "events": sorted(str(lab) for lab, _, _ in e["events"].values() if lab),
                     "status": statuses,
                     "disputed_by": sorted({x for _, d in e["standing"].values() if d for x in d.split("; ")})})
    rows.sort(key=lambda r: (-r["mediations"], -len(r["parties"]), r["first"] or "9999", r["label"], r["node"]))
    return rows


# --- escalation chains -------------------------------------------------------------------------

# Causal links among events, as (relation in the events projection, reversed?, words). "X
# responded-to Y" and "X after Y" run from Y to X in time.
_CAUSAL = [("triggered", False, "triggered"), ("responded-to", True, "was answered by"),
           ("after", True, "was followed by")]


def _military(graph, node) -> bool:
    return graph.nodes[node].get("category") == "MilitaryEvent"


def escalation_dag(graph):
    """The directed acyclic graph of military events that escalation chains follow.

    Nodes: the events of the events projection whose category is MilitaryEvent. Links, from the
    earlier to the later event: X triggered Y (X -> Y, "triggered"); Y responded to X and Y came
    after X (X -> Y, "was answered by", "was followed by"); a sub-event S of P (S part-of P) runs
    S -> P ("part of") when S starts no later than P, and P -> S ("included") when S starts later,
    so that a chain can pass through an episode to what happened later in it. Causal links are
    added first (triggered, responded-to, after), then sub-event links, each in a fixed order; a
    link that would close a cycle is left out, so the result is always a DAG."""
    import networkx as nx

    dag = nx.DiGraph()
    dag.add_nodes_from(sorted(n for n in graph if _military(graph, n)))
    candidates = []
    for rank, (relation, reverse, words) in enumerate(_CAUSAL):
        for u, v, key in graph.edges(keys=True):
            if key == relation and u in dag and v in dag:
                a, b = (v, u) if reverse else (u, v)
                candidates.append((rank, a, b, words, True))
    for u, v, key in graph.edges(keys=True):
        if key == "part-of" and u in dag and v in dag:
            sub, parent = u, v
            s, p = graph.nodes[sub].get("start"), graph.nodes[parent].get("start")
            if s and p and s > p:
                candidates.append((len(_CAUSAL), parent, sub, "included", False))
            else:
                candidates.append((len(_CAUSAL), sub, parent, "part of", False))
    acyclic = _IncrementalDag(dag.nodes)
    for _, a, b, words, causal in sorted(candidates):
        if a == b or dag.has_edge(a, b) or not acyclic.add(a, b):
            continue
        dag.add_edge(a, b, link=words, causal=causal)
    return dag


class _IncrementalDag:
    """Adds links one by one and refuses a link that would close a cycle, keeping a topological
    order of the nodes as it goes (Pearce and Kelly, 2006). A link that agrees with the order is
    added at once; otherwise only the nodes between its two ends in the order are searched, where
    asking "is there a path back?" of the whole graph for every link was quadratic (minutes at
    100,000 events). Refuses exactly the links that ``nx.has_path(dag, b, a)`` would."""

    def __init__(self, nodes):
        self.order = {n: i for i, n in enumerate(nodes)}
        self.succ = {n: [] for n in self.order}
        self.pred = {n: [] for n in self.order}

    def add(self, a, b) -> bool:
        """Add a -> b unless b already leads to a; whether it was added."""
        order = self.order
        low, high = order[b], order[a]
        if low > high:  # a already comes before b
            self._link(a, b)
            return True
        forward, seen, stack = [], {b}, [b]  # what b leads to, short of a's place in the order
        while stack:
            n = stack.pop()
            forward.append(n)
            for m in self.succ[n]:
                if m == a:
                    return False
                if m not in seen and order[m] < high:
                    seen.add(m)
                    stack.append(m)
        backward, seen, stack = [], {a}, [a]  # what leads to a, after b's place in the order
        while stack:
            n = stack.pop()
            backward.append(n)
            for m in self.pred[n]:
                if m not in seen and order[m] > low:
                    seen.add(m)
                    stack.append(m)
        # The nodes leading to a take the first of the places these nodes held, then those b leads to.
        moved = sorted(backward, key=order.__getitem__) + sorted(forward, key=order.__getitem__)
        for n, place in zip(moved, sorted(order[n] for n in moved)):
            order[n] = place
        self._link(a, b)
        return True

    def _link(self, a, b):
        self.succ[a].append(b)
        self.pred[b].append(a)


def escalation_chains(graph) -> dict[str, list[dict]]:
    """The longest and the most recent escalation chain, each a list of steps (event, dates, and
    ``link``: how it leads to the next step).

    A chain is a path in :func:`escalation_dag` with at least one causal link (triggered,
    answered, followed: a path made only of sub-event links is an episode, not an escalation).
    The longest chain has the most events; among equals, the longest time span (from the start of
    its first event to the end of its last), then the first in id order. The most recent chain is
    the best chain (same order) among those that end with the event that happened last (latest
    start, then latest end). Reads the events projection; an empty dict when there is no chain."""
    import networkx as nx

    if graph.graph.get("name") not in (None, "events"):
        raise KGError(f"escalation reads the events graph (actors and events), not the {graph.graph.get('name')} graph")
    dag = escalation_dag(graph)
    node = graph.nodes

    def start(n):
        return node[n].get("start") or ""

    def end(n):
        return node[n].get("end") or node[n].get("start") or ""

    def better(a, b):
        """Whether chain a (tuple of nodes) beats chain b."""
        if b is None:
            return True
        ka = (len(a), _span(a), tuple(reversed(a)))
        kb = (len(b), _span(b), tuple(reversed(b)))
        if ka[:2] != kb[:2]:
            return ka[:2] > kb[:2]
        return ka[2] < kb[2]

    def _span(chain):
        import datetime as dt
        first, last = start(chain[0]), end(chain[-1])
        if not first or not last:
            return 0
        return (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days

    # best[(n, causal)]: the best chain ending at n, with (True) or without (False) a causal link
    best: dict = {}
    for n in nx.lexicographical_topological_sort(dag):
        best[(n, False)] = (n,)
        for p in sorted(dag.predecessors(n)):
            causal_link = dag.edges[p, n]["causal"]
            for flag in (False, True):
                prev = best.get((p, flag))
                if prev is None:
                    continue
                key = (n, flag or causal_link)
                candidate = prev + (n,)
                if better(candidate, best.get(key)):
                    best[key] = candidate
    chains = [c for (n, flag), c in best.items() if flag]
    if not chains:
        return {}
    longest = None
    for c in chains:
        if better(c, longest):
            longest = c
    newest = max((start(c[-1]), end(c[-1])) for c in chains)
    recent = [c for c in chains if (start(c[-1]), end(c[-1])) == newest]
    latest = None
    for c in recent:
        if better(c, latest):
            latest = c

    def steps(chain):
        out = []
        for i, n in enumerate(chain):
            d = node[n]
            out.append({"step": i + 1, **_node_row(graph, n), "date": d.get("date"), "start": d.get("start"),
                        "end": d.get("end"), "according_to": list((d.get("info") or {}).get("according to", [])),
                        "link": dag.edges[n, chain[i + 1]]["link"] if i + 1 < len(chain) else None})
        return out

    return {"longest": steps(longest), "latest": steps(latest)}


def escalation(graph) -> list[dict]:
    """:func:`escalation_chains` as rows: one per step, ``chain`` saying which ("longest",
    "latest"), ``link`` how the step leads to the next."""
    rows = []
    for which, chain in escalation_chains(graph).items():
        rows.extend({"chain": which, **step} for step in chain)
    return rows


# --- paths -------------------------------------------------------------------------------------

def shortest_path(graph, source: str, target: str) -> list[dict]:
    """How two nodes are connected: the path with the fewest links between them (links followed
    either way; ties broken by node order), one row per hop with the relations between the two
    nodes, the events or statements behind them, and what those events produced (mkg:produced).

    ``source`` / ``target``: ids (saudi-arabia), prefixed names, IRIs or exact labels. On the
    actors projection a hop is a pair of actors and its events are the items of the edges between
    them; on the events projection a hop is actor -> event -> ... and an event on the path is
    itself the hop's event. Raises :class:`NoPath` when they are not connected."""
    import networkx as nx

    from .project import resolve_node

    a, b = resolve_node(graph, source), resolve_node(graph, target)
    if a == b:
        raise KGError(f"path: {source!r} and {target!r} are the same node ({_label(graph, a)}); name two")
    g = simple_view(graph)
    try:
        path = nx.shortest_path(g, a, b)
    except nx.NetworkXNoPath:
        what = graph.graph.get("name", "this")
        raise NoPath(f"no path between {_label(graph, a)} and {_label(graph, b)} in the {what} graph") from None

    def produced_by(n):
        return [_label(graph, v) for _, v, k in graph.out_edges(n, keys=True) if k == "produced"]

    rows = []
    for i, (u, v) in enumerate(itertools.pairwise(path)):
        relations, events, produced, starts, ends = [], [], [], [], []
        for x, y in ((u, v), (v, u)):
            for key, d in (graph.get_edge_data(x, y) or {}).items():
                arrow = "->" if x == u else "<-"
                relations.append(f"{arrow} {d.get('label') or key}")
                for item in d.get("items") or ():
                    text = item.get("label") or _shorten(item["id"])
                    if text not in events:
                        events.append(text)
                    for p in produced_by(item["id"]) if item["id"] in graph else ():
                        if p not in produced:
                            produced.append(p)
                    if item.get("start"):
                        starts.append(item["start"])
                    if item.get("end"):
                        ends.append(item["end"])
                for p in (d.get("info") or {}).get("produced", ()):
                    if p not in produced:
                        produced.append(p)
        for n in (u, v):
            if graph.nodes[n].get("group") in ("event", "statement"):
                if _label(graph, n) not in events:
                    events.append(_label(graph, n))
                produced.extend(p for p in produced_by(n) if p not in produced)
        rows.append({"step": i + 1, "from": _label(graph, u), "to": _label(graph, v), "relations": relations,
                     "events": events, "produced": produced, "first": min(starts, default=None),
                     "last": max(ends, default=None), "from_id": _shorten(u), "to_id": _shorten(v)})
    return rows


# --- communities -------------------------------------------------------------------------------

def communities(graph, *, seed: int = SEED) -> list[dict]:
    """Groups of nodes more tied to each other than to the rest: Louvain modularity communities
    (networkx ``louvain_communities``, edge weights as in :func:`simple_view`, fixed ``seed``),
    largest first. Deterministic: the detection runs on integer labels given in node-id order."""
    import networkx as nx

    g = simple_view(graph)
    order = list(g.nodes)  # sorted by simple_view
    numbered = nx.convert_node_labels_to_integers(g, ordering="default")
    found = nx.community.louvain_communities(numbered, weight="weight", seed=seed) if len(numbered) else []
    groups = [sorted((order[i] for i in c), key=lambda n: (_label(graph, n), n)) for c in found]
    groups.sort(key=lambda c: (-len(c), _label(graph, c[0]), c[0]))
    return [{"community": i + 1, "size": len(c), "members": [_label(graph, n) for n in c],
             "ids": [_shorten(n) for n in c]} for i, c in enumerate(groups)]


# --- the registry and the dispatcher ------------------------------------------------------------

@dataclass(frozen=True)
class Analysis:
    name: str
    function: Callable
    projection: str          # the projection read when none is given
    columns: tuple[str, ...]  # what a table shows
    projections: tuple[str, ...] = ("actors", "events", "claims")


ANALYSES = {a.name: a for a in [
    Analysis("centrality", centrality, "actors",
             ("label", "kind", "degree", "strength", "degree_centrality", "betweenness")),
    Analysis("mediators", mediators, "actors", ("label", "mediations", "parties", "first", "last", "events", "status",
                                                "disputed_by"),
             ("actors", "events")),
    Analysis("escalation", escalation, "events", ("chain", "step", "label", "date", "link", "according_to"),
             ("events",)),
    Analysis("path", shortest_path, "actors", ("step", "from", "relations", "to", "events", "produced")),
    Analysis("communities", communities, "actors", ("community", "size", "members")),
]}


def analyze(store, what: str, *, graph: str | None = None, start=None, end=None, as_of=None,
            ego: str | None = None, depth: int = 1, between=None,
            facts: str = "all") -> tuple[list[dict], tuple[str, ...], dict[str, int]]:
    """Run the analysis ``what`` (a key of :data:`ANALYSES`) on a projection of ``store``:
    ``graph`` names it (default: the analysis's own), cut to the window, the facts that stand as
    ``facts`` asks ("all", "undisputed", "corroborated") and the ego network as
    :func:`kg.graphs.project.project` does. ``between``: the two nodes of "path". Returns (rows, the
    columns a table shows, how the facts it used stand: status -> count)."""
    from .project import project, standing_counts

    if what not in ANALYSES:
        raise KGError(f"no analysis {what!r}; choose from {', '.join(ANALYSES)}")
    analysis = ANALYSES[what]
    name = graph or analysis.projection
    if name not in analysis.projections:
        raise KGError(f"{what} reads the {' or '.join(analysis.projections)} graph, not {name!r}")
    between = list(between or ())
    if what == "path" and len(between) != 2:
        raise KGError("path needs two actors: kg analyze path saudi-arabia pakistan (or --between A B)")
    if what != "path" and between:
        raise KGError(f"{what} takes no actors (only path does); to look around one actor use --ego")
    projected = project(store, name, start=start, end=end, as_of=as_of, ego=ego, depth=depth, facts=facts)
    rows = analysis.function(projected, *between) if what == "path" else analysis.function(projected)
    return rows, analysis.columns, standing_counts(projected)
