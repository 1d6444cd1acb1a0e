"""The analytics (kg/graphs/analyze.py) and `kg analyze` / `kg render --graph ...`, on the seed store, the
veld scenario and a small made-up escalation: the answers by meaning, determinism, every output
format, and the errors a user can make."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from kgtest import HERE, run_kg, seed_store, seed_store_dir, under_hash_seeds  # noqa: F401  (fixtures)

from kg.build import build_memory
from kg.cli import ANALYSIS_NAMES, PROJECTION_NAMES, main
from kg.errors import KGError
from kg.graphs.analyze import (
    ANALYSES,
    NoPath,
    analyze,
    annotate_centrality,
    centrality,
    communities,
    escalation,
    escalation_chains,
    escalation_dag,
    mediators,
    shortest_path,
)
from kg.graphs.project import PROJECTIONS, project
from kg.sparql.results import format_rows

ID = "https://w3id.org/mediation-kg/id/"

ESCALATION = """
sources:
  - {id: hill-post-2031-06-07, title: "[Hill fighting]", publisher: hill-post, date: 2031-06-07}
source: hill-post-2031-06-07
actors:
  - {id: hill-post, type: media-outlet, name: Hill Post}
  - {id: eastmark, type: state, name: Eastmark}
  - {id: westmark, type: state, name: Westmark}
events:
  - {id: border-raid, type: strike, name: Westmark raid on a border post, date: 2031-06-01, attacker: westmark,
     target: eastmark}
  - {id: hill-offensive, type: armed-clash, name: Hill offensive, date: 2031-06-03/06, parties: [eastmark, westmark]}
  - {id: first-shelling, type: strike, name: Shelling of the hills, date: 2031-06-03, attacker: eastmark,
     target: westmark, responded_to: border-raid, part_of: hill-offensive}
  - {id: night-clash, type: armed-clash, name: Night clash, date: 2031-06-04, parties: [eastmark, westmark],
     part_of: hill-offensive}
  - {id: second-shelling, type: strike, name: Shelling of the valley, date: 2031-06-05, attacker: eastmark,
     target: westmark, part_of: hill-offensive}
  - {id: talks, type: negotiation-round, name: Talks, date: 2031-06-07, parties: [eastmark, westmark],
     after: hill-offensive}
"""


@pytest.fixture(scope="module")
def actors(seed_store):  # noqa: F811
    return project(seed_store, "actors")


@pytest.fixture(scope="module")
def events(seed_store):  # noqa: F811
    return project(seed_store, "events")


@pytest.fixture(scope="module")
def veld():
    return build_memory([HERE / "data" / "scenarios" / "veld.yaml"])


@pytest.fixture(scope="module")
def hills(tmp_path_factory):
    path = tmp_path_factory.mktemp("hills") / "hills.yaml"
    path.write_text(ESCALATION, encoding="utf-8")
    return build_memory([path])


# --- centrality --------------------------------------------------------------------------------

def test_centrality(actors):
    rows = centrality(actors)
    assert len(rows) == actors.number_of_nodes()
    by_label = {r["label"]: r for r in rows}
    assert rows[0]["label"] == "Pakistan"  # the hub: it fought, was mediated for, appealed to, spoken for
    assert by_label["Afghanistan"]["betweenness"] > by_label["Qatar"]["betweenness"] == 0
    assert by_label["Qatar"]["degree"] == 2 and by_label["Pakistan Taliban"]["degree"] == 0
    assert by_label["Pakistan"]["strength"] > by_label["Pakistan"]["degree"]  # many items behind its links
    for r in rows:
        assert 0 <= r["betweenness"] <= 1 and 0 <= r["degree_centrality"] <= 1
    assert [r["betweenness"] for r in rows] == sorted((r["betweenness"] for r in rows), reverse=True)


def test_annotate_centrality(seed_store):  # noqa: F811
    g = annotate_centrality(project(seed_store, "events"))
    rows = {r["node"]: r for r in centrality(g)}
    for node, d in g.nodes(data=True):
        assert d["betweenness"] == rows[node]["betweenness"] and d["degree_centrality"] == rows[node]["degree_centrality"]
    from kg.explorer import graph_to_vis_data
    assert graph_to_vis_data(g, size_by="betweenness")["meta"]["sizeBy"] == "betweenness"


# --- mediators ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["actors", "events"])
def test_mediators(seed_store, name):  # noqa: F811
    rows = mediators(project(seed_store, name))
    assert {r["label"] for r in rows} == {"Qatar", "Türkiye", "Saudi Arabia"}
    for r in rows:
        assert r["mediations"] == 1 and r["parties"] == ["Afghanistan", "Pakistan"]
    saudi = next(r for r in rows if r["label"] == "Saudi Arabia")
    assert (saudi["first"], saudi["last"]) == ("2026-02-01", "2026-02-28")
    assert saudi["events"] == ["Saudi mediation of the release of three Pakistani soldiers"]
    assert rows[-1]["label"] == "Saudi Arabia"  # ties broken by the earliest mediation first


def test_mediators_in_a_window_and_on_claims(seed_store):  # noqa: F811
    assert {r["label"] for r in mediators(project(seed_store, "actors", as_of="2025-11-01"))} == {"Qatar", "Türkiye"}
    with pytest.raises(KGError, match="actors or events"):
        mediators(project(seed_store, "claims"))


# --- escalation --------------------------------------------------------------------------------

def test_longest_escalation_chain(events):
    chains = escalation_chains(events)
    longest = chains["longest"]
    assert longest[0]["node"] == ID + "pakistan-air-strikes-weekend"
    assert (longest[0]["start"], longest[0]["end"]) == ("2026-02-21", "2026-02-22")
    last = events.nodes[longest[-1]["node"]]
    assert last["kind"] in ("Strike", "AirStrike") and "Pakistani strikes" in last["label"]
    assert "2026-02-26" <= last["start"] <= last["end"] <= "2026-02-27"
    assert longest[0]["link"] == "triggered" and longest[1]["node"] == ID + "afghan-retaliatory-attacks"
    assert longest[-1]["link"] is None and all(s["link"] for s in longest[:-1])
    assert [s["step"] for s in longest] == list(range(1, len(longest) + 1))
    starts = [s["start"] for s in longest]
    assert starts == sorted(starts)  # a chain runs forward in time
    assert all(events.nodes[s["node"]]["category"] == "MilitaryEvent" for s in longest)


def test_latest_chain_ends_with_the_last_thing_that_happened(events):
    latest = escalation_chains(events)["latest"]
    assert latest[-1]["start"] == "2026-02-27" and latest[0]["node"] == ID + "pakistan-air-strikes-weekend"
    rows = escalation(events)
    assert {r["chain"] for r in rows} == {"longest", "latest"}


def test_escalation_dag_orients_sub_events_in_time(events):
    import networkx as nx
    dag = escalation_dag(events)
    assert nx.is_directed_acyclic_graph(dag)
    fighting = ID + "february-2026-fighting"
    assert dag.edges[ID + "afghan-retaliatory-attacks", fighting]["link"] == "part of"  # starts with it
    assert dag.edges[fighting, ID + "pakistan-strikes-feb27"]["link"] == "included"  # starts later
    assert dag.edges[ID + "afghan-drone-strikes", ID + "pakistan-strikes-feb26-night-per-mujahid"]["link"] == "was followed by"
    assert ID + "saudi-mediation" not in dag  # diplomacy is not part of an escalation chain


def test_no_chain_before_the_escalation(seed_store):  # noqa: F811
    assert escalation(project(seed_store, "events", as_of="2026-02-25")) == []
    with pytest.raises(KGError, match="events graph"):
        escalation_chains(project(seed_store, "actors"))


def test_escalation_beyond_the_seed(hills, veld):
    chains = escalation_chains(project(hills, "events"))
    assert [s["label"] for s in chains["longest"]] == [
        "Westmark raid on a border post", "Shelling of the hills", "Hill offensive", "Shelling of the valley"]
    assert [s["link"] for s in chains["longest"]] == ["was answered by", "part of", "included", None]
    assert chains["latest"][-1]["label"] == "Shelling of the valley"
    assert escalation(project(veld, "events")) == []  # no causal link between military events there


# --- paths -------------------------------------------------------------------------------------

def test_path_names_what_the_mediation_produced(actors):
    (hop,) = shortest_path(actors, "saudi-arabia", "pakistan")
    assert (hop["from"], hop["to"]) == ("Saudi Arabia", "Pakistan")
    assert hop["events"] == ["Saudi mediation of the release of three Pakistani soldiers"]
    assert hop["produced"] == ["Release of three Pakistani soldiers held by Afghanistan"]
    assert hop["relations"] == ["-> mediated for"]


def test_path_on_the_events_graph(events):
    hops = shortest_path(events, "Saudi Arabia", "id:pakistan")
    assert [h["to_id"] for h in hops] == ["id:saudi-mediation", "id:pakistan"]
    assert all("Release of three Pakistani soldiers held by Afghanistan" in h["produced"] for h in hops)


def test_path_over_several_hops(actors):
    hops = shortest_path(actors, "qatar", "iran")
    assert len(hops) == 2 and hops[0]["from"] == "Qatar" and hops[-1]["to"] == "Iran"
    assert hops[0]["to"] == hops[1]["from"] in ("Afghanistan", "Pakistan")
    assert hops[1]["relations"] == ["<- appeal"]


def test_path_errors(actors):
    with pytest.raises(NoPath, match="no path between Pakistan and Pakistan Taliban") as e:
        shortest_path(actors, "pakistan", "pakistan-taliban")
    assert e.value.exit_code == 1
    with pytest.raises(KGError, match="did you mean 'pakistan'"):
        shortest_path(actors, "pakistn", "qatar")


# --- communities -------------------------------------------------------------------------------

def test_communities(actors):
    rows = communities(actors)
    members = [set(r["ids"]) for r in rows]
    every = [i for m in members for i in m]
    assert sorted(every) == sorted(f"id:{n[len(ID):]}" for n in actors) and len(every) == len(set(every))
    assert [r["size"] for r in rows] == sorted((r["size"] for r in rows), reverse=True)
    un = next(m for m in members if "id:united-nations" in m)
    assert {"id:antonio-guterres", "id:stephane-dujarric"} <= un
    assert any({"id:qatar", "id:turkiye"} <= m for m in members)
    assert communities(actors) == rows


@pytest.mark.slow  # two interpreters
def test_analytics_are_the_same_in_any_process():
    code = ("import json; from kg.build import build_memory; from kg.graphs.analyze import analyze; "
            "s = build_memory(validate=False); "
            "print(json.dumps([analyze(s, w, graph=g)[0] for w in ('communities', 'centrality') "
            "for g in ('actors', 'events', 'claims')]))")
    outs = under_hash_seeds(code, ("0", "3"))
    assert outs[0] == outs[1]


def test_no_numpy_or_scipy():
    """networkx's pure-Python algorithms only: every analysis runs with numpy and scipy unimportable."""
    code = ("import sys\n"
            "class Block:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name.split('.')[0] in ('numpy', 'scipy'): raise ImportError(name)\n"
            "sys.meta_path.insert(0, Block())\n"
            "from kg.build import build_memory; from kg.graphs.analyze import analyze, annotate_centrality\n"
            "from kg.graphs.project import project\n"
            "s = build_memory(validate=False)\n"
            "for w in ('centrality', 'mediators', 'communities'): analyze(s, w)\n"
            "analyze(s, 'escalation'); analyze(s, 'path', between=['qatar', 'iran'])\n"
            "annotate_centrality(project(s, 'claims')); print('ok')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


# --- the dispatcher and the formats --------------------------------------------------------------

def test_the_cli_names_match_the_registries():
    assert ANALYSIS_NAMES == list(ANALYSES) and PROJECTION_NAMES == list(PROJECTIONS)


def test_analyze_dispatcher(seed_store):  # noqa: F811
    rows, columns, _ = analyze(seed_store, "path", between=["saudi-arabia", "pakistan"])
    assert columns[0] == "step" and rows[0]["produced"]
    rows, _, _ = analyze(seed_store, "centrality", graph="claims", ego="zabihullah-mujahid", depth=1)
    assert {r["label"] for r in rows} >= {"Zabihullah Mujahid", "Zabihullah Mujahid: 55 killed (Pakistani soldiers)"}
    for kwargs, message in [({"what": "path", "between": ["qatar"]}, "needs two actors"),
                            ({"what": "mediators", "between": ["a", "b"]}, "takes no actors"),
                            ({"what": "escalation", "graph": "claims"}, "reads the events graph"),
                            ({"what": "rank"}, "no analysis 'rank'")]:
        with pytest.raises(KGError, match=message):
            analyze(seed_store, **kwargs)


def test_veld_analytics(veld):
    assert [r["label"] for r in analyze(veld, "mediators")[0]] == ["Norway", "African Union"]
    top = analyze(veld, "centrality")[0][:2]
    assert {r["label"] for r in top} == {"Northland", "Southland"}
    hops, _, _ = analyze(veld, "path", between=["norway", "african-union"])
    assert len(hops) == 2 and "Oslo truce" in hops[0]["events"] and "Talks in Geneva" in hops[1]["events"]


def test_format_rows():
    rows = [{"label": "Türkiye", "parties": ["A", "B"], "betweenness": 0.125, "first": None},
            {"label": "x,\"y\"", "parties": [], "betweenness": 1.5e-07, "first": "2026-02-01"}]
    table = format_rows(rows, "table", ("label", "parties", "betweenness"))
    assert "Türkiye" in table and "A; B" in table and "0.125" in table and "first" not in table and "(2 rows)" in table
    parsed = list(csv.DictReader(io.StringIO(format_rows(rows, "csv"), newline="")))
    # CSV is for machines: every digit (a table, for people, rounds to 4 places)
    assert parsed[1] == {"label": "x,\"y\"", "parties": "", "betweenness": "1.5e-07", "first": "2026-02-01"}
    assert "1.5e-07" not in format_rows(rows, "table", ("label", "betweenness"))
    assert next(csv.reader(io.StringIO(format_rows([], "csv", ("label", "betweenness"))))) == ["label", "betweenness"]
    assert json.loads(format_rows(rows, "json")) == rows
    assert format_rows([], "table") == "(no results)\n"


def test_format_rows_csv_is_safe_to_open_in_a_spreadsheet():
    """The CSV is for spreadsheets: formula-like text gets a leading ' (OWASP), numbers stay numbers;
    escape_formulas=False writes it as it is. JSON and the table are not spreadsheets: unchanged."""
    rows = [{"label": "=cmd|' /C calc'!A0", "parties": ["@SUM(A1)", "B"], "score": -3.5, "note": "-12"}]
    (row,) = csv.DictReader(io.StringIO(format_rows(rows, "csv"), newline=""))
    assert row == {"label": "'=cmd|' /C calc'!A0", "parties": "'@SUM(A1); B", "score": "-3.5", "note": "-12"}
    (row,) = csv.DictReader(io.StringIO(format_rows(rows, "csv", escape_formulas=False), newline=""))
    assert row["label"] == "=cmd|' /C calc'!A0" and row["parties"] == "@SUM(A1); B"
    assert json.loads(format_rows(rows, "json")) == rows


# --- the command -------------------------------------------------------------------------------

def kg(capsys, *args):
    """Run `kg` in this process (the real entry point, with its error handling): (code, out, err)."""
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args])
    out = capsys.readouterr()
    return e.value.code, out.out, out.err


CASES = [("centrality", []), ("mediators", []), ("escalation", []), ("path", ["saudi-arabia", "pakistan"]),
         ("communities", [])]


@pytest.mark.parametrize("what,extra", CASES)
def test_cli_analyze_every_format(capsys, seed_store_dir, what, extra):  # noqa: F811
    base = ["analyze", what, *extra, "--store", seed_store_dir]
    code, table, _ = kg(capsys, *base)
    assert code == 0 and ("rows)" in table or "row)" in table)
    code, text, _ = kg(capsys, *base, "-f", "csv")
    records = list(csv.DictReader(io.StringIO(text, newline="")))
    code2, text2, _ = kg(capsys, *base, "--format", "json")
    as_json = json.loads(text2)
    assert code == code2 == 0 and len(records) == len(as_json) > 0
    assert list(records[0]) == list(as_json[0])
    if what == "mediators":
        assert {r["label"] for r in records} == {"Qatar", "Türkiye", "Saudi Arabia"}
    if what == "path":
        assert "Release of three Pakistani soldiers held by Afghanistan" in table
        assert as_json[0]["produced"] == ["Release of three Pakistani soldiers held by Afghanistan"]
    if what == "escalation":
        assert as_json[0]["id"] == "id:pakistan-air-strikes-weekend"


def test_cli_analyze_options(capsys, seed_store_dir):  # noqa: F811
    code, out, _ = kg(capsys, "analyze", "path", "--between", "saudi-arabia", "pakistan", "--store", seed_store_dir)
    assert code == 0 and "Saudi mediation" in out
    code, out, _ = kg(capsys, "analyze", "mediators", "--as-of", "2025-11-01", "-f", "json", "--store", seed_store_dir)
    assert code == 0 and {r["label"] for r in json.loads(out)} == {"Qatar", "Türkiye"}
    code, out, _ = kg(capsys, "analyze", "centrality", "--graph", "events", "--ego", "saudi-arabia", "--depth", "1",
                      "-f", "json", "--store", seed_store_dir)
    assert code == 0 and {r["id"] for r in json.loads(out)} == {"id:saudi-arabia", "id:saudi-mediation"}
    code, out, _ = kg(capsys, "analyze", "escalation", "--from", "2026-02-26", "-f", "json", "--store", seed_store_dir)
    # without the weekend strikes, the retaliatory attacks trigger nothing: the chain starts with the drones
    assert code == 0 and json.loads(out)[0]["id"] == "id:afghan-drone-strikes"


@pytest.mark.parametrize("args,code,message", [
    (["path", "saudi-arabya", "pakistan"], 2, "did you mean 'saudi-arabia'"),
    (["path", "qatar"], 2, "path needs two actors"),
    (["path", "pakistan", "pakistan-taliban"], 1, "no path between Pakistan and Pakistan Taliban"),
    (["path", "qatar", "iran", "--between", "qatar", "iran"], 2, "not both"),
    (["centrality", "--as-of", "2026-02-30"], 2, "not a date"),
    (["centrality", "--to", "2026-01-01", "--as-of", "2026-02-01"], 2, "not both"),
    (["communities", "--ego", "nowhere"], 2, "nothing in the actors graph is called 'nowhere'"),
    (["escalation", "--graph", "actors"], 2, "reads the events graph"),
    (["mediators", "--graph", "claims"], 2, "reads the actors or events graph"),
    (["mediators", "qatar", "iran"], 2, "takes no actors"),
    (["ranking"], 2, "Invalid value"),
    (["centrality", "--graph", "people"], 2, "Invalid value"),
])
def test_cli_analyze_errors(seed_store_dir, args, code, message):  # noqa: F811
    proc = run_kg("analyze", *args, "--store", seed_store_dir)
    assert proc.returncode == code and message in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("command", ["analyze", "render"])
def test_help_has_examples(command):
    proc = run_kg(command, "--help")
    assert proc.returncode == 0 and "Example" in proc.stdout and f"kg {command} " in proc.stdout
    assert "--as-of" in proc.stdout and "--ego" in proc.stdout and "--graph" in proc.stdout


def test_cli_render_projections(capsys, seed_store_dir, tmp_path):  # noqa: F811
    page = tmp_path / "events.html"
    code, out, _ = kg(capsys, "render", "--graph", "events", "--as-of", "2025-11-01", "--size-by", "betweenness",
                      "-o", page, "--store", seed_store_dir)
    assert code == 0 and "the events graph" in out and page.stat().st_size > 10_000
    html = page.read_text(encoding="utf-8")
    assert "Deadly fighting between Afghanistan and Pakistan, October 2025" in html
    assert "Pakistani strikes on Kabul, Kandahar and other towns" not in html
    code, out, _ = kg(capsys, "render", "--ego", "saudi-arabia", "--size-by", "degree", "-o", tmp_path / "s.html",
                      "--store", seed_store_dir)
    assert code == 0 and "3 nodes" in out
    code, _, err = kg(capsys, "render", "--graph", "claims", "--ego", "nowhere", "-o", tmp_path / "x.html",
                      "--store", seed_store_dir)
    assert code == 2 and "nothing in the claims graph is called 'nowhere'" in err


def test_cli_render_keeps_the_page_within_its_limits(capsys, seed_store_dir, tmp_path):  # noqa: F811
    page = tmp_path / "events.html"
    code, out, err = kg(capsys, "render", "--graph", "events", "--max-nodes", "12", "--max-edges", "15", "-o", page,
                        "--store", seed_store_dir)
    assert code == 0 and "12 nodes, 15 edges" in out
    assert "This page shows the 12 most connected of its" in err and "heaviest" in err
    assert 'id="kg-notice"' in page.read_text(encoding="utf-8")
    code, out, err = kg(capsys, "render", "--graph", "events", "--max-nodes", "0", "--max-edges", "0", "-o", page,
                        "--store", seed_store_dir)
    assert code == 0 and "This page shows" not in err and 'id="kg-notice"' not in page.read_text(encoding="utf-8")


def test_escalation_dag_refuses_exactly_the_links_that_close_a_cycle():
    """The incremental cycle check agrees with asking networkx for a path back, link by link, on
    random link sequences (with many links against the running order, so nodes get reordered)."""
    import random

    import networkx as nx

    from kg.graphs.analyze import _IncrementalDag

    for trial in range(200):
        rng = random.Random(trial)
        n = rng.randint(2, 25)
        nodes = list(range(n))
        rng.shuffle(nodes)
        fast, slow = _IncrementalDag(nodes), nx.DiGraph()
        slow.add_nodes_from(nodes)
        for _ in range(rng.randint(1, 100)):
            a, b = rng.randrange(n), rng.randrange(n)
            if a == b or slow.has_edge(a, b):
                continue
            expected = not nx.has_path(slow, b, a)
            assert fast.add(a, b) == expected, (trial, a, b)
            if expected:
                slow.add_edge(a, b)
        assert nx.is_directed_acyclic_graph(slow)
        assert all(fast.order[u] < fast.order[v] for u, v in slow.edges)


def test_escalation_on_a_long_chain():
    """A chain of 3,000 military events, each after the one before it, plus links back in time that
    would close cycles: the DAG keeps the chain, refuses the links back, and the longest chain is the
    whole of it."""
    import networkx as nx

    g = nx.MultiDiGraph(name="events")
    n = 3000
    ids = [f"{ID}e{i:05d}" for i in range(n)]
    for i, node in enumerate(ids):
        day = f"2030-{1 + i // 250:02d}-{1 + (i % 250) // 10:02d}"
        g.add_node(node, label=f"e{i}", kind="AirStrike", group="event", category="MilitaryEvent",
                   start=day, end=day, info={})
    for i in range(1, n):
        g.add_edge(ids[i], ids[i - 1], key="after", relation="after")   # e_i came after e_{i-1}
        g.add_edge(ids[i - 1], ids[i], key="triggered", relation="triggered")
    for i in range(0, n - 10, 7):
        g.add_edge(ids[i + 10], ids[i], key="triggered", relation="triggered")  # back in time: a cycle
    dag = escalation_dag(g)
    assert nx.is_directed_acyclic_graph(dag)
    assert all(dag.has_edge(ids[i - 1], ids[i]) for i in range(1, n))
    assert not any(dag.has_edge(ids[i + 10], ids[i]) for i in range(0, n - 10, 7))
    chains = escalation_chains(g)
    assert [s["label"] for s in chains["longest"]] == [f"e{i}" for i in range(n)]
