"""Writes destroy nothing they do not own (issue 12): output paths that are not regular files,
staging directories of killed builds and imports, empty builds, reserved graphs."""

from __future__ import annotations

import os
import socket
import stat
import threading

import pytest
from kgtest import run_kg, seed_store, seed_store_copy, seed_store_dir  # noqa: F401  (fixtures)

from kg.errors import KGError
from kg.export import export, export_file
from kg.files import write_atomically
from kg.graphs.export import export_graph

# --- output paths that are not regular files ---------------------------------------------------


@pytest.fixture
def device(tmp_path):
    """``device("full")``: a character device that behaves as /dev/full (or /dev/null). As root, a
    node made in tmp_path with the same numbers, so that a regression replaces a copy and never the
    machine's own device; otherwise the real one, which a non-root process cannot replace."""
    numbers = {"full": (1, 7), "null": (1, 3)}

    def make(name):
        if os.geteuid() != 0:
            return f"/dev/{name}"
        path = tmp_path / name
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(*numbers[name]))
        return str(path)
    return make


def is_char_device(path) -> bool:
    return stat.S_ISCHR(os.lstat(path).st_mode)


def leftovers(directory) -> list[str]:
    """Temporary files a write left beside its target."""
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_export_to_a_full_device_says_so_and_leaves_the_device(seed_store_dir, device, tmp_path):  # noqa: F811
    full = device("full")
    for args in (["export", "-f", "nquads"], ["export", "--graph", "actors", "-f", "graphml"],
                 ["render"]):
        proc = run_kg(*args, "-o", full, "--store", seed_store_dir)
        assert proc.returncode == 2, (args, proc.stderr)
        assert f"error: {full}: No space left on device" in proc.stderr
        assert "Traceback" not in proc.stderr
        assert is_char_device(full)
    assert leftovers(tmp_path) == []


def test_export_to_dev_null_writes_in_place(seed_store_dir, seed_store, device):  # noqa: F811
    null = device("null")
    proc = run_kg("export", "-f", "nquads", "-o", null, "--store", seed_store_dir)
    assert proc.returncode == 0, proc.stderr
    assert f"wrote {null} ({len(export(seed_store, 'nquads'))} bytes)" in proc.stderr  # bytes written, not a size
    proc = run_kg("render", "-o", null, "--store", seed_store_dir)
    assert proc.returncode == 0, proc.stderr
    assert is_char_device(null)


class Reader(threading.Thread):
    """Reads a FIFO to its end, as another process would."""

    def __init__(self, path):
        super().__init__(daemon=True)
        self.path, self.data = path, None
        self.start()

    def run(self):
        with open(self.path, "rb") as fh:
            self.data = fh.read()


def test_a_fifo_is_written_in_place_for_its_reader(seed_store, tmp_path):  # noqa: F811
    import networkx as nx
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = Reader(fifo)
    size = export_file(seed_store, "nquads", fifo)
    reader.join(30)
    assert reader.data == export(seed_store, "nquads") and size == len(reader.data)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    graph = nx.MultiDiGraph(name="g")
    graph.add_edge("a", "b", key="x")
    reader = Reader(fifo)
    export_graph(graph, "graphml", fifo)
    reader.join(30)
    assert reader.data == export_graph(graph, "graphml")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and leftovers(tmp_path) == []


def test_a_symlink_stays_and_the_file_it_points_to_is_replaced(tmp_path):
    real = tmp_path / "real.html"
    real.write_text("old")
    real.chmod(0o600)
    link = tmp_path / "link.html"
    link.symlink_to(real.name)
    write_atomically(link, "new")
    assert link.is_symlink() and os.readlink(link) == real.name
    assert real.read_text() == "new" and stat.S_IMODE(real.stat().st_mode) == 0o600
    dangling = tmp_path / "dangling.html"
    dangling.symlink_to("made.html")
    write_atomically(dangling, "made")
    assert dangling.is_symlink() and (tmp_path / "made.html").read_text() == "made"
    assert leftovers(tmp_path) == []


def test_a_directory_or_socket_is_refused(seed_store, seed_store_dir, tmp_path):  # noqa: F811
    import networkx as nx
    folder = tmp_path / "folder.graphml"
    folder.mkdir()
    with pytest.raises(IsADirectoryError):
        export_graph(nx.MultiDiGraph(), "graphml", folder)
    with pytest.raises(IsADirectoryError):
        export_file(seed_store, "nquads", folder)
    proc = run_kg("export", "--graph", "actors", "-o", folder, "--store", seed_store_dir)
    assert proc.returncode == 2 and f"error: {folder} is a directory" in proc.stderr, proc.stderr
    assert list(folder.iterdir()) == []
    sock_path = tmp_path / "s.trig"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        with pytest.raises(KGError, match="is a socket"):
            export_file(seed_store, "trig", sock_path)
        proc = run_kg("export", "-o", sock_path, "--store", seed_store_dir)
        assert proc.returncode == 2 and f"error: {sock_path} is a socket" in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr and stat.S_ISSOCK(os.lstat(sock_path).st_mode)
    assert leftovers(tmp_path) == []


# --- staging directories of killed builds, imports and updates ---------------------------------

STALL = """
import sys, time
import {module} as m
def stall(*args, **kwargs):
    print("ready", flush=True)
    time.sleep(600)
m.{function} = stall
from kg.cli import main
main(sys.argv[1:])
"""


def killed_while_writing(module, function, *args) -> int:
    """Run ``kg ARGS`` in a child process that stops in ``module.function`` (once its staging
    directory is written), SIGKILL it there, as the OOM killer or a closed laptop would; its pid."""
    import signal
    import subprocess
    import sys
    child = subprocess.Popen([sys.executable, "-c", STALL.format(module=module, function=function), *map(str, args)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout.readline() == "ready\n", child.stderr.read()
    child.send_signal(signal.SIGKILL)
    child.wait(30)
    return child.pid


def staging(store) -> list[str]:
    return sorted(p.name for p in store.parent.iterdir() if p.name.startswith(f".{store.name}."))


@pytest.mark.slow  # kg processes, killed while writing
def test_a_build_cleans_up_after_a_killed_build_and_import(store, tmp_path):  # noqa: F811
    from importdata import border_gdelt
    from kgtest import tree_digest
    pid = killed_while_writing("kg.build", "validate_store", "build", "--seed", "--store", store)
    assert staging(store) == [".kg-store.lock", f".kg-store.new-{pid}"]  # the lock file stays, unlocked
    gdelt = tmp_path / "20260228.export.CSV"
    gdelt.write_text("".join(border_gdelt()), encoding="utf-8")
    digest = tree_digest(store)
    pid2 = killed_while_writing("kg.importers.core", "_describe_import", "import", "gdelt", gdelt, "--store", store)
    (copy,) = [name for name in staging(store) if name not in (".kg-store.lock", f".kg-store.new-{pid}")]
    assert copy.startswith(f".kg-store.import-{pid2}-") and tree_digest(store) == digest  # the store is untouched
    proc = run_kg("import", "gdelt", gdelt, "--store", store)
    assert proc.returncode == 0, proc.stderr
    assert staging(store) == []
    pid = killed_while_writing("kg.build", "validate_store", "build", "--seed", "--store", store)
    assert staging(store) == [".kg-store.lock", f".kg-store.new-{pid}"]  # the lock file stays, unlocked
    proc = run_kg("build", "--seed", "--store", store)
    assert proc.returncode == 0, proc.stderr
    assert staging(store) == []


@pytest.fixture
def pids():
    """(a live process's pid, a dead one's)."""
    import subprocess
    import sys
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    yield live.pid, dead.pid
    live.kill()
    live.wait()


def test_only_staging_of_dead_processes_is_removed(tmp_path, pids):
    from kg.store.disk import MARKER, store_lock
    live, dead = pids
    store = tmp_path / "kg-store"
    (store).mkdir()
    (store / MARKER).write_text("{}")
    garbage = [f".kg-store.new-{dead}", f".kg-store.old-{dead}", f".kg-store.old-{dead}-0a1b2c3d",
               f".kg-store.import-{dead}-0a1b2c3d", f".kg-store.update-{dead}-0a1b2c3d"]
    alive = [f".kg-store.new-{live}", f".kg-store.old-{live}-0a1b2c3d", f".kg-store.import-{live}-0a1b2c3d",
             f".kg-store.update-{live}-0a1b2c3d", f".kg-store.new-{os.getpid()}"]
    others = [f".other.new-{dead}", f".kg-store.new-{dead}.bak", f"kg-store.new-{dead}", f".kg-store.import-{dead}-x",
              f".kg-store.new-{dead}-0a1b2c3d-0a1b2c3d", ".kg-store.new-99999999999999999999"]
    for name in garbage + alive + others:
        (tmp_path / name).mkdir()
        (tmp_path / name / "000001.sst").write_bytes(b"x" * 1000)
    (tmp_path / f".kg-store.update-{dead}-ffffffff").write_text("a file, not a directory")
    target = tmp_path / "elsewhere"
    target.mkdir()
    (target / "keep").write_text("keep")
    (tmp_path / f".kg-store.import-{dead}-eeeeeeee").symlink_to(target)
    with store_lock(store):
        left = sorted(p.name for p in tmp_path.iterdir())
    assert not set(garbage) & set(left)
    assert set(alive + others + [f".kg-store.update-{dead}-ffffffff", f".kg-store.import-{dead}-eeeeeeee"]) <= set(left)
    assert (target / "keep").read_text() == "keep"


def test_the_only_copy_of_a_store_is_never_removed(tmp_path, pids):
    """A swap killed between its two renames leaves the store aside as .old-PID; a killed server
    leaves older replaced stores too. The store written last comes back, the rest goes."""
    import time

    from kg.store.disk import MARKER, clean_staging, store_lock
    _, dead = pids
    store = tmp_path / "kg-store"
    older, newer = tmp_path / f".kg-store.old-{dead}-0a1b2c3d", tmp_path / f".kg-store.old-{dead}-ffffffff"
    for path, built in ((newer, "newer"), (older, "older")):
        path.mkdir()
        (path / MARKER).write_text(built)
        time.sleep(0.01)  # distinct modification times, the newer store written first
    os.utime(older / MARKER, ns=(1, 1))
    half = tmp_path / f".kg-store.old-{dead}"  # no marker: not a store, but while the store is missing keep it
    half.mkdir()
    assert clean_staging(store) == [] and half.exists()
    with store_lock(store):
        assert (store / MARKER).read_text() == "newer"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg-store"]


@pytest.fixture
def open_at_removal(monkeypatch):
    """What this process still had open inside each directory ``shutil.rmtree`` was asked to remove.
    An open pyoxigraph Store's threads can write files there during the removal, which then
    leaves the directory behind: the GDELT import test found a .kg-store.import-... copy now and then."""
    import shutil
    seen = {}
    remove = shutil.rmtree

    def rmtree(path, *args, **kwargs):
        inside = []
        for fd in os.listdir("/proc/self/fd"):
            try:
                target = os.readlink(f"/proc/self/fd/{fd}")
            except OSError:
                continue
            if target == str(path) or target.startswith(f"{path}/"):
                inside.append(target)
        seen[str(path)] = inside
        return remove(path, *args, **kwargs)
    monkeypatch.setattr(shutil, "rmtree", rmtree)
    return seen


def test_a_failed_build_or_import_closes_its_copy_before_removing_it(store, tmp_path, open_at_removal):  # noqa: F811
    from importdata import border_gdelt
    from kgtest import BROKEN, tree_digest

    from kg.build import build
    from kg.errors import InputErrors, ValidationFailed
    from kg.importers import import_file
    digest = tree_digest(store)
    with pytest.raises(ValidationFailed):  # raised by the check on the new store, which it was handed
        build([BROKEN / "ceasefire-one-party.yaml"], store)
    rows = border_gdelt()
    rows[4] = rows[4].replace("\t20260226\t", "\t20260231\t", 1)
    bad = tmp_path / "bad.CSV"
    bad.write_text("".join(rows))
    with pytest.raises(InputErrors):  # raised after the loader thread wrote batches into the copy
        import_file("gdelt", bad, store)
    copies = [p for p in open_at_removal if ".kg-store.new-" in p or ".kg-store.import-" in p]
    assert len(copies) == 2 and all(open_at_removal[p] == [] for p in copies), open_at_removal
    assert tree_digest(store) == digest and staging(store) == []


# --- a build with no data ---------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "# to do\n", "sources: []\n"], ids=["empty", "comment", "empty-section"])
def test_an_empty_build_does_not_wipe_a_store(store, tmp_path, text):  # noqa: F811
    from kgtest import tree_digest
    empty = tmp_path / "empty.yaml"
    empty.write_text(text)
    digest = tree_digest(store)
    for extra in ([], ["--no-validate"]):
        proc = run_kg("build", empty, "--store", store, *extra)
        assert proc.returncode == 2, proc.stderr
        assert f"refusing to replace the store at {store}" in proc.stderr and "--allow-empty" in proc.stderr
        assert "Traceback" not in proc.stderr
        assert tree_digest(store) == digest and staging(store) == []


def test_an_empty_build_on_request(store, tmp_path):  # noqa: F811
    from kg.build import build
    from kg.errors import StoreError
    from kg.namespaces import ONTOLOGY_GRAPH
    from kg.store import graphs_in
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    with pytest.raises(StoreError, match="allow_empty=True"):
        build([empty], store)
    build([empty], store, allow_empty=True)
    assert graphs_in(store) == [str(ONTOLOGY_GRAPH)]
    build([empty], store)  # nothing left to lose
    build([empty], tmp_path / "new-store")  # nor in a new store
    assert graphs_in(tmp_path / "new-store") == [str(ONTOLOGY_GRAPH)]


# --- graphs kg writes itself --------------------------------------------------------------------

def test_a_json_ld_file_cannot_write_into_a_vocabulary_graph(seed_store_dir, tmp_path):  # noqa: F811
    """TriG and N-Quads are in tests/data/broken; JSON-LD has no comments to hold the expectation."""
    import json

    from kgtest import tree_digest
    doc = {"@id": "https://w3id.org/mediation-kg/graph/vocabulary/cameo",
           "@graph": [{"@id": "https://w3id.org/mediation-kg/cameo/190",
                       "http://www.w3.org/2004/02/skos/core#prefLabel": "Hold a picnic"}]}
    f = tmp_path / "relabel.jsonld"
    f.write_text(json.dumps(doc))
    digest = tree_digest(seed_store_dir)
    proc = run_kg("build", "--seed", f, "--store", seed_store_dir)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"{f}: writes into the graph <https://w3id.org/mediation-kg/graph/vocabulary/cameo>" in proc.stderr
    assert tree_digest(seed_store_dir) == digest


# --- links from an item to itself -----------------------------------------------------------------

SELF_LINK = """sources:
  - {{id: src, title: Test source, date: 2026-01-01}}
source: src
actors:
  - {{id: pakistan, type: state, name: Pakistan}}
events:
  - {{id: other, type: air-strike, name: Another strike, date: 2026-02-09, attacker: pakistan}}
  - id: strike
    type: air-strike
    name: A strike
    date: 2026-02-10
    attacker: pakistan
claims:
  - {{id: other-toll, claimant: pakistan, measure: killed, figure: 20}}
  - id: toll
    claimant: pakistan
    measure: killed
    figure: 12
{field}
"""


def _self_link_yaml(key):
    from kg.authoring.schema import NOT_ITSELF
    assert key in NOT_ITSELF
    item = "toll" if key == "subset_of" else "strike"
    field = f"    {key}: {item}"
    text = SELF_LINK.format(field="")
    if item == "strike":  # the event's fields end before 'claims:'
        text = text.replace("    attacker: pakistan\nclaims:", f"    attacker: pakistan\n{field}\nclaims:")
    else:
        text += field + "\n"
    line = text.splitlines().index(field) + 1
    return text, line, item


@pytest.mark.parametrize("key", ["triggered_by", "triggered", "after", "responded_to", "part_of", "produced",
                                 "breach_of", "release_of", "subset_of"])
def test_a_link_from_an_item_to_itself_is_refused(tmp_path, key):
    from kg.authoring.ingest import ingest
    from kg.errors import InputErrors
    text, line, item = _self_link_yaml(key)
    f = tmp_path / "self.yaml"
    f.write_text(text)
    with pytest.raises(InputErrors) as caught:
        ingest([f])
    (error,) = caught.value.errors  # that one, and nothing else
    assert (error.file, error.line) == (str(f), line)
    assert error.message.startswith(f"{key!r} of {item!r} is {item!r} itself")
    f.write_text(text.replace(f"{key}: {item}", f"{key}: {'other-toll' if item == 'toll' else 'other'}"))
    ingest([f])  # linked to another item: fine


# --- CSV meant for spreadsheets -------------------------------------------------------------------

HOSTILE_NAMES = """sources:
  - {id: src, title: "@SUM(A1)", date: 2026-01-01}
source: src
actors:
  - {id: north, type: state, name: "=cmd|' /C calc'!A0"}
  - {id: south, type: state, name: "+HYPERLINK(\\"http://evil.example/\\",\\"click\\")"}
  - {id: broker, type: state, name: "-2+3+cmd|' /C calc'!A0"}
events:
  - {id: talks, type: mediation, name: "\\t=1+1", date: 2026-02-01, parties: [north, south], mediators: broker}
"""


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    from kg.build import build
    d = tmp_path_factory.mktemp("hostile")
    (d / "names.yaml").write_text(HOSTILE_NAMES)
    build([d / "names.yaml"], d / "kg-store")
    return d / "kg-store"


def read_rows(path):
    import csv
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_csv_for_spreadsheets_from_the_command_line(hostile_store, tmp_path):
    import csv
    import io
    north, south, broker = "=cmd|' /C calc'!A0", '+HYPERLINK("http://evil.example/","click")', "-2+3+cmd|' /C calc'!A0"
    proc = run_kg("export", "--graph", "actors", "-f", "csv", "-o", tmp_path / "safe", "--store", hostile_store)
    assert proc.returncode == 0, proc.stderr
    labels = {row["label"] for row in read_rows(tmp_path / "safe-nodes.csv")}
    assert {"'" + north, "'" + south, "'" + broker} <= labels
    edge_cells = [cell for row in read_rows(tmp_path / "safe-edges.csv") for cell in row.values()]
    assert any(cell.startswith("'\t=1+1") for cell in edge_cells)  # the event's name, in the edge's items
    assert not any(cell.startswith(("=", "+", "-2", "@", "\t", "\r")) for cell in edge_cells)
    proc = run_kg("export", "--graph", "actors", "-f", "csv", "-o", tmp_path / "raw", "--no-escape-formulas",
                  "--store", hostile_store)
    assert proc.returncode == 0
    assert {north, south, broker} <= {row["label"] for row in read_rows(tmp_path / "raw-nodes.csv")}
    proc = run_kg("analyze", "mediators", "-f", "csv", "--store", hostile_store)
    (row,) = csv.DictReader(io.StringIO(proc.stdout, newline=""))
    assert proc.returncode == 0 and "'" + broker in row.values(), proc.stdout
    query = "SELECT ?name WHERE { ?a a mkg:State ; rdfs:label ?name } ORDER BY ?name"
    proc = run_kg("query", query, "-f", "csv", "--store", hostile_store)  # the W3C format: exact
    assert proc.returncode == 0
    assert [r["name"] for r in csv.DictReader(io.StringIO(proc.stdout, newline=""))] == sorted([north, south, broker])
    proc = run_kg("query", query, "-f", "csv", "--escape-formulas", "--store", hostile_store)
    assert [r["name"] for r in csv.DictReader(io.StringIO(proc.stdout, newline=""))] == sorted(
        ["'" + north, "'" + south, "'" + broker])
    proc = run_kg("query", query, "--escape-formulas", "--store", hostile_store)
    assert proc.returncode == 2 and "--escape-formulas is for -f csv" in proc.stderr
