"""Run store work in worker processes that can be stopped: the server's query engine.

pyoxigraph cannot interrupt a running query, so the server (:mod:`kg.server`) never runs one in
its own process. A :class:`WorkerPool` keeps ``size`` processes (multiprocessing "spawn"
context), each holding the store open read-only. A job goes to an idle worker over a pipe; the
parent waits at most ``timeout`` seconds for the answer, and past that kills the worker, answers
:class:`JobTimeout` and starts a replacement in the background. When every worker is busy, jobs
wait in line for the next idle one, so a slow query holds up one worker, never the others.

Workers do the whole job, formatting included: a query job comes back as the bytes of the
answer in the format the client negotiated (CPU work stays out of the server's event loop, and
nothing but bytes and strings crosses the pipe; pyoxigraph's terms would pickle too).

Updates (:meth:`WorkerPool.update`) go to a snapshot of the store (:meth:`kg.store.Store.snapshot`),
never to the live directory while workers read it: for an embedded store, a copy (RocksDB's files,
which it never rewrites, are hard-linked) that a worker opens read-write to apply the update, then
swapped in by the snapshot's commit; for a server, the server itself. The pool's generation counter
then goes up; every job carries it, and a worker whose store is of an older generation (or whose
directory was replaced behind its back, e.g. by ``kg build``) reopens the store before the job. A
replaced directory is deleted once no live worker still has it open. Updates run one at a time.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import multiprocessing
import os
import shutil
import signal
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger("kg.server")

SPAWN_TIMEOUT = 120.0  # seconds a new worker may take to import kg and open the store
_NO_LIMIT = 86400.0  # a job's time limit where the pool sets none (the store's own, per request, comes first)


class JobError(Exception):
    """A job failed for a reason the client should hear: ``status`` is the HTTP status to answer."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


class JobTimeout(JobError):
    def __init__(self, seconds: float):
        super().__init__(503, f"query stopped after {seconds:g} s: it ran past the server's time limit "
                              "(kg serve --timeout); narrow it down or add a LIMIT")


class WorkerFailed(Exception):
    """A worker died or could not start; the traceback (if any) is for the server log only."""


# ---------------------------------------------------------------------------------------------
# worker process side


def _store_identity(path: str):
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


class _WorkerState:
    """What one worker process holds: the store, opened read-only, and its generation."""

    def __init__(self, store_path: str, generation: int):
        self.path = store_path
        self.store = None
        self.generation = None
        self.identity = None
        self.open(generation)

    def open(self, generation: int) -> None:
        from ..store import open_store
        if self.store is not None:
            self.store.close()
            self.store = None
        identity = _store_identity(self.path)
        self.store = open_store(self.path)
        self.generation, self.identity = generation, identity

    def current(self, generation: int):
        if generation != self.generation or _store_identity(self.path) != self.identity:
            self.open(generation)
        return self.store

    # --- jobs --------------------------------------------------------------------------------

    def handle(self, job: dict):
        op = job["op"]
        if op == "update":  # works on a copy of the store, never on the one this worker reads
            return _update(job["path"], job["text"])
        if op == "check_update":
            from ..sparql.guard import check_update
            check_update(job["text"], self.current(job["generation"]).named_graphs())
            return None
        store = self.current(job["generation"])
        if op == "query":
            return _query(store, job)
        if op == "info":
            return _info(store)
        if op == "export":
            return _export(store, job["graph"], job["format"])
        if op == "graph_file":
            from ..graphs.export import export_graph
            from ..graphs.project import actor_graph
            return export_graph(actor_graph(store), job["format"])
        if op == "graph_page":
            from ..explorer import render_html
            from ..graphs.project import actor_graph
            return render_html(actor_graph(store), title=job.get("title") or "mediation-kg: actors and relations")
        if op == "ping":
            return {"pid": os.getpid(), "generation": self.generation}
        if op == "sleep":  # for tests of the pool itself
            time.sleep(job["seconds"])
            return None
        raise ValueError(f"unknown job {op!r}")


def _query(store, job: dict) -> dict:
    from ..formats import RDF, RESULTS
    from ..sparql.guard import check_query
    from ..sparql.named import get_named, parse_params
    from ..sparql.query import run
    from ..sparql.results import format_result

    named = get_named(job["named"]) if job.get("named") else None
    params = parse_params(job.get("params") or (), named) if (job.get("params") or named) else None
    if named is None:  # refused before it runs, and refused in the right words when no format would do
        parsed = check_query(job["text"], graphs=store.named_graphs())
        kind = RDF if parsed.form in ("construct", "describe") else RESULTS
        if job["formats"].get(kind) is None:
            raise JobError(406, job["not_acceptable"][kind])
    result = run(store, named or job["text"], params, limit=job["limit"],
                 default_graphs=job.get("default_graphs"), named_graphs=job.get("named_graphs"))
    kind = RDF if result.kind == "graph" else RESULTS
    if result.truncated:
        what = "triples" if kind == RDF else "rows"
        raise JobError(422, f"the answer has more than {job['limit']} {what}, the most this server sends "
                            f"(kg serve --max-rows); it never cuts an answer short: add LIMIT and OFFSET "
                            "to fetch it in pages, or narrow the query down")
    fmt = job["formats"].get(kind)
    if fmt is None:
        raise JobError(406, job["not_acceptable"][kind])
    body = format_result(result, fmt).encode("utf-8")
    size = len(result.triples) if kind == RDF else (len(result.rows) if result.kind == "select" else 1)
    return {"format": fmt.name, "kind": kind, "body": body, "size": size}


def _info(store) -> dict:
    from ..sparql.query import run
    sizes = {}
    answer = run(store, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    graphs = store.named_graphs()
    ours = set(graphs)  # a server's own graphs (Virtuoso's virtrdf#, ...) are not the store's
    for g, n in answer.rows:
        if g.value in ours:
            sizes[g.value] = int(n.value)
    return {"quads": len(store), "graphs": graphs, "sizes": sizes}


def _export(store, graph: str | None, fmt) -> bytes:
    """The store's ``graph`` (None: the default graph, the union of all) as ``fmt`` (a kg.formats entry)."""
    import pyoxigraph as ox

    from ..export import export
    if graph is not None and graph not in store.named_graphs():
        raise JobError(404, f"no graph <{graph}> in the store")
    if graph is None and fmt.datasets:
        # A dataset format would keep the named graphs apart: the default graph is their union.
        union = ox.parse(export(store, "ntriples"), format=ox.RdfFormat.N_TRIPLES)
        from ..namespaces import PREFIXES
        return ox.serialize(union, format=fmt.write, **({"prefixes": PREFIXES} if fmt.prefixes else {}))
    return export(store, fmt, graph)


def _update(location: str, text: str) -> dict:
    """Apply the update ``text`` at ``location``, a snapshot of the store (:attr:`kg.store.Snapshot.location`:
    for an embedded store a copy no other process has open, for a server the server itself)."""
    from ..sparql.derived import refresh
    from ..sparql.guard import check_update
    from ..store import open_store

    with open_store(location, read_only=False) as store:  # closed (RocksDB too) before the parent swaps it in
        check_update(text, store.named_graphs())
        before = len(store)
        store.update(text)
        refresh(store)  # how each fact stands and what the queries join on, after the update
        after = len(store)
    return {"before": before, "after": after}


def _watch_parent(parent: int) -> None:
    """Exit when the server process goes away, even in the middle of a long query."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(0)


def worker_main(conn, store_path: str, generation: int, parent: int) -> None:
    """A worker process: open the store, then answer jobs until told to stop (None) or the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the server decides
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    from ..errors import KGError
    try:
        # Imported here, before the first job, so the first query does not pay for them.
        from .. import export  # noqa: F401
        from ..sparql import query, results  # noqa: F401
        state = _WorkerState(store_path, generation)
    except KGError as e:
        conn.send(("failed", str(e)))
        return
    except BaseException:
        conn.send(("failed", traceback.format_exc()))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            reply = ("ok", state.handle(job))
        except JobError as e:
            reply = ("error", e.status, e.message)
        except KGError as e:
            reply = ("error", 400, str(e))
        except Exception:
            reply = ("crash", traceback.format_exc())
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


# ---------------------------------------------------------------------------------------------
# server side


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: object
    generation: int
    started: float = field(default_factory=time.monotonic)

    @property
    def pid(self):
        return self.process.pid

    def call(self, job: dict, timeout: float):
        """Send ``job`` and wait for the reply (blocking; runs on a pool thread)."""
        try:
            self.conn.send(job)
            if not self.conn.poll(timeout):
                return ("timeout",)
            return self.conn.recv()
        except (EOFError, OSError, BrokenPipeError) as e:
            return ("died", f"{type(e).__name__}: {e}")

    def kill(self) -> None:
        try:
            self.process.kill()
            self.process.join(5)
        except (OSError, ValueError, AssertionError):
            pass
        try:
            self.conn.close()
        except OSError:
            pass

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(2)
        if self.process.is_alive():
            self.kill()
        else:
            self.conn.close()


class _SwapGuard:
    """Many workers may open the store at once; a swap waits for them and holds them off."""

    def __init__(self):
        self._cond = threading.Condition()
        self._opening = 0
        self._swapping = False

    def opening(self):
        guard = self

        class _Ctx:
            def __enter__(self):
                with guard._cond:
                    guard._cond.wait_for(lambda: not guard._swapping)
                    guard._opening += 1

            def __exit__(self, *exc):
                with guard._cond:
                    guard._opening -= 1
                    guard._cond.notify_all()
        return _Ctx()

    def swapping(self):
        guard = self

        class _Ctx:
            def __enter__(self):
                with guard._cond:
                    guard._cond.wait_for(lambda: not guard._swapping and guard._opening == 0)
                    guard._swapping = True

            def __exit__(self, *exc):
                with guard._cond:
                    guard._swapping = False
                    guard._cond.notify_all()
        return _Ctx()


class WorkerPool:
    """``size`` worker processes for one store; use from one asyncio event loop.

    ``await start()``, then ``await call(job)`` (returns the job's result, raises
    :class:`JobError` / :class:`JobTimeout` / :class:`WorkerFailed`), ``await update(text)``,
    and ``await close()`` at the end.
    """

    def __init__(self, store_path, size: int = 4, timeout: float = 30.0):
        self.store_path = str(store_path)
        self.size = size
        self.timeout = timeout
        # How long a job may wait in line for an idle worker before the client is told to retry.
        self.queue_wait = max(60.0, 4 * timeout)
        self.generation = 0
        self.replaced = 0  # workers killed and replaced (timeouts, crashes)
        self.last_replacement_s = None
        self._ctx = multiprocessing.get_context("spawn")
        self._threads = concurrent.futures.ThreadPoolExecutor(max_workers=2 * size + 2, thread_name_prefix="kg-pool")
        self._spawn_lock = threading.Lock()
        self._guard = _SwapGuard()
        self._workers: set[_Worker] = set()
        self._idle: asyncio.Queue | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._update_lock: asyncio.Lock | None = None
        self._retired: list[tuple[int, Path]] = []  # (last generation that used it, directory)
        self._closed = False

    # --- life cycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._idle = asyncio.Queue()
        self._update_lock = asyncio.Lock()
        futures = [self._loop.run_in_executor(self._threads, self._spawn) for _ in range(self.size)]
        results = await asyncio.gather(*futures, return_exceptions=True)
        for r in results:
            if isinstance(r, _Worker):
                self._workers.add(r)
                self._idle.put_nowait(r)
        errors = [r for r in results if isinstance(r, BaseException)]
        if errors:
            await self.close()
            raise errors[0]

    def _spawn(self) -> _Worker:
        """Start one worker and wait until it has the store open (blocking; runs on a pool thread)."""
        with self._guard.opening():
            generation = self.generation
            parent_conn, child_conn = self._ctx.Pipe()
            process = self._ctx.Process(target=worker_main, name="kg-worker", daemon=True,
                                        args=(child_conn, self.store_path, generation, os.getpid()))
            with self._spawn_lock:
                process.start()
            child_conn.close()
            try:
                ready = parent_conn.poll(SPAWN_TIMEOUT)
                message = parent_conn.recv() if ready else ("failed", f"no answer after {SPAWN_TIMEOUT:g} s")
            except (EOFError, OSError):
                message = ("failed", f"the worker exited at start (exit code {process.exitcode})")
        if message[0] != "ready":
            process.kill()
            process.join(5)
            parent_conn.close()
            from ..errors import StoreError
            raise StoreError(f"a query worker could not start: {message[1].strip()}")
        return _Worker(process, parent_conn, generation)

    async def close(self) -> None:
        self._closed = True
        workers = list(self._workers)
        self._workers.clear()
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(None, w.stop) for w in workers), return_exceptions=True)
        self._threads.shutdown(wait=False, cancel_futures=True)
        for _, path in self._retired:
            shutil.rmtree(path, ignore_errors=True)
        self._retired.clear()

    # --- jobs ---------------------------------------------------------------------------------

    async def call(self, job: dict, timeout: float | None = None):
        """Run ``job`` on the next idle worker, waiting at most ``timeout`` (default: the pool's)
        seconds once it has started."""
        if self._closed:
            raise JobError(503, "the server is shutting down")
        timeout = self.timeout if timeout is None else timeout
        try:
            worker = await asyncio.wait_for(self._idle.get(), self.queue_wait)
        except asyncio.TimeoutError:
            raise JobError(503, f"every query worker stayed busy for {self.queue_wait:g} s; try again later") from None
        if worker not in self._workers:  # killed while idle (cannot happen today; cheap to be sure)
            return await self.call(job, timeout)
        job = dict(job, generation=self.generation)
        future = self._threads.submit(worker.call, job, timeout)
        loop = self._loop
        # Whatever becomes of the waiting request (even if it is cancelled), the worker goes back.
        future.add_done_callback(lambda f: loop.call_soon_threadsafe(self._release, worker, job, f))
        reply = await asyncio.wrap_future(future)
        status = reply[0]
        if status == "ok":
            return reply[1]
        if status == "error":
            raise JobError(reply[1], reply[2])
        if status == "timeout":
            raise JobTimeout(timeout)
        if status == "crash":
            raise WorkerFailed(f"job {job['op']!r} failed in worker {worker.pid}:\n{reply[1]}")
        raise WorkerFailed(f"worker {worker.pid} died during job {job['op']!r} ({reply[1]})")

    def _release(self, worker: _Worker, job: dict, future) -> None:
        reply = None if future.cancelled() or future.exception() else future.result()
        if reply is not None and reply[0] in ("ok", "error", "crash"):
            if job["op"] != "update":
                worker.generation = job["generation"]
            if not self._closed:
                self._idle.put_nowait(worker)
            self._collect_retired()
            return
        # Timed out or died: kill it, and start a replacement in the background.
        self._workers.discard(worker)
        if self._closed:
            self._loop.run_in_executor(None, worker.kill)
            return
        started = time.monotonic()

        def replace():
            worker.kill()
            return self._spawn()

        def done(f):
            self._loop.call_soon_threadsafe(self._add_replacement, f, worker.pid, started)
        self._threads.submit(replace).add_done_callback(done)

    def _add_replacement(self, future, old_pid, started) -> None:
        error = future.exception()
        if error is not None:
            log.error("could not replace query worker %s: %s; retrying in 5 s", old_pid, error)
            if not self._closed:
                def retry():
                    if not self._closed:
                        self._threads.submit(self._spawn).add_done_callback(
                            lambda f: self._loop.call_soon_threadsafe(self._add_replacement, f, old_pid, started))
                self._loop.call_later(5, retry)
            return
        new = future.result()
        if self._closed:
            new.stop()
            return
        self.replaced += 1
        self.last_replacement_s = time.monotonic() - started
        log.info("query worker %s stopped; worker %s took its place in %.2f s", old_pid, new.pid, self.last_replacement_s)
        self._workers.add(new)
        self._idle.put_nowait(new)
        self._collect_retired()

    def _collect_retired(self) -> None:
        """Delete replaced store directories that no live worker has open any more."""
        if not self._retired or not self._workers:
            return
        oldest = min(w.generation for w in self._workers)
        keep = []
        for generation, path in self._retired:
            if generation < oldest:
                shutil.rmtree(path, ignore_errors=True)
            else:
                keep.append((generation, path))
        self._retired = keep

    # --- updates ------------------------------------------------------------------------------

    async def update(self, text: str) -> dict:
        """Apply a SPARQL Update (checked by kg.sparql.guard, again where it runs) to a snapshot of the
        store (for an embedded store a copy, for a server the server itself), commit it, and have the
        workers reopen the store. One at a time, holding the store's lock (no kg build or kg import
        between the copy and the swap)."""
        from ..store import open_store
        loop = asyncio.get_running_loop()
        async with self._update_lock:
            store = await loop.run_in_executor(self._threads, open_store, self.store_path)
            try:
                with store.lock():
                    return await self._update(store, text)
            finally:
                store.close()

    async def _update(self, store, text: str) -> dict:
        loop = asyncio.get_running_loop()
        snapshot = await loop.run_in_executor(self._threads, store.snapshot, "update")
        try:
            # A copy is dropped when its worker is killed at the time limit; a server may finish an
            # update its client gave up on, so there the store's own time limit applies.
            counts = await self.call({"op": "update", "path": snapshot.location, "text": text},
                                     timeout=None if snapshot.stoppable else _NO_LIMIT)
            generation, old = await loop.run_in_executor(self._threads, self._commit, store, snapshot, counts)
        except BaseException as e:
            await loop.run_in_executor(None, snapshot.discard, e)
            raise
        if old is not None:
            self._retired.append((generation, old))
            self._collect_retired()
        return counts

    def _commit(self, store, snapshot, counts: dict) -> tuple[int, Path | None]:
        import datetime as dt
        info = store.info()
        info["updated_at"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        info["updates"] = int(info.get("updates", 0)) + 1
        info["quads"] = counts.get("after")
        with self._guard.swapping():
            old = snapshot.commit(info, keep_old=True)
            generation = self.generation
            self.generation += 1
        return generation, old
