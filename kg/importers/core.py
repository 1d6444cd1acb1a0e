"""What every import shares: a consistent copy of the store, batched loading, the summary, PROV-O.

An import never writes into the live store. It works on a snapshot (:meth:`kg.store.Store.snapshot`:
for an embedded store a copy made with hard links, swapped in at the end), loads the file into it
in batches, and commits it only when the whole file went through. A rejected row under
``on_error="stop"``, or any failure, discards the copy: the store is left byte for byte as it was.
Into a SPARQL endpoint, the import's graphs are loaded at the end, each replaced only once all of
it is in (:meth:`kg.store.Store.local`); two imports into one server at once are not locked out
of each other (a server offers no lock), so a team should import one at a time.

Each import is its own named graph ``graph:import/<first 16 hex digits of the file's sha256>``,
which describes itself with PROV-O (file name, hash, row counts, import time, importer and
version). A file whose graph is already in the store is not imported again.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
import queue
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .. import __version__
from ..authoring.dates import DateExtent, edtf_of
from ..data import aliases_text
from ..errors import InputError, InputErrors, KGError
from ..limits import limit, over
from ..namespaces import DERIVED_GRAPHS, GRAPH, ID
from ..sparql.derived import refresh, refresh_added
from . import nquads as nq

# The predicates importers look things up by (Context.exists and friends): exists() asks for any
# statement about a node, and every node the graph holds has a type. An import into a SPARQL endpoint
# copies just these statements from the server, so a lookup by another predicate would see nothing.
LOOKUPS = (nq.TYPE, nq.SUBCLASS_OF, nq.IDENTIFIER, nq.PRIMARY_SOURCE, nq.mkg("actorKind"), nq.mkg("goldsteinScale"))
# What an import reads from the store: the lookups, and the names of actors and places and where
# the places lie (the alias table's store labels, kg/sparql/queries/internal/import-names.rq).
READS = [p[1:-1] for p in (*LOOKUPS, nq.LABEL, nq.ALT_LABEL, nq.mkg("locatedIn"))]
# what kg derives about a node (Context.exists): not a statement of any source about it
_DERIVED = frozenset(ox.NamedNode(str(g)) for g in DERIVED_GRAPHS)
BATCH_QUADS = 60_000  # quads per bulk-load call: large enough to be fast, small enough to stay flat
SEEN_LIMIT = 200_000  # shared nodes (days, places, actors) remembered as already written


@dataclass
class Importer:
    name: str        # gdelt, acled, csv
    version: str
    label: str       # "GDELT event export"
    read: object     # read(path, ctx, options) -> None
    defaults: dict = field(default_factory=dict)  # the options it assumes when none are given
    reads: tuple = ()  # predicate IRIs its queries (Context.select) read, besides READS


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


@dataclass
class ImportJob:
    """One import: which importer reads which file into which store, and how. Built by
    :func:`kg.importers.import_file` (and so by ``kg import``); :func:`run_import` runs it."""
    importer: Importer
    path: Path
    store: object                   # where: a store directory or a SPARQL endpoint URL (kg.store.open_store)
    aliases: tuple = ()             # alias files, added to the alias table
    on_error: str = "stop"          # stop: any bad row aborts the import; skip: bad rows are left out
    options: dict = field(default_factory=dict)  # the importer's own (kg.importers.ImporterEntry.options)
    progress: Callable[[float], None] | None = None  # called with the fraction of the file read
    now: dt.datetime = field(default_factory=_now)    # the import's time, as recorded
    started: float = field(default_factory=time.monotonic)

    def __post_init__(self):
        self.path = Path(self.path)
        self.aliases = tuple(self.aliases)
        self.options = dict(self.options or {})


@dataclass
class ImportSummary:
    importer: str
    file: str
    sha256: str
    graph: str
    settings: str = ""     # see _settings: what besides the file decides the result
    already: bool = False
    replaced: bool = False  # the file was imported before with other settings: that import is replaced
    rows_read: int = 0
    events_added: int = 0
    duplicates_merged: int = 0
    claims_added: int = 0
    rejected: Counter = field(default_factory=Counter)  # reason -> rows
    errors: list = field(default_factory=list)           # InputError per rejected row (the first errors_listed)
    quads: int = 0
    new_actors: int = 0
    seconds: float = 0.0

    @property
    def rows_rejected(self) -> int:
        return sum(self.rejected.values())

    def text(self) -> str:
        if self.already:
            return (f"{self.file} (sha256 {self.sha256[:16]}) is already imported, as {self.graph}: "
                    "nothing to do")
        lines = [f"{self.file} was imported before with other aliases, mapping or options: "
                 f"that import ({self.graph}) is replaced"] if self.replaced else []
        lines += [f"{self.importer} import of {self.file}: {self.rows_read} rows read, "
                 f"{self.events_added} events added, {self.duplicates_merged} duplicates merged"
                 + (f", {self.claims_added} claims added" if self.claims_added else "")
                 + f", {self.rows_rejected} rows rejected"
                 + (f", {self.new_actors} new actors or places to review (kg review)" if self.new_actors else "")]
        for reason, n in sorted(self.rejected.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  rejected {n}: {reason}")
        if self.quads:
            rate = self.rows_read / self.seconds if self.seconds else 0
            lines.append(f"  {self.quads} quads into graph {self.graph} in {self.seconds:.1f} s ({rate:,.0f} rows/s)")
        return "\n".join(lines)


class RowError(Exception):
    """A row an importer cannot use; ``reason`` groups rows in the summary, ``detail`` names the value."""

    def __init__(self, reason: str, detail: str = ""):
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}{': ' + detail if detail else ''}")


class _Loader:
    """Hands N-Quads batches to Oxigraph's bulk loader on a thread (it releases the GIL), so
    parsing the next batch in Python overlaps with loading this one. The queue is short, so
    memory stays flat whatever the file size."""

    def __init__(self, store):
        self._format = ox.RdfFormat.N_QUADS
        self._store = store
        self._queue: queue.Queue = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="kg-import-loader", daemon=True)
        self._thread.start()

    def _run(self):
        while True:
            data = self._queue.get()
            if data is None:
                return
            if self.error is None:
                try:
                    self._store.bulk_load(data, format=self._format)
                except BaseException as e:  # noqa: BLE001 (reported by put()/close() on the main thread)
                    self.error = e

    def put(self, data: bytes):
        if self.error is not None:
            raise KGError(f"loading into the store failed: {self.error}")
        self._queue.put(data)

    def close(self):
        self._queue.put(None)
        self._thread.join()
        if self.error is not None:
            raise KGError(f"loading into the store failed: {self.error}")


class Context:
    """What an importer writes through: quads into its graph, shared nodes written once, row
    errors, counters, and a look into the store as it was before the import."""

    def __init__(self, job: ImportJob, summary: ImportSummary, loader, base_store, aliases):
        self.summary = summary
        self.graph = f"<{summary.graph}>"
        self._loader = loader
        self._store = base_store          # pyoxigraph Store: the copy being loaded (None for a new store)
        self.aliases = aliases            # the alias table (kg.importers.aliases)
        self.on_error = job.on_error
        self.file = str(job.path)
        self.progress = job.progress or (lambda done: None)
        self.failed = False
        self.seen_before = False  # whether an earlier import of the same kind may have written these events
        self._lines: list[str] = []
        self._count = 0  # quads in _lines (an entry may hold several)
        self._seen: OrderedDict = OrderedDict()  # popitem(last=False) is O(1); deleting a plain dict's first key is not
        self.source = nq.iri_text(str(ID["import-" + summary.sha256[:16]]))
        self._listed = limit("errors_listed")  # rejected rows listed one by one; the rest are counted

    # -- writing ---------------------------------------------------------------------------
    def quad(self, s: str, p: str, o: str) -> None:
        self._lines.append(f"{s} {p} {o} {self.graph} .\n")
        self._count += 1
        if self._count >= BATCH_QUADS:
            self.flush()

    def quads(self, s: str, pairs) -> None:
        """Several quads about one subject: ``pairs`` of (predicate, object) N-Quads text."""
        tail = f" {self.graph} .\n{s} "
        self._lines.append(f"{s} " + tail.join(f"{p} {o}" for p, o in pairs) + f" {self.graph} .\n")
        self._count += len(pairs)
        if self._count >= BATCH_QUADS:
            self.flush()

    def flush(self) -> None:
        if not self._lines:
            return
        self.summary.quads += self._count
        self._count = 0
        if not self.failed:
            self._loader.put("".join(self._lines).encode("utf-8"))
        self._lines = []

    def first_time(self, key) -> bool:
        """True the first time ``key`` is seen in this import (a bounded memory: after many
        other keys it may answer True again, which only rewrites identical quads)."""
        if key in self._seen:
            return False
        self._seen[key] = None
        if len(self._seen) > SEEN_LIMIT:
            self._seen.popitem(last=False)
        return True

    def known(self, node) -> bool:
        """Whether ``node`` (an event or claim IRI made from the data) is already there: written
        earlier in this import, or in the store by an earlier import of this importer's kind."""
        return not self.first_time(node) or (self.seen_before and self.exists(node))

    # -- the store before the import ---------------------------------------------------------
    def exists(self, iri: str) -> bool:
        """Whether the store holds any statement about ``iri`` (N-Quads text ``<...>``): from before
        the import, or loaded by it already. The graphs kg derives do not count: graph:keys still
        names the events of an import that is being replaced."""
        if self._store is None:
            return False
        return any(q.graph_name not in _DERIVED for q in self._store.quads_for_pattern(ox.NamedNode(iri[1:-1]), None, None))

    def exists_value(self, s: str, p: str) -> bool:
        _check_lookup(p)
        if self._store is None:
            return False
        return next(iter(self._store.quads_for_pattern(ox.NamedNode(s[1:-1]), ox.NamedNode(p[1:-1]), None)),
                    None) is not None

    def has(self, s: str, p: str, o_iri: str) -> bool:
        _check_lookup(p)
        if self._store is None:
            return False
        return next(iter(self._store.quads_for_pattern(ox.NamedNode(s[1:-1]), ox.NamedNode(p[1:-1]),
                                                       ox.NamedNode(o_iri[1:-1]))), None) is not None

    def select(self, query: str) -> list[dict]:
        """The rows of the SELECT ``query`` (prefixes as in kg.namespaces) over the store as it was
        before the import, each a dict of values (None where unbound); [] for a new store. From a
        SPARQL endpoint only the statements of READS and of the importer's ``reads`` are copied:
        the query may use no other predicate."""
        if self._store is None:
            return []
        from ..namespaces import PREFIXES
        answer = self._store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
        names = [v.value for v in answer.variables]
        return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in answer]

    def identified(self, identifier: str) -> list[str]:
        """The nodes (N-Quads text) that the store, before the import or loaded by it, gives the
        ``dcterms:identifier`` ``identifier``: how a curator's item names a dataset's item."""
        if self._store is None:
            return []
        return sorted({f"<{q.subject.value}>" for q in self._store.quads_for_pattern(
            None, ox.NamedNode(nq.IDENTIFIER[1:-1]), ox.Literal(identifier)) if isinstance(q.subject, ox.NamedNode)})

    # -- rows --------------------------------------------------------------------------------
    def reject(self, line: int, error: RowError) -> None:
        self.summary.rejected[error.reason] += 1
        if len(self.summary.errors) < self._listed:
            self.summary.errors.append(InputError(str(error), self.file, line))
        if self.on_error == "stop":
            self.failed = True  # keep reading to report every bad row, but write nothing more
            self._lines = []
            self._count = 0

    # -- shared nodes ------------------------------------------------------------------------
    def time_node(self, not_before: dt.date, not_after: dt.date, precision: str, label: str) -> str:
        ident = {"Day": f"day-{label}", "Month": f"month-{label}"}.get(precision) or f"days-{not_before}-{not_after}"
        node = nq.node(ident)
        if self.first_time(node) and not self.exists(node):
            self.quad(node, nq.TYPE, nq.mkg("TimeExtent"))
            self.quad(node, nq.mkg("notBefore"), nq.typed(not_before.isoformat(), nq.XSD_DATE))
            self.quad(node, nq.mkg("notAfter"), nq.typed(not_after.isoformat(), nq.XSD_DATE))
            self.quad(node, nq.mkg("precision"), nq.mkg(precision))
            self.quad(node, nq.LABEL, nq.literal(label))
            self.quad(node, nq.mkg("edtf"), nq.literal(edtf_of(DateExtent(not_before, not_after, precision, label))))
        return node

    def day(self, day: dt.date) -> str:
        return self.time_node(day, day, "Day", day.isoformat())

    def canonical(self, ident: str) -> str:
        """The node of a canonical actor or place from the alias table; described (type, name,
        Wikidata link, wider actor or place) in this import's graph when the store lacks it."""
        node = nq.node(ident)
        if self.first_time(node) and not self.exists(node):
            entry = self.aliases.canonical.get(ident)
            if entry is None:  # a name found among the store's labels: it exists already
                return node
            from .. import vocabulary as onto
            cls = onto.subclasses("Actor" if entry.kind == "actors" else "Place")[entry.type]
            self.quad(node, nq.TYPE, f"<{cls}>")
            if entry.type == "state":
                self.quad(node, nq.TYPE, nq.mkg("Country"))
            self.quad(node, nq.LABEL, nq.literal(entry.name))
            if entry.wikidata:
                from ..namespaces import WD
                self.quad(node, nq.SAME_AS, f"<{WD[entry.wikidata]}>")
            if entry.parent:
                parent = self.canonical(entry.parent)
                self.quad(node, nq.mkg("affiliatedWith" if entry.kind == "actors" else "locatedIn"), parent)
        return node

    def new_node(self, ident: str, classes, label: str, original: str | None = None, extra=(), review=True) -> str:
        """An actor or place that no alias matched: minted, labelled and (unless ``review`` is
        False, as for a gazetteer place with its own id) flagged for review."""
        node = nq.node(ident)
        if self.first_time(node) and not self.exists(node):
            for cls in classes:
                self.quad(node, nq.TYPE, cls)
            self.quad(node, nq.LABEL, nq.literal(label))
            if original and original != label:
                self.quad(node, nq.ALT_LABEL, nq.literal(original))
            if review:
                self.quad(node, nq.mkg("needsReview"), nq.TRUE)
                self.summary.new_actors += 1
            self.quad(node, nq.DERIVED, self.source)
            for p, o in extra:
                self.quad(node, p, o)
        return node


def _check_lookup(p: str) -> None:
    if p not in LOOKUPS:
        raise AssertionError(f"importers look things up by the predicates in LOOKUPS only, not {p}")


def bounded_lines(fh, file: str):
    """The lines of ``fh`` (text or binary), each at most ``line_chars`` long: a file with no line
    breaks, or a zip inflating to one endless line, is an error naming the line, not all of it in
    memory. Read line by line, so a text file's ``tell()`` keeps working."""
    longest = limit("line_chars")
    n = 0
    while line := fh.readline(longest + 1):
        n += 1
        if len(line) > longest and line[-1:] not in ("\n", "\r", b"\n", b"\r"):
            raise InputError(f"the line is too long: {over('line_chars')}", file, n)
        yield line


def text_lines(fh, file: str):
    """The lines of the binary file ``fh`` as text (:func:`bounded_lines`), decoded one by one so a
    byte that is not UTF-8 is an error naming its own line (a BOM on the first is dropped)."""
    for n, line in enumerate(bounded_lines(fh, file), 1):
        try:
            yield line.decode("utf-8-sig" if n == 1 else "utf-8")
        except UnicodeDecodeError as e:
            raise InputError(f"not UTF-8 text ({e.reason} at byte {e.start} of the line); save the file as UTF-8",
                             file, n) from None


def csv_records(reader, ctx: "Context", path):
    """``(line, row)`` for each non-blank row a ``csv.reader`` gives after its header: counts the
    rows read and rejects a row whose quoting is broken."""
    prev_line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            ctx.summary.rows_read += 1
            ctx.reject(prev_line + 1, RowError("broken quoting", str(e)))
            prev_line = reader.line_num
            continue
        line, prev_line = prev_line + 1, reader.line_num
        if any(cell.strip() for cell in row):
            ctx.summary.rows_read += 1
            yield line, row


class CsvDataset:
    """A dataset's CSV file as the importers read it: ``header`` (an error at line 1 when the file is
    empty or its first row is not CSV), then :meth:`rows`. Progress is reported every ``every`` rows
    from the characters read so far (never from the file's position, which csv's iteration hides)::

        with CsvDataset(path, ctx, "an ACLED export") as data:
            columns = data.header
            for line, row in data.rows():
                ...
    """

    def __init__(self, path: Path, ctx: "Context", what: str, every: int = 5_000):
        self.path, self.file, self.ctx, self.what, self.every = path, str(path), ctx, what, every
        self._size, self._done = path.stat().st_size or 1, 0

    def _lines(self, fh):
        for line in text_lines(fh, self.file):
            self._done += len(line)
            yield line

    def __enter__(self) -> "CsvDataset":
        self._fh = self.path.open("rb")
        try:
            self._reader = csv.reader(self._lines(self._fh), strict=True)
            try:
                self.header = next(self._reader)
            except StopIteration:
                raise InputError(f"the file is empty; {self.what} starts with a header row", self.file, 1) from None
            except csv.Error as e:
                raise InputError(f"the header row is not valid CSV ({e})", self.file, 1) from None
        except BaseException:
            self._fh.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self._fh.close()

    def rows(self):
        """``(line, row)`` for each row of data with as many fields as the header (:func:`csv_records`;
        another row is rejected with its line); an error at line 2 when there is none at all."""
        ncols, n = len(self.header), 0
        for line, row in csv_records(self._reader, self.ctx, self.path):
            n += 1
            if n % self.every == 0:
                self.ctx.progress(min(self._done / self._size, 1.0))
            if len(row) != ncols:
                hint = " (a quote left open swallows the lines after it)" if any("\n" in c for c in row) else ""
                self.ctx.reject(line, RowError("wrong column count", f"{len(row)} fields where the header has {ncols}{hint}"))
                continue
            yield line, row
        if n == 0:
            raise InputError("the file has a header but no rows of data", self.file, 2)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def run_import(job: ImportJob) -> ImportSummary:
    """Run ``job``: import its file into its store (created if there is none), atomically."""
    from .aliases import load_aliases

    if job.on_error not in ("stop", "skip"):
        raise KGError(f"on_error must be 'stop' or 'skip', not {job.on_error!r}")
    if not job.path.is_file():
        raise KGError(f"{job.path}: no such file")
    sha = file_sha256(job.path)
    graph = str(GRAPH["import/" + sha[:16]])
    summary = ImportSummary(job.importer.name, job.path.name, sha, graph, _settings(job))
    aliases = load_aliases(job.aliases)

    from ..store import open_store
    with open_store(job.store, create=True) as store, store.lock():  # one build or import at a time
        return _import_locked(job, store, summary, aliases)


def _settings(job: ImportJob) -> str:
    """A digest of what, besides the file itself, decides an import's result: the importer, its
    options, and the contents of the alias files and of any option naming a file (a CSV mapping).
    The same file imported again with the same settings changes nothing; with other settings (an
    alias added after ``kg review``, a corrected mapping) it replaces its earlier import."""
    digest = hashlib.sha256(job.importer.name.encode())
    digest.update(aliases_text().encode("utf-8"))
    for key, value in sorted({**job.importer.defaults, **job.options}.items()):
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        digest.update(f"\0{key}={float(value) if number else value}".encode())  # 48 and 48.0 alike
        if isinstance(value, (str, os.PathLike)) and Path(value).is_file():
            digest.update(Path(value).read_bytes())
    for f in job.aliases:
        digest.update(b"\0aliases\0" + Path(f).read_bytes())
    return digest.hexdigest()


def _import_locked(job: ImportJob, store, summary: ImportSummary, aliases) -> ImportSummary:
    """Import into a snapshot of ``store`` (:meth:`kg.store.Store.snapshot`), through a local store
    that answers the importers' lookups (:meth:`kg.store.Store.local`: for an embedded store, its
    copy; for a server, the statements the import reads, copied, and the import's graphs loaded
    onto the server at the end), and commit it with the import recorded. ``aliases``: the alias
    table, which the store's names join."""
    graphs = store.named_graphs()
    imports = store.info().get("imports", [])
    if summary.graph in graphs:
        earlier = [i for i in imports if i.get("graph") == summary.graph]
        if earlier and earlier[-1].get("settings") == summary.settings:
            summary.already = True
            return summary
        summary.replaced = True
    exists = bool(graphs)
    with store.snapshot("import") as snapshot:
        with snapshot.open() as work:
            with work.local([*READS, *job.importer.reads]) as local:
                if summary.replaced:
                    local.drop_graph(summary.graph)
                if exists:
                    aliases.add_store_labels(local)
                else:
                    _add_ontology(local.pyoxigraph)
                _read_into(job, local.pyoxigraph, exists, imports, summary, aliases)
            # how each fact stands and what the queries join on, with the import's: for what the new
            # graphs can change (in a new store, every graph is new), everything after an import that
            # replaced its earlier graph
            if summary.replaced:
                refresh(work)
            else:
                refresh_added(work, [g for g in work.named_graphs() if g not in graphs])
        info = store.info()  # as it is now (on a server, another client may have recorded something)
        info.setdefault("mediation_kg", __version__)
        info["imports"] = _record(info.get("imports", []), summary, job)
        snapshot.commit(info)
    summary.seconds = time.monotonic() - job.started
    return summary


def _add_ontology(store) -> None:
    """Put the ontology into a new store (a new store is one that ``kg build`` never built)."""
    from ..terms import quad_to_oxigraph
    from ..vocabulary import ontology_quads
    store.bulk_extend(quad_to_oxigraph(*q) for q in ontology_quads())


def _read_into(job: ImportJob, copy, exists: bool, imports: list, summary: ImportSummary, aliases) -> None:
    """Read the job's file into the pyoxigraph store ``copy`` (what the store held, if ``exists``;
    ``imports``: its record of earlier imports), in the import's graph; raise InputErrors (nothing
    kept) when a row was rejected under on_error=stop."""
    loader = _Loader(copy)
    # The importers ask the copy whether an event, a place or a link is already there: what the
    # store held, and what this import has loaded so far (the loader's batches land in it).
    ctx = Context(job, summary, loader, copy if exists else None, aliases)
    ctx.seen_before = any(i.get("importer") == job.importer.name for i in imports)
    try:
        _vocabularies(ctx, copy if exists else None, job.importer.name)
        job.importer.read(job.path, ctx, job.options)
        if ctx.failed:
            errors = sorted(summary.errors, key=lambda e: e.line or 0)
            if summary.rows_rejected > len(errors):
                errors.append(InputError(f"... and {summary.rows_rejected - len(errors)} more rows rejected "
                                         f"({', '.join(f'{n} {r}' for r, n in summary.rejected.most_common())}); "
                                         "nothing was imported", str(job.path)))
            raise InputErrors(errors)
        _describe_import(ctx, job)
        ctx.flush()
    finally:
        loader.close()
    ctx._store = None


def _record(imports: list, summary: ImportSummary, job: ImportJob) -> list:
    """The store's list of imports with this one (replacing an earlier import of the same file)."""
    return [i for i in imports if i.get("graph") != summary.graph] + [
        {"graph": summary.graph, "file": job.path.name, "sha256": summary.sha256, "importer": summary.importer,
         "settings": summary.settings, "imported_at": job.now.isoformat()}]


def _vocabularies(ctx: Context, base, importer_name: str) -> None:
    """Load the dataset's concept schemes (ontology/cameo.ttl, acled.ttl) into their own graph,
    replacing an older version; they let queries follow codes to labels, roots and event types."""

    from .vocab import vocabulary_files
    for name, text in vocabulary_files(importer_name):
        graph = GRAPH["vocabulary/" + name]
        digest = hashlib.sha256(text.encode()).hexdigest()
        marker = f"<{graph}> {nq.IDENTIFIER} {nq.literal('sha256:' + digest)} <{graph}> .\n"
        if base is not None and ox.NamedNode(str(graph)) in set(base.named_graphs()):
            current = {q.object.value for q in base.quads_for_pattern(ox.NamedNode(str(graph)), None, None,
                                                                     ox.NamedNode(str(graph)))}
            if "sha256:" + digest in current:
                continue
            raise KGError(f"the store holds another version of the {name} vocabulary (graph {graph}); "
                          "rebuild the store with 'kg build' to update it")
        quads = ox.serialize(ox.parse(text, format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES)
        lines = [line[:-2] + f"<{graph}> .\n" for line in quads.decode("utf-8").splitlines(keepends=True) if line.strip()]
        ctx._loader.put(("".join(lines) + marker).encode("utf-8"))


def _describe_import(ctx: Context, job: ImportJob) -> None:
    from rdflib.namespace import PROV
    importer, path, now = job.importer, job.path, job.now
    s = ctx.summary
    src, g = ctx.source, f"<{s.graph}>"
    activity = nq.iri_text(str(ID["import-" + s.sha256[:16] + "-activity"]))
    agent = nq.iri_text(str(ID["mediation-kg-software"]))
    q = ctx.quad
    q(src, nq.TYPE, nq.mkg("Source"))
    q(src, nq.LABEL, nq.literal(f"{importer.label}: {path.name}"))
    q(src, nq.TITLE, nq.literal(path.name))
    q(src, nq.DATE, nq.typed(now.date().isoformat(), nq.XSD_DATE))
    q(src, nq.IDENTIFIER, nq.literal("sha256:" + s.sha256))
    q(src, nq.mkg("rowsRead"), nq.integer(s.rows_read))
    q(src, nq.mkg("rowsRejected"), nq.integer(s.rows_rejected))
    q(src, nq.mkg("eventsAdded"), nq.integer(s.events_added))
    q(src, nq.mkg("duplicatesMerged"), nq.integer(s.duplicates_merged))
    q(g, f"<{PROV.wasGeneratedBy}>", activity)
    q(g, f"<{PROV.wasDerivedFrom}>", src)
    q(activity, nq.TYPE, f"<{PROV.Activity}>")
    q(activity, nq.LABEL, nq.literal(f"kg import {importer.name} {path.name}"))
    q(activity, nq.DESCRIPTION, nq.literal(f"importer {importer.name} {importer.version}, mediation-kg {__version__}"))
    q(activity, f"<{PROV.used}>", src)
    q(activity, f"<{PROV.startedAtTime}>", nq.typed(now.isoformat(), nq.XSD_DATETIME))
    q(activity, f"<{PROV.wasAssociatedWith}>", agent)
    if ctx.first_time(agent) and not ctx.exists(agent):
        q(agent, nq.TYPE, f"<{PROV.SoftwareAgent}>")
        q(agent, nq.LABEL, nq.literal("mediation-kg"))
