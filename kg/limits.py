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


_define(
    Limit("errors_listed", 100, "problems", "problems listed for one command (the rest are counted, not kept)"),
    Limit("query_chars", 1_000_000, "characters", "the text of a SPARQL query or update read by the guard"),
    Limit("query_depth", 500, "levels", "the nesting of a query's parse tree and algebra (Oxigraph's parser and "
          "evaluator recurse: ~3,000 nested groups overflow its stack)", raisable=False),
)
