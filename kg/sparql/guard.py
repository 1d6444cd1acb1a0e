"""What a SPARQL text may reach, decided from a real parse, never from a guess at its words.

pyoxigraph runs ``SERVICE`` and ``LOAD`` over HTTP and has no switch to turn them off, and it
cannot be interrupted: a text it cannot parse safely (nesting thousands deep) crashes the process.
So every text a user or a client sends is parsed here first, by rdflib's SPARQL 1.1 parser, and
only what that parse shows decides:

- the form (select, ask, construct, describe) or, for an update, its operations;
- every ``SERVICE`` and ``LOAD`` anywhere in the text (in subqueries, FILTER EXISTS, OPTIONAL...);
- the IRIs of ``FROM`` / ``FROM NAMED``, resolved against BASE and the prefixes as the engine
  resolves them (fragment included).

The guard fails closed: a text it cannot read is refused, with the parser's message, even where
Oxigraph might have read it (``kg query --allow-remote`` is the user's way round that, on their own
machine; ``kg serve`` never runs what the guard refused). The parse itself is bounded: the text's
length (:data:`kg.limits` ``query_chars``), the parser's recursion (a thread of its own with a known
stack, so a text nested thousands deep is an error, not a crash) and the depth of the tree it builds
(``query_depth``), so the engine never sees a text whose nesting could overflow its own stack.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass
from functools import lru_cache

from ..errors import QueryError
from ..limits import limit
from ..namespaces import PREFIXES

# The parser recurses ~20 Python frames per level of nesting; this bound, in a thread with this
# stack, turns any nesting past a few hundred levels into a RecursionError (measured: 100,000
# parentheses, braces, sub-selects, function calls, paths, collections), never a stack overflow.
_RECURSION = 12_000
_STACK = 64 * 1024 * 1024
_parse_lock = threading.Lock()
_CACHED_CHARS = 20_000  # texts up to this long are remembered (a long-lived worker sees the same ones again)

# What update operations are called in messages (rdflib's node names -> SPARQL keywords).
_OPERATIONS = {"Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE", "Add": "ADD", "Move": "MOVE",
               "Copy": "COPY", "InsertData": "INSERT DATA", "DeleteData": "DELETE DATA",
               "DeleteWhere": "DELETE WHERE", "Modify": "DELETE/INSERT"}
_FORMS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct", "DescribeQuery": "describe"}


class TooLarge(QueryError):
    """A text too long or nested too deeply to be read, or run, safely: refused even with --allow-remote."""


@dataclass(frozen=True)
class Parsed:
    """What the parse of a query or update shows."""
    kind: str  # "query" or "update"
    form: str | None  # a query's form: select, ask, construct, describe
    operations: tuple[str, ...]  # an update's operations, as SPARQL keywords
    services: tuple[str, ...]  # the SERVICE targets (an IRI, or ?var)
    loads: tuple[str, ...]  # the LOAD sources
    from_graphs: tuple[str, ...]  # FROM <iri> (an update's USING <iri>)
    from_named: tuple[str, ...]  # FROM NAMED <iri> (an update's USING NAMED <iri>)

    @property
    def remote(self) -> str | None:
        """The first keyword that would fetch over the network (SERVICE or LOAD), or None."""
        return "SERVICE" if self.services else ("LOAD" if self.loads else None)


def parse(text: str, kind: str = "query") -> Parsed:
    """Parse ``text`` as a query (``kind="query"``) or an update; QueryError when it cannot be read,
    is too long or nested too deeply. Results are cached by text (named queries are parsed once)."""
    if kind not in ("query", "update"):
        raise ValueError(kind)
    if len(text) > limit("query_chars"):
        raise TooLarge(f"the {kind} is {len(text):,} characters long, more than kg accepts "
                         f"({limit('query_chars'):,}; KG_LIMIT_QUERY_CHARS raises it)")
    _bound(text)
    return _parse(text, kind)


def _parse(text: str, kind: str) -> Parsed:
    return _parse_cached(text, kind) if len(text) <= _CACHED_CHARS else _in_deep_thread(_read, text, kind)


@lru_cache(maxsize=256)
def _parse_cached(text: str, kind: str) -> Parsed:
    return _in_deep_thread(_read, text, kind)


def check_query(text: str, *, allow_remote: bool = False, graphs=None) -> Parsed | None:
    """The checks ``kg query`` and ``kg serve`` make before a query runs. Refuses an update, a
    SERVICE or LOAD (unless ``allow_remote``), and a FROM / FROM NAMED naming no graph in ``graphs``
    (when given: kg never fetches a dataset). A text the guard cannot parse is refused too, except
    with ``allow_remote``, where None is returned and the engine decides (but never one too long or
    nested too deeply: :class:`TooLarge`)."""
    try:
        parsed = parse(text, "query")
    except TooLarge:
        raise
    except QueryError as e:
        update = _as_update(text)
        if update is not None:
            raise QueryError(f"{update.operations[0]} is SPARQL Update: kg query only reads; the store changes by "
                             "'kg build' from your sources (or through 'kg serve --allow-update')") from None
        if allow_remote:
            return None
        raise QueryError(f"{e}\n(kg reads a query with rdflib's SPARQL parser before running it, to see what it "
                         "may reach, and runs none it cannot read; --allow-remote runs it anyway)") from None
    if parsed.remote and not allow_remote:
        raise QueryError(f"{parsed.remote} would fetch data over the network; it is refused unless you pass "
                         "--allow-remote")
    _known_graphs(parsed, graphs, "FROM")
    return parsed


def check_update(text: str, graphs=None) -> Parsed:
    """The checks made before an update runs: it must parse as SPARQL Update, may not LOAD nor use
    SERVICE (the server never fetches anything), and its USING / USING NAMED must name graphs in
    ``graphs`` (when given)."""
    parsed = parse(text, "update")
    if parsed.remote:
        raise QueryError(f"{parsed.remote} would fetch data over the network: this endpoint always refuses it")
    _known_graphs(parsed, graphs, "USING")
    return parsed


def _known_graphs(parsed: Parsed, graphs, keyword: str) -> None:
    """Refuse a dataset clause (FROM, USING; NAMED too) naming a graph that is not in ``graphs``."""
    if graphs is None:
        return
    known = set(graphs)
    for clause, iri in [(keyword, g) for g in parsed.from_graphs] + [(f"{keyword} NAMED", g) for g in parsed.from_named]:
        if iri not in known:
            raise QueryError(f"{clause} <{iri}>: the store has no such named graph, and kg never fetches a "
                             "dataset from the web ('kg stats' lists the graphs)")


def _bound(text: str) -> None:
    """A quick upper bound on a text's nesting, counting every bracket, and on its UNIONs, counting
    the word anywhere: a text past it is refused before any parser recurses into it (rdflib's would
    take minutes on 50,000 UNIONs), and a text the guard cannot read but the user runs anyway
    (``--allow-remote``) cannot overflow the engine's stack. Over-counting (a bracket inside a
    string) only refuses more; the exact depth of what is read is checked on its tree."""
    most, depth, deepest = limit("query_depth"), 0, 0
    for ch in text:
        if ch in "({[":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")}]":
            depth -= 1
    if deepest > most or text.upper().count("UNION") > most:
        raise TooLarge(f"the text is nested more than {most} levels deep (or chains more than {most} UNIONs), "
                       "more than kg runs safely")


def _as_update(text: str) -> Parsed | None:
    try:
        return parse(text, "update")
    except QueryError:
        return None


# --- parsing ------------------------------------------------------------------------------------

def _read(text: str, kind: str) -> Parsed:
    """Parse ``text`` with rdflib and inspect the tree, then the algebra (run in the deep thread).
    The tree is inspected before it is translated: rdflib's translation rewrites it in place."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    try:
        if kind == "query":
            tree = parseQuery(text)
            found = _scan(tree)
            algebra = translateQuery(tree, initNs=PREFIXES).algebra
        else:
            tree = parseUpdate(text)
            operations = tuple(_OPERATIONS.get(op.name, op.name.upper()) for op in tree.request)
            found = _scan(tree)
            algebra = translateUpdate(tree, initNs=PREFIXES)
    except ParseBaseException as e:
        raise QueryError(_syntax_message(text, kind, e)) from None
    except RecursionError:
        raise TooLarge(f"the {kind} is nested too deeply for kg to read it safely") from None
    except QueryError:  # TooLarge, from the walk of the tree
        raise
    except Exception as e:  # rdflib's translation: undeclared prefix, bad escape, unsupported construct
        raise QueryError(f"cannot read the {kind}: {e}") from None
    services, loads = (a + b for a, b in zip(found, _scan(algebra)))  # the engine's tree too, and its depth
    if kind == "update":
        clauses = [c for op in algebra.algebra for c in (op.get("using") or [])]
    else:
        clauses = algebra.get("datasetClause") or []
    from_graphs = tuple(str(c["default"]) for c in clauses if "default" in c)
    from_named = tuple(str(c["named"]) for c in clauses if "named" in c)
    if kind == "update":
        return Parsed("update", None, operations, services, loads, from_graphs, from_named)
    return Parsed("query", _FORMS[algebra.name], (), services, loads, from_graphs, from_named)


def _in_deep_thread(fn, *args):
    """Run ``fn(*args)`` in a new thread with a large stack and a high recursion limit, so a deep
    parse ends in RecursionError (an error) instead of overflowing the C stack (a crash)."""
    box = {}

    def target():
        try:
            box["value"] = fn(*args)
        except BaseException as e:  # handed back to the caller
            box["error"] = e

    with _parse_lock:  # the recursion limit is the interpreter's, the stack size the next thread's
        previous_limit, previous_stack = sys.getrecursionlimit(), threading.stack_size()
        sys.setrecursionlimit(max(previous_limit, _RECURSION))
        try:
            threading.stack_size(_STACK)
            try:
                worker = threading.Thread(target=target, name="kg-sparql-guard", daemon=True)
                worker.start()
            finally:
                threading.stack_size(previous_stack)
            worker.join()
        finally:
            sys.setrecursionlimit(previous_limit)
    if "error" in box:
        raise box["error"]
    return box["value"]


def _syntax_message(text: str, kind: str, e) -> str:
    line, column = getattr(e, "lineno", None), getattr(e, "col", None)
    what = str(getattr(e, "msg", "") or e).strip()
    if not line:
        return f"SPARQL syntax error: {what}"
    lines = text.splitlines() or [""]
    shown = lines[line - 1] if 0 < line <= len(lines) else ""
    return (f"SPARQL {'Update ' if kind == 'update' else ''}syntax error at line {line}, column {column} "
            f"(where the parser stopped): {what}\n  {shown[:200]}\n  {' ' * min(column - 1, 200)}^")


# --- reading the tree -----------------------------------------------------------------------------

def _children(node):
    from pyparsing import ParseResults
    if isinstance(node, ParseResults):
        return [*node, *(node[k] for k in node.keys())]
    if isinstance(node, dict):  # rdflib's CompValue is a dict
        return list(node.values())
    if isinstance(node, (list, tuple)):
        return list(node)
    return ()


def _walk(root):
    """Every node of a parse tree or algebra, with its depth, without recursion; QueryError once a
    node is deeper than the ``query_depth`` limit."""
    most = limit("query_depth")
    stack = [(root, 1)]
    seen = set()
    while stack:
        node, depth = stack.pop()
        if depth > most:
            raise TooLarge(f"the text is nested more than {most} levels deep, more than kg runs safely")
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        stack.extend((child, depth + 1) for child in _children(node))


def _scan(root) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The SERVICE targets and LOAD sources anywhere in a parse tree or algebra."""
    services, loads = [], []
    for node in _walk(root):
        name = getattr(node, "name", None) if isinstance(node, dict) else None
        if name == "ServiceGraphPattern":
            services.append(str(node["term"]) if "term" in node else "?")
        elif name == "Load":
            loads.append(str(node["iri"]) if "iri" in node else "?")
    return tuple(services), tuple(loads)
