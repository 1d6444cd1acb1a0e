"""Writes destroy nothing they do not own (issue 12): output paths that are not regular files,
staging directories of killed builds and imports, empty builds, reserved graphs."""

from __future__ import annotations

import os
import socket
import stat
import threading

import pytest
from kgtest import run_kg, seed_store, seed_store_dir  # noqa: F401  (fixtures)

from kg.errors import KGError
from kg.export import export, export_file, export_graph
from kg.files import write_atomically

# --- output paths that are not regular files ---------------------------------------------------


@pytest.fixture
def device(tmp_path):
    """``device("full")``: a character device that behaves as /dev/full (or /dev/null). As root, a
    node made in tmp_path with the same numbers, so that a regression replaces a copy and never the
    machine's own device; otherwise the real one, which a non-root process cannot replace."""
    numbers = {"full": (1, 7), "null": (1, 3)}

    def make(name):
        if os.geteuid() != 0:
            return f"/dev/{name}"
        path = tmp_path / name
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(*numbers[name]))
        return str(path)
    return make


def is_char_device(path) -> bool:
    return stat.S_ISCHR(os.lstat(path).st_mode)


def leftovers(directory) -> list[str]:
    """Temporary files a write left beside its target."""
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_export_to_a_full_device_says_so_and_leaves_the_device(seed_store_dir, device, tmp_path):  # noqa: F811
    full = device("full")
    for args in (["export", "-f", "nquads"], ["export", "--graph", "actors", "-f", "graphml"],
                 ["render"]):
        proc = run_kg(*args, "-o", full, "--store", seed_store_dir)
        assert proc.returncode == 2, (args, proc.stderr)
        assert f"error: {full}: No space left on device" in proc.stderr
        assert "Traceback" not in proc.stderr
        assert is_char_device(full)
    assert leftovers(tmp_path) == []


def test_export_to_dev_null_writes_in_place(seed_store_dir, seed_store, device):  # noqa: F811
    null = device("null")
    proc = run_kg("export", "-f", "nquads", "-o", null, "--store", seed_store_dir)
    assert proc.returncode == 0, proc.stderr
    assert f"wrote {null} ({len(export(seed_store, 'nquads'))} bytes)" in proc.stderr  # bytes written, not a size
    proc = run_kg("render", "-o", null, "--store", seed_store_dir)
    assert proc.returncode == 0, proc.stderr
    assert is_char_device(null)


class Reader(threading.Thread):
    """Reads a FIFO to its end, as another process would."""

    def __init__(self, path):
        super().__init__(daemon=True)
        self.path, self.data = path, None
        self.start()

    def run(self):
        with open(self.path, "rb") as fh:
            self.data = fh.read()


def test_a_fifo_is_written_in_place_for_its_reader(seed_store, tmp_path):  # noqa: F811
    import networkx as nx
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = Reader(fifo)
    size = export_file(seed_store, "nquads", fifo)
    reader.join(30)
    assert reader.data == export(seed_store, "nquads") and size == len(reader.data)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    graph = nx.MultiDiGraph(name="g")
    graph.add_edge("a", "b", key="x")
    reader = Reader(fifo)
    export_graph(graph, "graphml", fifo)
    reader.join(30)
    assert reader.data == export_graph(graph, "graphml")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and leftovers(tmp_path) == []


def test_a_symlink_stays_and_the_file_it_points_to_is_replaced(tmp_path):
    real = tmp_path / "real.html"
    real.write_text("old")
    real.chmod(0o600)
    link = tmp_path / "link.html"
    link.symlink_to(real.name)
    write_atomically(link, "new")
    assert link.is_symlink() and os.readlink(link) == real.name
    assert real.read_text() == "new" and stat.S_IMODE(real.stat().st_mode) == 0o600
    dangling = tmp_path / "dangling.html"
    dangling.symlink_to("made.html")
    write_atomically(dangling, "made")
    assert dangling.is_symlink() and (tmp_path / "made.html").read_text() == "made"
    assert leftovers(tmp_path) == []


def test_a_directory_or_socket_is_refused(seed_store, seed_store_dir, tmp_path):  # noqa: F811
    import networkx as nx
    folder = tmp_path / "folder.graphml"
    folder.mkdir()
    with pytest.raises(IsADirectoryError):
        export_graph(nx.MultiDiGraph(), "graphml", folder)
    with pytest.raises(IsADirectoryError):
        export_file(seed_store, "nquads", folder)
    proc = run_kg("export", "--graph", "actors", "-o", folder, "--store", seed_store_dir)
    assert proc.returncode == 2 and f"error: {folder} is a directory" in proc.stderr, proc.stderr
    assert list(folder.iterdir()) == []
    sock_path = tmp_path / "s.trig"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        with pytest.raises(KGError, match="is a socket"):
            export_file(seed_store, "trig", sock_path)
        proc = run_kg("export", "-o", sock_path, "--store", seed_store_dir)
        assert proc.returncode == 2 and f"error: {sock_path} is a socket" in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr and stat.S_ISSOCK(os.lstat(sock_path).st_mode)
    assert leftovers(tmp_path) == []
