"""An embedded store's directory: its record (``KG-STORE.json``), its write lock, and the atomic
swap that replaces it only when a build, an import or an update succeeded.

Builds never write into a live store: :func:`replace_store` loads into a new directory next to
it and swaps it in only when everything succeeded, so a failed build leaves the old store
exactly as it was, byte for byte. Staging left by a killed process is cleaned by the next writer
(:func:`clean_staging`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import traceback
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from ..errors import StoreError

MARKER = "KG-STORE.json"


@contextmanager
def store_lock(location: str | os.PathLike):
    """Hold the store's write lock while replacing the store at ``location`` (``kg build``,
    ``kg import``): one such process at a time. An exclusive ``flock`` on the sibling file
    ``.NAME.lock``, deleted on release while still held; a process that locked the file just as
    another deleted it sees that the path no longer leads to its file and locks the new one
    instead, so two processes never both hold the lock. Raises StoreError if another holds it.

    Once it holds the lock, it puts back a store whose swap was interrupted and deletes what
    killed predecessors left beside the store (:func:`clean_staging`)."""
    path = Path(location).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.parent / f".{path.name}.lock"
    while True:
        handle = open(lock, "a")  # noqa: SIM115 (closed below)
        try:
            held = _lock_handle(handle, lock)
        except BaseException:
            handle.close()
            raise
        if held:
            break
        handle.close()  # a file deleted by the process that let go: lock the current one
    try:
        _recover(path)
        clean_staging(path)
        yield
    finally:
        lock.unlink(missing_ok=True)  # before letting go, so whoever locks this file next sees it gone
        handle.close()


def _lock_handle(handle, lock: Path) -> bool:
    """Lock the open file ``handle`` (of ``lock``); False when the lock is worthless because ``lock``
    was deleted (or replaced) between the open and the lock. StoreError if another process holds it."""
    import fcntl
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        raise StoreError(f"another kg build or kg import is writing to {lock.parent / lock.name[1:-5]}; "
                         "try again when it has finished") from None
    try:
        now = os.stat(lock)
    except FileNotFoundError:
        return False
    mine = os.fstat(handle.fileno())
    return (now.st_dev, now.st_ino) == (mine.st_dev, mine.st_ino)


def store_info(location) -> dict:
    """The record of the store at ``location`` ({} when there is none, or it cannot be read)."""
    path = Path(location)
    try:
        return json.loads((path / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_info(directory: str | os.PathLike, info: dict) -> None:
    """Write the record ``info`` into the store ``directory``: beside it first, then renamed over it,
    so the record is whole or as it was. In a directory being built, the record says it is complete."""
    marker = Path(directory) / MARKER
    partial = marker.with_name(MARKER + ".tmp")
    partial.write_text(json.dumps(info, indent=2, sort_keys=True), encoding="utf-8")
    os.replace(partial, marker)


def replace_store(location: str | os.PathLike, quads, info: dict, *, check=None, then=(), finish=None) -> None:
    """Atomically replace the store at ``location`` with one holding ``quads`` (pyoxigraph Quads).

    ``check``, if given, is called with the new store (a ``pyoxigraph.Store``) once ``quads`` are
    in it and before ``then`` (more quads) is added; whatever it raises leaves the old store as it
    was. ``kg build`` validates there, so a large build is never held in memory to be validated.
    ``finish``, if given, is called with the new store once all of it is in (to add what kg derives
    from it), before it takes the old one's place."""
    path = Path(location).resolve()  # "." has no name to put a sibling beside
    _recover(path)
    if path.exists() and not (path / MARKER).is_file():
        if not path.is_dir() or any(path.iterdir()):
            raise StoreError(f"{path} exists and is not a mediation-kg store; refusing to replace it")
    parent = path.parent
    parent.mkdir(parents=True, exist_ok=True)
    new = parent / f".{path.name}.new-{os.getpid()}"
    old = parent / f".{path.name}.old-{os.getpid()}"
    shutil.rmtree(new, ignore_errors=True)
    store = None
    try:
        store = ox.Store(str(new))
        store.bulk_extend(quads)
        if check is not None:
            store.flush()
            check(store)
        store.bulk_extend(then)
        if finish is not None:
            finish(store)
        store.flush()
        store.optimize()
        store = None  # closed before the marker says it is complete
        write_info(new, info)
    except BaseException as e:
        store = None  # closed before its directory goes
        remove_staging(new, e)
        raise
    try:
        swap_in(new, path, old)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)


def swap_in(new: str | os.PathLike, location: str | os.PathLike, old: str | os.PathLike | None = None) -> Path | None:
    """Put the complete store directory ``new`` at ``location`` with two renames; the previous store
    is moved aside to ``old`` (a fresh name next to it by default) and that path is returned, for the
    caller to delete once nothing reads it any more (None when there was no previous store). If the
    second rename fails the previous store is put back; a crash between the two renames is repaired
    by the next :func:`open_store`."""
    path = Path(location)
    if old is None:
        import uuid
        old = path.parent / f".{path.name}.old-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    old = Path(old)
    had_old = path.exists()
    if had_old:
        os.replace(path, old)
    try:
        os.replace(new, path)
    except BaseException:
        if old.exists():
            os.replace(old, path)
        raise
    return old if had_old else None


def _recover(path: Path) -> None:
    """If a swap was interrupted between its two renames, put the previous store back: of the
    stores moved aside (a killed ``kg serve`` leaves older ones too), the one written last."""
    if path.exists() or not path.parent.is_dir():
        return
    aside = [old for old in path.parent.glob(f".{path.name}.old-*") if (old / MARKER).is_file()]
    if aside:
        os.replace(max(aside, key=lambda old: ((old / MARKER).stat().st_mtime_ns, old.name)), path)


def clean_staging(location: str | os.PathLike) -> list[Path]:
    """Delete the directories that builds, imports and server updates of the store at ``location``
    left beside it when they were killed, and return them. Call it only while holding the store's
    write lock (:func:`store_lock` does): then no build, import or update of this store is under way.

    Each name says what made it and the process id: ``.NAME.new-PID`` (a build's new store),
    ``.NAME.import-PID-HEX``, ``.NAME.update-PID-HEX`` (copies being changed), ``.NAME.old-PID`` and
    ``.NAME.old-PID-HEX`` (a replaced store, which ``kg serve`` keeps while its workers read it).
    Kept: a directory whose process is alive (or whose number is none this machine gives), a
    symbolic link, anything else beside the store, and every ``.old-`` directory while the store
    itself is missing (it may be the only copy left)."""
    path = Path(location)
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(new|old|import|update)-(\d+)(?:-[0-9a-f]{{8}})?")
    store_there = (path / MARKER).is_file()
    removed = []
    for entry in sorted(path.parent.iterdir()) if path.parent.is_dir() else []:
        m = pattern.fullmatch(entry.name)
        if not m or entry.is_symlink() or not entry.is_dir() or _alive(int(m.group(2))):
            continue
        if m.group(1) == "old" and not store_there:
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def _alive(pid: int) -> bool:
    """Whether process ``pid`` may be running (yes for a number no process can have: not ours to delete)."""
    if pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):  # another user's process; a number too large to be a pid
        return True
    return True


def remove_staging(directory: str | os.PathLike, error: BaseException | None = None) -> None:
    """Delete a staging store ``directory`` once its pyoxigraph Store is closed. A Store closes only
    when the last reference to it goes, and until then RocksDB's threads may still write files into
    its directory: a delete then can leave the directory behind (a compaction's .sst appearing
    after rmtree listed the files). The caller drops its own references; the frames of ``error``'s
    traceback (the functions the store was handed to, which raised) hold more: they are cleared."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        traceback.clear_frames(error.__traceback__)
        error = error.__cause__ or error.__context__
    shutil.rmtree(directory, ignore_errors=True)
