"""Named queries (``kg/sparql/queries/*.rq``) and their typed parameters.

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
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pyoxigraph as ox

from ..errors import QueryError
from ..namespaces import ID, ID_PATTERN, PREFIXES

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


def catalogue() -> list[dict]:
    """The named queries (``kg queries -f json``): name, what each answers, title, example, and its
    parameters (name, type, whether required, description)."""
    return [{"name": q.name, "answers": q.answers, "title": q.title, "example": q.example,
             "parameters": [{"name": p.name, "type": p.type, "required": not p.optional, "description": p.description}
                            for p in q.params]}
            for q in named_queries().values()]


def catalogue_rows(entries: list[dict]) -> list[dict]:
    """:func:`catalogue` with each parameter as ``name=<type>`` (``[name=<type>]`` if optional), for
    the formats of rows that hold text only (CSV, a table...)."""
    return [{**e, "parameters": [f"{p['name']}=<{p['type']}>" if p["required"] else f"[{p['name']}=<{p['type']}>]"
                                 for p in e["parameters"]]} for e in entries]


def catalogue_text(entries: list[dict]) -> str:
    """:func:`catalogue` for people: each query, what it answers, its title and parameters."""
    lines = []
    for e in entries:
        lines.append(f"{e['name']}  ({e['answers']})" if e["answers"] else e["name"])
        lines.append(f"    {e['title']}")
        lines += [f"    --param {p['name']}=<{p['type']}>{' (required)' if p['required'] else ''}  {p['description']}"
                  for p in e["parameters"]]
    return "\n".join(lines)


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
