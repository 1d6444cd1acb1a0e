"""Importers: ACLED exports, GDELT event files and a team's own CSV, into the same graph as the
curated facts, in the project's vocabulary, so the named queries answer over them unchanged.

    from kg.importers import import_file
    summary = import_file("gdelt", "20260227.export.CSV.zip", "kg-store")

:data:`IMPORTERS` is the registry: one :class:`ImporterEntry` per importer, with its name, its
help and its own options, from which ``kg import`` builds its subcommands. Each importer is a
module with an ``IMPORTER`` (kg/importers/gdelt.py, acled.py, pax.py, ucdp.py, csvmap.py), imported only when a
file is imported, so that this registry stays light (``kg --help`` imports it). What they share
(the import job, the store copy and swap, batching, PROV-O, row errors) is in core.py, the alias
table in aliases.py, the dataset vocabularies in vocab.py. See docs/importing.md.

May import: kg.authoring (dates, the YAML reader), kg.store, kg.sparql and the base modules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import KGError

if TYPE_CHECKING:
    from .core import ImportSummary

__all__ = ["IMPORTERS", "ImportJob", "ImportSummary", "ImporterEntry", "ImporterOption", "RowError", "get_importer",
           "import_file", "review"]


@dataclass(frozen=True)
class ImporterOption:
    """An option of one importer, beyond the file, --store, --on-error and --aliases that every
    import takes: ``kg import NAME FLAG VALUE`` hands the importer ``options[name] = VALUE``."""
    name: str                # the key in the importer's options: window_hours
    flag: str                # the command-line option: --window-hours
    help: str
    kind: str = "text"       # what the value is: "text", "file" (an existing file), "hours" (a length of time)
    default: object = None
    required: bool = False


@dataclass(frozen=True)
class ImporterEntry:
    """One importer: ``kg import NAME`` reads files with the ``IMPORTER`` of ``module``."""
    name: str
    module: str
    help: str                # the help of kg import NAME (its first sentence is its line in kg import --help)
    options: tuple[ImporterOption, ...] = ()


IMPORTERS = {entry.name: entry for entry in [
    ImporterEntry("gdelt", "kg.importers.gdelt", """
        Import a GDELT event file: 2.0 (61 columns) or 1.0 daily (58), plain or zipped.

        \b
        Example:
          kg import gdelt 20260227.export.CSV.zip --store kg-store
        """, (ImporterOption("window_hours", "--window-hours", kind="hours", default=48,
                             help="Merge re-emitted events (same actors, code, date, place) seen within this many "
                                  "hours of DATEADDED."),)),
    ImporterEntry("acled", "kg.importers.acled", """
        Import an ACLED CSV export (the 2023 31-column layout, or the older one).

        Fatalities become a claim attributed to ACLED (its conservative figure), never a fact.

        \b
        Example:
          kg import acled 2026-02-afghanistan-pakistan.csv
        """),
    ImporterEntry("pa-x", "kg.importers.pax", """
        Import the PA-X peace agreements CSV (PeaceRep; any version, 266 to 279 columns).

        Each agreement becomes a ceasefire, pre-negotiation or other agreement with its date, peace
        process, countries, parties and third parties (mediator, guarantor, witness, observer) read
        from its free text, and its UCDP conflict.

        \b
        Example:
          kg import pa-x pax_all_agreements_v10.csv
        """),
    ImporterEntry("ucdp-ged", "kg.importers.ucdp", """
        Import a UCDP GED event file (the 49-column CSV of a yearly or candidate release).

        Deaths become claims by UCDP (best estimate, with low and high as its range), never facts.

        \b
        Example:
          kg import ucdp-ged GEDEvent_v26_0_4.csv
        """),
    ImporterEntry("csv", "kg.importers.csvmap", """
        Import your own spreadsheet (CSV) of events or casualty claims, through a small mapping file.

        \b
        Example:
          kg import csv casualty-tracker.csv --mapping tracker-mapping.yaml
        """, (ImporterOption("mapping", "--mapping", kind="file", required=True,
                             help="A YAML file saying which columns hold which event or claim fields (see "
                                  "docs/importing.md)."),)),
]}


def get_importer(name: str):
    """The ``IMPORTER`` (kg.importers.core.Importer) of the importer called ``name``."""
    import importlib
    if name not in IMPORTERS:
        raise KGError(f"no importer {name!r}; the importers are: {', '.join(IMPORTERS)}")
    return importlib.import_module(IMPORTERS[name].module).IMPORTER


def import_file(kind: str, path, location, *, on_error: str = "stop", aliases=(), options=None,
                progress=None) -> ImportSummary:
    """Import one file into the store at ``location``; all or nothing. Raises InputErrors (every
    rejected row, with its line) under ``on_error="stop"``. ``options``: the importer's own
    (``IMPORTERS[kind].options``); ``progress``: called with the fraction of the file read."""
    from .core import ImportJob, run_import
    return run_import(ImportJob(get_importer(kind), path, location, aliases=aliases, on_error=on_error,
                                options=options, progress=progress))


def review(store) -> list[dict]:
    """Actors and places that imports created because no alias matched: how often and where seen."""
    from .review import review as _review
    return _review(store)


def __getattr__(name: str):
    """The classes of core.py (ImportJob, ImportSummary, RowError), imported on first use: core
    imports pyoxigraph, and the registry above must not."""
    if name in ("ImportJob", "ImportSummary", "RowError"):
        from . import core
        return getattr(core, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
