"""The interface every store offers (:class:`Store`): what the rest of kg may ask of the graph,
whether it lives in an embedded Oxigraph store, in memory, or behind a SPARQL endpoint."""

from __future__ import annotations


class Store:
    """The operations every backend offers."""

    def query(self, sparql: str, *, substitutions=None, default_graph=None, own_dataset=False, named_graphs=None,
              form=None):
        """Run a query. ``form`` (select, ask, construct, describe; select when None) is the query's
        form as the caller read it (kg.sparql's guard): a remote store asks for the answer's format
        by it (rows, or triples)."""
        raise NotImplementedError

    def update(self, sparql: str) -> None:
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

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
