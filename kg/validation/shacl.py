"""SHACL shapes compiled to SPARQL, so Oxigraph checks the whole graph at once.

pySHACL checks one focus node at a time in Python: 10k events take minutes. Here every constraint
of ontology/shapes.ttl becomes one SELECT that returns the violating rows (``?this``, and
``?value`` where SHACL reports one) for all focus nodes together, and Oxigraph runs it.

Only the SHACL Core constructs the shapes file uses are implemented, with SHACL's semantics (see
``_COMPONENTS``). Importing this module compiles the shipped shapes, and a construct it does not
know raises :class:`UnsupportedShape` there: a shape added later cannot be silently ignored.

Class membership (``sh:targetClass``, ``sh:class``) follows ``rdf:type/rdfs:subClassOf*`` in the
graph being validated, so the ontology must be in it, as pySHACL's ``ont_graph`` is mixed in.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from .. import vocabulary


class UnsupportedShape(ValueError):
    """The shapes use a SHACL construct this compiler does not implement."""


@dataclass(frozen=True)
class Check:
    """One constraint of one shape, as a query returning a row per validation result."""
    shape: str          # the shape that owns the constraint (IRI, or blank node label)
    component: str      # the constraint, e.g. "minCount" or "sparql"
    path: str | None    # sh:resultPath of the results (the property shape's sh:path)
    severity: str       # Violation, Warning or Info
    message: str        # sh:message or a default; may hold {?var} templates
    query: str          # SELECT ?this [?value] ...: one row per result


# Where a term may appear, the sh: predicates allowed on it. Anything else in the sh: namespace
# is a construct this compiler would ignore, so it is refused.
_TARGETS = {SH.targetClass, SH.targetObjectsOf}
_COUNTS = {SH.minCount, SH.maxCount}
# mkgsh:perAccount true on a property shape: its sh:maxCount holds within each named graph (one
# source's account of an item), not over their union (ontology/shapes.ttl says why)
PER_ACCOUNT = URIRef("https://w3id.org/mediation-kg/shapes#perAccount")
_VALUE = {SH["class"], SH.datatype, SH["in"], SH.minInclusive, SH.maxInclusive, SH["or"], SH["and"], SH["not"]}
_COMPONENTS = _COUNTS | _VALUE | {SH.lessThanOrEquals, SH.sparql}
_NON_VALIDATING = {SH.severity, SH.message, SH.name, SH.description}
_SHAPE_KEYS = _TARGETS | _COMPONENTS | _NON_VALIDATING | {SH.property, SH.path}
_SPARQL_KEYS = {SH.select, SH.message, SH.severity, SH.prefixes}
_SEVERITIES = {SH.Violation, SH.Warning, SH.Info}
# Datatypes whose lexical forms SPARQL can check (a cast fails on an ill-typed literal), as
# pySHACL does for the same ones; for any other datatype the IRI alone is compared.
_CHECKED_DATATYPES = {XSD.integer, XSD.decimal, XSD.float, XSD.double, XSD.boolean, XSD.date,
                      XSD.dateTime, XSD.time}

TYPE_PATH = f"<{RDF.type}>/<{RDFS.subClassOf}>*"


def sparql_term(term) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    raise UnsupportedShape(f"a blank node ({term}) cannot be written in a query")


def _name(node) -> str:
    return str(node) if isinstance(node, URIRef) else f"_:{node}"


class _Compiler:
    def __init__(self, shapes: Graph):
        self.g = shapes
        self.fresh = (f"?_v{i}" for i in itertools.count())

    # --- reading the shapes graph -------------------------------------------------------------

    def one(self, node, pred, default=None):
        values = list(self.g.objects(node, pred))
        if len(values) > 1:
            raise UnsupportedShape(f"shape {_name(node)} has {len(values)} values of {pred}")
        return sorted(values)[0] if values else default

    def items(self, node, pred):
        """The members of the RDF lists that ``node`` has for ``pred``."""
        return [m for lst in self.g.objects(node, pred) for m in Collection(self.g, lst)]

    def path(self, shape):
        p = self.one(shape, SH.path)
        if p is not None and not isinstance(p, URIRef):
            raise UnsupportedShape(f"shape {_name(shape)}: only a predicate path (an IRI) is supported")
        return p

    def severity(self, shape) -> str:
        sev = self.one(shape, SH.severity, SH.Violation)
        if sev not in _SEVERITIES:
            raise UnsupportedShape(f"shape {_name(shape)}: unknown severity {sev}")
        return str(sev).rsplit("#", 1)[-1]

    def message(self, node):
        msgs = sorted(self.g.objects(node, SH.message), key=str)
        return str(msgs[0]) if msgs else None

    def shape_nodes(self) -> set:
        """Every node used as a shape: declared, targeted, or referenced by another shape."""
        nodes = set(self.g.subjects(RDF.type, SH.NodeShape)) | set(self.g.subjects(RDF.type, SH.PropertyShape))
        nodes |= {s for p in _TARGETS for s in self.g.subjects(p, None)}
        todo = list(nodes)
        while todo:
            s = todo.pop()
            refs = list(self.g.objects(s, SH.property)) + list(self.g.objects(s, SH["not"]))
            refs += self.items(s, SH["or"]) + self.items(s, SH["and"])
            for r in refs:
                if r not in nodes:
                    nodes.add(r)
                    todo.append(r)
        return nodes

    def refuse_unknown(self, shapes: set):
        """Raise on any sh: triple this compiler would not act on."""
        sparql_nodes = {c for s in shapes for c in self.g.objects(s, SH.sparql)}
        declares = {d for d in self.g.objects(None, SH.declare)}
        types = {SH.NodeShape, SH.PropertyShape, SH.SPARQLConstraint, SH.PrefixDeclaration}
        # The shapes first, so a construct is named before the nodes only it refers to.
        for s, p, o in sorted(self.g, key=lambda t: (t[0] not in shapes, t)):
            if p == RDF.type and str(o).startswith(str(SH)) and o not in types:
                raise UnsupportedShape(f"{_name(s)} is a {o}, which kg.validation.shacl does not implement")
            if p == RDF.type or not str(p).startswith(str(SH)):
                continue
            if s in shapes:
                ok = p in _SHAPE_KEYS
            elif s in sparql_nodes:
                ok = p in _SPARQL_KEYS
            elif s in declares:
                ok = p in (SH.prefix, SH.namespace)
            else:
                ok = p == SH.declare
            if not ok:
                raise UnsupportedShape(
                    f"{_name(s)} uses {p}, which kg.validation.shacl does not implement: add it to the compiler "
                    "(and a case to tests/test_validate.py) before using it in the shapes")

    # --- conformance of a node to a shape, as a SPARQL expression that never errors -------------

    def value_expr(self, shape, comp, arg, v: str) -> str:
        """True when the value node ``v`` satisfies the constraint ``comp arg`` of ``shape``."""
        if comp == SH["class"]:
            return f"EXISTS {{ {v} {TYPE_PATH} {sparql_term(arg)} }}"
        if comp == SH.datatype:
            if arg == RDF.langString:
                return f"(isLiteral({v}) && lang({v}) != \"\")"
            test = f"(isLiteral({v}) && datatype({v}) = <{arg}>"
            if arg in _CHECKED_DATATYPES:  # and well-formed: the cast of its lexical form succeeds
                test += f" && COALESCE(datatype(<{arg}>(STR({v}))) = <{arg}>, false)"
            return test + ")"
        if comp == SH["in"]:
            members = list(Collection(self.g, arg))
            return "(" + (" || ".join(f"sameTerm({v}, {sparql_term(m)})" for m in members) or "false") + ")"
        if comp == SH.minInclusive:
            return f"COALESCE({v} >= {sparql_term(arg)}, false)"
        if comp == SH.maxInclusive:
            return f"COALESCE({v} <= {sparql_term(arg)}, false)"
        if comp == SH["or"]:
            return "(" + (" || ".join(self.conforms(s, v) for s in Collection(self.g, arg)) or "false") + ")"
        if comp == SH["and"]:
            return "(" + (" && ".join(self.conforms(s, v) for s in Collection(self.g, arg)) or "true") + ")"
        if comp == SH["not"]:
            return f"!{self.conforms(arg, v)}"
        raise UnsupportedShape(f"shape {_name(shape)}: {comp} needs a path")

    def components(self, shape):
        """(component, argument) pairs of ``shape``; a list argument is the list's head node."""
        return sorted((p, o) for p, o in self.g.predicate_objects(shape) if p in _COMPONENTS)

    def distinct_values(self, x: str, path, n: int) -> str:
        """A pattern matching when ``x`` has at least ``n`` distinct values of ``path``."""
        if n > 4:
            raise UnsupportedShape(f"a count of {n} is more than kg.validation.shacl writes as a pattern (4)")
        vs = [next(self.fresh) for _ in range(n)]
        pattern = " ".join(f"{x} <{path}> {v} ." for v in vs)
        pairs = [f"!sameTerm({a}, {b})" for a, b in itertools.combinations(vs, 2)]
        return pattern + (f" FILTER({' && '.join(pairs)})" if pairs else "")

    def conforms(self, shape, x: str) -> str:
        """True when the node ``x`` conforms to ``shape`` (its targets are not considered)."""
        path = self.path(shape)
        parts = []
        for comp, arg in self.components(shape):
            if comp == SH.sparql:
                raise UnsupportedShape(f"shape {_name(shape)}: sh:sparql is only supported on a targeted node shape")
            if path is None:
                parts.append(self.value_expr(shape, comp, arg, x))
            elif comp == SH.minCount:
                parts.append(f"EXISTS {{ {self.distinct_values(x, path, int(arg))} }}" if int(arg) else "true")
            elif comp == SH.maxCount:
                parts.append(f"NOT EXISTS {{ {self.distinct_values(x, path, int(arg) + 1)} }}")
            elif comp == SH.lessThanOrEquals:
                v, o = next(self.fresh), next(self.fresh)
                parts.append(f"NOT EXISTS {{ {x} <{path}> {v} . {x} <{arg}> {o} "
                             f"FILTER(!COALESCE({v} <= {o}, false)) }}")
            else:
                v = next(self.fresh)
                parts.append(f"NOT EXISTS {{ {x} <{path}> {v} FILTER(!{self.value_expr(shape, comp, arg, v)}) }}")
        for prop in sorted(self.g.objects(shape, SH.property)):
            if path is not None:
                raise UnsupportedShape(f"shape {_name(shape)}: sh:property on a property shape is not supported")
            parts.append(self.conforms(prop, x))
        return "(" + (" && ".join(parts) or "true") + ")"

    # --- top-level shapes: one query per constraint ------------------------------------------

    def focus(self, shape) -> str:
        """A group pattern binding ``?this`` to each focus node of ``shape`` once."""
        alternatives = [f"{{ ?this {TYPE_PATH} {sparql_term(c)} }}" for c in sorted(self.g.objects(shape, SH.targetClass))]
        alternatives += [f"{{ ?_s <{p}> ?this }}" for p in sorted(self.g.objects(shape, SH.targetObjectsOf))]
        return f"{{ SELECT DISTINCT ?this WHERE {{ {' UNION '.join(alternatives)} }} }}"

    def prefixes(self, constraint) -> str:
        lines = []
        for ont in self.g.objects(constraint, SH.prefixes):
            for decl in self.g.objects(ont, SH.declare):
                lines.append(f"PREFIX {self.one(decl, SH.prefix)}: <{self.one(decl, SH.namespace)}>")
        return "\n".join(sorted(set(lines)))

    def sparql_check(self, shape, constraint, focus) -> Check:
        select = str(self.one(constraint, SH.select))
        if not re.match(r"\s*SELECT\s+(DISTINCT\s+|REDUCED\s+)?(\*|[^{]*[?$]this\b)", select, re.I):
            raise UnsupportedShape(f"shape {_name(shape)}: the SELECT of an sh:sparql constraint must return $this")
        query = f"{self.prefixes(constraint)}\nSELECT DISTINCT * WHERE {{ {focus} {{ {select} }} }}"
        message = self.message(constraint) or self.message(shape) or "Validation of a SPARQL constraint failed"
        return Check(_name(shape), "sparql", None, self.severity(shape), message, query)

    def checks(self, shape) -> list[Check]:
        focus = self.focus(shape)
        path = self.path(shape)
        props = sorted(self.g.objects(shape, SH.property))
        if path is not None and props:
            raise UnsupportedShape(f"shape {_name(shape)}: sh:property on a property shape is not supported")
        out = []
        for comp, arg in self.components(shape):
            if comp == SH.sparql:
                if path is not None:
                    raise UnsupportedShape(f"shape {_name(shape)}: sh:sparql on a property shape is not supported")
                out.append(self.sparql_check(shape, arg, focus))
            else:
                out.append(self.constraint_check(shape, path, comp, arg, focus))
        for prop in props:
            out += [self.constraint_check(prop, self.path(prop), c, a, focus) for c, a in self.components(prop)]
        return out

    def constraint_check(self, shape, path, comp, arg, focus) -> Check:
        local = str(comp).rsplit("#", 1)[-1]
        if comp == SH.sparql:
            raise UnsupportedShape(f"shape {_name(shape)}: sh:sparql in a property shape is not supported")
        if path is None and comp in _COUNTS | {SH.lessThanOrEquals}:
            raise UnsupportedShape(f"shape {_name(shape)}: sh:{local} needs sh:path")
        if comp == SH.minCount:  # no sh:value: one row per focus node
            where = f"FILTER NOT EXISTS {{ {self.distinct_values('?this', path, int(arg))} }}" if int(arg) else "FILTER(false)"
            query = f"SELECT ?this WHERE {{ {focus} {where} }}"
        elif comp == SH.maxCount:
            values = self.distinct_values('?this', path, int(arg) + 1)
            if (shape, PER_ACCOUNT, Literal(True)) in self.g:  # counted within one source's named graph
                values = f"GRAPH ?_account {{ {values} }}"
            query = f"SELECT DISTINCT ?this WHERE {{ {focus} {values} }}"
        elif comp == SH.lessThanOrEquals:  # one row per failing pair, as SHACL says
            query = (f"SELECT DISTINCT ?this ?value ?_other WHERE {{ {focus} ?this <{path}> ?value . ?this <{arg}> ?_other "
                     f"FILTER(!COALESCE(?value <= ?_other, false)) }}")
        else:
            values = f"?this <{path}> ?value ." if path is not None else "BIND(?this AS ?value)"
            if comp == SH["class"]:  # set-based: the instances of the class are computed once
                test = f"MINUS {{ ?value {TYPE_PATH} {sparql_term(arg)} }}"
            else:
                test = f"FILTER(!{self.value_expr(shape, comp, arg, '?value')})"
            query = f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {values} {test} }}"
        message = self.message(shape) or _default_message(comp, arg, path)
        return Check(_name(shape), local, str(path) if path else None, self.severity(shape), message, query)


def _default_message(comp, arg, path) -> str:
    """Messages in pySHACL's words, for shapes without sh:message."""
    p = f"<{path}>" if path else ""
    return {
        SH.minCount: f"Less than {arg} values on {{?this}}->{p}",
        SH.maxCount: f"More than {arg} values on {{?this}}->{p}",
        SH["class"]: f"Value does not have class <{arg}>",
        SH.datatype: f"Value is not Literal with datatype <{arg}>",
        SH["in"]: "Value {?value} not in the list of allowed values",
        SH.minInclusive: f"Value is not >= {arg}",
        SH.maxInclusive: f"Value is not <= {arg}",
        SH.lessThanOrEquals: f"Value of {{?this}}->{arg} < {{?value}}",
        SH["or"]: "Node {?value} must conform to one or more shapes in the sh:or list",
        SH["and"]: "Node {?value} must conform to all shapes in the sh:and list",
        SH["not"]: "Node {?value} conforms to a shape it must not conform to",
    }[comp]


def compile_shapes(shapes: Graph) -> list[Check]:
    """Every constraint of every targeted shape in ``shapes``, as checks; raises UnsupportedShape."""
    c = _Compiler(shapes)
    nodes = c.shape_nodes()
    c.refuse_unknown(nodes)
    targeted = [s for s in nodes if any(True for p in _TARGETS for _ in shapes.objects(s, p))]
    return [check for s in sorted(targeted, key=str) for check in c.checks(s)]


def format_message(template: str, row: dict) -> str:
    """Fill ``{?var}`` / ``{$var}`` from a result row (values as strings), as pySHACL does."""
    return re.sub(r"\{[?$](\w+)\}", lambda m: row.get(m.group(1), m.group(0)) or m.group(0), template)


CHECKS: list[Check] = compile_shapes(vocabulary.shapes_graph())
