"""Result formats for SELECT/ASK answers, one registry keyed by format name.

Adding a format is one function and one entry in :data:`FORMATS`.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap

import pyoxigraph as ox

from .namespaces import PREFIXES

_XSD_STRING = PREFIXES["xsd"] + "string"


def shorten(iri: str) -> str:
    best = None
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns) and (best is None or len(ns) > len(PREFIXES[best])):
            best = prefix
    if best is None:
        return iri
    local = iri[len(PREFIXES[best]):]
    return f"{best}:{local}" if all(c.isalnum() or c in "-_." for c in local) else iri


def display(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != _XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def to_json(result) -> str:
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean}, indent=2)
    bindings = [{v: _json_term(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}}, indent=2, ensure_ascii=False)


def to_csv(result) -> str:
    """W3C SPARQL 1.1 CSV results: header without '?', plain values, CRLF line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
        return buf.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else t.value for t in row])
    return buf.getvalue()


def to_table(result, width: int | None = None) -> str:
    """An aligned text table: prefixed names, long values wrapped, for reading at a terminal."""
    if result.kind == "ask":
        return "yes" if result.boolean else "no"
    if not result.rows:
        return "(no results)"
    width = width or shutil.get_terminal_size((160, 24)).columns
    headers = result.variables
    cells = [[display(t) for t in row] for row in result.rows]
    natural = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    budget = max(width - 3 * (len(headers) - 1), 10 * len(headers))
    cap = max(12, budget // max(1, len(headers)))
    widths = [min(w, max(cap, 12)) for w in natural]
    spare = budget - sum(widths)
    for i in sorted(range(len(widths)), key=lambda i: natural[i] - widths[i]):
        if spare <= 0:
            break
        extra = min(natural[i] - widths[i], spare)
        widths[i] += extra
        spare -= extra

    def render(values):
        wrapped = [textwrap.wrap(v, w) or [""] for v, w in zip(values, widths)]
        height = max(len(w) for w in wrapped)
        return [" | ".join((w[k] if k < len(w) else "").ljust(widths[i]) for i, w in enumerate(wrapped)).rstrip()
                for k in range(height)]

    lines = render(headers)
    lines.append("-+-".join("-" * w for w in widths))
    for row in cells:
        lines.extend(render(row))
    n = len(result.rows)
    lines.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(lines)


FORMATS = {"table": to_table, "csv": to_csv, "json": to_json}


def format_result(result, fmt: str) -> str:
    """Render a result; CONSTRUCT/DESCRIBE answers are written as Turtle whatever ``fmt`` says."""
    if result.kind == "graph":
        store = ox.Store()
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in result.triples)
        return store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=PREFIXES).decode("utf-8")
    return FORMATS[fmt](result)
