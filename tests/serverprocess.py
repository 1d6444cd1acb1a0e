"""What the test servers share (tests/virtuoso.py, tests/oxigraph_server.py): a server in a process
of its own, on free loopback ports, started and waited for until its SPARQL endpoint answers,
stopped with SIGTERM (SIGKILL if it lingers) or killed as a crash would."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    """A subclass sets ``directory`` and says ``name`` (for messages), ``command()``, ``sparql_url``,
    ``stdout_name`` (where the process's output goes, in ``directory``) and ``log_name`` (the log to
    show when it fails to start)."""

    name = "server"
    stdout_name = log_name = "server.log"
    poll_interval = 0.1
    process: subprocess.Popen | None = None
    directory: Path

    def command(self) -> list[str]:
        raise NotImplementedError

    @property
    def sparql_url(self) -> str:
        raise NotImplementedError

    @property
    def log(self) -> str:
        try:
            return (self.directory / self.log_name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def start(self, timeout: float = 60):
        if self.running:
            return self
        with open(self.directory / self.stdout_name, "ab") as out:
            self.process = subprocess.Popen(self.command(), cwd=self.directory, stdout=out, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + timeout
        probe = self.sparql_url + "?query=" + urllib.parse.quote("ASK {}")
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}:\n{self.log[-3000:]}")
            try:
                with urllib.request.urlopen(probe, timeout=2) as r:
                    if r.status == 200:
                        return self
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(self.poll_interval)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer on {self.sparql_url} within {timeout:g} s:\n{self.log[-3000:]}")

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

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
