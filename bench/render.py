"""Render benchmark: our HTML page for a large graph, in Python and in headless Chromium; pyvis for contrast.

    python bench/render.py [--nodes 5000] [--edges 20000] [--repeat 3] [--cap 120] [--no-pyvis]
                           [--out docs/benchmarks.md]

A deterministic synthetic graph in the projections' data contract (actors and events; relations
between actors with dated items, actors taking part in events; parallel edges; hubs) is rendered
with ``kg.explorer.render_html`` (median of --repeat runs). Each page is then opened in headless
Chromium (Playwright driving /usr/bin/chromium, a fresh browser context per run, every request
that is not the page's own file aborted and counted) and timed until it is interactive: the page
sets ``body[data-kg-ready="1"]`` once every node is in ``window.kgNodes`` and the first frame is
drawn, and records ``performance.now()`` at that moment in ``body.dataset.kgReadyMs``.

For contrast, pyvis 0.3.2's own page for the same graph (``Network(directed=True,
cdn_resources="in_line")``, default physics, built with ``add_node``/``add_edge``), served
offline: its remaining CDN ``<link>``/``<script>`` tags (Bootstrap, vis CSS) are removed, vis-network
is inlined. Timed to its first frame after stabilisation (``stabilizationIterationsDone`` then
``afterDrawing``) and until physics reports ``stabilized``, each capped at --cap seconds.

Writes its section of docs/benchmarks.md between ``<!-- render:start -->`` and ``<!-- render:end -->``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

from report import write_section  # bench/report.py: the script's folder is on sys.path

START, END = "<!-- render:start -->", "<!-- render:end -->"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from kg.namespaces import ID  # noqa: E402  (after the checkout is on sys.path)

TARGET_S = 3.0
CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--proxy-server=127.0.0.1:9",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]

ACTOR_KINDS = [("State", 30), ("Government", 10), ("ArmedForces", 15), ("NonStateArmedGroup", 20),
               ("InternationalOrganisation", 5), ("Person", 40), ("MediaOutlet", 5)]
EVENT_KINDS = ["Airstrike", "Clash", "Mediation", "Negotiation", "Ceasefire", "Statement", "Meeting"]
ACTOR_RELATIONS = ["attacked", "mediated", "negotiated", "ceasefire", "accused", "fought", "captured", "released"]
EVENT_RELATIONS = {"Airstrike": "carried-out", "Clash": "fought-in", "Mediation": "mediated", "Negotiation": "negotiated",
                   "Ceasefire": "party-to", "Statement": "stated", "Meeting": "attended"}
SOURCES = ["Al Jazeera", "Reuters", "ISPR", "Taliban spokesperson", "UN OCHA", "Dawn", "TOLOnews"]


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --- the graph --------------------------------------------------------------------------------

def synthetic_graph(n_nodes: int = 5000, n_edges: int = 20000, seed: int = 42):
    """``n_nodes`` actors (2 in 5) and events, ``n_edges`` edges (2 in 5 between actors, the rest
    actor -> event), in the data contract of kg.graphs.project's projections. Actors are picked with a
    Zipf-like bias, so there are hubs and parallel edges. Same arguments, same graph."""
    import networkx as nx

    rng = random.Random(seed)
    g = nx.MultiDiGraph(name="synthetic", relation_labels={})
    n_actors = max(2, n_nodes * 2 // 5)
    n_events = n_nodes - n_actors
    day0 = dt.date(2025, 1, 1)
    kinds, weights = zip(*ACTOR_KINDS)
    actors = []
    for i in range(n_actors):
        kind = rng.choices(kinds, weights)[0]
        iri = f"{ID}actor-{i}"
        info = {"id": f"id:actor-{i}"}
        if kind == "State" and rng.random() < 0.5:
            info["Wikidata"] = f"http://www.wikidata.org/entity/Q{rng.randint(100, 99999)}"
        g.add_node(iri, label=f"{kind} {i}" if rng.random() < 0.9 else f"Türkiye & <{i}> \"q\"",
                   kind=kind, group="actor", info=info)
        actors.append(iri)
    events = []
    for i in range(n_events):
        kind = rng.choice(EVENT_KINDS)
        start = day0 + dt.timedelta(days=rng.randrange(700))
        end = start + dt.timedelta(days=rng.choice([0, 0, 0, 1, 2, 6]))
        iri = f"{ID}event-{i}"
        g.add_node(iri, label=f"{kind} {start.isoformat()} #{i}", kind=kind, group="event",
                   start=start.isoformat(), end=end.isoformat(), date=start.isoformat(),
                   info={"id": f"id:event-{i}", "source": rng.choice(SOURCES)})
        events.append(iri)
    cumulative, total = [], 0.0
    for rank in range(n_actors):
        total += 1 / (rank + 1) ** 0.8
        cumulative.append(total)

    def actor():
        return rng.choices(actors, cum_weights=cumulative)[0]

    n_actor_edges, count = n_edges * 2 // 5, 0  # (number_of_edges() walks the whole graph: count instead)
    while count < n_actor_edges:
        u, v, relation = actor(), actor(), rng.choice(ACTOR_RELATIONS)
        if u == v or g.has_edge(u, v, relation):
            continue
        items = []
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            start = day0 + dt.timedelta(days=rng.randrange(700))
            according = sorted(rng.sample(SOURCES, rng.choice([0, 0, 1, 2])))
            items.append({"id": f"{ID}item-{rng.randrange(10**9)}", "label": f"{relation} on {start.isoformat()}",
                          "start": start.isoformat(), "end": start.isoformat(), "according_to": according})
        items.sort(key=lambda item: item["start"])
        reported_only = all(item["according_to"] for item in items)
        label = relation.replace("-", " ")
        g.graph["relation_labels"][relation] = label
        g.add_edge(u, v, key=relation, relation=relation, label=label + (" (reported)" if reported_only else ""),
                   weight=len(items), first=items[0]["start"], last=items[-1]["end"], reported_only=reported_only,
                   info={"because of": [item["label"] for item in items]}, items=items)
        count += 1
    while count < n_edges:
        u, e = actor(), rng.choice(events)
        relation = EVENT_RELATIONS[g.nodes[e]["kind"]]
        if g.has_edge(u, e, relation):
            continue
        g.graph["relation_labels"][relation] = relation.replace("-", " ")
        g.add_edge(u, e, key=relation, relation=relation, label=relation.replace("-", " "), weight=1,
                   first=g.nodes[e]["start"], last=g.nodes[e]["end"], reported_only=False,
                   info={"role": relation})
        count += 1
    return g


# --- the pages --------------------------------------------------------------------------------

def pyvis_page(graph, path: Path) -> tuple[str, float, int]:
    """pyvis's default page for ``graph``, made to work offline; (html, build seconds, edges kept)."""
    from pyvis.network import Network

    t0 = time.perf_counter()
    net = Network(height="900px", width="100%", directed=True, cdn_resources="in_line")
    for node, d in graph.nodes(data=True):
        net.add_node(node, label=d.get("label", node), title=d.get("label", node), group=d.get("kind"))
    for u, v, _, d in graph.edges(keys=True, data=True):
        net.add_edge(u, v, title=d.get("label", ""), value=d.get("weight", 1))
    page = net.generate_html()
    seconds = time.perf_counter() - t0
    # offline: drop what pyvis still loads from CDNs (Bootstrap, vis CSS); vis-network's JS is inlined
    page = re.sub(r'<link[^>]*href="https?://[^"]*"[^>]*/?>', "", page)
    page = re.sub(r'<script[^>]*src="https?://[^"]*"[^>]*>\s*</script>', "", page, flags=re.DOTALL)
    hooks = """
              (function () {
                var b = document.body;
                network.on("stabilizationProgress", function (p) { b.dataset.pvProgress = p.iterations + "/" + p.total; });
                network.once("stabilizationIterationsDone", function () {
                  b.dataset.pvStabilizedIterationsMs = String(performance.now());
                  network.once("afterDrawing", function () { b.dataset.pvFirstFrameMs = String(performance.now()); });
                });
                network.on("stabilized", function (p) {
                  if (!b.dataset.pvSettledMs) { b.dataset.pvSettledMs = String(performance.now()); b.dataset.pvIterations = String(p.iterations); }
                });
              })();
"""
    at = page.rindex("drawGraph();")
    page = page[:at + len("drawGraph();")] + hooks + page[at + len("drawGraph();"):]
    path.write_text(page, encoding="utf-8")
    return page, seconds, len(net.edges)


# --- the browser ------------------------------------------------------------------------------

def open_page(browser, url: str):
    """A fresh context and page on ``url`` whose requests other than ``url`` itself are aborted."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    outside: list[str] = []

    def route(r):
        if r.request.url == url or r.request.url.startswith("data:"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()
    page.route("**/*", route)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, outside, errors


def time_ours(browser, path: Path, n_nodes: int, cap_s: float) -> dict:
    url = path.resolve().as_uri()
    context, page, outside, errors = open_page(browser, url)
    # note when the page's script hands its DataSets to window.kgNodes (an init script is not subject to the CSP)
    page.add_init_script("""
        Object.defineProperty(window, "kgNodes", {configurable: true, get: function () { return undefined; },
          set: function (v) {
            window.__kgDataSetsMs = performance.now();
            Object.defineProperty(window, "kgNodes", {value: v, writable: true, configurable: true});
          }});""")
    try:
        t0 = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=cap_s * 1000)
        # a selector, not wait_for_function: the page's CSP forbids the eval that polling needs
        page.wait_for_selector("body[data-kg-ready='1']", state="attached", timeout=cap_s * 1000)
        wall = time.perf_counter() - t0
        ready_ms = float(page.evaluate("document.body.dataset.kgReadyMs"))
        in_dataset = page.evaluate("window.kgNodes ? window.kgNodes.length : -1")
        shown = page.evaluate("document.body.dataset.kgNodes")
        if in_dataset != n_nodes or int(shown) != n_nodes:
            raise RuntimeError(f"page ready with {in_dataset} nodes in window.kgNodes (data-kg-nodes={shown}), "
                               f"expected {n_nodes}")
        loaded_ms = page.evaluate("performance.getEntriesByType('navigation')[0].responseEnd")
        datasets_ms = page.evaluate("window.__kgDataSetsMs")
        return {"ready_s": ready_ms / 1000, "wall_s": wall, "loaded_s": loaded_ms / 1000,
                "datasets_s": datasets_ms / 1000, "outside": list(outside), "errors": list(errors)}
    finally:
        context.close()


def time_pyvis(browser, path: Path, cap_s: float) -> dict:
    url = path.resolve().as_uri()
    context, page, outside, errors = open_page(browser, url)
    out = {"first_frame_s": None, "settled_s": None, "iterations": None, "progress": None, "outside": outside,
           "errors": errors}
    try:
        t0 = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=cap_s * 1000)
        for key, attr in (("first_frame_s", "pvFirstFrameMs"), ("settled_s", "pvSettledMs")):
            remaining = cap_s - (time.perf_counter() - t0)
            if remaining <= 0:
                break
            try:
                page.wait_for_selector(f"body[data-{re.sub('([A-Z])', lambda m: '-' + m.group(1).lower(), attr)}]",
                                       state="attached", timeout=remaining * 1000)
            except Exception as e:  # playwright's TimeoutError: not there within the cap
                if "Timeout" not in type(e).__name__:
                    raise
                break
            out[key] = float(page.evaluate(f"document.body.dataset.{attr}")) / 1000
        # get_attribute, unlike evaluate, gives up if a long layout keeps the page's main thread busy
        for key, attr in (("iterations", "data-pv-iterations"), ("progress", "data-pv-progress")):
            try:
                out[key] = page.get_attribute("body", attr, timeout=5000)
            except Exception as e:
                if "Timeout" not in type(e).__name__:
                    raise
                out[key] = "the page's main thread was busy"
        return out
    finally:
        context.close()


# --- the report -------------------------------------------------------------------------------

def machine() -> dict:
    info = {"cpu": "unknown CPU", "cores": os.cpu_count(), "ram_gb": None}
    try:
        info["cpu"] = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text()).group(1).strip()
        kb = int(re.search(r"MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text()).group(1))
        info["ram_gb"] = kb / 1024 / 1024
    except (OSError, AttributeError):
        pass
    info["os"] = platform.platform()
    info["load"] = os.getloadavg()[0]
    info["busy"] = cpu_busy()
    info["calibration"] = calibration()
    return info


def cpu_busy(seconds: float = 3.0) -> float | None:
    """The share of all cores busy over ``seconds`` (from /proc/stat), before this benchmark runs anything."""
    def sample():
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return sum(values), values[3] + values[4]  # all, idle + iowait
    try:
        total0, idle0 = sample()
        time.sleep(seconds)
        total1, idle1 = sample()
    except (OSError, ValueError, IndexError):
        return None
    return 1 - (idle1 - idle0) / max(1, total1 - total0)


def calibration() -> float:
    """Seconds for a fixed pure-Python loop (median of 3): compares this machine's speed between runs."""
    times = []
    for _ in range(3):
        t0, total = time.perf_counter(), 0
        for i in range(2_000_000):
            total += i * i
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def commit() -> str:
    try:
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "kg"], check=False, cwd=ROOT, capture_output=True,
                               text=True).stdout.strip()
        return sha + (" with uncommitted changes in kg/" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def fmt_s(values: list[float | None], cap: float) -> str:
    done = [v for v in values if v is not None]
    if not done:
        return f"did not settle in {cap:g} s"
    text = f"{statistics.median(done):.2f} s" if len(done) == len(values) else f"{statistics.median(done):.2f} s*"
    if len(done) > 1:
        text += f" ({min(done):.2f}–{max(done):.2f})"
    if len(done) < len(values):
        text += f"; {len(values) - len(done)} of {len(values)} runs did not finish in {cap:g} s"
    return text


def report(args, graph, results: dict, info: dict, browser_version: str, command: str) -> str:
    ours, cap = results["ours"], args.cap
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    python_med = statistics.median(ours["python_s"])
    ready_med = statistics.median(r["ready_s"] for r in ours["browser"])
    wall_med = statistics.median(r["wall_s"] for r in ours["browser"])
    actors = sum(1 for _, d in graph.nodes(data=True) if d["group"] == "actor")
    parallel = m - len({(u, v) for u, v in graph.edges()})
    lines = [
        START,
        "## Rendering a large graph (`kg render`'s page)",
        "",
        f"Written by `bench/render.py` on {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC. Command:",
        "",
        f"    {command}",
        "",
        f"- machine: {info['cpu']}, {info['cores']} cores, {info['ram_gb']:.1f} GB RAM; {info['os']}",
        f"- versions: Python {platform.python_version()}, networkx {version('networkx')}, pyvis {version('pyvis')} "
        f"(vis-network 9.1.2 inlined), Playwright {version('playwright')}, Chromium {browser_version} "
        f"(headless, `--disable-gpu`: software rendering), mediation-kg {version('mediation-kg')} (commit {commit()})",
        f"- other work on the machine: load average (1 min) {info['load']:.2f} at the start, "
        f"{os.getloadavg()[0]:.2f} at the end; "
        + (f"{100 * info['busy']:.0f}% of the {info['cores']} cores busy in the 3 s before the run"
           if info["busy"] is not None else "core usage unknown")
        + f"; a fixed pure-Python loop (2M multiply-adds) took {info['calibration']:.3f} s before the run and "
        f"{results['calibration_end']:.3f} s after it (compare runs by it: the machine is shared)",
        "",
        f"Graph: synthetic, seeded, in the projections' data contract: {n:,} nodes ({actors:,} actors, "
        f"{n - actors:,} events with dates), {m:,} edges ({parallel:,} of them parallel to another edge between the "
        "same two nodes), labels with markup, quotes and non-ASCII, `info` and dated `items` on every edge. "
        f"Times are the median (min–max) of {args.repeat} runs; each browser run is a fresh Playwright context on the "
        "page's `file://` URL with every other request aborted.",
        "",
        "| page | Python: build the page | size | Chromium: interactive (all nodes in `window.kgNodes`, first frame drawn) |",
        "|---|---:|---:|---|",
        f"| ours, `render_html` (layout in Python above {results['threshold']} nodes, physics off) | "
        f"{fmt_s(ours['python_s'], cap)} | {ours['size'] / 1e6:.1f} MB | "
        f"{fmt_s([r['ready_s'] for r in ours['browser']], cap)} after navigation start "
        f"(`data-kg-ready-ms`); {fmt_s([r['wall_s'] for r in ours['browser']], cap)} measured from Python |",
    ]
    pv = results.get("pyvis")
    if pv:
        lines.append(
            f"| pyvis 0.3.2 default (`Network(directed=True)`, physics on; offline) | {fmt_s(pv['python_s'], cap)} "
            f"({pv['edges_kept']:,} edges kept) | {pv['size'] / 1e6:.1f} MB | first frame after stabilisation: "
            f"{fmt_s([r['first_frame_s'] for r in pv['browser']], cap)}; physics `stabilized`: "
            f"{fmt_s([r['settled_s'] for r in pv['browser']], cap)} |")
    requests = sum(len(r["outside"]) for r in ours["browser"])
    errors = sorted({e for r in ours["browser"] for e in r["errors"]})
    ok_python, ok_browser = python_med < TARGET_S, ready_med < TARGET_S
    lines += [
        "",
        f"Targets (< {TARGET_S:g} s each for our page): Python **{'met' if ok_python else 'missed'}** "
        f"({python_med:.2f} s); Chromium **{'met' if ok_browser else 'missed'}** ({ready_med:.2f} s after navigation "
        f"start; {wall_med:.2f} s from Python, which includes Playwright's polling and the page load). "
        f"Requests our page tried to make beyond its own file: {requests}; uncaught page errors: "
        f"{len(errors)}{' (' + '; '.join(errors)[:300] + ')' if errors else ''}.",
    ]
    data_med = statistics.median(ours["data_s"])
    loaded_med = statistics.median(r["loaded_s"] for r in ours["browser"])
    datasets_med = statistics.median(r["datasets_s"] for r in ours["browser"])
    cpu_med = statistics.median(ours["cpu_s"])
    lines += [
        "",
        f"Where the time goes (medians): in Python, `render_html` used {cpu_med:.2f} s of CPU for its "
        f"{python_med:.2f} s; {data_med:.2f} s are "
        f"`graph_to_vis_data` (the seeded layout in Python and the node and edge dicts), the rest is the page's "
        f"JSON and template and the atomic write. In Chromium, the {ours['size'] / 1e6:.1f} MB file has been read at "
        f"{loaded_med:.2f} s; parsing it (vis-network and the data included), parsing the data and building the vis "
        f"DataSets end at {datasets_med:.2f} s; the controls, `setData` and the first frame of {m:,} edges (drawn "
        f"in software) take the last {ready_med - datasets_med:.2f} s.",
    ]
    if not (ok_python and ok_browser):
        why = []
        if not ok_python:
            why.append(f"Python took {python_med:.2f} s, {data_med:.2f} s of it in the layout and data")
        if not ok_browser:
            why.append(f"in Chromium the DataSets were built at {datasets_med:.2f} s and the first frame took "
                       f"{ready_med - datasets_med:.2f} s more")
        shared = (python_med > 1.15 * cpu_med or (info["busy"] or 0) > 0.25
                  or results["calibration_end"] > 1.3 * info["calibration"])
        lines += ["", f"Missed: {'; '.join(why)}. "
                  + (f"Other work was running ({100 * (info['busy'] or 0):.0f}% of the {info['cores']} cores busy "
                     f"before the run; `render_html` got {cpu_med:.2f} s of CPU in {python_med:.2f} s; the calibration "
                     f"loop went from {info['calibration']:.3f} s to {results['calibration_end']:.3f} s), so these "
                     "times are inflated; run again on a quiet machine before drawing conclusions."
                     if shared else "The machine was quiet: the breakdown above shows the part to make faster.")]
    lines += [
        "",
        f"pyvis, for contrast: {pv['note']}" if pv else "pyvis: not run (--no-pyvis).",
        END,
    ]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--edges", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cap", type=float, default=120, help="Seconds before a browser measurement gives up.")
    ap.add_argument("--no-pyvis", action="store_true", help="Skip the pyvis contrast.")
    ap.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    args = ap.parse_args()
    command = "python bench/render.py" + "".join(f" {shlex.quote(a)}" for a in sys.argv[1:])

    from playwright.sync_api import sync_playwright

    from kg.explorer import PYTHON_LAYOUT_THRESHOLD, graph_to_vis_data, render_html

    info = machine()
    t0 = time.perf_counter()
    graph = synthetic_graph(args.nodes, args.edges)
    log(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges in {time.perf_counter() - t0:.1f} s")
    results = {"threshold": PYTHON_LAYOUT_THRESHOLD}
    with tempfile.TemporaryDirectory(prefix="kg-bench-render-") as tmp:
        ours_path = Path(tmp) / "ours.html"
        python_s, cpu_s, data_s = [], [], []
        for i in range(args.repeat):
            t0 = time.perf_counter()
            graph_to_vis_data(graph)
            data_s.append(time.perf_counter() - t0)
            t0, c0 = time.perf_counter(), time.process_time()
            page = render_html(graph, ours_path, title="render benchmark")
            python_s.append(time.perf_counter() - t0)
            cpu_s.append(time.process_time() - c0)
            log(f"render_html run {i + 1}: {python_s[-1]:.2f} s ({cpu_s[-1]:.2f} s of CPU; {data_s[-1]:.2f} s in "
                f"graph_to_vis_data alone), {len(page.encode()) / 1e6:.1f} MB")
        results["ours"] = {"python_s": python_s, "cpu_s": cpu_s, "data_s": data_s, "size": ours_path.stat().st_size,
                           "browser": []}
        if not args.no_pyvis:
            pv_path = Path(tmp) / "pyvis.html"
            pv_s = []
            for i in range(args.repeat):
                _, seconds, kept = pyvis_page(graph, pv_path)
                pv_s.append(seconds)
                log(f"pyvis page run {i + 1}: {seconds:.2f} s")
            results["pyvis"] = {"python_s": pv_s, "size": pv_path.stat().st_size, "edges_kept": kept, "browser": []}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
            browser_version = browser.version
            try:
                for i in range(args.repeat):
                    r = time_ours(browser, ours_path, graph.number_of_nodes(), args.cap)
                    results["ours"]["browser"].append(r)
                    log(f"ours in Chromium run {i + 1}: ready at {r['ready_s']:.2f} s (wall {r['wall_s']:.2f} s), "
                        f"{len(r['outside'])} outside requests, {len(r['errors'])} page errors")
                if not args.no_pyvis:
                    for i in range(args.repeat):
                        r = time_pyvis(browser, pv_path, args.cap)
                        results["pyvis"]["browser"].append(r)
                        log(f"pyvis in Chromium run {i + 1}: first frame {r['first_frame_s']}, settled {r['settled_s']} "
                            f"(iterations {r['iterations']}, progress {r['progress']}), {len(r['errors'])} page errors")
                        if r["settled_s"] is None:
                            log("pyvis hit the cap: its remaining runs are skipped (they would only hit it again)")
                            break
            finally:
                browser.close()
    if not args.no_pyvis:
        pv = results["pyvis"]
        done = [r for r in pv["browser"] if r["settled_s"] is not None]
        capped = [r for r in pv["browser"] if r["settled_s"] is None]
        errors = sorted({e for r in pv["browser"] for e in r["errors"]})
        parts = ["its page lays the graph out in the browser: vis-network's `improvedLayout` first, then barnesHut "
                 "physics, up to 1,000 stabilisation iterations before it draws anything (a loading bar until then), "
                 "and the simulation runs on after the first frame until it reports `stabilized`"]
        if done:
            parts.append(f"`stabilized` came after {', '.join(sorted({str(r['iterations']) for r in done}))} iterations")
        if capped:
            r = capped[0]
            state = ("its main thread was still busy, too busy to answer within 5 s" if r["progress"] and "busy" in r["progress"]
                     else f"stabilisation had reached {r['progress']} iterations" if r["progress"]
                     else "stabilisation had not reported any progress")
            parts.append(f"after {args.cap:g} s {state}"
                         + (f"; {len(pv['browser'])} run{'s' * (len(pv['browser']) != 1)} made, the others skipped"
                            if len(pv["browser"]) < args.repeat else ""))
        parts.append(f"page errors: {len(errors)}{' (' + '; '.join(errors)[:200] + ')' if errors else ''}")
        pv["note"] = "; ".join(parts) + "."
    results["calibration_end"] = calibration()
    section = report(args, graph, results, info, browser_version, command)
    write_section(args.out, START, END, section)
    print(section)


if __name__ == "__main__":
    main()
