"""The scale benchmark (bench/scale.py) runs end to end on a tiny size and writes its section only."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from kg.sparql.named import named_queries

SCRIPT = Path(__file__).parent.parent / "bench" / "scale.py"


def test_scale_benchmark_writes_its_section(tmp_path):
    out = tmp_path / "benchmarks.md"
    out.write_text("# Benchmarks\n\n<!-- scale:start -->\nstale\n<!-- scale:end -->\n\n"
                   "<!-- render:start -->\nthe render section\n<!-- render:end -->\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, str(SCRIPT), "--sizes", "300", "--repeat", "1", "--cap", "3",
                           "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    assert "stale" not in text and "the render section" in text  # its own section replaced, the others kept
    section = text[text.index("<!-- scale:start -->"):text.index("<!-- scale:end -->")]
    assert "FAILED" not in section, section
    assert "### 300 events, " in section and "### Targets (issue 6)" in section
    for step in ("`kg synth`", "`kg build` (with SHACL validation)", "`kg build --no-validate`", "`kg render`",
                 "`kg export -f nquads`", "`kg export --graph actors -f graphml`", "bare pyoxigraph: bulk_load",
                 "rdflib: Dataset.parse"):
        row = next(line for line in section.splitlines() if line.startswith(f"| {step}"))
        assert re.search(r"\| [\d.e-]+ \((1 run|[\d.e-]+–[\d.e-]+)\) \|", row) and " MB" in row, row  # time, RSS
    for name in named_queries():
        row = next(line for line in section.splitlines() if re.match(rf"\| {re.escape(name)}( ⋈)? \|", line))
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[1].isdigit() and int(cells[1]) > 0, row  # every query answers on the synthetic data
        assert re.fullmatch(r"[\d.e-]+ \(1 run\)", cells[2]) and re.fullmatch(r"[\d.e-]+ \(1 run\)", cells[3]), row
        assert cells[5].startswith("×"), row  # kg / pyoxigraph
        assert "rows**" not in row, row  # the engines agree on the number of rows


IMPORTS = Path(__file__).parent.parent / "bench" / "imports.py"


def test_imports_benchmark_writes_its_section(tmp_path):
    """bench/imports.py makes its inputs from the real excerpts, imports them, and replaces only its
    own section: one table row per importer and size, with the quads written and the peak memory."""
    out = tmp_path / "benchmarks.md"
    out.write_text("# Benchmarks\n\n<!-- imports:start -->\nstale\n<!-- imports:end -->\n\n"
                   "<!-- scale:start -->\nthe scale section\n<!-- scale:end -->\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, str(IMPORTS), "--sizes", "30", "60", "--runs", "1", "--write", str(out)],
                          capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    assert "stale" not in text and "the scale section" in text
    section = text[text.index("<!-- imports:start -->"):text.index("<!-- imports:end -->")]
    for kind in ("gdelt", "acled", "ucdp-ged", "pa-x"):
        for rows in (30, 60):
            row = next(line for line in section.splitlines() if line.startswith(f"| {kind} | {rows} |"))
            cells = [c.strip() for c in row.strip("|").split("|")]
            assert int(cells[3].replace(",", "")) > rows, row  # quads written: several a row
            assert re.fullmatch(r"\d+ MB", cells[6]), row  # peak memory
    assert "- gdelt: at least 20,000 rows/s: **" in section and "- acled: at least 10,000 rows/s: **" in section


def test_imports_benchmark_makes_every_copy_a_new_record(tmp_path):
    """The repeated rows are new records (ids unique), so an import adds them, never merges them."""
    import csv
    sys.path.insert(0, str(IMPORTS.parent))
    import imports
    for kind, column in (("acled", "event_id_cnty"), ("ucdp-ged", "id"), ("pa-x", "AgtId")):
        out = tmp_path / f"{kind}.csv"
        imports.generate(kind, out, 100)
        with out.open(newline="", encoding="utf-8") as fh:
            ids = [row[column] for row in csv.DictReader(fh)]
        assert len(ids) == 100 and len(set(ids)) == 100, kind
    out = tmp_path / "gdelt.csv"
    imports.generate("gdelt", out, 100)
    ids = [line.split("\t")[0] for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(ids) == 100 and len(set(ids)) == 100

def test_queries_scale_benchmark_measures_every_named_query(tmp_path):
    """bench/queries_scale.py on two tiny built stores: a row per named query (rows, times, peak RSS
    at both sizes, a growth ratio), the targets line, and only its own section replaced."""
    stores = []
    for n in (200, 400):
        for args in (["synth", "--events", str(n), "--seed", "7", "--out", str(tmp_path / f"synth-{n}")],
                     ["build", str(tmp_path / f"synth-{n}"), "--store", str(tmp_path / f"store-{n}"), "--no-validate"]):
            proc = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=300)
            assert proc.returncode == 0, proc.stderr
        stores += ["--store", f"{n}={tmp_path / f'store-{n}'}"]
    out = tmp_path / "benchmarks.md"
    out.write_text("# Benchmarks\n\n<!-- queries-scale:start -->\nstale\n<!-- queries-scale:end -->\n\n"
                   "<!-- scale:start -->\nthe scale section\n<!-- scale:end -->\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, str(SCRIPT.parent / "queries_scale.py"), *stores, "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    assert "stale" not in text and "the scale section" in text
    section = text[text.index("<!-- queries-scale:start -->"):text.index("<!-- queries-scale:end -->")]
    assert "Targets (issue 15)" in section
    for name, query in named_queries().items():
        rows = [line for line in section.splitlines() if line.startswith(f"| {name} |")]
        if not all(p.optional for p in query.params):
            assert not rows, name  # a query that needs a parameter is not run
            continue
        cells = [c.strip() for c in rows[0].strip("|").split("|")]
        assert all(n.replace(",", "").isdigit() for n in cells[1].split(" / ")), rows[0]  # rows at both sizes
        assert all(re.fullmatch(r"[\d.e-]+", c) for c in cells[2:4] + cells[5:7]), rows[0]  # seconds, CPU
        assert cells[4].endswith(" MB") and cells[7].endswith(" MB") and cells[8].startswith("×"), rows[0]
    # the store's own reads, beside the queries and out of the targets: rows at both sizes, a growth
    for name in ("(read) every label", "(read) graph:keys's rival pairs"):
        cells = [c.strip() for c in next(l for l in section.splitlines() if l.startswith(f"| {name} |")).strip("|").split("|")]
        assert all(int(n.replace(",", "")) > 0 for n in cells[1].split(" / ")) and cells[8].startswith("×"), cells
        assert name not in section.split("Missed by:")[-1].split("\n")[0]
    assert "The rows marked (read)" in section
