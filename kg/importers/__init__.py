"""Importers: ACLED exports, GDELT event files and a team's own CSV, into the same graph as the
curated facts, in the project's vocabulary, so the named queries answer over them unchanged.

    from kg.importers import import_file
    summary = import_file("gdelt", "20260227.export.CSV.zip", "kg-store")

Each importer is a module with an ``IMPORTER`` (kg/importers/gdelt.py, acled.py, csvmap.py); what
they share (the store copy and swap, batching, PROV-O, row errors) is in core.py, the alias table
in aliases.py, the dataset vocabularies in vocab.py. See docs/importing.md.

May import: kg.authoring (dates, the YAML reader), kg.store, kg.sparql and the base modules.
"""

from __future__ import annotations

from .core import ImportSummary, RowError, run_import

IMPORTERS = {"gdelt": "kg.importers.gdelt", "acled": "kg.importers.acled", "csv": "kg.importers.csvmap"}

__all__ = ["IMPORTERS", "ImportSummary", "RowError", "get_importer", "import_file", "review"]


def get_importer(name: str):
    import importlib
    return importlib.import_module(IMPORTERS[name]).IMPORTER


def import_file(kind: str, path, location, *, on_error: str = "stop", aliases=(), options=None,
                progress=None) -> ImportSummary:
    """Import one file into the store at ``location``; all or nothing. Raises InputErrors (every
    rejected row, with its line) under ``on_error="stop"``."""
    return run_import(get_importer(kind), path, location, on_error=on_error, alias_files=aliases,
                      options=options, progress=progress)


def review(store) -> list[dict]:
    """Actors and places that imports created because no alias matched: how often and where seen."""
    from .review import review as _review
    return _review(store)
