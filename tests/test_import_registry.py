"""kg import is built from the importer registry (kg.importers.IMPORTERS): each importer declares
its name, help and options there, so adding one is one entry; an import is one ImportJob."""

from __future__ import annotations

import datetime as dt

import pytest
from kgtest import run_kg, seed_store_copy, seed_store_dir  # noqa: F401  (fixtures)

from kg import importers
from kg.errors import KGError
from kg.importers import (
    IMPORTERS,
    ImporterEntry,
    ImporterOption,
    get_importer,
    import_file,
)
from kg.importers import nquads as nq
from kg.importers.core import Importer, ImportJob, run_import
from kg.namespaces import ID
from kg.store import open_store


def test_each_entry_names_its_importer():
    assert set(IMPORTERS) == {"gdelt", "acled", "pa-x", "ucdp-ged", "csv"}
    for name, entry in IMPORTERS.items():
        assert get_importer(name).name == entry.name == name
    assert [o.flag for o in IMPORTERS["csv"].options] == ["--mapping"]
    assert [o.flag for o in IMPORTERS["gdelt"].options] == ["--window-hours"]


def test_the_commands_come_from_the_registry():
    listing = run_kg("import", "--help").stdout
    for entry in IMPORTERS.values():
        assert f"  {entry.name}  " in listing
        help_text = run_kg("import", entry.name, "--help").stdout
        assert f"kg import {entry.name} " in help_text and "--on-error" in help_text and "--aliases" in help_text
        assert all(o.flag in help_text for o in entry.options)
    proc = run_kg("import", "csv", __file__)  # a required option of the entry, checked by click
    assert proc.returncode == 2 and "--mapping" in proc.stderr


def read_lines(path, ctx, options) -> None:
    """An importer made up for the test: each line of a text file is an event with that name."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        ctx.summary.rows_read += 1
        ctx.quads(nq.node(f"{options['prefix']}-{n}"),
                  [(nq.TYPE, nq.mkg("Event")), (nq.LABEL, nq.literal(line)), (nq.DERIVED, ctx.source)])
        ctx.summary.events_added += 1
    ctx.progress(1.0)


IMPORTER = Importer("lines", "1", "lines of text", read_lines)


@pytest.fixture
def lines_importer():
    IMPORTERS["lines"] = ImporterEntry("lines", __name__, """
        Import a text file, one event a line.

        \b
        Example:
          kg import lines events.txt --prefix talks
        """, (ImporterOption("prefix", "--prefix", default="line", help="The start of each event's id."),))
    yield IMPORTERS["lines"]
    del IMPORTERS["lines"]


def test_a_new_importer_is_one_entry(lines_importer, store, tmp_path):
    text = tmp_path / "events.txt"
    text.write_text("Talks in Doha\nTalks in Riyadh\n", encoding="utf-8")
    assert "  lines  " in run_kg("import", "--help").stdout
    assert "--prefix TEXT" in run_kg("import", "lines", "--help").stdout
    proc = run_kg("import", "lines", text, "--prefix", "talks", "--store", store)
    assert proc.returncode == 0, proc.stderr
    assert "lines import of events.txt: 2 rows read, 2 events added" in proc.stderr
    with open_store(store) as s:
        names = {r["name"].value for r in s.query("SELECT ?name WHERE { ?e rdfs:label ?name "
                                                  f"FILTER(STRSTARTS(STR(?e), '{ID}talks-')) }}")}
    assert names == {"Talks in Doha", "Talks in Riyadh"}


def test_an_import_is_one_job(store, tmp_path):
    """run_import takes one ImportJob; its time is the one the store records."""
    text = tmp_path / "events.txt"
    text.write_text("Talks in Doha\n", encoding="utf-8")
    when = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
    job = ImportJob(IMPORTER, text, store, options={"prefix": "doha"}, now=when)
    summary = run_import(job)
    assert (summary.rows_read, summary.events_added) == (1, 1)
    with open_store(store) as s:
        (record,) = [i for i in s.info()["imports"] if i["file"] == "events.txt"]
    assert record["imported_at"] == "2026-03-01T12:00:00+00:00" and record["importer"] == "lines"
    assert importers.ImportSummary is type(summary)  # kg.importers names core's classes without importing it first


def test_an_unknown_importer(store, tmp_path):
    with pytest.raises(KGError, match="no importer 'lines'; the importers are: gdelt, acled, pa-x, ucdp-ged, csv"):
        import_file("lines", tmp_path, store)
