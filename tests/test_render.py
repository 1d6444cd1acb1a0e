"""kg.explorer: a self-contained, offline, injection-safe HTML page of a projected graph.

Graphs are built here with networkx (no store needed). The browser tests use headless
Chromium with the network blocked (tests/browser.py); they skip when Chromium is
missing, and fail then if KG_STRICT=1.
"""

from __future__ import annotations

import datetime
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

from kg.explorer import (
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
HOSTILE_QUOTE = 'He said "<script>alert(2)</script>" and <a href="javascript:alert(3)">this</a>'

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


def contract_graph(hostile: bool = False) -> nx.MultiDiGraph:
    """A graph shaped as the projections' data contract says: actors, events,
    statements and claims with groups, dates, display strings of claims, rival claims,
    aggregated edges with the dated items behind them, and a numeric attribute."""
    g = nx.MultiDiGraph(name="events", relation_labels={"attacked": "attacked", "about": "is about", "rival": "rival figure"})
    def node(key, label, kind, group, **attrs):
        g.add_node(ID + key, label=label, kind=kind, group=group, info=attrs.pop("info", {}), **attrs)
    node("pakistan", "Pakistan", "State", "actor", betweenness=0.5)
    node("afghanistan", "Afghanistan", "State", "actor", betweenness=0.4)
    node("qatar", "Qatar", "State", "actor", betweenness=0.1)
    node("turkiye", "Türkiye", "State", "actor", betweenness=0.05)
    node("oct-fighting", "Deadly fighting, October 2025", "ArmedClash", "event", start="2025-10-11", end="2025-10-15", date="11–15 October 2025")
    node("doha-talks", "Doha talks", "NegotiationRound", "event", start="2025-10-18", end="2025-10-19", date="18–19 October 2025")
    node("ceasefire", "October ceasefire", "Ceasefire", "event", start="2025-10-19", end="2026-02-26")
    node("strikes-feb26", "Pakistani strikes on Kabul, Kandahar and Paktia", "AirStrike", "event", start="2026-02-26", end="2026-02-26",
         info={"source": "Al Jazeera, 2026-02-27", "according to": ["Zabihullah Mujahid"]})
    node("strikes-feb27", "Pakistani strikes on Khost and Paktika", "AirStrike", "event", start="2026-02-27", end="2026-02-27")
    node("operations", "Pakistani air and ground operations", "GroundOperation", "event", start="2026-02-26", end="2026-02-27")
    node("offer", "Offer of talks", "OfferToNegotiate", "statement", start="2026-02-27", end="2026-02-27",
         info={"quote": "we want to resolve this matter through dialogue"})
    claims = [
        ("chaudhry-killed", "274 Afghan fighters killed", "Ahmed Sharif Chaudhry", "killed", "Afghan forces and affiliated fighters", "274", "at least"),
        ("mujahid-killed", "13 Afghan soldiers killed", "Zabihullah Mujahid", "killed", "Afghan soldiers", "13", None),
        ("chaudhry-wounded", "400 Afghan fighters wounded", "Ahmed Sharif Chaudhry", "wounded", "Afghan forces and affiliated fighters", "400", "more than"),
        ("mujahid-wounded", "22 Afghan soldiers wounded", "Zabihullah Mujahid", "wounded", "Afghan soldiers", "22", None),
    ]
    for key, label, claimant, measure, whose, figure, qualifier in claims:
        claim = {"about": "Pakistani air and ground operations", "measure": measure, "group": whose, "figure": figure,
                 "claimant": claimant, "date": "2026-02-27", "verification": "not independently verified",
                 "source": "Al Jazeera, 2026-02-27"}
        if qualifier:
            claim["qualifier"] = qualifier
        node(key, label, "CasualtyClaim", "claim", start="2026-02-27", end="2026-02-27", claim=claim)
        g.add_edge(ID + key, ID + "operations", key="about", relation="about", label="is about")
    g.add_edge(ID + "chaudhry-killed", ID + "mujahid-killed", key="rival", relation="rival", label="rival figure")
    g.add_edge(ID + "chaudhry-wounded", ID + "mujahid-wounded", key="rival", relation="rival", label="rival figure")
    g.add_edge(ID + "pakistan", ID + "strikes-feb26", key="attacked", relation="attacked", label="attacked", first="2026-02-26", last="2026-02-26")
    g.add_edge(ID + "pakistan", ID + "strikes-feb27", key="attacked", relation="attacked", label="attacked", first="2026-02-27", last="2026-02-27")
    g.add_edge(ID + "pakistan", ID + "operations", key="attacked", relation="attacked", label="attacked", first="2026-02-26", last="2026-02-27", reported_only=True)
    g.add_edge(ID + "qatar", ID + "doha-talks", key="mediated", relation="mediated", label="mediated", first="2025-10-18", last="2025-10-19")
    g.add_edge(ID + "turkiye", ID + "doha-talks", key="mediated", relation="mediated", label="mediated", first="2025-10-18", last="2025-10-19")
    g.add_edge(ID + "pakistan", ID + "ceasefire", key="party-to-ceasefire", relation="party-to-ceasefire", label="party to ceasefire", first="2025-10-19")
    g.add_edge(ID + "afghanistan", ID + "ceasefire", key="party-to-ceasefire", relation="party-to-ceasefire", label="party to ceasefire", first="2025-10-19")
    g.add_edge(ID + "afghanistan", ID + "offer", key="OfferToNegotiate", relation="OfferToNegotiate", label="offer to negotiate", first="2026-02-27")
    g.add_edge(ID + "pakistan", ID + "oct-fighting", key="fought", relation="fought", label="fought", first="2025-10-11", last="2025-10-15")
    g.add_edge(ID + "afghanistan", ID + "oct-fighting", key="fought", relation="fought", label="fought", first="2025-10-11", last="2025-10-15")
    # Aggregated actor-to-actor edges with the dated events behind them.
    g.add_edge(ID + "pakistan", ID + "afghanistan", key="attacked", relation="attacked", label="attacked",
               weight=3, first="2025-10-09", last="2026-02-27", reported_only=False, items=[
                   {"id": ID + "strikes-feb27", "label": "Pakistani strikes on Khost and Paktika", "start": "2026-02-27", "end": "2026-02-27",
                    "according_to": ["Taliban government of Afghanistan"]},
                   {"id": ID + "strikes-feb26", "label": "Pakistani strikes on Kabul, Kandahar and Paktia", "start": "2026-02-26", "end": "2026-02-26",
                    "according_to": ["Zabihullah Mujahid"]},
                   {"id": ID + "kabul-strike-oct", "label": "Air strike on Kabul", "start": "2025-10-09", "end": "2025-10-09", "according_to": []},
               ])
    g.add_edge(ID + "afghanistan", ID + "pakistan", key="attacked", relation="attacked", label="attacked",
               weight=1, first="2026-02-26", last="2026-02-26", items=[
                   {"id": ID + "drone-strikes", "label": "Afghan drone strikes on Pakistani military positions", "start": "2026-02-26", "end": "2026-02-26"},
               ])
    if hostile:
        node("hostile", HOSTILE_LABEL, "NonStateArmedGroup", "actor", info={"quote": HOSTILE_QUOTE, "source": HOSTILE_QUOTE})
        node("hostile-claim", "Hostile claim " + HOSTILE_LABEL, "CasualtyClaim", "claim", start="2026-02-27",
             claim={"about": HOSTILE_QUOTE, "measure": "killed", "group": HOSTILE_LABEL, "figure": "99", "qualifier": "<b>about</b>",
                    "claimant": HOSTILE_LABEL, "date": "2026-02-27", "verification": HOSTILE_QUOTE, "source": HOSTILE_QUOTE},
             status="disputed", independent_sources=1, asserted_by=HOSTILE_LABEL, disputed_by=HOSTILE_QUOTE)
        g.add_edge(ID + "hostile-claim", ID + "chaudhry-killed", key="rival", relation="rival", label="rival figure")
        g.add_edge(ID + "hostile-claim", ID + "operations", key="about", relation="about", label="is about")
        g.add_edge(ID + "hostile", ID + "pakistan", key="attacked", relation="attacked", label=HOSTILE_QUOTE,
                   status="disputed", disputed_by=HOSTILE_LABEL, reported_only=True,
                   items=[{"id": ID + "x", "label": HOSTILE_QUOTE, "start": "2026-02-26", "according_to": [HOSTILE_LABEL],
                           "status": "disputed", "independent_sources": 1, "asserted_by": HOSTILE_QUOTE,
                           "disputed_by": HOSTILE_LABEL}])
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
    assert data["meta"] == {
        "layout": "physics", "nodes": 11, "edges": 11, "edgeLabels": True, "seed": 42,
        "sizeBy": "degree", "sizeOptions": ["degree"], "dates": {"min": "2025-10-09", "max": "2025-10-19"},
        "notice": None,
    }
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
    box.appendChild(window.kgExplorer.tooltip(item.id));
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


@pytest.mark.slow
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


# --------------------------------------------------------------------------- explorer data


def _nodes(data: dict) -> dict[str, dict]:
    return {n["id"]: n for n in data["nodes"]}


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def test_size_by_a_numeric_node_attribute():
    g = contract_graph()
    data = graph_to_vis_data(g, size_by="betweenness")
    nodes = _nodes(data)
    assert data["meta"]["sizeBy"] == "betweenness"
    assert data["meta"]["sizeOptions"] == ["degree", "betweenness"]
    assert nodes[ID + "pakistan"]["value"] == 0.5 and nodes[ID + "pakistan"]["metrics"] == {"betweenness": 0.5}
    assert nodes[ID + "doha-talks"]["value"] == 0 and "metrics" not in nodes[ID + "doha-talks"]
    assert nodes[ID + "pakistan"]["degree"] == g.degree(ID + "pakistan")
    by_degree = _nodes(graph_to_vis_data(g))
    assert by_degree[ID + "pakistan"]["value"] == g.degree(ID + "pakistan")
    page = render_html(g, size_by="betweenness")
    assert '<option value="betweenness" selected>' in page and 'data-kg-size-by="betweenness"' in page
    assert 'id="kg-size"' not in render_html(conflict_graph())  # only degree: no choice to offer

    with pytest.raises(ValueError, match=r"size_by='closeness'.*available: degree, betweenness$"):
        render_html(g, size_by="closeness")
    # Text, bools and layout coordinates are not measures.
    g.nodes[ID + "qatar"].update(flag=True, note="3", x=1.5)
    for name in ("flag", "note", "x", "label"):
        with pytest.raises(ValueError, match=r"available: degree, betweenness$"):
            graph_to_vis_data(g, size_by=name)


def test_event_kinds_have_their_own_looks_and_legend_groups():
    data = graph_to_vis_data(contract_graph())
    nodes = _nodes(data)
    strike = nodes[ID + "strikes-feb26"]
    r, g, b = _rgb(strike["color"]["background"])
    assert strike["shape"] == "star" and r > g and r > b  # attacks: red-ish stars
    talks = nodes[ID + "doha-talks"]
    r, g, b = _rgb(talks["color"]["background"])
    assert talks["shape"] == "diamond" and g > r and g > b  # negotiation: green
    r, g, b = _rgb(nodes[ID + "ceasefire"]["color"]["background"])
    assert b > r and b > g  # ceasefire: blue
    assert nodes[ID + "chaudhry-killed"]["shape"] == "triangleDown"
    assert nodes[ID + "offer"]["shape"] == "triangle"
    assert nodes[ID + "chaudhry-killed"]["kgGroup"] == "claim" and "group" not in nodes[ID + "chaudhry-killed"]
    # One look per kind; the legend lists the kinds by group, in a fixed order of groups.
    looks = {(n["kind"], n["shape"], n["color"]["background"]) for n in data["nodes"]}
    assert len(looks) == len({look[1:] for look in looks}) == len({n["kind"] for n in data["nodes"]})
    kinds = data["legend"]["kinds"]
    assert [k["group"] for k in kinds] == ["actor"] + ["event"] * 5 + ["statement", "claim"]
    assert {k["kind"]: k["count"] for k in kinds}["AirStrike"] == 2
    page = render_html(contract_graph())
    legend = re.search(r'<details id="kg-legend".*?</details>', page, re.S).group(0)
    assert re.findall(r"<h2>([^<]*)</h2>", legend) == ["Actors", "Events", "Statements", "Claims", "Relations",
                                                       "Standing"]
    for kind in ("State", "AirStrike", "ArmedClash", "Ceasefire", "GroundOperation", "NegotiationRound",
                 "OfferToNegotiate", "CasualtyClaim"):
        assert f'<input type="checkbox" checked data-kind="{kind}">' in legend
    for relation in ("attacked", "about", "rival", "mediated", "fought"):
        assert f'<input type="checkbox" checked data-relation="{relation}">' in legend
    # How the edges stand (one rests only on reports), each standing a filter too.
    assert re.findall(r'data-status="([^"]*)"', legend) == ["stated", "reported"]
    # A kind the tables do not know takes the shape of its group.
    extra = contract_graph()
    extra.add_node(ID + "siege", label="Siege", kind="Siege", group="event")
    extra.add_node(ID + "rumour", label="Rumour", kind="Rumour", group="claim")
    extra_nodes = _nodes(graph_to_vis_data(extra))
    assert extra_nodes[ID + "siege"]["shape"] == "star" and extra_nodes[ID + "rumour"]["shape"] == "triangleDown"


def test_rival_claims_and_claims_about_an_event():
    g = contract_graph()
    nodes = _nodes(graph_to_vis_data(g))
    killed = nodes[ID + "chaudhry-killed"]
    assert killed["rivals"] == [ID + "mujahid-killed"]
    assert nodes[ID + "mujahid-killed"]["rivals"] == [ID + "chaudhry-killed"]
    assert killed["claim"] == {
        "about": "Pakistani air and ground operations", "measure": "killed",
        "group": "Afghan forces and affiliated fighters", "figure": "274", "qualifier": "at least",
        "claimant": "Ahmed Sharif Chaudhry", "date": "2026-02-27", "verification": "not independently verified",
        "source": "Al Jazeera, 2026-02-27",
    }
    # Claims about an event: by measure, then date, then claimant.
    assert nodes[ID + "operations"]["claims"] == [
        ID + "chaudhry-killed", ID + "mujahid-killed", ID + "chaudhry-wounded", ID + "mujahid-wounded",
    ]
    assert all("claims" not in nodes[ID + key] for key in ("pakistan", "strikes-feb26", "chaudhry-killed"))
    # Rivals are transitive; a claim links to its event by its "about" text too.
    g.add_node(ID + "third", label="A third figure", kind="CasualtyClaim", group="claim",
               claim={"about": "Deadly fighting, October 2025", "measure": "killed", "figure": "50",
                      "claimant": "Someone"})
    g.add_edge(ID + "third", ID + "mujahid-killed", key="rival", relation="rival")
    nodes = _nodes(graph_to_vis_data(g))
    assert nodes[ID + "chaudhry-killed"]["rivals"] == [ID + "third", ID + "mujahid-killed"]  # undated first
    assert nodes[ID + "oct-fighting"]["claims"] == [ID + "third"]
    assert nodes[ID + "operations"]["claims"][-1] == ID + "mujahid-wounded"


def test_dates_items_and_reported_edges():
    g = contract_graph()
    data = graph_to_vis_data(g)
    assert data["meta"]["dates"] == {"min": "2025-10-09", "max": "2026-02-27"}
    nodes = _nodes(data)
    assert nodes[ID + "doha-talks"]["start"] == "2025-10-18" and nodes[ID + "doha-talks"]["date"] == "18–19 October 2025"
    assert "start" not in nodes[ID + "pakistan"]
    edges = {(e["from"], e["to"], e["relation"]): e for e in data["edges"]}
    attacks = edges[(ID + "pakistan", ID + "afghanistan", "attacked")]
    assert [i["start"] for i in attacks["items"]] == ["2025-10-09", "2026-02-26", "2026-02-27"]  # sorted
    assert attacks["items"][0] == {"id": ID + "kabul-strike-oct", "label": "Air strike on Kabul",
                                   "start": "2025-10-09", "end": "2025-10-09"}
    assert attacks["items"][1]["according_to"] == ["Zabihullah Mujahid"]
    assert attacks["weight"] == 3 and attacks["first"] == "2025-10-09"
    reported = edges[(ID + "pakistan", ID + "operations", "attacked")]
    assert reported["reported"] is True and reported["dashes"] == [2, 5]
    assert "reported" not in attacks and "dashes" not in attacks
    assert [(s["status"], s["count"], s["line"]) for s in data["legend"]["standings"]] == [
        ("stated", 17, "solid"), ("reported", 1, "dotted")]
    assert attacks["status"] == "stated" and reported["status"] == "reported"
    # The date slider runs from the earliest to the latest day, then "all".
    page = render_html(g)
    days = (datetime.date(2026, 2, 27) - datetime.date(2025, 10, 9)).days
    assert f'<input type="range" id="kg-asof" min="0" max="{days + 1}" step="1" value="{days + 1}"' in page
    assert '<label for="kg-asof">As of</label>' in page and '<label for="kg-search">Find</label>' in page
    assert '<aside id="kg-panel" aria-labelledby="kg-panel-title" hidden>' in page
    # Dates given as date objects; a graph without dates has no slider.
    g2 = nx.MultiDiGraph()
    g2.add_node("a", label="A", start=datetime.date(2025, 10, 1))
    g2.add_node("b", label="B")
    g2.add_edge("a", "b", relation="met", first=datetime.date(2025, 9, 30))
    assert graph_to_vis_data(g2)["meta"]["dates"] == {"min": "2025-09-30", "max": "2025-10-01"}
    g2.nodes["a"].pop("start")
    g2.edges["a", "b", 0].pop("first")
    assert graph_to_vis_data(g2)["meta"]["dates"] is None
    assert 'id="kg-asof"' not in render_html(g2)


def test_contract_graph_output_does_not_depend_on_insertion_order():
    g = contract_graph(hostile=True)
    shuffled = nx.MultiDiGraph(**g.graph)
    shuffled.add_nodes_from(reversed(list(g.nodes(data=True))))
    for u, v, key, attrs in reversed(list(g.edges(keys=True, data=True))):
        attrs = dict(attrs)
        if "items" in attrs:
            attrs["items"] = list(reversed(attrs["items"]))
        shuffled.add_edge(u, v, key=key, **attrs)
    assert render_html(g, size_by="betweenness") == render_html(shuffled, size_by="betweenness")


def test_hostile_claims_and_items_are_escaped_in_the_markup():
    page = render_html(contract_graph(hostile=True), title=HOSTILE_TITLE)
    for raw in ("<img src=x", "<script>alert", '<a href="javascript', "<b>about"):
        assert raw not in page, raw
    nodes = _nodes(page_data(page))
    claim = nodes[ID + "hostile-claim"]["claim"]
    assert claim["claimant"] == HOSTILE_LABEL and claim["source"] == HOSTILE_QUOTE
    edge = next(e for e in page_data(page)["edges"] if e["from"] == ID + "hostile")
    assert edge["items"][0]["label"] == HOSTILE_QUOTE and edge["items"][0]["according_to"] == [HOSTILE_LABEL]
    assert (edge["assertedBy"], edge["disputedBy"]) == (HOSTILE_QUOTE, HOSTILE_LABEL)
    assert nodes[ID + "hostile-claim"]["disputedBy"] == HOSTILE_QUOTE


@pytest.mark.slow
def test_multilevel_layout_separates_clusters():
    """A component above the multilevel threshold is laid out coarse to fine: 40 dense
    clusters joined by a few edges come out with short edges (measured: median edge
    3.5 times the median nearest-neighbour distance; a random placement gives ~40)."""
    import math
    import statistics

    from kg.explorer.layout import _MULTILEVEL_MIN, _median_nearest, python_layout

    rng = random.Random(1)
    g = nx.Graph()
    for c in range(40):
        g.add_nodes_from(f"{c}-{i}" for i in range(100))
        g.add_edges_from((f"{c}-{rng.randrange(100)}", f"{c}-{rng.randrange(100)}") for _ in range(300))
    g.add_edges_from((f"{rng.randrange(40)}-{rng.randrange(100)}", f"{rng.randrange(40)}-{rng.randrange(100)}")
                     for _ in range(200))
    biggest = max(nx.connected_components(g), key=len)
    assert len(biggest) > _MULTILEVEL_MIN
    pos = python_layout(sorted(g.nodes), sorted(g.edges))
    assert len(set(pos.values())) == g.number_of_nodes()
    nearest = _median_nearest([(x / 34, y / 34) for x, y in pos.values()]) * 34
    ratio = statistics.median(math.dist(pos[a], pos[b]) for a, b in g.edges if a != b) / nearest
    assert ratio < 6, ratio


def star_forest(n_hubs: int = 30, leaves: int = 20) -> nx.MultiDiGraph:
    """Hubs of decreasing size (hub i has ``leaves - i // 2`` leaves), each hub-leaf edge weighted
    by the leaf's number: who is most connected and which edges are heaviest is known."""
    g = nx.MultiDiGraph(name="actors", relation_labels={"attacked": "attacked"})
    for h in range(n_hubs):
        hub = f"{ID}hub-{h:03d}"
        g.add_node(hub, label=f"Hub {h}", kind="State", group="actor", info={})
        for leaf in range(leaves - h // 2):
            node = f"{ID}leaf-{h:03d}-{leaf:03d}"
            g.add_node(node, label=f"Leaf {h}.{leaf}", kind="Person", group="actor", info={})
            g.add_edge(hub, node, key="attacked", relation="attacked", label="attacked", weight=leaf + 1)
    return g


def test_a_page_keeps_the_most_connected_nodes_and_says_so(tmp_path):
    from kg.explorer import page_cut

    g = star_forest()
    small, notice = page_cut(g, max_nodes=g.number_of_nodes(), max_edges=g.number_of_edges())
    assert small is g and notice is None  # within the limits: untouched, no notice

    cut, notice = page_cut(g, max_nodes=10, max_edges=None)
    assert sorted(cut) == [f"{ID}hub-{h:03d}" for h in range(10)]  # every hub has more links than a leaf
    assert cut.number_of_edges() == 0 and cut.graph["name"] == "actors"
    assert "the 10 most connected of its" in notice and "--ego" in notice

    cut, notice = page_cut(g, max_nodes=None, max_edges=25)
    weights = sorted((d["weight"] for *_, d in cut.edges(keys=True, data=True)), reverse=True)
    assert weights == sorted((d["weight"] for *_, d in g.edges(keys=True, data=True)), reverse=True)[:25]
    assert "the 25 heaviest of the" in notice
    assert set(cut) == set(g)  # only links were dropped

    page = render_html(g, tmp_path / "cut.html", max_nodes=40, max_edges=None)
    assert 'id="kg-notice"' in page and "the 40 most connected of its" in page
    data = page_data(page)
    assert len(data["nodes"]) == 40 and data["meta"]["notice"].startswith("This page shows")
    assert 'id="kg-notice"' not in render_html(conflict_graph())  # a small graph: no notice

    again, _ = page_cut(nx.MultiDiGraph(reversed(list(g.edges(keys=True, data=True)))), max_nodes=10, max_edges=None)
    assert sorted(again) == sorted(page_cut(g, max_nodes=10, max_edges=None)[0])  # whatever the insertion order


def test_a_link_lists_its_latest_items():
    from kg.explorer import MAX_EDGE_ITEMS

    g = conflict_graph()
    days = [f"2025-10-{d:02d}" for d in range(1, 31)]
    items = [{"id": f"{ID}strike-{d}", "label": f"strike {d}", "start": d, "end": d, "according_to": []} for d in days]
    g.add_edge(ID + "qatar", ID + "kabul", key="attacked", relation="attacked", label="attacked", weight=len(items),
               first=days[0], last=days[-1], items=items[::-1], info={"because of": [f"strike {d}" for d in days]})
    edge = next(e for e in graph_to_vis_data(g)["edges"] if e["to"] == ID + "kabul" and e["from"] == ID + "qatar")
    assert [i["start"] for i in edge["items"]] == days[-MAX_EDGE_ITEMS:]
    assert edge["info"]["because of"] == [f"strike {d}" for d in days[-MAX_EDGE_ITEMS:]]
    assert edge["info"]["listed here"].startswith(f"the latest {MAX_EDGE_ITEMS} of 30")
    assert edge["weight"] == 30 and edge["first"] == days[0]


def test_kg_render_defaults_are_the_page_limits():
    """`kg render --help` shows the limits without importing the renderer, so the command states
    them as literals: they must stay the renderer's own."""
    from kg import cli, explorer

    defaults = {p.name: p.default for p in cli.cli.commands["render"].params}
    assert (defaults["max_nodes"], defaults["max_edges"]) == (explorer.MAX_PAGE_NODES, explorer.MAX_PAGE_EDGES)


def test_edges_and_nodes_by_their_standing():
    """An edge stands as the graph says (else reported when it rests only on reports, else
    stated); who asserts and who denies it gathers its items' names; a disputed edge is drawn dark
    red, dash-dot and marked, whatever its relation; a node keeps how it stands."""
    from kg.explorer.styles import DISPUTED_COLOUR, DISPUTED_DASHES, RELATION_STYLES

    g = contract_graph()
    qatar_talks = g.edges[ID + "qatar", ID + "doha-talks", "mediated"]
    qatar_talks.update(status="disputed", items=[
        {"id": ID + "talks-1", "label": "talks", "start": "2025-10-18", "status": "disputed", "asserted_by": "Qatar; Türkiye",
         "disputed_by": "Afghanistan", "independent_sources": 2},
        {"id": ID + "talks-2", "label": "more talks", "start": "2025-10-19", "status": "disputed", "asserted_by": "Qatar",
         "disputed_by": "Pakistan; Afghanistan"},
    ])
    g.edges[ID + "turkiye", ID + "doha-talks", "mediated"]["status"] = "<b>odd</b>"  # not a standing: stated
    g.edges[ID + "pakistan", ID + "strikes-feb26", "attacked"]["status"] = "corroborated"
    g.nodes[ID + "doha-talks"].update(status="corroborated", independent_sources=3, asserted_by="Qatar; Türkiye")
    data = graph_to_vis_data(g)
    edges = {(e["from"], e["to"], e["relation"]): e for e in data["edges"]}
    talks = edges[(ID + "qatar", ID + "doha-talks", "mediated")]
    assert (talks["status"], talks["assertedBy"], talks["disputedBy"]) == ("disputed", "Qatar; Türkiye", "Afghanistan; Pakistan")
    assert talks["color"]["color"] == DISPUTED_COLOUR and talks["dashes"] == list(DISPUTED_DASHES)
    assert talks["label"] == "\u26a0 mediated" and talks["text"] == "mediated" and talks["reported"] is True
    assert talks["items"][0]["status"] == "disputed" and talks["items"][0]["independent_sources"] == 2
    assert "independent_sources" not in talks["items"][1]
    other = edges[(ID + "turkiye", ID + "doha-talks", "mediated")]
    assert other["status"] == "stated" and "dashes" not in other and other["color"]["color"] == RELATION_STYLES["mediated"][1]
    assert edges[(ID + "pakistan", ID + "operations", "attacked")]["status"] == "reported"  # reported_only
    strike = edges[(ID + "pakistan", ID + "strikes-feb26", "attacked")]
    assert strike["status"] == "corroborated" and "dashes" not in strike and "assertedBy" not in strike
    assert [(s["status"], s["count"]) for s in data["legend"]["standings"]] == [
        ("corroborated", 1), ("stated", 15), ("reported", 1), ("disputed", 1)]
    nodes = _nodes(data)
    assert {k: nodes[ID + "doha-talks"].get(k) for k in ("status", "sources", "assertedBy", "disputedBy")} == {
        "status": "corroborated", "sources": 3, "assertedBy": "Qatar; Türkiye", "disputedBy": None}
    assert "status" not in nodes[ID + "pakistan"]
    # Every edge stated: no standing to tell apart, no filter.
    plain = render_html(conflict_graph())
    legend = re.search(r'<details id="kg-legend".*?</details>', plain, re.S).group(0)
    assert page_data(plain)["legend"]["standings"] == [] and "data-status" not in legend
