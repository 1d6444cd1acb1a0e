"""Benchmark mediation-kg at scale against bare pyoxigraph and rdflib; writes its section of docs/benchmarks.md.

    python bench/scale.py [--sizes 10000,100000,1000000] [--repeat 3] [--cap 60] [--out docs/benchmarks.md]

For each size N, in a temporary directory: `kg synth` writes N synthetic events as YAML; `kg build`
builds them (with SHACL validation when that is feasible at N, and with --no-validate); every named
query runs through kg.sparql.query.run as `kg query` does; `kg render` draws the actors projection and `kg
export` writes the whole store as N-Quads and the actors projection as GraphML. The exported N-Quads
are then the data of the two baselines: bare pyoxigraph (bulk_load into a new on-disk store, then
the same SPARQL text through Store.read_only) and rdflib's in-memory Dataset(default_union=True).

Every step runs in its own process (so its peak RSS is its own; a step past its cap is killed).
The query workers and their caps are bench/run.py's. Progress goes to stderr. The section sits
between ``<!-- scale:start -->`` and ``<!-- scale:end -->``; the other sections stay.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from report import write_section  # bench/report.py: the script's folder is on sys.path
from run import emit, log, machine, maxrss_mb, peak_rss_mb, run_engine, t, time_queries
from run import worker as run_worker

START, END = "<!-- scale:start -->", "<!-- scale:end -->"
FAILED = "FAILED"  # marks a measurement that went wrong, in the table where its number would be
SEED = 1
JOIN_HEAVY = 12  # triple patterns (so at least 11 joins) from which a named query counts as join-heavy
RDFLIB_MB_PER_QUAD = 2972 / 1_699_717  # rdflib's peak RSS per quad, measured by bench/run.py (docs/benchmarks.md)
RDFLIB_S_PER_QUAD = 56.3 / 1_699_717  # and its N-Quads load time per quad
KG = [os.path.join(os.path.dirname(sys.executable), "kg")]
if not os.path.exists(KG[0]):
    KG = [sys.executable, "-m", "kg"]


# --- workers: bench/run.py's protocol (JSON lines on stdout) --------------------------------------------

def worker(spec):
    """kg: open the store as `kg query` does, time the named queries through kg.sparql.query.run.
    pyoxigraph-load: bulk-load the N-Quads into a new store as kg build does (flush, optimize).
    pyoxigraph: the same SPARQL text on that store opened read-only, reading every value of every row.
    Anything else (rdflib): bench/run.py's worker."""
    if spec["engine"] not in ("kg", "pyoxigraph-load", "pyoxigraph"):
        return run_worker(spec)
    emit(rss_base=maxrss_mb())
    t0 = time.perf_counter()
    import pyoxigraph as ox
    if spec["engine"] == "kg":
        from kg.sparql.query import run
        from kg.store import open_store
        store = open_store(spec["store"])

        def count(q):
            return len(run(store, q).rows)
    elif spec["engine"] == "pyoxigraph-load":
        shutil.rmtree(spec["store"], ignore_errors=True)
        store = ox.Store(spec["store"])
        store.bulk_load(path=spec["nq"], format=ox.RdfFormat.N_QUADS)
        store.flush()
        store.optimize()
        del store
    else:
        from kg.namespaces import PREFIXES
        store = ox.Store.read_only(spec["store"])

        def count(q):
            return sum(1 for row in store.query(q.text, prefixes=PREFIXES, use_default_graph_as_union=True)
                       if tuple(row) or True)
    emit(load=time.perf_counter() - t0, rss_load=maxrss_mb())
    if spec["queries"]:
        time_queries(spec, count)
    emit(rss_end=maxrss_mb())


# --- a command in its own process: wall time, peak RSS, a cap ------------------------------------------

def run_command(argv, cap):
    """Run ``argv``; return (seconds, peak RSS in MB, None or why it failed). Killed after ``cap`` s."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err)
        box = {}
        waiter = threading.Thread(target=lambda: box.update(zip(("pid", "status", "usage"), os.wait4(proc.pid, 0))))
        waiter.start()
        waiter.join(cap)
        secs = time.perf_counter() - t0
        if waiter.is_alive():
            rss = peak_rss_mb(proc.pid)
            proc.kill()
            waiter.join()
            proc.returncode = -9
            return secs, rss, f"did not finish (> {cap:g} s)"
        proc.returncode = os.waitstatus_to_exitcode(box["status"])  # reaped by wait4: tell Popen
        rss = box["usage"].ru_maxrss / 1024
        if proc.returncode:
            err.seek(0)
            tail = err.read().decode(errors="replace").strip().splitlines()[-1:] or [""]
            return secs, rss, f"exit {proc.returncode}: {tail[0][:150]}"
        return secs, rss, None


def step(args, label, argv, repeat=None):
    """Run a kg command up to --repeat times (fewer once the runs add up to more than --repeat-budget s)."""
    r = {"times": [], "rss": 0.0, "status": None}
    for _ in range(repeat or args.repeat):
        secs, rss, failed = run_command(argv, args.step_cap)
        r["rss"] = max(r["rss"], rss)
        if failed:
            r["status"] = failed
            log(f"  {label}: {failed}")
            break
        r["times"].append(secs)
        if sum(r["times"]) > args.repeat_budget:
            break
    if r["times"]:
        log(f"  {label}: {t(r['times'])} s, peak {r['rss']:.0f} MB")
    return r


def engine(args, label, spec, cap, give_up=False):
    """bench/run.py's run_engine, with failures of the harness itself reported, not raised."""
    log(f"  {label}")
    try:
        return run_engine(spec, cap, args.load_cap, script=os.path.abspath(__file__), give_up=give_up)
    except Exception as e:
        return {"load": [], "rss_load": 0, "rss_end": 0, "queries": {}, "status": f"{FAILED}: {type(e).__name__}: {e}"}


def peak(r):
    return max(r.get("rss_load", 0), r.get("rss_end", 0), r.get("rss", 0))


# --- one size ------------------------------------------------------------------------------------------

def estimate_validation(args, sizes, events):
    """Why not to validate at this size (None: do): a linear projection of the last validated build."""
    done = [(s["events"], s["steps"]["build"]) for s in sizes if s["steps"].get("build", {}).get("times")]
    if not done:
        return None
    n, r = done[-1]
    guess = statistics.median(r["times"]) * events / n
    if guess > args.validate_budget:
        return (f"not run: ~{guess:.0f} s expected ({statistics.median(r['times']):.3g} s at {n:,} events, "
                f"if it grows linearly), over --validate-budget {args.validate_budget:g} s")
    return None


def rdflib_skip(args, sizes, quads):
    """Why not to load the data into rdflib at all (None: do), from its memory and time per quad."""
    prev = [s for s in sizes if s["rdflib"].get("load")]
    mb, secs = RDFLIB_MB_PER_QUAD, RDFLIB_S_PER_QUAD
    if prev:
        mb, secs = prev[-1]["rdflib"]["rss_load"] / prev[-1]["quads"], statistics.median(prev[-1]["rdflib"]["load"]) / prev[-1]["quads"]
    if mb * quads > args.rdflib_memory * 1024 or secs * quads > args.load_cap:
        return (f"not run: loading {quads:,} quads would take ~{mb * quads / 1024:.0f} GB and ~{secs * quads:.0f} s "
                f"(linear from {'the previous size' if prev else 'bench/run.py'}), over the budget of "
                f"{args.rdflib_memory:g} GB / --load-cap {args.load_cap:g} s")
    return None


def query_skip(sizes, key, name, cap, events):
    """Why not to run a query at this size: it did not finish at a smaller one, or would exceed the cap."""
    for s in reversed(sizes):
        q = s[key].get("queries", {}).get(name)
        if q and q["status"] != "ok" and not q["times"]:
            return q["status"] if q["status"].startswith("skipped") else f"skipped ({q['status']} at {s['events']:,} events)"
        if q and q["times"]:
            guess = statistics.median(q["times"]) * events / s["events"]
            if guess > cap:
                return f"skipped (~{guess:.0f} s expected: {statistics.median(q['times']):.3g} s at {s['events']:,} events)"
            return None
    return None


def bench_size(args, events, sizes, texts):
    """Every step at one size; ``texts`` are the named queries' SPARQL, read once for every worker."""
    size = {"events": events, "steps": {}, "quads": None, "kg": {}, "pyoxigraph-load": {}, "pyoxigraph": {},
            "rdflib": {}, "notes": []}
    tmp = tempfile.mkdtemp(prefix=f"kg-scale-{events}-", dir=args.tmp)
    yaml, store, nq = os.path.join(tmp, "yaml"), os.path.join(tmp, "store"), os.path.join(tmp, "all.nq")
    steps = size["steps"]
    try:
        log(f"{events:,} events in {tmp}")
        steps["synth"] = step(args, "kg synth", KG + ["synth", "--events", str(events), "--seed", str(SEED), "--out", yaml], 1)
        steps["build-nv"] = step(args, "kg build --no-validate", KG + ["build", yaml, "--store", store, "--no-validate"])
        why = estimate_validation(args, sizes, events)
        steps["build"] = step(args, "kg build", KG + ["build", yaml, "--store", store]) if not why else \
            {"times": [], "rss": 0, "status": why}
        if not os.path.isdir(store):
            size["notes"].append("no store was built, so nothing else ran")
            return size
        steps["render"] = step(args, "kg render", KG + ["render", "-o", os.path.join(tmp, "actors.html"), "--store", store])
        steps["export"] = step(args, "kg export -f nquads", KG + ["export", "-f", "nquads", "-o", nq, "--store", store])
        steps["export-graph"] = step(args, "kg export --graph actors -f graphml",
                                     KG + ["export", "--graph", "actors", "-f", "graphml", "-o",
                                           os.path.join(tmp, "actors.graphml"), "--store", store])
        if steps["export"]["status"]:  # the baselines still need the store's quads
            import pyoxigraph as ox
            ox.Store.read_only(store).dump(nq, ox.RdfFormat.N_QUADS)
            size["notes"].append("kg export failed, so the baselines read the store's quads as dumped by pyoxigraph")
        with open(nq, "rb") as fh:
            size["quads"] = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 24), b""))
        log(f"  {size['quads']:,} quads")
        bench_queries(args, size, sizes, texts, store, nq, tmp)
    except Exception as e:  # the harness itself: reported in the section, then the next size
        size["notes"].append(f"{FAILED}: {type(e).__name__}: {e}")
        log(f"  {FAILED}: {type(e).__name__}: {e}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return size


def merge(runs, names):
    """One result from run_engine results over parts of ``names``; a query a run never reached gets its status."""
    out = {"load": [], "rss_load": 0, "rss_end": 0, "queries": {}}
    for r, part in runs:
        out["load"] += r["load"]
        out["rss_load"], out["rss_end"] = max(out["rss_load"], r["rss_load"]), max(out["rss_end"], r["rss_end"])
        for n in part:
            out["queries"][n] = r["queries"].get(n) or {"times": [], "rows": None,
                                                        "status": r.get("status") or "the process died"}
    return out


def bench_queries(args, size, sizes, texts, store, nq, tmp):
    names, events = list(texts), size["events"]
    spec = {"nq": nq, "format": "nquads", "tmp": tmp, "store": os.path.join(tmp, "bare"), "repeat": args.repeat,
            "budget": args.repeat_budget}
    loads = []  # bare pyoxigraph's load, each in a new process, until --repeat or the budget
    while len(loads) < args.repeat and sum(sum(r["load"]) for r in loads) <= args.repeat_budget:
        loads.append(engine(args, "bare pyoxigraph: load", dict(spec, engine="pyoxigraph-load", queries=[]), args.load_cap))
        if loads[-1].get("status") or not loads[-1]["load"]:
            break
    size["pyoxigraph-load"] = {"load": [x for r in loads for x in r["load"]], "rss_load": max(peak(r) for r in loads),
                               "status": loads[-1].get("status")}
    # kg and bare pyoxigraph take turns, query by query, so that both see the same load on the machine
    kg_runs, ox_runs = [], []
    for n in names:
        if why := query_skip(sizes, "kg", n, args.kg_cap, events):
            kg_runs.append(({"load": [], "rss_load": 0, "rss_end": 0, "queries": {n: {"times": [], "rows": None,
                                                                                     "status": why}}}, [n]))
        else:
            kg_runs.append((engine(args, f"kg: {n}", dict(spec, engine="kg", store=store, texts={n: texts[n]},
                                                          queries=[n]), args.kg_cap), [n]))
        done = kg_runs[-1][0]["queries"].get(n, {}).get("times")
        if done and size["pyoxigraph-load"]["load"]:
            ox_runs.append((engine(args, f"bare pyoxigraph: {n}", dict(spec, engine="pyoxigraph", texts={n: texts[n]},
                                                                       queries=[n]), args.kg_cap), [n]))
        else:
            why = "not run (kg did not finish it)" if size["pyoxigraph-load"]["load"] else "not run: the load failed"
            ox_runs.append(({"load": [], "rss_load": 0, "rss_end": 0, "queries": {n: {"times": [], "rows": None,
                                                                                     "status": why}}}, [n]))
    size["kg"], size["pyoxigraph"] = merge(kg_runs, names), merge(ox_runs, names)
    why = rdflib_skip(args, sizes, size["quads"])
    if why:
        size["rdflib"] = {"load": [], "queries": {}, "status": why}
        log(f"  rdflib: {why}")
        return
    skips = {n: query_skip(sizes, "rdflib", n, args.cap, events) for n in names}
    todo = [n for n in names if not skips[n]]
    before = [s["rdflib"].get("queries", {}) for s in sizes]
    if before:  # fastest first (by the last size), and the first one stopped at the cap ends the run
        todo.sort(key=lambda n: median(before[-1].get(n)) or 0)
    size["rdflib"] = engine(args, "rdflib", dict(spec, engine="rdflib", texts={n: texts[n] for n in todo}, queries=todo),
                            args.cap, give_up=bool(before))
    done = size["rdflib"]["queries"]
    stopped = next((n for n in todo if n in done and not done[n]["times"] and "did not finish" in done[n]["status"]), None)
    for n in todo:
        if n not in done and stopped:
            skips[n] = f"skipped (slower at {sizes[-1]['events']:,} events than {stopped}, which did not finish)"
    done.update({n: {"times": [], "rows": None, "status": why} for n, why in skips.items() if why})


# --- the report ----------------------------------------------------------------------------------------

def triple_patterns(text):
    """The number of triple patterns of a query (every one a join with the rest), from rdflib's algebra."""
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.parserutils import CompValue
    count = 0

    def walk(node):
        nonlocal count
        if isinstance(node, CompValue):
            count += len(node.triples) if node.name == "BGP" else 0
            for v in node.values():
                walk(v)
        elif isinstance(node, (list, tuple)):
            for v in node:
                walk(v)
    walk(prepareQuery(text).algebra)
    return count


def median(q):
    return statistics.median(q["times"]) if q and q.get("times") else None


def cell(q):
    if not q:
        return "not run"
    if q.get("times"):
        return t(q["times"])
    status = q.get("status") or "not run"
    return status if status.startswith(("did not finish", "skipped", "not run", FAILED)) else f"{FAILED}: {status}"


def step_row(label, r):
    if not r:
        return f"| {label} | not run | — |"
    secs = t(r["times"]) if r.get("times") else ""
    status = r.get("status")
    if status and not status.startswith(("not run", "did not finish")):
        status = f"{FAILED}: {status}"
    text = "; ".join(x for x in (secs, status) if x) or "not run"
    return f"| {label} | {text} | {f'{peak(r):.0f} MB' if peak(r) else '—'} |"


def engine_row(label, r):
    """A worker's load (or open): its seconds, and its RSS after loading when the queries later took more."""
    load = t(r["load"]) if r.get("load") else (r.get("status") or "not run")
    if r.get("status") and r.get("load"):
        load += f"; {r['status']}"
    rss = f"{peak(r):.0f} MB" if peak(r) else "—"
    if r.get("rss_load") and peak(r) > 1.2 * r["rss_load"]:
        rss = f"{r['rss_load']:.0f} MB after the load; {rss} in the queries"
    return f"| {label} | {load} | {rss} |"


def size_section(args, s, names, heavy):
    quads = f", {s['quads']:,} quads" if s["quads"] else ""
    st = s["steps"]
    lines = [f"### {s['events']:,} events{quads}", "", "| step | seconds | peak RSS |", "|---|---:|---:|",
             step_row("`kg synth` (YAML)", st.get("synth")),
             step_row("`kg build` (with SHACL validation)", st.get("build")),
             step_row("`kg build --no-validate`", st.get("build-nv")),
             engine_row("kg: open the store (queries below)", s["kg"]),
             step_row("`kg render` (actors, HTML)", st.get("render")),
             step_row("`kg export -f nquads` (whole store)", st.get("export")),
             step_row("`kg export --graph actors -f graphml`", st.get("export-graph")),
             engine_row("bare pyoxigraph: bulk_load + flush + optimize", s["pyoxigraph-load"]),
             engine_row("bare pyoxigraph: open read-only (queries below)", s["pyoxigraph"]),
             engine_row("rdflib: Dataset.parse (N-Quads), then the queries below", s["rdflib"]), ""]
    lines += ["| query | rows | kg | bare pyoxigraph | rdflib | kg / pyoxigraph | rdflib / kg |",
              "|---|---:|---:|---:|---:|---:|---:|"]
    mismatches = []
    for n in names:
        q = {k: s[k].get("queries", {}).get(n) for k in ("kg", "pyoxigraph", "rdflib")}
        rows = {k: v["rows"] for k, v in q.items() if v and v.get("rows") is not None}
        ref = rows.get("kg", rows.get("pyoxigraph"))
        cells = []
        for k in ("kg", "pyoxigraph", "rdflib"):
            c = cell(q[k])
            if k in rows and rows[k] != ref:
                c += f" **{rows[k]} rows**"
                mismatches.append(f"{n}: kg {ref} rows, {k} {rows[k]}")
            cells.append(c)
        lines.append(f"| {n}{' ⋈' if n in heavy else ''} | {'—' if ref is None else ref} | " + " | ".join(cells)
                     + f" | {ratio_text(kg_vs_ox(q))} | {ratio_text(rdflib_vs_kg(q, args.cap))} |")
    lines += [""]
    if mismatches:
        lines += ["**Row counts differ** (rdflib 7.6 returns a malformed row for a GROUP BY that matches nothing, "
                  "RDFLib/rdflib#3382; check that first):", ""] + [f"- {m}" for m in mismatches] + [""]
    lines += [f"- {n}" for n in s["notes"]] + ([""] if s["notes"] else [])
    return lines


def kg_vs_ox(q):
    a, b = median(q["kg"]), median(q["pyoxigraph"])
    return (a / b, "") if a and b else None


def rdflib_vs_kg(q, cap):
    """rdflib's median over kg's; a lower bound (cap over kg) when rdflib did not finish."""
    a, b = median(q["rdflib"]), median(q["kg"])
    if a and b:
        return a / b, ""
    if b and q["rdflib"] and "did not finish" in (q["rdflib"].get("status") or ""):
        return cap / b, "> "
    return None


def ratio_text(r):
    return "—" if r is None else f"{r[1]}×{r[0]:.3g}" if r[0] < 1000 else f"{r[1]}×{r[0]:,.0f}"


def targets(args, sizes, names, heavy):
    rows = []
    for s in sizes:
        qs = {n: {k: s[k].get("queries", {}).get(n) for k in ("kg", "pyoxigraph", "rdflib")} for n in names}
        ratios = {n: kg_vs_ox(q) for n, q in qs.items()}
        have = {n: r[0] for n, r in ratios.items() if r}
        if have:
            worst = max(have, key=have.get)
            over = [n for n in have if have[n] > 1.5]
            missing = [n for n in names if n not in have]
            text = (f"worst {worst} ×{have[worst]:.2f}" + (f"; over 1.5×: {', '.join(over)}" if over else "")
                    + (f"; not measured: {', '.join(missing)}" if missing else ""))
            rows.append((f"every named query within 1.5× of bare pyoxigraph, {s['events']:,} events", text,
                         "met" if not over and not missing else "missed"))
        speedups = {n: rdflib_vs_kg(qs[n], args.cap) for n in heavy}
        have = {n: r for n, r in speedups.items() if r}
        if have:
            least = min(have, key=lambda n: have[n][0])
            under = [n for n in have if have[n][0] < 100]
            missing = [n for n in heavy if n not in have]
            text = (f"least {least} {ratio_text(have[least])}" + (f"; under 100×: {', '.join(under)}" if under else "")
                    + (f"; not measured: {', '.join(missing)}" if missing else ""))
            rows.append((f"join-heavy queries ≥ 100× faster than rdflib, {s['events']:,} events", text,
                         "met" if not under and not missing else "missed"))
    by = {s["events"]: s for s in sizes}

    def absent(n):  # the section is written after each size: a larger one may still be to come
        return (f"not measured ({n} not in --sizes)" if n not in {int(x) for x in args.sizes.split(",")}
                else f"not measured yet (the run had not finished {n:,} events when this was written)")
    for key, label in (("build-nv", "`kg build --no-validate`"), ("build", "`kg build` (validated)")):
        r = by.get(100_000, {}).get("steps", {}).get(key)
        if not r:
            rows.append((f"build of 100,000 events < 60 s: {label}", absent(100_000), "—"))
        elif not r["times"]:
            rows.append((f"build of 100,000 events < 60 s: {label}", r["status"], "missed"))
        else:
            secs = statistics.median(r["times"])
            rows.append((f"build of 100,000 events < 60 s: {label}", f"{secs:.3g} s", "met" if secs < 60 else "missed"))
    big = by.get(1_000_000)
    if not big:
        rows.append(("1,000,000 events built, queried and exported, peak RSS < 4 GB", absent(1_000_000), "—"))
    else:
        parts = {"build": big["steps"].get("build-nv"), "queries": big["kg"], "export": big["steps"].get("export")}
        undone = [k for k, r in parts.items() if not r or r.get("status") or not (r.get("times") or r.get("load"))]
        unfinished = [n for n in names if not big["kg"].get("queries", {}).get(n, {}).get("times")]
        undone += [f"{len(unfinished)} of {len(names)} queries ({', '.join(unfinished)})"] if unfinished else []
        top = max([peak(r) for r in parts.values() if r] or [0])
        text = f"peak {top:.0f} MB" + (f"; not done: {', '.join(undone)}" if undone else "")
        rows.append(("1,000,000 events built, queried and exported, peak RSS < 4 GB", text,
                     "met" if not undone and top < 4096 else "missed"))
    return rows


def report(args, sizes, names, started, header):
    heavy = {n for n in names if triple_patterns(names[n].with_prefixes()) >= JOIN_HEAVY}
    lines = [START, "## Scale: kg against bare pyoxigraph and rdflib (`bench/scale.py`)", "",
             f"Written by `bench/scale.py` on {started} in {(time.monotonic() - args.t0) / 60:.0f} min. Command:", "",
             f"    {args.command}", "", header, f"- load average (1 min) at the end: {os.getloadavg()[0]:.2f}", "",
             f"Data: `kg synth --events N --seed {SEED}` (YAML). Each step is a new process; seconds are wall time, "
             f"median (min–max) of up to --repeat={args.repeat} runs, fewer once the runs add up to more than "
             f"{args.repeat_budget:g} s; peak RSS is the process's `ru_maxrss` (VmHWM for a process stopped at its cap). "
             "`kg ...` steps are the command as a user runs it (start-up included). Queries: every named query "
             "without parameters, reading every row: **kg** through `kg.sparql.query.run` on the built store, as `kg query` "
             "does; **bare pyoxigraph** the same SPARQL text through `Store.read_only(dir).query(text, "
             "use_default_graph_as_union=True, prefixes=...)` on a store bulk-loaded from `kg export -f nquads` of "
             "the same build; **rdflib** `Dataset(default_union=True)` parsing that file, the query with its PREFIX "
             "lines. Query times exclude loading and opening. The query texts are read once, at the start, and "
             "handed to every worker. kg and bare pyoxigraph take turns query by query, each query in a new process "
             "of each, so both see the same load on the machine (their \"open\" rows: the median over those "
             "processes, and the largest peak RSS).", "",
             f"Caps and skip rules (to bound the run): an rdflib query is stopped after --cap={args.cap:g} s (\"did not "
             "finish\"; the process is killed and, at the smallest size, a new one reloads for the rest), and not run "
             "at a larger size when it did not finish at a smaller one or its median there, grown linearly with the "
             "events, exceeds the cap; from the second size on, rdflib runs the queries fastest first (by their "
             "median at the previous size) and the first one stopped at the cap ends its run (the slower ones are "
             "marked skipped, saving a reload); "
             f"rdflib is not loaded where the projection of its memory or load time passes {args.rdflib_memory:g} GB "
             f"or --load-cap={args.load_cap:g} s. kg and bare pyoxigraph queries have --kg-cap={args.kg_cap:g} s "
             "and the same projection rule; bare pyoxigraph runs only the queries kg finished. The validated build "
             f"runs where a linear projection of the previous one stays under --validate-budget={args.validate_budget:g} s. "
             f"Other `kg` steps are stopped after --step-cap={args.step_cap:g} s.", "",
             f"⋈ marks the join-heavy queries: {JOIN_HEAVY} or more triple patterns (counted in rdflib's algebra of "
             "the query, OPTIONAL and subqueries included), so 11 or more joins each. Ratios are of medians; "
             "\"> ×N\" is a lower bound from a query rdflib did not finish within the cap.", ""]
    for s in sizes:
        lines += size_section(args, s, names, heavy)
    lines += ["### Targets (issue 6)", "", "| target | measured | |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in targets(args, sizes, names, heavy)]
    return "\n".join(lines) + "\n\n" + END + "\n"


def main():
    if sys.argv[1:2] == ["--worker"]:
        import json
        return worker(json.loads(sys.argv[2]))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000", help="numbers of synthetic events, comma separated")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each measurement (medians)")
    ap.add_argument("--repeat-budget", type=float, default=30, help="stop repeating once the runs add up to this (s)")
    ap.add_argument("--cap", type=float, default=60, help="seconds before an rdflib query is stopped")
    ap.add_argument("--kg-cap", type=float, default=300, help="seconds before a kg or bare pyoxigraph query is stopped")
    ap.add_argument("--load-cap", type=float, default=600, help="seconds before a baseline's load is stopped")
    ap.add_argument("--step-cap", type=float, default=1800, help="seconds before a kg command is stopped")
    ap.add_argument("--validate-budget", type=float, default=300, help="largest expected validated build (s)")
    ap.add_argument("--rdflib-memory", type=float, default=8, help="largest expected rdflib RSS (GB)")
    ap.add_argument("--tmp", help="where the temporary data goes (default: the system's temporary directory)")
    ap.add_argument("--out", default="docs/benchmarks.md")
    args = ap.parse_args()
    args.t0 = time.monotonic()
    args.command = "python " + shlex.join(["bench/scale.py"] + sys.argv[1:])
    started, header = time.strftime("%Y-%m-%d %H:%M %Z"), machine()
    from kg.sparql.named import named_queries
    names = named_queries()
    sizes = []
    for events in sorted(int(x) for x in args.sizes.split(",")):
        sizes.append(bench_size(args, events, sizes, {n: q.text for n, q in names.items()}))
        try:
            write_section(args.out, START, END, report(args, sizes, names, started, header))  # after each size
            log(f"wrote {args.out}")
        except Exception:  # keep the measurements: they are what took the time
            import json
            import traceback
            traceback.print_exc()
            print(json.dumps(sizes), file=sys.stderr)


if __name__ == "__main__":
    main()
