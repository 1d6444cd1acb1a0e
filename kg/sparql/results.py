"""The writers of query answers, and :func:`format_result`, which picks one; :func:`format_rows`,
which writes the rows of the other commands (``kg stats``, ``kg review``, ``kg analyze``,
``kg queries``) in the same formats.

The formats themselves (names, media types, which writer serves each, and why ours or
pyoxigraph's) are entries of the registry in :mod:`kg.formats`.
"""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
import textwrap
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from .. import formats
from ..formats import ANSWERS, QUERY_DEFAULTS, RDF, RESULTS
from ..namespaces import PREFIXES, XSD, XSD_STRING, shorten
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


def _answer(result):
    """``result`` as pyoxigraph's own answer (QuerySolutions or QueryBoolean), for its writers: the
    rows go through its TSV parser, in which every term is written exactly (N-Triples syntax)."""
    if result.kind == "ask":
        return ox.parse_query_results('{"head":{},"boolean":%s}' % ("true" if result.boolean else "false"),
                                      format=ox.QueryResultsFormat.JSON)
    return ox.parse_query_results(to_tsv(result), format=ox.QueryResultsFormat.TSV)


def _oxigraph(result, fmt: ox.QueryResultsFormat) -> str:
    return _answer(result).serialize(format=fmt).decode("utf-8")


def to_json(result) -> str:
    """SPARQL 1.1 Query Results JSON Format (pyoxigraph's writer)."""
    return _oxigraph(result, ox.QueryResultsFormat.JSON)


def _csv_text(term) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def to_csv(result, *, escape_formulas: bool = False) -> str:
    """W3C SPARQL 1.1 CSV results: header without '?', plain values (a blank node as ``_:label``),
    CRLF line ends. Every value is written exactly, as the format requires (programs read it back,
    ``kg serve`` answers it): pyoxigraph's writer. With ``escape_formulas``, for a spreadsheet, text
    it would run as a formula gets a leading ' instead (kg.text.spreadsheet_text); numbers stay as
    they are. ASK (which the standard leaves out): a ``boolean`` column."""
    if result.kind != "ask" and not escape_formulas:
        return _oxigraph(result, ox.QueryResultsFormat.CSV)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
        return buf.getvalue()
    from ..text import spreadsheet_text
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else spreadsheet_text(_csv_text(t)) for t in row])
    return buf.getvalue()


def to_tsv(result) -> str:
    """W3C SPARQL 1.1 TSV results: '?var' header, every term in full N-Triples syntax (valid Turtle;
    tabs and newlines escaped inside literals), LF line ends. ASK (which the standard leaves out): a
    ``?boolean`` column."""
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

def to_rdf(result, fmt) -> str:
    """A CONSTRUCT or DESCRIBE answer as the RDF format ``fmt`` (a kg.formats entry), each triple
    once, in the default graph."""
    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in result.triples)
    kwargs = {"prefixes": PREFIXES} if fmt.prefixes else {}
    return store.dump(format=fmt.write, from_graph=ox.DefaultGraph(), **kwargs).decode("utf-8")


def format_result(result, fmt=None) -> str:
    """Write ``result`` as ``fmt`` (a name or an entry of kg.formats); None picks the kind's default
    (a table for SELECT and ASK, Turtle for CONSTRUCT and DESCRIBE)."""
    kind = RDF if result.kind == "graph" else RESULTS
    chosen = formats.get(fmt or QUERY_DEFAULTS[kind], RESULTS, RDF)
    if chosen.kind != kind:
        from ..errors import QueryError
        raise QueryError(f"--format {chosen.name} cannot hold {ANSWERS[kind]}; use one of: "
                         f"{', '.join(formats.names(kind))}")
    return chosen.write(result) if kind == RESULTS else to_rdf(result, chosen)


# --- rows of the other commands ----------------------------------------------------------------

def cell_text(value, *, exact: bool = False) -> str:
    """A value of a row as text: floats rounded to 4 places for people, written in full for
    machines (``exact``); a list as its items joined by "; "."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if exact:
            return repr(value)
        return f"{value:.4f}".rstrip("0").rstrip(".") if value else "0"
    if isinstance(value, (list, tuple)):
        return "; ".join(cell_text(v, exact=exact) for v in value)
    return str(value)


def _row_term(value, exact: bool):
    """A value of a row as an RDF literal, None for no value (None, "", []). For machines
    (``exact``), numbers and booleans are typed and floats written in full."""
    if value is None or value == "" or value == []:
        return None
    text = cell_text(value, exact=exact)
    if exact and isinstance(value, bool):
        return ox.Literal(text, datatype=ox.NamedNode(str(XSD.boolean)))
    if exact and isinstance(value, int):
        return ox.Literal(text, datatype=ox.NamedNode(str(XSD.integer)))
    if exact and isinstance(value, float) and math.isfinite(value):
        return ox.Literal(text, datatype=ox.NamedNode(str(XSD.double)))
    return ox.Literal(text)


def format_rows(rows: list[dict], fmt="table", columns=(), *, text: str | None = None, document=None,
                escape_formulas: bool = True) -> str:
    """``rows`` (dicts of str, numbers, booleans, None and lists of them) written as the results
    format ``fmt`` (a name or an entry of kg.formats), ending with a line end.

    ``json``: ``document`` if given (a command's own JSON, as ``kg stats`` has), else the rows as
    they are, a list of objects. ``table``: ``text`` if given (a command's own text for people),
    else an aligned table. Every other format is its registry writer's, on the rows as a SELECT
    answer: formats for people (table, markdown) show ``columns`` (all keys if empty), floats
    rounded; formats for programs every key, numbers and booleans typed, floats in full.
    ``escape_formulas``: with csv (which is for spreadsheets here), text a spreadsheet would run as
    a formula gets a leading ', as ``kg query --escape-formulas`` does; numbers stay as they are."""
    from ..errors import KGError
    from .query import Result
    try:
        chosen = formats.get(fmt, RESULTS)
    except KeyError:
        raise KGError(f"no format {fmt!r} for rows; choose from {', '.join(formats.names(RESULTS))}") from None
    if chosen.name == "json":
        out = json.dumps(rows if document is None else document, ensure_ascii=False, indent=2)
    elif chosen.name == "table" and text is not None:
        out = text
    else:
        keys = list(columns) if chosen.readable and columns else list(dict.fromkeys(k for r in rows for k in r))
        keys = keys or list(columns)
        result = Result("select", keys, [tuple(_row_term(r.get(k), not chosen.readable) for k in keys) for r in rows])
        out = to_csv(result, escape_formulas=True) if escape_formulas and chosen.name == "csv" else chosen.write(result)
    return out if out.endswith("\n") else out + "\n"
