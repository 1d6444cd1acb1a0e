"""How long deriving ``graph:attribution`` (kg.sparql.attribution.derive) and ``graph:keys``
(kg.sparql.keys.derive) takes, each alone, on synthetic data of several sizes; docs/benchmarks.md
("Deriving how each fact stands") has the results.

    python bench/attribution.py --sizes 10000 100000

Each size: ``kg synth --events N --seed 7`` into a temporary directory, loaded into a store in memory
without validation, then each internal query of graph:attribution and the whole derivation timed, then
graph:keys's derivation (wall and CPU time).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.build import _all_quads, prepare
from kg.sparql import keys
from kg.sparql.attribution import derive
from kg.sparql.named import internal_query
from kg.sparql.query import stream_records
from kg.store import OxigraphStore


def measure(events: int, directory: Path) -> dict:
    out = directory / f"synth-{events}"
    subprocess.run([sys.executable, "-m", "kg", "synth", "--events", str(events), "--seed", "7", "--out", str(out)],
                   check=True, capture_output=True)
    data, _ = prepare([out], validate=False)
    store = OxigraphStore.memory(_all_quads(data))
    row = {"events": events, "quads": len(store)}
    for name in ("attribution-stances", "attribution-items", "attribution-facts"):
        started = time.perf_counter()
        sum(1 for _ in stream_records(store, internal_query(name)))
        row[name] = time.perf_counter() - started
    started = time.perf_counter()
    row["derived"] = len(derive(store))
    row["derive"] = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    row["keys"] = len(keys.derive(store))
    row["keys_derive"], row["keys_cpu"] = time.perf_counter() - started, time.process_time() - cpu
    row["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    args = parser.parse_args()
    print("| events | quads in the store | derived quads | stances | items | facts | derive | graph:keys quads | "
          "keys derive (CPU) | peak RSS |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for events in args.sizes:
            r = measure(events, Path(tmp))
            print(f"| {r['events']:,} | {r['quads']:,} | {r['derived']:,} | {r['attribution-stances']:.2f} s | "
                  f"{r['attribution-items']:.2f} s | {r['attribution-facts']:.2f} s | {r['derive']:.2f} s | "
                  f"{r['keys']:,} | {r['keys_derive']:.2f} s ({r['keys_cpu']:.2f} s) | {r['peak_mb']:,} MB |", flush=True)


if __name__ == "__main__":
    main()
