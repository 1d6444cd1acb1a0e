"""The store: atomic replacement, safety against clobbering other directories, clear errors; the
writes every kind of store owns (issue 13), on a directory, in memory and on both test servers."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from kgtest import seed_store_dir, tree_digest  # noqa: F401  (fixture)

from kg.build import build
from kg.data import seed_path
from kg.errors import StoreError
from kg.namespaces import GRAPH
from kg.store import open_store
from kg.store.disk import MARKER, replace_store
from kg.store.remote import INFO_GRAPH


def test_build_then_open_read_only(seed_store_dir):
    with open_store(seed_store_dir) as store:
        assert len(store) > 2000
        assert "https://w3id.org/mediation-kg/graph/aljazeera-2026-02-27" in store.named_graphs()


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no mediation-kg store at .*kg build"):
        open_store(tmp_path / "nowhere")


def test_refuses_to_replace_a_directory_that_is_not_a_store(tmp_path):
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work")
    with pytest.raises(StoreError, match="not a mediation-kg store"):
        build([seed_path()], precious)
    assert (precious / "thesis.txt").read_text() == "years of work"


def test_failure_while_loading_leaves_the_old_store(tmp_path):
    path = tmp_path / "store"
    build([seed_path()], path)
    before = tree_digest(path)

    def quads():
        yield ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal("o"))
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        replace_store(path, quads(), {})
    assert tree_digest(path) == before
    assert [p.name for p in tmp_path.iterdir()] == ["store"]  # no half-built directory left behind


def test_interrupted_swap_is_recovered(tmp_path):
    """A crash between the two renames leaves the previous store aside; the next open puts it back."""
    path = tmp_path / "store"
    build([seed_path()], path)
    aside = tmp_path / ".store.old-12345"
    path.rename(aside)
    with open_store(path) as store:
        assert len(store) > 2000
    assert (path / MARKER).is_file() and not aside.exists()


def test_rebuild_replaces_content(tmp_path):
    path = tmp_path / "store"
    build([seed_path()], path)
    small = tmp_path / "small.yaml"
    small.write_text("sources:\n  - {id: s, title: T, date: 2026-01-01}\nsource: s\n"
                     "actors:\n  - {id: a, type: state, name: A}\n")
    build([small], path)
    with open_store(path) as store:
        assert "https://w3id.org/mediation-kg/graph/aljazeera-2026-02-27" not in store.named_graphs()


# --- issue 13: a store owns its writes -----------------------------------------------------------

DBA = {"KG_STORE_USER": "dba", "KG_STORE_PASSWORD": "dba"}


def test_no_is_remote_branch_outside_the_store_package():
    """Callers never ask which kind of store they hold: only kg/store tells them apart."""
    import kg
    root = Path(kg.__file__).parent
    found = [f"{path.relative_to(root.parent)}:{n}: {line.strip()}"
             for path in sorted(root.rglob("*.py")) if path.relative_to(root).parts[0] != "store"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if "is_remote" in line or "RemoteStore" in line]
    assert found == []


def _q(subject: str, graph: str, value: str = "x") -> ox.Quad:
    return ox.Quad(ox.NamedNode(f"urn:x:{subject}"), ox.NamedNode("urn:x:p"), ox.Literal(value),
                   ox.NamedNode(str(GRAPH[graph])))


def _content(store) -> dict:
    """{graph name (after graph:): sorted subjects}."""
    out: dict = {}
    for q in store.quads():
        out.setdefault(q.graph_name.value[len(str(GRAPH)):], []).append(q.subject.value[len("urn:x:"):])
    return {g: sorted(s) for g, s in out.items()}


@pytest.fixture(params=["disk", "memory", *(pytest.param(s, marks=pytest.mark.remote) for s in ("virtuoso", "oxigraph"))])
def writable(request, tmp_path, monkeypatch):
    """An empty store of each kind: a directory to be made, memory, and each test server."""
    if request.param == "memory":
        yield open_store(None)
        return
    if request.param == "disk":
        with open_store(tmp_path / "kg-store", create=True) as store:
            yield store
        return
    server = request.getfixturevalue(request.param)
    for k, v in DBA.items():
        monkeypatch.setenv(k, v)
    server.clear()
    server.clear(INFO_GRAPH)
    yield open_store(server.sparql_url)
    server.clear()
    server.clear(INFO_GRAPH)


def test_replace_keeps_what_imports_made_and_checks_first(writable):
    imported = str(GRAPH["import/x"])
    with writable.lock():
        writable.replace([_q("a", "a"), _q("b", "b")], {"files": ["one.yaml"]})
        assert _content(writable) == {"a": ["a"], "b": ["b"]}
        assert writable.info() == {"files": ["one.yaml"]}
        writable.load([_q("i", "import/x")], {**writable.info(), "imports": [{"graph": imported}]})
        writable.replace([_q("c", "c")], {"files": ["two.yaml"]})
        assert _content(writable) == {"c": ["c"], "import/x": ["i"]}
        assert writable.info() == {"files": ["two.yaml"], "imports": [{"graph": imported}]}

        seen = []

        def refuse(new):  # sees the new content, before the kept graphs join it
            seen.append(sorted(g.value for g in new.named_graphs()))
            raise ValueError("invalid")
        with pytest.raises(ValueError, match="invalid"):
            writable.replace([_q("d", "d")], {"files": []}, check=refuse)
        assert seen == [[str(GRAPH["d"])]]
        with pytest.raises(StoreError, match="allow-empty"):
            writable.replace([_q("o", "ontology")], {"files": []})
        assert _content(writable) == {"c": ["c"], "import/x": ["i"]}
        assert writable.info()["files"] == ["two.yaml"]
        writable.replace([_q("o", "ontology")], {"files": []}, allow_empty=True)
        assert _content(writable) == {"ontology": ["o"], "import/x": ["i"]}


def test_load_replaces_its_graphs_all_or_nothing(writable):
    with writable.lock():
        writable.replace([_q("a1", "a"), _q("a2", "a"), _q("b", "b")], {"files": []})
        assert writable.load([_q("a3", "a"), _q("n", "new")], {"loaded": 1}) == 2
        assert _content(writable) == {"a": ["a3"], "b": ["b"], "new": ["n"]}
        assert writable.info() == {"loaded": 1}

        def failing():
            yield _q("z", "a")
            yield _q("z", "b")
            raise ValueError("bad input")
        with pytest.raises(ValueError, match="bad input"):
            writable.load(failing())
        assert _content(writable) == {"a": ["a3"], "b": ["b"], "new": ["n"]}


def test_a_snapshot_is_committed_or_discarded(writable):
    insert = f"INSERT DATA {{ GRAPH <{GRAPH['b']}> {{ <urn:x:b> <urn:x:p> 'x' }} }}"
    with writable.lock():
        writable.replace([_q("a", "a")], {"files": []})
        with writable.snapshot("update") as snapshot:
            with snapshot.open() as work:
                work.update(insert)
            if snapshot.stoppable:  # a copy: nothing shows until the commit
                assert _content(writable) == {"a": ["a"]}
            snapshot.commit({"files": [], "updates": 1})
        assert _content(writable) == {"a": ["a"], "b": ["b"]}
        assert writable.info() == {"files": [], "updates": 1}
        with writable.snapshot("update") as snapshot:
            with snapshot.open() as work:
                work.drop_graph(str(GRAPH["a"]))
        # left without a commit: a copy is thrown away; a server applied the update already
        expected = {"a": ["a"], "b": ["b"]} if snapshot.stoppable else {"b": ["b"]}
        assert _content(writable) == expected


def test_local_writes_back_whole_graphs(writable):
    """An import's way in: a local store to read and bulk-load, its new and cleared graphs put in place."""
    with writable.lock():
        writable.replace([_q("a1", "a"), _q("a2", "a"), _q("b", "b")], {"files": []})
        with writable.snapshot("import") as snapshot:
            with snapshot.open() as work, work.local(["urn:x:p"]) as local:
                assert _content(local) == {"a": ["a1", "a2"], "b": ["b"]}
                local.drop_graph(str(GRAPH["a"]))
                local.pyoxigraph.bulk_extend([_q("a3", "a"), _q("c", "c")])
            snapshot.commit({"files": [], "imports": []})
        assert _content(writable) == {"a": ["a3"], "b": ["b"], "c": ["c"]}


def test_the_lock_an_embedded_store_holds_and_a_server_cannot(writable, tmp_path):
    with writable.lock():
        if writable.location is not None and not writable.location.startswith("http"):
            with pytest.raises(StoreError, match="another kg build or kg import is writing"):
                with open_store(writable.location, create=True).lock():
                    pass
        else:  # memory is this process's alone; a SPARQL endpoint offers no lock: nothing is held
            with writable.lock():
                pass


def test_a_store_is_made_where_there_was_none(tmp_path):
    path = tmp_path / "new" / "kg-store"
    with pytest.raises(StoreError, match="no mediation-kg store"):
        open_store(path)
    store = open_store(path, create=True)
    assert (len(store), store.named_graphs(), store.info(), store.exists) == (0, [], {}, False)
    with store.lock():
        store.replace([_q("a", "a")], {"files": []})
    assert store.exists and _content(store) == {"a": ["a"]}
    with open_store(path) as again:
        assert _content(again) == {"a": ["a"]} and again.info() == {"files": []}
