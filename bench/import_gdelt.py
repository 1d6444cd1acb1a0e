"""Benchmark `kg import gdelt` on a generated GDELT 2.0 event file: rows per second, peak memory.

    python bench/import_gdelt.py                 # 1,000,000 rows, into a store holding the seed
    python bench/import_gdelt.py --rows 200000 --duplicates 0

The file has the exact 61-column layout, ordered by DATEADDED as GDELT's are: ~240 actor codes
(countries, and countries with a role: PAKMIL, AFGGOV...), the CAMEO codes weighted towards the
ones conflict reporting produces, 5,000 places, each source URL shared by about three events, and
a share of re-emitted events (same actors, code, date and place from another article) that the
importer must merge. Each import runs in a child process (`python -m kg import gdelt`), timed from
outside; its peak memory is the child's maximum resident set size (getrusage).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COUNTRIES = ["AFG", "PAK", "IND", "IRN", "USA", "CHN", "RUS", "QAT", "TUR", "SAU", "IRQ", "GBR", "FRA", "DEU",
             "UKR", "ISR", "PSE", "SYR", "EGY", "NGA", "KEN", "ETH", "SDN", "SOM", "YEM", "LBY", "MLI", "BFA",
             "NER", "TCD", "COD", "CAF", "MMR", "BGD", "LKA", "NPL", "TJK", "UZB", "TKM", "KAZ"]
ROLES = ["", "MIL", "GOV", "REB", "COP", "JUD"]
FIPS = {"AFG": "AF", "PAK": "PK", "IND": "IN", "IRN": "IR", "USA": "US", "CHN": "CH", "RUS": "RS", "QAT": "QA",
        "TUR": "TU", "SAU": "SA", "IRQ": "IZ"}
CODES = {"190": 8, "193": 10, "194": 6, "195": 6, "196": 2, "0871": 2, "045": 2, "046": 3, "036": 4, "0256": 3,
         "010": 12, "042": 6, "043": 5, "051": 4, "112": 6, "111": 5, "173": 4, "183": 2, "1823": 1, "020": 4,
         "040": 5, "057": 2, "0841": 2, "125": 1, "138": 2, "1384": 1, "141": 3, "145": 2, "163": 2, "181": 2}


def generate(path: Path, rows: int, duplicates: float, seed: int = 7) -> None:
    from kg.importers.gdelt import COLUMNS_2
    rng = random.Random(seed)
    codes, weights = list(CODES), list(CODES.values())
    actors = [c + r for c in COUNTRIES for r in ROLES]
    places = []
    for i in range(5000):
        c = rng.choice(COUNTRIES)
        fips = FIPS.get(c, c[:2])
        places.append(("4", f"Town {i}, Province {i % 97}, {c}", fips, f"{fips}{i % 40:02d}", "",
                       f"{rng.uniform(-60, 60):.4f}", f"{rng.uniform(-170, 170):.4f}", str(-1_000_000 - i)))
    start = dt.datetime(2026, 2, 1)
    recent: list[tuple] = []
    gid = 1_300_000_000
    url_n = 0
    idx = {c: i for i, c in enumerate(COLUMNS_2)}
    with path.open("w", encoding="utf-8") as out:
        for n in range(rows):
            added = start + dt.timedelta(seconds=int(n * 30 * 86400 / rows))
            added_text = added.strftime("%Y%m%d%H%M%S")
            if recent and rng.random() < duplicates:
                a1, a2, code, day, place = rng.choice(recent)
            else:
                a1, a2 = rng.choice(actors), rng.choice(actors + [""] * 20)
                code = rng.choices(codes, weights)[0]
                day = (added - dt.timedelta(days=rng.choice([0, 0, 0, 1, 1, 2, 7]))).strftime("%Y%m%d")
                place = rng.choice(places) if rng.random() < 0.85 else ("0", "", "", "", "", "", "", "")
                recent.append((a1, a2, code, day, place))
                if len(recent) > 2000:
                    recent.pop(0)
            if n % 3 == 0:
                url_n += 1
            gid += 1
            f = [""] * 61
            f[0], f[1], f[2], f[3], f[4] = str(gid), day, day[:6], day[:4], f"{day[:4]}.{int(day[4:6]) * 8:04d}"
            for base, code_ in ((5, a1), (15, a2)):
                if code_:
                    f[base], f[base + 1], f[base + 2] = code_, f"NAME OF {code_}", code_[:3]
                    f[base + 7] = code_[3:]
            f[25], f[26], f[27], f[28] = "1", code, code[:3], code[:2]
            f[29] = "4" if code[:2] >= "15" else ("3" if code[:2] >= "10" else "1")
            f[30] = "-10.0" if code[:2] == "19" else "2.0"
            articles = rng.randint(1, 20)
            f[31], f[32], f[33], f[34] = str(articles * 2), str(rng.randint(1, 5)), str(articles), f"{rng.uniform(-10, 5):.6f}"
            f[idx["ActionGeo_Type"]:idx["ActionGeo_FeatureID"] + 1] = list(place)
            f[59] = added_text
            f[60] = f"https://news{url_n % 400}.example.com/{day}/article-{url_n}.html"
            out.write("\t".join(f) + "\n")


def run_import(data: Path, store: Path) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "kg", "import", "gdelt", str(data), "--store", str(store)],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    seconds = time.perf_counter() - t
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode != 0:
        raise SystemExit(f"import failed ({proc.returncode}):\n{proc.stderr}")
    return {"seconds": round(seconds, 2), "peak_rss_mb": round(max(peak_kb, before) / 1024), "summary": proc.stderr.strip()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--duplicates", type=float, default=0.3, help="share of rows that re-emit a recent event")
    ap.add_argument("--dir", type=Path, default=None, help="where to put the file and store (default: a temp dir)")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    work = args.dir or Path(tempfile.mkdtemp(prefix="kg-import-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    data = work / f"gdelt-{args.rows}.export.CSV"
    t = time.perf_counter()
    generate(data, args.rows, args.duplicates)
    print(f"generated {data} ({data.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    store = work / "store"
    shutil.rmtree(store, ignore_errors=True)
    from kg.build import build
    from kg.data import seed_path
    build([seed_path()], store)
    first = run_import(data, store)
    again = run_import(data, store)  # the same file: a no-op
    result = {"rows": args.rows, "duplicates": args.duplicates, "cpus": os.cpu_count(),
              "import": first, "rows_per_second": round(args.rows / first["seconds"]),
              "reimport_seconds": again["seconds"], "store_mb": round(sum(f.stat().st_size for f in store.rglob("*") if f.is_file()) / 1e6)}
    print(json.dumps(result, indent=2))
    if not args.keep and args.dir is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
