"""The embedded store: pyoxigraph's Oxigraph, on disk (a directory made by ``kg build``) or in memory.

On disk, no write goes into the live directory while it is in use: :meth:`OxigraphStore.replace`
builds a new directory beside it, :meth:`OxigraphStore.snapshot` copies it (hard links: RocksDB
never rewrites a file it wrote), and either is swapped in with two renames only when the work
succeeded (:mod:`kg.store.disk`), so a failure leaves the store byte for byte as it was, and
readers that have the old directory open keep reading it. :meth:`OxigraphStore.lock` is a file lock
beside the directory (:func:`kg.store.disk.store_lock`).
"""

from __future__ import annotations

import os
import shutil
import uuid
from contextlib import contextmanager, nullcontext
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError, StoreError
from ..namespaces import PREFIXES
from .base import Snapshot, Store, holds_data, kept_by_build, refuse_emptying
from .disk import (
    MARKER,
    _recover,
    remove_staging,
    replace_store,
    store_info,
    store_lock,
    swap_in,
    write_info,
)

BATCH = 60_000  # quads per bulk load in load(): graphs are cleared before the quads of a batch go in


class OxigraphStore(Store):
    """An Oxigraph store: in memory (``location`` None) or the directory ``location``.

    A store opened on a directory where no store is yet (``open_store(path, create=True)``) reads
    as empty (``exists`` is False) until a build or an import makes one there."""

    def __init__(self, store: ox.Store | None = None, location: str | None = None, *, read_only: bool = True):
        self._db = store if store is not None else ox.Store()
        self._closed = False
        self.location = location
        self.read_only = read_only
        self.exists = True
        self.cleared: set[str] = set()  # graphs drop_graph removed (a server's local() loads them back)
        self._info: dict = {}  # the record, for a store without a directory
        self._identity = None

    @classmethod
    def memory(cls, quads=()) -> OxigraphStore:
        s = cls(ox.Store())
        s._store.bulk_extend(quads)
        return s

    @classmethod
    def at(cls, location, *, read_only: bool = True, create: bool = False) -> OxigraphStore:
        """The store in the directory ``location`` (see :func:`kg.store.open_store`)."""
        _recover(Path(location))
        store = cls(None, str(location), read_only=read_only)
        store._open()
        if not store.exists and not create:
            raise StoreError(f"no mediation-kg store at {location}: build one with 'kg build' (or pass --store)")
        return store

    def _open(self) -> None:
        """Open the directory as it is now (an empty store in memory when there is no store in it)."""
        self._db = None  # the previous handle, closed first
        self._identity = _identity(self.location)
        self.exists = (Path(self.location) / MARKER).is_file()
        if not self.exists:
            self._db = ox.Store()
            return
        try:
            self._db = ox.Store.read_only(self.location) if self.read_only else ox.Store(self.location)
        except OSError as e:
            raise StoreError(f"cannot open the store at {self.location}: {e}") from None

    @property
    def _store(self) -> ox.Store | None:
        """The pyoxigraph handle; opened again after a snapshot let it go (None once closed)."""
        if self._db is None and not self._closed and self.location is not None:
            self._open()
        return self._db

    @property
    def pyoxigraph(self) -> ox.Store:
        """The ``pyoxigraph.Store`` itself, for pyoxigraph's own API (bulk loads, pattern lookups)."""
        return self._store

    # --- reading ------------------------------------------------------------------------------

    def query(self, sparql, *, substitutions=None, default_graph=None, own_dataset=False, named_graphs=None,
              form=None):
        """Run SPARQL. The default graph is the union of all graphs, unless ``default_graph`` (a
        list of graph IRIs, possibly empty) says which graphs make it up, or ``own_dataset`` lets the
        query's FROM / FROM NAMED clauses decide. ``named_graphs`` (a list of graph IRIs) limits the
        graphs that ``GRAPH`` sees; by default it sees every named graph."""
        if own_dataset:
            options = {}
        elif default_graph is not None:
            options = {"default_graph": [ox.NamedNode(g) for g in default_graph]}
        else:
            options = {"use_default_graph_as_union": True}
        if named_graphs is not None:
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        try:
            return self._store.query(sparql, prefixes=PREFIXES, substitutions=substitutions or None, **options)
        except SyntaxError as e:
            raise QueryError(syntax_error_message(sparql, str(e))) from None
        except (RuntimeError, ValueError, OSError) as e:
            raise QueryError(f"the query failed: {e}") from None

    def quads(self, graph=None):
        return self._store.quads_for_pattern(None, None, None, graph)

    def dump(self, fmt, graph=None, output=None) -> bytes | None:
        kwargs = {"prefixes": PREFIXES} if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else {}
        if graph is None and not fmt.supports_datasets:
            # A triple format holds one graph: write the union of all graphs, each triple once.
            union = ox.Store()
            union.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in self._store)
            return union.dump(output, format=fmt, from_graph=ox.DefaultGraph(), **kwargs)
        if graph is not None:
            return self._store.dump(output, format=fmt, from_graph=graph, **kwargs)
        return self._store.dump(output, format=fmt, **kwargs)

    def named_graphs(self):
        return sorted(g.value for g in self._store.named_graphs())

    def __len__(self):
        return len(self._store)

    # --- the record ---------------------------------------------------------------------------

    def info(self) -> dict:
        """The record: the directory's KG-STORE.json."""
        return store_info(self.location) if self.location is not None else dict(self._info)

    def set_info(self, info: dict) -> None:
        if self.location is None:
            self._info = dict(info)
        elif not self.exists:
            raise StoreError(f"no mediation-kg store at {self.location} to record anything in")
        else:
            write_info(self.location, info)

    # --- writing in place -------------------------------------------------------------------------

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update (atomic: all of it or nothing). The store must be open read-write.
        Callers check it first with :func:`kg.sparql.guard.check_update`: pyoxigraph runs LOAD over HTTP."""
        try:
            self._store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as e:
            raise QueryError(syntax_error_message(sparql, str(e)).replace("SPARQL syntax error", "SPARQL Update syntax error", 1)) from None
        except (RuntimeError, ValueError, OSError) as e:
            raise QueryError(f"the update failed: {e}") from None

    def drop_graph(self, graph: str) -> None:
        self._store.remove_graph(ox.NamedNode(graph))
        self.cleared.add(graph)

    def put_graph(self, graph: str, quads) -> None:
        self._store.remove_graph(ox.NamedNode(graph))
        self._store.bulk_extend(quads)

    def flush(self) -> None:
        self._store.flush()

    # --- writing whole ------------------------------------------------------------------------

    def lock(self):
        """The directory's write lock (:func:`kg.store.disk.store_lock`: one kg build, import or server
        update at a time; StoreError when another process holds it). Once held, the store is read
        again if another process replaced it since it was opened. A store in memory is this
        process's alone: nothing to lock."""
        if self.location is None:
            return nullcontext()
        return self._locked()

    @contextmanager
    def _locked(self):
        with store_lock(self.location):
            if _identity(self.location) != self._identity:
                self._open()
            yield

    def replace(self, quads, info: dict, *, check=None, finish=None, allow_empty: bool = False) -> None:
        """What ``kg build`` does (see :mod:`kg.store.base`). On disk the new store is built in a
        directory beside this one and swapped in (:func:`kg.store.disk.replace_store`); the directory
        must hold a store, be empty or not exist. Hold :meth:`lock`."""
        info = dict(info)
        before = self.named_graphs()
        imports = self.info().get("imports") if self.exists else None
        if imports:
            info["imports"] = imports
        kept = [ox.NamedNode(g) for g in before if kept_by_build(g)] if imports else []

        def checked(new: ox.Store):
            if not allow_empty and not holds_data(g.value for g in new.named_graphs()):
                refuse_emptying(self.location, before)
            if check is not None:
                check(new)
        def finished(new: ox.Store):
            if finish is not None:
                finish(OxigraphStore(new, read_only=False))
        then = (q for g in kept for q in self._store.quads_for_pattern(None, None, None, g))
        if self.location is None:
            new = ox.Store()
            new.bulk_extend(quads)
            checked(new)
            new.bulk_extend(then)
            finished(new)
            self._db, self._info = new, info
            return
        replace_store(self.location, quads, info, check=checked, then=then, finish=finished)
        self._open()

    def load(self, quads, info: dict | None = None) -> int:
        """Replace the graphs ``quads`` are in (the default graph too, if any are there), on a copy
        swapped in when all of them are in. Hold :meth:`lock`."""
        with self.snapshot("import") as snapshot:
            with snapshot.open() as copy:
                n = copy._replace_graphs(quads)
            snapshot.commit(info)
        return n

    def _replace_graphs(self, quads) -> int:
        """Add ``quads`` in batches, each graph emptied before its first batch goes in."""
        seen, batch, n = set(), [], 0

        def add():
            for g in {q.graph_name for q in batch} - seen:
                if isinstance(g, ox.NamedNode):
                    self.drop_graph(g.value)
                else:
                    self._store.clear_graph(g)
                seen.add(g)
            self._store.bulk_extend(batch)
        for q in quads:
            batch.append(q)
            if len(batch) >= BATCH:
                add()
                n += len(batch)
                batch = []
        add()
        return n + len(batch)

    def snapshot(self, purpose: str = "import") -> Snapshot:
        """A copy of the store to change (see :class:`kg.store.base.Snapshot`). On disk: the directory
        ``.NAME.PURPOSE-PID-HEX`` beside the store (``purpose``: import, update; the name lets
        :func:`kg.store.disk.clean_staging` remove it if this process is killed), a copy made with
        hard links; this store object lets its own handle go meanwhile (one RocksDB open, not two)
        and opens it again when it is read. In memory: a copy in memory. Hold :meth:`lock`."""
        if self.location is None:
            return _MemorySnapshot(self)
        return _DirectorySnapshot(self, purpose)

    @contextmanager
    def local(self, reads=None):
        """This store itself: it is a local pyoxigraph store already (``reads`` does not matter)."""
        yield self

    def close(self):
        if self._db is not None and self.location is not None and not self.read_only and self.exists:
            self._db.flush()
        self._db, self._closed = None, True


class _DirectorySnapshot(Snapshot):
    def __init__(self, store: OxigraphStore, purpose: str):
        path = Path(store.location).resolve()
        if not store.exists and path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise StoreError(f"{path} exists and is not a mediation-kg store; refusing to {purpose} into it")
        path.parent.mkdir(parents=True, exist_ok=True)
        # A copy this process made earlier for the same purpose and could not remove (its writer was
        # killed while still writing in it): the caller holds the lock, so nothing else uses it.
        for leftover in path.parent.glob(f".{path.name}.{purpose}-{os.getpid()}-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        copy = path.parent / f".{path.name}.{purpose}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.location = str(copy)
        self._store, self._path = store, path
        try:
            if store.exists:
                store._store.backup(str(copy))
                store._db = None  # one RocksDB open, not two: opened again if the store is read meanwhile
            else:
                ox.Store(str(copy))  # a new, empty store (closed at once: nothing refers to it)
            write_info(copy, store.info())
        except BaseException as e:
            remove_staging(copy, e)
            store._open()
            raise

    def open(self) -> OxigraphStore:
        return OxigraphStore.at(self.location, read_only=False)

    def commit(self, info: dict | None = None, *, keep_old: bool = False):
        self._done = True
        try:
            if info is not None:
                write_info(self.location, info)
            old = swap_in(self.location, self._path)
        except BaseException as e:
            remove_staging(self.location, e)
            raise
        finally:
            self._store._open()
        if old is not None and not keep_old:
            shutil.rmtree(old, ignore_errors=True)
            return None
        return old

    def discard(self, error: BaseException | None = None) -> None:
        remove_staging(self.location, error)
        self._store._open()


class _MemorySnapshot(Snapshot):
    def __init__(self, store: OxigraphStore):
        self._store = store
        self._copy = ox.Store()
        self._copy.bulk_extend(store._store)

    def open(self) -> OxigraphStore:
        return OxigraphStore(self._copy, read_only=False)

    def commit(self, info: dict | None = None, *, keep_old: bool = False):
        self._done = True
        self._store._db = self._copy
        if info is not None:
            self._store._info = dict(info)


def _identity(location) -> tuple | None:
    try:
        st = os.stat(location)
    except (OSError, TypeError):
        return None
    return (st.st_dev, st.st_ino)


def syntax_error_message(sparql: str, message: str) -> str:
    """Oxigraph says "error at LINE:COLUMN: ..."; show that line with a caret under the column."""
    import re
    m = re.match(r"error at (\d+):(\d+): (.*)", message, re.S)
    if not m:
        return f"SPARQL syntax error: {message}"
    line, column, what = int(m.group(1)), int(m.group(2)), m.group(3)
    lines = sparql.splitlines() or [""]
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return (f"SPARQL syntax error at line {line}, column {column} (where the parser stopped): {what}\n"
            f"  {text}\n  {' ' * (column - 1)}^")
