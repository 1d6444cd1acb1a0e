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
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from serverprocess import ServerProcess, free_port


def binary() -> str | None:
    """The ``oxigraph`` command: beside this Python (the package installs it into the virtualenv's
    bin directory, which need not be on PATH), else on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.is_file() else shutil.which("oxigraph")


def available() -> bool:
    return binary() is not None


class OxigraphServer(ServerProcess):
    """One Oxigraph server on a loopback port, its database in ``directory``."""

    kind = name = "oxigraph"

    def __init__(self, directory, *, port: int | None = None, union_default_graph: bool = False):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.union_default_graph = union_default_graph

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def sparql_url(self) -> str:
        return f"{self.base_url}/query"

    def command(self) -> list[str]:
        command = [binary(), "serve", "--location", str(self.directory / "db"), "--bind", f"127.0.0.1:{self.port}"]
        return command + ["--union-default-graph"] if self.union_default_graph else command

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



if __name__ == "__main__":  # pragma: no cover - manual use
    import tempfile
    server = OxigraphServer(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="kg-oxigraph-"))
    server.start()
    print(f"oxigraph pid {server.process.pid}: {server.sparql_url} (database in {server.directory})")
    print(f"stop it with: kill -TERM {server.process.pid}")
    os._exit(0)
