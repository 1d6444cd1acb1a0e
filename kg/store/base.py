"""The interface every store offers (:class:`Store`): what the rest of kg may ask of the graph,
whether it lives in an embedded Oxigraph store (on disk or in memory) or behind a SPARQL endpoint.

A store owns its writes: ``kg build``, ``kg import`` and ``kg serve --allow-update`` call the same
methods whatever the store is, and each kind does what is safe for it. No caller asks which kind
it holds.

Reading
    ``query``, ``quads``, ``dump``, ``named_graphs``, ``len(store)``.

The record
    ``info()`` / ``set_info(info)``: what built the store and what was imported into it (a JSON
    object: ``KG-STORE.json`` in an embedded store's directory, a graph of its own on a server).

Writing, whole (a writer holds ``lock()`` around these)
    ``replace(quads, info, check=, finish=, allow_empty=)``: what ``kg build`` does. The store
    becomes ``quads`` plus the graphs ``kg import`` made (``graph:import/...``,
    ``graph:vocabulary/...``), which are kept with their entries in the record. ``check(new)`` sees
    the new content (a ``pyoxigraph.Store``) before the kept graphs join it; ``finish(store)`` sees
    all of it (a store of this interface, open for writing) and may write what kg derives from it;
    whatever either raises leaves the store as it was. A build with no data (nothing but graphs kg writes itself) does not replace a store that
    holds data unless ``allow_empty``. Quads outside the store's graphs are refused where the
    store shares a server with other data.

    ``load(quads, info=None)``: replace the graphs ``quads`` are in, all or nothing; other graphs
    stay. Then record ``info`` if given.

    ``snapshot(purpose)``: a :class:`Snapshot`, what an import or a server update works on, put in
    the store's place by ``commit(info)``. An embedded store's is a copy of its directory: nothing
    of it shows until the commit, and without one it is thrown away. A server's is the server
    itself: its writes show at once (an update is atomic there, a load staged), and the commit
    records ``info``.

    ``local(reads)``: the store as a local pyoxigraph store, to read quickly and load in bulk (an
    import's lookups and loads). The embedded store is one; a server gives a scratch copy of the
    statements with the predicates ``reads`` and, when the block ends without an error, loads the
    graphs the block created or cleared (``drop_graph``) onto the server with ``load``. Write
    whole graphs there.

Writing, in place
    ``update(sparql)``: a SPARQL Update, all or nothing (the embedded store must be open
    read-write: a snapshot's copy is). ``drop_graph(iri)``. ``put_graph(iri, quads)``: the graph
    holds exactly ``quads`` (what kg derives, such as ``graph:attribution``).

``lock()`` is a context manager. The embedded store takes a file lock beside its directory: while
it is held no other kg process writes to the store, and the store object reads the store as it now
is. A store in memory is one process's alone, and a server offers no lock at all (see
:meth:`kg.store.remote.RemoteStore.lock` for what still holds there): both hold nothing.

An import, whatever the store (kg.importers.core)::

    with open_store(location, create=True) as store, store.lock():
        with store.snapshot("import") as snapshot:
            with snapshot.open() as work, work.local(reads) as local:
                ...  # read and bulk-load local.pyoxigraph, in graphs of its own
            snapshot.commit(record)

Every kind: :class:`kg.store.embedded.OxigraphStore` (a directory, or memory when it has no
location), :class:`kg.store.remote.RemoteStore`. :func:`kg.store.open_store` picks one.
"""

from __future__ import annotations

from ..errors import StoreError


class Store:
    """The operations every backend offers (see the module's docstring)."""

    location: str | None = None

    # --- reading ------------------------------------------------------------------------------

    def query(self, sparql: str, *, substitutions=None, default_graph=None, own_dataset=False, named_graphs=None,
              form=None):
        """Run a query. ``form`` (select, ask, construct, describe; select when None) is the query's
        form as the caller read it (kg.sparql's guard): a remote store asks for the answer's format
        by it (rows, or triples)."""
        raise NotImplementedError

    def quads(self, graph=None):
        raise NotImplementedError

    def dump(self, fmt, graph=None, output=None) -> bytes | None:
        """The store (or one ``graph``) as ``fmt`` (a ``pyoxigraph.RdfFormat``): bytes, or streamed to
        ``output`` (a binary file)."""
        raise NotImplementedError

    def named_graphs(self) -> list[str]:
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    # --- the record -----------------------------------------------------------------------------

    def info(self) -> dict:
        """The store's record ({} when there is none)."""
        raise NotImplementedError

    def set_info(self, info: dict) -> None:
        raise NotImplementedError

    # --- writing --------------------------------------------------------------------------------

    def update(self, sparql: str) -> None:
        raise NotImplementedError

    def drop_graph(self, graph: str) -> None:
        """Remove the named graph ``graph`` (an IRI) and everything in it; nothing when there is none."""
        raise NotImplementedError

    def put_graph(self, graph: str, quads) -> None:
        """Make the named graph ``graph`` hold exactly ``quads`` (a list of pyoxigraph Quads in it),
        in place: what kg derives after a write (:func:`kg.sparql.attribution.refresh`)."""
        raise NotImplementedError

    def replace(self, quads, info: dict, *, check=None, finish=None, allow_empty: bool = False) -> None:
        raise NotImplementedError

    def load(self, quads, info: dict | None = None) -> int:
        """Replace the graphs ``quads`` are in; returns the number of quads loaded."""
        raise NotImplementedError

    def lock(self):
        raise NotImplementedError

    def snapshot(self, purpose: str = "import") -> Snapshot:
        raise NotImplementedError

    def local(self, reads=None):
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Snapshot:
    """A copy of a store to change; :meth:`commit` puts it in the store's place. Use it as a context
    manager: leaving the block without a commit (an error, or no commit called) discards it.

    ``location``: ``open_store(location, read_only=False)`` opens the copy to write to it, in this
    process or another (the server's update runs in a worker process); :meth:`open` does it here.
    ``stoppable``: whether killing a process that writes to the copy leaves the store as it was
    (the embedded store's copy: yes, nothing shows until the commit; a server applies each write
    itself, and may finish one its client gave up on)."""

    location: str | None = None
    stoppable = True
    _done = False

    def open(self) -> Store:
        """The copy, open to write to (close it before :meth:`commit`)."""
        raise NotImplementedError

    def commit(self, info: dict | None = None, *, keep_old: bool = False):
        """Put the copy in the store's place and record ``info`` (the store's record is kept when it is
        None). Close what :meth:`open` gave first. With ``keep_old`` the replaced store's directory is
        returned (for a caller whose readers still have it open to delete later), else deleted."""
        raise NotImplementedError

    def discard(self, error: BaseException | None = None) -> None:
        """Throw the copy away (``error``: what made the caller give up, whose traceback may hold it open)."""

    def __enter__(self):
        return self

    def __exit__(self, kind, error, tb):
        if not self._done:
            self._done = True
            self.discard(error)


def holds_data(graphs) -> bool:
    """Whether any of ``graphs`` (IRIs) holds data: a graph kg does not write itself."""
    from ..namespaces import reserved_graph
    return any(not reserved_graph(g) for g in graphs)


def kept_by_build(graph: str) -> bool:
    """Whether a build keeps ``graph``: it was made by ``kg import`` (an import, a dataset vocabulary)."""
    from ..namespaces import IMPORTED_GRAPHS
    return graph.startswith(IMPORTED_GRAPHS)


def refuse_emptying(location, graphs) -> None:
    """Raise StoreError if any of ``graphs`` (those a build would replace at ``location``) holds
    data: a build with none would leave the store empty. Graphs kg writes itself do not count."""
    from ..namespaces import reserved_graph
    data = [g for g in graphs if not reserved_graph(g)]
    if data:
        raise StoreError(f"refusing to replace the store at {location}, which holds {len(data)} graph"
                         f"{'s' * (len(data) != 1)} of data (e.g. <{data[0]}>), with a build that has no data "
                         "(nothing but the ontology): check the input files, or to empty the store on purpose "
                         "give kg build --allow-empty (library: build(..., allow_empty=True))")
