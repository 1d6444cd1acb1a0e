"""Every bound kg puts on its inputs, in one table (docs/security.md prints it).

A limit keeps one hostile or broken input from exhausting the machine: each is checked where the
input is read, and going past it is a clear error naming the file (and line) or the request, never
a crash. Where raising a limit makes sense for trusted data, the environment variable
``KG_LIMIT_<NAME>`` (e.g. ``KG_LIMIT_YAML_NODES=5000000``) sets it; the others are fixed.

Read a limit with :func:`limit` at the point of use (not at import), so a test or a notebook can
change the environment variable.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .errors import ConfigError


@dataclass(frozen=True)
class Limit:
    name: str
    default: int
    unit: str
    bounds: str  # what it protects, for the docs
    raisable: bool = True

    @property
    def variable(self) -> str:
        return f"KG_LIMIT_{self.name.upper()}"


LIMITS: dict[str, Limit] = {}


def _define(*limits: Limit) -> None:
    for lim in limits:
        LIMITS[lim.name] = lim


def limit(name: str) -> int:
    """The limit ``name``: its environment variable if set (and raisable), else its default."""
    lim = LIMITS[name]
    given = os.environ.get(lim.variable) if lim.raisable else None
    if given is None or given == "":
        return lim.default
    try:
        value = int(given)
    except ValueError:
        value = 0
    if value <= 0:
        raise ConfigError(f"{lim.variable} must be a whole number above 0, not {given!r}")
    return value


def over(name: str) -> str:
    """What to tell a user who went past the limit ``name``: its value, and how to raise it if it can be."""
    lim = LIMITS[name]
    text = f"the limit is {limit(name):,} {lim.unit}"
    return f"{text}; set {lim.variable} to raise it" if lim.raisable else text


_define(
    Limit("errors_listed", 100, "problems", "problems listed for one command (the rest are counted, not kept)"),
    Limit("query_chars", 1_000_000, "characters", "the text of a SPARQL query or update read by the guard"),
    Limit("query_depth", 500, "levels", "the nesting of a query's parse tree and algebra (Oxigraph's parser and "
          "evaluator recurse: ~3,000 nested groups overflow its stack)", raisable=False),
    Limit("id_chars", 100, "characters", "an id (pakistan, khawaja-asif): ids become IRIs, so this is part of the "
          "authoring format", raisable=False),
    Limit("text_chars", 100_000, "characters", "one text value of an authoring file (a name, a quote, a description)"),
    Limit("yaml_depth", 100, "levels", "nesting of lists and mappings in a YAML file (authoring, alias, mapping)"),
    Limit("yaml_nodes", 1_000_000, "values", "values a YAML file holds once its aliases are expanded (alias bombs)"),
    Limit("rdf_literal_chars", 1_000_000, "characters", "one literal (or RDF/XML text or attribute) in an RDF input file"),
    Limit("rdfxml_expansion", 10, "times the file's size", "the text and attribute values of an RDF/XML file once its "
          "entities are expanded (entity bombs)"),
    Limit("jsonld_depth", 100, "levels", "nesting of objects and arrays in a JSON-LD file (Oxigraph's parser needs "
          "memory in the square of the depth and crashes a few thousand levels down)", raisable=False),
    Limit("zip_bytes", 2_000_000_000, "bytes", "the file in a zip (kg import gdelt), counted as it is inflated"),
    Limit("zip_ratio", 100, "times the compressed bytes read", "how much a zip's data may inflate (zip bombs)"),
    Limit("line_chars", 1_000_000, "characters", "one line of an imported file (GDELT, ACLED, CSV)"),
    Limit("article_chars", 200_000, "characters", "an article given to kg draft (parsed 10,000 characters at a "
          "time; at the limit a draft takes about a minute and 300 MB; a news article is a few thousand)"),
)


def markdown_table() -> str:
    """The limits as the Markdown table docs/security.md prints (a test keeps the two the same)."""
    rows = ["| limit | default | bounds | raise it with |", "|---|---|---|---|"]
    for lim in LIMITS.values():
        raise_it = f"`{lim.variable}`" if lim.raisable else "fixed"
        rows.append(f"| `{lim.name}` | {lim.default:,} {lim.unit} | {lim.bounds} | {raise_it} |")
    return "\n".join(rows)
