"""SPARQL: reading a query safely, running it on any store, and writing its answer.

Owns the query guard (``guard``: what a text may reach, from a real parse), the named queries and
their typed parameters (``named``; the texts in ``queries/*.rq``, internal ones in
``queries/internal/``), running a query with a time limit into a :class:`~kg.sparql.query.Result`
(``query``), and the result formats (``results``).

May import: the base modules. A store is handed in by the caller (anything with the methods of
:class:`kg.store.Store`); this package never imports kg.store, so the store layer can sit beside it.
"""

from .named import get_named, named_queries, parse_params
from .query import Result, run, run_named, stream_records

__all__ = ["Result", "get_named", "named_queries", "parse_params", "run", "run_named", "stream_records"]
