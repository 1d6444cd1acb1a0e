"""What kg derives from a store after every write (a build, an import, a server update), each in a
named graph of its own that kg alone writes: ``graph:attribution``, how each fact stands across the
sources (:mod:`kg.sparql.attribution`), and ``graph:keys``, what the heavy named queries join on
(:mod:`kg.sparql.keys`). Neither is a source: no source document, no account, no data of a build."""

from __future__ import annotations

from . import attribution, keys
from .attribution_scope import refresh_scoped


def refresh(store) -> int:
    """Derive both graphs from what ``store`` (any kind, open for writing) now holds and put them in
    place of the old ones; returns the number of quads. Every write calls it before the store it
    wrote takes the old one's place: a build (:meth:`kg.store.Store.replace`'s ``finish``), an import
    and a server update (on their snapshot)."""
    return attribution.refresh(store) + keys.refresh(store)


def refresh_added(store, added: list[str]) -> int:
    """After an import that only added the named graphs ``added``: graph:attribution derived again
    for what they can change (:func:`kg.sparql.attribution_scope.refresh_scoped`; whole on a server,
    where it cannot be scoped), graph:keys from the whole store. Returns the number of quads derived."""
    scoped = refresh_scoped(store, added)
    return refresh(store) if scoped is None else scoped + keys.refresh(store)
