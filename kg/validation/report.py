"""SHACL validation of ingested data against ontology/shapes.ttl, reported in an analyst's terms.

The shapes run as SPARQL on an in-memory Oxigraph store (kg/validation/shacl.py compiles them): pySHACL
took ~110 s for 10k events and would take ~20 minutes for 100k. pySHACL stays as the reference
implementation (:func:`validate_quads_pyshacl`) that tests/test_validate.py compares with.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass
from functools import cache

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from .. import vocabulary as onto
from ..errors import more_problems
from ..limits import limit
from ..namespaces import shorten


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    value: str | None
    message: str
    origin: str | None  # file:line where the offending node was written
    severity: str  # Violation, Warning or Info (the local name of the sh: severity)

    def text(self) -> str:
        where = f"{self.origin}: " if self.origin else ""
        detail = f" [{self.path}]" if self.path else ""
        value = f" (value: {self.value})" if self.value and self.value != self.focus else ""
        level = "" if self.severity == "Violation" else f"{self.severity.lower()}: "
        return f"{where}{level}{shorten(self.focus)}{detail}: {self.message}{value}"


@dataclass
class Report:
    violations: list[Violation]  # the first limit("errors_listed") in report order
    more: int = 0  # problems found beyond those: counted, not kept
    more_violate: bool = False  # whether any of those is of severity Violation

    @property
    def conforms(self) -> bool:
        """True when nothing of severity Violation was found (warnings and infos are reported only)."""
        return not self.more_violate and not any(v.severity == "Violation" for v in self.violations)

    def text(self) -> str:
        if not self.violations:
            return "the graph conforms to the shapes"
        n = len(self.violations) + self.more
        lines = [f"{n:,} problem{'s' if n != 1 else ''} found:"]
        lines += [f"  {v.text()}" for v in self.violations]
        if self.more:
            lines.append(f"  {more_problems(self.more)}")
        return "\n".join(lines)


def data_graph(quads) -> Graph:
    g = Graph()
    for s, p, o, _ in quads:
        g.add((s, p, o))
    return g


def _violation(focus, path, value, message, severity, origins) -> Violation:
    return Violation(
        focus=focus, path=shorten(path) if path else None, value=value, message=message,
        origin=origins.get(URIRef(focus)) or origins.get(URIRef(focus.split("#")[0])),
        severity=severity,
    )


def _order(v: Violation):
    return (v.origin or "", v.focus, v.message, v.path or "", v.value or "")


def _report(violations, more: int = 0, more_violate: bool = False) -> Report:
    """A report listing the first ``errors_listed`` of ``violations`` (an iterable, read once, never
    held whole) in report order and counting the others; ``more`` and ``more_violate`` tell of
    problems found beyond ``violations`` (and not kept)."""
    severities = Counter()

    def counted():
        for v in violations:
            severities[v.severity] += 1
            yield v

    kept = heapq.nsmallest(limit("errors_listed"), counted(), key=_order)
    dropped_violate = severities["Violation"] > sum(v.severity == "Violation" for v in kept)
    return Report(kept, more + sum(severities.values()) - len(kept), more_violate or dropped_violate)


def _text(term) -> str | None:
    """A result term as pySHACL's report gives it: the IRI, the blank node label or the lexical form."""
    return None if term is None else term.value


@cache
def _ontology_quads() -> tuple:
    import pyoxigraph as ox

    from ..namespaces import ONTOLOGY_GRAPH
    from ..terms import to_oxigraph
    graph = ox.NamedNode(str(ONTOLOGY_GRAPH))
    return tuple(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph) for s, p, o in onto.ontology_graph())


def oxigraph_store(quads):
    """An in-memory Oxigraph store holding ``quads`` (rdflib terms or pyoxigraph quads) in their
    named graphs, and the ontology in its own: validated as their union (what pySHACL validates),
    each account (named graph) still apart for the counts that hold within one account."""
    import pyoxigraph as ox
    from rdflib import URIRef as IRI

    from ..terms import to_oxigraph

    named, quad = ox.NamedNode, ox.Quad

    def term(t):  # IRIs are most terms: skip the generic conversion for them
        return named(t) if type(t) is IRI else to_oxigraph(t)

    def triples():
        for q in quads:
            if isinstance(q, ox.Quad):
                yield q
            else:
                s, p, o, g = q
                yield quad(term(s), term(p), term(o), ox.DefaultGraph() if g is None else term(g))
        yield from _ontology_quads()

    from ..memory import gc_paused
    store = ox.Store()
    # Millions of new objects trigger the cyclic garbage collector over and over, and each full
    # pass walks every rdflib term in memory: a fifth of the time. Nothing here makes cycles.
    with gc_paused():
        store.bulk_extend(triples())
    return store


def _cpus() -> int:
    """CPUs this process may use (os.sched_getaffinity is Linux-only)."""
    import os
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _check(store, check, union: bool, origins: dict) -> Report:
    """What one check finds, as a report (runs in a worker thread: pyoxigraph releases the GIL while
    it evaluates, so checks run on all cores). Rows are read one by one, never all held."""
    from . import shacl

    results = store.query(check.query, use_default_graph_as_union=union)
    names = [v.value for v in results.variables]

    def violations():
        for row in results:
            values = {n: _text(row[n]) for n in names}
            focus, value, path = values["this"], values.get("value"), values.get("path") or check.path
            if check.component == "sparql" and value is None:
                value = focus  # a SPARQL constraint on a node shape reports the focus node
            yield _violation(focus, path, value, shacl.format_message(check.message, values), check.severity,
                             origins)

    return _report(violations())


def validate_store(store, origins: dict | None = None, *, union: bool = False) -> Report:
    """Run every compiled shape (kg.validation.shacl) on ``store``'s default graph, which must hold the data
    and the ontology (with ``union``, on the union of its named graphs: a built store); severity,
    path, value and message as pySHACL reports them. The checks read value nodes as sets, so a
    triple stated in several graphs counts once."""
    from concurrent.futures import ThreadPoolExecutor

    from . import shacl

    origins = origins or {}
    with ThreadPoolExecutor(max_workers=max(1, min(4, _cpus()))) as pool:
        reports = list(pool.map(lambda c: _check(store, c, union, origins), shacl.CHECKS))
    return _report((v for r in reports for v in r.violations), sum(r.more for r in reports),
                   any(r.more_violate for r in reports))


def validate_quads(quads, origins: dict | None = None) -> Report:
    """Validate the union of ``quads`` with the ontology as background knowledge (what pySHACL
    does with ``ont_graph``), by running the shapes as SPARQL on Oxigraph."""
    return validate_store(oxigraph_store(quads), origins, union=True)


def validate_quads_pyshacl(quads, origins: dict | None = None) -> Report:
    """The same with pySHACL: slow (minutes for 10k events), kept as the reference the tests
    compare :func:`validate_quads` with."""
    import pyshacl

    origins = origins or {}
    _, results_graph, _ = pyshacl.validate(
        data_graph(quads), shacl_graph=onto.shapes_graph(), ont_graph=onto.ontology_graph(),
        inference="none", allow_warnings=True, abort_on_first=False, advanced=True,
    )

    def one(result, pred):
        v = results_graph.value(result, pred)
        return None if v is None else str(v)

    violations = []
    for result in results_graph.subjects(RDF.type, SH.ValidationResult):
        violations.append(_violation(
            one(result, SH.focusNode), one(result, SH.resultPath), one(result, SH.value),
            one(result, SH.resultMessage) or "does not conform",
            (one(result, SH.resultSeverity) or str(SH.Violation)).rsplit("#", 1)[-1], origins))
    return _report(violations)
