"""The embedded store: pyoxigraph's Oxigraph, on disk (a directory made by ``kg build``) or in memory."""

from __future__ import annotations

import pyoxigraph as ox

from ..errors import QueryError
from ..namespaces import PREFIXES
from .base import Store


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
        Callers check it first with :func:`kg.sparql.guard.check_update`: pyoxigraph runs LOAD over HTTP."""
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
