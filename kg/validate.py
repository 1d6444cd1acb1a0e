"""SHACL validation of ingested data against ontology/shapes.ttl, reported in an analyst's terms."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from . import vocabulary as onto
from .results import shorten


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
    violations: list[Violation]

    @property
    def conforms(self) -> bool:
        """True when nothing of severity Violation was found (warnings and infos are reported only)."""
        return not any(v.severity == "Violation" for v in self.violations)

    def text(self) -> str:
        if not self.violations:
            return "the graph conforms to the shapes"
        n = len(self.violations)
        lines = [f"{n} problem{'s' if n != 1 else ''} found:"]
        lines += [f"  {v.text()}" for v in self.violations]
        return "\n".join(lines)


def data_graph(quads) -> Graph:
    g = Graph()
    for s, p, o, _ in quads:
        g.add((s, p, o))
    return g


def validate_quads(quads, origins: dict | None = None) -> Report:
    """Validate the union of ``quads`` (rdflib terms) with the ontology as background knowledge."""
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
        focus = one(result, SH.focusNode)
        path = one(result, SH.resultPath)
        violations.append(Violation(
            focus=focus, path=shorten(path) if path else None, value=one(result, SH.value),
            message=one(result, SH.resultMessage) or "does not conform",
            origin=origins.get(URIRef(focus)) or origins.get(URIRef(focus.split("#")[0])),
            severity=(one(result, SH.resultSeverity) or str(SH.Violation)).rsplit("#", 1)[-1],
        ))
    violations.sort(key=lambda v: (v.origin or "", v.focus, v.message))
    return Report(violations)
