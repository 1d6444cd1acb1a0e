"""A projected graph as the network files analysts' tools read.

:func:`export_graph` writes a projection (a networkx ``MultiDiGraph``, see ``kg.graphs.project``) as one
of the ``graph`` formats of :mod:`kg.formats`: GraphML, GEXF (Gephi), Cytoscape JSON, GML, or CSV node
and edge lists, each written by one function here (``to_graphml``...).
Every format gets the same flattened attributes, decided here once:

* node ids are the IRIs; nodes are sorted by id and edges by (source, target, key), so the same
  graph always gives the same bytes, whatever order it was built in;
* every edge has an id unique in the file, ``SOURCE|RELATION|TARGET`` (Gephi drops edges whose
  ids repeat, and tells parallel edges apart by them); the relation (the multigraph key) is
  the ``relation`` attribute, and ``key`` too if the two differ;
* scalar attributes keep their type (int, float, bool, str); ``None`` and non-finite floats are
  dropped; dates become ISO strings; one attribute has one type in the whole file (ints mixed
  with floats become floats, anything else mixed becomes text);
* ``info`` (a dict) becomes ``info``, readable lines ``key: value``, plus ``info_json``;
  ``items`` (a list of dicts) becomes ``items`` (one readable line per item), ``items_count``
  and ``items_json``; any other dict ``name`` becomes one attribute ``name_key`` per key; any
  other list a JSON string. JSON is written with sorted keys, UTF-8, not ASCII-escaped.

What each format adds or cannot hold:

* GraphML: typed ``<key>``s; the graph's ``name`` and ``relation_labels`` (as JSON) as graph data.
* GEXF 1.2: node labels, edge labels, weights and ``kind`` (the relation: Gephi keeps parallel
  edges of different kinds); a node's ``start``/``end`` (or its ``date``) and an edge's
  ``first``/``last`` become the element's time interval at day precision, so Gephi's timeline
  works (the graph is then ``mode="dynamic"``); ``first``/``last`` also stay attributes. GEXF
  edge weights are floats.
* Cytoscape JSON: ``{"data", "directed", "multigraph", "elements": {"nodes": [{"data": {"id",
  "name", "value", ...}}], "edges": [{"data": {"id", "source", "target", "key",
  "interaction", ...}}]}}``, readable by Cytoscape desktop, cytoscape.js and
  ``networkx.cytoscape_graph``.
* GML: ``id`` is an integer (GML has no other ids), ``label`` the node's label, ``iri`` its IRI.
  UTF-8, with ``"`` and ``&`` as ``&quot;`` and ``&amp;`` (the entities igraph decodes, and
  networkx too) and a line break as ``&#10;``; booleans are 1/0; attribute names are reduced to
  letters, digits and ``_``. igraph's ``Graph.Read_GML(path)`` reads it (a line break stays
  ``&#10;`` there); networkx reads it with ``networkx.parse_gml(text, label="id")`` (labels need
  not be unique), ``text`` the file read as UTF-8. networkx's ``read_gml(path)`` reads only ASCII
  files, igraph only UTF-8 ones: a file with any other character cannot serve both, and the readers
  of GML (igraph, Cytoscape, Gephi, yEd) read UTF-8; networkx reads GraphML losslessly.
* CSV: two files, RFC 4180 (CRLF, quoted where needed), UTF-8 without BOM, a header row, one
  column per attribute: ``id, label, kind, group, ...`` and ``id, source, target, relation,
  label, weight, first, last, reported_only, ...``, the rest in alphabetical order; booleans are
  ``true``/``false``, a missing value an empty cell. See :func:`csv_paths` for the file names.
  Text that a spreadsheet would run as a formula gets a leading ``'`` (:func:`spreadsheet_text`)
  unless ``escape_formulas=False``; typed numbers are written as they are.

XML formats and GML cannot hold most control characters: they become U+FFFD, and a carriage
return a newline (CSV and Cytoscape JSON keep every character). Files are written atomically:
beside their target as they are serialised, then renamed into place (both CSV files only once
both are on disk), so a failure leaves existing files as they were; a device or FIFO is written in
place, never replaced (kg.files). The graph is flattened one
element at a time, twice (first the columns and their types, then the rows), and every format
but GEXF is written element by element, so an export needs little more memory than the graph;
GEXF goes through networkx's writer, which builds the whole XML tree first.

"""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
import numbers
import os
import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from .. import formats
from ..errors import KGError
from ..formats import GRAPH
from ..text import either, spreadsheet_text

# --- flattening attributes -------------------------------------------------------------------

Scalar = bool | int | float | str


def _json_default(value: Any):
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    return str(value)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_default)


def _scalar(value: Any) -> Scalar | None:
    """``value`` as a typed scalar, or None to drop it."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return number if math.isfinite(number) else None
    if hasattr(value, "isoformat"):  # date, datetime, time
        return value.isoformat()
    if isinstance(value, (Mapping, list, tuple, set, frozenset)):
        return _json(value)
    return str(value)


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(_text(v) for v in value)
    scalar = _scalar(value)
    return "" if scalar is None else str(scalar).lower() if isinstance(scalar, bool) else str(scalar)


def _info_text(info: Mapping) -> str:
    lines = []
    for key, value in info.items():
        for item in (value if isinstance(value, (list, tuple)) else [value]):
            if item is not None:
                lines.append(f"{key}: {_text(item)}")
    return "\n".join(lines)


def _items_text(items) -> str:
    lines = []
    for item in items:
        if not isinstance(item, Mapping):
            lines.append(_text(item))
            continue
        line = _text(item.get("label") or item.get("id") or "")
        start, end = _text(item.get("start")), _text(item.get("end"))
        if start or end:
            line += f" ({start}{' to ' + end if end and end != start else ''})"
        if item.get("according_to"):
            line += f", according to {_text(item['according_to'])}"
        lines.append(line)
    return "\n".join(lines)


def flatten(attrs: Mapping) -> dict[str, Scalar]:
    """One element's attributes as typed scalars, the way every graph format writes them."""
    out: dict[str, Scalar] = {}
    derived: dict[str, Scalar] = {}
    for name, value in attrs.items():
        name = str(name)
        if name == "info" and isinstance(value, Mapping):
            if value:
                out["info"] = _info_text(value)
                derived["info_json"] = _json(value)
        elif name == "items" and isinstance(value, (list, tuple)):
            out["items"] = _items_text(value)
            derived["items_count"] = len(value)
            derived["items_json"] = _json(value)
        elif isinstance(value, Mapping):
            for key, sub in value.items():
                scalar = _scalar(sub)
                if scalar is not None:
                    derived[f"{name}_{key}"] = scalar
        else:
            scalar = _scalar(value)
            if scalar is not None:
                out[name] = scalar
    for name, value in derived.items():
        out.setdefault(name, value)  # an attribute of that very name wins
    return out


def _converter(types: set[type]):
    """How values of one attribute are written when they come in several ``types``: one type each."""
    if len(types) == 1:
        return None
    if types <= {int, float}:
        return float
    return lambda v: str(v).lower() if isinstance(v, bool) else repr(v) if isinstance(v, float) else str(v)


class _Schema:
    """The columns of a kind of element (nodes, edges) and how each is converted to one type,
    from a first pass over their flattened rows (which are dropped as they go)."""

    def __init__(self, rows, first: tuple[str, ...]):
        kinds: dict[str, set[type]] = {}
        for row in rows:
            for name, value in row.items():
                kinds.setdefault(name, set()).add(type(value))
        self.columns = [c for c in first if c in kinds] + sorted(set(kinds) - set(first))
        self.convert = {name: f for name, types in kinds.items() if (f := _converter(types))}
        self.types = {}  # what each attribute is once converted
        for name, types in kinds.items():
            convert = self.convert.get(name)
            self.types[name] = next(iter(types)) if convert is None else float if convert is float else str

    def row(self, row: dict[str, Scalar]) -> dict[str, Scalar]:
        """``row`` with one type per attribute, its attributes in column order."""
        for name, convert in self.convert.items():
            if name in row:
                row[name] = convert(row[name])
        return {c: row[c] for c in self.columns if c in row}


NODE_FIRST = ("label", "kind", "group")
EDGE_FIRST = ("relation", "label", "weight", "first", "last", "reported_only", "items_count")


class _Rows:
    """Rows made afresh at each iteration: a large graph's flattened rows (an edge's items as text
    and JSON) are never all in memory at once."""

    def __init__(self, make):
        self._make = make

    def __iter__(self):
        return self._make()


class Flat(NamedTuple):
    """A graph ready to write: typed scalar attributes, stable order, unique edge ids. ``nodes``
    and ``edges`` can be iterated any number of times; each time flattens the graph again."""
    name: str
    graph: dict[str, Scalar]
    nodes: _Rows  # of (IRI, attributes)
    edges: _Rows  # of (edge id, source, target, key, attributes)
    node_columns: list[str]
    edge_columns: list[str]
    node_types: dict[str, type]  # column -> the one type of its values
    edge_types: dict[str, type]


def _rename_reserved(row: dict[str, Scalar], reserved: tuple[str, ...]) -> dict[str, Scalar]:
    for name in reserved:
        if name in row:
            new = name + "_"
            while new in row:
                new += "_"
            row[new] = row.pop(name)
    return row


def flat_graph(graph) -> Flat:
    """``graph`` flattened (see the module docstring), nodes sorted by id, edges by (source, target, key)."""
    graph_attrs: dict[str, Scalar] = {}
    for name, value in graph.graph.items():
        scalar = _scalar(value)
        if scalar is not None:
            graph_attrs[str(name)] = scalar
    name = str(graph.graph.get("name") or "graph")

    nodes = sorted(graph.nodes(data=True), key=lambda n: str(n[0]))
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))

    def node_row(data):
        return _rename_reserved(flatten(data), ("id",))

    def edge_row(key, data):
        row = _rename_reserved(flatten(data), ("id", "source", "target"))
        relation = row.setdefault("relation", str(key))
        if str(key) != relation:
            row.setdefault("key", _scalar(key))
        return row

    node_schema = _Schema((node_row(data) for _, data in nodes), NODE_FIRST)
    edge_schema = _Schema((edge_row(key, data) for _, _, key, data in edges), EDGE_FIRST)

    def node_rows():
        for node, data in nodes:
            yield str(node), node_schema.row(node_row(data))

    def edge_rows():
        seen = set()
        for u, v, key, data in edges:
            eid = f"{u}|{key}|{v}"
            n = 1
            while eid in seen:  # str() of two different keys can coincide
                n += 1
                eid = f"{u}|{key}|{v}#{n}"
            seen.add(eid)
            yield eid, str(u), str(v), key, edge_schema.row(edge_row(key, data))

    return Flat(name=name, graph=graph_attrs, nodes=_Rows(node_rows), edges=_Rows(edge_rows),
                node_columns=node_schema.columns, edge_columns=edge_schema.columns,
                node_types=node_schema.types, edge_types=edge_schema.types)


# --- writers: Flat -> bytes ----------------------------------------------------------------------

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_safe(value: Scalar) -> Scalar:
    if isinstance(value, str):
        return _XML_ILLEGAL.sub("\ufffd", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value


def _xml_row(row: Mapping[str, Scalar]) -> dict[str, Scalar]:
    return {_xml_safe(k): _xml_safe(v) for k, v in row.items()}


_GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def _graphml_value(value: Scalar) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else repr(value) if isinstance(value, float) \
        else str(value)


def to_graphml(flat: Flat, out) -> None:
    """GraphML, written element by element (the way networkx reads it back: typed keys, the edge
    id both as the element's id and as an ``id`` attribute, which networkx keys edges by)."""
    from xml.sax.saxutils import escape, quoteattr

    def attr(value) -> str:
        return quoteattr(_xml_safe(str(value)), {"\n": "&#10;", "\t": "&#9;"})

    def data(keys, row, indent) -> str:
        return "".join(f'{indent}<data key="{keys[name]}">{escape(_graphml_value(_xml_safe(value)))}</data>\n'
                       for name, value in row.items())

    edge_columns = ["id"] + flat.edge_columns  # an attribute called id was renamed id_
    edge_types = {"id": str, **flat.edge_types}
    keys, key_numbers = {}, itertools.count()
    lines = ["<?xml version='1.0' encoding='utf-8'?>",
             '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
             'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
             'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">']
    for where, columns, found in (("graph", list(flat.graph), {k: type(v) for k, v in flat.graph.items()}),
                                  ("node", flat.node_columns, flat.node_types), ("edge", edge_columns, edge_types)):
        keys[where] = {}
        for name in columns:
            key = keys[where][name] = f"d{next(key_numbers)}"
            lines.append(f'  <key id="{key}" for="{where}" attr.name={attr(name)} '
                         f'attr.type="{_GRAPHML_TYPES[found.get(name, str)]}" />')
    lines.append('  <graph edgedefault="directed">')
    out.write(("\n".join(lines) + "\n" + data(keys["graph"], flat.graph, "    ")).encode("utf-8"))
    for node, row in flat.nodes:
        out.write((f"    <node id={attr(node)}>\n{data(keys['node'], row, '      ')}    </node>\n").encode("utf-8"))
    for eid, u, v, _, row in flat.edges:
        out.write((f"    <edge source={attr(u)} target={attr(v)} id={attr(eid)}>\n"
                   f"{data(keys['edge'], {'id': eid, **row}, '      ')}    </edge>\n").encode("utf-8"))
    out.write(b"  </graph>\n</graphml>\n")


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(value: Scalar | None) -> str | None:
    """The day of an ISO date or date-time string, else None."""
    if isinstance(value, str) and _DAY.match(value):
        return value[:10]
    return None


def to_gexf(flat: Flat, out) -> None:
    import networkx as nx
    from networkx.readwrite.gexf import GEXFWriter

    g = nx.MultiDiGraph(name=_xml_safe(flat.name))
    for node, row in flat.nodes:
        data = _rename_reserved(_xml_row(row), ("pid", "viz", "spells"))
        start, end, date = data.pop("start", None), data.pop("end", None), data.get("date")
        for name, value, spell in (("start", start, _day(start) or _day(date)), ("end", end, _day(end) or _day(date))):
            if spell:
                data[name] = spell
            if value is not None and not _day(value):
                data[f"{name}_text"] = value  # not a date Gephi can place on its timeline
        g.add_node(_xml_safe(node), **data)
    kinds = {}
    for eid, u, v, key, row in flat.edges:
        data = _rename_reserved(_xml_row(row), ("type", "viz", "spells", "start", "end", "networkx_key"))
        data.pop("key", None)  # networkx writes the multigraph key itself, as networkx_key
        if _day(data.get("first")):
            data["start"] = _day(data["first"])
        if _day(data.get("last")):
            data["end"] = _day(data["last"])
        data["id"] = _xml_safe(eid)
        kinds[data["id"]] = str(data.get("relation", key))
        g.add_edge(_xml_safe(u), _xml_safe(v), key=_xml_safe(key), **data)
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(g)
    meta = writer.xml.find("meta")
    meta.attrib.pop("lastmodifieddate", None)  # the same graph gives the same bytes, any day
    meta.find("creator").text = "mediation-kg"
    for element in writer.xml.iter("edge"):
        element.set("kind", kinds[element.get("id")])  # Gephi's edge type: keeps parallel edges apart
    writer.write(out)


def to_cytoscape(flat: Flat, out) -> None:
    """Cytoscape JSON, written element by element, one per line."""
    def elements(kind, items):
        out.write(f' "{kind}": [\n'.encode("utf-8"))
        for i, data in enumerate(items):
            text = json.dumps({"data": data}, ensure_ascii=False, allow_nan=False)
            out.write(((",\n" if i else "") + "  " + text).encode("utf-8"))
        out.write(b"\n ]")

    def nodes():
        for node, row in flat.nodes:
            data = {"id": node, "name": row.get("label", node), "value": node}
            data.update(_rename_reserved(dict(row), ("name", "value")))
            yield data

    def edges():
        for eid, u, v, key, row in flat.edges:
            data = {"id": eid, "source": u, "target": v, "key": _scalar(key), "interaction": row.get("relation")}
            row = {k: val for k, val in row.items() if k != "key"}  # the same key, already there
            data.update(_rename_reserved(row, ("interaction",)))
            yield data

    head = json.dumps({"data": flat.graph, "directed": True, "multigraph": True}, ensure_ascii=False, allow_nan=False)
    out.write((head[:-1] + ', "elements": {\n').encode("utf-8"))
    elements("nodes", nodes())
    out.write(b",\n")
    elements("edges", edges())
    out.write(b"\n}}\n")


_GML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# What a GML string cannot hold as it is: the quote and & as the entities that both igraph (which
# decodes only XML's five) and networkx (HTML's) decode; a line break, and the characters Python
# splits lines at, as character references (networkx joins the lines of a string with spaces and
# fails on an empty one; igraph shows the reference as it is).
_GML_ENTITIES = {"&": "&amp;", '"': "&quot;", "\n": "&#10;", "\u2028": "&#8232;", "\u2029": "&#8233;"}


def _gml_escape(text: str) -> str:
    # Control characters become U+FFFD first (no reader keeps them).
    text = _GML_ILLEGAL.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    return re.sub('[&"\n\u2028\u2029]', lambda m: _GML_ENTITIES[m.group(0)], text)


def _gml_value(value: Scalar) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value).upper()
        epos = text.rfind("E")
        if epos != -1 and "." not in text[:epos]:
            text = text[:epos] + ".0" + text[epos:]  # a GML real needs a decimal point
        elif epos == -1 and "." not in text:
            text += ".0"
        return text
    return f'"{_gml_escape(str(value))}"'


def _gml_keys(columns: list[str], reserved: set[str]) -> dict[str, str]:
    """Column name -> GML key (letters, digits, _; starting with a letter; unique)."""
    keys, used = {}, set(reserved)
    for column in columns:
        key = re.sub(r"[^0-9A-Za-z_]", "_", column)
        if not key[:1].isalpha():
            key = "a" + key
        while key in used:
            key += "_"
        used.add(key)
        keys[column] = key
    return keys


def to_gml(flat: Flat, out) -> None:
    def write(lines):
        out.write("".join(line + "\n" for line in lines).encode("utf-8"))

    index = {node: i for i, (node, _) in enumerate(flat.nodes)}
    graph_keys = _gml_keys(list(flat.graph), {"directed", "multigraph", "node", "edge"})
    write(["graph [", "  directed 1", "  multigraph 1"]
          + [f"  {graph_keys[k]} {_gml_value(v)}" for k, v in flat.graph.items()])
    node_keys = _gml_keys([c for c in flat.node_columns if c != "label"], {"id", "label", "iri", "graphics"})
    for node, row in flat.nodes:
        write(["  node [", f"    id {index[node]}", f"    label {_gml_value(row.get('label', node))}",
               f"    iri {_gml_value(node)}"]
              + [f"    {node_keys[k]} {_gml_value(v)}" for k, v in row.items() if k != "label"] + ["  ]"])
    edge_keys = _gml_keys(flat.edge_columns, {"id", "source", "target", "key", "graphics"})
    for eid, u, v, key, row in flat.edges:
        write(["  edge [", f"    source {index[u]}", f"    target {index[v]}", f"    key {_gml_value(_scalar(key))}",
               f"    id {_gml_value(eid)}"]
              + [f"    {edge_keys[k]} {_gml_value(val)}" for k, val in row.items() if k != "key"] + ["  ]"])
    write(["]"])



def _csv_cell(value: Scalar | None, escape_formulas: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)  # finite: a number, which spreadsheet_text leaves alone too
    return spreadsheet_text(str(value)) if escape_formulas else str(value)


def _csv(out, header: list[str], rows, escape_formulas: bool) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow([_csv_cell(c, escape_formulas) for c in header])
        writer.writerows([_csv_cell(row.get(c), escape_formulas) if c in row else "" for c in header] for row in rows)
        text.flush()
    finally:
        text.detach()  # the binary file stays open for its owner, even on an error


def to_csv(flat: Flat, nodes_out, edges_out, escape_formulas: bool = True) -> None:
    _csv(nodes_out, ["id"] + flat.node_columns, ({"id": node, **row} for node, row in flat.nodes), escape_formulas)
    _csv(edges_out, ["id", "source", "target"] + flat.edge_columns,
         ({"id": eid, "source": u, "target": v, **row} for eid, u, v, _, row in flat.edges), escape_formulas)


# --- export_graph ------------------------------------------------------------------------------

def csv_paths(path: str | os.PathLike, name: str = "graph") -> tuple[str, str]:
    """The node and edge files of a CSV export to ``path``.

    ``actors`` or ``actors.csv`` (or ``actors-nodes.csv``) -> ``actors-nodes.csv``, ``actors-edges.csv``;
    a directory (an existing one, or a path ending in ``/``) -> ``DIR/NAME-nodes.csv``,
    ``DIR/NAME-edges.csv`` where NAME is the graph's name (``actors``, ``events``, ...)."""
    text = os.fspath(path)
    if text.endswith(("/", os.sep)) or os.path.isdir(text):
        base = os.path.join(text, name)
    else:
        base = re.sub(r"(?i)\.csv$", "", text)
        base = re.sub(r"-(nodes|edges)$", "", base)
    return f"{base}-nodes.csv", f"{base}-edges.csv"


def _safe_name(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name).strip("._") or "graph"


def export_graph(graph, fmt, path: str | os.PathLike | None = None, *, escape_formulas: bool = True):
    """Export a projected graph as ``fmt`` (the name of a ``graph`` format of :mod:`kg.formats`, or
    its entry).

    With ``path`` None, return the file's bytes (not for ``csv``, which is two files). Otherwise
    write atomically, as the graph is serialised, and return the list of paths written (``csv``:
    see :func:`csv_paths`; both files are complete before either is renamed into place).
    ``escape_formulas`` (CSV only, on by default): text cells that a spreadsheet would run as a
    formula are written as text (:func:`spreadsheet_text`); False writes every value as it is."""
    try:
        fmt = formats.get(fmt, GRAPH)
    except KeyError:
        raise KGError(f"unknown graph format {fmt!r}; choose from {either(formats.names(GRAPH))}") from None
    two_files = fmt.name == "csv"  # the node and edge lists
    if path is None and two_files:
        raise KGError("csv writes two files (NAME-nodes.csv and NAME-edges.csv): give a path")
    flat = flat_graph(graph)
    if path is None:
        buf = io.BytesIO()
        fmt.write(flat, buf)
        return buf.getvalue()
    from ..files import open_all_atomically
    targets = list(csv_paths(path, _safe_name(flat.name))) if two_files else [os.fspath(path)]
    with open_all_atomically(targets) as handles:
        if two_files:
            fmt.write(flat, *handles, escape_formulas=escape_formulas)
        else:
            fmt.write(flat, handles[0])
    return targets
