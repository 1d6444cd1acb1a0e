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
from .sparql.attribution import derive
from .store import OxigraphStore, default_location, graphs_in
from .store.disk import refuse_emptying, replace_store, store_lock
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




def prepare(paths, *, validate: bool = True) -> tuple[Ingested, Report | None]:
    """Ingest and (unless told not to) validate; raise on any problem. Nothing is written.

    Without validation the ingest is streamed: the files are translated as the quads are read
    (``data.batches()``), and a problem found then is raised from there."""
    data = ingest(paths, stream=not validate, origins=validate)
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


def build(paths, location=None, *, validate: bool = True, allow_empty: bool = False) -> BuildResult:
    """Build the files under ``paths`` into the store at ``location``: an on-disk store, replaced
    atomically; or a SPARQL endpoint URL, whose graphs are replaced (see RemoteStore.replace_all).
    Graphs added by ``kg import`` are kept.

    An on-disk build streams: the files are translated one by one into the new store, which is
    validated before the graphs kept from imports join it and before it replaces the old one (so
    memory does not grow with the build). For a server, the build is validated in memory first.

    A build with no data (empty files: nothing but the ontology) does not replace a store that
    holds data (StoreError) unless ``allow_empty``: an empty or truncated input file would
    otherwise wipe the store."""
    from .store.remote import RemoteStore, is_remote
    location = location or default_location()
    remote = is_remote(location)
    if remote:
        data, report = prepare(paths, validate=validate)
    else:
        data, report = ingest(paths, stream=True, origins=validate), None
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
    if remote:  # the server's graphs are replaced one by one, each only once it is loaded
        server = RemoteStore(location)
        if imports := server.info().get("imports"):
            info["imports"] = imports
        server.replace_all(_all_quads(data), info, allow_empty=allow_empty)
        return BuildResult(data.files, data.count, sorted(str(g) for g in data.graphs), report, location)

    def check(store):
        nonlocal report
        if not data.count and not allow_empty:
            refuse_emptying(location, graphs_in(location))
        if validate:
            report = validate_store(store, data.origins, union=True)
            if not report.conforms:
                raise ValidationFailed(report)

    with store_lock(location):  # an import swapping in its copy meanwhile would be lost
        kept = kept_imports(location)
        if kept is not None:
            info["imports"] = kept[1]
        replace_store(location, _all_quads(data), info, check=check, then=kept[0] if kept else ())
    return BuildResult(data.files, data.count, sorted(str(g) for g in data.graphs), report, str(location))


def kept_imports(location):
    """The graphs that ``kg import`` added to the store at ``location`` (imports and the dataset
    vocabularies they need), as a stream of quads, with the store's record of them; a rebuild
    keeps them. None when there is no store or it holds no imports."""
    import pyoxigraph as ox

    from .namespaces import IMPORTED_GRAPHS
    from .store.disk import MARKER, store_info
    path = Path(location)
    if not (path / MARKER).is_file():
        return None
    imports = store_info(path).get("imports", [])
    if not imports:
        return None
    store = ox.Store.read_only(str(path))
    graphs = [g for g in store.named_graphs() if g.value.startswith(IMPORTED_GRAPHS)]

    def quads():
        for g in graphs:
            yield from store.quads_for_pattern(None, None, None, g)
    return quads(), imports


def build_memory(paths=None, *, validate: bool = True) -> OxigraphStore:
    """Build into a new in-memory store (the seed scenario when ``paths`` is None)."""
    data, _ = prepare(paths or [seed_path()], validate=validate)
    store = OxigraphStore.memory(_all_quads(data))
    store._store.bulk_extend(derive(store))
    return store
