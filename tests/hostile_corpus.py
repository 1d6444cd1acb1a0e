"""The hostile corpus's harness (issue 12): each case is data, run against the real ``kg``.

A :class:`Case` is one ``python -m kg ...`` run: the files it writes into a fresh directory (the
child's working directory, with a copy of the seed store at ``./store``), the arguments, and what
must hold. Every case is checked for the same promises:

- the exit code (0 ok, 1 bad data, 2 bad request, 3 timeout), never a death by signal;
- a message naming the file and line, where the input has lines;
- no traceback, no interpreter crash, a message of bounded size;
- the directory byte-identical afterwards (store, inputs, no files left behind), unless the
  case expects a change;
- zero connections to a loopback listener that the hostile input points at (``@PORT@`` in a
  file or an argument stands for its port);
- bounded memory: the child runs under an address-space limit (:data:`ADDRESS_SPACE`), and its
  peak resident size stays under :data:`RSS_BOUND`. The peak is the child's VmHWM, read while it
  runs: its ``ru_maxrss`` (``os.wait4``) is useless here, since Linux counts the parent's resident
  size at the fork into it (the exec keeps the old image's high-water mark), so late in a test
  session every child seemed to peak at pytest's 1.8 GB.

An :class:`HttpCase` is one request to a running ``kg serve`` (:class:`LimitedServer`, under the
same address-space limit), checked for its status, no traceback in the answer or the server's
log, zero connections, the server's store unchanged, the server alive and answering /health.

A test module lists its cases and parametrizes one test over them; the module's fixture runs the
selected CLI cases a few at a time in parallel (:func:`run_cases`), and each test then checks its
own outcome, so a failure names its case.

Large or deep inputs are generated in code (a callable taking the listener's port), never
checked in. Cases that take seconds are marked ``slow`` (``pytest -m "not slow"`` skips them).
"""

from __future__ import annotations

import concurrent.futures
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import httpx
import pytest
from kgtest import Listener, tree_digest

ADDRESS_SPACE = 1 << 30  # RLIMIT_AS of every child: 1 GiB (kg build --seed and queries run well within it)
RSS_BOUND = 768 << 20  # peak resident memory any one case may use (normal runs: ~60 MB; 200k bad items: ~500 MB)
MAX_MESSAGE = 100_000  # characters of stderr: an error listing is capped, a huge input is not echoed
PARALLEL = 3  # CLI cases run at the same time (a 2-core machine: each is mostly waiting or starting)
CRASH_MARKS = ("Traceback (most recent call last)", "Segmentation fault", "Fatal Python error",
               "MemoryError", "RecursionError", "core dumped")
# glibc reserves 64 MB of address space for each thread's malloc arena: uncapped, a kg import with
# RocksDB's threads reserved ~770 MB while using ~55 MB, and the limit would measure reservations,
# not use (one such run died at random). Two arenas keep the limit about memory really used.
CHILD_ENV = {"MALLOC_ARENA_MAX": "2"}
ANY_LINE = "any line"  # a Case.where line: the message names the file and some line


def limit_memory():  # preexec_fn of every child
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def fill(value, port: int):
    """A case's content with ``@PORT@`` replaced; a callable is called with the port."""
    if callable(value):
        value = value(port)
    if isinstance(value, str):
        return value.replace("@PORT@", str(port))
    if isinstance(value, bytes):
        return value.replace(b"@PORT@", str(port).encode())
    return value


# --- command-line cases -------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    """One hostile run of ``kg``. ``where`` is (file name, line): line an int, :data:`ANY_LINE`, or
    None when the message need only name the file. ``says`` is a regular expression the output
    (stderr, then stdout) must match, case-insensitively."""
    id: str
    args: tuple
    files: dict = field(default_factory=dict)  # name -> str | bytes | callable(port)
    exit: int | tuple = 1
    where: tuple | None = None
    says: str | None = None
    stdin: object = None  # str | bytes | callable(port)
    store: bool = True  # a copy of the seed store at ./store
    unchanged: bool = True  # the directory, store included, is byte-identical afterwards
    slow: bool = False
    timeout: float = 90
    setup: Callable | None = None  # setup(directory) after the files are written
    check: Callable | None = None  # check(directory, outcome): extra assertions
    env: dict = field(default_factory=dict)


@dataclass
class Outcome:
    returncode: int | None
    stdout: str
    stderr: str
    max_rss: int  # bytes
    connections: int
    before: str
    after: str
    seconds: float
    directory: Path
    timed_out: bool = False


def params(cases):
    """pytest parameters for ``cases`` (Case or HttpCase), slow ones marked, ids from the cases."""
    return [pytest.param(c, id=c.id, marks=[pytest.mark.slow] if c.slow else []) for c in cases]


def selected(request, cases) -> list:
    """The cases of ``cases`` that this session will run (after -k, -m and node-id selection)."""
    chosen = set()
    for item in request.session.items:
        case = getattr(item, "callspec", None) and item.callspec.params.get("case")
        if isinstance(case, Case) and any(case is c for c in cases):
            chosen.add(case.id)
    return [c for c in cases if c.id in chosen]


def run_cases(cases, seed_store: Path, base: Path) -> dict[str, Outcome]:
    """Run ``cases`` a few at a time (slow ones first, so they overlap the rest)."""
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    order = sorted(cases, key=lambda c: not c.slow)
    with concurrent.futures.ThreadPoolExecutor(PARALLEL) as pool:
        futures = {c.id: pool.submit(run_case, c, seed_store, base) for c in order}
        return {i: f.result() for i, f in futures.items()}


def run_case(case: Case, seed_store: Path, base: Path) -> Outcome:
    directory = base / case.id
    directory.mkdir(parents=True)
    listener = Listener()
    try:
        port = listener.port
        for name, content in case.files.items():
            data = fill(content, port)
            path = directory / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        if case.store:
            shutil.copytree(seed_store, directory / "store")
        if case.setup:
            case.setup(directory)
        before = tree_digest(directory)
        args = [fill(str(a), port) for a in case.args]
        stdin = fill(case.stdin, port) if case.stdin is not None else None
        code, out, err, rss, seconds, timed_out = run_limited(
            args, directory, base / f"{case.id}.io", stdin, case.timeout, case.env)
        after = tree_digest(directory)
    finally:
        listener.close()
    return Outcome(code, out, err, rss, listener.connections, before, after, seconds, directory, timed_out)


def run_limited(args, cwd: Path, io_stem: Path, stdin, timeout: float, env=None):
    """``python -m kg *args`` under the address-space limit; returns (exit code, stdout, stderr,
    peak resident size in bytes, seconds, timed out). The child gets its own session so that a hung one is
    stopped with everything it started."""
    out_path, err_path, in_path = (io_stem.with_suffix(s) for s in (".out", ".err", ".in"))
    in_path.write_bytes(stdin.encode("utf-8") if isinstance(stdin, str) else (stdin or b""))
    child_env = dict(os.environ, **CHILD_ENV, **(env or {}))
    started = time.monotonic()
    with open(in_path, "rb") as fin, open(out_path, "wb") as fout, open(err_path, "wb") as ferr:
        proc = subprocess.Popen([sys.executable, "-m", "kg", *args], cwd=cwd, stdin=fin, stdout=fout, stderr=ferr,
                                env=child_env, preexec_fn=limit_memory, start_new_session=True)
    timed_out = False
    deadline = started + timeout
    peak = 0
    while True:
        pid, status = os.waitpid(proc.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, peak_rss(proc.pid))
        if time.monotonic() > deadline:
            timed_out = True
            os.killpg(proc.pid, signal.SIGKILL)
            pid, status = os.waitpid(proc.pid, 0)
            break
        time.sleep(0.01)
    proc.returncode = code = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
    seconds = time.monotonic() - started
    read = lambda p: p.read_bytes().decode("utf-8", "replace")  # noqa: E731
    return code, read(out_path), read(err_path), peak, seconds, timed_out


def peak_rss(pid: int) -> int:
    """The peak resident size (VmHWM) of a live process, in bytes; 0 once it has exited."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    m = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    return int(m.group(1)) * 1024 if m else 0


def where_pattern(name: str, line) -> str:
    if line is None:
        return re.escape(name)
    if line == ANY_LINE:
        return re.escape(name) + r":\d+"
    return re.escape(f"{name}:{line}") + r"\b"


def check(case: Case, out: Outcome) -> None:
    """Assert every promise of the corpus for one CLI case."""
    tail = f"\n--- stderr (last 3000) ---\n{out.stderr[-3000:]}\n--- stdout (last 1000) ---\n{out.stdout[-1000:]}"
    assert not out.timed_out, f"still running after {case.timeout:g} s (killed){tail}"
    assert out.returncode >= 0, f"killed by signal {-out.returncode}: a crash{tail}"
    for mark in CRASH_MARKS:
        assert mark not in out.stderr and mark not in out.stdout, f"{mark!r} in the output{tail}"
    expected = case.exit if isinstance(case.exit, tuple) else (case.exit,)
    assert out.returncode in expected, f"exit code {out.returncode}, expected {' or '.join(map(str, expected))}{tail}"
    assert out.connections == 0, f"{out.connections} connection(s) to the loopback listener{tail}"
    assert out.max_rss < RSS_BOUND, f"peak memory {out.max_rss >> 20} MiB, bound {RSS_BOUND >> 20} MiB{tail}"
    assert len(out.stderr) < MAX_MESSAGE, f"{len(out.stderr)} characters of messages: not bounded{tail}"
    if case.where and out.returncode != 0:
        name, line = case.where
        pattern = where_pattern(name, line)
        assert re.search(pattern, out.stderr), f"the message does not name {name}" \
            + ("" if line is None else f" and line {line}") + tail
    if case.says:
        assert re.search(case.says, out.stderr + out.stdout, re.I), f"the output does not say /{case.says}/{tail}"
    if case.unchanged:
        assert out.after == out.before, f"the store or the files around it changed{tail}"
    if case.check:
        case.check(out.directory, out)


# --- kg serve ---------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LimitedServer:
    """``kg serve`` on a free loopback port, under the address-space limit (its query workers
    inherit it); its log goes to a file, read in slices to tie log lines to the case that caused them."""

    def __init__(self, store: Path, log_path: Path, *args, env=None):
        self.store = store
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self._log = open(log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(self.port), *map(str, args)],
            stdout=self._log, stderr=subprocess.STDOUT, env=dict(os.environ, **CHILD_ENV, **(env or {})),
            preexec_fn=limit_memory, cwd=log_path.parent)  # not the checkout: `python -m` puts the cwd on sys.path

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"kg serve exited with {self.proc.returncode}:\n{self.log()}")
            if self.healthy():
                return
            time.sleep(0.1)
        pytest.fail(f"kg serve did not answer /health within {timeout} s:\n{self.log()}")

    def healthy(self) -> bool:
        try:
            return httpx.get(self.url + "/health", timeout=10).status_code == 200
        except httpx.HTTPError:
            return False

    def log(self, since: int = 0) -> str:
        return self.log_path.read_bytes()[since:].decode("utf-8", "replace")

    def log_size(self) -> int:
        return self.log_path.stat().st_size

    def peak_memory(self) -> int:
        """The largest peak resident size (VmHWM) among the server and its live workers, in bytes."""
        pids = [self.proc.pid]
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.proc.pid:
                pids.append(int(stat.parent.name))
        return max(peak_rss(pid) for pid in pids)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
        self._log.close()


@dataclass(frozen=True)
class HttpCase:
    """One hostile request. ``params`` go in the query string (a list of pairs, so a name may
    repeat); ``body`` is bytes, text (sent as UTF-8) or a dict (a form, URL-encoded as UTF-8), any
    of them a callable taking the listener's port. ``send`` replaces the request altogether: a
    callable (server, port) returning (status, body text) for what httpx cannot do (a client
    that hangs up). ``status`` may be a tuple of acceptable statuses."""
    id: str
    method: str = "GET"
    path: str = "/sparql"
    params: object = ()
    body: object = None
    content_type: str | None = None
    headers: dict = field(default_factory=dict)
    status: int | tuple = 400
    says: str | None = None
    server: str = "main"
    token: bool = False  # send the update server's token
    send: Callable | None = None
    slow: bool = False


def send_http(case: HttpCase, server: LimitedServer, port: int, token: str | None):
    """Send ``case`` to ``server``; returns (status, text of the answer)."""
    if case.send is not None:
        return case.send(server, port)
    params = [(k, fill(v, port)) for k, v in fill(case.params, port)] if case.params else None
    body = fill(case.body, port) if case.body is not None else None
    if isinstance(body, dict):
        from urllib.parse import urlencode
        body = urlencode({k: fill(v, port) for k, v in body.items()}).encode("ascii")
    elif isinstance(body, str):
        body = body.encode("utf-8")
    headers = {k: fill(v, port) for k, v in case.headers.items()}
    if case.content_type is not None:
        headers["Content-Type"] = case.content_type
    if case.token and token:
        headers["Authorization"] = f"Bearer {token}"
    r = httpx.request(case.method, server.url + case.path, params=params, content=body, headers=headers, timeout=120)
    return r.status_code, r.text


def check_http(case: HttpCase, server: LimitedServer, listener: Listener, token: str | None = None) -> None:
    """Send ``case`` and assert every promise of the corpus for it."""
    before_store = tree_digest(server.store)
    before_connections = listener.connections
    log_from = server.log_size()
    status, text = send_http(case, server, listener.port, token)
    time.sleep(0.05)  # let the server finish logging what the request caused
    log = server.log(log_from)
    tail = f"\n--- answer (first 2000) ---\n{text[:2000]}\n--- server log ---\n{log[-4000:]}"
    expected = case.status if isinstance(case.status, tuple) else (case.status,)
    assert status in expected, f"HTTP {status}, expected {' or '.join(map(str, expected))}{tail}"
    assert "Traceback" not in text, f"a traceback in the answer{tail}"
    assert listener.connections == before_connections, \
        f"{listener.connections - before_connections} connection(s) to the loopback listener{tail}"
    if case.says:
        assert re.search(case.says, text, re.I), f"the answer does not say /{case.says}/{tail}"
    assert server.proc.poll() is None, f"kg serve died (exit {server.proc.returncode}){tail}"
    assert server.healthy(), f"kg serve no longer answers /health{tail}"
    log = server.log(log_from)
    assert "Traceback" not in log and "unexpected error" not in log, f"the server logged a traceback{tail}"
    assert tree_digest(server.store) == before_store, f"the server's store changed{tail}"
    peak = server.peak_memory()
    assert peak < RSS_BOUND, f"the server or a worker peaked at {peak >> 20} MiB, bound {RSS_BOUND >> 20} MiB{tail}"


# --- hostile SPARQL, shared by `kg query` and `kg serve` cases ------------------------------------

S = "<http://127.0.0.1:@PORT@/sparql>"  # the listener, as a SERVICE endpoint
ANY = "{ ?s ?p ?o }"

# Queries that reach the listener if the guard lets them through (each must be refused).
REMOTE_QUERIES = {
    # the three bypasses of issue 12, exactly
    "dot-before-service": "PREFIX x: <http://www.w3.org/2002/07/owl#Class> SELECT * WHERE { ?c a x:.SERVICE " + S
                          + " { ?s ?p ?o } }",
    "escaped-quote-comment": "SELECT * WHERE { { ?x mkg:a\\' ?y } UNION { SERVICE " + S + " { ?s ?p ?o } } } #'",
    "from-fragment": "SELECT * FROM <http://127.0.0.1:@PORT@/g#x> WHERE { ?s ?p ?o }",
    # variations
    "service-plain": "SELECT * WHERE { SERVICE " + S + f" {ANY} }}",
    "service-silent": "SELECT * WHERE { SERVICE SILENT " + S + f" {ANY} }}",
    "service-lowercase": "select * where { service " + S + f" {ANY} }}",
    "service-mixed-case": "SeLeCt * WhErE { sErViCe " + S + f" {ANY} }}",
    "service-in-filter-exists": "SELECT * WHERE { ?a ?b ?c FILTER EXISTS { SERVICE " + S + f" {ANY} }} }}",
    "service-in-filter-not-exists": "SELECT * WHERE { ?a ?b ?c FILTER NOT EXISTS { SERVICE " + S + f" {ANY} }} }}",
    "service-in-bind-exists": "SELECT * WHERE { BIND(EXISTS { SERVICE " + S + f" {ANY} }} AS ?e) }}",
    "service-in-subquery": "SELECT * WHERE { { SELECT * WHERE { SERVICE " + S + f" {ANY} }} }} }}",
    "service-in-optional": "SELECT * WHERE { ?a ?b ?c OPTIONAL { SERVICE " + S + f" {ANY} }} }}",
    "service-in-minus": "SELECT * WHERE { ?a ?b ?c MINUS { SERVICE " + S + f" {ANY} }} }}",
    "service-in-graph": "SELECT * WHERE { GRAPH ?g { SERVICE " + S + f" {ANY} }} }}",
    "service-in-construct": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE " + S + f" {ANY} }}",
    "service-in-ask": "ASK { SERVICE " + S + f" {ANY} }}",
    "service-in-describe": "DESCRIBE ?s WHERE { SERVICE " + S + f" {ANY} }}",
    "service-unicode-escape-keyword": "SELECT * WHERE { \\u0053ERVICE " + S + f" {ANY} }}",
    "service-unicode-escape-middle": "SELECT * WHERE { SERV\\u0049CE " + S + f" {ANY} }}",
    "service-unicode-escape-iri": "SELECT * WHERE { SERVICE <http\\u003A//127.0.0.1:@PORT@/sparql> " + ANY + " }",
    "service-long-unicode-escape": "SELECT * WHERE { \\U00000053ERVICE " + S + f" {ANY} }}",
    "service-comment-between": "SELECT * WHERE { SERVICE#x\n" + S + "#y\n" + ANY + " }",
    "service-odd-whitespace": "SELECT * WHERE {\tSERVICE\r\n\f" + S + "\t" + ANY + " }",
    "service-no-space": "SELECT * WHERE {SERVICE" + S + ANY + "}",
    "service-relative-iri": "BASE <http://127.0.0.1:@PORT@/> SELECT * WHERE { SERVICE <sparql> " + ANY + " }",
    "service-prefixed-name": "PREFIX r: <http://127.0.0.1:@PORT@/> SELECT * WHERE { SERVICE r:sparql " + ANY + " }",
    "service-empty-prefix": "PREFIX : <http://127.0.0.1:@PORT@/> SELECT * WHERE { SERVICE :sparql " + ANY + " }",
    "service-variable-values": "SELECT * WHERE { VALUES ?u { " + S + " } SERVICE ?u " + ANY + " }",
    "service-variable-bind": "SELECT * WHERE { BIND(IRI(\"http://127.0.0.1:@PORT@/sparql\") AS ?u) SERVICE ?u "
                             + ANY + " }",
    "service-after-string": "SELECT * WHERE { BIND(\"\\\"\" AS ?q) SERVICE " + S + " " + ANY + " }",
    "service-after-long-string": "SELECT * WHERE { BIND('''a'b''' AS ?q) SERVICE " + S + " " + ANY + " }",
    "service-after-iri-with-hash": "SELECT * WHERE { ?s <http://example.org/#> ?o . SERVICE " + S + " " + ANY + " }",
    "service-after-variable-dollar": "SELECT * WHERE { $s ?p $o SERVICE " + S + " " + ANY + " }",
    "escaped-quote-variation": "SELECT * WHERE { ?x mkg:a\\\" ?y . SERVICE " + S + " " + ANY + " } #\"",
    "escaped-quote-in-subquery": "SELECT * WHERE { { SELECT * WHERE { ?x mkg:b\\' ?y } } SERVICE " + S + " " + ANY
                                 + " } #'",
    "dot-prefix-variation": "PREFIX x: <http://example.org/> SELECT * WHERE { ?c ?p x:.SERVICE " + S + " " + ANY + " }",
    "from-plain": "SELECT * FROM <http://127.0.0.1:@PORT@/g> WHERE { ?s ?p ?o }",
    "from-named-fragment": "SELECT * FROM NAMED <http://127.0.0.1:@PORT@/g#x> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "from-prefixed": "PREFIX r: <http://127.0.0.1:@PORT@/> SELECT * FROM r:g WHERE { ?s ?p ?o }",
    "from-relative": "BASE <http://127.0.0.1:@PORT@/> SELECT * FROM <g> WHERE { ?s ?p ?o }",
    "from-unicode-escape": "SELECT * FROM <http\\u003A//127.0.0.1:@PORT@/g> WHERE { ?s ?p ?o }",
    "from-lowercase-comment": "select * from#c\n<http://127.0.0.1:@PORT@/g> where { ?s ?p ?o }",
    "from-in-construct": "CONSTRUCT { ?s ?p ?o } FROM <http://127.0.0.1:@PORT@/g#x> WHERE { ?s ?p ?o }",
    "load-as-query": "LOAD <http://127.0.0.1:@PORT@/data.ttl>",
    "load-hidden-by-quote": "INSERT DATA { mkg:a\\' mkg:b mkg:c } ; LOAD <http://127.0.0.1:@PORT@/data.ttl> #'",
}

# Updates that reach the listener if the guard lets them through (sent with a valid token).
REMOTE_UPDATES = {
    "load-hidden-by-quote": "INSERT DATA { mkg:a\\' mkg:b mkg:c } ; LOAD <http://127.0.0.1:@PORT@/data.ttl> #'",
    "load-plain": "LOAD <http://127.0.0.1:@PORT@/data.ttl>",
    "load-silent-into-graph": "LOAD SILENT <http://127.0.0.1:@PORT@/data.ttl> INTO GRAPH <http://example.org/g>",
    "load-lowercase-comment": "load#c\n<http://127.0.0.1:@PORT@/data.ttl>",
    "load-unicode-escape": "\\u004cOAD <http://127.0.0.1:@PORT@/data.ttl>",
    "load-relative": "BASE <http://127.0.0.1:@PORT@/> LOAD <data.ttl>",
    "load-after-clear": "CLEAR ALL ; LOAD <http://127.0.0.1:@PORT@/data.ttl>",
    "service-in-insert-where": "INSERT { ?s ?p ?o } WHERE { SERVICE " + S + " " + ANY + " }",
    "service-dot-in-delete-where": "PREFIX x: <http://example.org/> DELETE { ?c ?p ?o } WHERE { ?c ?p x:.SERVICE " + S
                                   + " " + ANY + " }",
    "using-unknown-graph": "INSERT { ?s ?p ?o } USING <http://127.0.0.1:@PORT@/g#x> WHERE { ?s ?p ?o }",
    "service-hidden-by-quote": "INSERT { ?s ?p ?o } WHERE { { ?x mkg:a\\' ?y } UNION { SERVICE " + S + " " + ANY
                               + " } } #'",
}


def deep_parentheses(n=5000):
    return lambda port: "SELECT * WHERE { FILTER(" + "(" * n + "1" + ")" * n + ") }"


def deep_braces(n=50_000):
    return lambda port: "SELECT * WHERE " + "{" * n + "}" * n


def deep_subselects(n=5000):
    return lambda port: "SELECT * WHERE { " + "{ SELECT * WHERE " * n + "{ ?s ?p ?o }" + " }" * n + " }"


def many_unions(n=80_000):
    return lambda port: "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * n) + " }"


def deep_optionals(n=20_000):
    return lambda port: "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * n + "}" * n + " }"


def deep_blank_nodes(n=50_000):
    return lambda port: "SELECT * WHERE { ?s ?p " + "[ ?p " * n + "?o" + " ]" * n + " }"


def deep_path(n=20_000):
    return lambda port: "SELECT * WHERE { ?s " + "(" * n + "rdfs:label" + ")" * n + " ?o }"


def deep_functions(n=5000):
    return lambda port: "SELECT (" + "STR(" * n + "1" + ")" * n + " AS ?x) WHERE {}"


def many_negations(n=200_000):
    return lambda port: "ASK { FILTER(" + "!" * n + "true) }"


def deep_update_braces(n=50_000):
    return lambda port: "INSERT { ?s ?p ?o } WHERE " + "{" * n + "}" * n


# Queries that would crash or exhaust an unguarded engine: refused as bad requests.
DEEP_QUERIES = {
    "parentheses-5000": deep_parentheses(),
    "braces-50k": deep_braces(),
    "subselects-5000": deep_subselects(),
    "unions-80k": many_unions(),
    "optionals-20k": deep_optionals(),
    "blank-nodes-50k": deep_blank_nodes(),
    "path-parentheses-20k": deep_path(),
    "functions-5000": deep_functions(),
    "negations-200k": many_negations(),
}
