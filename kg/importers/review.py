"""`kg review`: the actors and places that imports created because no alias matched them."""

from __future__ import annotations


def review(store) -> list[dict]:
    """One row per node flagged mkg:needsReview: id, label, kind, the code or name seen in the data,
    how many events, claims or places refer to it, and the files it was seen in."""
    from ..namespaces import ID
    from ..sparql.named import internal_query
    out = []
    for r in store.query(internal_query("review")):
        node = r["node"].value
        out.append({"id": node.removeprefix(str(ID)), "label": r["label"].value,
                    "kind": r["kind"].value, "seen_as": r["seenAs"].value if r["seenAs"] is not None else r["label"].value,
                    "uses": int(r["uses"].value), "files": r["files"].value if r["files"] is not None else ""})
    return out


def review_text(rows) -> str:
    if not rows:
        return "nothing to review: every actor and place in the imports matched the alias table or the graph"
    lines = [(f"{len(rows)} actors and places created by imports need review (map them in an alias file, "
             "then import the same files again with --aliases FILE):")]
    for r in rows:
        seen = f" (seen as {r['seen_as']!r})" if r["seen_as"] != r["label"] else ""
        lines.append(f"  {r['id']}  {r['label']}{seen}  {r['kind']}, {r['uses']} use{'s' * (r['uses'] != 1)}, "
                     f"in {r['files'] or '?'}")
    from ..text import for_terminal
    return "\n".join(for_terminal(line.replace("\n", " ")) for line in lines)
