"""Projections of the RDF graph into networkx, for analysis, rendering and export.

The RDF store stays the source of truth; these are lenses, each a ``networkx.MultiDiGraph``:

* :func:`actor_graph` ("actors"): actors, and the relations between them that events,
  statements, positions and posts make (attacked, mediated, negotiated, ceasefire, captured,
  released, accused, rejected, disputes-border, statements by their type, holds-post, ...);
* :func:`actor_event_graph` ("events"): actors and events (statements included), an edge from
  an actor to an event for each role it had (attacker, target, party, mediator, speaker, ...),
  and the links between events (triggered, after, responded-to, part-of, produced, ...);
* :func:`claims_graph` ("claims"): claims, their claimants, the events they are about, rival
  claims (relation ``"rival"``, as the rival-claims named query defines them), and the denials
  that reject them.

Data contract (the page, the exporters and the analytics rely on it):

* ``graph.graph``: ``{"name": projection name, "relation_labels": {relation: human words}}``;
* node id: the IRI string. Attributes ``label``, ``kind`` (the most specific class's local name,
  e.g. "State", "AirStrike", "Claim"), ``group`` ("actor", "event", "claim", "statement",
  "place"), ``info`` (``dict[str, str | list[str]]``, tooltip rows: id, Wikidata, date, source,
  according to, ...). Event, claim and statement nodes also have ``start`` / ``end`` (ISO dates
  of the date interval, mkg:notBefore / mkg:notAfter) and ``date`` (the date as written), when
  dated, and ``category`` (the broad class: "MilitaryEvent", "DiplomaticEvent", "Statement",
  "Position", ...). Claim nodes also have ``claim``: display strings ``about measure group figure
  qualifier claimant date verification source`` (missing ones left out);
* edge key = relation. Attributes ``relation``, ``label`` (the relation's words, with
  " (reported)" when every item behind the edge is only somebody's account), ``weight`` (the
  number of items), ``first`` / ``last`` (ISO dates or None), ``reported_only``, ``info``
  (``{"because of": [...]}``, and ``"produced"`` when an item produced something) and ``items``:
  ``[{"id", "label", "start", "end", "according_to": [labels]}]``, the events or statements
  behind the edge, so that a page can drop those after a date.

Every projection takes a time window (``start`` / ``end``, dates or ISO strings; ``as_of=D`` is
``end=D``) and keeps the dated items whose interval overlaps it; undated structural relations
(posts held, affiliations, standing positions) are always kept. With a window, actors left with
no relation are dropped. :func:`project` is the one entry point (``PROJECTIONS`` names them);
:func:`ego_graph` cuts any projection down to one node's neighbourhood.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ..errors import KGError
from ..namespaces import shorten
from ..sparql.named import internal_query
from ..sparql.query import run, stream_records

RELATION_LABELS = {
    # actors
    "attacked": "attacked", "mediated": "mediated for", "hosted": "hosted", "ceasefire": "ceasefire with",
    "negotiated": "negotiated with", "fought": "fought", "border-closure": "border closed with",
    "captured": "captured soldiers of", "released": "released soldiers of", "accused": "accuses",
    "rejected": "rejected claims of", "disputes-border": "disputes the border with",
    "does-not-recognise": "does not recognise", "spoke-for": "spoke for", "holds-post": "holds post in",
    "affiliated-with": "acts for", "based-in": "based in",
    # events: an actor's role in an event
    "attacker": "attacker in", "target": "target of", "party": "party to", "mediator": "mediator of",
    "host": "host of", "captor": "captor in", "captives-of": "whose people were held in", "speaker": "said",
    "on-behalf-of": "spoken for in", "delivered-by": "delivered", "addressee": "addressed by",
    "against": "accused in", "according-to": "gives the account of",
    # events: links between events
    "triggered": "triggered", "after": "came after", "responded-to": "responded to", "produced": "produced",
    "breach-of": "breached", "release-of": "freed the captives of", "reports": "reports", "about": "is about",
    "rejects": "rejects", "part-of": "part of",
    # claims
    "claimed": "claimed", "rival": "rival figure", "subset-of": "part of the figure", "stated": "stated",
}

# Relations that link an actor to the account it gives, never a reported fact themselves.
_NEVER_REPORTED = {"according-to"}


def relation_label(relation: str) -> str:
    """The words for a relation key (a statement type such as "OfferToNegotiate" -> "offer to negotiate")."""
    if relation in RELATION_LABELS:
        return RELATION_LABELS[relation]
    from ..vocabulary import kebab
    return kebab(relation).replace("-", " ")


# --- time windows -----------------------------------------------------------------------------

def parse_day(value, what: str = "date") -> dt.date | None:
    """A ``datetime.date`` from a date or an ISO string (None stays None); KGError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise KGError(f"{what} {value!r} is not a date like 2026-02-27") from None


def time_window(start=None, end=None, as_of=None) -> tuple[dt.date | None, dt.date | None]:
    """(start, end) as dates; ``as_of`` is another name for ``end``. KGError when they conflict."""
    start, end, as_of = parse_day(start, "--from"), parse_day(end, "--to"), parse_day(as_of, "--as-of")
    if as_of is not None:
        if end is not None and end != as_of:
            raise KGError("give --to or --as-of, not both (--as-of D is --to D)")
        end = as_of
    if start is not None and end is not None and start > end:
        raise KGError(f"the window starts ({start}) after it ends ({end})")
    return start, end


def _iso(value) -> str | None:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else (str(value) if value else None)


def _overlaps(start: str | None, end: str | None, window) -> bool:
    """Whether an item dated [start, end] (ISO strings; None: undated) overlaps the window."""
    lo, hi = window
    if start is None and end is None:
        return True  # undated: a structural fact, always kept
    if hi is not None and start is not None and start > hi.isoformat():
        return False
    return not (lo is not None and end is not None and end < lo.isoformat())


def _windowed(window) -> bool:
    return window[0] is not None or window[1] is not None


# --- assembling a projection ------------------------------------------------------------------

class _Edges:
    """Edges keyed by (from, to, relation), each gathering the items behind it. An item (an event,
    statement, claim or post) behind several edges is kept once, and shared by them when finished:
    at a million events the actors projection has millions of (edge, item) pairs, and a copy per
    pair would not fit in memory."""

    LABEL, START, END, DATE, REPORTERS, PRODUCED = range(6)  # an item while gathering: a list

    def __init__(self):
        self._items: dict[str, list] = {}
        self._edges = defaultdict(dict)  # (src, dst, relation) -> {item id: None}, in the order added

    def add(self, src: str, dst: str, relation: str, item: dict | str, reporters=()):
        """An edge's item: a dict (id, label, start, end, date) or the id of one that
        :meth:`describe` tells about."""
        ident = item if isinstance(item, str) else item["id"]
        known = self._items.get(ident)
        if known is None:
            known = self._items[ident] = [None, None, None, None, None, None]
            if not isinstance(item, str):
                self.describe(ident, label=item["label"], start=item["start"], end=item["end"], date=item.get("date"))
        for r in reporters:
            self.describe(ident, reporter=r)
        self._edges[(src, dst, relation)][ident] = None

    def describe(self, ident: str, *, label=None, start=None, end=None, date=None, reporter=None, produced=None):
        """What is known of an item already added (anything else is ignored): the smallest label,
        the first date, and every reporter and product."""
        known = self._items.get(ident)
        if known is None:
            return
        if label and (known[self.LABEL] is None or label < known[self.LABEL]):
            known[self.LABEL] = label
        if (start or end) and known[self.START] is None and known[self.END] is None:
            known[self.START], known[self.END], known[self.DATE] = start, end, date
        for slot, value in ((self.REPORTERS, reporter), (self.PRODUCED, produced)):
            if value:
                if known[slot] is None:
                    known[slot] = set()
                known[slot].add(value)

    def _finish_items(self) -> dict[str, tuple]:
        """id -> (sort key, the item as edges carry it, its "because of" line, its products), made once."""
        done = {}
        for ident, (label, start, end, date, reporters, produced) in self._items.items():
            label = label or shorten(ident)
            according = sorted(reporters or ())
            text = f"{label} ({date})" if date else label
            if according:
                text += f", according to {', '.join(according)}"
            out = {"id": ident, "label": label, "start": start, "end": end, "according_to": according}
            done[ident] = ((start or "", end or "", label, ident), out, text, produced or ())
        self._items.clear()
        return done

    def finish(self, window):
        """Yield (src, dst, relation, attrs) in a stable order, items outside the window dropped.
        Edges that rest on one item alone (most of the events graph: an actor's role in an event)
        share their ``items`` and ``info``."""
        items = self._finish_items()
        alone: dict[str, tuple[list, dict]] = {}
        labels: dict[tuple[str, bool], str] = {}
        for (src, dst, relation), ids in sorted(self._edges.items()):
            kept = sorted((items[i] for i in ids if _overlaps(items[i][1]["start"], items[i][1]["end"], window)),
                          key=lambda k: k[0])
            if not kept:
                continue
            if len(kept) == 1 and not kept[0][3]:
                _, item, text, _ = kept[0]
                shared = alone.get(item["id"])
                if shared is None:
                    shared = alone[item["id"]] = ([item], {"because of": [text]})
                out, info = shared
            else:
                out = [o for _, o, _, _ in kept]
                info = {"because of": [text for _, _, text, _ in kept]}
                produced = {p for *_, made in kept for p in made}
                if produced:
                    info["produced"] = sorted(produced)
            reported_only = relation not in _NEVER_REPORTED and all(o["according_to"] for o in out)
            starts = [o["start"] for o in out if o["start"]]
            ends = [o["end"] for o in out if o["end"]]
            label = labels.get((relation, reported_only))
            if label is None:
                label = labels[(relation, reported_only)] = relation_label(relation) + (" (reported)" if reported_only else "")
            yield src, dst, relation, {
                "relation": relation,
                "label": label,
                "weight": len(out), "first": min(starts, default=None), "last": max(ends, default=None),
                "reported_only": reported_only, "info": info, "items": out,
            }


def _assemble(name: str, nodes: dict, edges: _Edges, window, *, keep_isolated=()):
    """The MultiDiGraph: nodes (id -> attrs) sorted by id, edges whose ends are both kept."""
    import networkx as nx

    g = nx.MultiDiGraph(name=name, relation_labels={})
    for node in sorted(nodes):
        g.add_node(node, **nodes[node])
    linked = set()
    for src, dst, relation, attrs in edges.finish(window):  # straight into the graph: never a list of them
        if src in nodes and dst in nodes:
            g.graph["relation_labels"][relation] = relation_label(relation)
            g.add_edge(src, dst, key=relation, **attrs)
            linked.update((src, dst))
    g.remove_nodes_from([n for n in nodes if n not in linked and n not in keep_isolated])
    g.graph["relation_labels"] = dict(sorted(g.graph["relation_labels"].items()))
    return g


def _actor_nodes(store) -> dict:
    nodes = {}
    for rec in stream_records(store, internal_query("actor-nodes")):
        node = nodes.get(rec["actor"])
        if node is None:
            node = nodes[rec["actor"]] = {"label": str(rec["label"]), "kind": rec["kind"], "group": "actor",
                                          "info": {"id": shorten(rec["actor"])}}
        if rec["sameAs"]:
            node["info"]["Wikidata"] = rec["sameAs"]
    return nodes


_GROUPS = {"Statement": "statement", "Position": "claim"}


def _event_nodes(store) -> dict:
    """Events, statements and positions: id -> node attributes."""
    gathered: dict = {}
    for rec in stream_records(store, internal_query("event-nodes")):
        g = gathered.get(rec["item"])
        if g is None:  # the sets of "source", "reporter", "place" and "summary" only when there is one
            g = gathered[rec["item"]] = {"kind": rec["kind"], "categories": set(), "label": None, "date": None,
                                         "start": None, "end": None}
        g["categories"].add(rec["category"])
    for rec in stream_records(store, internal_query("item-details")):
        g = gathered.get(rec["item"])
        if g is None:
            continue
        if rec["label"] and (g["label"] is None or str(rec["label"]) < g["label"]):
            g["label"] = str(rec["label"])
        if rec["start"] is not None and g["start"] is None:
            g["date"], g["start"], g["end"] = str(rec["date"]), _iso(rec["start"]), _iso(rec["end"])
        for key in ("source", "reporter", "place", "summary"):
            if rec[key]:
                g.setdefault(key, set()).add(str(rec[key]))
    nodes = {}
    while gathered:  # emptied as the nodes are made: a million events are not held twice
        item, g = gathered.popitem()
        category = min(g["categories"])
        info = {"id": shorten(item)}
        if g["date"]:
            info["date"] = g["date"]
        if "place" in g:
            info["where"] = sorted(g["place"])
        if "reporter" in g:
            info["according to"] = sorted(g["reporter"])
        if "summary" in g:
            info["summary"] = min(g["summary"])
        if "source" in g:
            info["source"] = sorted(g["source"]) if len(g["source"]) > 1 else min(g["source"])
        node = {"label": g["label"] or shorten(item), "kind": g["kind"], "group": _GROUPS.get(category, "event"),
                "category": category, "info": info}
        if g["start"]:
            node.update(start=g["start"], end=g["end"], date=g["date"])
        nodes[item] = node
    return nodes


def _item(node_id: str, node: dict) -> dict:
    """An edge item for a dated node (an event, statement or claim)."""
    return {"id": node_id, "label": node["label"], "start": node.get("start"), "end": node.get("end"),
            "date": node.get("date")}


# --- the projections --------------------------------------------------------------------------

def actor_graph(store, *, start=None, end=None, as_of=None):
    """The actor relationship graph: one edge per (from, to, relation), weighted by the number of
    events, statements, positions or posts behind it (see the module docstring for the contract).
    Events the source attributes to someone say so in the edge's info, and an edge that rests only
    on such reports is labelled "(reported)": the page never draws a claim as a fact."""
    window = time_window(start, end, as_of)
    nodes = _actor_nodes(store)
    edges = _Edges()
    for rec in stream_records(store, internal_query("actor-edges")):
        edges.add(rec["from"], rec["to"], rec["relation"], rec["item"])
    for rec in stream_records(store, internal_query("item-details")):
        edges.describe(rec["item"], label=rec["label"] and str(rec["label"]), start=_iso(rec["start"]),
                       end=_iso(rec["end"]), date=rec["date"] and str(rec["date"]),
                       reporter=rec["reporter"] and str(rec["reporter"]), produced=rec["produced"] and str(rec["produced"]))
    keep = () if _windowed(window) else set(nodes)
    return _assemble("actors", nodes, edges, window, keep_isolated=keep)


def actor_event_graph(store, *, start=None, end=None, as_of=None):
    """Actors and events (statements included) as nodes: an edge from an actor to each event it
    took part in, keyed by its role (attacker, target, party, mediator, host, captor, captives-of,
    speaker, on-behalf-of, delivered-by, addressee, against, according-to), and the links between
    events as the data states them (triggered, after, responded-to, produced, part-of, breach-of,
    release-of, reports, about, rejects). Every event in the window is a node, linked or not;
    actors appear when they have an edge. An edge's item is its event (for a link between two
    events, the one whose link it is: the first, "from" event), reported when that event is only
    somebody's account."""
    window = time_window(start, end, as_of)
    actors = _actor_nodes(store)
    events = {k: v for k, v in _event_nodes(store).items() if v["group"] in ("event", "statement")
              and _overlaps(v.get("start"), v.get("end"), window)}
    nodes = {**actors, **events}
    edges = _Edges()
    for rec in stream_records(store, internal_query("event-roles")):
        event = events.get(rec["event"])
        if event is None or rec["actor"] not in actors:
            continue
        edges.add(rec["actor"], rec["event"], rec["role"], _item(rec["event"], event),
                  reporters=event["info"].get("according to", ()))
    for rec in stream_records(store, internal_query("event-links")):
        a, b = events.get(rec["from"]), events.get(rec["to"])
        if a is None or b is None or rec["from"] == rec["to"]:
            continue
        edges.add(rec["from"], rec["to"], rec["relation"], _item(rec["from"], a),
                  reporters=a["info"].get("according to", ()))
    return _assemble("events", nodes, edges, window, keep_isolated=set(events))


def _claim_nodes(store) -> dict:
    gathered: dict = {}
    for rec in stream_records(store, internal_query("claim-nodes")):
        c = gathered.setdefault(rec["claim"], {"rec": rec, "claimant": set(), "about": set(), "lossesOf": set()})
        for key in ("claimant", "about", "lossesOf"):
            if rec[key]:
                c[key].add(str(rec[key]))
    nodes = {}
    for claim, c in gathered.items():
        rec = c["rec"]
        display = {
            "about": "; ".join(sorted(c["about"])), "measure": rec["measure"],
            "group": rec["group"], "figure": None if rec["figure"] is None else str(rec["figure"]),
            "qualifier": rec["qualifier"], "claimant": ", ".join(sorted(c["claimant"])), "date": rec["date"],
            "verification": rec["status"], "source": rec["source"],
        }
        display = {k: str(v) for k, v in display.items() if v not in (None, "")}
        info = {"id": shorten(claim)}
        if c["claimant"]:
            info["according to"] = sorted(c["claimant"])
        if c["lossesOf"]:
            info["losses of"] = sorted(c["lossesOf"])
        for key in ("date", "verification", "source"):
            if key in display:
                info[key] = display[key]
        node = {"label": str(rec["label"] or shorten(claim)), "kind": "Claim", "group": "claim",
                "category": "Claim", "info": info, "claim": display}
        if rec["start"] is not None:
            node.update(start=_iso(rec["start"]), end=_iso(rec["end"]), date=str(rec["date"]))
        nodes[claim] = node
    return nodes


def claims_graph(store, *, start=None, end=None, as_of=None):
    """Claims, who made them, the events they are about, and how they conflict: rival figures
    (relation "rival", from the rival-claims named query: same episode, side, measure and
    category, different figures, different camps), a figure that is part of another
    ("subset-of"), denials that reject a claim ("rejects"; rejecting a statement rejects the
    figures stated in it) or a standing assertion, and who made each denial or assertion
    ("stated"). Claims are dated by when they were made; every claim in the window is a node."""
    from ..sparql.named import get_named

    window = time_window(start, end, as_of)
    claims = {k: v for k, v in _claim_nodes(store).items() if _overlaps(v.get("start"), v.get("end"), window)}
    others = {k: v for k, v in _event_nodes(store).items() if _overlaps(v.get("start"), v.get("end"), window)}
    nodes = {**_actor_nodes(store), **others, **claims}
    edges = _Edges()

    def item_of(src, dst):
        """The edge's item: its claim, denial or assertion (for two, the later)."""
        dated = [(n, nodes[n]) for n in (src, dst) if n in claims or n in others]
        if not dated:
            return None
        return _item(*max(dated, key=lambda n: (n[1].get("start") or "", n[0])))

    for rec in stream_records(store, internal_query("claim-edges")):
        src, dst = rec["from"], rec["to"]
        if src not in nodes or dst not in nodes or src == dst:
            continue
        item = item_of(dst, src) if rec["relation"] in ("claimed", "stated") else item_of(src, dst)
        if item is not None:
            edges.add(src, dst, rec["relation"], item)
    for rec in run(store, get_named("rival-claims"), hide_params=False).records():
        a, b = rec["claimA"], rec["claimB"]
        if a in claims and b in claims:
            edges.add(a, b, "rival", item_of(a, b))
    return _assemble("claims", nodes, edges, window, keep_isolated=set(claims))


PROJECTIONS = {"actors": actor_graph, "events": actor_event_graph, "claims": claims_graph}


def project(store, name: str = "actors", *, start=None, end=None, as_of=None, ego=None, depth: int = 1):
    """The projection ``name`` (a key of :data:`PROJECTIONS`) of ``store``, cut to the time window
    (``start`` / ``end`` / ``as_of``) and, with ``ego``, to that node's neighbourhood of ``depth``."""
    if name not in PROJECTIONS:
        raise KGError(f"no projection {name!r}; choose from {', '.join(PROJECTIONS)}")
    graph = PROJECTIONS[name](store, start=start, end=end, as_of=as_of)
    if ego is not None:
        graph = ego_graph(graph, ego, depth, windowed=_windowed(time_window(start, end, as_of)))
    return graph


# --- neighbourhoods ---------------------------------------------------------------------------

def resolve_node(graph, name: str, *, windowed: bool = False) -> str:
    """The node of ``graph`` that ``name`` means: an id (pakistan), a prefixed name (id:pakistan),
    an IRI (with or without <>), or a node's exact label (case aside). KGError otherwise, with the
    closest id when there is one."""
    from ..namespaces import ID, closest_id
    from ..sparql.named import parse_term

    text = str(name).strip()
    if text in graph:
        return text
    wanted = text.casefold()
    by_label = [n for n, d in graph.nodes(data=True) if str(d.get("label", "")).casefold() == wanted]
    if len(by_label) == 1:
        return by_label[0]
    try:
        iri = parse_term(text, "iri").value
    except KGError:
        iri = None
    if iri is not None and iri in graph:
        return iri
    what = graph.graph.get("name", "this")
    ident = iri[len(str(ID)):] if iri and iri.startswith(str(ID)) else text
    known = {str(n)[len(str(ID)):]: n for n in graph if str(n).startswith(str(ID))}
    close = closest_id(ident, sorted(known))
    hint = f" (did you mean {close!r}?)" if close else ""
    if len(by_label) > 1:
        hint = f" (several nodes are labelled {text!r}: give an id, e.g. {shorten(min(by_label))!r})"
    where = f"the {what} graph" + (" for the dates asked" if windowed else "")
    raise KGError(f"nothing in {where} is called {text[:80]!r}{hint}")


def ego_graph(graph, actor: str, depth: int = 1, *, windowed: bool = False):
    """The part of ``graph`` within ``depth`` links of ``actor`` (following links either way), with
    every edge among those nodes. ``actor``: an id (pakistan), id:pakistan, an IRI or a label."""
    import networkx as nx

    if depth is None or int(depth) < 0:
        raise KGError(f"--depth must be 0 or more, not {depth}")
    node = resolve_node(graph, actor, windowed=windowed)
    reach = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), node, cutoff=int(depth))
    sub = graph.subgraph(reach).copy()
    sub.graph = {**graph.graph, "relation_labels": {r: label for r, label in graph.graph.get("relation_labels", {}).items()
                                                    if any(k == r for *_, k in sub.edges(keys=True))}}
    return sub
