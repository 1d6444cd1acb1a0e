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
  of the date interval, mkg:notBefore / mkg:notAfter, None for an open end) and ``date`` (the date as written), when
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
from typing import NamedTuple

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
    "host": "host of", "initiator": "took the measure", "captor": "captor in", "captives-of": "whose people were held in", "speaker": "said",
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
    """Whether an item dated [start, end] (ISO strings; None: open at that end, both None: undated)
    overlaps the window."""
    lo, hi = window
    if start is None and end is None:
        return True  # undated: a structural fact, always kept
    if hi is not None and start is not None and start > hi.isoformat():
        return False
    return not (lo is not None and end is not None and end < lo.isoformat())


def _windowed(window) -> bool:
    return window[0] is not None or window[1] is not None


# --- how each item stands across the sources -----------------------------------------------------

class Standing(NamedTuple):
    """How an item (or one actor's role in it) stands across the sources: ``status`` (stated,
    reported, corroborated, disputed, or draft: not reviewed), how many independent sources assert it, who asserts it and
    who denies it (names, "; "-joined), as graph:attribution records it (kg/sparql/attribution.py)."""
    status: str
    independent: int = 1
    asserted_by: str | None = None
    disputed_by: str | None = None

    def attributes(self) -> dict:
        return {"status": self.status, "independent_sources": self.independent, "asserted_by": self.asserted_by,
                "disputed_by": self.disputed_by}


STATED = Standing("stated")
REPORTED = Standing("reported")
# how firm a standing is: an edge stands as its firmest item, an actor's role as its weakest record
RANK = {"draft": -1, "disputed": 0, "reported": 1, "stated": 2, "corroborated": 3}
# the choice of facts an analysis may make (kg analyze --facts), as the standings it keeps (None: all)
FACTS = {"all": None, "undisputed": {"reported", "stated", "corroborated"}, "corroborated": {"corroborated"}}


def standings(store) -> tuple[dict[str, Standing], dict[tuple[str, str], Standing]]:
    """The records of graph:attribution: items (IRI -> standing) and actors' roles in items
    ((item, actor) -> standing)."""
    items, roles = {}, {}
    for rec in stream_records(store, internal_query("standings")):
        st = Standing(rec["status"], int(rec["independent"]), rec["asserted"], rec["denied"])
        if rec["item"] is None:
            items[rec["fact"]] = st
        else:
            key = (rec["item"], rec["actor"])
            if key not in roles or RANK[st.status] < RANK[roles[key].status]:
                roles[key] = st
    return items, roles


def _because(item: dict, date) -> str:
    """An item's line in an edge's "because of": its label, date, and how it stands when not stated."""
    text = f"{item['label']} ({date})" if date else item["label"]
    if item["according_to"]:
        text += f", according to {', '.join(item['according_to'])}"
    if item["status"] not in ("stated",):
        text += f" [{item['status']}" + (f", denied by {item['disputed_by']}" if item["disputed_by"] else "") + "]"
    return text


def standing_counts(graph) -> dict[str, int]:
    """How the facts a projection rests on stand: status -> how many (its dated nodes, and the
    items behind its edges, each counted once, as the edge that carries it sees it)."""
    seen: dict[str, str] = {}
    for node, data in graph.nodes(data=True):
        if "status" in data:
            seen[node] = data["status"]
    for *_, data in graph.edges(data=True):
        for item in data.get("items") or ():
            status = item.get("status")
            if status and (item["id"] not in seen or RANK[status] < RANK[seen[item["id"]]]):
                seen[item["id"]] = status
    counts: dict[str, int] = {}
    for status in seen.values():
        counts[status] = counts.get(status, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: -RANK[kv[0]]))


def _check_facts(facts: str) -> str:
    if facts not in FACTS:
        raise KGError(f"--facts takes {', '.join(FACTS)}, not {facts!r}")
    return facts


# --- assembling a projection ------------------------------------------------------------------

class _Edges:
    """Edges keyed by (from, to, relation), each gathering the items behind it. An item (an event,
    statement, claim or post) behind several edges is kept once, and shared by them when finished:
    at a million events the actors projection has millions of (edge, item) pairs, and a copy per
    pair would not fit in memory."""

    LABEL, START, END, DATE, REPORTERS, PRODUCED, STANDING = range(7)  # an item while gathering: a list

    def __init__(self, default_standing: Standing | None = None):
        self._items: dict[str, list] = {}
        self._edges = defaultdict(dict)  # (src, dst, relation) -> {item id: None}, in the order added
        self._overrides: dict[tuple, Standing] = {}  # (src, dst, relation, item) -> an actor's role's standing
        self._default = default_standing or STATED

    def add(self, src: str, dst: str, relation: str, item: dict | str, reporters=()):
        """An edge's item: a dict (id, label, start, end, date) or the id of one that
        :meth:`describe` tells about."""
        ident = item if isinstance(item, str) else item["id"]
        known = self._items.get(ident)
        if known is None:
            known = self._items[ident] = [None, None, None, None, None, None, None]
            if not isinstance(item, str):
                self.describe(ident, label=item["label"], start=item["start"], end=item["end"], date=item.get("date"))
        for r in reporters:
            self.describe(ident, reporter=r)
        self._edges[(src, dst, relation)][ident] = None

    def describe(self, ident: str, *, label=None, start=None, end=None, date=None, reporter=None, produced=None,
                 standing: Standing | None = None):
        """What is known of an item already added (anything else is ignored): the smallest label,
        the first date, every reporter and product, and how it stands across the sources."""
        known = self._items.get(ident)
        if known is None:
            return
        if standing is not None:
            known[self.STANDING] = standing
        if label and (known[self.LABEL] is None or label < known[self.LABEL]):
            known[self.LABEL] = label
        if (start or end) and known[self.START] is None and known[self.END] is None:
            known[self.START], known[self.END], known[self.DATE] = start, end, date
        for slot, value in ((self.REPORTERS, reporter), (self.PRODUCED, produced)):
            if value:
                if known[slot] is None:
                    known[slot] = set()
                known[slot].add(value)

    def roles(self, roles: dict[tuple[str, str], Standing]) -> None:
        """Give an edge the standing of its actor's role in its item where that role has a record
        of its own ((item, actor) -> standing; an actor at either end of the edge): Calvia "mediated
        for" a party as its role as mediator stands, not as the mediation does."""
        for (src, dst, relation), ids in self._edges.items():
            for ident in ids:
                found = [roles[(ident, actor)] for actor in (src, dst) if (ident, actor) in roles]
                if found:
                    self._overrides[(src, dst, relation, ident)] = min(found, key=lambda st: RANK[st.status])

    def _finish_items(self) -> dict[str, tuple]:
        """id -> (sort key, the item as edges carry it, its "because of" line, its products), made once."""
        done = {}
        for ident, (label, start, end, date, reporters, produced, standing) in self._items.items():
            label = label or shorten(ident)
            according = sorted(reporters or ())
            out = {"id": ident, "label": label, "start": start, "end": end, "according_to": according,
                   **(standing or self._default).attributes()}
            done[ident] = ((start or "", end or "", label, ident), out, _because(out, date), produced or (), date)
        self._items.clear()
        return done

    def finish(self, window, facts: str = "all"):
        """Yield (src, dst, relation, attrs) in a stable order, items outside the window, or whose
        standing ``facts`` leaves out, dropped. Edges that rest on one item alone (most of the
        events graph: an actor's role in an event) share their ``items`` and ``info``."""
        items = self._finish_items()
        keep = FACTS[facts]
        alone: dict[str, tuple[list, dict]] = {}
        labels: dict[tuple[str, str], str] = {}
        for (src, dst, relation), ids in sorted(self._edges.items()):
            kept = []
            for i in ids:
                entry = items[i]
                override = self._overrides.get((src, dst, relation, i))
                if override is not None:  # this edge's own standing: a copy of the item, not shared
                    item = {**entry[1], **override.attributes()}
                    entry = (entry[0], item, _because(item, entry[4]), entry[3], entry[4])
                if keep is not None and entry[1]["status"] not in keep:
                    continue
                if _overlaps(entry[1]["start"], entry[1]["end"], window):
                    kept.append(entry)
            kept.sort(key=lambda k: k[0])
            if not kept:
                continue
            if len(kept) == 1 and not kept[0][3] and kept[0][1] is items[kept[0][1]["id"]][1]:  # not this edge's own
                _, item, text, _, _ = kept[0]
                shared = alone.get(item["id"])
                if shared is None:
                    shared = alone[item["id"]] = ([item], {"because of": [text]})
                out, info = shared
            else:
                out = [o for _, o, _, _, _ in kept]
                info = {"because of": [text for _, _, text, _, _ in kept]}
                produced = {p for _, _, _, made, _ in kept for p in made}
                if produced:
                    info["produced"] = sorted(produced)
            status = max((o["status"] for o in out), key=RANK.__getitem__)  # the firmest ground it stands on
            if relation in _NEVER_REPORTED:
                status = "stated"
            reported_only = status in ("reported", "disputed", "draft")  # "(draft)": not reviewed yet
            starts = [o["start"] for o in out if o["start"]]
            ends = [o["end"] for o in out if o["end"]]
            label = labels.get((relation, status))
            if label is None:
                label = labels[(relation, status)] = relation_label(relation) + (f" ({status})" if reported_only else "")
            denied = sorted({d for o in out for d in (o["disputed_by"] or "").split("; ") if d})
            yield src, dst, relation, {
                "relation": relation,
                "label": label,
                "weight": len(out), "first": min(starts, default=None), "last": max(ends, default=None),
                "reported_only": reported_only, "status": status, "disputed_by": "; ".join(denied) or None,
                "info": info, "items": out,
            }


def _assemble(name: str, nodes: dict, edges: _Edges, window, *, keep_isolated=(), facts: str = "all"):
    """The MultiDiGraph: nodes (id -> attrs) sorted by id, edges whose ends are both kept."""
    import networkx as nx

    g = nx.MultiDiGraph(name=name, relation_labels={}, facts=facts)
    for node in sorted(nodes):
        g.add_node(node, **nodes[node])
    linked = set()
    for src, dst, relation, attrs in edges.finish(window, facts):  # straight into the graph: never a list of them
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


def _event_nodes(store, standing: dict[str, Standing] | None = None) -> dict:
    """Events, statements and positions: id -> node attributes, with how each stands (``standing``:
    the records of :func:`standings`; an item without one is stated by its source)."""
    standing = standings(store)[0] if standing is None else standing
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
        if rec["date"] is not None and g["date"] is None:  # an open end of an interval has no start or end
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
        _stand(node, standing.get(item, STATED))
        if g["date"]:
            node.update(start=g["start"], end=g["end"], date=g["date"])
        nodes[item] = node
    return nodes


def _stand(node: dict, st: Standing) -> None:
    """A node's standing: attributes for exports and filters, and lines for its tooltip."""
    node.update(st.attributes())
    if st.status != "stated":
        node["info"]["status"] = f"{st.status}, {st.independent} independent source{'s' * (st.independent != 1)}"
    if st.asserted_by:
        node["info"]["asserted by"] = st.asserted_by
    if st.disputed_by:
        node["info"]["disputed by"] = st.disputed_by


def _item(node_id: str, node: dict) -> dict:
    """An edge item for a dated node (an event, statement or claim)."""
    return {"id": node_id, "label": node["label"], "start": node.get("start"), "end": node.get("end"),
            "date": node.get("date")}


# --- the projections --------------------------------------------------------------------------

def actor_graph(store, *, start=None, end=None, as_of=None, facts: str = "all"):
    """The actor relationship graph: one edge per (from, to, relation), weighted by the number of
    events, statements, positions or posts behind it (see the module docstring for the contract).
    Events the source attributes to someone say so in the edge's info, and an edge that rests only
    on such reports is labelled "(reported)": the page never draws a claim as a fact."""
    window = time_window(start, end, as_of)
    facts = _check_facts(facts)
    nodes = _actor_nodes(store)
    edges = _Edges()
    for rec in stream_records(store, internal_query("actor-edges")):
        edges.add(rec["from"], rec["to"], rec["relation"], rec["item"])
    for rec in stream_records(store, internal_query("item-details")):
        edges.describe(rec["item"], label=rec["label"] and str(rec["label"]), start=_iso(rec["start"]),
                       end=_iso(rec["end"]), date=rec["date"] and str(rec["date"]),
                       reporter=rec["reporter"] and str(rec["reporter"]), produced=rec["produced"] and str(rec["produced"]))
    items, roles = standings(store)
    for item, st in items.items():
        edges.describe(item, standing=st)
    edges.roles(roles)
    keep = () if _windowed(window) or facts != "all" else set(nodes)
    return _assemble("actors", nodes, edges, window, keep_isolated=keep, facts=facts)


def actor_event_graph(store, *, start=None, end=None, as_of=None, facts: str = "all"):
    """Actors and events (statements included) as nodes: an edge from an actor to each event it
    took part in, keyed by its role (attacker, target, party, mediator, host, captor, captives-of,
    speaker, on-behalf-of, delivered-by, addressee, against, according-to), and the links between
    events as the data states them (triggered, after, responded-to, produced, part-of, breach-of,
    release-of, reports, about, rejects). Every event in the window is a node, linked or not;
    actors appear when they have an edge. An edge's item is its event (for a link between two
    events, the one whose link it is: the first, "from" event), reported when that event is only
    somebody's account."""
    window = time_window(start, end, as_of)
    keep = FACTS[_check_facts(facts)]
    items, roles = standings(store)
    actors = _actor_nodes(store)
    events = {k: v for k, v in _event_nodes(store, items).items() if v["group"] in ("event", "statement")
              and _overlaps(v.get("start"), v.get("end"), window) and (keep is None or v["status"] in keep)}
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
    for item in events:
        edges.describe(item, standing=items.get(item))
    edges.roles(roles)
    return _assemble("events", nodes, edges, window, keep_isolated=set(events), facts=facts)


def _claim_nodes(store, standing: dict[str, Standing]) -> dict:
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
        # a claim without a record is reported by its claimant
        _stand(node, standing.get(claim) or REPORTED._replace(asserted_by=display.get("claimant")))
        if rec["date"] is not None:
            node.update(start=_iso(rec["start"]), end=_iso(rec["end"]), date=str(rec["date"]))
        nodes[claim] = node
    return nodes


def claims_graph(store, *, start=None, end=None, as_of=None, facts: str = "all"):
    """Claims, who made them, the events they are about, and how they conflict: rival figures
    (relation "rival", from the rival-claims named query: same episode, side and measure, different
    camps, figures that differ or count different categories), a figure that is part of another
    ("subset-of"), denials that reject a claim ("rejects"; rejecting a statement rejects the
    figures stated in it) or a standing assertion, and who made each denial or assertion
    ("stated"). Claims are dated by when they were made; every claim in the window is a node."""
    from ..sparql.named import get_named

    window = time_window(start, end, as_of)
    keep = FACTS[_check_facts(facts)]
    standing = standings(store)[0]
    claims = {k: v for k, v in _claim_nodes(store, standing).items() if _overlaps(v.get("start"), v.get("end"), window)
              and (keep is None or v["status"] in keep)}
    others = {k: v for k, v in _event_nodes(store, standing).items()
              if _overlaps(v.get("start"), v.get("end"), window) and (keep is None or v["status"] in keep)}
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
    for item, node in {**others, **claims}.items():
        edges.describe(item, standing=Standing(node["status"], node["independent_sources"], node["asserted_by"],
                                               node["disputed_by"]))
    return _assemble("claims", nodes, edges, window, keep_isolated=set(claims), facts=facts)


PROJECTIONS = {"actors": actor_graph, "events": actor_event_graph, "claims": claims_graph}


def project(store, name: str = "actors", *, start=None, end=None, as_of=None, ego=None, depth: int = 1,
            facts: str = "all"):
    """The projection ``name`` (a key of :data:`PROJECTIONS`) of ``store``, cut to the time window
    (``start`` / ``end`` / ``as_of``), to the facts that stand as ``facts`` asks ("all",
    "undisputed", "corroborated"; see :data:`FACTS`) and, with ``ego``, to that node's
    neighbourhood of ``depth``."""
    if name not in PROJECTIONS:
        raise KGError(f"no projection {name!r}; choose from {', '.join(PROJECTIONS)}")
    graph = PROJECTIONS[name](store, start=start, end=end, as_of=as_of, facts=facts)
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
