"""A throwaway Oxigraph server for the remote-store tests (the ``oxigraph`` package on PyPI ships it).

:class:`OxigraphServer` runs ``oxigraph serve --location DIR --bind 127.0.0.1:PORT`` on a free
loopback port, its database in a temporary directory, and waits until ``/query`` answers. The
server has no authentication: anyone who reaches it can write. By hand::

    python tests/oxigraph_server.py /tmp/ox     # prints the query URL and the pid to stop
    kill -TERM <pid>

It offers what :class:`virtuoso.Virtuoso` offers (``start``, ``stop``, ``kill``, ``sparql_url``,
``clear``), so a test takes either.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from virtuoso import free_port


def binary() -> str | None:
    """The ``oxigraph`` command: beside this Python (the package installs it into the virtualenv's
    bin directory, which need not be on PATH), else on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.is_file() else shutil.which("oxigraph")


def available() -> bool:
    return binary() is not None


class OxigraphServer:
    """One Oxigraph server on a loopback port, its database in ``directory``."""

    kind = "oxigraph"

    def __init__(self, directory, *, port: int | None = None, union_default_graph: bool = False):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.union_default_graph = union_default_graph
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def sparql_url(self) -> str:
        return f"{self.base_url}/query"

    @property
    def log(self) -> str:
        try:
            return (self.directory / "server.log").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def start(self, timeout: float = 60) -> OxigraphServer:
        if self.process and self.process.poll() is None:
            return self
        command = [binary(), "serve", "--location", str(self.directory / "db"), "--bind", f"127.0.0.1:{self.port}"]
        if self.union_default_graph:
            command.append("--union-default-graph")
        out = open(self.directory / "server.log", "ab")
        self.process = subprocess.Popen(command, cwd=self.directory, stdout=out, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, start_new_session=True)
        out.close()
        deadline = time.monotonic() + timeout
        probe = self.sparql_url + "?query=" + urllib.parse.quote("ASK {}")
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"oxigraph exited with {self.process.returncode}:\n{self.log[-3000:]}")
            try:
                with urllib.request.urlopen(probe, timeout=2) as r:
                    if r.status == 200:
                        return self
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"oxigraph did not answer on {self.sparql_url} within {timeout:g} s:\n{self.log[-3000:]}")

    def stop(self, timeout: float = 30) -> None:
        """Stop the server (SIGTERM, then SIGKILL if it lingers)."""
        p, self.process = self.process, None
        if p is None or p.poll() is not None:
            return
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait(10)

    def kill(self) -> None:
        """Stop the server at once (SIGKILL): what a crash looks like to a client."""
        p, self.process = self.process, None
        if p is not None and p.poll() is None:
            p.kill()
            p.wait(10)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def update(self, sparql: str) -> None:
        request = urllib.request.Request(f"{self.base_url}/update", data=sparql.encode("utf-8"), method="POST",
                                         headers={"Content-Type": "application/sparql-update"})
        with urllib.request.urlopen(request, timeout=60):
            pass

    def clear(self, prefix: str | None = None) -> None:
        """Drop every graph the tests may have written (everything under the kg graph namespace), or
        those whose IRI starts with ``prefix``."""
        from kg.namespaces import GRAPH
        self.update(f'DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
                    f'FILTER(STRSTARTS(STR(?g), "{prefix or GRAPH}")) }}')

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


if __name__ == "__main__":  # pragma: no cover - manual use
    import tempfile
    server = OxigraphServer(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="kg-oxigraph-"))
    server.start()
    print(f"oxigraph pid {server.process.pid}: {server.sparql_url} (database in {server.directory})")
    print(f"stop it with: kill -TERM {server.process.pid}")
    os._exit(0)
