"""Shared fixtures and helpers for the kg tests (import the fixtures you use)."""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kg.build import build, build_memory
from kg.data import demo_excerpts, seed_path

HERE = Path(__file__).parent
BROKEN = HERE / "data" / "broken"


@pytest.fixture(scope="session")
def seed_store():
    """The seed scenario, built and validated, in memory."""
    return build_memory([seed_path()])


@pytest.fixture(scope="session")
def seed_store_dir(tmp_path_factory):
    """The seed scenario built into an on-disk store; returns its path."""
    path = tmp_path_factory.mktemp("store") / "kg-store"
    build([seed_path()], path)
    return path


@pytest.fixture(scope="session")
def seed_with_data_store(tmp_path_factory):
    """The seed with the real PA-X and UCDP GED excerpts ``kg demo --with-data`` imports over it
    (kg.data.demo_excerpts), opened read-only: the same conflict through three sources."""
    from kg.importers import import_file
    from kg.store import open_store
    path = tmp_path_factory.mktemp("store") / "kg-store"
    build([seed_path()], path)
    for kind, excerpt in demo_excerpts():
        import_file(kind, excerpt, path)
    with open_store(path) as store:
        yield store


@pytest.fixture(name="store")
def seed_store_copy(seed_store_dir, tmp_path):
    """A fresh copy of the seed store, for one test to change (import into, rebuild)."""
    import shutil
    path = tmp_path / "kg-store"
    shutil.copytree(seed_store_dir, path)
    return path


def under_hash_seeds(code: str, seeds=("1", "2")) -> list[str]:
    """What ``python -c code`` prints under each PYTHONHASHSEED: equal outputs show that a result
    does not depend on the order of sets and dicts keyed by strings."""
    return [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env=dict(os.environ, PYTHONHASHSEED=seed)).stdout for seed in seeds]


def tree_digest(path: Path) -> str:
    """A digest of every file name and byte under ``path``: equal digests, identical trees."""
    h = hashlib.sha256()
    for f in sorted(p for p in Path(path).rglob("*") if p.is_file()):
        h.update(str(f.relative_to(path)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def run_kg(*args, cwd=None, input=None, env=None, process: bool = False) -> subprocess.CompletedProcess:
    """Run the ``kg`` command as a user would: its entry point (:func:`kg.cli.main`, which turns
    errors into a message and an exit code) with its own stdin, stdout, stderr, environment and
    working directory, in this process (click's CliRunner isolation): what the command prints and
    the exit code are the same as from a shell, without a new interpreter per call. ``process``
    runs the installed command in a subprocess instead, for what only a real process shows (a
    crash, a signal, memory, an import that must not happen)."""
    if process:
        full_env = dict(os.environ, **(env or {}))
        return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], cwd=cwd, input=input,
                              capture_output=True, text=True, env=full_env, timeout=300)
    from click.testing import CliRunner

    from kg.cli import main
    argv = [str(a) for a in args]
    runner = CliRunner()
    code = 0
    here = os.getcwd()
    with runner.isolation(input=input, env=env) as (out, err, _):
        try:
            if cwd is not None:
                os.chdir(cwd)
            main(argv)
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        finally:
            os.chdir(here)
        stdout, stderr = out.getvalue().decode("utf-8", "replace"), err.getvalue().decode("utf-8", "replace")
    return subprocess.CompletedProcess(["kg", *argv], code, stdout, stderr)


def rows(result, *columns):
    """The result's rows as tuples of Python values for ``columns`` (labels, numbers, dates...)."""
    return [tuple(rec[c] for c in columns) for rec in result.records()]


class Listener:
    """A loopback TCP listener that counts connection attempts (to prove nothing was fetched)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()
