"""Benchmark the dataset importers: rows per second and peak memory for GDELT, ACLED, UCDP GED and PA-X.

    python bench/imports.py                           # every importer, two sizes each, 3 runs
    python bench/imports.py --only gdelt acled --runs 5
    python bench/imports.py --real /work/scratch/realdata    # the whole real files as the rows to repeat
    python bench/imports.py --write docs/benchmarks.md
    python bench/imports.py --over --only gdelt acled   # into a store that already holds as many rows

Each input is real rows repeated until it has the rows asked for, each copy made a new record:
GDELT rows get new GLOBALEVENTIDs, their SQLDATE moved on by one day per copy and DATEADDED by 15
minutes (one GDELT 2.0 file per copy, in DATEADDED order, so the dedup window does its real work);
ACLED rows a new ``event_id_cnty`` and their date moved on by a year per copy; UCDP GED rows a new
``id``; PA-X rows a new ``AgtId``. Actors, places and codes repeat as in a real export. The rows
come from tests/data/real (small excerpts), or with ``--real DIR`` from the whole files of the
collection the excerpts were cut from (its gdelt/, acled/, ucdp/ and pax/ folders).

Each import runs as ``python -m kg import KIND FILE --store STORE`` in a child process, into a new
store, timed from outside (so Python's start-up and the ontology are in the time); its peak memory
is the child's maximum resident set size (``os.wait4``). Two sizes per importer show whether
memory grows with the file. With ``--over`` each import goes into a copy of a store that already
holds as many rows of the same kind (the next rows of the same sequence, so other ids): an import
into a store that has grown, as a daily import meets it.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report import write_section  # bench/report.py: the script's folder is on sys.path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REAL = ROOT / "tests" / "data" / "real"
# (importer, CLI name, rows at the two sizes, the rows to repeat: excerpt files, whole files under --real)
PLAN = {
    "gdelt": ("gdelt", (50_000, 200_000), ["gdelt/20191024143000.export.excerpt.CSV"],
              ["src/gdelt/arekziobrowski_20191024143000.export.CSV"]),
    "acled": ("acled", (25_000, 100_000), ["acled/acledR-deletion-dummy.excerpt.csv"],
              ["acled/acled_old_deletion_dummy.csv"]),
    "ucdp-ged": ("ucdp-ged", (10_000, 40_000), ["ucdp/GEDEvent_v26_01_26_06.excerpt.csv", "ucdp/ged231-sample.excerpt.csv"],
                 ["ucdp/GEDEvent_v26_01_26_06.excerpt.csv", "ucdp/ucdpged_23_1_sample_uncertainUCDP.csv"]),
    "pa-x": ("pa-x", (2_500, 10_000), ["pa-x/pax-v10.peacerep.excerpt.csv"], ["src/pax/peacerep_pax_all_agreements_v10.csv"]),
}
TARGETS = {"gdelt": 20_000, "acled": 10_000}  # rows/s (issue 16)
MEMORY_MB = 1024


def _gdelt(sources: list[Path], out: Path, rows: range) -> None:
    lines = [ln for f in sources for ln in f.read_text(encoding="utf-8").splitlines() if ln.strip()]
    with out.open("w", encoding="utf-8") as fh:
        for n in rows:
            copy, f = divmod(n, len(lines))
            f = lines[f].split("\t")
            f[0] = str(int(f[0]) + copy * 10_000_000)
            day = dt.date(int(f[1][:4]), int(f[1][4:6]), int(f[1][6:8])) + dt.timedelta(days=copy)
            f[1], f[2], f[3] = day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year)
            added = dt.datetime.strptime(f[-2], "%Y%m%d%H%M%S") + dt.timedelta(minutes=15 * copy)
            f[-2] = added.strftime("%Y%m%d%H%M%S")
            fh.write("\t".join(f) + "\n")


def _csv(sources: list[Path], out: Path, rows: range, change) -> None:
    header, real = None, []
    for f in sources:
        with f.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.reader(fh)
            header = next(reader)
            real += list(reader)
    index = {c: i for i, c in enumerate(header)}
    with out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for n in rows:
            copy, i = divmod(n, len(real))
            row = list(real[i])
            change(row, index, copy, n)
            writer.writerow(row)


def _acled(row, index, copy, n):
    row[index["event_id_cnty"]] += f"{copy:03d}" if copy else ""
    if copy:
        d = row[index["event_date"]]
        row[index["event_date"]] = f"{int(d[:4]) + copy}{d[4:]}" if d[4:] != "-02-29" else f"{int(d[:4]) + copy}-02-28"


def _ucdp(row, index, copy, n):
    row[index["id"]] = str(10_000_000 + n)


def _pax(row, index, copy, n):
    if copy:
        row[index["AgtId"]] = str(100_000 * copy + int(row[index["AgtId"]]))


MAKERS = {"gdelt": _gdelt, "acled": lambda s, o, r: _csv(s, o, r, _acled),
          "ucdp-ged": lambda s, o, r: _csv(s, o, r, _ucdp), "pa-x": lambda s, o, r: _csv(s, o, r, _pax)}


def generate(kind: str, out: Path, rows: int, real: Path | None = None, start: int = 0) -> None:
    """Write ``rows`` rows of ``kind`` to ``out``, repeated from the excerpts (or the whole files under
    ``real``), from the ``start``-th row of the sequence on (each copy gets new ids)."""
    _, _, excerpts, whole = PLAN[kind]
    sources = [real / f for f in whole] if real else [REAL / f for f in excerpts]
    MAKERS[kind](sources, out, range(start, start + rows))


def run(cli: str, data: Path, store: Path, base: Path | None = None) -> dict:
    """One import into a new store (or a copy of the store ``base``) in a child process: wall
    seconds, CPU seconds, peak RSS, its summary."""
    shutil.rmtree(store, ignore_errors=True)
    if base is not None:
        shutil.copytree(base, store)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    err = store.parent / "stderr.txt"
    with err.open("w") as fh:
        start = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "kg", "import", cli, str(data), "--store", str(store)],
                                env=env, stdout=subprocess.DEVNULL, stderr=fh, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.monotonic() - start
    text = err.read_text()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"import failed:\n{text}")
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
            "quads": next((int(w) for ln in text.splitlines() if " quads into graph " in ln
                           for w in ln.split()[:1]), 0)}


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def measure(kinds, runs: int, real: Path | None, work: Path, sizes=None, over: bool = False) -> list[dict]:
    results = []
    for kind in kinds:
        cli, planned, _, _ = PLAN[kind]
        for rows in sizes or planned:
            data = work / f"{kind}-{rows}.data"
            base = None
            if over:  # a store holding as many rows already: the next rows of the sequence
                generate(kind, data, rows, real, start=rows)
                base = work / "base"
                run(cli, data, base)
            generate(kind, data, rows, real)
            before = load()
            tries = [run(cli, data, work / "store", base) for _ in range(runs)]
            r = {"kind": kind, "rows": rows, "mb": data.stat().st_size / 1e6, "quads": tries[0]["quads"],
                 "rates": sorted(rows / t["seconds"] for t in tries), "cpu": sorted(t["cpu"] for t in tries),
                 "peak": max(t["peak_mb"] for t in tries), "load": f"{before} → {load()}"}
            results.append(r)
            print(f"{kind} {rows:,} rows ({r['mb']:.1f} MB, {r['quads']:,} quads): rows/s "
                  f"{' / '.join(f'{x:,.0f}' for x in r['rates'])}; CPU {' / '.join(f'{x:.1f}' for x in r['cpu'])} s; "
                  f"peak {r['peak']:.0f} MB; load {r['load']}", file=sys.stderr, flush=True)
            data.unlink()
            shutil.rmtree(work / "base", ignore_errors=True)
    shutil.rmtree(work / "store", ignore_errors=True)
    return results


def section(results: list[dict], command: str, runs: int, real: Path | None, note: str, over: bool = False) -> str:
    import pyoxigraph

    def git(*args):
        return subprocess.run(["git", *args], capture_output=True, text=True, cwd=ROOT, check=False).stdout.strip()

    commit, dirty = git("rev-parse", "--short", "HEAD"), git("status", "--porcelain", "--", "kg")
    origin = ("the whole real files the excerpts of tests/data/real were cut from (`--real`: acledR's 9,000 rows, "
              "a 2,111-row GDELT 2.0 file, UCDP's 2026 candidate excerpt and GED 23.1 sample, PA-X v10)"
              if real else "tests/data/real")
    lines = [
        "<!-- imports:start -->",
        "## Importing GDELT, ACLED, UCDP GED and PA-X (`bench/imports.py`)",
        "",
        f"    {command}",
        "",
        f"- machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores; {platform.platform()}",
        (f"- versions: Python {platform.python_version()}, pyoxigraph {pyoxigraph.__version__}; commit {commit}"
         + (" with uncommitted changes to kg/" if dirty else "")),
        (f"- rows repeated from {origin}; {runs} runs per size, each into "
         + ("a copy of a store that holds as many rows of the same kind already (other ids)" if over else "a new store")
         + "; rows/s from the wall time of the whole command"),
        "",
        "| importer | rows | file | quads | rows/s min / median / max | CPU s (median) | peak RSS | load avg (1/5/15 min) before → after |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        rates = r["rates"]
        lines.append(f"| {r['kind']} | {r['rows']:,} | {r['mb']:.1f} MB | {r['quads']:,} | {rates[0]:,.0f} / "
                     f"**{statistics.median(rates):,.0f}** / {rates[-1]:,.0f} | {statistics.median(r['cpu']):.1f} | "
                     f"{r['peak']:.0f} MB | {r['load']} |")
    lines.append("")
    for kind, target in TARGETS.items():
        best = [statistics.median(r["rates"]) for r in results if r["kind"] == kind]
        if best:
            met = min(best) >= target
            lines.append(f"- {kind}: at least {target:,} rows/s: **{'met' if met else 'not met'}** "
                         f"(median {', '.join(f'{b:,.0f}' for b in best)} rows/s)")
    peaks = [r["peak"] for r in results]
    if peaks:
        lines.append(f"- peak memory under {MEMORY_MB} MB: **{'met' if max(peaks) < MEMORY_MB else 'not met'}** "
                     f"(largest {max(peaks):.0f} MB)")
    if note:
        lines += ["", note.strip()]
    lines.append("<!-- imports:end -->")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", nargs="+", choices=list(PLAN), default=list(PLAN))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", type=int, nargs="+", help="rows per file, for every importer (default: its two sizes)")
    ap.add_argument("--real", type=Path, help="a folder with gdelt/, acled/, ucdp/, pax/ and src/ (the whole files)")
    ap.add_argument("--dir", type=Path, help="where to write the inputs and stores (default: a temporary folder)")
    ap.add_argument("--write", type=Path, help="put the results in this file's imports section (docs/benchmarks.md)")
    ap.add_argument("--note", default="", help="text to add under the table (what else ran on the machine)")
    ap.add_argument("--over", action="store_true", help="import into a store that holds as many rows of the kind already")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        results = measure(args.only, args.runs, args.real, Path(tmp), args.sizes, args.over)
    text = section(results, "python bench/imports.py " + " ".join(sys.argv[1:]), args.runs, args.real, args.note,
                   args.over)
    print(text)
    if args.write:
        write_section(args.write, "<!-- imports:start -->", "<!-- imports:end -->", text)


if __name__ == "__main__":
    main()
