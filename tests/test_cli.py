"""The kg command as a user runs it: exit codes, output formats, help, errors without tracebacks."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from kgtest import run_kg, seed_store_dir  # noqa: F401  (fixture)

from kg.cli import cli

COMMANDS = sorted(cli.commands)  # every command, so that a new one cannot go without an example


def test_help_does_not_import_heavy_libraries():
    """`kg --help` must answer at once: the CLI module imports no RDF, graph or HTML library."""
    code = ("import sys, kg.cli; "
            "print([m for m in ('rdflib', 'pyoxigraph', 'networkx', 'pyvis', 'pyshacl', 'yaml') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    proc = run_kg(command, "--help")
    assert proc.returncode == 0
    assert "Example" in proc.stdout and f"kg {command}" in proc.stdout


def test_query_formats(seed_store_dir):
    args = ["query", "rival-claims", "--store", seed_store_dir]
    table = run_kg(*args)
    assert table.returncode == 0 and "(5 rows)" in table.stdout
    raw = subprocess.run([sys.executable, "-m", "kg", *map(str, args), "--format", "csv"],
                         capture_output=True, check=True).stdout
    assert raw.startswith(b"lossesOfLabel,measure,") and raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    records = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert {r["figureB"] for r in records} == {"55", "13", "22", "274", "400"}
    as_json = json.loads(run_kg(*args, "-f", "json").stdout)
    assert len(as_json["results"]["bindings"]) == 5
    fig = as_json["results"]["bindings"][0]["figureA"]
    assert fig["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"


def test_query_from_stdin_file_and_text(seed_store_dir, tmp_path):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?c a mkg:Claim }"
    f = tmp_path / "q.rq"
    f.write_text(q)
    for given, stdin in (("-", q), (f, None), (q, None)):  # stdin, a .rq file, the text itself
        out = run_kg("query", given, "--store", seed_store_dir, "-f", "csv", input=stdin).stdout
        assert list(csv.reader(io.StringIO(out))) == [["n"], ["14"]]


def test_params_are_terms_not_text(seed_store_dir):
    """A hostile parameter value is a literal, never query text."""
    q = "SELECT ?x ?name WHERE { ?x rdfs:label ?name FILTER(?name = ?x2) } "
    proc = run_kg("query", q.replace("?x2", "?v").replace("?x ?name", "?x ?name ?v"), "--store", seed_store_dir,
                  "-p", 'v=Pakistan" } UNION { ?x ?p ?name } #')
    assert proc.returncode == 0 and "(no results)" in proc.stdout
    proc = run_kg("query", q.replace("?x2", "?v").replace("?x ?name", "?x ?name ?v"), "--store", seed_store_dir,
                  "-p", "v=Pakistan")
    assert "id:pakistan" in proc.stdout


@pytest.mark.parametrize("args,code,message", [
    (["query", "SELECT ?x WHERE { ?x ?p }"], 2, "SPARQL syntax error at line 1"),
    (["query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"], 2, "SERVICE would fetch"),
    (["query", "no-such-query"], 2, "not a named query"),
    (["query", "mediators", "-p", "colour=blue"], 2, "has no parameter 'colour'"),
    (["query", "casualty-claims", "-p", "from=yesterday"], 2, "not a date"),
    (["query", "mediators", "-p", "party1=unknownprefix:x"], 2, "unknown prefix"),
    (["export", "--dataset", "http://example.org/none"], 2, "no named graph"),
    (["export", "--graph", "http://example.org/none"], 2, "use --dataset http://example.org/none"),
    (["export", "-f", "turtle", "--as-of", "2025-01-01"], 2, "give --graph too"),
    (["analyze", "path", "pakistan", "id:pakistan"], 2, "are the same node"),
])
def test_user_errors(seed_store_dir, args, code, message):
    proc = run_kg(*args, "--store", seed_store_dir)
    assert proc.returncode == code, proc.stderr
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_missing_store(tmp_path):
    proc = run_kg("query", "mediators", "--store", tmp_path / "none")
    assert proc.returncode == 2 and "kg build" in proc.stderr and "Traceback" not in proc.stderr


def test_build_requires_sources(tmp_path):
    proc = run_kg("build", "--store", tmp_path / "s")
    assert proc.returncode == 2 and "--seed" in proc.stderr


def test_stats_and_queries_list(seed_store_dir):
    stats = json.loads(run_kg("stats", "--store", seed_store_dir, "-f", "json").stdout)
    assert stats["classes"]["mkg:Claim"] == 14 and len(stats["graphs"]) == 5
    assert {"https://w3id.org/mediation-kg/graph/attribution", "https://w3id.org/mediation-kg/graph/keys"} <= set(stats["graphs"])
    listing = run_kg("queries").stdout
    assert "rival-claims  (CQ9)" in listing and "--param party1=<iri>" in listing
    shown = run_kg("queries", "--show", "mediators").stdout
    assert shown.startswith("PREFIX ") and "SELECT" in shown


def test_export_to_file(seed_store_dir, tmp_path):
    out = tmp_path / "g.trig"
    proc = run_kg("export", "-f", "trig", "-o", out, "--store", seed_store_dir)
    assert proc.returncode == 0 and out.stat().st_size > 10_000
