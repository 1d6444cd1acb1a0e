"""Where the graph lives: one small interface, an embedded Oxigraph implementation.

``open_store(None)`` gives an in-memory store (tests, notebooks); ``open_store(path)`` the
embedded on-disk store; ``open_store(url)`` a SPARQL endpoint (kg/remote.py), same methods.

Builds never write into a live store: :func:`replace_store` loads into a new directory next to
it and swaps it in only when everything succeeded, so a failed build leaves the old store
exactly as it was, byte for byte.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import traceback
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from .errors import QueryError, StoreError
from .namespaces import PREFIXES

MARKER = "KG-STORE.json"


def default_location() -> str:
    """The store to use when none is given: $KG_STORE, the config file (kg.config), ./kg-store."""
    from .config import store_location
    return store_location()


class Store:
    """The operations every backend offers."""

    def query(self, sparql: str, *, substitutions=None, default_graph=None, own_dataset=False, named_graphs=None,
              form=None):
        """Run a query; ``form`` (select, ask, construct, describe), when the caller knows it from the
        guard's parse, saves a backend that needs it (a remote one asks for a format by it) a parse."""
        raise NotImplementedError

    def update(self, sparql: str) -> None:
        raise NotImplementedError

    def quads(self, graph=None):
        raise NotImplementedError

    def dump(self, fmt: ox.RdfFormat, graph=None, output=None) -> bytes | None:
        """The store (or one ``graph``) as ``fmt``: bytes, or streamed to ``output`` (a binary file)."""
        raise NotImplementedError

    def named_graphs(self) -> list[str]:
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class OxigraphStore(Store):
    def __init__(self, store: ox.Store, location: str | None = None):
        self._store = store
        self.location = location

    @classmethod
    def memory(cls, quads=()) -> OxigraphStore:
        s = cls(ox.Store())
        s._store.bulk_extend(quads)
        return s

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

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update (atomic: all of it or nothing). The store must be open read-write.
        Callers check it first with :func:`kg.guard.check_update`: pyoxigraph runs LOAD over HTTP."""
        try:
            self._store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as e:
            raise QueryError(syntax_error_message(sparql, str(e)).replace("SPARQL syntax error", "SPARQL Update syntax error", 1)) from None
        except (RuntimeError, ValueError, OSError) as e:
            raise QueryError(f"the update failed: {e}") from None

    def flush(self) -> None:
        self._store.flush()

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

    def close(self):
        self._store = None


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


def open_store(location: str | os.PathLike | None, *, read_only: bool = True) -> Store:
    """Open an existing store: None for a fresh in-memory store, an http(s) URL for a SPARQL endpoint
    (:class:`kg.remote.RemoteStore`), else a directory made by ``kg build``."""
    if location is None:
        return OxigraphStore.memory()
    from .remote import RemoteStore, is_remote
    if is_remote(location):
        return RemoteStore(location)
    path = Path(location)
    _recover(path)
    if not (path / MARKER).is_file():
        raise StoreError(f"no mediation-kg store at {path}: build one with 'kg build' (or pass --store)")
    try:
        store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as e:
        raise StoreError(f"cannot open the store at {path}: {e}") from None
    return OxigraphStore(store, str(path))


@contextmanager
def store_lock(location: str | os.PathLike):
    """Hold the store's write lock while replacing the store at ``location`` (``kg build``,
    ``kg import``): one such process at a time. An exclusive ``flock`` on the sibling file
    ``.NAME.lock``, deleted on release while still held; a process that locked the file just as
    another deleted it sees that the path no longer leads to its file and locks the new one
    instead, so two processes never both hold the lock. Raises StoreError if another holds it.

    Once it holds the lock, it puts back a store whose swap was interrupted and deletes what
    killed predecessors left beside the store (:func:`clean_staging`)."""
    path = Path(location).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.parent / f".{path.name}.lock"
    while True:
        handle = open(lock, "a")  # noqa: SIM115 (closed below)
        try:
            held = _lock_handle(handle, lock)
        except BaseException:
            handle.close()
            raise
        if held:
            break
        handle.close()  # a file deleted by the process that let go: lock the current one
    try:
        _recover(path)
        clean_staging(path)
        yield
    finally:
        lock.unlink(missing_ok=True)  # before letting go, so whoever locks this file next sees it gone
        handle.close()


def _lock_handle(handle, lock: Path) -> bool:
    """Lock the open file ``handle`` (of ``lock``); False when the lock is worthless because ``lock``
    was deleted (or replaced) between the open and the lock. StoreError if another process holds it."""
    import fcntl
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        raise StoreError(f"another kg build or kg import is writing to {lock.parent / lock.name[1:-5]}; "
                         "try again when it has finished") from None
    try:
        now = os.stat(lock)
    except FileNotFoundError:
        return False
    mine = os.fstat(handle.fileno())
    return (now.st_dev, now.st_ino) == (mine.st_dev, mine.st_ino)


def store_info(location) -> dict:
    path = Path(location)
    try:
        return json.loads((path / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def graphs_in(location) -> list[str]:
    """The named graphs of the embedded store at ``location`` ([] when there is none)."""
    if not (Path(location) / MARKER).is_file():
        return []
    with open_store(location) as store:
        return store.named_graphs()


def replace_store(location: str | os.PathLike, quads, info: dict, *, check=None, then=()) -> None:
    """Atomically replace the store at ``location`` with one holding ``quads`` (pyoxigraph Quads).

    ``check``, if given, is called with the new store (a ``pyoxigraph.Store``) once ``quads`` are
    in it and before ``then`` (more quads) is added; whatever it raises leaves the old store as it
    was. ``kg build`` validates there, so a large build is never held in memory to be validated."""
    path = Path(location).resolve()  # "." has no name to put a sibling beside
    _recover(path)
    if path.exists() and not (path / MARKER).is_file():
        if not path.is_dir() or any(path.iterdir()):
            raise StoreError(f"{path} exists and is not a mediation-kg store; refusing to replace it")
    parent = path.parent
    parent.mkdir(parents=True, exist_ok=True)
    new = parent / f".{path.name}.new-{os.getpid()}"
    old = parent / f".{path.name}.old-{os.getpid()}"
    shutil.rmtree(new, ignore_errors=True)
    store = None
    try:
        store = ox.Store(str(new))
        store.bulk_extend(quads)
        if check is not None:
            store.flush()
            check(store)
        store.bulk_extend(then)
        store.flush()
        store.optimize()
        store = None  # closed before the marker says it is complete
        (new / MARKER).write_text(json.dumps(info, indent=2, sort_keys=True), encoding="utf-8")
    except BaseException as e:
        store = None  # closed before its directory goes
        remove_staging(new, e)
        raise
    try:
        swap_in(new, path, old)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)


def refuse_emptying(location, graphs) -> None:
    """Raise StoreError if any of ``graphs`` (those a build would replace at ``location``) holds
    data: a build with none would leave the store empty. Graphs kg writes itself do not count."""
    from .namespaces import reserved_graph
    data = [g for g in graphs if not reserved_graph(g)]
    if data:
        raise StoreError(f"refusing to replace the store at {location}, which holds {len(data)} graph"
                         f"{'s' * (len(data) != 1)} of data (e.g. <{data[0]}>), with a build that has no data "
                         "(nothing but the ontology): check the input files, or to empty the store on purpose "
                         "give kg build --allow-empty (library: build(..., allow_empty=True))")


def swap_in(new: str | os.PathLike, location: str | os.PathLike, old: str | os.PathLike | None = None) -> Path | None:
    """Put the complete store directory ``new`` at ``location`` with two renames; the previous store
    is moved aside to ``old`` (a fresh name next to it by default) and that path is returned, for the
    caller to delete once nothing reads it any more (None when there was no previous store). If the
    second rename fails the previous store is put back; a crash between the two renames is repaired
    by the next :func:`open_store`."""
    path = Path(location)
    if old is None:
        import uuid
        old = path.parent / f".{path.name}.old-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    old = Path(old)
    had_old = path.exists()
    if had_old:
        os.replace(path, old)
    try:
        os.replace(new, path)
    except BaseException:
        if old.exists():
            os.replace(old, path)
        raise
    return old if had_old else None


def _recover(path: Path) -> None:
    """If a swap was interrupted between its two renames, put the previous store back: of the
    stores moved aside (a killed ``kg serve`` leaves older ones too), the one written last."""
    if path.exists() or not path.parent.is_dir():
        return
    aside = [old for old in path.parent.glob(f".{path.name}.old-*") if (old / MARKER).is_file()]
    if aside:
        os.replace(max(aside, key=lambda old: ((old / MARKER).stat().st_mtime_ns, old.name)), path)


def clean_staging(location: str | os.PathLike) -> list[Path]:
    """Delete the directories that builds, imports and server updates of the store at ``location``
    left beside it when they were killed, and return them. Call it only while holding the store's
    write lock (:func:`store_lock` does): then no build, import or update of this store is under way.

    Each name says what made it and the process id: ``.NAME.new-PID`` (a build's new store),
    ``.NAME.import-PID-HEX``, ``.NAME.update-PID-HEX`` (copies being changed), ``.NAME.old-PID`` and
    ``.NAME.old-PID-HEX`` (a replaced store, which ``kg serve`` keeps while its workers read it).
    Kept: a directory whose process is alive (or whose number is none this machine gives), a
    symbolic link, anything else beside the store, and every ``.old-`` directory while the store
    itself is missing (it may be the only copy left)."""
    path = Path(location)
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(new|old|import|update)-(\d+)(?:-[0-9a-f]{{8}})?")
    store_there = (path / MARKER).is_file()
    removed = []
    for entry in sorted(path.parent.iterdir()) if path.parent.is_dir() else []:
        m = pattern.fullmatch(entry.name)
        if not m or entry.is_symlink() or not entry.is_dir() or _alive(int(m.group(2))):
            continue
        if m.group(1) == "old" and not store_there:
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def _alive(pid: int) -> bool:
    """Whether process ``pid`` may be running (yes for a number no process can have: not ours to delete)."""
    if pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):  # another user's process; a number too large to be a pid
        return True
    return True


def remove_staging(directory: str | os.PathLike, error: BaseException | None = None) -> None:
    """Delete a staging store ``directory`` once its pyoxigraph Store is closed. A Store closes only
    when the last reference to it goes, and until then RocksDB's threads may still write files into
    its directory: a delete then can leave the directory behind (a compaction's .sst appearing
    after rmtree listed the files). The caller drops its own references; the frames of ``error``'s
    traceback (the functions the store was handed to, which raised) hold more: they are cleared."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        traceback.clear_frames(error.__traceback__)
        error = error.__cause__ or error.__context__
    shutil.rmtree(directory, ignore_errors=True)
