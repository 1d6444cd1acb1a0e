"""Where the graph lives: one interface (:class:`Store`), three kinds of store behind it.

``open_store(None)`` gives an in-memory store (tests, notebooks); ``open_store(path)`` the
embedded on-disk store (:mod:`kg.store.embedded`, its directory handled by :mod:`kg.store.disk`);
``open_store(url)`` a SPARQL 1.1 endpoint (:mod:`kg.store.remote`), with the same methods.

Layer: above the base modules (errors, namespaces, limits, terms, files); imports nothing else
of kg. Everything that reads or writes the graph goes through here.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import StoreError
from .base import Store
from .disk import MARKER, _recover, store_info, store_lock
from .embedded import OxigraphStore

__all__ = ["Store", "OxigraphStore", "open_store", "default_location", "store_lock", "store_info", "graphs_in"]


def default_location() -> str:
    """The store to use when none is given: $KG_STORE, the config file (kg.store.config), ./kg-store."""
    from .config import store_location
    return store_location()


def open_store(location: str | os.PathLike | None, *, read_only: bool = True) -> Store:
    """Open an existing store: None for a fresh in-memory store, an http(s) URL for a SPARQL endpoint
    (:class:`kg.store.remote.RemoteStore`), else a directory made by ``kg build``."""
    if location is None:
        return OxigraphStore.memory()
    from .remote import RemoteStore, is_remote
    if is_remote(location):
        return RemoteStore(location)
    path = Path(location)
    _recover(path)
    if not (path / MARKER).is_file():
        raise StoreError(f"no mediation-kg store at {path}: build one with 'kg build' (or pass --store)")
    import pyoxigraph as ox
    try:
        store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as e:
        raise StoreError(f"cannot open the store at {path}: {e}") from None
    return OxigraphStore(store, str(path))


def graphs_in(location) -> list[str]:
    """The named graphs of the embedded store at ``location`` ([] when there is none)."""
    if not (Path(location) / MARKER).is_file():
        return []
    with open_store(location) as store:
        return store.named_graphs()
