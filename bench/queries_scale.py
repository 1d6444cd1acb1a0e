"""How every named query grows with the data: time, CPU time and peak RSS on built stores of two
sizes, the growth ratio, and the targets of issue 15; writes its section of docs/benchmarks.md.

    python bench/queries_scale.py --store 100000=DIR --store 1000000=DIR [--cap 60] [--out docs/benchmarks.md]

Each DIR is a store built from `kg synth --events N --seed 7` by `kg build --no-validate` (building
a million events takes a quarter of an hour and 2.4 GB: build them once, then measure as often as the
queries change). Each named query without a required parameter runs once per store, in a new process,
through kg.sparql.query.run as `kg query` does, reading every row, and so do two plain reads that show
how the store's own reads grow (FLOOR; --no-reads leaves them out); a query past --cap seconds (kg
query's default time limit, 60 s) is stopped and reported as such. CPU time is the process's user and
system time during the query: on a shared machine it says more than wall time about the query's own
work. The section sits between ``<!-- queries-scale:start -->`` and ``<!-- queries-scale:end -->``.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import time

from report import write_section  # bench/report.py: the script's folder is on sys.path
from run import emit, log, machine, maxrss_mb, next_message, peak_rss_mb

START, END = "<!-- queries-scale:start -->", "<!-- queries-scale:end -->"
GROWTH, RIVAL_SECS, PEAK_MB = 10, 10, 4096  # the targets: ×10 for ×10 events, rival-claims < 10 s, < 4 GB
DEFAULT_LIMIT = 60  # kg query's default --timeout, seconds
# What the store's own reads cost, with nothing joined: what every named query pays for the rows it
# reads, as the store grows (the prefixes are kg's, as for every query run through kg.sparql.query)
FLOOR = {"(read) every label": "SELECT ?s ?label WHERE { ?s rdfs:label ?label }",
         "(read) graph:keys's rival pairs": "SELECT ?pair ?p ?o WHERE { GRAPH graph:keys { ?pair mkg:firstClaim ?c ; ?p ?o } }"}


def worker(spec):
    """Open the store as `kg query` does, run one named query, emit its time, CPU time, rows, peak RSS."""
    from kg.sparql.named import get_named
    from kg.sparql.query import run
    from kg.store import open_store
    store = open_store(spec["store"])
    query = FLOOR.get(spec["query"]) or get_named(spec["query"])
    emit(start=spec["query"])
    wall, cpu = time.perf_counter(), time.process_time()
    rows = len(run(store, query).rows)
    emit(secs=time.perf_counter() - wall, cpu=time.process_time() - cpu, rows=rows, rss=maxrss_mb())


def measure(store, name, cap):
    """One query on one store in its own process; a dict of secs, cpu, rows, rss (MB), or status."""
    proc = subprocess.Popen([sys.executable, __file__, "--worker", json.dumps({"store": store, "query": name})],
                            stdout=subprocess.PIPE)
    buf, result = b"", {}
    while True:
        msg, buf = next_message(proc, buf, time.monotonic() + (cap if "start" in result else 120))
        if not isinstance(msg, dict):
            break
        result.update(msg)
        if "secs" in msg:
            break
    if msg == "timeout":
        result.update(status=f"stopped at {cap:g} s", rss=peak_rss_mb(proc.pid))
        proc.kill()
    elif "secs" not in result:
        result["status"] = "failed"
    proc.wait()
    return result


def cell(r):
    if "secs" not in r:
        return f"{r.get('status', 'not run')} | — | {r.get('rss', 0):,.0f} MB"
    return f"{r['secs']:.3g} | {r['cpu']:.3g} | {r['rss']:,.0f} MB"


def report(args, sizes, results, started, host):
    (small, _), (large, _) = sizes[0], sizes[-1]
    lines = [START, "## Named queries as the events grow (`bench/queries_scale.py`)", "",
             f"Written by `bench/queries_scale.py` on {started}. Command:", "", f"    {args.command}", "",
             host, f"- load average (1 min) at the end: {os.getloadavg()[0]:.2f}", "",
             "Stores: " + "; ".join(f"{n:,} events in `{d}`" for n, d in sizes) + " (`kg synth --seed 7`, "
             "`kg build --no-validate`). Each query once per store, in a new process; seconds are wall "
             "time, CPU is the process's user and system time during the query, peak RSS its "
             f"`ru_maxrss`. A query is stopped at --cap={args.cap:g} s. Growth: the larger store's time "
             "over the smaller's (CPU time where both finished, wall time in brackets).", "",
             "| query | rows | " + " | ".join(f"{n:,}: seconds | CPU s | peak RSS" for n, _ in sizes)
             + " | growth (CPU) |", "|---|---:|" + "---:|---:|---:|" * len(sizes) + "---:|"]
    missed = []
    for name, by_size in results.items():
        a, b = by_size[small], by_size[large]
        growth = f"×{b['cpu'] / a['cpu']:.1f} (×{b['secs'] / a['secs']:.1f})" if "secs" in a and "secs" in b else "—"
        rows = " / ".join(f"{r['rows']:,}" if "rows" in r else "—" for r in by_size.values())
        lines.append(f"| {name} | {rows} | " + " | ".join(cell(r) for r in by_size.values()) + f" | {growth} |")
        if name in FLOOR:
            continue
        if "secs" not in a or "secs" not in b or b["cpu"] > GROWTH * a["cpu"] or b["rss"] > PEAK_MB \
                or b["secs"] > DEFAULT_LIMIT \
                or (large >= 1_000_000 and name == "rival-claims" and b["secs"] > RIVAL_SECS):
            missed.append(name)
    lines += ["", f"Targets (issue 15): at most ×{GROWTH} from {small:,} to {large:,} events, under "
              f"{PEAK_MB // 1024} GB, within the default time limit; rival-claims under {RIVAL_SECS} s at 1,000,000"
              + ("" if large >= 1_000_000 else " (not measured here)") + ". "
              + (f"Missed by: {', '.join(missed)}." if missed else "Met by every query."), ""]
    reads = [n for n in FLOOR if n in results]
    if reads:
        lines += ["The rows marked (read) are no named query but what the store's own reads cost, with nothing "
                  "joined: " + "; ".join(f"`{FLOOR[n]}`" for n in reads) + ". They show what reading rows "
                  "costs as the store grows, which every named query pays for the rows it reads.", ""]
    lines.append(END)
    return "\n".join(lines) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--store", action="append", required=True, metavar="N=DIR", help="events=store directory (twice)")
    p.add_argument("--cap", type=float, default=float(DEFAULT_LIMIT))
    p.add_argument("--queries", help="comma-separated named queries (default: every one without a required parameter)")
    p.add_argument("--no-reads", action="store_true", help="leave out the plain reads that show the store's own growth")
    p.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "docs", "benchmarks.md"))
    args = p.parse_args()
    args.command = "python bench/queries_scale.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    from kg.sparql.named import named_queries
    sizes = sorted((int(n), d) for n, d in (s.split("=", 1) for s in args.store))
    names = args.queries.split(",") if args.queries else \
        [n for n, q in named_queries().items() if all(p.optional for p in q.params)]
    names += [] if args.no_reads else list(FLOOR)
    started, host = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), machine()
    results = {}
    for name in names:
        results[name] = {}
        for n, store in sizes:
            results[name][n] = r = measure(store, name, args.cap)
            log(f"{name} at {n:,}: {cell(r)}")
    write_section(args.out, START, END, report(args, sizes, results, started, host))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        worker(json.loads(sys.argv[2]))
    else:
        main()
