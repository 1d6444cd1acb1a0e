"""Graph exports (kg.export.export_graph, `kg export --graph`): every format read back by a real reader.

GraphML, GEXF, GML and Cytoscape JSON are re-read with networkx's own readers (GML with igraph's too),
CSV with the csv module; the nodes, the edges (count, endpoints, relation, parallel edges) and the attributes (their
values and types: labels, kinds, dates, weights, flags) must come back. The graphs are the seed
store's projections and a small hand-made graph in the projection's data contract, full of
hostile strings; every projection kg.graphs.project offers goes through the same round trips.
"""

from __future__ import annotations

import csv
import io
import json
import random
import warnings
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from kgtest import run_kg, seed_store, seed_store_dir  # noqa: F401  (fixtures)

from kg import formats
from kg.formats import GRAPH
from kg.graphs.export import csv_paths, export_graph, flat_graph
from kg.graphs.project import PROJECTIONS, project

ID = "https://w3id.org/mediation-kg/id/"
HOSTILE = ('<script>alert("x")</script> & &amp; \'single\' "double"\nsecond line, Türkiye, '
           'Côte d’Ivoire, 日本, 🕊, a,b;c\ttab')
AFGHANISTAN, PAKISTAN = ID + "afghanistan", ID + "pakistan"
SUFFIX = {"graphml": "graphml", "gexf": "gexf", "cytoscape": "cyjs", "gml": "gml"}


def contract_graph(shuffle: int | None = None) -> nx.MultiDiGraph:
    """A small graph in the projections' data contract: every kind of attribute, parallel edges,
    hostile strings everywhere (labels, info, items, claim fields, even an IRI)."""
    turkiye, group, claim, odd = ID + "türkiye", ID + "group-1", ID + "claim-1", ID + "x?a=1&b=<2>"
    nodes = [
        (turkiye, {"label": "Türkiye", "kind": "State", "group": "actor", "betweenness": 0.25,
                   "info": {"id": "id:türkiye", "Wikidata": "http://www.wikidata.org/entity/Q43", "note": [HOSTILE, "two"]},
                   "start": "2026-02-26", "end": "2026-02-27"}),
        (group, {"label": HOSTILE, "kind": "NonStateArmedGroup", "group": "actor", "betweenness": 0, "info": {},
                 "end": None}),
        (claim, {"label": "58 killed", "kind": "Claim", "group": "claim", "date": "2026-02-27",
                 "claim": {"figure": "58", "measure": "killed", "claimant": HOSTILE}}),
        (odd, {"label": "odd IRI", "kind": "Place", "group": "place"}),
    ]
    item = {"id": ID + "strike-1", "label": HOSTILE, "start": "2026-02-26", "end": "2026-02-27",
            "according_to": ["Al Jazeera", "ISPR"]}
    edges = [
        (turkiye, group, "attacked", {"relation": "attacked", "label": "attacked", "weight": 3, "first": "2026-02-26",
                                      "last": "2026-02-27", "reported_only": False, "info": {"because of": [HOSTILE]},
                                      "items": [item]}),
        (turkiye, group, "mediated", {"relation": "mediated", "label": "mediated for (reported)", "weight": 1,
                                      "first": None, "last": None, "reported_only": True, "info": {}}),
        (group, turkiye, "attacked", {"relation": "attacked", "label": HOSTILE, "weight": 2, "first": "2026-02-27",
                                      "last": "2026-02-27", "reported_only": False, "items": []}),
        (claim, turkiye, "about", {"relation": "about", "label": "about", "weight": 1, "reported_only": False}),
        (odd, odd, "based-in", {"relation": "based-in", "label": "based in", "weight": 1, "reported_only": False}),
    ]
    if shuffle is not None:
        rng = random.Random(shuffle)
        rng.shuffle(nodes)
        rng.shuffle(edges)
    g = nx.MultiDiGraph(name="actors", relation_labels={"attacked": "attacked", "mediated": "mediated for"})
    g.add_nodes_from(nodes)
    for u, v, k, d in edges:
        g.add_edge(u, v, key=k, **d)
    return g


@pytest.fixture(scope="module")
def actors(seed_store):  # noqa: F811
    return project(seed_store, "actors")


@pytest.fixture(scope="module")
def projections(seed_store):  # noqa: F811
    return {name: project(seed_store, name) for name in PROJECTIONS}


@pytest.fixture(params=["actors", "events", "claims", "contract"])
def graph(request, projections):
    if request.param == "contract":
        return contract_graph()
    return projections[request.param]


# --- readers: a file -> ({node id: attrs}, {(source, target, relation): attrs}) ------------------

def edges_by_relation(g) -> dict:
    out = {}
    for u, v, d in g.edges(data=True):
        relation = d["relation"]
        assert (u, v, relation) not in out
        out[(u, v, relation)] = dict(d)
    return out


def read_graphml(path):
    g = nx.read_graphml(path, force_multigraph=True)
    assert g.is_directed() and g.is_multigraph()
    for u, v, k, d in g.edges(keys=True, data=True):
        assert k == d["id"]  # networkx keys a GraphML edge by its id
    return dict(g.nodes(data=True)), edges_by_relation(g), g.graph


def read_gexf(path):
    g = nx.read_gexf(path)
    assert g.is_directed()
    if g.is_multigraph():
        for u, v, k, d in g.edges(keys=True, data=True):
            assert k == d["relation"]  # the multigraph key comes back as written
    return dict(g.nodes(data=True)), edges_by_relation(g), g.graph


def read_cytoscape(path):
    document = json.loads(Path(path).read_text(encoding="utf-8"))
    ids = [e["data"]["id"] for e in document["elements"]["edges"]]
    assert len(ids) == len(set(ids)), "Cytoscape edge ids must be unique"
    g = nx.cytoscape_graph(document)
    assert g.is_directed() and g.is_multigraph()
    for u, v, k, d in g.edges(keys=True, data=True):
        assert k == d["relation"]
    return dict(g.nodes(data=True)), edges_by_relation(g), document["data"]


def read_gml(path):
    g = nx.parse_gml(Path(path).read_text(encoding="utf-8"), label="id")  # read_gml(path) takes ASCII only
    assert g.is_directed() and g.is_multigraph()
    iri = {n: d["iri"] for n, d in g.nodes(data=True)}
    assert len(set(iri.values())) == len(iri)
    g = nx.relabel_nodes(g, iri)
    for u, v, k, d in g.edges(keys=True, data=True):
        assert k == d["relation"]
    return dict(g.nodes(data=True)), edges_by_relation(g), g.graph


def read_csv(paths):
    nodes_path, edges_path = paths
    for p in paths:
        raw = Path(p).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM"
        assert raw.endswith(b"\r\n")
    with open(nodes_path, newline="", encoding="utf-8") as fh:
        node_rows = list(csv.DictReader(fh))
    with open(edges_path, newline="", encoding="utf-8") as fh:
        edge_rows = list(csv.DictReader(fh))
    nodes = {row.pop("id"): row for row in node_rows}
    assert len(nodes) == len(node_rows)
    edges = {}
    for row in edge_rows:
        edges[(row["source"], row["target"], row["relation"])] = row
    assert len(edges) == len(edge_rows)
    return nodes, edges, {}


def export_and_read(graph, fmt, tmp_path):
    if fmt == "csv":
        written = export_graph(graph, "csv", tmp_path / "g")
        assert written == [str(tmp_path / "g-nodes.csv"), str(tmp_path / "g-edges.csv")]
        return read_csv(written)
    path = tmp_path / f"g.{SUFFIX[fmt]}"
    assert export_graph(graph, fmt, path) == [str(path)]
    assert path.read_bytes() == export_graph(graph, fmt)  # the same bytes with or without a path
    return {"graphml": read_graphml, "gexf": read_gexf, "cytoscape": read_cytoscape, "gml": read_gml}[fmt](path)


# --- what each format should give back, from the flattened graph -------------------------------

def _csv_text(v):
    return "true" if v is True else "false" if v is False else repr(v) if isinstance(v, float) else str(v)


def _gml_read(v):
    """A value as networkx's GML reader returns it: booleans are 1/0 (GML has no booleans), and it
    reads the strings "[]" and "()" as an empty list and tuple (its own convention)."""
    return int(v) if isinstance(v, bool) else {"[]": [], "()": ()}.get(v, v) if isinstance(v, str) else v


def expected(graph, fmt):
    """(nodes, edges) as ``fmt``'s reader should return them, derived from kg.export.flat_graph."""
    flat = flat_graph(graph)
    nodes, edges = {}, {}
    for node, row in flat.nodes:
        row = dict(row)
        if fmt == "gexf":
            row.setdefault("label", node)
            for end in ("start", "end"):
                if end not in row and "date" in row:
                    row[end] = row["date"]
        elif fmt == "cytoscape":
            row = {"id": node, "name": row.get("label", node), "value": node, **row}
        elif fmt == "gml":
            row = {"label": row.get("label", node), "iri": node, **{k: _gml_read(v) for k, v in row.items()}}
        elif fmt == "csv":
            row = {c: _csv_text(row[c]) if c in row else "" for c in flat.node_columns}
        nodes[node] = row
    for eid, u, v, key, row in flat.edges:
        row = dict(row)
        if fmt == "graphml":
            row = {"id": eid, **row}
        elif fmt == "gexf":
            row = {"id": eid, **row, "weight": float(row["weight"])}
            row.update({"start": row["first"]} if "first" in row else {})
            row.update({"end": row["last"]} if "last" in row else {})
        elif fmt == "cytoscape":
            row = {"id": eid, "source": u, "target": v, "key": key, "interaction": row["relation"], **row}
        elif fmt == "gml":
            row = {"id": eid, **{k: _gml_read(v) for k, v in row.items()}}
        elif fmt == "csv":
            row = {"id": eid, "source": u, "target": v,
                   **{c: _csv_text(row[c]) if c in row else "" for c in flat.edge_columns}}
        edges[(u, v, row["relation"])] = row
    return nodes, edges


# --- round trips -----------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", formats.names(GRAPH))
def test_round_trip_gives_back_every_node_edge_and_attribute(graph, fmt, tmp_path):
    nodes, edges, _ = export_and_read(graph, fmt, tmp_path)
    want_nodes, want_edges = expected(graph, fmt)
    assert set(nodes) == set(map(str, graph.nodes))
    assert Counter((u, v, d["relation"]) for u, v, d in graph.edges(data=True)) == Counter(list(edges))
    assert len(edges) == graph.number_of_edges()
    for node, attrs in want_nodes.items():
        assert nodes[node] == attrs, (fmt, node)
        assert all(type(nodes[node][k]) is type(v) for k, v in attrs.items()), (fmt, node)
    for key, attrs in want_edges.items():
        assert edges[key] == attrs, (fmt, key)
        assert all(type(edges[key][k]) is type(v) for k, v in attrs.items()), (fmt, key)


@pytest.mark.parametrize("fmt", formats.names(GRAPH))
def test_the_projection_s_own_values_survive(actors, fmt, tmp_path):
    """Checked against the projection itself, not the flattening: labels, kinds, relations,
    weights (as numbers), dates, the reported-only flag, the info behind each edge."""
    nodes, edges, _ = export_and_read(actors, fmt, tmp_path)
    as_text = fmt == "csv"
    for node, d in actors.nodes(data=True):
        assert nodes[node]["label"] == d["label"] and nodes[node]["kind"] == d["kind"]
        assert json.loads(nodes[node]["info_json"]) == d["info"]
    for u, v, key, d in actors.edges(keys=True, data=True):
        got = edges[(u, v, key)]
        assert got["label"] == d["label"] and got["relation"] == key
        assert (int(got["weight"]) if as_text else got["weight"]) == d["weight"]
        for end in ("first", "last"):
            assert got.get(end, "") == (d[end] or "")
        flag = {"true": True, "false": False}[got["reported_only"]] if as_text else bool(got["reported_only"])
        assert flag is d["reported_only"]
        assert json.loads(got["info_json"]) == d["info"]
    # the seed has parallel edges: several relations from Afghanistan to Pakistan, each kept
    parallel = [k for k in edges if k[:2] == (AFGHANISTAN, PAKISTAN)]
    assert len(parallel) == len(actors[AFGHANISTAN][PAKISTAN]) >= 3


@pytest.mark.parametrize("fmt", formats.names(GRAPH))
def test_hostile_strings_survive(fmt, tmp_path):
    g = contract_graph()
    nodes, edges, _ = export_and_read(g, fmt, tmp_path)
    group, turkiye, claim = ID + "group-1", ID + "türkiye", ID + "claim-1"
    assert nodes[group]["label"] == HOSTILE
    assert nodes[turkiye]["label"] == "Türkiye"
    assert nodes[claim]["claim_claimant"] == HOSTILE
    assert HOSTILE in nodes[turkiye]["info"].split("note: ")[1]
    assert json.loads(nodes[turkiye]["info_json"])["note"] == [HOSTILE, "two"]
    assert ID + "x?a=1&b=<2>" in nodes
    attacked = edges[(turkiye, group, "attacked")]
    assert json.loads(attacked["items_json"])[0]["label"] == HOSTILE
    assert attacked["items"].startswith(HOSTILE + " (2026-02-26 to 2026-02-27), according to Al Jazeera, ISPR")
    assert edges[(group, turkiye, "attacked")]["label"] == HOSTILE


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_formats_are_well_formed_and_escape_markup(fmt, tmp_path):
    path = tmp_path / f"g.{fmt}"
    export_graph(contract_graph(), fmt, path)
    data = path.read_bytes()
    ET.fromstring(data)  # well-formed
    assert b"<script>" not in data and b"&lt;script&gt;" in data
    assert "Türkiye".encode() in data  # UTF-8, not character references


GML_LABELS = ["Türkiye", "Côte d’Ivoire", 'the "Islamic Emirate"', "AT&T &amp; co", "l'été", "日本 🕊", "<b>x</b>",
              "a\tb", "&#252; as text"]


def _gml_graph(labels) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(name="t")
    for i, label in enumerate(labels):
        g.add_node(ID + f"n{i}", label=label, kind="State")
    g.add_edge(ID + "n0", ID + "n1", key="r", relation="r", label=labels[2], weight=1)
    return g


def test_gml_reads_back_the_same_in_igraph_and_networkx(tmp_path):
    """igraph reads UTF-8 and decodes only XML's five entities; networkx decodes HTML's. Accented
    letters, quotes, ampersands, even a character reference meant as text, come back the same in
    both; a file of ASCII text also reads with networkx's read_gml(path), which takes ASCII only."""
    import igraph

    path = tmp_path / "g.gml"
    export_graph(_gml_graph(GML_LABELS), "gml", path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # igraph warns of an entity it does not know
        ig = igraph.Graph.Read_GML(str(path))
    assert ig.is_directed()
    assert dict(zip(ig.vs["iri"], ig.vs["label"])) == {ID + f"n{i}": label for i, label in enumerate(GML_LABELS)}
    assert ig.es["label"] == [GML_LABELS[2]]
    nodes, edges, _ = read_gml(path)
    assert {n: d["label"] for n, d in nodes.items()} == {ID + f"n{i}": label for i, label in enumerate(GML_LABELS)}
    assert edges[(ID + "n0", ID + "n1", "r")]["label"] == GML_LABELS[2]
    ascii_labels = [label for label in GML_LABELS if label.isascii()]
    export_graph(_gml_graph(ascii_labels), "gml", path)
    g = nx.read_gml(path, label="id")
    assert sorted(d["label"] for _, d in g.nodes(data=True)) == sorted(ascii_labels)


def test_control_characters(tmp_path):
    """XML and GML cannot carry most control characters: U+FFFD there, and CR becomes LF; CSV and
    Cytoscape JSON keep them."""
    g = nx.MultiDiGraph(name="t")
    g.add_node(ID + "a", label="a\x01b\r\nc\rd\x7fe")
    g.add_node(ID + "b", label="b")
    g.add_edge(ID + "a", ID + "b", key="r", relation="r", label="x", weight=1)
    kept, replaced = "a\x01b\r\nc\rd\x7fe", "a\ufffdb\nc\nd\x7fe"
    for fmt, want in [("graphml", replaced), ("gexf", replaced), ("gml", "a\ufffdb\nc\nd\ufffde"),
                      ("cytoscape", kept), ("csv", kept)]:
        nodes, _, _ = export_and_read(g, fmt, tmp_path)
        assert nodes[ID + "a"]["label"] == want, fmt


FORMULAS = ["=cmd|' /C calc'!A0", '+HYPERLINK("http://evil.example/","click")', "@SUM(A1)", "-2+3+cmd|' /C calc'!A0",
            "\t=1+1", "\r=1+1"]


def test_csv_cells_that_a_spreadsheet_would_run_are_text(tmp_path):
    """OWASP's advice on CSV injection: text that begins with = + - @, a tab or a carriage return
    gets a leading ', in every column of both files; typed numbers (-3.5) stay numbers, and so does
    text that is a plain number. escape_formulas=False writes every value as it is."""
    g = nx.MultiDiGraph(name="t")
    for i, text in enumerate(FORMULAS):
        g.add_node(ID + f"n{i}", label=text, kind=text, score=-3.5 - i, code="-12")
    g.add_edge(ID + "n0", ID + "n1", key="r", relation="r", label=FORMULAS[2], weight=-1, note=FORMULAS[0])
    nodes, edges, _ = read_csv(export_graph(g, "csv", tmp_path / "safe"))
    for i, text in enumerate(FORMULAS):
        row = nodes[ID + f"n{i}"]
        assert row["label"] == row["kind"] == "'" + text
        assert row["score"] == repr(-3.5 - i) and row["code"] == "-12"
    edge = edges[(ID + "n0", ID + "n1", "r")]
    assert (edge["label"], edge["note"], edge["weight"]) == ("'" + FORMULAS[2], "'" + FORMULAS[0], "-1")
    nodes, edges, _ = read_csv(export_graph(g, "csv", tmp_path / "raw", escape_formulas=False))
    assert [nodes[ID + f"n{i}"]["label"] for i in range(len(FORMULAS))] == FORMULAS
    assert edges[(ID + "n0", ID + "n1", "r")]["note"] == FORMULAS[0]


@pytest.mark.parametrize("fmt", formats.names(GRAPH))
def test_same_graph_same_bytes_whatever_the_insertion_order(fmt, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    first = export_graph(contract_graph(), fmt, a / "g")
    second = export_graph(contract_graph(shuffle=7), fmt, b / "g")
    assert [Path(p).read_bytes() for p in first] == [Path(p).read_bytes() for p in second]


def test_attribute_types_are_unified_and_scalars_kept():
    flat = flat_graph(contract_graph())
    rows = dict(flat.nodes)
    assert rows[ID + "group-1"]["betweenness"] == 0.0 and isinstance(rows[ID + "group-1"]["betweenness"], float)
    assert "end" not in rows[ID + "group-1"] and "info" not in rows[ID + "group-1"]  # None and {} dropped
    assert rows[ID + "claim-1"]["claim_figure"] == "58"
    assert flat.node_columns[:3] == ["label", "kind", "group"]
    assert flat.edge_columns[:7] == ["relation", "label", "weight", "first", "last", "reported_only", "items_count"]
    edges = {(u, v, k): row for _, u, v, k, row in flat.edges}
    assert edges[(ID + "türkiye", ID + "group-1", "attacked")]["items_count"] == 1
    assert edges[(ID + "group-1", ID + "türkiye", "attacked")]["items_count"] == 0
    ids = [eid for eid, *_ in flat.edges]
    assert len(set(ids)) == len(ids) and ids[0].count("|") == 2


def test_gexf_has_labels_kinds_and_a_timeline(tmp_path):
    path = tmp_path / "g.gexf"
    export_graph(contract_graph(), "gexf", path)
    ns = {"g": "http://www.gexf.net/1.2draft"}
    root = ET.parse(path).getroot()
    graph = root.find("g:graph", ns)
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    assert root.find("g:meta", ns).get("lastmodifieddate") is None  # reproducible
    edges = graph.findall("g:edges/g:edge", ns)
    kinds = Counter((e.get("source"), e.get("target"), e.get("kind")) for e in edges)
    assert kinds[(ID + "türkiye", ID + "group-1", "attacked")] == 1
    assert kinds[(ID + "türkiye", ID + "group-1", "mediated")] == 1
    strike = next(e for e in edges if e.get("kind") == "attacked" and e.get("source") == ID + "türkiye")
    assert (strike.get("start"), strike.get("end"), strike.get("weight"), strike.get("label")) == \
        ("2026-02-26", "2026-02-27", "3", "attacked")
    claim = next(n for n in graph.findall("g:nodes/g:node", ns) if n.get("id") == ID + "claim-1")
    assert (claim.get("start"), claim.get("end"), claim.get("label")) == ("2026-02-27", "2026-02-27", "58 killed")
    assert len({e.get("id") for e in edges}) == len(edges)


def test_csv_names_and_layout(tmp_path):
    assert csv_paths("actors") == ("actors-nodes.csv", "actors-edges.csv")
    assert csv_paths("out/actors.csv") == ("out/actors-nodes.csv", "out/actors-edges.csv")
    assert csv_paths("out/actors-nodes.csv") == ("out/actors-nodes.csv", "out/actors-edges.csv")
    assert csv_paths("out/", "events") == ("out/events-nodes.csv", "out/events-edges.csv")
    assert csv_paths(tmp_path, "claims") == (str(tmp_path / "claims-nodes.csv"), str(tmp_path / "claims-edges.csv"))
    written = export_graph(contract_graph(), "csv", tmp_path)
    assert written == [str(tmp_path / "actors-nodes.csv"), str(tmp_path / "actors-edges.csv")]
    with open(written[0], newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header[:4] == ["id", "label", "kind", "group"] and header[4:] == sorted(header[4:])
    with open(written[1], newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header[:10] == ["id", "source", "target", "relation", "label", "weight", "first", "last",
                           "reported_only", "items_count"]
    # a multi-line value is one quoted field (RFC 4180), not extra rows
    text = Path(written[0]).read_text(encoding="utf-8")
    assert len(list(csv.reader(io.StringIO(text, newline="")))) == 1 + 4


def test_a_failed_write_leaves_existing_files_alone(tmp_path):
    nodes, edges = tmp_path / "x-nodes.csv", tmp_path / "x-edges.csv"
    nodes.write_text("keep")
    edges.mkdir()  # the second file cannot be written
    with pytest.raises(OSError):
        export_graph(contract_graph(), "csv", tmp_path / "x")
    assert nodes.read_text() == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x-edges.csv", "x-nodes.csv"]  # no temporary files left
    with pytest.raises(OSError):
        export_graph(contract_graph(), "graphml", tmp_path / "missing-dir" / "g.graphml")
    assert not (tmp_path / "missing-dir").exists()


def test_a_write_that_fails_midway_leaves_both_files_alone(tmp_path):
    """The exports write as they serialise, into files beside their targets; an error midway (the
    second of two files, after the first is complete) renames nothing and leaves no temporary file."""
    from kg.files import open_all_atomically

    nodes, edges = tmp_path / "x-nodes.csv", tmp_path / "x-edges.csv"
    nodes.write_text("keep")
    with pytest.raises(RuntimeError):
        with open_all_atomically([nodes, edges]) as (first, second):
            first.write(b"new nodes")
            second.write(b"half of the edges")
            raise RuntimeError("the disk is full")
    assert nodes.read_text() == "keep" and not edges.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x-nodes.csv"]


def test_flat_rows_are_made_again_at_each_reading(actors):
    """flat_graph keeps no rows (an export of a large graph flattens element by element): each
    reading makes them afresh, the same each time, and of the one type each column is declared."""
    flat = flat_graph(actors)
    edges = list(flat.edges)
    assert edges == list(flat.edges) and list(flat.nodes) == list(flat.nodes)
    assert edges[0][4] is not next(iter(flat.edges))[4]
    for rows, types in (([row for _, row in flat.nodes], flat.node_types), ([e[4] for e in edges], flat.edge_types)):
        assert {(c, type(v)) for row in rows for c, v in row.items()} <= set(types.items())


def test_graphml_types_its_keys_and_writes_booleans_as_the_spec_does(actors):
    root = ET.fromstring(export_graph(actors, "graphml"))
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    keys = {k.get("id"): (k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in root.iter(ns + "key")}
    by_name = {(where, name): kind for where, name, kind in keys.values()}
    assert by_name[("edge", "weight")] == "long" and by_name[("edge", "reported_only")] == "boolean"
    assert by_name[("edge", "label")] == "string" and by_name[("graph", "name")] == "string"
    flags = {d.text for d in root.iter(ns + "data") if keys[d.get("key")][1] == "reported_only"}
    assert flags == {"true", "false"}


# --- the command -------------------------------------------------------------------------------

def test_cli_graphml(seed_store_dir, actors, tmp_path):  # noqa: F811
    out = tmp_path / "x.graphml"
    proc = run_kg("export", "--store", seed_store_dir, "--graph", "actors", "-f", "graphml", "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert f"{actors.number_of_nodes()} nodes, {actors.number_of_edges()} edges" in proc.stderr
    assert out.read_bytes() == export_graph(actors, "graphml")


@pytest.mark.parametrize("name,fmt", [("a.graphml", "graphml"), ("a.gexf", "gexf"), ("a.cyjs", "cytoscape"),
                                      ("a.json", "cytoscape"), ("a.gml", "gml")])
def test_cli_format_from_the_extension(seed_store_dir, actors, tmp_path, name, fmt):  # noqa: F811
    proc = run_kg("export", "--store", seed_store_dir, "--graph", "actors", "-o", tmp_path / name)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / name).read_bytes() == export_graph(actors, fmt)


def test_cli_csv_and_stdout(seed_store_dir, actors, tmp_path):  # noqa: F811
    proc = run_kg("export", "--store", seed_store_dir, "--graph", "actors", "-o", tmp_path / "people.csv")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "people-nodes.csv").exists() and (tmp_path / "people-edges.csv").exists()
    proc = run_kg("export", "--store", seed_store_dir, "--graph", "actors", "-f", "csv", "-o", f"{tmp_path}/")
    assert proc.returncode == 0, proc.stderr
    assert read_csv((tmp_path / "actors-nodes.csv", tmp_path / "actors-edges.csv"))[1].keys() == \
        expected(actors, "csv")[1].keys()
    proc = run_kg("export", "--store", seed_store_dir, "--graph", "actors")  # GraphML on stdout
    assert proc.returncode == 0 and proc.stdout.encode() == export_graph(actors, "graphml")


def test_cli_dataset_restricts_the_rdf_export(seed_store_dir, tmp_path):  # noqa: F811
    out = tmp_path / "wikidata.nt"
    proc = run_kg("export", "--store", seed_store_dir, "--dataset", "wikidata", "-o", out)  # format from .nt
    assert proc.returncode == 0, proc.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines and all(line.endswith(" .") and line.startswith("<") for line in lines)
    everything = run_kg("export", "--store", seed_store_dir, "-f", "ntriples").stdout.splitlines()
    assert 20 < len(lines) < len(everything)


@pytest.mark.parametrize("args,message", [
    (["--graph", "nosuch", "-o", "OUT"], "--graph names a projection"),
    (["--graph", "https://w3id.org/mediation-kg/graph/wikidata", "-o", "OUT"],
     "use --dataset https://w3id.org/mediation-kg/graph/wikidata"),
    (["--graph", "aljazeera-2026-02-27", "-f", "turtle", "-o", "OUT"], "use --dataset aljazeera-2026-02-27"),
    (["-f", "graphml", "-o", "OUT"], "add --graph"),
    (["-f", "csv", "-o", "OUT"], "add --graph"),
    (["--graph", "actors", "-f", "turtle", "-o", "OUT"], "asks for RDF"),
    (["--graph", "actors", "-f", "csv"], "csv writes two files"),
    (["--graph", "actors", "--dataset", "wikidata", "-o", "OUT"], "use one or the other"),
    (["--dataset", "http://example.org/none", "-o", "OUT"], "no named graph"),
])
def test_cli_errors(seed_store_dir, tmp_path, args, message):  # noqa: F811
    """Exit code 2, a message that says what to do, no traceback, and the output file untouched."""
    out = tmp_path / "existing.out"
    out.write_text("keep")
    proc = run_kg("export", "--store", seed_store_dir, *[out if a == "OUT" else a for a in args])
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert out.read_text() == "keep" and proc.stdout == ""


@pytest.mark.parametrize("name,message", [("x.graphml", "add --graph"), ("x.ttl", None)])
def test_cli_extension_without_graph(seed_store_dir, tmp_path, name, message):  # noqa: F811
    out = tmp_path / name
    out.write_text("keep")
    proc = run_kg("export", "--store", seed_store_dir, "-o", out)
    if message:
        assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr
        assert out.read_text() == "keep"
    else:  # an RDF extension picks that RDF format
        assert proc.returncode == 0, proc.stderr
        assert out.read_text(encoding="utf-8").startswith("@prefix") or "<http" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("args,message", [
    (["--graph", "actors", "-o", "q.ttl"], "asks for RDF"),
    (["--graph", "actors", "-o", "q.unknown"], "cannot tell the format"),
])
def test_cli_graph_with_wrong_file_name(seed_store_dir, tmp_path, args, message):  # noqa: F811
    target = tmp_path / args[-1]
    target.write_text("keep")
    proc = run_kg("export", "--store", seed_store_dir, *args[:-1], target)
    assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr
    assert target.read_text() == "keep"


def test_cli_help_shows_graph_examples():
    proc = run_kg("export", "--help")
    assert proc.returncode == 0
    assert "kg export --graph actors -o actors.graphml" in proc.stdout and "--dataset" in proc.stdout


def test_attributes_named_like_format_fields_are_renamed_not_lost(tmp_path):
    g = nx.MultiDiGraph(name="t")
    g.add_node(ID + "a", label="A", id="own id", name="own name", value=3)
    g.add_node(ID + "b", label="B")
    g.add_edge(ID + "a", ID + "b", key="r", relation="r", label="x", weight=1, source="a report", interaction="i")
    nodes, edges, _ = export_and_read(g, "cytoscape", tmp_path)
    assert nodes[ID + "a"]["id"] == ID + "a" and nodes[ID + "a"]["name"] == "A"
    assert (nodes[ID + "a"]["id_"], nodes[ID + "a"]["name_"], nodes[ID + "a"]["value_"]) == ("own id", "own name", 3)
    edge = edges[(ID + "a", ID + "b", "r")]
    assert (edge["source"], edge["source_"], edge["interaction"], edge["interaction_"]) == (ID + "a", "a report", "r", "i")
    nodes, edges, _ = export_and_read(g, "csv", tmp_path)
    assert nodes[ID + "a"]["id_"] == "own id" and edges[(ID + "a", ID + "b", "r")]["source_"] == "a report"
    nodes, edges, _ = export_and_read(g, "gml", tmp_path)
    assert nodes[ID + "a"]["id_"] == "own id" and edges[(ID + "a", ID + "b", "r")]["source_"] == "a report"


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "cytoscape", "gml", "csv"])
def test_every_format_carries_how_each_relation_stands(fmt, tmp_path):
    """Issue 14: on the Harrow scenario, Calvia's disputed role as mediator, the reported shelling and
    the corroborated strike come back from every graph file with their status and who denies them."""
    from kgtest import HERE

    from kg.build import build_memory
    from kg.graphs.project import actor_graph
    graph = actor_graph(build_memory([HERE / "data" / "scenarios" / "harrow"]))
    _, edges, _ = export_and_read(graph, fmt, tmp_path)
    stand = {(u.rsplit("/", 1)[-1], v.rsplit("/", 1)[-1], r): d for (u, v, r), d in edges.items()}
    mediated = [d for (u, v, r), d in stand.items() if u == "calvia" and r.startswith("mediat")]
    assert mediated and all(d["status"] == "disputed" and "Government of Norland" in str(d["disputed_by"])
                            for d in mediated), mediated
    assert {str(d["status"]) for d in stand.values()} == {"stated", "reported", "corroborated", "disputed"}
    assert stand["norland", "sudmark", "attacked"]["status"] == "corroborated"
    assert stand["norland-army", "sudmark", "attacked"]["status"] == "reported"
