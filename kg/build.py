"""Build a graph from authoring and RDF files: ingest, validate, load into a store.

A notebook user calls :func:`build` (on disk) or :func:`build_memory`; ``kg build`` is a thin
wrapper over the first.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .authoring.ingest import Ingested, ingest
from .data import seed_path
from .errors import ValidationFailed
from .sparql.derived import refresh
from .store import OxigraphStore, default_location, open_store
from .terms import Converter
from .validation.report import Report, validate_quads, validate_store
from .vocabulary import ontology_quads, ontology_version


@dataclass
class BuildResult:
    files: list[str]
    quads: int
    graphs: list[str]
    report: Report | None
    location: str | None




def prepare(paths, *, validate: bool = True, drafts: bool = False) -> tuple[Ingested, Report | None]:
    """Ingest and (unless told not to) validate; raise on any problem, and on items still marked
    draft unless ``drafts`` (kg.errors.DraftsLeft). Nothing is written.

    Without validation the ingest is streamed: the files are translated as the quads are read
    (``data.batches()``), and a problem found then is raised from there."""
    data = ingest(paths, stream=not validate, origins=validate, drafts=drafts)
    report = None
    if validate:
        report = validate_quads(data.quads, data.origins)
        if not report.conforms:
            raise ValidationFailed(report)
    return data, report


def _all_quads(data: Ingested):
    convert = Converter()
    for batch in data.batches():
        for q in batch:
            yield convert.quad(*q)
    for q in ontology_quads():
        yield convert.quad(*q)


def build(paths, location=None, *, validate: bool = True, allow_empty: bool = False,
          drafts: bool = False) -> BuildResult:
    """Build the files under ``paths`` into the store at ``location`` (a directory, made if there is
    none, or a SPARQL endpoint URL), replacing what it held (:meth:`kg.store.Store.replace`: an
    on-disk store is swapped atomically, a server's graphs are replaced one by one). Graphs added
    by ``kg import`` are kept.

    The build streams: the files are translated one by one into the new store, which is validated
    before the graphs kept from imports join it and before it replaces the old one (so memory does
    not grow with the build).

    A build with no data (empty files: nothing but the ontology) does not replace a store that
    holds data (StoreError) unless ``allow_empty``: an empty or truncated input file would
    otherwise wipe the store.

    Items still marked ``draft`` (proposed by ``kg draft``, not reviewed) are refused, each named at
    file:line (kg.errors.DraftsLeft), unless ``drafts``: then they enter the graph marked
    ``mkg:draft``, and graph:attribution gives them the standing "draft"."""
    location = location or default_location()
    data = ingest(paths, stream=True, origins=validate, drafts=drafts)
    digest = hashlib.sha256()
    for f in sorted(data.files):
        with open(f, "rb") as fh:  # block by block: a source file need not fit in memory
            while block := fh.read(1 << 20):
                digest.update(block)
    info = {
        "mediation_kg": __version__,
        "ontology": ontology_version(),
        "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "files": data.files,
        "sources_sha256": digest.hexdigest(),
    }
    report = None

    def check(new):
        nonlocal report
        if validate:
            report = validate_store(new, data.origins, union=True)
            if not report.conforms:
                raise ValidationFailed(report)

    with open_store(location, create=True) as store, store.lock():  # an import meanwhile would be lost
        store.replace(_all_quads(data), info, check=check, finish=refresh, allow_empty=allow_empty)
    return BuildResult(data.files, data.count, sorted(str(g) for g in data.graphs), report, str(location))


def build_memory(paths=None, *, validate: bool = True, drafts: bool = False) -> OxigraphStore:
    """Build into a new in-memory store (the seed scenario when ``paths`` is None)."""
    data, _ = prepare(paths or [seed_path()], validate=validate, drafts=drafts)
    store = OxigraphStore.memory(_all_quads(data))
    refresh(store)
    return store
