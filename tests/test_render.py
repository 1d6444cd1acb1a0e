"""kg.render: a self-contained, offline, injection-safe HTML page of a projected graph.

Graphs are built here with networkx (no store needed). The browser tests use headless
Chromium with the network blocked (tests/browser.py); they skip when Chromium is
missing, and fail then if KG_STRICT=1.
"""

from __future__ import annotations

import html
import json
import os
import random
import re
import shutil
import struct
import sys
import time
import zlib
from pathlib import Path

import networkx as nx
import pytest

from kg.render import (
    PYTHON_LAYOUT_THRESHOLD,
    graph_to_vis_data,
    render_html,
    render_notebook,
)

sys.path.insert(0, str(Path(__file__).parent))
from browser import dump_dom, screenshot  # noqa: E402

ID = "https://w3id.org/mediation-kg/id/"

HOSTILE_LABEL = "<img src=x onerror=alert(1)>"
HOSTILE_SCRIPT = "<script>alert(2)</script>"
HOSTILE_LINK = '<a href="javascript:alert(3)">x</a>'
HOSTILE_EDGE = "</script><script>alert(4)</script>"
HOSTILE_TITLE = "<script>alert(5)</script>"

EXTERNAL_REFERENCES = [
    re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I),
    re.compile(r"""url\(\s*["']?\s*(?:https?:)?//""", re.I),
    re.compile(r"@import", re.I),
    re.compile(r"\bcdn[\w.-]*\.(?:com|net|org|io)\b|//cdn|cdnjs|jsdelivr|unpkg|bootstrap|tom-select", re.I),
    re.compile(r"<link\b|<script[^>]*\bsrc\s*=|<iframe\b", re.I),
]


def conflict_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    nodes = [
        ("pakistan", "Pakistan", "State"),
        ("afghanistan", "Afghanistan", "State"),
        ("qatar", "Qatar", "State"),
        ("turkiye", "Türkiye", "State"),
        ("taliban-government", "Taliban government", "Government"),
        ("pakistan-armed-forces", "Pakistan Armed Forces", "ArmedForces"),
        ("ttp", "Tehrik-i-Taliban Pakistan", "NonStateArmedGroup"),
        ("united-nations", "United Nations", "InternationalOrganisation"),
        ("khawaja-asif", "Khawaja Asif", "Person"),
        ("kabul", "Kabul", "Place"),
        ("doha-talks-2025-10", "Doha talks", "Event"),
    ]
    for key, label, kind in nodes:
        g.add_node(
            ID + key,
            label=label,
            kind=kind,
            info={"types": [f"mkg:{kind}"], "sources": ["source-a", "source-b"]},
        )
    edges = [
        ("pakistan", "afghanistan", "attacked", "attacked", "2025-10-09", "2025-10-15"),
        ("afghanistan", "pakistan", "attacked", "attacked", "2025-10-11", "2025-10-12"),
        ("pakistan-armed-forces", "kabul", "attacked", "air strike", "2025-10-09", "2025-10-09"),
        ("qatar", "doha-talks-2025-10", "mediated", "mediated", "2025-10-18", "2025-10-19"),
        ("turkiye", "doha-talks-2025-10", "mediated", "co-mediated", "2025-10-18", "2025-10-19"),
        ("pakistan", "doha-talks-2025-10", "party-to-ceasefire", "party to ceasefire", "2025-10-19", None),
        ("afghanistan", "doha-talks-2025-10", "party-to-ceasefire", "party to ceasefire", "2025-10-19", None),
        ("pakistan", "afghanistan", "negotiated", "negotiated", "2025-10-18", "2025-10-19"),
        ("united-nations", "pakistan", "appealed-to", "appealed for restraint", "2025-10-12", None),
        ("pakistan", "ttp", "accused", "accused of cross-border attacks", "2025-10-10", None),
        ("khawaja-asif", "pakistan", "holds-post", "Minister of Defence", None, None),
    ]
    for a, b, relation, label, first, last in edges:
        attrs = {"relation": relation, "label": label}
        if first:
            attrs["first"] = first
        if last:
            attrs["last"] = last
        g.add_edge(ID + a, ID + b, **attrs)
    return g


def hostile_graph() -> nx.MultiDiGraph:
    g = conflict_graph()
    g.add_node(ID + "hostile-1", label=HOSTILE_LABEL, kind="Person", info={"note": HOSTILE_LABEL})
    g.add_node(
        ID + "hostile-2",
        label="Hostile info",
        kind=HOSTILE_SCRIPT,  # an unknown kind, shown in the legend and tooltip
        info={"quote": HOSTILE_SCRIPT, "sources": [HOSTILE_LINK, "https://example.org/x"]},
    )
    g.add_edge(ID + "hostile-1", ID + "hostile-2", relation="accused", label=HOSTILE_EDGE,
               info={"quote": HOSTILE_LINK})
    g.add_edge(ID + "hostile-2", ID + "pakistan", relation=HOSTILE_LINK, label="odd relation")
    return g


def large_graph(n: int = 1000, m: int = 3000, seed: int = 20251019) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    kinds = ["State", "Government", "Person", "InternationalOrganisation", "ArmedForces",
             "NonStateArmedGroup", "MediaOutlet", "Analyst", "Place", "Event"]
    relations = ["attacked", "mediated", "negotiated", "party-to-ceasefire", "appealed-to",
                 "accused", "holds-post"]
    g = nx.MultiDiGraph()
    for i in range(n):
        g.add_node(f"{ID}actor-{i}", label=f"Actor {i}", kind=rng.choice(kinds),
                   info={"sources": [f"source-{rng.randrange(50)}"]})
    for _ in range(m):
        a, b = rng.randrange(n), rng.randrange(n)
        day = rng.randint(1, 28)
        g.add_edge(f"{ID}actor-{a}", f"{ID}actor-{b}", relation=rng.choice(relations),
                   label="related", first=f"2025-10-{day:02d}", last=f"2025-10-{day:02d}",
                   weight=rng.randint(1, 5))
    return g


def page_data(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert found, "no kg-data script in the page"
    return json.loads(found.group(1))


def body_attrs(dom: str) -> dict[str, str]:
    body = re.search(r"<body([^>]*)>", dom)
    assert body, dom[:2000]
    return dict(re.findall(r'([\w-]+)="([^"]*)"', body.group(1)))


def ready_attrs(chromium: str, page_path: Path) -> tuple[dict[str, str], str]:
    dom = dump_dom(chromium, page_path)
    attrs = body_attrs(dom)
    assert "data-kg-error" not in attrs, attrs
    assert attrs.get("data-kg-ready") == "1", f"page not ready: {attrs}"
    return attrs, dom


# --------------------------------------------------------------------------- markup


def test_page_is_self_contained():
    page = render_html(conflict_graph(), title="Pakistan and Afghanistan, October 2025")
    for pattern in EXTERNAL_REFERENCES:
        assert not pattern.search(page), f"external reference: {pattern.search(page).group(0)!r}"
    # vis-network is inlined, with its licence header; pyvis's template is not used.
    assert "vis-network" in page and "@version 9.1.2" in page
    assert "new vis.Network(" in page and "DataSet" in page
    assert "drawGraph" not in page  # a function of pyvis's template
    assert "sourceMappingURL" not in page
    # Outside the inlined vis-network code, the page names no http(s) address at all.
    outside_vis = re.sub(r"<script>.*?</script>", "", page, flags=re.S)
    outside_vis = re.sub(r'<script type="application/json".*?</script>', "", outside_vis, flags=re.S)
    assert "http:" not in outside_vis and "https:" not in outside_vis
    # A Content-Security-Policy forbids any network access from the page.
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_vis_data_contents():
    g = conflict_graph()
    data = graph_to_vis_data(g)
    assert data["meta"] == {"layout": "physics", "nodes": 11, "edges": 11, "edgeLabels": True, "seed": 42}
    nodes = {n["id"]: n for n in data["nodes"]}
    assert set(nodes) == set(g.nodes)
    pakistan = nodes[ID + "pakistan"]
    assert pakistan["label"] == "Pakistan" and pakistan["kind"] == "State"
    assert pakistan["value"] == g.degree(ID + "pakistan") == 7
    assert pakistan["info"]["sources"] == ["source-a", "source-b"]
    assert "title" not in pakistan  # tooltips are built in the page, as DOM elements
    # Each kind has its own look.
    looks = {(n["shape"], n["color"]["background"]) for n in data["nodes"]}
    assert len(looks) == len({n["kind"] for n in data["nodes"]}) == 8
    # Edges: unique ids, coloured by relation, arrows, dates kept.
    edges = data["edges"]
    assert len({e["id"] for e in edges}) == len(edges) == 11
    assert all(e["arrows"] == "to" for e in edges)
    colours = {}
    for e in edges:
        colours.setdefault(e["relation"], set()).add(e["color"]["color"])
    assert all(len(c) == 1 for c in colours.values())
    assert len({next(iter(c)) for c in colours.values()}) == len(colours)
    strike = next(e for e in edges if e["text"] == "air strike")
    assert strike["label"] == "air strike" and strike["first"] == strike["last"] == "2025-10-09"
    # The parallel edges Pakistan <-> Afghanistan get distinct curves.
    pair = [e for e in edges if {e["from"], e["to"]} == {ID + "pakistan", ID + "afghanistan"}]
    assert len(pair) == 3

    def side(edge):  # signed curvature seen in one fixed direction
        smooth = edge.get("smooth")
        if not smooth:
            return 0.0
        sign = 1 if smooth["type"] == "curvedCW" else -1
        return smooth["roundness"] * sign * (1 if edge["from"] < edge["to"] else -1)

    assert len({side(e) for e in pair}) == 3
    # Legend: the kinds and relations present, with counts.
    assert {k["kind"]: k["count"] for k in data["legend"]["kinds"]}["State"] == 4
    assert {r["relation"] for r in data["legend"]["relations"]} == {
        "attacked", "mediated", "party-to-ceasefire", "negotiated", "appealed-to", "accused", "holds-post"
    }
    assert data["options"]["physics"]["stabilization"]["iterations"] <= 200


def test_legend_lists_kinds_and_relations():
    page = render_html(conflict_graph())
    legend = re.search(r'<details id="kg-legend".*?</details>', page, re.S).group(0)
    for text in ("State", "Non-state armed group", "International organisation", "Armed forces",
                 "attacked", "mediated", "party to ceasefire", "holds post"):
        assert f'<span class="kg-legend-text">{text}</span>' in legend


def test_output_does_not_depend_on_insertion_order():
    g = conflict_graph()
    reversed_graph = nx.MultiDiGraph()
    reversed_graph.add_nodes_from(reversed(list(g.nodes(data=True))))
    reversed_graph.add_edges_from(reversed(list(g.edges(data=True))))
    assert render_html(g) == render_html(reversed_graph)


def test_writes_the_file_atomically(tmp_path):
    target = tmp_path / "graph.html"
    target.write_text("old page", encoding="utf-8")
    page = render_html(conflict_graph(), target, title="Doha")
    assert target.read_text(encoding="utf-8") == page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]
    page2 = render_html(conflict_graph(), str(target), title="Doha")  # str path too
    assert page2 == page


def test_layout_argument():
    g = conflict_graph()
    with pytest.raises(ValueError, match="layout"):
        render_html(g, layout="spring")
    data = graph_to_vis_data(g, layout="python")
    assert data["meta"]["layout"] == "python"
    assert data["options"]["physics"] == {"enabled": False}
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])


def test_mid_sized_graph_starts_physics_from_the_python_layout():
    data = graph_to_vis_data(large_graph(150, 300))
    assert data["meta"]["layout"] == "physics" and data["options"]["physics"]["enabled"] is True
    assert all("x" in n and "y" in n for n in data["nodes"])
    assert "x" not in graph_to_vis_data(conflict_graph())["nodes"][0]  # small: vis lays it out


def test_odd_inputs():
    g = nx.MultiDiGraph()
    g.add_node(1)  # no label, no kind, an int id
    g.add_node(ID + "b", label="B", kind="Spaceship", info={"n": 3, "tags": {"y", "x"}, "none": None})
    g.add_edge(1, ID + "b", weight=float("nan"))  # no relation, no label, a weight that is not a number
    data = graph_to_vis_data(g)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["1"]["label"] == "1" and nodes["1"]["kind"] == "Unknown"
    assert nodes[ID + "b"]["info"] == {"n": "3", "tags": ["x", "y"]}
    assert data["edges"][0]["relation"] == "related" and "weight" not in data["edges"][0]
    json.dumps(data, allow_nan=False)
    simple = nx.DiGraph()
    simple.add_edge("a", "b", relation="attacked", label="attacked")
    assert [e["relation"] for e in graph_to_vis_data(simple)["edges"]] == ["attacked"]
    empty = render_html(nx.MultiDiGraph())
    assert page_data(empty)["nodes"] == []


# --------------------------------------------------------------------------- escaping


def test_hostile_strings_are_escaped_in_the_markup():
    page = render_html(hostile_graph(), title=HOSTILE_TITLE)
    for raw in ("<img src=x", "<script>alert", "</script><script>", '<a href="javascript'):
        assert raw not in page, raw
    # Outside the JSON, the hostile kind and relation appear escaped (legend).
    markup = re.sub(r'<script type="application/json".*?</script>', "", page, flags=re.S)
    legend_texts = re.findall(r'<span class="kg-legend-text">([^<]*)</span>', markup)
    assert HOSTILE_SCRIPT in map(html.unescape, legend_texts)
    assert HOSTILE_LINK in map(html.unescape, legend_texts)
    assert re.search(r"<(?:script|img|a)\b[^>]*>[^<]*alert", markup) is None
    escaped_title = html.escape(HOSTILE_TITLE)
    assert f"<title>{escaped_title}</title>" in page
    assert f'<h1 id="kg-title">{escaped_title}</h1>' in page
    # The JSON keeps every string intact.
    data = page_data(page)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes[ID + "hostile-1"]["label"] == HOSTILE_LABEL
    assert nodes[ID + "hostile-2"]["info"]["sources"][0] == HOSTILE_LINK
    assert any(e["text"] == HOSTILE_EDGE for e in data["edges"])


def test_hostile_page_in_chromium(chromium, tmp_path):
    page_path = tmp_path / "hostile.html"
    render_html(hostile_graph(), page_path, title=HOSTILE_TITLE)
    attrs, dom = ready_attrs(chromium, page_path)
    assert attrs["data-kg-nodes"] == "13"
    assert "<img" not in dom
    assert '<h1 id="kg-title">&lt;script&gt;alert(5)&lt;/script&gt;</h1>' in dom


def test_hostile_tooltips_in_chromium(chromium, tmp_path):
    """Without the Content-Security-Policy (which would block injected scripts anyway),
    the tooltips built by the page hold the hostile strings as text only."""
    page = render_html(hostile_graph(), title=HOSTILE_TITLE)
    page, removed = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    assert removed == 1
    probe_head = (
        "<script>window.alert = function (m) { document.documentElement.dataset.kgAlert = String(m); };</script>"
    )
    probe_body = """<script>
(function wait() {
  if (document.body.dataset.kgReady !== "1") { setTimeout(wait, 50); return; }
  var box = document.createElement("div");
  box.id = "kg-probe";
  window.kgNodes.get().concat(window.kgEdges.get()).forEach(function (item) {
    box.appendChild(item.title);
  });
  document.body.appendChild(box);
  document.body.dataset.kgProbe = String(box.children.length);
})();
</script>"""
    page = page.replace("<head>", "<head>" + probe_head, 1).replace("</body>", probe_body + "</body>", 1)
    page_path = tmp_path / "hostile-probe.html"
    page_path.write_text(page, encoding="utf-8")
    dom = dump_dom(chromium, page_path)
    attrs = body_attrs(dom)
    assert attrs.get("data-kg-probe") == str(13 + 13), attrs
    assert "data-kg-alert" not in dom
    assert "<img" not in dom and "<a " not in dom
    probe = re.search(r'<div id="kg-probe">(.*?)</div></body>', dom, re.S).group(1)
    assert html.escape(HOSTILE_LABEL, quote=False) in probe
    assert html.escape(HOSTILE_SCRIPT, quote=False) in probe
    assert html.escape(HOSTILE_LINK, quote=False) in probe
    assert html.escape(HOSTILE_EDGE, quote=False) in probe


# --------------------------------------------------------------------------- browser


@pytest.mark.parametrize(
    "name, graph",
    [
        ("conflict", conflict_graph),
        ("empty", nx.MultiDiGraph),
        ("large", large_graph),
    ],
)
def test_chromium_draws_every_node_and_edge(chromium, tmp_path, name, graph):
    g = graph()
    page_path = tmp_path / f"{name}.html"
    render_html(g, page_path, title=name)
    started = time.perf_counter()
    attrs, _ = ready_attrs(chromium, page_path)
    elapsed = time.perf_counter() - started
    assert attrs["data-kg-nodes"] == str(g.number_of_nodes())
    assert attrs["data-kg-edges"] == str(g.number_of_edges())
    expected = "python" if g.number_of_nodes() > PYTHON_LAYOUT_THRESHOLD else "physics"
    assert attrs["data-kg-layout"] == expected
    assert elapsed < 60


def _png_stats(png: bytes) -> tuple[int, int, int, float]:
    """(width, height, distinct byte values, share of non-zero bytes) of the
    decompressed image data; a blank page filters down to almost only zeros."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height = 8, [], 0, 0
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind = png[pos + 4 : pos + 8]
        body = png[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", png[pos + 8 + length : pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"bad CRC in {kind!r}"
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    raw = zlib.decompress(b"".join(idat))
    nonzero = 1 - raw.count(0) / len(raw)
    return width, height, len(set(raw)), nonzero


def test_screenshot_shows_the_graph(chromium, tmp_path):
    page_path = tmp_path / "conflict.html"
    render_html(conflict_graph(), page_path, title="Pakistan and Afghanistan, October 2025")
    png_path = screenshot(chromium, page_path, tmp_path / "conflict.png")
    artifacts = os.environ.get("KG_ARTIFACTS")
    if artifacts:
        os.makedirs(artifacts, exist_ok=True)
        shutil.copy(png_path, os.path.join(artifacts, "render-conflict.png"))
    png = Path(png_path).read_bytes()
    assert len(png) > 10_000
    width, height, distinct, nonzero = _png_stats(png)
    assert (width, height) == (1200, 900)
    assert distinct > 100, distinct
    # Measured: a blank page 0.0003, the page of an empty graph (heading only) 0.0026,
    # this graph 0.026.
    assert nonzero > 0.008, nonzero


# --------------------------------------------------------------------------- large graphs


def test_large_graph_is_laid_out_in_python_and_deterministic():
    g = large_graph()
    assert (g.number_of_nodes(), g.number_of_edges()) == (1000, 3000)
    started = time.perf_counter()
    page = render_html(g, title="1,000 actors")
    elapsed = time.perf_counter() - started
    data = page_data(page)
    assert data["meta"]["layout"] == "python"
    assert data["options"]["physics"]["enabled"] is False
    assert len(data["nodes"]) == 1000 and len(data["edges"]) == 3000
    xs = [n["x"] for n in data["nodes"]]
    ys = [n["y"] for n in data["nodes"]]
    assert all(isinstance(v, (int, float)) for v in xs + ys)
    assert len(set(zip(xs, ys))) == 1000  # no two nodes on the same spot
    assert 500 < max(xs) - min(xs) < 10_000 and 500 < max(ys) - min(ys) < 10_000
    assert data["meta"]["edgeLabels"] is False and "label" not in data["edges"][0]
    assert render_html(large_graph(), title="1,000 actors") == page
    assert elapsed < 30, f"rendering 1,000 nodes took {elapsed:.1f} s"


# --------------------------------------------------------------------------- notebook


@pytest.mark.filterwarnings("error")  # e.g. IPython's "Consider using IPython.display.IFrame"
def test_render_notebook(monkeypatch):
    pytest.importorskip("IPython")
    shown = render_notebook(conflict_graph(), title=HOSTILE_TITLE, height=500)
    markup = shown.data
    assert markup.startswith('<div class="kg-notebook"><iframe ') and markup.endswith("></iframe></div>")
    assert markup.count("<") == 4  # <div>, <iframe>, </iframe>, </div>: the page is in srcdoc
    assert 'sandbox="allow-scripts"' in markup and "height:500px" in markup
    assert "<script" not in markup and "<img" not in markup
    srcdoc = re.search(r'srcdoc="([^"]*)"', markup).group(1)
    assert html.unescape(srcdoc) == render_html(conflict_graph(), title=HOSTILE_TITLE)

    monkeypatch.setitem(sys.modules, "IPython.display", None)
    with pytest.raises(ImportError, match="IPython"):
        render_notebook(conflict_graph())
