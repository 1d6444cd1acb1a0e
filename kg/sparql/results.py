"""Result formats, one registry keyed by format name (used by ``kg query`` and by the server).

Each :class:`Format` says which kind of answer it serves ("select" covers SELECT and ASK,
"graph" covers CONSTRUCT and DESCRIBE), its media type, and the function that writes it.
Adding a format is one function and one entry in :data:`FORMATS`.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from dataclasses import dataclass
from typing import Callable
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from ..namespaces import PREFIXES, XSD_STRING, shorten
from ..text import for_terminal


def display(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


# --- SELECT / ASK ------------------------------------------------------------------------------

def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def to_json(result) -> str:
    """SPARQL 1.1 Query Results JSON Format."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean})
    bindings = [{v: _json_term(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}}, ensure_ascii=False)


def _xml_text(value: str) -> str:
    # A carriage return must be a character reference: XML parsers turn a raw CR LF into LF.
    return escape(value, {"\r": "&#13;"})


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{_xml_text(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{_xml_text(term.value)}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{_xml_text(term.value)}</literal>"
    return f"<literal>{_xml_text(term.value)}</literal>"


def to_xml(result) -> str:
    """SPARQL Query Results XML Format."""
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    if result.kind == "ask":
        out += ["</head>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>", "</sparql>"]
        return "\n".join(out) + "\n"
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    out += ["</head>", "<results>"]
    for row in result.rows:
        out.append("<result>" + "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                                        for v, t in zip(result.variables, row) if t is not None) + "</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def to_csv(result, *, escape_formulas: bool = False) -> str:
    """W3C SPARQL 1.1 CSV results: header without '?', plain values, CRLF line ends. Every value is
    written exactly, as the format requires (programs read it back, ``kg serve`` answers it); with
    ``escape_formulas``, for a spreadsheet, text it would run as a formula gets a leading ' instead
    (kg.export.spreadsheet_text); numbers stay as they are."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
        return buf.getvalue()
    writer.writerow(result.variables)
    from ..text import spreadsheet_text
    cell = spreadsheet_text if escape_formulas else str
    for row in result.rows:
        writer.writerow(["" if t is None else cell(t.value) for t in row])
    return buf.getvalue()


def to_tsv(result) -> str:
    """W3C SPARQL 1.1 TSV results: '?var' header, terms in Turtle/N-Triples syntax (tabs and
    newlines escaped inside literals), LF line ends."""
    if result.kind == "ask":
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def to_markdown(result) -> str:
    """A Markdown table (for notes and issues); '|' and line breaks in values are escaped."""
    if result.kind == "ask":
        return "yes" if result.boolean else "no"

    def cell(t):
        return display(t).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", "<br>")

    lines = ["| " + " | ".join(result.variables) + " |", "|" + "---|" * len(result.variables)]
    lines += ["| " + " | ".join(cell(t) for t in row) + " |" for row in result.rows]
    return "\n".join(lines) + "\n"


def to_table(result, width: int | None = None) -> str:
    """An aligned text table: prefixed names, long values wrapped, for reading at a terminal."""
    if result.kind == "ask":
        return "yes" if result.boolean else "no"
    if not result.rows:
        return "(no results)"
    width = width or shutil.get_terminal_size((160, 24)).columns
    headers = [for_terminal(h) for h in result.variables]
    cells = [[for_terminal(display(t)) for t in row] for row in result.rows]
    natural = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    budget = max(width - 3 * (len(headers) - 1), 10 * len(headers))
    cap = max(12, budget // max(1, len(headers)))
    widths = [min(w, cap) for w in natural]
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
    lines.append(f"({n} row{'s' if n != 1 else ''}{', truncated at the limit' if result.truncated else ''})")
    return "\n".join(lines)


# --- CONSTRUCT / DESCRIBE ----------------------------------------------------------------------

def _rdf_writer(fmt: ox.RdfFormat) -> Callable:
    def write(result) -> str:
        store = ox.Store()
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in result.triples)
        kwargs = {"prefixes": PREFIXES} if fmt == ox.RdfFormat.TURTLE else {}
        return store.dump(format=fmt, from_graph=ox.DefaultGraph(), **kwargs).decode("utf-8")
    return write


@dataclass(frozen=True)
class Format:
    name: str
    kind: str  # "select" (SELECT and ASK answers) or "graph" (CONSTRUCT and DESCRIBE answers)
    media_type: str
    write: Callable


FORMATS = {f.name: f for f in [
    Format("table", "select", "text/plain", to_table),
    Format("json", "select", "application/sparql-results+json", to_json),
    Format("xml", "select", "application/sparql-results+xml", to_xml),
    Format("csv", "select", "text/csv", to_csv),
    Format("tsv", "select", "text/tab-separated-values", to_tsv),
    Format("markdown", "select", "text/markdown", to_markdown),
    Format("turtle", "graph", "text/turtle", _rdf_writer(ox.RdfFormat.TURTLE)),
    Format("ntriples", "graph", "application/n-triples", _rdf_writer(ox.RdfFormat.N_TRIPLES)),
    Format("rdfxml", "graph", "application/rdf+xml", _rdf_writer(ox.RdfFormat.RDF_XML)),
    Format("jsonld", "graph", "application/ld+json", _rdf_writer(ox.RdfFormat.JSON_LD)),
]}
DEFAULT_FOR = {"select": "table", "graph": "turtle"}


def format_result(result, fmt: str | None = None) -> str:
    """Write ``result`` as ``fmt``; None picks the kind's default (a table for SELECT and ASK,
    Turtle for CONSTRUCT and DESCRIBE)."""
    kind = "graph" if result.kind == "graph" else "select"
    chosen = FORMATS[fmt or DEFAULT_FOR[kind]]
    if chosen.kind != kind:
        from ..errors import QueryError
        fits = ", ".join(n for n, f in FORMATS.items() if f.kind == kind)
        what = "CONSTRUCT or DESCRIBE" if kind == "graph" else "SELECT or ASK"
        raise QueryError(f"--format {chosen.name} cannot hold the answer of a {what} query; use one of: {fits}")
    return chosen.write(result)
