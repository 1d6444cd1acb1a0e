"""What a store holds: triples, named graphs, items per class."""

from __future__ import annotations

from .namespaces import shorten
from .sparql.named import internal_query
from .sparql.query import run


def stats(store) -> dict:
    ours = set(store.named_graphs())  # a server's own graphs (Virtuoso's virtrdf#, ...) are not the store's
    graphs = {r["graph"]: r["triples"] for r in run(store, internal_query("stats-graphs")).records()
              if r["graph"] in ours}
    classes = {shorten(r["class"]): r["count"] for r in run(store, internal_query("stats-classes")).records()}
    return {"quads": len(store), "graphs": graphs, "classes": classes}


def stats_text(s: dict) -> str:
    lines = [f"{s['quads']} quads in {len(s['graphs'])} named graphs"]
    lines += [f"  {shorten(g)}: {n} triples" for g, n in s["graphs"].items()]
    lines.append("items by class:")
    lines += [f"  {c}: {n}" for c, n in s["classes"].items()]
    return "\n".join(lines)


def stats_rows(s: dict) -> list[dict]:
    """:func:`stats` as rows (kind, name, count), for the formats of rows: the quads of the store,
    the triples of each named graph (its full IRI), the items of each class."""
    return ([{"kind": "store", "name": "quads", "count": s["quads"]}]
            + [{"kind": "graph", "name": g, "count": n} for g, n in s["graphs"].items()]
            + [{"kind": "class", "name": c, "count": n} for c, n in s["classes"].items()])
