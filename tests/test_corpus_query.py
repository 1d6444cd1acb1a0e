"""Hostile corpus, part 3: SPARQL through ``kg query``, and the command-line options of every
command (timeouts, limits, parameters, formats, output paths that are not regular files).

A query that would fetch (SERVICE, LOAD, a FROM naming no graph of the store) is refused with exit
code 2 and the loopback listener it names sees no connection; a query that would crash the engine
(deep nesting) is refused with exit code 2, never a segfault. The harness is tests/hostile_corpus.py.
"""

from __future__ import annotations

import csv
import json
import os
import select
import stat
import threading
import time

import pytest
from hostile_corpus import (
    DEEP_QUERIES,
    REMOTE_QUERIES,
    Case,
    check,
    params,
    run_cases,
    selected,
)
from kgtest import run_kg, seed_store_dir  # noqa: F401  (fixture)

Q = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"
ESCAPED_QUOTE = REMOTE_QUERIES["escaped-quote-comment"]


def query(id, text, *extra, exit=2, **kw) -> Case:
    return Case(id, ("query", text, "--store", "store", *extra), exit=exit, **kw)


def query_file(id, content, *extra, name="q.rq", exit=2, **kw) -> Case:
    return Case(id, ("query", name, "--store", "store", *extra), files={name: content}, exit=exit, **kw)


# --- output paths that are not regular files: written in place or refused, never replaced ----------

def char_device(name, major, minor):
    def setup(directory):
        os.mknod(directory / name, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
    return setup


def still(name, kind):
    def check_(directory, out):
        mode = os.lstat(directory / name).st_mode
        assert kind(mode), f"{name} was replaced by a {stat.filemode(mode)} file"
    return check_


class Fifo:
    """A FIFO with a reader that drains whatever is written, so a writer never blocks on it."""

    def __init__(self, name):
        self.name = name
        self.stop = threading.Event()

    def setup(self, directory):
        path = directory / self.name
        os.mkfifo(path)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a reader from the start: opening to write never blocks

        def drain():
            try:
                while not self.stop.is_set():
                    if select.select([fd], [], [], 0.1)[0] and not os.read(fd, 65536):
                        time.sleep(0.05)  # no writer (yet, or any more)
            finally:
                os.close(fd)
        threading.Thread(target=drain, daemon=True).start()

    def check(self, directory, out):
        self.stop.set()
        mode = os.lstat(directory / self.name).st_mode
        assert stat.S_ISFIFO(mode), f"{self.name} was replaced by a {stat.filemode(mode)} file"


FIFO = Fifo("out.trig")

# --- CSV for spreadsheets: formula-like names are neutralised -----------------------------------

FORMULAS = ["=cmd|' /C calc'!A0", "+HYPERLINK(\"http://127.0.0.1:@PORT@/\",\"x\")", "@SUM(A1)",
            "-2+3+cmd|' /C calc'!A0",
            "\t=1+1", "\r=1+1"]
EVIL_ACTORS = ("sources:\n  - {id: src, title: T, date: 2026-01-01}\nsource: src\nactors:\n"
               + "".join(f"  - {{id: evil{i}, type: state, name: {json.dumps(f)}}}\n" for i, f in enumerate(FORMULAS))
               + "events:\n  - {id: e1, type: mediation, name: Talks, date: 2026-01-02, parties: [evil0, evil1], "
               "mediators: [evil2, evil3, evil4, evil5]}\n")  # a JSON string is a YAML double-quoted scalar


def build_evil(directory):
    proc = run_kg("build", "evil.yaml", "--store", "store", cwd=directory)
    assert proc.returncode == 0, proc.stderr


def no_formulas(directory, out):
    cells = []
    for path in directory.glob("actors-*.csv"):
        with open(path, newline="", encoding="utf-8") as fh:
            cells += [cell for row in csv.reader(fh) for cell in row]
    assert cells, "no CSV written"
    payloads = [c for c in cells if any(f.lstrip("\t\r")[1:6] in c for f in FORMULAS)]
    assert len(payloads) >= len(FORMULAS), f"the names are missing from the CSV: {payloads}"
    bad = [c for c in payloads if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert not bad, f"cells a spreadsheet would run as formulas: {bad}"


CASES = [
    query("control-select", Q, exit=0, says="s"),  # the control: a plain query works under the limits

    # --- SPARQL that would fetch, as argument ------------------------------------------------------
    *[query(f"remote-{name}", text, says=r"SERVICE|LOAD|FROM|remote|network|fetch|parse|syntax|update")
      for name, text in REMOTE_QUERIES.items()],
    # the escaped-quote bypass through the other ways a query comes in
    query_file("remote-escaped-quote-rq-file", ESCAPED_QUOTE),
    query_file("remote-escaped-quote-sparql-file", ESCAPED_QUOTE, name="q.sparql"),
    Case("remote-escaped-quote-stdin", ("query", "-", "--store", "store"), stdin=ESCAPED_QUOTE, exit=2),
    query("remote-service-variable-param", "SELECT * WHERE { SERVICE ?u { ?s ?p ?o } }", "--param",
          "u=<http://127.0.0.1:@PORT@/sparql>"),
    query("remote-graph-option", Q, "--graph", "<http://127.0.0.1:@PORT@/g>"),
    query("remote-graph-option-fragment", Q, "--graph", "http://127.0.0.1:@PORT@/g#x"),
    # the listener's IRI as plain data: nothing to fetch, the query runs
    query("iri-as-graph-name", "SELECT * WHERE { GRAPH <http://127.0.0.1:@PORT@/g> { ?s ?p ?o } }", exit=0),
    query("iri-described", "DESCRIBE <http://127.0.0.1:@PORT@/x>", exit=0),
    query("iri-as-param", "SELECT ?s ?x WHERE { ?s ?p ?o FILTER(?s = ?x) }", "--param",
          "x=<http://127.0.0.1:@PORT@/x>", exit=0),
    Case("iri-as-named-query-param", ("query", "mediators", "--param", "party1=<http://127.0.0.1:@PORT@/x>",
                                      "--store", "store"), exit=2, says="nothing in the store is called <http"),

    # --- SPARQL that would crash or exhaust the engine ---------------------------------------------
    *[query_file(f"deep-{name}", make, says=r"deep|nest|large|long|complex|parse|syntax|limit")
      for name, make in DEEP_QUERIES.items()],
    query_file("huge-query-20mb", lambda port: "SELECT * WHERE { " + "?s ?p ?o . " * 2_000_000 + "}", slow=True,
               exit=(0, 2)),
    query_file("query-nul-byte", "SELECT * WHERE { ?s ?p \0 }"),
    query_file("query-latin-1", lambda port: 'SELECT * WHERE { ?s ?p "Caf\xe9" }'.encode("latin-1"),
               where=("q.rq", None)),
    query_file("query-utf-16", lambda port: Q.encode("utf-16"), where=("q.rq", None)),
    Case("query-stdin-latin-1", ("query", "-", "--store", "store"), stdin='SELECT * WHERE { ?s ?p "Caf\xe9" }'
         .encode("latin-1"), exit=2),
    query("query-file-missing", "missing.rq", where=("missing.rq", None)),
    Case("query-file-is-directory", ("query", "dir.rq", "--store", "store"), setup=lambda d: (d / "dir.rq").mkdir(),
         exit=2, where=("dir.rq", None)),
    query("update-as-query", "INSERT DATA { mkg:a mkg:b mkg:c }", says="update"),
    query("regex-catastrophic", 'ASK { FILTER(REGEX("' + "a" * 5000 + '!", "^(a+)+$")) }', exit=(0, 2, 3)),

    # --- options of kg query -----------------------------------------------------------------------
    *[query(f"timeout-{v}", Q, "--timeout", v, says="timeout") for v in ("nan", "inf", "-inf", "-1", "0", "1e400")],
    *[query(f"limit-{v}", Q, "--limit", v, says="limit") for v in ("0", "-1", "nan", "1e3")],
    query("limit-absurd", Q, "--limit", "9" * 30, exit=(0, 2)),
    query("format-unknown", Q, "-f", "exe"),
    query("param-no-equals", Q, "--param", "x"),
    query("param-no-name", Q, "--param", "=v"),
    query("param-bad-iri", Q, "--param", "x=<not an iri>"),
    query("param-bad-datatype", Q, "--param", 'x="1"^^<bad iri>'),
    query("param-unknown-prefix", Q, "--param", "x=nope:thing"),
    query("param-newline-id", Q, "--param", "x=pakistan\n"),
    query("param-huge-integer", Q, "--param", "x=" + "9" * 100, exit=(0, 2)),
    query("param-twice", Q, "--param", "x=1", "--param", "x=2"),
    query("param-huge-value", Q, "--param", "x=" + "a" * 100_000, exit=(0, 2)),
    Case("named-param-unknown", ("query", "mediators", "--param", "nope=1", "--store", "store"), exit=2),
    Case("named-param-bad-type", ("query", "casualty-claims", "--param", "from=yesterday", "--store", "store"), exit=2),
    query("graph-unknown", Q, "--graph", "no-such-source"),
    query("store-missing", Q, "--store", "nowhere", exit=2),

    # --- other commands' options -----------------------------------------------------------------
    Case("export-format-unknown", ("export", "-f", "exe", "--store", "store"), exit=2),
    Case("export-to-full-device", ("export", "-f", "trig", "-o", "full", "--store", "store"),
         setup=char_device("full", 1, 7), check=still("full", stat.S_ISCHR), exit=2),
    Case("export-graph-to-full-device", ("export", "--graph", "actors", "-f", "graphml", "-o", "full", "--store",
                                         "store"), setup=char_device("full", 1, 7), check=still("full", stat.S_ISCHR),
         exit=2),
    Case("export-to-fifo", ("export", "-f", "trig", "-o", "out.trig", "--store", "store"), setup=FIFO.setup,
         check=FIFO.check, exit=(0, 2), timeout=30),
    Case("render-to-full-device", ("render", "-o", "full.html", "--store", "store"),
         setup=char_device("full.html", 1, 7), check=still("full.html", stat.S_ISCHR), exit=2),
    Case("build-over-device", ("build", "--seed", "--store", "null"), setup=char_device("null", 1, 3),
         check=still("null", stat.S_ISCHR), exit=2),
    Case("export-csv-formulas", ("export", "--graph", "actors", "-f", "csv", "-o", "actors", "--store", "store"),
         files={"evil.yaml": EVIL_ACTORS}, setup=build_evil, check=no_formulas, exit=0, unchanged=False),
    Case("render-max-nodes-negative", ("render", "--max-nodes", "-1", "--store", "store"), exit=2),
    Case("analyze-path-huge-actor", ("analyze", "path", "a" * 50_000, "pakistan", "--store", "store"), exit=(1, 2)),
    Case("analyze-bad-date", ("analyze", "centrality", "--from", "2026-02-30", "--store", "store"), exit=2),
    Case("import-bad-on-error", ("import", "acled", "x.csv", "--on-error", "explode", "--store", "store"),
         files={"x.csv": "a\n"}, exit=2),
    Case("serve-timeout-nan", ("serve", "--timeout", "nan", "--port", "1", "--store", "store"), exit=2, timeout=30),
    Case("serve-timeout-inf", ("serve", "--timeout", "inf", "--port", "1", "--store", "store"), exit=2, timeout=30),
    Case("serve-port-out-of-range", ("serve", "--port", "70000", "--store", "store"), exit=2, timeout=30),
    Case("serve-update-without-token", ("serve", "--allow-update", "--port", "1", "--store", "store"), exit=2,
         timeout=30, env={"KG_UPDATE_TOKEN": ""}),
    Case("synth-negative", ("synth", "--events", "-1", "--out", "synth"), exit=2, store=False),
]


@pytest.fixture(scope="module")
def outcomes(request, seed_store_dir, tmp_path_factory):  # noqa: F811
    return run_cases(selected(request, CASES), seed_store_dir, tmp_path_factory.mktemp("corpus-query"))


@pytest.mark.parametrize("case", params(CASES))
def test_cli_refuses_hostile_request(case, outcomes):
    check(case, outcomes[case.id])
