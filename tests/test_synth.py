"""The synthetic generator (kg/synth.py, `kg synth`): scenario-shaped, valid, deterministic, and
the same data whether written as authoring files or as RDF."""

from __future__ import annotations

import shlex
import time

import pyoxigraph as ox
import pytest
from kgtest import run_kg
from rdflib import Literal

from kg.authoring.ingest import ingest
from kg.build import build_memory, prepare
from kg.namespaces import ID_PATTERN
from kg.sparql.named import named_queries, parse_params
from kg.sparql.query import run
from kg.synth import count_events, generate, write_rdf, write_yaml
from kg.terms import from_oxigraph

EVENTS = 1000


@pytest.fixture(scope="module")
def synth_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("synth") / "yaml"
    write_yaml(path, EVENTS, seed=7)
    return path


@pytest.fixture(scope="module")
def synth_store(synth_dir):
    return build_memory([synth_dir])  # validates (SHACL): raises on any violation


def _ids(docs):
    for doc in docs:
        for items in doc.values():
            if isinstance(items, list):
                for item in items:
                    yield item["id"]
                    for claim in item.get("claims", ()):
                        yield claim["id"]


@pytest.mark.slow  # a synthetic graph of 1,000 events or more
def test_exact_event_count_unique_valid_ids():
    for n in (1, 37, EVENTS, 12_345):
        docs = list(generate(n, seed=3))
        assert sum(count_events(d) for d in docs) == n
        assert all(count_events(d) <= 10_000 for d in docs)
    ids = list(_ids(generate(EVENTS, seed=3)))
    assert len(ids) == len(set(ids))
    assert all(ID_PATTERN.match(i) for i in ids)


@pytest.mark.slow  # a synthetic graph of 1,000 events or more
def test_builds_and_validates(synth_dir):
    data, report = prepare([synth_dir])
    assert report.conforms
    assert len(data.quads) > 15 * EVENTS


def test_deterministic_and_seeded(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for path, seed in ((a, 5), (b, 5), (c, 6)):
        write_yaml(path, 300, seed)
    files = sorted(p.name for p in a.iterdir())
    assert files == sorted(p.name for p in b.iterdir())
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    assert any((a / f).read_bytes() != (c / f).read_bytes() for f in files if f != "reference.yaml")
    write_rdf(tmp_path / "a.nq", 300, 5, per_file=100)
    write_rdf(tmp_path / "b.nq", 300, 5, per_file=100, workers=2)  # parallel: the same bytes
    assert (tmp_path / "a.nq").read_bytes() == (tmp_path / "b.nq").read_bytes()


def test_output_directory_must_be_new_or_empty(tmp_path):
    from kg.errors import KGError
    (tmp_path / "old.yaml").write_text("{}")
    with pytest.raises(KGError):
        write_yaml(tmp_path, 10)


@pytest.mark.slow  # a synthetic graph of 1,000 events or more
def test_hostile_strings_survive(synth_dir):
    """Quotes, backslashes, markup and non-ASCII letters in names and quotes round-trip exactly."""
    docs = list(generate(EVENTS, seed=7))
    texts = {v for d in docs for items in d.values() if isinstance(items, list) for it in items
             for v in it.values() if isinstance(v, str)}
    assert any('"' in t for t in texts) and any(not t.isascii() for t in texts) and any("<" in t for t in texts)
    labels = {str(o) for s, p, o, g in ingest([synth_dir]).quads if isinstance(o, Literal)}
    # every hostile text the generator made is a literal of the built graph, unchanged
    hostile = {t for t in texts if any(c in t for c in '"<\\«“')}
    assert hostile and hostile <= labels


def test_reports_come_after_what_they_tell():
    """No event, statement or claim may start after the date of the source it comes from."""
    from kg.authoring.dates import parse_date
    for doc in generate(5000, seed=1):
        dates = {s["id"]: s["date"] for s in doc.get("sources", ())}
        for section in ("events", "statements", "claims"):
            for item in doc.get(section, ()):
                if item.get("source") in dates and "date" in item:
                    assert parse_date(item["date"]).not_before.isoformat() <= dates[item["source"]], item["id"]


def _example_params(nq, store):
    """The query's example parameters, dropping ids the synthetic graph does not have."""
    words = shlex.split(nq.example)
    pairs = [words[i + 1] for i, w in enumerate(words) if w == "--param"]
    params = parse_params(pairs, nq)
    ask = "ASK { { ?x ?p ?o } UNION { ?s ?p ?x } }"
    return {k: v for k, v in params.items()
            if not isinstance(v, ox.NamedNode) or store.query(ask, substitutions={ox.Variable("x"): v}).__bool__()}


@pytest.mark.slow  # a synthetic graph of 1,000 events or more
@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_answers(synth_store, name):
    nq = named_queries()[name]
    assert len(run(synth_store, nq).rows) > 0, f"{name}: no rows on the synthetic graph"
    params = _example_params(nq, synth_store)
    if params:
        assert len(run(synth_store, nq, params).rows) > 0, f"{name}: no rows with the example's parameters"


@pytest.mark.slow  # a synthetic graph of 1,000 events or more
def test_answers_grow_with_size(synth_store, tmp_path):
    small = tmp_path / "small"
    write_yaml(small, EVENTS // 4, seed=7)
    small_store = build_memory([small], validate=False)
    for name in ("mediators", "rival-claims", "casualty-claims", "escalation-chain", "official-statements"):
        nq = named_queries()[name]
        assert len(run(synth_store, nq).rows) > 2 * len(run(small_store, nq).rows) > 0, name


def _answers(store):
    out = {}
    for name, nq in named_queries().items():
        rows = run(store, nq).rows
        out[name] = sorted(tuple("" if t is None else str(from_oxigraph(t)) for t in r) for r in rows)
    return out


@pytest.mark.slow
def test_yaml_and_rdf_routes_agree(tmp_path):
    write_yaml(tmp_path / "yaml", 400, seed=2)
    yaml_quads = {q for q in ingest([tmp_path / "yaml"]).quads}
    nq = tmp_path / "synth.nq"
    n = write_rdf(nq, 400, seed=2)
    rdf_quads = set(ingest([nq]).quads)
    assert n >= len(rdf_quads) == len(yaml_quads)
    assert rdf_quads == yaml_quads
    # and the same answers to every named query
    assert _answers(build_memory([tmp_path / "yaml"], validate=False)) == _answers(build_memory([nq], validate=False))
    # with the ontology, the file alone loads into a store that answers
    full = tmp_path / "full.nq"
    write_rdf(full, 400, seed=2, ontology=True)
    store = ox.Store()
    store.bulk_load(path=str(full), format=ox.RdfFormat.N_QUADS)
    assert len(store) > len(rdf_quads)


@pytest.mark.slow
def test_ten_thousand_events_in_reasonable_time(tmp_path):
    """Measured, not asserted: the time is printed (pytest -s)."""
    t = time.perf_counter()
    files = write_yaml(tmp_path / "y", 10_000, seed=1)
    took = time.perf_counter() - t
    print(f"\n10k events as YAML: {took:.2f} s, {len(files)} files")
    assert sum(count_events(d) for d in generate(10_000, seed=1)) == 10_000


def test_cli(tmp_path):
    out = tmp_path / "cli"
    proc = run_kg("synth", "--events", "200", "--seed", "4", "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert "200 synthetic events" in proc.stdout and (out / "reference.yaml").is_file()
    again = run_kg("synth", "--events", "200", "--out", out)
    assert again.returncode == 2 and "new or empty directory" in again.stderr
    nq = tmp_path / "nq"
    proc = run_kg("synth", "-n", "200", "--seed", "4", "--out", nq, "--format", "nquads")
    assert proc.returncode == 0 and (nq / "synthetic.nq").stat().st_size > 0
    assert run_kg("synth", "--events", "0", "--out", tmp_path / "z").returncode == 2


def test_the_smallest_output_builds(tmp_path):
    """One event (seed 0) is the smallest case of the bug `kg synth --events 30000 --seed 1` showed:
    an episode too short for a statement left an empty 'statements:' section, null in YAML."""
    proc = run_kg("synth", "--events", "1", "--seed", "0", "--out", tmp_path / "one")
    assert proc.returncode == 0, proc.stderr
    proc = run_kg("build", tmp_path / "one", "--store", tmp_path / "store")
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("events", [1, 2, 3, 59, 60, 61, 99, 100, 101, 119, 121])
def test_output_builds_around_file_boundaries(tmp_path, events):
    """Files of at most 60 events (10,000 by default) put a short episode alone at the end of a
    file, or make a file of one episode."""
    for seed in (0, 1, 2):
        files = write_yaml(tmp_path / f"s{seed}", events, seed, per_file=60)
        data = ingest([tmp_path / f"s{seed}"])  # raises on any problem
        assert data.count and len(files) >= 3 + (events - 1) // 60


@pytest.mark.slow  # a synthetic graph of 1,000 events or more
def test_no_section_is_left_empty_in_the_reported_case():
    """`kg synth --events 30000 --seed 1` (generating is quick, writing and building are not): its
    last file, events-00004.yaml, had the empty section; every section now reads back as items."""
    from kg.authoring.yamlreader import YList, load_yaml
    from kg.synth import _file_names, to_yaml
    name, doc = list(_file_names(generate(30_000, seed=1)))[-1]
    assert name == "events-00004.yaml" and not doc["statements"]
    read = load_yaml(to_yaml(doc), name)
    assert all(isinstance(read[section], YList) and read[section] for section in read)
