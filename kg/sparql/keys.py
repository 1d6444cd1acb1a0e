"""What two named queries join on, worked out once per write instead of on every run.

``rival-claims`` pairs two claims when they count the same side's losses by the same measure in the
same episode, from different camps; ``matched-strikes`` pairs a strike with another source's event at
the same place or inside it, on overlapping days. Worked out in the query, each side of such a pair
is every claim (every event) of the store with its episode, camp, places and dates, and the pairs are
joined from those: the time grows faster than the store. :func:`derive` works them out from a store
and returns the quads of the named graph ``graph:keys``, which kg rebuilds after every build, import
and update (:func:`kg.sparql.derived.refresh`), so that the queries start from them:

- per pair of rival claims: a node (:func:`kg.namespaces.pair_iri`) with ``mkg:firstClaim`` and
  ``mkg:secondClaim`` the two claims (the first the one whose IRI sorts first), ``mkg:firstAccount``
  and ``mkg:secondAccount`` the named graphs whose accounts of them are paired, and ``mkg:episode``
  each episode they share. A claim's account (the claim as one named graph gives it, with a side, a
  measure, a claimant and a source there; none for a claim that a later claim revises, ``mkg:revises``)
  is about each root event found following ``sem:hasSubEvent`` up from the events that account says
  it is about, else about its source document. Two accounts are paired when they share an episode, a
  side and a measure and some claimant of one leads to another camp than some claimant of the other;
- per claimant of such an account: ``mkg:camp``, each top of its chain through ``mkg:affiliatedWith``,
  ``org:holds`` and ``org:postIn`` (itself when it has none: a spokesman -> his post -> his
  government -> its state). The query still joins the claimants' camps, row by row;
- per item that an account places and dates: ``mkg:withinKey`` one key per (place it is at or
  inside, following ``mkg:locatedIn``; month its dates reach), and for a strike ``mkg:atKey`` one
  per (place it is at, month). Two events whose days overlap share a month, so a strike and an
  event at its place or inside it on overlapping days share a key; the query then compares the
  places and days themselves. An item whose dates are open or reach over more than ``MAX_MONTHS``
  months has ``mkg:unkeyed true`` instead of keys, and the query matches it by place alone.

A key is the first 16 hex digits of the SHA-256 of what it stands for (a collision would only add a
pair that the query's own tests then drop). Everything is read from the union of all graphs, as the
queries read it. The cost is that of the store, not of the write: an import of a few rows derives
everything again (``graph:attribution`` only what the import can change; docs/benchmarks.md has the
figures).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pyoxigraph as ox

from ..namespaces import KEYS_GRAPH, MKG, PREFIXES, hash_key, pair_iri
from ..terms import to_python
from .named import internal_query

MAX_MONTHS = 36  # dates reaching over more months than this are matched by place alone (mkg:unkeyed)
_XSD = PREFIXES["xsd"]


def key(*parts: str) -> str:
    """The key of ``parts`` (a place's IRI or blank node id, a month as YYYY-MM)."""
    return hash_key(*parts)


def reach(start: str, up: dict[str, set]) -> set:
    """``start`` and every node reachable from it through ``up``: what ``?start (p)* ?n`` matches."""
    seen, todo = {start}, [start]
    while todo:
        for n in up.get(todo.pop(), ()):
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return seen


def tops(start: str, up: dict[str, set]) -> set:
    """The nodes of :func:`reach` that lead nowhere further: what ``?start (p)* ?top FILTER NOT
    EXISTS { ?top p ?above }`` matches (none in a cycle that leads nowhere out)."""
    return {n for n in reach(start, up) if not up.get(n)}


def months(start, end) -> list[str] | None:
    """The months (YYYY-MM) from the day ``start`` to the day ``end``, or None when they are not two
    days (an open end, a time of day, a text), end before start, or more than MAX_MONTHS months."""
    if type(start) is not dt.date or type(end) is not dt.date or end < start:
        return None
    y, m = start.year, start.month
    span = (end.year - y) * 12 + end.month - m + 1
    if span > MAX_MONTHS:
        return None
    out = []
    for _ in range(span):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _cached(cache: dict, node: str, fn):
    """``fn(node)``, worked out once per node."""
    if node not in cache:
        cache[node] = fn(node)
    return cache[node]


def _rival(claimants_a: set, claimants_b: set, camps: dict) -> bool:
    """Whether some claimant of one account and some of the other lead to different camps."""
    return any(x != y for a in claimants_a for b in claimants_b for x in camps[a] for y in camps[b])


def _rows(store, name: str):
    """The rows of the internal query ``name`` as dicts of pyoxigraph terms: an item may be a blank
    node, which must stay one."""
    answer = store.query(internal_query(name))
    names = [v.value for v in answer.variables]
    for row in answer:
        yield dict(zip(names, row))


def derive(store) -> list:
    """The quads of ``graph:keys`` for ``store`` (pyoxigraph Quads), as documented above."""
    links: dict[str, dict] = defaultdict(lambda: defaultdict(set))
    marked: dict[str, set] = defaultdict(set)  # "revised" claims, "strike"s
    for row in _rows(store, "keys-links"):
        kind = row["kind"].value
        if row["to"] is None:
            marked[kind].add(row["from"])
        else:
            links[kind][row["from"]].add(row["to"])
    g = ox.NamedNode(str(KEYS_GRAPH))
    props = {p: ox.NamedNode(str(MKG[p])) for p in ("camp", "firstClaim", "firstAccount", "secondClaim",
                                                     "secondAccount", "episode", "withinKey", "atKey", "unkeyed")}
    out = []

    def q(s, p, o):
        out.append(ox.Quad(s, props[p], o, g))

    # claim accounts: (claim, graph) -> sides, measures, sources, events, claimants. A claim that is
    # a blank node is in no pair: rival-claims compares the claims' IRIs
    accounts: dict[tuple, tuple] = {}
    for row in _rows(store, "keys-claims"):
        if isinstance(row["claim"], ox.NamedNode) and row["claim"] not in marked["revised"]:
            acc = accounts.setdefault((row["claim"], row["g"]), (set(), set(), set(), set(), set()))
            for part, v in zip(acc, (row["side"], row["measure"], row["source"], row["event"], row["claimant"])):
                if v is not None:
                    part.add(v)
    camps = {a: tops(a, links["camp"]) for acc in accounts.values() for a in acc[4]}
    for actor in sorted(camps, key=str):
        for camp in sorted(camps[actor], key=str):
            q(actor, "camp", camp)
    roots: dict = {}
    tolls: dict[tuple, list] = defaultdict(list)  # (episode, side, measure) -> accounts
    episodes: dict[tuple, set] = {}
    for acc, (sides, measures, sources, events, _) in accounts.items():
        episodes[acc] = set().union(*(_cached(roots, e, lambda n: tops(n, links["part"])) for e in events)) or sources
        for toll in {(e, s, m) for e in episodes[acc] for s in sides for m in measures}:
            tolls[toll].append(acc)
    pairs = set()
    for group in tolls.values():
        for a in group:
            for b in group:
                if a[0].value < b[0].value and _rival(accounts[a][4], accounts[b][4], camps):
                    pairs.add((a, b))
    for a, b in sorted(pairs, key=str):
        node = ox.NamedNode(pair_iri(*(t.value for t in (*a, *b))))
        for prop, v in (("firstClaim", a[0]), ("firstAccount", a[1]), ("secondClaim", b[0]),
                        ("secondAccount", b[1]), *(("episode", e) for e in sorted(episodes[a] & episodes[b], key=str))):
            q(node, prop, v)

    # places and months of events
    within: dict = defaultdict(set)
    at: dict = defaultdict(set)
    unkeyed = set()
    places: dict = {}
    for row in _rows(store, "keys-events"):
        x, place = row["x"], row["place"]
        span = months(*(None if row[b] is None else to_python(row[b]) for b in ("start", "end")))
        if span is None:
            unkeyed.add(x)
            continue
        for a in _cached(places, place, lambda p: reach(p, links["place"])):
            within[x].update(key(a.value, mo) for mo in span)
        if x in marked["strike"]:
            at[x].update(key(place.value, mo) for mo in span)
    for prop, keyed in (("withinKey", within), ("atKey", at)):
        for x in sorted(keyed, key=str):
            for k in sorted(keyed[x]):
                q(x, prop, ox.Literal(k))
    for x in sorted(unkeyed, key=str):
        q(x, "unkeyed", ox.Literal("true", datatype=ox.NamedNode(_XSD + "boolean")))
    return out


def refresh(store) -> int:
    """Derive ``graph:keys`` from what ``store`` (open for writing) now holds and put it in place of
    the old one; returns the number of quads."""
    quads = derive(store)
    store.put_graph(str(KEYS_GRAPH), quads)
    return len(quads)
