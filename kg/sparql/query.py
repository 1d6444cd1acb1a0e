"""SPARQL over the store: named queries (``kg/sparql/queries/*.rq``), typed parameters, results.

Parameters are bound as RDF terms by the engine (SPARQL SEP-0007 substitution), never pasted
into the query text, so a parameter value cannot change what a query does. A named query
declares its parameters in its header; each parameter is a variable in the SELECT clause that
no pattern binds, so leaving it out means "no restriction". Write a parameter's test as
``FILTER(?x = COALESCE(?param, ?x))`` (docs/writing-queries.md), never with ``BOUND(?param)``:
pyoxigraph 0.5.13 evaluates BOUND of a substituted variable as false, which would silently ignore
the parameter (a test checks that every declared parameter restricts its query).

A named query's header::

    # title: One line saying what it answers
    # answers: CQ1
    # param: party1 iri optional  What the parameter means
    # columns: mediatorLabel what date
    # example: kg query mediators --param party1=id:pakistan
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import threading
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import pyoxigraph as ox

from ..errors import QueryError, QueryTimeout
from ..namespaces import GRAPH, ID, ID_PATTERN, ONTOLOGY_GRAPH, PREFIXES, closest_id
from .guard import check_query

PARAM_TYPES = ("iri", "date", "string", "integer", "term")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    optional: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    text: str
    params: tuple[Param, ...] = ()
    answers: str = ""
    example: str = ""
    columns: tuple[str, ...] = ()  # what a person reads (tables); machine formats get every column

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"the query {self.name!r} has no parameter {name!r} (its parameters: {known})")

    def with_prefixes(self) -> str:
        """The query as a standalone text, with PREFIX lines, for other SPARQL tools."""
        used = [p for p in PREFIXES if re.search(rf"(?<![\w-]){re.escape(p)}:", self.text)]
        return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in used) + self.text


_HEADER = re.compile(r"^#\s*(title|answers|param|columns|example):\s*(.*)$")  # other comment lines are free text


def parse_named(name: str, text: str) -> NamedQuery:
    meta: dict = {"params": []}
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if not m:
            continue
        key, value = m.groups()
        if key == "param":
            pm = re.match(r"^(\w+)\s+(\w+)\s+(optional|required)\s+(.*)$", value)
            if not pm or pm.group(2) not in PARAM_TYPES:
                raise ValueError(f"{name}.rq: malformed param line: {line!r}")
            meta["params"].append(Param(pm.group(1), pm.group(2), pm.group(3) == "optional", pm.group(4).strip()))
        else:
            meta[key] = value.strip()
    return NamedQuery(name=name, title=meta.get("title", name), text=text, params=tuple(meta["params"]),
                      answers=meta.get("answers", ""), example=meta.get("example", ""),
                      columns=tuple(meta.get("columns", "").split()))


@cache
def named_queries() -> dict[str, NamedQuery]:
    folder = resources.files("kg.sparql").joinpath("queries")
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = parse_named(name, entry.read_text(encoding="utf-8"))
    return out


def internal_query(name: str) -> str:
    return resources.files("kg.sparql").joinpath("queries/internal", f"{name}.rq").read_text(encoding="utf-8")


def get_named(name: str) -> NamedQuery:
    try:
        return named_queries()[name]
    except KeyError:
        raise QueryError(f"no named query {name!r}; 'kg queries' lists them") from None


# --- parameter values -------------------------------------------------------------------------

_PREFIXED = re.compile(r"^([A-Za-z][\w-]*)?:([\w.-]*)$")
_TYPED_LITERAL = re.compile(r'^"(.*)"\^\^(\S+)$', re.S)
_LANG_LITERAL = re.compile(r'^"(.*)"@([A-Za-z]+(?:-[A-Za-z0-9]+)*)$', re.S)


def _iri(value: str) -> ox.NamedNode:
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    elif m := _PREFIXED.match(value):
        prefix = m.group(1) or ""
        if prefix not in PREFIXES:
            raise QueryError(f"unknown prefix {prefix!r} in {value!r}; known: {', '.join(PREFIXES)}")
        value = PREFIXES[prefix] + m.group(2)
    elif ID_PATTERN.fullmatch(value):
        value = str(ID[value])
    elif not re.match(r"^[A-Za-z][\w+.-]*:", value):
        raise QueryError(f"{value!r} is neither an id (ids are lowercase, like 'pakistan'), a prefixed name "
                         "(id:pakistan) nor an <IRI>")
    try:
        node = ox.NamedNode(value)
    except ValueError as e:
        raise QueryError(f"{value!r} is not a valid IRI: {e}") from None
    if ":" not in value:
        raise QueryError(f"{value!r} is not an absolute IRI")
    return node


def _date(value: str) -> ox.Literal:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"{value!r} is not a date like 2026-02-27") from None
    return ox.Literal(value, datatype=ox.NamedNode(PREFIXES["xsd"] + "date"))


def _integer(value: str) -> ox.Literal:
    if not re.fullmatch(r"[+-]?\d{1,18}", value):
        raise QueryError(f"{value!r} is not a whole number")
    return ox.Literal(str(int(value)), datatype=ox.NamedNode(PREFIXES["xsd"] + "integer"))


def parse_term(value: str, type_: str = "term"):
    """Turn a parameter value into an RDF term of the declared type (``term``: inferred from its syntax)."""
    if type_ == "iri":
        return _iri(value)
    if type_ == "date":
        return _date(value)
    if type_ == "integer":
        return _integer(value)
    if type_ == "string":
        return ox.Literal(value)
    if value.startswith("<") or (_PREFIXED.match(value) and (_PREFIXED.match(value).group(1) or "") in PREFIXES):
        return _iri(value)
    if m := _LANG_LITERAL.match(value):
        return ox.Literal(m.group(1), language=m.group(2))
    if m := _TYPED_LITERAL.match(value):
        return ox.Literal(m.group(1), datatype=_iri(m.group(2)))
    if re.fullmatch(r"[+-]?\d{1,18}", value):
        return _integer(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return _date(value)
    if value.startswith('"') and value.endswith('"') and len(value) >= 2:
        return ox.Literal(value[1:-1])
    return ox.Literal(value)


def parse_params(pairs, named: NamedQuery | None = None) -> dict:
    """``["party1=id:pakistan", ...]`` -> {Variable: term}; typed by the named query's declarations."""
    out = {}
    for pair in pairs or ():
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not re.fullmatch(r"\w+", name):
            raise QueryError(f"--param takes name=value, not {pair!r}")
        type_ = named.param(name).type if named else "term"
        if ox.Variable(name) in out:
            raise QueryError(f"--param {name} is given twice")
        out[ox.Variable(name)] = parse_term(value, type_)
    if named:
        missing = [p.name for p in named.params if not p.optional and ox.Variable(p.name) not in out]
        if missing:
            raise QueryError(f"the query {named.name!r} needs --param {', '.join(m + '=...' for m in missing)}")
    return out


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
    """The parameter values that are IRIs in the id: namespace but name nothing in the store, each
    with the closest known id when there is one (so a typo is an error, not an empty answer)."""
    missing = []
    for value in params.values():
        if not (isinstance(value, ox.NamedNode) and value.value.startswith(str(ID))):
            continue
        probe = "SELECT ?x WHERE { { ?x ?p ?o } UNION { ?s ?p ?x } } LIMIT 1"
        if list(store.query(probe, substitutions={ox.Variable("x"): value})):
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
