"""Reading a user's text files with a clear error, and writing files so that a reader never sees half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import InputError


def read_text(path: str | os.PathLike, what: str = "the file") -> str:
    """The UTF-8 text of a file a user gave (an authoring, alias, mapping or query file); an
    InputError naming the file when it cannot be read or is not UTF-8, never a traceback."""
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise InputError(f"cannot read {what}: {e.strerror}", str(path)) from None
    return decode_text(data, str(path))


def decode_text(data: bytes, file: str) -> str:
    """``data`` as UTF-8 text; an InputError naming ``file`` and the first bad byte's line otherwise."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"not UTF-8 text ({e.reason} at byte {e.start}); save the file as UTF-8",
                         file, data.count(b"\n", 0, e.start) + 1) from None


def write_atomically(path: str | os.PathLike, data: bytes | str) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place. An existing
    file keeps its permissions; a failure leaves it untouched and names ``path``, not the
    temporary file."""
    write_all_atomically({path: data})


@contextlib.contextmanager
def open_atomically(path: str | os.PathLike):
    """A binary file to stream into: written beside ``path`` and renamed into place when the block
    ends without an error (the existing file keeps its permissions); on an error it is removed and
    ``path`` stays as it was. For output too large to hold in memory (an N-Quads dump of the store)."""
    with open_all_atomically([path]) as (handle,):
        yield handle


@contextlib.contextmanager
def open_all_atomically(paths):
    """:func:`open_atomically` for several files that belong together (a list of handles, in the
    order of ``paths``): each is written beside its target, and only once all are complete are
    they renamed into place, so a failure while writing (a full disk, a missing directory) leaves
    every existing file as it was. The renames are one after the other, not one atomic step."""
    staged: list[tuple[str, str]] = []
    handles = []
    try:
        for path in paths:
            target = os.fspath(path)
            fd, tmp = _temp_beside(target)
            staged.append((tmp, target))
            handles.append(os.fdopen(fd, "wb"))
        yield handles
        for handle, (tmp, target) in zip(handles, staged):
            _finish(handle, tmp, target)
            handle.close()
        for tmp, target in staged:
            os.replace(tmp, target)
    finally:
        for handle in handles:
            handle.close()
        for tmp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def _temp_beside(target: str) -> tuple[int, str]:
    """A new temporary file in ``target``'s folder (so the rename is atomic); errors name ``target``."""
    try:
        return tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp",
                                dir=os.path.dirname(os.path.abspath(target)))
    except OSError as e:
        raise OSError(e.errno, e.strerror, target) from None


def _finish(handle, tmp: str, target: str) -> None:
    """Put the written data on disk and give ``tmp`` the permissions of the file it replaces."""
    handle.flush()
    os.fsync(handle.fileno())
    try:
        mode = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o644
    os.chmod(tmp, mode)


def write_all_atomically(files: dict[str | os.PathLike, bytes | str]) -> None:
    """:func:`write_atomically` for several files that belong together (see :func:`open_all_atomically`)."""
    with open_all_atomically(files) as handles:
        for handle, data in zip(handles, files.values()):
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
