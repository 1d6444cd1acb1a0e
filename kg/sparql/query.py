"""Running SPARQL on a store: user texts (read by :mod:`kg.sparql.guard` first), named queries,
time limits, and the :class:`Result` every caller reads.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..errors import QueryError, QueryTimeout
from ..namespaces import GRAPH, ID, ID_PATTERN, ONTOLOGY_GRAPH, closest_id
from .guard import check_query
from .named import NamedQuery, _iri, get_named, parse_params

# --- running ----------------------------------------------------------------------------------



def resolve_graph(name: str, graphs) -> str:
    """A named graph given as a source id (aljazeera-2026-02-27), a prefixed name
    (graph:aljazeera-2026-02-27, as 'kg stats' prints it) or a full IRI; it must be in ``graphs``."""
    iri = str(GRAPH[name]) if ID_PATTERN.fullmatch(name) else _iri(name).value
    if iri not in graphs:
        raise QueryError(f"no named graph {name!r} in the store ('kg stats' lists them)")
    return iri


@dataclass
class Result:
    """A query's answer: ``kind`` is "select", "ask" or "graph"."""
    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)  # pyoxigraph terms or None
    boolean: bool | None = None
    triples: list = field(default_factory=list)
    truncated: bool = False  # the rows stop at the limit asked for

    def records(self) -> list[dict]:
        """Rows as dicts of Python values (str for IRIs, int/date/... for typed literals)."""
        return list(_records(self.variables, self.rows))

    def project(self, columns) -> Result:
        """The same rows with only ``columns``, in that order."""
        index = [self.variables.index(c) for c in columns]
        return Result(self.kind, list(columns), [tuple(r[i] for i in index) for r in self.rows])

    def to_dataframe(self):
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("to_dataframe needs pandas: pip install 'mediation-kg[dataframe]'") from None
        return pd.DataFrame.from_records(self.records(), columns=self.variables)


def run(store, query: str | NamedQuery, params: dict | None = None, *, allow_remote: bool = False,
        hide_params: bool = True, limit: int | None = None, timeout: float | None = None,
        graph: str | None = None, default_graphs=None, named_graphs=None) -> Result:
    """Run SPARQL text or a named query on ``store`` with ``params`` ({Variable: term}).

    ``limit`` keeps at most that many rows (``Result.truncated`` says if more were there);
    ``timeout`` (seconds) gives up on a query that runs longer, raising QueryTimeout; ``graph``
    restricts the query to one named graph (plus the ontology), e.g. one source's.
    ``default_graphs`` / ``named_graphs`` (lists of graph IRIs of the store, as the SPARQL
    Protocol's ``default-graph-uri`` / ``named-graph-uri`` give them) set the dataset instead:
    when either is given, the default graph is the merge of ``default_graphs`` (empty if None)
    and ``GRAPH`` sees only ``named_graphs`` (none if None); the query's FROM clauses are ignored.

    A query given up on keeps running on its thread until it ends (pyoxigraph cannot be
    interrupted); the ``kg`` command exits at once, and the server runs queries in worker
    processes that it stops.
    """
    named = query if isinstance(query, NamedQuery) else None
    text = named.text if named else query
    graphs = store.named_graphs()
    default_graph = None
    visible = None
    if graph is not None:
        default_graph = [resolve_graph(graph, graphs), str(ONTOLOGY_GRAPH)]
    elif default_graphs is not None or named_graphs is not None:
        default_graph, visible = list(default_graphs or ()), list(named_graphs or ())
        for g in default_graph + visible:
            if g not in graphs:
                raise QueryError(f"no named graph {g!r} in the store ('kg stats' lists them)")

    def evaluate() -> Result:
        # A named query is our own text (its parameters are bound as terms); anything else is read by
        # the guard first, which decides what it may reach. Both run under the time limit.
        parsed = None if named else check_query(text, allow_remote=allow_remote, graphs=graphs)
        own_dataset = default_graph is None and parsed is not None and bool(parsed.from_graphs or parsed.from_named)
        try:
            answer = store.query(text, substitutions=params, default_graph=default_graph, named_graphs=visible,
                                 own_dataset=own_dataset, form=parsed.form if parsed else None)
        except QueryError as e:
            if "does not contains variable" in str(e):
                raise QueryError("a --param must name a variable of the SELECT clause "
                                 "(e.g. SELECT ?x ... with --param x=...)") from None
            raise
        if isinstance(answer, ox.QueryBoolean):
            return Result("ask", boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            triples = list(itertools.islice(answer, limit + 1 if limit else None))
            return Result("graph", triples=triples[:limit] if limit else triples,
                          truncated=bool(limit and len(triples) > limit))
        variables = [v.value for v in answer.variables]
        rows = [tuple(sol[i] for i in range(len(variables)))
                for sol in itertools.islice(answer, limit + 1 if limit else None)]
        truncated = bool(limit and len(rows) > limit)
        return Result("select", variables, rows[:limit] if limit else rows, truncated=truncated)

    result = evaluate() if timeout is None else _with_timeout(evaluate, timeout)
    if named and hide_params and result.kind == "select":
        hidden = {p.name for p in named.params}
        keep = [i for i, v in enumerate(result.variables) if v not in hidden]
        result.variables = [result.variables[i] for i in keep]
        result.rows = [tuple(r[i] for i in keep) for r in result.rows]
    return result


def _records(variables: list[str], rows):
    """Each row (a sequence of pyoxigraph terms or None) as a dict of Python values."""
    from ..terms import to_python
    for row in rows:
        yield {v: (None if t is None else to_python(t)) for v, t in zip(variables, row)}


def stream_records(store, sparql: str):
    """The rows of a trusted SELECT (an internal query) as dicts of Python values, one at a time:
    a projection over millions of rows never holds them all, as :func:`run` does."""
    answer = store.query(sparql)
    return _records([v.value for v in answer.variables], answer)


def _with_timeout(fn, timeout: float):
    box = {}

    def target():
        try:
            box["value"] = fn()
        except BaseException as e:  # handed to the caller's thread
            box["error"] = e

    worker = threading.Thread(target=target, name="kg-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryTimeout(f"the query ran past its time limit of {timeout:g} s and was stopped")
    if "error" in box:
        raise box["error"]
    return box["value"]


def unknown_items(store, params: dict) -> list[str]:
    """The parameter values that are IRIs but name nothing in the store, an id with the closest known
    id when there is one (so a typo, or an IRI from elsewhere, is an error, not an empty answer)."""
    missing = []
    for value in params.values():
        if not isinstance(value, ox.NamedNode):
            continue
        probe = "SELECT ?x WHERE { { ?x ?p ?o } UNION { ?s ?p ?x } } LIMIT 1"
        if list(store.query(probe, substitutions={ox.Variable("x"): value})):
            continue
        if not value.value.startswith(str(ID)):
            missing.append(f"<{value.value[:80]}>")
            continue
        ident = value.value[len(str(ID)):]
        known = [r[0].value[len(str(ID)):] for r in store.query(
            "SELECT DISTINCT ?s WHERE { ?s rdfs:label ?l FILTER(STRSTARTS(STR(?s), STR(id:))) }")]
        close = closest_id(ident, known)
        missing.append(f"id:{ident[:80]}" + (f" (did you mean {close!r}?)" if close else ""))
    return missing


def run_named(store, name: str, **params) -> Result:
    """Notebook convenience: ``run_named(store, "mediators", party1="pakistan")``."""
    nq = get_named(name)
    return run(store, nq, parse_params([f"{k}={v}" for k, v in params.items()], nq))
