"""The output options every command that prints rows shares (kg stats, review, analyze, queries):
-f/--format with the results formats of kg.formats, -o/--output, --escape-formulas. Each format is
parsed back and compared with the command's JSON; a bad format is refused with exit code 2."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pyoxigraph as ox
import pytest
from kgtest import run_kg, seed_store_dir  # noqa: F401  (fixture)

from kg import formats
from kg.formats import RESULTS, Format
from kg.sparql.named import catalogue_rows
from kg.sparql.results import cell_text
from kg.stats import stats_rows


@pytest.fixture(scope="module")
def imported(seed_store_dir, tmp_path_factory):  # noqa: F811
    """The seed store with a GDELT file imported: one actor to review."""
    from importdata import border_gdelt
    folder = tmp_path_factory.mktemp("rows")
    store = folder / "store"
    shutil.copytree(seed_store_dir, store)
    gdelt = folder / "20260228.export.CSV"
    gdelt.write_text("".join(border_gdelt()), encoding="utf-8")
    proc = run_kg("import", "gdelt", gdelt, "--store", store)
    assert proc.returncode == 0, proc.stderr
    return store


# command -> (its arguments, its JSON as rows, the columns a table shows, a line of its table)
COMMANDS = {
    "stats": (["stats"], stats_rows, ("kind", "name", "count"), "items by class:"),
    "review": (["review"], lambda doc: doc, ("id", "label", "kind", "seen_as", "uses", "files"),
               "gdelt-actor-afgreb  Afghanistan (rebels) (seen as 'Waziristan Fighters')"),
    "analyze": (["analyze", "mediators"], lambda doc: doc,
                ("label", "mediations", "parties", "first", "last", "events", "status", "disputed_by"), "Saudi Arabia"),
    "queries": (["queries"], catalogue_rows, ("name", "answers", "title", "parameters"),
                "rival-claims  (CQ9)"),
}


def command(name, store, *extra):
    args, *_ = COMMANDS[name]
    proc = run_kg(*args, *extra, *([] if name == "queries" else ["--store", store]))
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def expected(name, store) -> list[dict]:
    """The command's rows, from its JSON, every value as the formats for programs write it."""
    rows = COMMANDS[name][1](json.loads(command(name, store, "-f", "json")))
    return [{k: cell_text(v, exact=True) for k, v in r.items()} for r in rows]


def sparql_rows(text: str, fmt) -> list[dict]:
    return [{v.value: ("" if s[v] is None else s[v].value) for v in answer.variables}
            for answer in [ox.parse_query_results(text, format=fmt)] for s in answer]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_format_parsed_back(name, imported):
    want = expected(name, imported)
    assert want and all(want)
    assert command(name, imported, "-f", "json") == command(name, imported, "--format", "json")
    assert list(csv.DictReader(io.StringIO(command(name, imported, "-f", "csv"), newline=""))) == want
    assert sparql_rows(command(name, imported, "-f", "tsv"), ox.QueryResultsFormat.TSV) == want
    assert sparql_rows(command(name, imported, "-f", "xml"), ox.QueryResultsFormat.XML) == want
    columns, line = COMMANDS[name][2:]
    markdown = command(name, imported, "-f", "markdown").splitlines()
    assert markdown[0] == "| " + " | ".join(columns) + " |" and len(markdown) == len(want) + 2
    table = command(name, imported, "-f", "table")
    assert table == command(name, imported) and line in table


def test_typed_values_for_programs(imported):
    """Numbers are typed in the formats that hold types (a count is an xsd:integer, not text)."""
    answer = ox.parse_query_results(command("stats", imported, "-f", "xml"), format=ox.QueryResultsFormat.XML)
    first = next(iter(answer))
    assert first["count"].datatype == ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    assert int(first["count"].value) == json.loads(command("stats", imported, "-f", "json"))["quads"]


@pytest.mark.parametrize("name", COMMANDS)
def test_output_file(name, imported, tmp_path):
    """-o writes what standard output would get; without -f, the file's extension picks the format."""
    out = tmp_path / "rows.csv"
    args = COMMANDS[name][0] + ([] if name == "queries" else ["--store", imported])
    proc = run_kg(*args, "-o", out)
    assert proc.returncode == 0 and proc.stdout == "" and f"wrote {out}" in proc.stderr
    assert out.read_bytes().decode("utf-8") == command(name, imported, "-f", "csv")
    proc = run_kg(*args, "-f", "json", "-o", out)
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(command(name, imported, "-f", "json"))


@pytest.mark.parametrize("name", COMMANDS)
def test_bad_format_is_refused(name, imported, tmp_path):
    args = COMMANDS[name][0] + ([] if name == "queries" else ["--store", imported])
    proc = run_kg(*args, "-f", "yaml", "-o", tmp_path / "out")
    assert proc.returncode == 2 and "Invalid value for '--format'" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_escape_formulas(imported):
    """The CSV of rows is for spreadsheets: formula-like text gets a ' unless --no-escape-formulas."""
    from kg.sparql.results import format_rows
    rows = [{"name": "=HYPERLINK(\"x\")", "count": -3}]
    (row,) = csv.DictReader(io.StringIO(format_rows(rows, "csv"), newline=""))
    assert row == {"name": "'=HYPERLINK(\"x\")", "count": "-3"}
    (row,) = csv.DictReader(io.StringIO(format_rows(rows, "csv", escape_formulas=False), newline=""))
    assert row["name"] == "=HYPERLINK(\"x\")"
    plain = command("stats", imported, "-f", "csv", "--no-escape-formulas")
    assert plain == command("stats", imported, "-f", "csv")  # nothing in it looks like a formula


def test_queries_show_takes_no_format():
    proc = run_kg("queries", "--show", "mediators", "-f", "csv")
    assert proc.returncode == 2 and "--format is for the list" in proc.stderr


def rows_as_lines(result) -> str:
    """A results format made up for the test: one 'variable=value' line per value."""
    return "".join(f"{v}={t.value}\n" for row in result.rows for v, t in zip(result.variables, row) if t is not None)


def test_a_new_result_format_reaches_the_row_commands(imported):
    fmt = formats.register(Format("lines", RESULTS, "Lines", f"{__name__}:rows_as_lines", extensions=("lines",)))
    try:
        out = command("stats", imported, "-f", "lines").splitlines()
        assert "kind=store" in out and f"count={json.loads(command('stats', imported, '-f', 'json'))['quads']}" in out
    finally:
        formats.unregister(fmt)


def test_query_output_file(seed_store_dir, tmp_path):  # noqa: F811
    """kg query takes -o too: its extension picks the format when -f is not given; an answer that
    format cannot hold writes nothing."""
    out = tmp_path / "claims.csv"
    proc = run_kg("query", "rival-claims", "-o", out, "--store", seed_store_dir)
    assert proc.returncode == 0 and proc.stdout == ""
    assert len(list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))) == 5
    bad = tmp_path / "claims.ttl"
    proc = run_kg("query", "rival-claims", "-o", bad, "--store", seed_store_dir)
    assert proc.returncode == 2 and "cannot hold" in proc.stderr and not bad.exists()
