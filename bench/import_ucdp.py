"""Benchmark `kg import ucdp-ged`: rows per second and peak memory, on real UCDP GED rows repeated.

    python bench/import_ucdp.py                  # 100,000 rows, into a new store
    python bench/import_ucdp.py --rows 20000 --runs 3

The file is the real rows of tests/data/real/ucdp (the 2026 candidate excerpt and the GED 23.1
sample, 134 rows: newlines and tabs in cells, long source lists, every type of violence and
precision), repeated with new event ids (and so new claims) until it has --rows rows; actors,
places and dates repeat as in a real release. Each import runs in a child process (`python -m kg
import ucdp-ged`), timed from outside; its peak memory is the child's maximum resident set size.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "real" / "ucdp"
FILES = ("GEDEvent_v26_01_26_06.excerpt.csv", "ged231-sample.excerpt.csv")


def generate(path: Path, rows: int) -> None:
    real = []
    for name in FILES:
        with (REAL / name).open(newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            header = next(reader)
            real += list(reader)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for n in range(rows):
            row = list(real[n % len(real)])
            row[0] = str(10_000_000 + n)
            writer.writerow(row)


def run(path: Path, store: Path) -> dict:
    shutil.rmtree(store, ignore_errors=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "kg", "import", "ucdp-ged", str(path), "--store", str(store)],
                          env=env, capture_output=True, text=True)
    seconds = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    return {"seconds": seconds, "cpu": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
            "peak_mb": after.ru_maxrss / 1024, "summary": proc.stderr.strip().splitlines()[-1].strip()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "ged.csv"
        generate(f, args.rows)
        print(f"{args.rows:,} rows, {f.stat().st_size / 1e6:.1f} MB")
        for _ in range(args.runs):
            r = run(f, Path(tmp) / "store")
            print(f"{r['seconds']:.1f} s wall ({args.rows / r['seconds']:,.0f} rows/s), {r['cpu']:.1f} s CPU, "
                  f"peak RSS {r['peak_mb']:.0f} MB (ru_maxrss of all children so far) | {r['summary']}")


if __name__ == "__main__":
    main()
