"""Every format kg writes, in one registry: adding a format is one :class:`Format` entry.

Three kinds of format (:data:`KINDS`):

``results``
    answers of SELECT and ASK queries: ``kg query -f``, ``/sparql`` and ``/queries/NAME``;
``rdf``
    RDF: answers of CONSTRUCT and DESCRIBE queries, the store or one source's graph
    (``kg export -f``, the Graph Store endpoint ``/rdf-graph-store``);
``graph``
    network files of a projection: ``kg export --graph``, ``/graph`` (those with a media type).

Everything else is derived from the entries: the choices and help of ``kg query --format`` and
``kg export --format``, the format ``kg export`` infers from a file's extension, the server's
content negotiation (media types, their aliases, and the names the ``format`` / ``output`` /
``results`` parameters take, SPARQLWrapper's among them), the service description's
``sd:resultFormat`` list, the Graph Store endpoint, the exporters, and the query page's download
links (served to it as ``GET /formats``). The order of the entries of a kind is the server's order
of preference: the first answers ``Accept: */*`` and wins a tie.

To add a format, write its writer (beside those of its kind: ``kg/sparql/results.py``,
``kg/graphs/export.py``) and add its entry at the end of this module, or call :func:`register`
(``tests/test_formats.py`` adds one of each kind that way, and takes it out again).

A writer is named as ``"module:attribute"`` and imported on first use, so this module imports
nothing heavy and ``kg --help`` stays fast. What a writer is depends on the kind:

* ``results``: a function ``(kg.sparql.query.Result) -> str``;
* ``rdf``: a ``pyoxigraph.RdfFormat``: pyoxigraph serialises RDF (``kg.sparql.results.to_rdf``
  for query answers, the store's ``dump`` for exports);
* ``graph``: a function ``(kg.graphs.export.Flat, binary file) -> None`` (the CSV node and edge
  lists, two files, are the one exception: see ``kg.graphs.export``).

The W3C result formats, and whose writer serves each (rules from "SPARQL 1.1 Query Results JSON",
"... XML" and "... CSV and TSV Formats"):

* JSON: pyoxigraph's (``QuerySolutions.serialize``): right on every point checked (types,
  ``xml:lang``, datatypes but xsd:string, unbound variables left out, ASK as ``boolean``).
* XML: ours. pyoxigraph writes a carriage return in a literal as it is, and an XML parser turns
  CR LF into LF, so the value read back is not the value written; ours writes ``&#13;``.
* CSV: pyoxigraph's for SELECT: CRLF line ends, a header without ``?``, values as plain text,
  quoted where needed, a blank node as ``_:label`` (ours wrote the bare label, which cannot be told
  from a literal). Ours for ASK (the standard does not cover it; pyoxigraph writes a bare ``true``
  with no header and no line end, ours a ``boolean`` column), and for ``kg query
  --escape-formulas``, the CSV meant for a spreadsheet, which only we write.
* TSV: ours: a ``?var`` header, every term in full N-Triples syntax (which is Turtle), tab,
  newline and CR escaped inside literals, LF line ends. pyoxigraph's writes numbers and booleans in
  their short Turtle forms (``-1.5``, ``1e3``, ``true``), which the standard allows but readers
  handle badly: rdflib 7.6 reads ``+01`` back as ``1`` and ``1e3`` as ``1000.0``, and fails on
  ``-1.5``. ASK (which the standard leaves out): a ``?boolean`` column.
* ``table``, ``markdown``: ours only (for people: prefixed names, wrapping, a terminal-safe text).

Rows reach pyoxigraph's writers through its TSV parser (``kg.sparql.results``): a result is a
list of rows by then (limits, projections, remote stores), and our TSV writes every term exactly.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

RESULTS, RDF, GRAPH = "results", "rdf", "graph"
KINDS = (RESULTS, RDF, GRAPH)
# What a kind holds, in the words of messages.
ANSWERS = {RESULTS: "the answer of a SELECT or ASK query", RDF: "the answer of a CONSTRUCT or DESCRIBE query"}

W3C = "http://www.w3.org/ns/formats/"  # the W3C's IRIs for formats


@dataclass(frozen=True)
class Format:
    name: str  # what -f and format= take; unique among the formats one command or route offers
    kind: str  # one of KINDS
    label: str  # a short name for people: "CSV", "N-Triples"
    writer: str  # "module:attribute", imported on first use (see the module docstring)
    media_type: str | None = None  # None: not sent over HTTP
    aliases: tuple[str, ...] = ()  # other media types clients ask for it by
    names: tuple[str, ...] = ()  # other values of the format / output / results parameters
    w3c: str | None = None  # the W3C's IRI for the format
    extensions: tuple[str, ...] = ()  # file name endings, without the dot; the first is the one written
    datasets: bool = False  # holds named graphs (TriG, N-Quads, JSON-LD)
    prefixes: bool = False  # pyoxigraph writes prefixed names in it
    readable: bool = False  # for people, not programs: a named query shows only its readable columns,
    #                         and the query page shows the table rather than offering it as a file

    @property
    def write(self):
        """The writer itself (imported now if it was not yet)."""
        return _load(self.writer)


_LOADED: dict[str, object] = {}


def _load(reference: str):
    if reference not in _LOADED:
        module, _, path = reference.partition(":")
        value = importlib.import_module(module)
        for part in path.split("."):
            value = getattr(value, part)
        _LOADED[reference] = value
    return _LOADED[reference]


_REGISTRY: list[Format] = []


def _clashes(new: Format, old: Format) -> list[str]:
    """What ``new`` and ``old`` would both claim. A name is unique among the kinds one command
    offers: results and rdf (kg query, /sparql), rdf and graph (kg export); the same name may mean
    one thing for results and another for a graph file (csv)."""
    clashes = []
    if new.kind == old.kind or RDF in (new.kind, old.kind):
        if new.name == old.name:
            clashes.append(f"the name {new.name!r}")
        if new.kind != RESULTS and old.kind != RESULTS and set(new.extensions) & set(old.extensions):
            clashes.append(f"the extension(s) {sorted(set(new.extensions) & set(old.extensions))}")
    if new.kind == old.kind:
        shared = {new.media_type, *new.aliases} & {old.media_type, *old.aliases} - {None}
        if shared:
            clashes.append(f"the media type(s) {sorted(shared)}")
        if set(new.names) & set(old.names):
            clashes.append(f"the parameter value(s) {sorted(set(new.names) & set(old.names))}")
    return clashes


def register(fmt: Format) -> Format:
    """Add ``fmt`` (after the formats of its kind) and return it. Raises ValueError if its kind is
    unknown, or if it claims a name, extension, media type or parameter value another format has."""
    if fmt.kind not in KINDS:
        raise ValueError(f"format {fmt.name!r}: kind {fmt.kind!r} is not one of {', '.join(KINDS)}")
    if ":" not in fmt.writer:
        raise ValueError(f"format {fmt.name!r}: the writer must be given as 'module:attribute', not {fmt.writer!r}")
    for old in _REGISTRY:
        clashes = _clashes(fmt, old)
        if clashes:
            raise ValueError(f"format {fmt.name!r} ({fmt.kind}) claims {' and '.join(clashes)} of "
                             f"format {old.name!r} ({old.kind})")
    _REGISTRY.append(fmt)
    return fmt


def unregister(fmt: Format) -> None:
    _REGISTRY.remove(fmt)


def formats(*kinds: str) -> list[Format]:
    """The formats of ``kinds`` (every kind if none is given), kind by kind, each in its order."""
    return [f for kind in (kinds or KINDS) for f in _REGISTRY if f.kind == kind]


def names(*kinds: str) -> list[str]:
    return [f.name for f in formats(*kinds)]


def get(name: str, *kinds: str) -> Format:
    """The format called ``name`` among ``kinds`` (KeyError if none); a Format is returned as it is."""
    if isinstance(name, Format):
        return name
    for f in formats(*kinds):
        if f.name == name:
            return f
    raise KeyError(name)


def for_extension(extension: str, *kinds: str) -> Format | None:
    """The format of ``kinds`` a file name ending (without the dot, any case) stands for, or None."""
    extension = extension.lower()
    return next((f for f in formats(*kinds) if extension in f.extensions), None)


def served(kind: str) -> list[Format]:
    """The formats of ``kind`` the server can send (those with a media type), in its order of preference."""
    return [f for f in formats(kind) if f.media_type]


def for_parameter(value: str, kind: str) -> Format | None:
    """The format of ``kind`` a ``format`` / ``output`` / ``results`` parameter asks for: one of its
    names or one of its media types (parameters as ``text/csv; charset=utf-8`` too), else None."""
    value = value.strip().lower()
    media = value.split(";")[0].strip()
    for f in served(kind):
        if value == f.name or value in f.names or media == f.media_type or media in f.aliases:
            return f
    return None


# --- the formats ----------------------------------------------------------------------------

_RESULTS = "kg.sparql.results:"
_GRAPHS = "kg.graphs.export:"

for _format in [
    # SELECT and ASK answers
    Format("json", RESULTS, "JSON", _RESULTS + "to_json", "application/sparql-results+json",
           aliases=("application/json", "text/javascript", "application/javascript"),
           w3c=W3C + "SPARQL_Results_JSON", extensions=("json", "srj")),
    Format("xml", RESULTS, "XML", _RESULTS + "to_xml", "application/sparql-results+xml",
           aliases=("application/xml", "text/xml"),
           w3c=W3C + "SPARQL_Results_XML", extensions=("xml", "srx")),
    Format("csv", RESULTS, "CSV", _RESULTS + "to_csv", "text/csv", w3c=W3C + "SPARQL_Results_CSV",
           extensions=("csv",)),
    Format("tsv", RESULTS, "TSV", _RESULTS + "to_tsv", "text/tab-separated-values", w3c=W3C + "SPARQL_Results_TSV",
           extensions=("tsv",)),
    Format("markdown", RESULTS, "Markdown", _RESULTS + "to_markdown", "text/markdown", extensions=("md",),
           readable=True),
    Format("table", RESULTS, "Text", _RESULTS + "to_table", "text/plain", extensions=("txt",), readable=True),
    # RDF: CONSTRUCT and DESCRIBE answers, exports
    Format("turtle", RDF, "Turtle", "pyoxigraph:RdfFormat.TURTLE", "text/turtle",
           aliases=("application/x-turtle", "application/turtle", "text/n3", "text/rdf+n3", "application/n3"),
           names=("ttl", "n3"), w3c=W3C + "Turtle", extensions=("ttl",), prefixes=True),
    Format("ntriples", RDF, "N-Triples", "pyoxigraph:RdfFormat.N_TRIPLES", "application/n-triples",
           names=("n-triples", "nt"), w3c=W3C + "N-Triples", extensions=("nt",)),
    Format("rdfxml", RDF, "RDF/XML", "pyoxigraph:RdfFormat.RDF_XML", "application/rdf+xml",
           aliases=("application/xml", "text/xml"), names=("rdf+xml", "rdf", "xml"), w3c=W3C + "RDF_XML",
           extensions=("rdf",), prefixes=True),
    Format("jsonld", RDF, "JSON-LD", "pyoxigraph:RdfFormat.JSON_LD", "application/ld+json",
           aliases=("application/json", "application/x-json+ld"), names=("json-ld", "json"), w3c=W3C + "JSON-LD",
           extensions=("jsonld",), datasets=True),
    Format("trig", RDF, "TriG", "pyoxigraph:RdfFormat.TRIG", "application/trig", w3c=W3C + "TriG",
           extensions=("trig",), datasets=True, prefixes=True),
    Format("nquads", RDF, "N-Quads", "pyoxigraph:RdfFormat.N_QUADS", "application/n-quads", names=("n-quads", "nq"),
           w3c=W3C + "N-Quads", extensions=("nq",), datasets=True),
    # network files of a projection
    Format("graphml", GRAPH, "GraphML", _GRAPHS + "to_graphml", "application/graphml+xml", extensions=("graphml",)),
    Format("gexf", GRAPH, "GEXF", _GRAPHS + "to_gexf", "application/gexf+xml", extensions=("gexf",)),
    Format("cytoscape", GRAPH, "Cytoscape JSON", _GRAPHS + "to_cytoscape", "application/json", names=("cyjs",),
           extensions=("cyjs", "json")),
    Format("gml", GRAPH, "GML", _GRAPHS + "to_gml", "text/x-gml", extensions=("gml",)),
    Format("csv", GRAPH, "CSV", _GRAPHS + "to_csv", extensions=("csv",)),
]:
    register(_format)
del _format

# What kg query writes when -f is not given, and kg export (RDF; a projection on standard output).
QUERY_DEFAULTS = {RESULTS: "table", RDF: "turtle"}
EXPORT_DEFAULTS = {RDF: "trig", GRAPH: "graphml"}
