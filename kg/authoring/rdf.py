"""Read RDF input files (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML) within bounds.

Oxigraph's parsers never fetch anything, but two of them can be made to use unbounded memory or
crash by a small file, so those files are checked before Oxigraph sees them, by streaming passes
that hold at most one chunk of the file (and one string of it):

- RDF/XML, with expat (a real XML parser): entities are internal, general and flat (an entity that
  refers to another, a parameter or an external entity is refused: nested declarations are how a
  "billion laughs" file grows, and Oxigraph expands them as it reads the declarations); the text
  they expand to is at most ``rdfxml_expansion`` times the file's size; no text or attribute is
  longer than ``rdf_literal_chars``. Simple namespace entities, as Protégé writes them
  (``<!ENTITY owl "http://www.w3.org/2002/07/owl#">``), pass.
- JSON-LD: nesting at most ``jsonld_depth`` deep (Oxigraph's JSON-LD parser needs memory growing
  with the square of the depth, and crashes a few thousand levels down).

Every format's literals are at most ``rdf_literal_chars`` long (the text formats' own parsers stop
at 16 MiB for one term); running out of memory is reported for the file, not as a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from rdflib import URIRef

from ..errors import InputError
from ..limits import limit, over
from ..namespaces import GRAPH, MKG, reserved_graph, shorten

CHUNK = 1 << 20  # bytes read at a time by the checks
TERM_BYTES = 16 << 20  # the longest token Oxigraph's text parsers (JSON-LD's too) accept, a fixed buffer
TERM_BUFFER = "buffer maximal size"  # how they say a token was longer


def parse(path: Path, fmt_name: str, base_iri: str):
    """The quads of the RDF file ``path`` (an Oxigraph RdfFormat name), after the checks above;
    InputError for anything past a limit. Oxigraph's own SyntaxError passes through."""
    import pyoxigraph as ox

    if fmt_name == "RDF_XML":
        check_rdfxml(path)
    elif fmt_name == "JSON_LD":
        check_jsonld(path)
    longest = limit("rdf_literal_chars")
    literal = ox.Literal
    try:
        with path.open("rb") as fh:
            for q in ox.parse(fh, format=getattr(ox.RdfFormat, fmt_name), base_iri=base_iri):
                if type(q.object) is literal and len(q.object.value) > longest:
                    raise InputError(f"the literal of {str(q.subject)[:80]} {str(q.predicate)[:80]} is too long: "
                                     f"{over('rdf_literal_chars')}", str(path))
                yield q
    except MemoryError as e:
        if TERM_BUFFER in str(e):
            raise InputError(f"one literal or IRI is longer than the {TERM_BYTES >> 20} MiB the parser allows "
                             "for one term", str(path)) from None
        raise InputError("ran out of memory reading this file", str(path)) from None


# --- RDF/XML ------------------------------------------------------------------------------------

def check_rdfxml(path: Path) -> None:
    """Refuse an RDF/XML file whose entities could expand beyond bounds (see the module's docstring)."""
    import pyexpat

    file = str(path)
    longest = limit("rdf_literal_chars")
    expands_to = limit("rdfxml_expansion") * path.stat().st_size
    parser = pyexpat.ParserCreate()
    parser.buffer_text = True  # character data in long pieces, not one call per line
    state = {"run": 0, "total": 0}  # text since the last tag; text and attribute values in all

    def refuse(message):
        raise InputError(message, file, parser.CurrentLineNumber)

    def grew(n):
        state["total"] += n
        if state["total"] > expands_to:
            refuse(f"its entities expand to too much text: {over('rdfxml_expansion')} (times the file's size)")

    def entity(name, parameter, value, base, system_id, public_id, notation):
        if parameter:
            refuse(f"the parameter entity %{name}; is refused (RDF/XML needs none)")
        if value is None:
            refuse(f"the external entity &{name}; is refused: kg reads nothing outside the file")
        if "&" in value or "%" in value:
            refuse(f"the entity &{name}; refers to another entity; nested entities are refused "
                   "(they are how an expansion bomb grows)")

    def text(data):
        state["run"] += len(data)
        if state["run"] > longest:
            refuse(f"a text is too long: {over('rdf_literal_chars')}")
        grew(len(data))

    def start(name, attributes):
        state["run"] = 0
        for value in attributes.values():
            if len(value) > longest:
                refuse(f"an attribute of <{name[:80]}> is too long: {over('rdf_literal_chars')}")
            grew(len(value))

    def end(name):
        state["run"] = 0

    parser.EntityDeclHandler = entity
    parser.CharacterDataHandler = text
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except pyexpat.ExpatError as e:
        raise InputError(f"invalid RDF/XML: {pyexpat.ErrorString(e.code)} (column {e.offset + 1})", file,
                         e.lineno) from None


# --- JSON-LD ------------------------------------------------------------------------------------

_CONTENT = re.compile(rb'(?:[^"\[\]{}]+|"[^"\\]*(?:\\.[^"\\]*)*")*')  # up to the next bracket, strings whole
_STRING_REST = re.compile(rb'[^"\\]*(?:\\.[^"\\]*)*"')  # from inside a string to just after its end


def check_jsonld(path: Path) -> None:
    """Refuse a JSON-LD file nested deeper than ``jsonld_depth``: a streaming count of brackets
    outside strings (JSON has one kind of string, so telling them apart needs no more than this).
    A string may run over several chunks, up to the 16 MiB that Oxigraph's parser allows."""
    file = str(path)
    deepest = limit("jsonld_depth")
    depth, line = 0, 1
    string = None  # inside a string that began in an earlier chunk: (bytes so far, next byte escaped)
    with path.open("rb") as fh:
        while data := fh.read(CHUNK):
            pos, size = 0, len(data)
            if string is not None:
                end = _STRING_REST.match(data, int(string[1]))
                if end is None:
                    string = _inside(data, int(string[1]), string[0], file, line)
                    line += data.count(b"\n")
                    continue
                string, pos = None, end.end()
            while (pos := _CONTENT.match(data, pos).end()) < size:
                c = data[pos]
                if c == 0x22:  # a string that does not end in this chunk
                    string = _inside(data, pos + 1, 1, file, line)
                    break
                if c == 0x5B or c == 0x7B:  # [ {
                    depth += 1
                    if depth > deepest:
                        raise InputError(f"the JSON is nested too deeply: {over('jsonld_depth')}", file,
                                         line + data.count(b"\n", 0, pos))
                else:
                    depth -= 1
                pos += 1
            line += data.count(b"\n")


def _inside(data: bytes, start: int, before: int, file: str, line: int) -> tuple[int, bool]:
    """The state of a string that runs on past ``data`` from ``start``: its length so far (with
    ``before`` bytes of it in earlier chunks) and whether the next chunk's first byte is escaped."""
    rest = data[start:]
    length = before + len(data) - start
    if length > TERM_BYTES:
        raise InputError(f"a string is longer than the {TERM_BYTES >> 20} MiB the parser allows for one term",
                         file, line + data.count(b"\n", 0, start))
    return length, (len(rest) - len(rest.rstrip(b"\\"))) % 2 == 1


# --- an RDF input file's quads, into a build ------------------------------------------------------

def read_into(path: Path, fmt_name: str, out, col):
    import pyoxigraph as ox

    from ..terms import from_oxigraph
    from .rdf import parse

    default_graph = GRAPH["file/" + quote(path.name, safe="")]
    draft = ox.NamedNode(str(MKG.draft))  # a node still marked draft is listed as the authoring format's are
    keep = not col  # after a problem anywhere the build will fail: read the file for its own problems only
    reserved = set()  # graphs kg writes itself that the file writes into
    try:  # quad by quad: the file's quads are held once, as rdflib terms
        for q in parse(path, fmt_name, path.resolve().as_uri()):
            if isinstance(q.graph_name, ox.NamedNode) and reserved_graph(q.graph_name.value):
                reserved.add(q.graph_name.value)
                keep = False
            if not keep:
                continue
            g = default_graph if isinstance(q.graph_name, ox.DefaultGraph) else from_oxigraph(q.graph_name)
            s = from_oxigraph(q.subject)
            out.add(s, from_oxigraph(q.predicate), from_oxigraph(q.object), g)
            if out.origins is not None and isinstance(s, URIRef) and s not in out.origins:
                out.origins[s] = str(path)
            if q.predicate == draft:
                out.drafts.error(f"{shorten(str(s))} is marked mkg:draft", str(path), None)
        for g in sorted(reserved):
            col.error(f"writes into the graph <{g}>, which kg writes itself (the ontology, imports, dataset "
                      "vocabularies): put these statements in a graph of their own", str(path),
                      _first_line_in_graph(path, g) if fmt_name == "N_QUADS" else None)
        if not reserved:
            return
    except InputError as e:
        col.add(e)
    except SyntaxError as e:
        message = str(e)
        if "LoadDocumentCallback" in message:
            message = "it refers to a remote @context; kg never fetches over the network, so put the context inline"
        col.error(f"invalid {fmt_name.replace('_', '-')}: {message}", str(path), _line_from_oxigraph(str(e)))
    except (OSError, ValueError) as e:
        col.error(f"cannot parse as {fmt_name}: {e}", str(path), None)
    out.quads.clear()  # the file failed: what was read of it is not kept


def _first_line_in_graph(path: Path, graph: str) -> int | None:
    """The first line of the N-Quads file ``path`` with a statement in ``graph`` (one statement a line)."""
    import pyoxigraph as ox
    with path.open("rb") as fh:
        for number, line in enumerate(fh, 1):
            try:
                if any(q.graph_name == ox.NamedNode(graph) for q in ox.parse(line, format=ox.RdfFormat.N_QUADS)):
                    return number
            except SyntaxError:
                continue
    return None


def _line_from_oxigraph(message: str):
    m = re.search(r"line (\d+)|at (\d+):(\d+)", message)
    if not m:
        return None
    return int(m.group(1) or m.group(2)) + (1 if m.group(2) else 0)
