"""Where the graph lives: one interface (:class:`Store`, documented in :mod:`kg.store.base`), three
kinds of store behind it, each owning its writes.

``open_store(None)`` gives an in-memory store (tests, notebooks); ``open_store(path)`` the
embedded on-disk store (:mod:`kg.store.embedded`, its directory handled by :mod:`kg.store.disk`);
``open_store(url)`` a SPARQL 1.1 endpoint (:mod:`kg.store.remote`), with the same methods.
``open_store`` is the only place that tells them apart.

Layer: above the base modules (errors, namespaces, limits, terms, files); imports nothing else
of kg. Everything that reads or writes the graph goes through here.
"""

from __future__ import annotations

import os
import time

from .base import Snapshot, Store
from .disk import store_info, store_lock
from .embedded import OxigraphStore

__all__ = ["Store", "Snapshot", "OxigraphStore", "open_store", "default_location", "revision", "store_lock",
           "store_info", "graphs_in"]


def default_location() -> str:
    """The store to use when none is given: $KG_STORE, the config file (kg.store.config), ./kg-store."""
    from .config import store_location
    return store_location()


def open_store(location: str | os.PathLike | None, *, read_only: bool = True, create: bool = False) -> Store:
    """Open a store: None for a fresh in-memory store, an http(s) URL for a SPARQL endpoint
    (:class:`kg.store.remote.RemoteStore`), else a directory made by ``kg build``. With ``create``,
    a directory where there is no store yet gives an empty store that a build or an import
    (:meth:`Store.replace`, :meth:`Store.snapshot`) makes there; otherwise that is a StoreError."""
    if location is None:
        return OxigraphStore.memory()
    from .remote import RemoteStore, is_remote
    if is_remote(location):
        return RemoteStore(location)
    return OxigraphStore.at(location, read_only=read_only, create=create)


def revision(location) -> object:
    """A value that changes when the store at ``location`` may have changed without this process
    knowing it: a directory's identity (a build, an import or an update swaps in a new one); for a
    server, which other clients write to, the current ten seconds."""
    from .remote import is_remote
    if is_remote(location):
        return int(time.monotonic() // 10)
    try:
        st = os.stat(location)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def graphs_in(location) -> list[str]:
    """The named graphs of the embedded store at ``location`` ([] when there is none)."""
    with open_store(location, create=True) as store:
        return store.named_graphs()
