"""`kg review`: the actors and places that imports created because no alias matched them."""

from __future__ import annotations

REVIEW_QUERY = """
SELECT ?node ?label ?kind (COUNT(DISTINCT ?user) AS ?uses) (GROUP_CONCAT(DISTINCT ?file; separator=", ") AS ?files)
       (SAMPLE(?original) AS ?seenAs)
WHERE {
  ?node mkg:needsReview true ; rdfs:label ?label ; a ?class .
  FILTER(STRSTARTS(STR(?class), STR(mkg:)))
  BIND(REPLACE(STR(?class), "^.*#", "") AS ?kind)
  OPTIONAL { ?node skos:altLabel ?original }
  OPTIONAL {
    GRAPH ?g { ?user ?role ?node }
    FILTER(?role NOT IN (owl:sameAs, mkg:locatedIn))
    OPTIONAL { ?g prov:wasDerivedFrom/dcterms:title ?file }
  }
}
GROUP BY ?node ?label ?kind
ORDER BY DESC(?uses) ?label
"""


def review(store) -> list[dict]:
    """One row per node flagged mkg:needsReview: id, label, kind, the code or name seen in the data,
    how many events, claims or places refer to it, and the files it was seen in."""
    from ..namespaces import ID
    out = []
    for r in store.query(REVIEW_QUERY):
        node = r["node"].value
        out.append({"id": node.removeprefix(str(ID)), "label": r["label"].value,
                    "kind": r["kind"].value, "seen_as": r["seenAs"].value if r["seenAs"] is not None else r["label"].value,
                    "uses": int(r["uses"].value), "files": r["files"].value if r["files"] is not None else ""})
    return out


def review_text(rows) -> str:
    if not rows:
        return "nothing to review: every actor and place in the imports matched the alias table or the graph"
    lines = [(f"{len(rows)} actors and places created by imports need review (map them in an alias file, "
             "then import again):")]
    for r in rows:
        seen = f" (seen as {r['seen_as']!r})" if r["seen_as"] != r["label"] else ""
        lines.append(f"  {r['id']}  {r['label']}{seen}  {r['kind']}, {r['uses']} uses, in {r['files'] or '?'}")
    return "\n".join(lines)
